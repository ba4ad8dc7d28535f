// Field-level differences between two versions of a plan object, for the history.
#include <charconv>
#include <cmath>

#include "core/plan/usecases/plan.hpp"

namespace jospar::usecases {
namespace {

class Differ {
 public:
  void Field(const char* name, const std::string& a, const std::string& b) {
    if (a != b) changes_.push_back({name, a, b});
  }
  void Field(const char* name, std::string_view a, std::string_view b) {
    if (a != b) changes_.push_back({name, std::string(a), std::string(b)});
  }
  void Field(const char* name, const Text& a, const Text& b) {
    for (Lang l : kLangs) {
      if (a.Get(l) != b.Get(l))
        changes_.push_back({std::string(name) + "." + std::string(LangCode(l)), a.Get(l), b.Get(l)});
    }
  }
  void Field(const char* name, const std::optional<Id>& a, const std::optional<Id>& b) {
    Field(name, a ? std::to_string(*a) : std::string(), b ? std::to_string(*b) : std::string());
  }
  void Field(const char* name, const std::optional<int>& a, const std::optional<int>& b) {
    Field(name, a ? std::to_string(*a) : std::string(), b ? std::to_string(*b) : std::string());
  }
  void Field(const char* name, const std::optional<double>& a, const std::optional<double>& b) {
    Field(name, a ? FormatNumber(*a) : std::string(), b ? FormatNumber(*b) : std::string());
  }
  void Flag(const char* name, bool a, bool b) {
    if (a != b) changes_.push_back({name, a ? "true" : "false", b ? "true" : "false"});
  }
  void Field(const char* name, const std::vector<YearValue>& a, const std::vector<YearValue>& b) {
    Field(name, Join(a), Join(b));
  }
  std::vector<FieldChange> Take() { return std::move(changes_); }

 private:
  static std::string Join(const std::vector<YearValue>& v) {
    std::string out;
    for (const auto& yv : v) {
      if (!out.empty()) out += "; ";
      out += std::to_string(yv.year) + ": " + FormatNumber(yv.value);
    }
    return out;
  }
  std::vector<FieldChange> changes_;
};

}  // namespace

std::string FormatNumber(double v) {
  if (!std::isfinite(v)) return "NaN";
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, res.ptr);
}

std::vector<FieldChange> Diff(const StateBody& a, const StateBody& b) {
  Differ d;
  d.Field("code", a.code, b.code);
  d.Field("kind", ToString(a.kind), ToString(b.kind));
  d.Field("parent_id", a.parent_id, b.parent_id);
  d.Field("title", a.title, b.title);
  return d.Take();
}

std::vector<FieldChange> Diff(const Document& a, const Document& b) {
  Differ d;
  d.Field("code", a.code, b.code);
  d.Field("tier", std::to_string(static_cast<int>(a.tier)), std::to_string(static_cast<int>(b.tier)));
  d.Field("type", a.type, b.type);
  d.Field("title", a.title, b.title);
  d.Field("summary", a.summary, b.summary);
  d.Field("act.kind", a.act.kind, b.act.kind);
  d.Field("act.number", a.act.number, b.act.number);
  d.Field("act.date", a.act.date, b.act.date);
  d.Field("owner_body_id", a.owner_body_id, b.owner_body_id);
  d.Field("start_year", a.start_year, b.start_year);
  d.Field("end_year", a.end_year, b.end_year);
  d.Field("status", ToString(a.status), ToString(b.status));
  d.Field("merged_into_id", a.merged_into_id, b.merged_into_id);
  d.Field("parent_id", a.parent_id, b.parent_id);
  d.Field("edition", std::to_string(a.edition), std::to_string(b.edition));
  d.Flag("demo", a.demo, b.demo);
  return d.Take();
}

std::vector<FieldChange> Diff(const Goal& a, const Goal& b) {
  Differ d;
  d.Field("document_id", std::to_string(a.document_id), std::to_string(b.document_id));
  d.Field("parent_id", a.parent_id, b.parent_id);
  d.Field("code", a.code, b.code);
  d.Field("title", a.title, b.title);
  d.Flag("demo", a.demo, b.demo);
  return d.Take();
}

std::vector<FieldChange> Diff(const Indicator& a, const Indicator& b) {
  Differ d;
  d.Field("code", a.code, b.code);
  d.Field("goal_id", a.goal_id, b.goal_id);
  d.Field("sdg_target_id", a.sdg_target_id, b.sdg_target_id);
  d.Field("kind", ToString(a.kind), ToString(b.kind));
  d.Field("title", a.title, b.title);
  d.Field("unit", a.unit, b.unit);
  d.Field("direction", ToString(a.direction), ToString(b.direction));
  d.Field("baseline_year", a.baseline_year, b.baseline_year);
  d.Field("baseline_value", a.baseline_value, b.baseline_value);
  d.Field("target_year", a.target_year, b.target_year);
  d.Field("target_value", a.target_value, b.target_value);
  d.Field("planned", a.planned, b.planned);
  d.Field("responsible_body_id", a.responsible_body_id, b.responsible_body_id);
  d.Field("source", a.source, b.source);
  d.Flag("demo", a.demo, b.demo);
  return d.Take();
}

std::vector<FieldChange> Diff(const Measure& a, const Measure& b) {
  Differ d;
  d.Field("goal_id", std::to_string(a.goal_id), std::to_string(b.goal_id));
  d.Field("title", a.title, b.title);
  d.Field("deadline", a.deadline, b.deadline);
  d.Field("responsible_body_id", a.responsible_body_id, b.responsible_body_id);
  d.Field("budget_programme", a.budget_programme, b.budget_programme);
  d.Field("amounts", a.amounts, b.amounts);
  d.Flag("demo", a.demo, b.demo);
  return d.Take();
}

}  // namespace jospar::usecases
