// Reading an Open SDG data repository (https://open-sdg.org; e.g. kazstat/sdg-data-kazstat) into the core
// value OpenSdgDataset:
//   data/indicator_G-T-I.csv        Year, disaggregation columns, SERIES, UNIT_MEASURE, Value
//   meta/G-T-I.yml                  indicator metadata; values are often translation keys "group.key"
//   indicator-config/G-T-I.yml      the indicator's number, name and unit (read before meta/, which wins)
//   translations/{kk,ru,en}/*.yml   the texts behind the keys; UPPER_CASE files are code lists
//
// Every error is kInvalidInput with message "error.import.malformed" and a detail
// "FILE:LINE:COLUMN: what was expected" (FILE relative to the directory). Files that are not understood
// (other extensions, stray folders) are skipped and named in OpenSdgDataset::warnings, as are tolerated
// quirks of the published data: rows with a wrong number of fields, rows repeating an earlier row's key
// (the later value wins), rows without a value.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/error.hpp"
#include "core/plan/opensdg.hpp"

namespace jospar::formats {

// key -> text of one translation file (a YAML mapping of scalars; an empty file is an empty mapping).
using TranslationFile = std::map<std::string, std::string, std::less<>>;
Result<TranslationFile> ParseTranslationYaml(std::string_view text, std::string_view file_name);

// Top-level scalar fields of one metadata file as text (true/false/numbers as written; null as empty).
// Nested sequences and mappings are ignored.
using MetaFile = std::map<std::string, std::string, std::less<>>;
Result<MetaFile> ParseMetaYaml(std::string_view text, std::string_view file_name);

// The rows of one data file as observations (indicator_id 0), keys unique, plus warnings.
struct DataFile {
  std::vector<Observation> observations;
  std::vector<std::string> warnings;
};
Result<DataFile> ParseOpenSdgCsv(std::string_view text, std::string_view file_name);

// Reads the whole repository at `dir`. kNotFound when `dir` is not a directory.
Result<OpenSdgDataset> ReadOpenSdg(const std::string& dir);

}  // namespace jospar::formats
