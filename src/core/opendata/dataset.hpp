// Open data: the public datasets of Jospar as plain tables with a data dictionary, and the registry that
// lists them. Plain values and rules, no I/O: src/formats writes the tables as CSV and JSON, the web layer
// and the CLI serve and store the files.
//
// Data dictionary texts (the dataset's title and description and every column's meaning) are interface
// strings in kk/ru/en under locale keys derived from the ids (see TitleKey, DescriptionKey, ColumnKey), so
// that the portal, the API catalogue and the locales test share one source.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/base/error.hpp"
#include "core/base/unit_of_work.hpp"

namespace jospar::opendata {

enum class ColumnType {
  kString,   // UTF-8 text
  kInteger,  // a whole number (ids, years, counts)
  kNumber,   // a decimal number, written as the shortest text that reads back to the same double
  kBoolean,  // true / false
};

// "string", "integer", "number", "boolean" (the names of JSON Schema).
std::string_view ToString(ColumnType t);

struct Column {
  std::string name;  // as in the CSV header and the JSON keys: lower_snake_case
  ColumnType type = ColumnType::kString;
  bool nullable = false;  // may be empty (CSV) / null (JSON)
};

// One value. std::monostate is "no value" (only in nullable columns).
using Cell = std::variant<std::monostate, std::string, std::int64_t, double, bool>;
using Row = std::vector<Cell>;

struct Table {
  std::string dataset;  // the id of the dataset
  std::vector<Column> columns;
  std::vector<Row> rows;  // each of columns.size() cells, in the dataset's documented order
};

// One public dataset. `rows` reads everything through the store port and returns the rows in a fixed
// order (documented in the description), so that the same store always gives the same table.
struct DatasetSpec {
  std::string id;  // "documents"; file names documents.csv, documents.json
  std::vector<Column> columns;
  std::function<Result<std::vector<Row>>(Tx&)> rows;
};

// Locale keys of the dictionary: "opendata.<id>.title", "opendata.<id>.description",
// "opendata.<id>.col.<column>".
std::string TitleKey(std::string_view dataset);
std::string DescriptionKey(std::string_view dataset);
std::string ColumnKey(std::string_view dataset, std::string_view column);

// Reads one dataset in one read through `tx`. kInternal when a row does not match the columns (a
// programmer error in the spec, reported rather than written); store errors as they come.
Result<Table> BuildTable(Tx& tx, const DatasetSpec& spec);

}  // namespace jospar::opendata
