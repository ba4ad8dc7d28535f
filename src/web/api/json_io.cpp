#include "web/api/json_io.hpp"

#include <cmath>

namespace jospar::web::api {

Result<json> ParseObject(const std::string& body) {
  try {
    json j = json::parse(body);
    if (!j.is_object())
      return Fail(ErrorCode::kInvalidInput, "error.malformed_json", "a JSON object is expected",
                  {{"body", "error.field.type_object", {}}});
    return j;
  } catch (const json::parse_error& e) {
    return Fail(ErrorCode::kInvalidInput, "error.malformed_json", "byte " + std::to_string(e.byte),
                {{"body", "error.field.malformed_json", "byte " + std::to_string(e.byte)}});
  }
}

Reader::Reader(const json& obj, std::string prefix) : obj_(obj), prefix_(std::move(prefix)) {}

void Reader::Bad(const std::string& name, const char* key, std::string detail) {
  errors_.push_back({Path(name), key, std::move(detail)});
}

const json* Reader::Field(const char* name, bool required) {
  known_.insert(name);
  auto it = obj_.find(name);
  if (it == obj_.end() || it->is_null()) {
    if (required) Bad(name, "error.field.required");
    return nullptr;
  }
  return &*it;
}

void Reader::Str(const char* name, std::string& out, bool required) {
  const json* v = Field(name, required);
  if (!v) return;
  if (!v->is_string()) return Bad(name, "error.field.type_string");
  out = v->get<std::string>();
  if (required && out.empty()) Bad(name, "error.field.required");
}

void Reader::Txt(const char* name, Text& out, bool required) {
  const json* v = Field(name, required);
  if (!v) return;
  if (!v->is_object()) return Bad(name, "error.field.type_object");
  for (auto it = v->begin(); it != v->end(); ++it) {
    const std::string& k = it.key();
    if (k != "kk" && k != "ru" && k != "en") {
      Bad(std::string(name) + "." + k, "error.field.unknown");
      continue;
    }
    if (it->is_null()) continue;
    if (!it->is_string()) {
      Bad(std::string(name) + "." + k, "error.field.type_string");
      continue;
    }
    out.Get(*ParseLang(k)) = it->get<std::string>();
  }
  if (required && out.Empty()) Bad(name, "error.field.required_any_language");
}

void Reader::Int(const char* name, std::optional<int>& out) {
  const json* v = Field(name, false);
  if (!v) return;
  if (!v->is_number_integer() || v->get<std::int64_t>() < INT32_MIN || v->get<std::int64_t>() > INT32_MAX)
    return Bad(name, "error.field.type_integer");
  out = v->get<int>();
}

void Reader::Int(const char* name, int& out, bool required) {
  const json* v = Field(name, required);
  if (!v) return;
  if (!v->is_number_integer() || v->get<std::int64_t>() < INT32_MIN || v->get<std::int64_t>() > INT32_MAX)
    return Bad(name, "error.field.type_integer");
  out = v->get<int>();
}

void Reader::OptId(const char* name, std::optional<Id>& out) {
  const json* v = Field(name, false);
  if (!v) return;
  if (!v->is_number_integer() || v->get<std::int64_t>() <= 0)
    return Bad(name, "error.field.type_integer", "id > 0");
  out = v->get<Id>();
}

void Reader::ReqId(const char* name, Id& out) {
  const json* v = Field(name, true);
  if (!v) return;
  if (!v->is_number_integer() || v->get<std::int64_t>() <= 0)
    return Bad(name, "error.field.type_integer", "id > 0");
  out = v->get<Id>();
}

void Reader::Num(const char* name, std::optional<double>& out) {
  const json* v = Field(name, false);
  if (!v) return;
  if (!v->is_number()) return Bad(name, "error.field.type_number");
  out = v->get<double>();
}

void Reader::Num(const char* name, double& out, bool required) {
  const json* v = Field(name, required);
  if (!v) return;
  if (!v->is_number()) return Bad(name, "error.field.type_number");
  out = v->get<double>();
}

void Reader::Bool(const char* name, bool& out) {
  const json* v = Field(name, false);
  if (!v) return;
  if (!v->is_boolean()) return Bad(name, "error.field.type_boolean");
  out = v->get<bool>();
}

void Reader::YearValues(const char* name, std::vector<YearValue>& out) {
  const json* v = Field(name, false);
  if (!v) return;
  if (!v->is_array()) return Bad(name, "error.field.type_array");
  out.clear();
  for (std::size_t i = 0; i < v->size(); ++i) {
    const json& item = (*v)[i];
    const std::string path = std::string(name) + "[" + std::to_string(i) + "]";
    if (!item.is_object()) {
      Bad(path, "error.field.type_object");
      continue;
    }
    Reader sub(item, Path(path) + ".");
    YearValue yv;
    sub.Int("year", yv.year, true);
    sub.Num("value", yv.value, true);
    auto st = sub.Finish();
    if (!st) {
      for (auto& e : st.error().fields) errors_.push_back(std::move(e));
      continue;
    }
    out.push_back(yv);
  }
}

void Reader::Act(const char* name, LegalAct& out, bool required) {
  const json* v = Field(name, required);
  if (!v) return;
  if (!v->is_object()) return Bad(name, "error.field.type_object");
  Reader sub(*v, Path(name) + ".");
  sub.Str("kind", out.kind, false);
  sub.Str("number", out.number, false);
  sub.Str("date", out.date, false);
  auto st = sub.Finish();
  if (!st)
    for (auto& e : st.error().fields) errors_.push_back(std::move(e));
}

void Reader::Ref(const char* name, ObjectRef& out) {
  const json* v = Field(name, true);
  if (!v) return;
  if (!v->is_object()) return Bad(name, "error.field.type_object");
  Reader sub(*v, Path(name) + ".");
  sub.Enum("kind", out.kind, true, ParseObjectKind, "goal, indicator, sdg_goal, sdg_target");
  sub.ReqId("id", out.id);
  auto st = sub.Finish();
  if (!st)
    for (auto& e : st.error().fields) errors_.push_back(std::move(e));
}

void Reader::ReadOnly(const char* name, const json& current) {
  known_.insert(name);
  auto it = obj_.find(name);
  if (it == obj_.end()) return;
  if (*it != current) Bad(name, "error.field.read_only");
}

Status Reader::Finish() {
  if (obj_.is_object()) {
    for (auto it = obj_.begin(); it != obj_.end(); ++it)
      if (!known_.count(it.key())) Bad(it.key(), "error.field.unknown");
  }
  if (errors_.empty()) return {};
  return Fail(ErrorCode::kInvalidInput, "error.invalid_input", {}, std::move(errors_));
}

// ---- JSON forms ---------------------------------------------------------------------------------------

namespace {
template <class T>
json Opt(const std::optional<T>& v) {
  return v ? json(*v) : json(nullptr);
}
json YearValuesJson(const std::vector<YearValue>& v) {
  json a = json::array();
  for (const auto& yv : v) a.push_back({{"year", yv.year}, {"value", yv.value}});
  return a;
}
}  // namespace

json ToJson(const Text& t) { return {{"kk", t.kk}, {"ru", t.ru}, {"en", t.en}}; }
json ToJson(const LegalAct& a) { return {{"kind", a.kind}, {"number", a.number}, {"date", a.date}}; }

json ToJson(const StateBody& b) {
  return {{"id", b.id},
          {"code", b.code},
          {"kind", std::string(ToString(b.kind))},
          {"parent_id", Opt(b.parent_id)},
          {"title", ToJson(b.title)},
          {"version", b.version}};
}

json ToJson(const Document& d) {
  return {{"id", d.id},
          {"code", d.code},
          {"tier", static_cast<int>(d.tier)},
          {"type", d.type},
          {"title", ToJson(d.title)},
          {"summary", ToJson(d.summary)},
          {"act", ToJson(d.act)},
          {"owner_body_id", Opt(d.owner_body_id)},
          {"start_year", Opt(d.start_year)},
          {"end_year", Opt(d.end_year)},
          {"status", std::string(ToString(d.status))},
          {"merged_into_id", Opt(d.merged_into_id)},
          {"parent_id", Opt(d.parent_id)},
          {"edition", d.edition},
          {"demo", d.demo},
          {"version", d.version}};
}

json ToJson(const Goal& g) {
  return {{"id", g.id},          {"document_id", g.document_id}, {"parent_id", Opt(g.parent_id)},
          {"code", g.code},      {"title", ToJson(g.title)},     {"demo", g.demo},
          {"version", g.version}};
}

json ToJson(const Indicator& i) {
  return {{"id", i.id},
          {"code", i.code},
          {"goal_id", Opt(i.goal_id)},
          {"sdg_target_id", Opt(i.sdg_target_id)},
          {"kind", std::string(ToString(i.kind))},
          {"title", ToJson(i.title)},
          {"unit", ToJson(i.unit)},
          {"direction", std::string(ToString(i.direction))},
          {"baseline_year", Opt(i.baseline_year)},
          {"baseline_value", Opt(i.baseline_value)},
          {"target_year", Opt(i.target_year)},
          {"target_value", Opt(i.target_value)},
          {"planned", YearValuesJson(i.planned)},
          {"responsible_body_id", Opt(i.responsible_body_id)},
          {"source", ToJson(i.source)},
          {"demo", i.demo},
          {"version", i.version}};
}

json ToJson(const Measure& m) {
  return {{"id", m.id},
          {"goal_id", m.goal_id},
          {"title", ToJson(m.title)},
          {"deadline", m.deadline},
          {"responsible_body_id", Opt(m.responsible_body_id)},
          {"budget_programme", m.budget_programme},
          {"amounts", YearValuesJson(m.amounts)},
          {"demo", m.demo},
          {"version", m.version}};
}

json ToJson(const Observation& o) {
  return {{"indicator_id", o.indicator_id},     {"series", o.series}, {"unit", o.unit}, {"period", o.period},
          {"disaggregation", o.disaggregation}, {"value", o.value},   {"demo", o.demo}};
}

json ToJson(const SdgNode& n) {
  return {{"id", n.id},
          {"code", n.code},
          {"kind", std::string(ToString(n.kind))},
          {"parent_id", Opt(n.parent_id)},
          {"title", ToJson(n.title)}};
}

json ToJson(const CodeName& c) {
  return {{"dimension", c.dimension}, {"code", c.code}, {"title", ToJson(c.title)}};
}

json ToJson(const Link& l) {
  return {{"id", l.id},
          {"from", {{"kind", std::string(ToString(l.from.kind))}, {"id", l.from.id}}},
          {"to", {{"kind", std::string(ToString(l.to.kind))}, {"id", l.to.id}}}};
}

json ToJson(const HistoryEntry& h) {
  json changes = json::array();
  for (const auto& c : h.changes)
    changes.push_back({{"field", c.field}, {"before", c.before}, {"after", c.after}});
  return {{"id", h.id},
          {"object", {{"kind", std::string(ToString(h.object.kind))}, {"id", h.object.id}}},
          {"actor", h.actor},
          {"at", h.at},
          {"action", h.action},
          {"changes", std::move(changes)},
          {"ledger_index", Opt(h.ledger_index)}};
}

json ToJson(const User& u) {
  return {{"id", u.id},
          {"name", u.name},
          {"role", std::string(ToString(u.role))},
          {"body_id", Opt(u.body_id)},
          {"disabled", u.disabled},
          {"created_at", u.created_at},
          {"version", u.version}};
}

// ---- Reading ------------------------------------------------------------------------------------------

void Read(Reader& r, StateBody& b) {
  r.Str("code", b.code, true);
  r.Enum("kind", b.kind, false, ParseBodyKind, "government, ministry, agency, akimat, other");
  r.OptId("parent_id", b.parent_id);
  r.Txt("title", b.title, true);
}

void Read(Reader& r, Document& d) {
  r.Str("code", d.code, true);
  int tier = static_cast<int>(d.tier);
  r.Int("tier", tier, true);
  if (auto t = ParseTier(tier))
    d.tier = *t;
  else
    r.Bad("tier", "error.field.enum", "1-5");
  r.Str("type", d.type, true);
  r.Txt("title", d.title, true);
  r.Txt("summary", d.summary, false);
  r.Act("act", d.act, false);
  r.OptId("owner_body_id", d.owner_body_id);
  r.Int("start_year", d.start_year);
  r.Int("end_year", d.end_year);
  r.OptId("parent_id", d.parent_id);
  r.Bool("demo", d.demo);
}

void Read(Reader& r, Goal& g) {
  r.ReqId("document_id", g.document_id);
  r.OptId("parent_id", g.parent_id);
  r.Str("code", g.code, true);
  r.Txt("title", g.title, true);
  r.Bool("demo", g.demo);
}

void Read(Reader& r, Indicator& i) {
  r.Str("code", i.code, true);
  r.OptId("goal_id", i.goal_id);
  r.OptId("sdg_target_id", i.sdg_target_id);
  r.Enum("kind", i.kind, false, ParseIndicatorKind, "target, result");
  r.Txt("title", i.title, true);
  r.Txt("unit", i.unit, false);
  r.Enum("direction", i.direction, false, ParseDirection, "increase, decrease, keep");
  r.Int("baseline_year", i.baseline_year);
  r.Num("baseline_value", i.baseline_value);
  r.Int("target_year", i.target_year);
  r.Num("target_value", i.target_value);
  r.YearValues("planned", i.planned);
  r.OptId("responsible_body_id", i.responsible_body_id);
  r.Txt("source", i.source, false);
  r.Bool("demo", i.demo);
}

void Read(Reader& r, Measure& m) {
  r.ReqId("goal_id", m.goal_id);
  r.Txt("title", m.title, true);
  r.Str("deadline", m.deadline, false);
  r.OptId("responsible_body_id", m.responsible_body_id);
  r.Str("budget_programme", m.budget_programme, false);
  r.YearValues("amounts", m.amounts);
  r.Bool("demo", m.demo);
}

std::vector<const char*> ReadOnlyFields(const StateBody&) { return {"id", "version"}; }
std::vector<const char*> ReadOnlyFields(const Document&) {
  return {"id", "version", "status", "merged_into_id", "edition"};
}
std::vector<const char*> ReadOnlyFields(const Goal&) { return {"id", "version"}; }
std::vector<const char*> ReadOnlyFields(const Indicator&) { return {"id", "version"}; }
std::vector<const char*> ReadOnlyFields(const Measure&) { return {"id", "version"}; }

}  // namespace jospar::web::api
