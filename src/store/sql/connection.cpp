#include "store/sql/connection.hpp"

namespace jospar::store::sql {

Query& Query::Bind(const Value& v) {
  if (const auto* i = std::get_if<std::int64_t>(&v)) return Bind(*i);
  if (const auto* d = std::get_if<double>(&v)) return Bind(*d);
  if (const auto* s = std::get_if<std::string>(&v)) return Bind(std::string_view(*s));
  s_->BindNull(next_++);
  return *this;
}

Status Query::Run() {
  while (true) {
    auto row = s_->Next();
    if (!row) return Fail(row.error());
    if (!*row) return {};
  }
}

Result<std::int64_t> Query::OneInt() {
  auto row = s_->Next();
  if (!row) return Fail(row.error());
  if (!*row || s_->IsNull(0)) return Fail(ErrorCode::kNotFound, "error.not_found", "no row");
  std::int64_t v = s_->Int(0);
  while (true) {  // drain so that the statement is complete
    auto more = s_->Next();
    if (!more) return Fail(more.error());
    if (!*more) break;
  }
  return v;
}

}  // namespace jospar::store::sql
