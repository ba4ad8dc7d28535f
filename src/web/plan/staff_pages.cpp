// Staff pages: forms for planners (documents, goals, indicators, links, status) and executors (report a
// value, "my indicators"). Every form POSTs with the session's CSRF token (checked by the middleware);
// an invalid form comes back with the values kept and a message next to each field (aria-describedby);
// success redirects (303) with a flash message. Handlers parse the form and call the plan use cases.
#include <chrono>
#include <ctime>
#include <map>

#include "core/base/text.hpp"
#include "core/plan/access.hpp"
#include "core/plan/repository.hpp"
#include "core/plan/usecases/plan.hpp"
#include "web/api/handlers.hpp"
#include "web/error_mapping.hpp"
#include "web/pages/form.hpp"
#include "web/pages/portal.hpp"
#include "web/plan/svg_chart.hpp"

namespace jospar::web {
namespace {

using usecases::Caller;

// Anonymous: to the sign-in page and back; signed in without the right: 403.
std::optional<Response> RequirePlanner(const View& v, const Request& req) {
  if (auto r = RequireStaffPage(v, req)) return r;
  if (!CanEditPlan(req.principal))
    return v.ErrorPage(Error{ErrorCode::kForbidden, "error.forbidden", "", {}});
  return std::nullopt;
}

std::string OptInt(const std::optional<int>& x) { return x ? std::to_string(*x) : ""; }
std::string OptNum(const std::optional<double>& x) { return x ? FormatNumber(*x, 6) : ""; }

std::vector<Choice> BodyChoices(const View& v, Tx& tx) {
  std::vector<Choice> out;
  if (auto bodies = ListAllBodies(tx, {}, v.lang()))
    for (const auto& b : *bodies) out.push_back({std::to_string(b.id), v.TextPlain(b.title)});
  return out;
}

// ---- Documents ----------------------------------------------------------------------------------------

const std::map<std::string, std::string> kDocRename = {{"title", "title_kk"},
                                                       {"title.kk", "title_kk"},
                                                       {"title.ru", "title_ru"},
                                                       {"title.en", "title_en"},
                                                       {"summary.kk", "summary_kk"},
                                                       {"summary.ru", "summary_ru"},
                                                       {"summary.en", "summary_en"},
                                                       {"act.date", "act_date"},
                                                       {"act.number", "act_number"},
                                                       {"act.kind", "act_kind"},
                                                       {"parent_id", "parent_code"},
                                                       {"owner_body_id", "owner_body"},
                                                       {"merged_into_id", "merged_into"}};

void DocumentToForm(const Document& d, FormState& st, Tx& tx) {
  st.Set("code", d.code);
  st.Set("tier", std::to_string(static_cast<int>(d.tier)));
  st.Set("type", d.type);
  TextTo(st, "title", d.title);
  TextTo(st, "summary", d.summary);
  st.Set("act_kind", d.act.kind);
  st.Set("act_number", d.act.number);
  st.Set("act_date", d.act.date);
  st.Set("owner_body", d.owner_body_id ? std::to_string(*d.owner_body_id) : "");
  st.Set("start_year", OptInt(d.start_year));
  st.Set("end_year", OptInt(d.end_year));
  std::string parent;
  if (d.parent_id)
    if (auto p = tx.plan().GetDocument(*d.parent_id)) parent = p->code;
  st.Set("parent_code", parent);
  st.Set("version", std::to_string(d.version));
}

// Reads the form into `d` (keeping fields the form does not have); field errors go into `st`.
void FormToDocument(const View& v, FormState& st, Tx& tx, Document& d) {
  d.code = st.Trimmed("code");
  if (auto t = ParseInt(st.Trimmed("tier")); t && ParseTier(*t))
    d.tier = *ParseTier(*t);
  else
    st.errors.emplace_back("tier", v.T("form.choose"));
  d.type = st.Trimmed("type");
  d.title = TextFrom(st, "title");
  d.summary = TextFrom(st, "summary");
  d.act = LegalAct{st.Trimmed("act_kind"), st.Trimmed("act_number"), st.Trimmed("act_date")};
  d.owner_body_id = ParseId(st.Trimmed("owner_body"));
  d.start_year = IntField(v, st, "start_year");
  d.end_year = IntField(v, st, "end_year");
  d.parent_id.reset();
  if (std::string code = st.Trimmed("parent_code"); !code.empty()) {
    if (auto p = tx.plan().GetDocumentByCode(code))
      d.parent_id = p->id;
    else
      st.errors.emplace_back("parent_code", v.T("form.no_such_document"));
  }
  if (auto ver = ParseId(st.Trimmed("version"))) d.version = *ver;
}

std::string DocumentFields(const View& v, const FormState& st, Tx& tx, bool amend) {
  Fields f(v, st);
  f.Hidden("version");
  f.Input("code", v.T("form.doc.code"), v.T("form.doc.code_hint"), "", true);
  std::vector<Choice> tiers;
  for (int t = 1; t <= 5; ++t) tiers.push_back({std::to_string(t), TierLabel(v, static_cast<Tier>(t))});
  f.Select("tier", v.T("documents.tier"), tiers);
  std::vector<Choice> types;
  for (const auto& t : DocumentTypes()) types.push_back({t, DocTypeLabel(v, t)});
  f.Select("type", v.T("documents.type"), types, v.T("form.choose_one"));
  TextFields(f, v, "title", "form.doc.title", false);
  TextFields(f, v, "summary", "form.doc.summary", true);
  f.BeginGroup(v.T("document.legal_act"));
  std::vector<Choice> acts;
  for (const auto& k : LegalActKinds()) acts.push_back({k, v.T("act." + k)});
  f.Select("act_kind", v.T("form.doc.act_kind"), acts, v.T("form.none"));
  f.Input("act_number", v.T("form.doc.act_number"));
  f.Input("act_date", v.T("form.doc.act_date"), v.T("form.date_hint"));
  f.EndGroup();
  f.Select("owner_body", v.T("document.owner"), BodyChoices(v, tx), v.T("form.none"));
  f.Input("start_year", v.T("form.doc.start_year"), "", "numeric");
  f.Input("end_year", v.T("form.doc.end_year"), "", "numeric");
  f.Input("parent_code", v.T("form.doc.parent_code"), v.T("form.doc.parent_hint"));
  if (amend) {
    f.BeginGroup(v.T("form.amend.act"));
    f.Select("amend_kind", v.T("form.doc.act_kind"), acts);
    f.Input("amend_number", v.T("form.doc.act_number"), "", "", true);
    f.Input("amend_date", v.T("form.doc.act_date"), v.T("form.date_hint"));
    f.EndGroup();
  }
  return f.Take();
}

std::vector<Crumb> DocCrumbs(const View& v, const Document* d) {
  std::vector<Crumb> c = {{v.T("nav.home"), v.Href("/")}, {v.T("documents.title"), v.Href("/documents")}};
  if (d) c.push_back({v.TextPlain(d->title), v.Href("/documents/" + std::to_string(d->id))});
  return c;
}

Response NewDocumentForm(View& v, Request& req, FormState st, int status) {
  auto tx = v.store().Begin(TxMode::kRead);
  if (!tx) return v.ErrorPage(tx.error());
  if (st.values.empty()) {
    st.Set("tier", "5");
    if (auto p = req.Query("parent")) st.Set("parent_code", *p);
  }
  return FormPage(v, req, status, v.T("form.doc.new_title"), v.T("form.doc.new_intro"),
                  v.Href("/staff/documents/new"), DocumentFields(v, st, **tx, false), v.T("form.doc.create"),
                  v.Href("/documents"), st, DocCrumbs(v, nullptr));
}

Response NewDocument(View& v, Request& req) {
  if (auto r = RequirePlanner(v, req)) return *r;
  if (req.method == "GET") return NewDocumentForm(v, req, {}, 200);
  FormState st = FormFromRequest(req);
  Document d;
  {
    auto tx = v.store().Begin(TxMode::kRead);
    if (!tx) return v.ErrorPage(tx.error());
    FormToDocument(v, st, **tx, d);
  }
  if (st.errors.empty()) {
    auto created = usecases::CreateDocument(v.store(), api::CallerOf(v.shared().ctx, req), d);
    if (created) {
      Response r = Response::Redirect(v.Href("/documents/" + std::to_string(created->id)));
      SetFlash(r, "flash.document_created");
      return r;
    }
    if (created.error().code == ErrorCode::kUnavailable) return v.ErrorPage(created.error());
    ApplyError(v, created.error(), st, kDocRename);
  }
  return NewDocumentForm(v, req, std::move(st), HttpStatus(ErrorCode::kUnprocessable));
}

Response EditDocument(View& v, Request& req, bool amend) {
  if (auto r = RequirePlanner(v, req)) return *r;
  auto id = ParseId(req.params["id"]);
  if (!id) return v.ErrorPage(Error{ErrorCode::kNotFound, "error.not_found", "", {}});
  Document d;
  FormState st;
  std::string fields;
  {
    auto tx = v.store().Begin(TxMode::kRead);
    if (!tx) return v.ErrorPage(tx.error());
    auto doc = (*tx)->plan().GetDocument(*id);
    if (!doc) return v.ErrorPage(doc.error());
    d = *doc;
    const bool draft = d.status == DocStatus::kDraft;
    // A draft is edited in place; anything later only through an amendment.
    if (amend == draft)
      return Response::Redirect(
          v.Href("/staff/documents/" + std::to_string(d.id) + (draft ? "/edit" : "/amend")));
    if (req.method == "GET") {
      DocumentToForm(d, st, **tx);
    } else {
      st = FormFromRequest(req);
      FormToDocument(v, st, **tx, d);
    }
  }
  if (req.method == "POST" && st.errors.empty()) {
    Result<Document> saved;
    if (amend) {
      LegalAct act{st.Trimmed("amend_kind"), st.Trimmed("amend_number"), st.Trimmed("amend_date")};
      saved = usecases::AmendDocument(v.store(), api::CallerOf(v.shared().ctx, req), d, act);
    } else {
      saved = usecases::UpdateDocument(v.store(), api::CallerOf(v.shared().ctx, req), d);
    }
    if (saved) {
      Response r = Response::Redirect(v.Href("/documents/" + std::to_string(d.id)));
      SetFlash(r, amend ? "flash.document_amended" : "flash.document_saved");
      return r;
    }
    if (saved.error().code == ErrorCode::kUnavailable) return v.ErrorPage(saved.error());
    ApplyError(v, saved.error(), st,
               amend ? [] {
                 auto m = kDocRename;
                 m["amending_act.number"] = "amend_number";
                 m["act.number"] = "amend_number";
                 m["amending_act.date"] = "amend_date";
                 return m;
               }()
                     : kDocRename);
  }
  auto tx = v.store().Begin(TxMode::kRead);
  if (!tx) return v.ErrorPage(tx.error());
  fields = DocumentFields(v, st, **tx, amend);
  const int status = req.method == "POST" ? HttpStatus(ErrorCode::kUnprocessable) : 200;
  return FormPage(v, req, status, v.T(amend ? "form.doc.amend_title" : "form.doc.edit_title"),
                  v.T(amend ? "form.doc.amend_intro" : "form.doc.edit_intro"),
                  v.Href("/staff/documents/" + std::to_string(d.id) + (amend ? "/amend" : "/edit")), fields,
                  v.T(amend ? "form.doc.amend" : "form.save"), v.Href("/documents/" + std::to_string(d.id)),
                  st, DocCrumbs(v, &d));
}

Response ChangeStatus(View& v, Request& req) {
  if (auto r = RequirePlanner(v, req)) return *r;
  auto id = ParseId(req.params["id"]);
  if (!id) return v.ErrorPage(Error{ErrorCode::kNotFound, "error.not_found", "", {}});
  FormState st = FormFromRequest(req);
  auto to = ParseDocStatus(st.Trimmed("status"));
  auto version = ParseId(st.Trimmed("version"));
  std::optional<Id> merged_into;
  if (std::string code = st.Trimmed("merged_into"); !code.empty()) {
    auto tx = v.store().Begin(TxMode::kRead);
    if (!tx) return v.ErrorPage(tx.error());
    if (auto m = (*tx)->plan().GetDocumentByCode(code))
      merged_into = m->id;
    else
      return v.ErrorPage(Error{ErrorCode::kInvalidInput, "form.no_such_document", code, {}});
  }
  if (!to || !version) return v.ErrorPage(Error{ErrorCode::kInvalidInput, "error.invalid_input", "", {}});
  auto r = usecases::TransitionDocument(v.store(), api::CallerOf(v.shared().ctx, req), *id, *version, *to,
                                        merged_into);
  if (!r) {
    Error e = r.error();
    if (!e.fields.empty() && e.fields.front().message_key == "error.field.merge_target")
      e.message_key = "error.field.merge_target";
    return v.ErrorPage(e);
  }
  Response resp = Response::Redirect(v.Href("/documents/" + std::to_string(*id)));
  SetFlash(resp, "flash.status_changed");
  return resp;
}

// ---- Goals --------------------------------------------------------------------------------------------

const std::map<std::string, std::string> kGoalRename = {{"title", "title_kk"},
                                                        {"title.kk", "title_kk"},
                                                        {"title.ru", "title_ru"},
                                                        {"title.en", "title_en"},
                                                        {"parent_id", "parent_goal"}};

std::string GoalFields(const View& v, const FormState& st, Tx& tx, Id document_id, std::optional<Id> self) {
  Fields f(v, st);
  f.Hidden("version");
  f.Input("code", v.T("form.goal.code"), v.T("form.goal.code_hint"), "", true);
  TextFields(f, v, "title", "form.goal.title", false);
  std::vector<Choice> parents;
  GoalFilter gf;
  gf.document_id = document_id;
  gf.only_top = true;
  PageRequest p;
  p.limit = 500;
  p.lang = v.lang();
  if (auto goals = tx.plan().ListGoals(gf, p))
    for (const auto& g : goals->items)
      if (!self || g.id != *self)
        parents.push_back({std::to_string(g.id), g.code + " " + v.TextPlain(g.title)});
  f.Select("parent_goal", v.T("form.goal.parent"), parents, v.T("form.goal.is_goal"),
           v.T("form.goal.parent_hint"));
  return f.Take();
}

Response GoalForm(View& v, Request& req, bool create) {
  if (auto r = RequirePlanner(v, req)) return *r;
  auto id = ParseId(req.params["id"]);
  if (!id) return v.ErrorPage(Error{ErrorCode::kNotFound, "error.not_found", "", {}});
  Goal g;
  Document doc;
  FormState st;
  {
    auto tx = v.store().Begin(TxMode::kRead);
    if (!tx) return v.ErrorPage(tx.error());
    if (create) {
      g.document_id = *id;
    } else {
      auto existing = (*tx)->plan().GetGoal(*id);
      if (!existing) return v.ErrorPage(existing.error());
      g = *existing;
    }
    auto d = (*tx)->plan().GetDocument(g.document_id);
    if (!d) return v.ErrorPage(d.error());
    doc = *d;
    if (req.method == "GET") {
      if (!create) {
        st.Set("code", g.code);
        TextTo(st, "title", g.title);
        st.Set("parent_goal", g.parent_id ? std::to_string(*g.parent_id) : "");
        st.Set("version", std::to_string(g.version));
      } else if (auto p = req.Query("parent")) {
        st.Set("parent_goal", *p);
      }
    } else {
      st = FormFromRequest(req);
      g.code = st.Trimmed("code");
      g.title = TextFrom(st, "title");
      g.parent_id = ParseId(st.Trimmed("parent_goal"));
      if (auto ver = ParseId(st.Trimmed("version"))) g.version = *ver;
    }
  }
  if (req.method == "POST") {
    auto saved = create ? usecases::CreateGoal(v.store(), api::CallerOf(v.shared().ctx, req), g)
                        : usecases::UpdateGoal(v.store(), api::CallerOf(v.shared().ctx, req), g);
    if (saved) {
      Response r = Response::Redirect(
          v.Href("/documents/" + std::to_string(doc.id) + "#goal-" + std::to_string(saved->id)));
      SetFlash(r, create ? "flash.goal_created" : "flash.goal_saved");
      return r;
    }
    if (saved.error().code == ErrorCode::kUnavailable) return v.ErrorPage(saved.error());
    ApplyError(v, saved.error(), st, kGoalRename);
  }
  auto tx = v.store().Begin(TxMode::kRead);
  if (!tx) return v.ErrorPage(tx.error());
  const std::string action = create ? v.Href("/staff/documents/" + std::to_string(doc.id) + "/goals/new")
                                    : v.Href("/staff/goals/" + std::to_string(g.id) + "/edit");
  return FormPage(v, req, req.method == "POST" ? HttpStatus(ErrorCode::kUnprocessable) : 200,
                  v.T(create ? "form.goal.new_title" : "form.goal.edit_title"), v.TextPlain(doc.title),
                  action, GoalFields(v, st, **tx, doc.id, create ? std::nullopt : std::optional<Id>(g.id)),
                  v.T("form.save"), v.Href("/documents/" + std::to_string(doc.id)), st, DocCrumbs(v, &doc));
}

// ---- Indicators ---------------------------------------------------------------------------------------

const std::map<std::string, std::string> kIndRename = {
    {"title", "title_kk"},    {"title.kk", "title_kk"},
    {"title.ru", "title_ru"}, {"title.en", "title_en"},
    {"unit.kk", "unit_kk"},   {"unit.ru", "unit_ru"},
    {"unit.en", "unit_en"},   {"responsible_body_id", "responsible_body"}};

std::string PlannedText(const std::vector<YearValue>& planned) {
  std::string s;
  for (const auto& p : planned) s += std::to_string(p.year) + ": " + FormatNumber(p.value, 6) + "\n";
  return s;
}

// "2025: 10\n2026: 12.5" -> values; a line that does not parse is a field error naming the line.
std::vector<YearValue> ParsePlanned(const View& v, FormState& st) {
  std::vector<YearValue> out;
  const std::string text = st.Value("planned");
  size_t pos = 0;
  int line_no = 0;
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string line(Trim(text.substr(pos, end - pos)));
    ++line_no;
    pos = end + 1;
    if (line.empty()) continue;
    size_t sep = line.find_first_of(":=");
    auto year = sep == std::string::npos ? std::nullopt : ParseInt(Trim(line.substr(0, sep)));
    auto value = sep == std::string::npos ? std::nullopt : ParseNumber(line.substr(sep + 1));
    if (!year || !value) {
      st.errors.emplace_back("planned",
                             v.Format("form.ind.planned_line", {{"line", std::to_string(line_no)}}));
      return {};
    }
    out.push_back({*year, *value});
  }
  return out;
}

std::string IndicatorFields(const View& v, const FormState& st, Tx& tx) {
  Fields f(v, st);
  f.Hidden("version");
  f.Input("code", v.T("form.ind.code"), v.T("form.doc.code_hint"), "", true);
  f.Select("kind", v.T("indicator.kind"),
           {{"target", v.T("indicator.kind_target")}, {"result", v.T("indicator.kind_result")}});
  TextFields(f, v, "title", "form.ind.title", false);
  TextFields(f, v, "unit", "indicator.unit", false);
  f.Select("direction", v.T("indicator.direction"),
           {{"increase", DirectionLabel(v, Direction::kIncrease)},
            {"decrease", DirectionLabel(v, Direction::kDecrease)},
            {"keep", DirectionLabel(v, Direction::kKeep)}});
  f.Input("baseline_year", v.T("form.ind.baseline_year"), "", "numeric");
  f.Input("baseline_value", v.T("form.ind.baseline_value"), "", "decimal");
  f.Input("target_year", v.T("form.ind.target_year"), "", "numeric");
  f.Input("target_value", v.T("form.ind.target_value"), "", "decimal");
  f.Area("planned", v.T("form.ind.planned"), v.T("form.ind.planned_hint"), 4);
  f.Select("responsible_body", v.T("indicator.responsible"), BodyChoices(v, tx), v.T("form.none"));
  TextFields(f, v, "source", "indicator.source", false);
  return f.Take();
}

Response IndicatorForm(View& v, Request& req, bool create) {
  if (auto r = RequirePlanner(v, req)) return *r;
  auto id = ParseId(req.params["id"]);
  if (!id) return v.ErrorPage(Error{ErrorCode::kNotFound, "error.not_found", "", {}});
  Indicator ind;
  FormState st;
  std::optional<Document> doc;
  {
    auto tx = v.store().Begin(TxMode::kRead);
    if (!tx) return v.ErrorPage(tx.error());
    if (create) {
      auto g = (*tx)->plan().GetGoal(*id);
      if (!g) return v.ErrorPage(g.error());
      ind.goal_id = g->id;
    } else {
      auto existing = (*tx)->plan().GetIndicator(*id);
      if (!existing) return v.ErrorPage(existing.error());
      ind = *existing;
    }
    if (ind.goal_id)
      if (auto g = (*tx)->plan().GetGoal(*ind.goal_id))
        if (auto d = (*tx)->plan().GetDocument(g->document_id)) doc = *d;
    if (req.method == "GET") {
      st.Set("code", ind.code);
      st.Set("kind", std::string(ToString(ind.kind)));
      TextTo(st, "title", ind.title);
      TextTo(st, "unit", ind.unit);
      st.Set("direction", std::string(ToString(ind.direction)));
      st.Set("baseline_year", OptInt(ind.baseline_year));
      st.Set("baseline_value", OptNum(ind.baseline_value));
      st.Set("target_year", OptInt(ind.target_year));
      st.Set("target_value", OptNum(ind.target_value));
      st.Set("planned", PlannedText(ind.planned));
      st.Set("responsible_body", ind.responsible_body_id ? std::to_string(*ind.responsible_body_id) : "");
      TextTo(st, "source", ind.source);
      st.Set("version", std::to_string(ind.version));
    } else {
      st = FormFromRequest(req);
      ind.code = st.Trimmed("code");
      ind.kind = ParseIndicatorKind(st.Trimmed("kind")).value_or(IndicatorKind::kTarget);
      ind.title = TextFrom(st, "title");
      ind.unit = TextFrom(st, "unit");
      ind.direction = ParseDirection(st.Trimmed("direction")).value_or(Direction::kIncrease);
      ind.baseline_year = IntField(v, st, "baseline_year");
      ind.baseline_value = NumField(v, st, "baseline_value");
      ind.target_year = IntField(v, st, "target_year");
      ind.target_value = NumField(v, st, "target_value");
      ind.planned = ParsePlanned(v, st);
      ind.responsible_body_id = ParseId(st.Trimmed("responsible_body"));
      ind.source = TextFrom(st, "source");
      if (auto ver = ParseId(st.Trimmed("version"))) ind.version = *ver;
    }
  }
  if (req.method == "POST" && st.errors.empty()) {
    auto saved = create ? usecases::CreateIndicator(v.store(), api::CallerOf(v.shared().ctx, req), ind)
                        : usecases::UpdateIndicator(v.store(), api::CallerOf(v.shared().ctx, req), ind);
    if (saved) {
      Response r = Response::Redirect(v.Href("/indicators/" + std::to_string(saved->id)));
      SetFlash(r, create ? "flash.indicator_created" : "flash.indicator_saved");
      return r;
    }
    if (saved.error().code == ErrorCode::kUnavailable) return v.ErrorPage(saved.error());
    auto rename = kIndRename;
    for (const auto& fe : saved.error().fields)
      if (fe.field.rfind("planned", 0) == 0) rename[fe.field] = "planned";
    ApplyError(v, saved.error(), st, rename);
  }
  auto tx = v.store().Begin(TxMode::kRead);
  if (!tx) return v.ErrorPage(tx.error());
  const std::string action = create ? v.Href("/staff/goals/" + std::to_string(*id) + "/indicators/new")
                                    : v.Href("/staff/indicators/" + std::to_string(ind.id) + "/edit");
  const std::string cancel = create ? (doc ? v.Href("/documents/" + std::to_string(doc->id)) : v.Href("/"))
                                    : v.Href("/indicators/" + std::to_string(ind.id));
  return FormPage(v, req, req.method == "POST" ? HttpStatus(ErrorCode::kUnprocessable) : 200,
                  v.T(create ? "form.ind.new_title" : "form.ind.edit_title"),
                  doc ? v.TextPlain(doc->title) : "", action, IndicatorFields(v, st, **tx), v.T("form.save"),
                  cancel, st, DocCrumbs(v, doc ? &*doc : nullptr));
}

// ---- Links --------------------------------------------------------------------------------------------

std::optional<ObjectRef> ParseFrom(std::string_view s) {
  const size_t colon = s.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  auto id = ParseId(s.substr(colon + 1));
  if (!id) return std::nullopt;
  if (s.substr(0, colon) == "goal") return ObjectRef{ObjectKind::kGoal, *id};
  if (s.substr(0, colon) == "indicator") return ObjectRef{ObjectKind::kIndicator, *id};
  return std::nullopt;
}

Response LinkForm(View& v, Request& req) {
  if (auto r = RequirePlanner(v, req)) return *r;
  FormState st = req.method == "POST" ? FormFromRequest(req) : FormState{};
  if (req.method == "GET") {
    st.Set("from", req.Query("from").value_or(""));
    st.Set("to_kind", "sdg_target");
  }
  auto from = ParseFrom(st.Trimmed("from"));
  if (!from) return v.ErrorPage(Error{ErrorCode::kInvalidInput, "error.invalid_input", "", {}});
  std::string back, from_label;
  {
    auto tx = v.store().Begin(TxMode::kRead);
    if (!tx) return v.ErrorPage(tx.error());
    if (from->kind == ObjectKind::kGoal) {
      auto g = (*tx)->plan().GetGoal(from->id);
      if (!g) return v.ErrorPage(g.error());
      back = v.Href("/documents/" + std::to_string(g->document_id) + "#goal-" + std::to_string(g->id));
      from_label = v.T("document.goal") + " " + g->code + " " + v.TextPlain(g->title);
    } else {
      auto i = (*tx)->plan().GetIndicator(from->id);
      if (!i) return v.ErrorPage(i.error());
      back = v.Href("/indicators/" + std::to_string(i->id));
      from_label = v.T("indicator.label") + " " + i->code + " " + v.TextPlain(i->title);
    }
    if (req.method == "POST") {
      const std::string kind = st.Trimmed("to_kind");
      const std::string code = st.Trimmed("to_code");
      std::optional<ObjectRef> to;
      if (kind == "sdg_target" || kind == "sdg_goal") {
        if (auto n = (*tx)->plan().GetSdgNodeByCode(code);
            n && (n->kind == SdgKind::kTarget) == (kind == "sdg_target"))
          to = ObjectRef{kind == "sdg_target" ? ObjectKind::kSdgTarget : ObjectKind::kSdgGoal, n->id};
      } else if (kind == "indicator") {
        if (auto i = (*tx)->plan().GetIndicatorByCode(code)) to = ObjectRef{ObjectKind::kIndicator, i->id};
      }
      if (!to) {
        st.errors.emplace_back("to_code", v.T("form.link.not_found"));
      } else {
        tx->reset();
        auto made = usecases::CreateLink(v.store(), api::CallerOf(v.shared().ctx, req), Link{0, *from, *to});
        if (made) {
          Response r = Response::Redirect(back);
          SetFlash(r, "flash.link_created");
          return r;
        }
        if (made.error().code == ErrorCode::kUnavailable) return v.ErrorPage(made.error());
        ApplyError(v, made.error(), st, {{"to", "to_code"}});
        if (st.errors.empty() && !st.summary.empty()) {
          st.errors.emplace_back("to_code", st.summary);
          st.summary.clear();
        }
      }
    }
  }
  Fields f(v, st);
  f.Hidden("from");
  f.Select("to_kind", v.T("form.link.to_kind"),
           {{"sdg_target", v.T("sdg.target")},
            {"sdg_goal", v.T("sdg.goal")},
            {"indicator", v.T("indicator.label")}});
  f.Input("to_code", v.T("form.link.to_code"), v.T("form.link.to_code_hint"), "", true);
  return FormPage(v, req, req.method == "POST" ? HttpStatus(ErrorCode::kUnprocessable) : 200,
                  v.T("staff.new_link"), from_label, v.Href("/staff/links/new"), f.Take(),
                  v.T("form.link.create"), back, st, {{v.T("nav.home"), v.Href("/")}});
}

// ---- Executors: report a value, my indicators ---------------------------------------------------------

Response ReportValue(View& v, Request& req) {
  if (auto r = RequireStaffPage(v, req, v.Href("/indicators/" + req.params["id"]))) return *r;
  auto id = ParseId(req.params["id"]);
  if (!id) return v.ErrorPage(Error{ErrorCode::kNotFound, "error.not_found", "", {}});
  FormState st = FormFromRequest(req);
  Observation o;
  o.indicator_id = *id;
  o.series = st.Value("series");
  o.unit = st.Value("unit");
  o.period = st.Trimmed("period");
  const std::string value_text = st.Trimmed("value");
  auto value = ParseNumber(value_text);
  if (o.period.empty()) st.errors.emplace_back("period", v.T("form.required"));
  if (value_text.empty())
    st.errors.emplace_back("value", v.T("form.required"));
  else if (!value)
    st.errors.emplace_back("value", v.T("form.number"));
  if (st.errors.empty()) {
    o.value = *value;
    auto r = usecases::ReportValue(v.store(), api::CallerOf(v.shared().ctx, req), o);
    if (r) {
      Response resp = Response::Redirect(v.Href("/indicators/" + std::to_string(*id)) +
                                         "?series=" + UrlEncode(o.series) + "&unit=" + UrlEncode(o.unit));
      SetFlash(resp,
               r->outcome == UpsertOutcome::kUnchanged ? "flash.value_unchanged" : "flash.value_reported");
      return resp;
    }
    if (r.error().code != ErrorCode::kInvalidInput) return v.ErrorPage(r.error());
    ApplyError(v, r.error(), st, {});
  }
  // Show the page again with the form's values and errors.
  req.query = {{"series", o.series}, {"unit", o.unit}};
  Response page = IndicatorPage(v, req, &st);
  if (page.status == 200) page.status = HttpStatus(ErrorCode::kUnprocessable);
  return page;
}

Response MyIndicators(View& v, Request& req) {
  if (auto r = RequireStaffPage(v, req, v.Href("/my/indicators"))) return *r;
  auto tx = v.store().Begin(TxMode::kRead);
  if (!tx) return v.ErrorPage(tx.error());
  TemplateData d{TemplateData::type::object};
  TemplateData rows{TemplateData::type::list};
  const auto body_id = req.principal.body_id;
  if (body_id) {
    if (auto b = (*tx)->plan().GetBody(*body_id)) {
      d.set("body_html", v.TextHtml(b->title));
      d.set("body_href", v.Href("/bodies/" + std::to_string(b->id)));
    }
    IndicatorFilter f;
    f.responsible_body_id = *body_id;
    PageRequest p;
    p.lang = v.lang();
    auto inds = ListAllIndicators(**tx, f, p, 500);
    if (!inds) return v.ErrorPage(inds.error());
    for (const auto& i : *inds) {
      TemplateData r{TemplateData::type::object};
      r.set("href", v.Href("/indicators/" + std::to_string(i.id)));
      r.set("report_href", v.Href("/indicators/" + std::to_string(i.id)) + "#report-heading");
      r.set("code", i.code);
      r.set("title_html", v.TextHtml(i.title));
      std::string latest = "—";
      if (auto obs = (*tx)->plan().ListObservations(i.id))
        if (auto l = LatestTotal(*obs)) latest = FormatNumber(l->value, 4) + " (" + l->period + ")";
      r.set("latest", latest);
      r.set("target", i.target_value ? FormatNumber(*i.target_value, 4) +
                                           (i.target_year ? " (" + std::to_string(*i.target_year) + ")" : "")
                                     : "—");
      r.set("demo", i.demo);
      rows.push_back(r);
    }
  }
  d.set("has_body", body_id.has_value());
  d.set("rows", rows);
  d.set("has_rows", !rows.is_empty_list());
  const std::string title = v.T("my.title");
  return v.Page(200, "my_indicators", std::move(d), title, {{v.T("nav.home"), v.Href("/")}, {title, ""}});
}

}  // namespace

