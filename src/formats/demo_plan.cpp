#include "formats/demo_plan.hpp"

#include <charconv>
#include <cmath>
#include <fstream>
#include <initializer_list>
#include <set>
#include <sstream>

#include "core/plan/lifecycle.hpp"
#include "formats/yaml_load.hpp"

// Returns the error of a Status from the enclosing function.
#define JOSPAR_CHECK(expr)                              \
  do {                                                  \
    if (auto s_ = (expr); !s_) return Fail(s_.error()); \
  } while (0)

namespace jospar::formats {
namespace {

// Walks the YAML tree, turning every problem into a located error (the first one found).
class SeedReader {
 public:
  explicit SeedReader(std::string_view file) : file_(file) {}

  Result<PlanSeed> Read(const YAML::Node& root) {
    PlanSeed seed;
    if (!root.IsMap()) return YamlError(file_, root, "expected a mapping with 'bodies' and 'documents'");
    JOSPAR_CHECK(Fields(root, {"bodies", "documents"}));
    if (auto bodies = root["bodies"]) {
      if (!bodies.IsSequence()) return YamlError(file_, bodies, "expected a list of bodies");
      for (const auto& b : bodies) {
        auto body = Body(b);
        if (!body) return tl::unexpected(body.error());
        seed.bodies.push_back(std::move(*body));
      }
    }
    if (auto docs = root["documents"]) {
      if (!docs.IsSequence()) return YamlError(file_, docs, "expected a list of documents");
      for (const auto& d : docs) {
        auto doc = Document(d);
        if (!doc) return tl::unexpected(doc.error());
        seed.documents.push_back(std::move(*doc));
      }
    }
    for (const auto& [code, node] : pending_merges_) {
      if (!documents_.count(code)) return YamlError(file_, node, "unknown document '" + code + "'");
    }
    return seed;
  }

 private:
  Status Fields(const YAML::Node& map, std::initializer_list<const char*> allowed) {
    for (const auto& kv : map) {
      std::string key = kv.first.Scalar();
      bool ok = false;
      for (const char* a : allowed) ok = ok || key == a;
      if (!ok) return YamlError(file_, kv.first, "unknown field '" + key + "'");
    }
    return {};
  }

  Result<std::string> Str(const YAML::Node& map, const char* key, bool required) {
    auto n = map[key];
    if (!n || n.IsNull()) {
      if (required) return YamlError(file_, map, std::string("expected the field '") + key + "'");
      return std::string();
    }
    if (!n.IsScalar()) return YamlError(file_, n, std::string("expected a text for '") + key + "'");
    return n.Scalar();
  }

  Result<double> Number(const YAML::Node& n, const char* what) {
    if (!n.IsScalar()) return YamlError(file_, n, std::string("expected a number for ") + what);
    const std::string& s = n.Scalar();
    double v = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v))
      return YamlError(file_, n, std::string("expected a number for ") + what);
    return v;
  }

  Result<int> Year(const YAML::Node& n, const char* what) {
    auto v = Number(n, what);
    if (!v) return tl::unexpected(v.error());
    if (*v != std::floor(*v) || *v < 1900 || *v > 2200)
      return YamlError(file_, n, std::string("expected a year (1900-2200) for ") + what);
    return static_cast<int>(*v);
  }

  Result<std::optional<int>> OptYear(const YAML::Node& map, const char* key) {
    auto n = map[key];
    if (!n || n.IsNull()) return std::optional<int>();
    auto y = Year(n, key);
    if (!y) return tl::unexpected(y.error());
    return std::optional<int>(*y);
  }

  Result<Text> TextField(const YAML::Node& map, const char* key, bool required) {
    Text t;
    auto n = map[key];
    if (!n || n.IsNull()) {
      if (required) return YamlError(file_, map, std::string("expected the field '") + key + "'");
      return t;
    }
    if (!n.IsMap()) return YamlError(file_, n, std::string("expected kk, ru and en texts for '") + key + "'");
    for (const auto& kv : n) {
      auto lang = ParseLang(kv.first.Scalar());
      if (!lang || LangCode(*lang) != kv.first.Scalar())
        return YamlError(file_, kv.first, "expected kk, ru or en");
      if (!kv.second.IsScalar()) return YamlError(file_, kv.second, "expected a text");
      t.Get(*lang) = kv.second.Scalar();
    }
    if (required && t.Empty()) return YamlError(file_, n, std::string("expected a text for '") + key + "'");
    return t;
  }

  Result<bool> Bool(const YAML::Node& map, const char* key) {
    auto n = map[key];
    if (!n || n.IsNull()) return false;
    if (n.IsScalar() && (n.Scalar() == "true" || n.Scalar() == "false")) return n.Scalar() == "true";
    return YamlError(file_, n, std::string("expected true or false for '") + key + "'");
  }

