#include "core/opendata/dataset.hpp"

namespace jospar::opendata {

std::string_view ToString(ColumnType t) {
  switch (t) {
    case ColumnType::kString:
      return "string";
    case ColumnType::kInteger:
      return "integer";
    case ColumnType::kNumber:
      return "number";
    case ColumnType::kBoolean:
      return "boolean";
  }
  return "string";
}

std::string TitleKey(std::string_view dataset) { return "opendata." + std::string(dataset) + ".title"; }
std::string DescriptionKey(std::string_view dataset) {
  return "opendata." + std::string(dataset) + ".description";
}
std::string ColumnKey(std::string_view dataset, std::string_view column) {
  return "opendata." + std::string(dataset) + ".col." + std::string(column);
}

namespace {

bool Fits(const Cell& cell, const Column& col) {
  switch (cell.index()) {
    case 0:
      return col.nullable;
    case 1:
      return col.type == ColumnType::kString;
    case 2:
      return col.type == ColumnType::kInteger;
    case 3:
      return col.type == ColumnType::kNumber;
    case 4:
      return col.type == ColumnType::kBoolean;
  }
  return false;
}

}  // namespace

Result<Table> BuildTable(Tx& tx, const DatasetSpec& spec) {
  auto rows = spec.rows(tx);
  if (!rows) return Fail(rows.error());
  Table t;
  t.dataset = spec.id;
  t.columns = spec.columns;
  t.rows = std::move(*rows);
  for (size_t r = 0; r < t.rows.size(); ++r) {
    const Row& row = t.rows[r];
    if (row.size() != t.columns.size())
      return Fail(ErrorCode::kInternal, "error.internal",
                  spec.id + ": row " + std::to_string(r) + " has " + std::to_string(row.size()) + " cells");
    for (size_t c = 0; c < row.size(); ++c)
      if (!Fits(row[c], t.columns[c]))
        return Fail(
            ErrorCode::kInternal, "error.internal",
            spec.id + ": row " + std::to_string(r) + ", column " + t.columns[c].name + ": wrong type");
  }
  return t;
}

}  // namespace jospar::opendata
