// Jospar's template for importing legacy programmes, in XLSX (one workbook) or CSV (one file per sheet):
// the layout, the reader that turns uploaded files into a LegacyProgramme with located problems, and the
// writers of the empty template that the portal, the API and `jospar template legacy` offer.
//
// Layout: sheets "documents", "goals", "indicators", "values" (and "instructions", which is ignored on
// import). Row 1 holds the column names below (any order; unknown names are a problem; missing optional
// columns read as empty); every following non-empty row is one object. A CSV file stands for the sheet
// whose name its file name ends with before ".csv" ("documents.csv", "legacy-goals.csv", ...).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/error.hpp"
#include "core/plan/legacy.hpp"

namespace jospar::formats {

struct LegacyColumn {
  std::string name;  // "end_year"
  bool required = false;
  std::string expected;  // untranslated hint of the content, e.g. "a year, e.g. 2030"
};

struct LegacySheetSpec {
  std::string name;  // "documents"
  std::vector<LegacyColumn> columns;
};

// The four data sheets in import order.
const std::vector<LegacySheetSpec>& LegacySheets();

// An uploaded file: its name (only the base name is used in messages) and its bytes.
struct LegacyFile {
  std::string name;
  std::string bytes;
};

struct LegacyReadResult {
  LegacyProgramme programme;
  std::vector<LegacyProblem> problems;  // every problem found; when non-empty nothing may be imported
};

// Reads XLSX files (by the "PK" signature or the .xlsx extension) and CSV files (.csv) into one programme.
// Never fails as a whole: a file that cannot be read at all, a sheet that a CSV file name does not name,
// a missing required column, an unknown column and every cell that does not hold what its column expects
// (year, number, status, tier, period, disaggregation "DIM=CODE|...") are problems with their place.
// Rows that are entirely empty are skipped. XLSX cells may be text, numbers, dates or booleans; numbers in
// text cells are accepted ("12.5", "12,5").
LegacyReadResult ReadLegacyFiles(const std::vector<LegacyFile>& files);

// The sheet a CSV file name stands for ("plan-values.csv" -> "values", also "instructions", whose files
// ReadLegacyFiles skips), or empty when none.
std::string LegacySheetOfCsvName(std::string_view file_name);

// The instructions of the template, one line per entry, in "kk", "ru" or "en".
std::vector<std::string> LegacyInstructions(std::string_view lang);

// Writes the empty template (the four data sheets with their header row, plus the
// "instructions" sheet in kk, ru and en) with libxlsxwriter to `path`. kInternal on a write error.
Status WriteLegacyTemplateXlsx(const std::string& path);
// The XLSX template as bytes (written once to a temporary file, then kept in memory; thread-safe).
Result<std::string> LegacyTemplateXlsxBytes();
// The CSV template of one sheet ("documents", ..., or "instructions"): the header row (UTF-8,
// CRLF line ends); empty when the sheet does not exist.
std::string LegacyTemplateCsv(std::string_view sheet);

}  // namespace jospar::formats
