// jospar import legacy FILE... [--dry-run] and jospar template legacy --out FILE.xlsx|FILE.csv.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "app/clock.hpp"
#include "app/commands.hpp"
#include "app/options.hpp"
#include "core/plan/usecases/import_legacy.hpp"
#include "formats/legacy.hpp"
#include "store/open.hpp"
#include "web/i18n.hpp"

namespace jospar::app {

namespace {

const char* ChangeName(usecases::LegacyChange c) {
  switch (c) {
    case usecases::LegacyChange::kNew:
      return "new";
    case usecases::LegacyChange::kChanged:
      return "changed";
    case usecases::LegacyChange::kUnchanged:
      return "unchanged";
  }
  return "";
}

// Translates a message key with the loaded locales, or shows the key when they are not available.
class Messages {
 public:
  explicit Messages(const std::string& lang) : lang_(ParseLang(lang).value_or(Lang::kEn)) {
    auto l = web::Locales::Load(DefaultResourceDir("locales"));
    if (l) locales_ = std::make_unique<web::Locales>(std::move(*l));
  }
  std::string Get(const std::string& key) const {
    if (!locales_ || !locales_->Has(lang_, key)) return key;
    return locales_->Get(lang_, key);
  }
  std::string Heading(const std::string& key, const std::string& fallback) const {
    return locales_ && locales_->Has(lang_, key) ? locales_->Get(lang_, key) : fallback;
  }

 private:
  Lang lang_;
  std::unique_ptr<web::Locales> locales_;
};

void PrintCounts(const char* what, const usecases::ImportCounts& c) {
  std::printf("  %-11s %7lld new %7lld changed %7lld unchanged\n", what, static_cast<long long>(c.inserted),
              static_cast<long long>(c.updated), static_cast<long long>(c.unchanged));
}

int RunImportLegacy(const std::vector<std::string>& paths, const std::string& db_url, bool dry_run,
                    bool verbose, const std::string& lang) {
  Messages msg(lang);
  std::vector<formats::LegacyFile> files;
  for (const auto& path : paths) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      std::cerr << "jospar import legacy: cannot read " << path << "\nnothing was imported\n";
      return 1;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    files.push_back({path, ss.str()});
  }
  auto read = formats::ReadLegacyFiles(files);
  auto store = store::OpenStore(db_url);
  if (!store) {
    std::cerr << "jospar import legacy: cannot open the database " << db_url << ": " << store.error().detail
              << "\n";
    return 1;
  }
  std::int64_t last_percent = -1;
  usecases::LegacyImportOptions options;
  options.dry_run = dry_run;
  options.read_problems = std::move(read.problems);
  if (isatty(STDERR_FILENO) && read.programme.Rows() >= 200) {
    options.progress = [&last_percent](std::int64_t done, std::int64_t total) {
      std::int64_t percent = total > 0 ? done * 100 / total : 100;
      if (percent == last_percent) return;
      last_percent = percent;
      std::string bar(static_cast<std::size_t>(percent * 30 / 100), '#');
      bar.resize(30, '.');
      std::fprintf(stderr, "\rimport [%s] %3lld%%  %lld/%lld", bar.c_str(), static_cast<long long>(percent),
                   static_cast<long long>(done), static_cast<long long>(total));
      if (done == total) std::fputc('\n', stderr);
      std::fflush(stderr);
    };
  }
  auto caller = std::make_unique<usecases::Caller>();  // on the heap: GCC 12 -O3 warns falsely on the stack
  caller->principal.name = "import";
  caller->principal.role = Role::kAdmin;
  caller->now = UtcNow();
  auto report = usecases::ImportLegacy(**store, *caller, read.programme, options);
  if (!report) {
    std::cerr << "jospar import legacy: " << ErrorCodeName(report.error().code) << ": "
              << msg.Get(report.error().message_key) << " " << report.error().detail
              << "\nnothing was imported\n";
    return 1;
  }
  if (!report->problems.empty()) {
    for (const auto& p : report->problems) {
      std::cerr << DescribeLocation(p.at) << ": " << msg.Get(p.message_key);
      if (!p.expected.empty()) std::cerr << "; expected: " << p.expected;
      if (!p.found.empty()) std::cerr << "; found: \"" << p.found << "\"";
      std::cerr << "\n";
    }
    std::cerr << report->problems.size() << " problem(s); nothing was imported\n";
    return 1;
  }
  std::printf("%s\n", dry_run ? "Dry run: nothing was written. The import would make these changes:"
                              : "Legacy programme import:");
  for (const auto& o : report->objects) {
    if (o.change == usecases::LegacyChange::kUnchanged && !verbose) continue;
    std::printf("  %-9s %-10s %s\n", ChangeName(o.change), o.what.c_str(), o.key.c_str());
    for (const auto& f : o.fields)
      std::printf("      %s: %s -> %s\n", f.field.c_str(), f.before.empty() ? "(none)" : f.before.c_str(),
                  f.after.empty() ? "(none)" : f.after.c_str());
  }
  PrintCounts("documents", report->documents);
  PrintCounts("goals", report->goals);
  PrintCounts("indicators", report->indicators);
  PrintCounts("values", report->values);
  if (report->Changes() == 0)
    std::printf("Nothing to change: the database already holds everything in %s.\n",
                paths.size() == 1 ? "this file" : "these files");
  else if (dry_run)
    std::printf("%lld change(s) would be made; run without --dry-run to import.\n",
                static_cast<long long>(report->Changes()));
  else
    std::printf("%lld change(s) imported, each recorded in the history.\n",
                static_cast<long long>(report->Changes()));
  return 0;
}

int RunTemplateLegacy(const std::string& out) {
  namespace fs = std::filesystem;
  const fs::path path(out);
  std::string ext = path.extension().string();
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == ".xlsx") {
    auto st = formats::WriteLegacyTemplateXlsx(out);
    if (!st) {
      std::cerr << "jospar template legacy: " << st.error().detail << "\n";
      return 1;
    }
    std::printf("wrote %s (sheets instructions, documents, goals, indicators, values)\n", out.c_str());
    return 0;
  }
  if (ext == ".csv") {
    // FILE.csv -> FILE-documents.csv, FILE-goals.csv, ... (the import recognises the sheet by the suffix).
    const std::string stem = (path.parent_path() / path.stem()).string();
    for (const char* sheet : {"instructions", "documents", "goals", "indicators", "values"}) {
      const std::string name = stem + "-" + sheet + ".csv";
      std::ofstream f(name, std::ios::binary | std::ios::trunc);
      f << formats::LegacyTemplateCsv(sheet);
      if (!f) {
        std::cerr << "jospar template legacy: cannot write " << name << "\n";
        return 1;
      }
      std::printf("wrote %s\n", name.c_str());
    }
    return 0;
  }
  std::cerr << "jospar template legacy: --out must end with .xlsx or .csv\n";
  return 2;
}

}  // namespace

