// Sorting and cursor paging of the store's lists.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/base/text.hpp"

namespace jospar {

// Sorting and cursor paging of a list. `sort` is one of the sortable fields of the entity ("code",
// "title", "id", and for documents also "tier", "start_year", "status"); an unknown field is kInvalidInput
// naming the field "sort". `cursor` is the opaque next_cursor of the previous page, empty for the first.
struct PageRequest {
  std::string sort = "code";
  bool descending = false;
  std::string cursor;
  int limit = 50;         // clamped to 1..500
  Lang lang = Lang::kEn;  // for sorting by title
};

template <class T>
struct Page {
  std::vector<T> items;
  std::string next_cursor;  // empty on the last page
  std::int64_t total = 0;   // number of matching rows
};

}  // namespace jospar
