#include "core/plan/lifecycle.hpp"

#include <cctype>
#include <cmath>
#include <string>

#include "core/plan/vocabularies.hpp"

namespace jospar {

bool CanTransition(DocStatus from, DocStatus to) {
  using S = DocStatus;
  switch (from) {
    case S::kDraft:
      return to == S::kApproved;
    case S::kApproved:
      return to == S::kInForce || to == S::kRepealed;
    case S::kInForce:
      return to == S::kExpired || to == S::kRepealed || to == S::kMerged;
    case S::kExpired:
    case S::kRepealed:
    case S::kMerged:
      return false;
  }
  return false;
}

Status ApplyTransition(Document& doc, DocStatus to, std::optional<Id> merged_into) {
  if (!CanTransition(doc.status, to)) {
    return Fail(ErrorCode::kConflict, "error.invalid_transition",
                std::string(ToString(doc.status)) + " -> " + std::string(ToString(to)),
                {{"status", "error.invalid_transition", std::string(ToString(to))}});
  }
  if (to == DocStatus::kMerged) {
    if (!merged_into || *merged_into == doc.id) {
      return Fail(ErrorCode::kInvalidInput, "error.invalid_input", {},
                  {{"merged_into_id", "error.field.merge_target", {}}});
    }
  } else if (merged_into) {
    return Fail(ErrorCode::kInvalidInput, "error.invalid_input", {},
                {{"merged_into_id", "error.field.unexpected", {}}});
  }
  doc.status = to;
  doc.merged_into_id = to == DocStatus::kMerged ? merged_into : std::nullopt;
  return {};
}

bool ContentEditableInPlace(DocStatus status) { return status == DocStatus::kDraft; }

namespace {

// "a, b, c": the allowed values, as the detail of a field error.
std::string Joined(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values) out += (out.empty() ? "" : ", ") + v;
  return out;
}

bool ValidCode(const std::string& code) {
  if (code.empty() || code.size() > 64) return false;
  for (unsigned char c : code)
    if (!(std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == ':')) return false;
  return true;
}

bool ValidYear(int y) { return y >= 1900 && y <= 2200; }

bool ValidDate(const std::string& d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (!std::isdigit(static_cast<unsigned char>(d[i]))) return false;
  int m = std::stoi(d.substr(5, 2)), day = std::stoi(d.substr(8, 2));
  return m >= 1 && m <= 12 && day >= 1 && day <= 31;
}

Status Collect(std::vector<FieldError> errors) {
  if (errors.empty()) return {};
  return Fail(ErrorCode::kInvalidInput, "error.invalid_input", {}, std::move(errors));
}

void RequireTitle(const Text& t, const char* field, std::vector<FieldError>& errors) {
  if (t.Empty()) errors.push_back({field, "error.field.required_any_language", {}});
  for (Lang l : kLangs)
    if (t.Get(l).size() > 4000)
      errors.push_back({std::string(field) + "." + std::string(LangCode(l)), "error.field.too_long", "4000"});
}

}  // namespace

Status ValidateDocument(const Document& doc) {
  std::vector<FieldError> e;
  if (!ValidCode(doc.code)) e.push_back({"code", "error.field.code", "A-Z a-z 0-9 - _ . : (1-64)"});
  if (doc.type.empty())
    e.push_back({"type", "error.field.required", {}});
  else if (!IsDocumentType(doc.type))
    e.push_back({"type", "error.field.enum", Joined(DocumentTypes())});
  RequireTitle(doc.title, "title", e);
  if (doc.start_year && !ValidYear(*doc.start_year))
    e.push_back({"start_year", "error.field.year", "1900-2200"});
  if (doc.end_year && !ValidYear(*doc.end_year)) e.push_back({"end_year", "error.field.year", "1900-2200"});
  if (doc.start_year && doc.end_year && *doc.end_year < *doc.start_year)
    e.push_back({"end_year", "error.field.horizon_order", {}});
  if (!doc.act.kind.empty() && !IsLegalActKind(doc.act.kind))
    e.push_back({"act.kind", "error.field.enum", Joined(LegalActKinds())});
  if (!doc.act.date.empty() && !ValidDate(doc.act.date))
    e.push_back({"act.date", "error.field.date", "yyyy-mm-dd"});
  if (doc.parent_id && *doc.parent_id == doc.id && doc.id != 0)
    e.push_back({"parent_id", "error.field.self_reference", {}});
  return Collect(std::move(e));
}

