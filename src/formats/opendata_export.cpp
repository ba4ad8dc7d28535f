#include "formats/opendata_export.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "core/ledger/hash.hpp"
#include "formats/opendata_writer.hpp"
#include "formats/tar.hpp"

namespace jospar::formats {

std::string_view ToString(ExportFormat f) {
  switch (f) {
    case ExportFormat::kCsv:
      return "csv";
    case ExportFormat::kJson:
      return "json";
    case ExportFormat::kOpenSdg:
      return "open-sdg";
  }
  return "csv";
}

std::optional<ExportFormat> ParseExportFormat(std::string_view s) {
  for (ExportFormat f : {ExportFormat::kCsv, ExportFormat::kJson, ExportFormat::kOpenSdg})
    if (ToString(f) == s) return f;
  return std::nullopt;
}

namespace {

ExportFile MakeFile(std::string name, std::string dataset, ExportFormat format, std::string media_type,
                    std::string bytes, std::int64_t rows) {
  ExportFile f;
  f.name = std::move(name);
  f.dataset = std::move(dataset);
  f.format = format;
  f.media_type = std::move(media_type);
  f.sha256 = ledger::Sha256Hex(bytes);
  f.bytes = std::make_shared<const std::string>(std::move(bytes));
  f.rows = rows;
  return f;
}

bool Has(const std::vector<ExportFormat>& v, ExportFormat f) {
  return std::find(v.begin(), v.end(), f) != v.end();
}

}  // namespace

Result<ExportBundle> SerializeOpenData(const usecases::OpenDataSnapshot& snapshot,
                                       const std::vector<ExportFormat>& formats) {
  ExportBundle b;
  for (const auto& t : snapshot.tables) {
    const auto rows = static_cast<std::int64_t>(t.rows.size());
    if (Has(formats, ExportFormat::kCsv))
      b.files.push_back(MakeFile(t.dataset + ".csv", t.dataset, ExportFormat::kCsv, "text/csv; charset=utf-8",
                                 WriteOpenDataCsv(t), rows));
    if (Has(formats, ExportFormat::kJson))
      b.files.push_back(MakeFile(t.dataset + ".json", t.dataset, ExportFormat::kJson,
                                 "application/json; charset=utf-8", WriteOpenDataJson(t), rows));
  }
  if (Has(formats, ExportFormat::kOpenSdg) && snapshot.open_sdg) {
    b.open_sdg = WriteOpenSdg(*snapshot.open_sdg);
    for (const auto& w : b.open_sdg.warnings) b.warnings.push_back(w);
    const std::string root = std::string(kOpenSdgFolder) + "/";
    std::vector<TarEntry> entries;
    entries.push_back({root, {}});
    for (const char* d : {"data/", "meta/", "translations/"}) entries.push_back({root + d, {}});
    std::string last_dir;
    for (const auto& [path, bytes] : b.open_sdg.files) {
      // Folders below the three top ones (translations/kk/ ...), each once, before their first file.
      const std::string dir = path.substr(0, path.rfind('/') + 1);
      if (dir != last_dir && std::count(dir.begin(), dir.end(), '/') > 1) entries.push_back({root + dir, {}});
      last_dir = dir;
      entries.push_back({root + path, bytes});
    }
    auto tar = WriteTar(entries);
    if (!tar) return Fail(tar.error());
    b.files.push_back(MakeFile(kOpenSdgArchive, kOpenSdgFolder, ExportFormat::kOpenSdg, "application/x-tar",
                               std::move(*tar), -1));
  }
  return b;
}

std::string Sha256Sums(const std::vector<ExportFile>& files) {
  std::vector<const ExportFile*> sorted;
  for (const auto& f : files) sorted.push_back(&f);
  std::sort(sorted.begin(), sorted.end(),
            [](const ExportFile* a, const ExportFile* b) { return a->name < b->name; });
  std::string out;
  for (const auto* f : sorted) out += f->sha256 + "  " + f->name + "\n";
  return out;
}

Status WriteFileAtomically(const std::string& path, std::string_view bytes) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path p(path);
  if (p.has_parent_path()) fs::create_directories(p.parent_path(), ec);
  const fs::path tmp = p.string() + ".tmp" + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) {
      fs::remove(tmp, ec);
      return Fail(ErrorCode::kInternal, "error.internal", path + ": cannot be written");
    }
  }
  fs::rename(tmp, p, ec);
  if (ec) {
    fs::remove(tmp, ec);
    return Fail(ErrorCode::kInternal, "error.internal", path + ": cannot be written");
  }
  return {};
}

}  // namespace jospar::formats
