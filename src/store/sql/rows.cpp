#include "store/sql/rows.hpp"

#include <algorithm>
#include <cctype>

#include <nlohmann/json.hpp>

#include "analytics/normalize.hpp"

namespace jospar::store::sql {
namespace {

constexpr int kMaxLimit = 500;
constexpr std::string_view kB64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string Base64Url(std::string_view in) {
  std::string out;
  unsigned int buf = 0;
  int bits = 0;
  for (unsigned char ch : in) {
    buf = (buf << 8) | ch;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out.push_back(kB64[(buf >> bits) & 0x3F]);
    }
  }
  if (bits > 0) out.push_back(kB64[(buf << (6 - bits)) & 0x3F]);
  return out;
}

std::optional<std::string> FromBase64Url(std::string_view in) {
  std::string out;
  unsigned int buf = 0;
  int bits = 0;
  for (char ch : in) {
    auto pos = kB64.find(ch);
    if (pos == std::string_view::npos) return std::nullopt;
    buf = (buf << 6) | static_cast<unsigned int>(pos);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buf >> bits) & 0xFF));
    }
  }
  return out;
}

tl::unexpected<Error> BadCursor() {
  return Fail(ErrorCode::kInvalidInput, "error.invalid_input", "malformed cursor",
              {FieldError{"cursor", "error.invalid_cursor", "use next_cursor of the previous page"}});
}

}  // namespace

std::string SearchColumn(std::initializer_list<std::string_view> parts) {
  std::string joined;
  for (auto part : parts) {
    if (part.empty()) continue;
    if (!joined.empty()) joined.push_back(' ');
    joined.append(part);
  }
  return analytics::SearchKey(joined);
}

std::string SearchColumn(std::string_view code, const Text& a, const Text& b) {
  return SearchColumn({code, a.kk, a.ru, a.en, b.kk, b.ru, b.en});
}

std::string SearchPattern(std::string_view query) {
  std::string key = analytics::SearchKey(query);
  if (key.empty()) return {};
  std::string pattern = "%";
  for (char ch : key) {
    if (ch == '%' || ch == '_' || ch == '\\') pattern.push_back('\\');
    pattern.push_back(ch);
  }
  pattern.push_back('%');
  return pattern;
}

std::string CodeKey(std::string_view code) {
  constexpr size_t kWidth = 12;
  std::string out;
  size_t i = 0;
  while (i < code.size()) {
    if (std::isdigit(static_cast<unsigned char>(code[i])) == 0) {
      out.push_back(code[i++]);
      continue;
    }
    size_t j = i;
    while (j < code.size() && std::isdigit(static_cast<unsigned char>(code[j])) != 0) ++j;
    std::string_view digits = code.substr(i, j - i);
    while (digits.size() > 1 && digits.front() == '0') digits.remove_prefix(1);
    if (digits.size() < kWidth) out.append(kWidth - digits.size(), '0');
    out.append(digits);
    i = j;
  }
  return out;
}

std::string_view TitleColumn(Lang lang) {
  switch (lang) {
    case Lang::kKk:
      return "title_kk";
    case Lang::kRu:
      return "title_ru";
    case Lang::kEn:
      break;
  }
  return "title_en";
}

tl::unexpected<Error> NotFound(std::string_view what) {
  return Fail(ErrorCode::kNotFound, "error.not_found", std::string(what));
}

tl::unexpected<Error> VersionConflict(std::string_view what) {
  return Fail(ErrorCode::kConflict, "error.version_conflict",
              std::string(what) + " was changed by someone else; reload and try again");
}

Status CheckedWrite(Connection& c, Query& q, std::string_view table, Id id, bool versioned,
                    std::string_view what) {
  STORE_TRY(q.Run());
  if (q.Changes() > 0) return {};
  STORE_QUERY(exists, c, "SELECT COUNT(*) FROM " + std::string(table) + " WHERE id = ?");
  exists.Bind(id);
  auto n = exists.OneInt();
  if (!n) return Fail(n.error());
  if (*n == 0 || !versioned) return NotFound(what);
  return VersionConflict(what);
}

void Filter::AddSearch(std::string_view query) {
  std::string pattern = SearchPattern(query);
  if (!pattern.empty()) Add("search LIKE ? ESCAPE '\\'", pattern);
}

std::string Filter::Where() const {
  std::string out;
  for (const auto& c : conditions) {
    out += out.empty() ? " WHERE " : " AND ";
    out += c;
  }
  return out;
}

