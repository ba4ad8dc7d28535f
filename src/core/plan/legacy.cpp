#include "core/plan/legacy.hpp"

namespace jospar {

std::string DescribeLocation(const SheetLocation& at) {
  std::string s = at.file;
  auto part = [&s](const std::string& p) {
    if (p.empty()) return;
    if (!s.empty()) s += ", ";
    s += p;
  };
  if (!at.sheet.empty()) part("sheet " + at.sheet);
  if (at.row > 0) part("row " + std::to_string(at.row));
  if (!at.column.empty()) part("column " + at.column);
  return s;
}

}  // namespace jospar