void RegisterStaffPages(Router& router, const std::shared_ptr<const PortalShared>& shared) {
  for (const char* m : {"GET", "POST"}) {
    AddPage(router, shared, m, "/staff/documents/new", NewDocument);
    AddPage(router, shared, m, "/staff/documents/{id}/edit",
            [](View& v, Request& r) { return EditDocument(v, r, false); });
    AddPage(router, shared, m, "/staff/documents/{id}/amend",
            [](View& v, Request& r) { return EditDocument(v, r, true); });
    AddPage(router, shared, m, "/staff/documents/{id}/goals/new",
            [](View& v, Request& r) { return GoalForm(v, r, true); });
    AddPage(router, shared, m, "/staff/goals/{id}/edit",
            [](View& v, Request& r) { return GoalForm(v, r, false); });
    AddPage(router, shared, m, "/staff/goals/{id}/indicators/new",
            [](View& v, Request& r) { return IndicatorForm(v, r, true); });
    AddPage(router, shared, m, "/staff/indicators/{id}/edit",
            [](View& v, Request& r) { return IndicatorForm(v, r, false); });
    AddPage(router, shared, m, "/staff/links/new", LinkForm);
  }
  AddPage(router, shared, "POST", "/staff/documents/{id}/status", ChangeStatus);
  AddPage(router, shared, "POST", "/indicators/{id}/report", ReportValue);
  AddPage(router, shared, "GET", "/my/indicators", MyIndicators);
}

}  // namespace jospar::web