  Result<std::vector<YearValue>> YearValues(const YAML::Node& map, const char* key) {
    std::vector<YearValue> out;
    auto n = map[key];
    if (!n || n.IsNull()) return out;
    if (!n.IsMap()) return YamlError(file_, n, std::string("expected year: value pairs for '") + key + "'");
    for (const auto& kv : n) {
      auto y = Year(kv.first, key);
      if (!y) return tl::unexpected(y.error());
      auto v = Number(kv.second, key);
      if (!v) return tl::unexpected(v.error());
      if (!out.empty() && out.back().year >= *y)
        return YamlError(file_, kv.first, "expected years in ascending order");
      out.push_back({*y, *v});
    }
    return out;
  }

  Result<std::vector<SeedLinkTarget>> Links(const YAML::Node& map) {
    std::vector<SeedLinkTarget> out;
    auto n = map["contributes_to"];
    if (!n || n.IsNull()) return out;
    if (!n.IsSequence()) return YamlError(file_, n, "expected a list of link targets");
    for (const auto& item : n) {
      auto t = item.IsScalar() ? ParseSeedLinkTarget(item.Scalar()) : std::nullopt;
      if (!t) return YamlError(file_, item, "expected sdg:CODE, indicator:CODE or goal:DOCUMENT/CODE");
      out.push_back(std::move(*t));
    }
    return out;
  }

  Status KnownBody(const YAML::Node& map, const char* key, const std::string& code) {
    if (code.empty() || bodies_.count(code)) return {};
    return YamlError(file_, map[key], "unknown body '" + code + "' (define it earlier under 'bodies')");
  }

  Result<SeedBody> Body(const YAML::Node& n) {
    if (!n.IsMap()) return YamlError(file_, n, "expected a body");
    JOSPAR_CHECK(Fields(n, {"code", "kind", "parent", "title"}));
    SeedBody b;
    auto code = Str(n, "code", true);
    if (!code) return tl::unexpected(code.error());
    b.code = *code;
    auto kind = Str(n, "kind", true);
    if (!kind) return tl::unexpected(kind.error());
    auto k = ParseBodyKind(*kind);
    if (!k) return YamlError(file_, n["kind"], "expected government, ministry, agency, akimat or other");
    b.kind = *k;
    auto parent = Str(n, "parent", false);
    if (!parent) return tl::unexpected(parent.error());
    b.parent = *parent;
    JOSPAR_CHECK(KnownBody(n, "parent", b.parent));
    auto title = TextField(n, "title", true);
    if (!title) return tl::unexpected(title.error());
    b.title = *title;
    if (!bodies_.insert(b.code).second) return YamlError(file_, n["code"], "body '" + b.code + "' repeated");
    return b;
  }

  Result<SeedIndicator> Indicator(const YAML::Node& n) {
    if (!n.IsMap()) return YamlError(file_, n, "expected an indicator");
    JOSPAR_CHECK(Fields(n, {"code", "kind", "title", "unit", "direction", "baseline", "target", "planned",
                            "responsible", "source", "demo", "contributes_to"}));
    SeedIndicator s;
    auto& i = s.indicator;
    auto code = Str(n, "code", true);
    if (!code) return tl::unexpected(code.error());
    i.code = *code;
    if (!indicators_.insert(i.code).second)
      return YamlError(file_, n["code"], "indicator '" + i.code + "' repeated");
    auto kind = Str(n, "kind", false);
    if (!kind) return tl::unexpected(kind.error());
    if (!kind->empty()) {
      auto k = ParseIndicatorKind(*kind);
      if (!k) return YamlError(file_, n["kind"], "expected target or result");
      i.kind = *k;
    }
    auto title = TextField(n, "title", true);
    if (!title) return tl::unexpected(title.error());
    i.title = *title;
    auto unit = TextField(n, "unit", false);
    if (!unit) return tl::unexpected(unit.error());
    i.unit = *unit;
    auto dir = Str(n, "direction", false);
    if (!dir) return tl::unexpected(dir.error());
    if (!dir->empty()) {
      auto d = ParseDirection(*dir);
      if (!d) return YamlError(file_, n["direction"], "expected increase, decrease or keep");
      i.direction = *d;
    }
    for (const char* key : {"baseline", "target"}) {
      auto bv = n[key];
      if (!bv || bv.IsNull()) continue;
      if (!bv.IsMap()) return YamlError(file_, bv, std::string("expected {year, value} for '") + key + "'");
      JOSPAR_CHECK(Fields(bv, {"year", "value"}));
      auto y = bv["year"] ? Year(bv["year"], key) : YamlError(file_, bv, "expected the field 'year'");
      if (!y) return tl::unexpected(y.error());
      auto v = bv["value"] ? Number(bv["value"], key) : YamlError(file_, bv, "expected the field 'value'");
      if (!v) return tl::unexpected(v.error());
      if (std::string_view(key) == "baseline") {
        i.baseline_year = *y;
        i.baseline_value = *v;
      } else {
        i.target_year = *y;
        i.target_value = *v;
      }
    }
    auto planned = YearValues(n, "planned");
    if (!planned) return tl::unexpected(planned.error());
    i.planned = std::move(*planned);
    auto resp = Str(n, "responsible", false);
    if (!resp) return tl::unexpected(resp.error());
    s.responsible = *resp;
    JOSPAR_CHECK(KnownBody(n, "responsible", s.responsible));
    auto source = TextField(n, "source", false);
    if (!source) return tl::unexpected(source.error());
    i.source = *source;
    auto demo = Bool(n, "demo");
    if (!demo) return tl::unexpected(demo.error());
    i.demo = *demo;
    auto links = Links(n);
    if (!links) return tl::unexpected(links.error());
    s.contributes_to = std::move(*links);
    return s;
  }

