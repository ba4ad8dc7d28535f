// jospar export open-data --out DIR [--format csv|json|open-sdg] [--db URL]: writes the open-data files.
#include <filesystem>
#include <iostream>
#include <memory>
#include <set>
#include <string>

#include "app/commands.hpp"
#include "app/options.hpp"
#include "core/opendata/export.hpp"
#include "formats/opendata_export.hpp"
#include "store/open.hpp"

namespace jospar::app {
namespace {

namespace fs = std::filesystem;

// Writes the Open SDG repository's files under `root` and removes files of an earlier export there that
// are no longer part of it (only data/indicator_*.csv, meta/*.yml and translations/*/*.yml).
Status WriteOpenSdgTree(const fs::path& root, const formats::OpenSdgFiles& repo) {
  for (const char* d : {"data", "meta", "translations"}) {
    std::error_code ec;
    fs::create_directories(root / d, ec);
  }
  std::set<fs::path> keep;
  for (const auto& [rel, bytes] : repo.files) {
    const fs::path p = root / rel;
    if (auto st = formats::WriteFileAtomically(p.string(), bytes); !st) return st;
    keep.insert(p.lexically_normal());
  }
  std::error_code ec;
  for (const char* d : {"data", "meta", "translations"}) {
    std::vector<fs::path> stale;
    for (fs::recursive_directory_iterator it(root / d, ec), end; !ec && it != end; it.increment(ec)) {
      if (!it->is_regular_file(ec)) continue;
      const fs::path p = it->path().lexically_normal();
      const std::string name = p.filename().string();
      const bool ours =
          (std::string(d) == "data" && name.rfind("indicator_", 0) == 0 && p.extension() == ".csv") ||
          (std::string(d) != "data" && p.extension() == ".yml");
      if (ours && !keep.count(p)) stale.push_back(p);
    }
    for (const auto& p : stale) fs::remove(p, ec);
  }
  return {};
}

int RunExport(const std::string& out_dir, const std::string& format, const std::string& db_url) {
  std::vector<formats::ExportFormat> wanted;
  if (format.empty()) {
    wanted = {formats::ExportFormat::kCsv, formats::ExportFormat::kJson, formats::ExportFormat::kOpenSdg};
  } else if (auto f = formats::ParseExportFormat(format)) {
    wanted = {*f};
  } else {
    std::cerr << "jospar export: --format must be csv, json or open-sdg, not '" << format << "'\n";
    return 2;
  }
  auto store = store::OpenStore(db_url);
  if (!store) {
    std::cerr << "jospar export: cannot open the database " << db_url << ": " << store.error().detail << "\n";
    return 1;
  }
  const bool tables = format != "open-sdg";
  const bool open_sdg = format.empty() || format == "open-sdg";
  auto snapshot = usecases::ReadOpenData(**store, tables, open_sdg);
  if (!snapshot) {
    std::cerr << "jospar export: " << ErrorCodeName(snapshot.error().code) << ": " << snapshot.error().detail
              << "\n";
    return 1;
  }
  auto bundle = formats::SerializeOpenData(*snapshot, wanted);
  if (!bundle) {
    std::cerr << "jospar export: " << bundle.error().detail << "\n";
    return 1;
  }
  for (const auto& w : bundle->warnings) std::cerr << "warning: " << w << "\n";
  const fs::path root(out_dir);
  if (format == "open-sdg") {
    // The repository itself, so that `jospar import open-sdg DIR` reads it.
    if (auto st = WriteOpenSdgTree(root, bundle->open_sdg); !st) {
      std::cerr << "jospar export: " << st.error().detail << "\n";
      return 1;
    }
  } else {
    for (const auto& f : bundle->files) {
      if (auto st = formats::WriteFileAtomically((root / f.name).string(), *f.bytes); !st) {
        std::cerr << "jospar export: " << st.error().detail << "\n";
        return 1;
      }
    }
    if (open_sdg) {
      if (auto st = WriteOpenSdgTree(root / formats::kOpenSdgFolder, bundle->open_sdg); !st) {
        std::cerr << "jospar export: " << st.error().detail << "\n";
        return 1;
      }
    }
    if (auto st =
            formats::WriteFileAtomically((root / "SHA256SUMS").string(), formats::Sha256Sums(bundle->files));
        !st) {
      std::cerr << "jospar export: " << st.error().detail << "\n";
      return 1;
    }
  }
  // The same lines as SHA256SUMS (for open-sdg: the hash of the archive the portal offers).
  std::cout << formats::Sha256Sums(bundle->files);
  return 0;
}

}  // namespace

void AddExportCommand(CLI::App& cli, int& exit_code) {
  auto* cmd = cli.add_subcommand("export", "Export data from the database");
  cmd->require_subcommand(1);
  auto* od = cmd->add_subcommand("open-data",
                                 "Write every public dataset as CSV and JSON and the indicator series as an "
                                 "Open SDG repository (deterministic files with their SHA-256)");
  auto out = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>();
  auto db = std::make_shared<std::string>();
  od->add_option("--out", *out, "The folder to write into (created when missing)")->required();
  od->add_option("--format", *format,
                 "Only this format: csv, json, or open-sdg (the repository itself, readable by "
                 "`jospar import open-sdg DIR`); all when absent");
  AddStoreOptions(od, *db);
  od->callback([&exit_code, out, format, db] { exit_code = RunExport(*out, *format, *db); });
}

}  // namespace jospar::app