Status ValidateIndicator(const Indicator& ind) {
  std::vector<FieldError> e;
  if (!ValidCode(ind.code)) e.push_back({"code", "error.field.code", "A-Z a-z 0-9 - _ . : (1-64)"});
  RequireTitle(ind.title, "title", e);
  if (ind.baseline_year && !ValidYear(*ind.baseline_year))
    e.push_back({"baseline_year", "error.field.year", "1900-2200"});
  if (ind.target_year && !ValidYear(*ind.target_year))
    e.push_back({"target_year", "error.field.year", "1900-2200"});
  if (ind.baseline_value && !std::isfinite(*ind.baseline_value))
    e.push_back({"baseline_value", "error.field.number", {}});
  if (ind.target_value && !std::isfinite(*ind.target_value))
    e.push_back({"target_value", "error.field.number", {}});
  if (ind.baseline_year && ind.target_year && *ind.target_year < *ind.baseline_year)
    e.push_back({"target_year", "error.field.target_before_baseline", {}});
  for (size_t i = 0; i < ind.planned.size(); ++i) {
    if (!ValidYear(ind.planned[i].year))
      e.push_back({"planned[" + std::to_string(i) + "].year", "error.field.year", "1900-2200"});
    if (!std::isfinite(ind.planned[i].value))
      e.push_back({"planned[" + std::to_string(i) + "].value", "error.field.number", {}});
    if (i > 0 && ind.planned[i].year <= ind.planned[i - 1].year)
      e.push_back({"planned[" + std::to_string(i) + "].year", "error.field.years_ascending", {}});
  }
  return Collect(std::move(e));
}

Status ValidateGoal(const Goal& goal) {
  std::vector<FieldError> e;
  if (goal.code.empty() || goal.code.size() > 32) e.push_back({"code", "error.field.required", {}});
  RequireTitle(goal.title, "title", e);
  if (goal.document_id <= 0) e.push_back({"document_id", "error.field.required", {}});
  return Collect(std::move(e));
}

Status ValidateBody(const StateBody& body) {
  std::vector<FieldError> e;
  if (!ValidCode(body.code)) e.push_back({"code", "error.field.code", "A-Z a-z 0-9 - _ . : (1-64)"});
  RequireTitle(body.title, "title", e);
  return Collect(std::move(e));
}

Status ValidateMeasure(const Measure& m) {
  std::vector<FieldError> e;
  RequireTitle(m.title, "title", e);
  if (m.goal_id <= 0) e.push_back({"goal_id", "error.field.required", {}});
  if (!m.deadline.empty() && !ValidDate(m.deadline))
    e.push_back({"deadline", "error.field.date", "yyyy-mm-dd"});
  for (size_t i = 0; i < m.amounts.size(); ++i)
    if (!ValidYear(m.amounts[i].year) || !std::isfinite(m.amounts[i].value))
      e.push_back({"amounts[" + std::to_string(i) + "]", "error.field.year_value", {}});
  return Collect(std::move(e));
}

Status ValidateObservation(const Observation& obs) {
  std::vector<FieldError> e;
  const std::string& p = obs.period;
  bool ok = p.size() >= 4 && std::isdigit((unsigned char)p[0]) && std::isdigit((unsigned char)p[1]) &&
            std::isdigit((unsigned char)p[2]) && std::isdigit((unsigned char)p[3]);
  if (ok) ok = ValidYear(std::stoi(p.substr(0, 4)));
  if (ok && p.size() > 4) {
    if (p.size() == 7 && p[4] == '-' && p[5] == 'Q')
      ok = p[6] >= '1' && p[6] <= '4';
    else if (p.size() == 7 && p[4] == '-' && std::isdigit((unsigned char)p[5]) &&
             std::isdigit((unsigned char)p[6]))
      ok = std::stoi(p.substr(5, 2)) >= 1 && std::stoi(p.substr(5, 2)) <= 12;
    else
      ok = false;
  }
  if (!ok) e.push_back({"period", "error.field.period", "yyyy, yyyy-Qn or yyyy-mm"});
  if (!std::isfinite(obs.value)) e.push_back({"value", "error.field.number", {}});
  if (obs.indicator_id <= 0) e.push_back({"indicator_id", "error.field.required", {}});
  return Collect(std::move(e));
}

}  // namespace jospar