void AddLegacyCommands(CLI::App& cli, int& exit_code) {
  auto* import = cli.get_subcommand("import");
  auto* legacy = import->add_subcommand(
      "legacy",
      "Import legacy programmes from the XLSX or CSV template (all or nothing; --dry-run shows changes)");
  auto files = std::make_shared<std::vector<std::string>>();
  auto db = std::make_shared<std::string>();
  auto dry_run = std::make_shared<bool>(false);
  auto verbose = std::make_shared<bool>(false);
  auto lang = std::make_shared<std::string>("en");
  legacy->add_option("FILE", *files, "An .xlsx workbook, or .csv files named after their sheet")->required();
  legacy->add_flag("--dry-run", *dry_run, "Check and show what would change; write nothing");
  legacy->add_flag("--verbose,-v", *verbose, "Also list the objects that would not change");
  legacy->add_option("--lang", *lang, "Language of the messages: kk, ru or en")->capture_default_str();
  AddStoreOptions(legacy, *db);
  legacy->callback([&exit_code, files, db, dry_run, verbose, lang] {
    exit_code = RunImportLegacy(*files, *db, *dry_run, *verbose, *lang);
  });

  auto* tmpl = cli.add_subcommand("template", "Write an empty import template");
  tmpl->require_subcommand(1);
  auto* tl = tmpl->add_subcommand("legacy", "The legacy programme template (XLSX, or CSV files per sheet)");
  auto out = std::make_shared<std::string>();
  tl->add_option("--out", *out, "FILE.xlsx, or FILE.csv for FILE-documents.csv, FILE-goals.csv, ...")
      ->required();
  tl->callback([&exit_code, out] { exit_code = RunTemplateLegacy(*out); });
}

}  // namespace jospar::app