Result<PageRows> RunPage(Connection& c, const ListSpec& spec, const Filter& filter, const PageRequest& p,
                         const std::function<Id(const Query&)>& on_row) {
  const SortField* sort = nullptr;
  for (const auto& s : spec.sorts) {
    if (s.name == p.sort) sort = &s;
  }
  if (sort == nullptr) {
    std::string allowed;
    for (const auto& s : spec.sorts) allowed += (allowed.empty() ? "" : ", ") + s.name;
    return Fail(ErrorCode::kInvalidInput, "error.invalid_input", "unknown sort field",
                {FieldError{"sort", "error.invalid_sort", "one of: " + allowed}});
  }
  const std::string& expr = sort->expression;

  PageRows out;
  {
    STORE_QUERY(count, c, "SELECT COUNT(*) FROM " + spec.table + filter.Where());
    count.BindAll(filter.binds);
    auto n = count.OneInt();
    if (!n) return Fail(n.error());
    out.total = *n;
  }

  Filter page_filter = filter;
  if (!p.cursor.empty()) {
    auto raw = FromBase64Url(p.cursor);
    if (!raw) return BadCursor();
    auto j = nlohmann::json::parse(*raw, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("s") || !j.contains("d") || !j.contains("v") ||
        !j.contains("i") || !j["i"].is_number_integer() || j["s"] != p.sort || j["d"] != p.descending) {
      return BadCursor();
    }
    Value v;
    if (sort->numeric) {
      if (!j["v"].is_number_integer()) return BadCursor();
      v = j["v"].get<std::int64_t>();
    } else {
      if (!j["v"].is_string()) return BadCursor();
      v = j["v"].get<std::string>();
    }
    const char* op = p.descending ? "<" : ">";
    page_filter.conditions.push_back("(" + expr + " " + op + " ? OR (" + expr + " = ? AND id " + op + " ?))");
    page_filter.binds.push_back(v);
    page_filter.binds.push_back(v);
    page_filter.binds.emplace_back(j["i"].get<std::int64_t>());
  }
  const int limit = std::clamp(p.limit, 1, kMaxLimit);
  const char* dir = p.descending ? " DESC" : " ASC";
  std::string sql = "SELECT " + expr + ", " + spec.columns + " FROM " + spec.table + page_filter.Where() +
                    " ORDER BY " + expr + dir + ", id" + dir + " LIMIT ?";
  STORE_QUERY(q, c, sql);
  q.BindAll(page_filter.binds).Bind(static_cast<std::int64_t>(limit) + 1);
  int n = 0;
  Value last_value;
  Id last_id = 0;
  bool more = false;
  while (true) {
    auto row = q.Next();
    if (!row) return Fail(row.error());
    if (!*row) break;
    if (n == limit) {
      more = true;
      break;
    }
    ++n;
    if (sort->numeric) {
      last_value = q.Int(0);
    } else {
      last_value = q.Text(0);
    }
    last_id = on_row(q);
  }
  if (more) {
    nlohmann::json j = {{"s", p.sort}, {"d", p.descending}, {"i", last_id}};
    if (sort->numeric) {
      j["v"] = std::get<std::int64_t>(last_value);
    } else {
      j["v"] = std::get<std::string>(last_value);
    }
    out.next_cursor = Base64Url(j.dump());
  }
  return out;
}

std::string ChangesToJson(const std::vector<FieldChange>& changes) {
  nlohmann::json j = nlohmann::json::array();
  for (const auto& ch : changes)
    j.push_back({{"field", ch.field}, {"before", ch.before}, {"after", ch.after}});
  return j.dump();
}

std::vector<FieldChange> ChangesFromJson(std::string_view json) {
  std::vector<FieldChange> out;
  auto j = nlohmann::json::parse(json, nullptr, false);
  if (!j.is_array()) return out;
  for (const auto& e : j) {
    if (!e.is_object()) continue;
    out.push_back(FieldChange{e.value("field", ""), e.value("before", ""), e.value("after", "")});
  }
  return out;
}

namespace {
nlohmann::json TextJson(const Text& t) { return {{"kk", t.kk}, {"ru", t.ru}, {"en", t.en}}; }
Text TextFrom(const nlohmann::json& j) {
  if (!j.is_object()) return {};
  return Text{j.value("kk", ""), j.value("ru", ""), j.value("en", "")};
}
template <class T>
nlohmann::json Opt(const std::optional<T>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}
template <class T>
std::optional<T> OptFrom(const nlohmann::json& j, const char* key) {
  if (!j.contains(key) || j[key].is_null()) return std::nullopt;
  return j[key].get<T>();
}
}  // namespace

std::string DocumentToJson(const Document& d) {
  nlohmann::json j = {
      {"id", d.id},
      {"code", d.code},
      {"tier", static_cast<int>(d.tier)},
      {"type", d.type},
      {"title", TextJson(d.title)},
      {"summary", TextJson(d.summary)},
      {"act", {{"kind", d.act.kind}, {"number", d.act.number}, {"date", d.act.date}}},
      {"owner_body_id", Opt(d.owner_body_id)},
      {"start_year", Opt(d.start_year)},
      {"end_year", Opt(d.end_year)},
      {"status", ToString(d.status)},
      {"merged_into_id", Opt(d.merged_into_id)},
      {"parent_id", Opt(d.parent_id)},
      {"edition", d.edition},
      {"demo", d.demo},
      {"version", d.version},
  };
  return j.dump();
}

Document DocumentFromJson(std::string_view json) {
  Document d;
  auto j = nlohmann::json::parse(json, nullptr, false);
  if (!j.is_object()) return d;
  d.id = j.value("id", Id{0});
  d.code = j.value("code", "");
  d.tier = ParseTier(j.value("tier", 5)).value_or(Tier::kOperational);
  d.type = j.value("type", "");
  d.title = TextFrom(j.value("title", nlohmann::json()));
  d.summary = TextFrom(j.value("summary", nlohmann::json()));
  auto act = j.value("act", nlohmann::json::object());
  d.act = LegalAct{act.value("kind", ""), act.value("number", ""), act.value("date", "")};
  d.owner_body_id = OptFrom<Id>(j, "owner_body_id");
  d.start_year = OptFrom<int>(j, "start_year");
  d.end_year = OptFrom<int>(j, "end_year");
  d.status = ParseDocStatus(j.value("status", "draft")).value_or(DocStatus::kDraft);
  d.merged_into_id = OptFrom<Id>(j, "merged_into_id");
  d.parent_id = OptFrom<Id>(j, "parent_id");
  d.edition = j.value("edition", 1);
  d.demo = j.value("demo", false);
  d.version = j.value("version", std::int64_t{1});
  return d;
}

}  // namespace jospar::store::sql