  Result<SeedMeasure> Measure(const YAML::Node& n) {
    if (!n.IsMap()) return YamlError(file_, n, "expected a measure");
    JOSPAR_CHECK(Fields(n, {"title", "deadline", "responsible", "budget_programme", "amounts", "demo"}));
    SeedMeasure s;
    auto title = TextField(n, "title", true);
    if (!title) return tl::unexpected(title.error());
    s.measure.title = *title;
    auto deadline = Str(n, "deadline", false);
    if (!deadline) return tl::unexpected(deadline.error());
    s.measure.deadline = *deadline;
    auto resp = Str(n, "responsible", false);
    if (!resp) return tl::unexpected(resp.error());
    s.responsible = *resp;
    JOSPAR_CHECK(KnownBody(n, "responsible", s.responsible));
    auto bp = Str(n, "budget_programme", false);
    if (!bp) return tl::unexpected(bp.error());
    s.measure.budget_programme = *bp;
    auto amounts = YearValues(n, "amounts");
    if (!amounts) return tl::unexpected(amounts.error());
    s.measure.amounts = std::move(*amounts);
    auto demo = Bool(n, "demo");
    if (!demo) return tl::unexpected(demo.error());
    s.measure.demo = *demo;
    return s;
  }

  Result<SeedGoal> Goal(const YAML::Node& n, bool is_task, std::set<std::string>& codes) {
    if (!n.IsMap()) return YamlError(file_, n, is_task ? "expected a task" : "expected a goal");
    if (is_task) {
      JOSPAR_CHECK(Fields(n, {"code", "title", "demo", "indicators", "measures", "contributes_to"}));
    } else {
      JOSPAR_CHECK(Fields(n, {"code", "title", "demo", "tasks", "indicators", "measures", "contributes_to"}));
    }
    SeedGoal g;
    auto code = Str(n, "code", true);
    if (!code) return tl::unexpected(code.error());
    g.code = *code;
    if (!codes.insert(g.code).second) return YamlError(file_, n["code"], "goal '" + g.code + "' repeated");
    auto title = TextField(n, "title", true);
    if (!title) return tl::unexpected(title.error());
    g.title = *title;
    auto demo = Bool(n, "demo");
    if (!demo) return tl::unexpected(demo.error());
    g.demo = *demo;
    auto links = Links(n);
    if (!links) return tl::unexpected(links.error());
    g.contributes_to = std::move(*links);
    if (auto tasks = n["tasks"]; tasks && !tasks.IsNull()) {
      if (!tasks.IsSequence()) return YamlError(file_, tasks, "expected a list of tasks");
      for (const auto& t : tasks) {
        auto task = Goal(t, true, codes);
        if (!task) return tl::unexpected(task.error());
        g.tasks.push_back(std::move(*task));
      }
    }
    if (auto inds = n["indicators"]; inds && !inds.IsNull()) {
      if (!inds.IsSequence()) return YamlError(file_, inds, "expected a list of indicators");
      for (const auto& i : inds) {
        auto ind = Indicator(i);
        if (!ind) return tl::unexpected(ind.error());
        g.indicators.push_back(std::move(*ind));
      }
    }
    if (auto ms = n["measures"]; ms && !ms.IsNull()) {
      if (!ms.IsSequence()) return YamlError(file_, ms, "expected a list of measures");
      for (const auto& m : ms) {
        auto measure = Measure(m);
        if (!measure) return tl::unexpected(measure.error());
        g.measures.push_back(std::move(*measure));
      }
    }
    return g;
  }

