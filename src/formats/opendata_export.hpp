// The files of an open-data export: every dataset as CSV and JSON, and the indicator series as an Open SDG
// repository (a folder tree, and the same tree as one deterministic tar archive for downloading), each
// with its SHA-256. Bytes only; writing them to a folder is WriteExportFiles.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/error.hpp"
#include "core/opendata/export.hpp"
#include "formats/opensdg_writer.hpp"

namespace jospar::formats {

enum class ExportFormat { kCsv, kJson, kOpenSdg };

// "csv", "json", "open-sdg".
std::string_view ToString(ExportFormat f);
std::optional<ExportFormat> ParseExportFormat(std::string_view s);

// The name of the Open SDG archive and of the folder it unpacks to.
inline constexpr const char* kOpenSdgArchive = "open-sdg.tar";
inline constexpr const char* kOpenSdgFolder = "open-sdg";

struct ExportFile {
  std::string name;     // "documents.csv", "values.json", "open-sdg.tar"
  std::string dataset;  // the dataset id; "open-sdg" for the archive
  ExportFormat format = ExportFormat::kCsv;
  std::string media_type;  // "text/csv; charset=utf-8", "application/json", "application/x-tar"
  std::shared_ptr<const std::string> bytes;
  std::string sha256;      // hex
  std::int64_t rows = -1;  // records of a table; -1 for the archive
};

struct ExportBundle {
  std::vector<ExportFile> files;  // tables in registry order, CSV before JSON, then the archive
  OpenSdgFiles open_sdg;          // the repository's files (also inside the archive), when asked for
  std::vector<std::string> warnings;
};

// Serialises the snapshot in the given formats (the snapshot must hold what they need: tables for CSV and
// JSON, open_sdg for Open SDG). Deterministic. kInternal when the archive cannot be written.
Result<ExportBundle> SerializeOpenData(const usecases::OpenDataSnapshot& snapshot,
                                       const std::vector<ExportFormat>& formats);

// "<sha256>  <name>\n" per file, sorted by name: the format `sha256sum -c` checks.
std::string Sha256Sums(const std::vector<ExportFile>& files);

// Writes `bytes` to `path` through a temporary file in the same folder and a rename, so that a reader
// sees the old or the new file, never a part. Creates missing folders. kInternal naming the path on failure.
Status WriteFileAtomically(const std::string& path, std::string_view bytes);

}  // namespace jospar::formats