  Result<SeedDocument> Document(const YAML::Node& n) {
    if (!n.IsMap()) return YamlError(file_, n, "expected a document");
    JOSPAR_CHECK(Fields(n, {"code", "tier", "type", "parent", "merged_into", "demo", "title", "summary",
                            "act", "owner", "start_year", "end_year", "status", "goals"}));
    SeedDocument s;
    auto& d = s.document;
    auto code = Str(n, "code", true);
    if (!code) return tl::unexpected(code.error());
    d.code = *code;
    if (!n["tier"]) return YamlError(file_, n, "expected the field 'tier'");
    auto tier_number = Number(n["tier"], "tier");
    if (!tier_number) return tl::unexpected(tier_number.error());
    auto tier = *tier_number == std::floor(*tier_number) && std::abs(*tier_number) < 100
                    ? ParseTier(static_cast<int>(*tier_number))
                    : std::nullopt;
    if (!tier) return YamlError(file_, n["tier"], "expected a tier from 1 to 5");
    d.tier = *tier;
    auto type = Str(n, "type", true);
    if (!type) return tl::unexpected(type.error());
    d.type = *type;
    auto parent = Str(n, "parent", false);
    if (!parent) return tl::unexpected(parent.error());
    s.parent = *parent;
    if (!s.parent.empty() && !documents_.count(s.parent))
      return YamlError(file_, n["parent"], "unknown document '" + s.parent + "' (define it earlier)");
    auto merged = Str(n, "merged_into", false);
    if (!merged) return tl::unexpected(merged.error());
    s.merged_into = *merged;
    if (!s.merged_into.empty()) pending_merges_.emplace_back(s.merged_into, n["merged_into"]);
    auto demo = Bool(n, "demo");
    if (!demo) return tl::unexpected(demo.error());
    d.demo = *demo;
    auto title = TextField(n, "title", true);
    if (!title) return tl::unexpected(title.error());
    d.title = *title;
    auto summary = TextField(n, "summary", false);
    if (!summary) return tl::unexpected(summary.error());
    d.summary = *summary;
    if (auto act = n["act"]; act && !act.IsNull()) {
      if (!act.IsMap()) return YamlError(file_, act, "expected {kind, number, date} for 'act'");
      JOSPAR_CHECK(Fields(act, {"kind", "number", "date"}));
      for (auto [key, field] : {std::pair{"kind", &d.act.kind}, std::pair{"number", &d.act.number},
                                std::pair{"date", &d.act.date}}) {
        auto v = Str(act, key, false);
        if (!v) return tl::unexpected(v.error());
        *field = *v;
      }
    }
    auto owner = Str(n, "owner", false);
    if (!owner) return tl::unexpected(owner.error());
    s.owner = *owner;
    JOSPAR_CHECK(KnownBody(n, "owner", s.owner));
    auto start = OptYear(n, "start_year");
    if (!start) return tl::unexpected(start.error());
    d.start_year = *start;
    auto end = OptYear(n, "end_year");
    if (!end) return tl::unexpected(end.error());
    d.end_year = *end;
    auto status = Str(n, "status", true);
    if (!status) return tl::unexpected(status.error());
    auto st = ParseDocStatus(*status);
    if (!st)
      return YamlError(file_, n["status"], "expected draft, approved, in_force, expired, repealed or merged");
    d.status = *st;
    if ((d.status == DocStatus::kMerged) != !s.merged_into.empty())
      return YamlError(file_, n["status"], "'merged_into' is required with status merged, and only then");
    if (auto valid = ValidateDocument(d); !valid) {
      const auto& f = valid.error().fields.front();
      return YamlError(file_, n, "invalid document: " + f.field + " (" + f.message_key + ")");
    }
    std::set<std::string> goal_codes;
    if (auto goals = n["goals"]; goals && !goals.IsNull()) {
      if (!goals.IsSequence()) return YamlError(file_, goals, "expected a list of goals");
      for (const auto& g : goals) {
        auto goal = Goal(g, false, goal_codes);
        if (!goal) return tl::unexpected(goal.error());
        s.goals.push_back(std::move(*goal));
      }
    }
    if (!documents_.insert(d.code).second)
      return YamlError(file_, n["code"], "document '" + d.code + "' repeated");
    return s;
  }
  std::string file_;
  std::set<std::string> bodies_, documents_, indicators_;
  std::vector<std::pair<std::string, YAML::Node>> pending_merges_;
};

}  // namespace

Result<PlanSeed> ParsePlanSeed(std::string_view text, std::string_view file_name) {
  auto root = LoadYaml(text, file_name);
  if (!root) return tl::unexpected(root.error());
  try {
    return SeedReader(file_name).Read(*root);
  } catch (const YAML::Exception& e) {
    return YamlError(file_name, e.mark, e.msg);
  }
}

Result<PlanSeed> ReadPlanSeed(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail(ErrorCode::kNotFound, "error.import.not_found", path + ": cannot be read");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ParsePlanSeed(ss.str(), path);
}

}  // namespace jospar::formats
