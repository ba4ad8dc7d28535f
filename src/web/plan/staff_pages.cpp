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
#include "web/pages/portal.hpp"
#include "web/plan/svg_chart.hpp"

namespace jospar::web {
namespace {

using usecases::Caller;

// Anonymous: to the sign-in page and back; signed in without the right: 403.
std::optional<Response> RequirePlanner(const View& v, const Request& req) {
  if (!req.principal.IsStaff())
    return Response::Redirect(v.Href("/login") + "?next=" +
                              UrlEncode(req.path + (req.query_string.empty() ? "" : "?" + req.query_string)));
  if (!CanEditPlan(req.principal))
    return v.ErrorPage(Error{ErrorCode::kForbidden, "error.forbidden", "", {}});
  return std::nullopt;
}

FormState FromForm(const Request& req) {
  FormState st;
  for (auto& [k, val] : req.Form())
    if (k != "csrf_token") st.values.emplace_back(k, val);
  return st;
}

void SetValue(FormState& st, const std::string& k, const std::string& val) { st.values.emplace_back(k, val); }

std::string Get(const FormState& st, std::string_view k) { return std::string(Trim(st.Value(k))); }

// ---- Rendering form fields ----------------------------------------------------------------------------

struct Choice {
  std::string value;
  std::string label;
};

class Fields {
 public:
  Fields(const View& v, const FormState& st) : v_(v), st_(st) {}

  void Input(const std::string& name, const std::string& label, const std::string& hint = "",
             const std::string& inputmode = "", bool required = false) {
    Open(name, label, hint);
    html_ += "<input id=\"f-" + name + "\" name=\"" + name + "\" type=\"text\" value=\"" +
             HtmlEscape(st_.Value(name)) + "\"";
    if (!inputmode.empty()) html_ += " inputmode=\"" + inputmode + "\"";
    if (required) html_ += " required";
    Close(name, hint);
    html_ += "></div>";
  }
  void Area(const std::string& name, const std::string& label, const std::string& hint = "", int rows = 3) {
    Open(name, label, hint);
    html_ += "<textarea id=\"f-" + name + "\" name=\"" + name + "\" rows=\"" + std::to_string(rows) + "\"";
    Close(name, hint);
    html_ += ">" + HtmlEscape(st_.Value(name)) + "</textarea></div>";
  }
  void Select(const std::string& name, const std::string& label, const std::vector<Choice>& choices,
              const std::string& empty_label = "", const std::string& hint = "") {
    Open(name, label, hint);
    html_ += "<select id=\"f-" + name + "\" name=\"" + name + "\"";
    Close(name, hint);
    html_ += ">";
    const std::string& current = st_.Value(name);
    if (!empty_label.empty()) html_ += "<option value=\"\">" + HtmlEscape(empty_label) + "</option>";
    for (const auto& c : choices)
      html_ += "<option value=\"" + HtmlEscape(c.value) + "\"" + (c.value == current ? " selected" : "") +
               ">" + HtmlEscape(c.label) + "</option>";
    html_ += "</select></div>";
  }
  void Hidden(const std::string& name) {
    html_ += "<input type=\"hidden\" name=\"" + name + "\" value=\"" + HtmlEscape(st_.Value(name)) + "\">";
  }
  void BeginGroup(const std::string& legend) {
    html_ += "<fieldset><legend>" + HtmlEscape(legend) + "</legend>";
  }
  void EndGroup() { html_ += "</fieldset>"; }
  std::string Take() { return std::move(html_); }

 private:
  const std::string* Error(const std::string& name) const {
    for (const auto& [k, m] : st_.errors)
      if (k == name) return &m;
    return nullptr;
  }
  void Open(const std::string& name, const std::string& label, const std::string& hint) {
    const std::string* err = Error(name);
    html_ += std::string("<div class=\"field") + (err ? " has-error" : "") + "\"><label for=\"f-" + name +
             "\">" + HtmlEscape(label) + "</label>";
    if (!hint.empty()) html_ += "<p id=\"f-" + name + "-hint\" class=\"hint\">" + HtmlEscape(hint) + "</p>";
    if (err) html_ += "<p id=\"f-" + name + "-error\" class=\"field-error\">" + HtmlEscape(*err) + "</p>";
  }
  // Attributes that tie the control to its hint and error.
  void Close(const std::string& name, const std::string& hint) {
    std::string described;
    if (!hint.empty()) described = "f-" + name + "-hint";
    if (Error(name)) {
      if (!described.empty()) described += ' ';
      described += "f-" + name + "-error";
      html_ += " aria-invalid=\"true\"";
    }
    if (!described.empty()) html_ += " aria-describedby=\"" + described + "\"";
  }
  const View& v_;
  const FormState& st_;
  std::string html_;
};

// Renders the generic form page.
Response FormPage(const View& v, const Request& req, int status, const std::string& title,
                  const std::string& intro, const std::string& action, const std::string& fields_html,
                  const std::string& submit, const std::string& cancel_href, const FormState& st,
                  std::vector<Crumb> crumbs) {
  TemplateData d{TemplateData::type::object};
  d.set("title", title);
  d.set("intro", intro);
  d.set("action", action);
  d.set("fields_html", fields_html);
  d.set("submit", submit);
  d.set("cancel_href", cancel_href);
  d.set("csrf", req.csrf_token);
  TemplateData errs{TemplateData::type::list};
  for (const auto& [field, message] : st.errors) {
    TemplateData e{TemplateData::type::object};
    e.set("href", "#f-" + field);
    e.set("message", message);
    errs.push_back(e);
  }
  d.set("errors", errs);
  d.set("has_errors", !st.errors.empty() || !st.summary.empty());
  d.set("summary", st.summary);
  crumbs.push_back({title, ""});
  return v.Page(status, "form", std::move(d), title, crumbs);
}

// Maps a use case's error onto the form: field errors next to their fields (`rename` maps the use case's
// field names to the form's), the rest as a summary.
void ApplyError(const View& v, const Error& e, FormState& st,
                const std::map<std::string, std::string>& rename) {
  auto message = [&](const std::string& key, const std::string& detail) {
    std::string m = v.shared().locales->Has(v.lang(), key) ? v.T(key) : v.T("form.invalid_field");
    if (!detail.empty()) m += " (" + detail + ")";
    return m;
  };
  for (const auto& f : e.fields) {
    std::string field = f.field;
    if (auto it = rename.find(field); it != rename.end()) field = it->second;
    bool known = false;
    for (const auto& [k, val] : st.values)
      if (k == field) known = true;
    if (known)
      st.errors.emplace_back(field, message(f.message_key, f.detail));
    else
      st.summary += (st.summary.empty() ? "" : " ") + f.field + ": " + message(f.message_key, f.detail);
  }
  if (e.fields.empty()) {
    const std::string key = e.message_key.empty() ? "error.internal" : e.message_key;
    st.summary = v.shared().locales->Has(v.lang(), key) ? v.T(key) : v.T("page.error.generic");
  }
}

// A text in three languages from fields name_kk, name_ru, name_en.
Text TextFrom(const FormState& st, const std::string& name) {
  return Text{Get(st, name + "_kk"), Get(st, name + "_ru"), Get(st, name + "_en")};
}
void TextTo(FormState& st, const std::string& name, const Text& t) {
  SetValue(st, name + "_kk", t.kk);
  SetValue(st, name + "_ru", t.ru);
  SetValue(st, name + "_en", t.en);
}
void TextFields(Fields& f, const View& v, const std::string& name, const std::string& label_key, bool area) {
  f.BeginGroup(v.T(label_key));
  for (Lang l : kLangs) {
    const std::string n = name + "_" + std::string(LangCode(l));
    const std::string label =
        v.T(label_key) + " (" + v.shared().locales->Get(l, "lang." + std::string(LangCode(l))) + ")";
    if (area)
      f.Area(n, label);
    else
      f.Input(n, label);
  }
  f.EndGroup();
}

std::string OptInt(const std::optional<int>& x) { return x ? std::to_string(*x) : ""; }
std::string OptNum(const std::optional<double>& x) { return x ? FormatNumber(*x, 6) : ""; }

// Parses an optional whole number field; adds a field error when it is not empty and not a number.
std::optional<int> IntField(const View& v, FormState& st, const std::string& name) {
  std::string s = Get(st, name);
  if (s.empty()) return std::nullopt;
  auto n = ParseInt(s);
  if (!n) st.errors.emplace_back(name, v.T("form.whole_number"));
  return n;
}
std::optional<double> NumField(const View& v, FormState& st, const std::string& name) {
  std::string s = Get(st, name);
  if (s.empty()) return std::nullopt;
  auto n = ParseNumber(s);
  if (!n) st.errors.emplace_back(name, v.T("form.number"));
  return n;
}

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
  SetValue(st, "code", d.code);
  SetValue(st, "tier", std::to_string(static_cast<int>(d.tier)));
  SetValue(st, "type", d.type);
  TextTo(st, "title", d.title);
  TextTo(st, "summary", d.summary);
  SetValue(st, "act_kind", d.act.kind);
  SetValue(st, "act_number", d.act.number);
  SetValue(st, "act_date", d.act.date);
  SetValue(st, "owner_body", d.owner_body_id ? std::to_string(*d.owner_body_id) : "");
  SetValue(st, "start_year", OptInt(d.start_year));
  SetValue(st, "end_year", OptInt(d.end_year));
  std::string parent;
  if (d.parent_id)
    if (auto p = tx.plan().GetDocument(*d.parent_id)) parent = p->code;
  SetValue(st, "parent_code", parent);
  SetValue(st, "version", std::to_string(d.version));
}

// Reads the form into `d` (keeping fields the form does not have); field errors go into `st`.
void FormToDocument(const View& v, FormState& st, Tx& tx, Document& d) {
  d.code = Get(st, "code");
  if (auto t = ParseInt(Get(st, "tier")); t && ParseTier(*t))
    d.tier = *ParseTier(*t);
  else
    st.errors.emplace_back("tier", v.T("form.choose"));
  d.type = Get(st, "type");
  d.title = TextFrom(st, "title");
  d.summary = TextFrom(st, "summary");
  d.act = LegalAct{Get(st, "act_kind"), Get(st, "act_number"), Get(st, "act_date")};
  d.owner_body_id = ParseId(Get(st, "owner_body"));
  d.start_year = IntField(v, st, "start_year");
  d.end_year = IntField(v, st, "end_year");
  d.parent_id.reset();
  if (std::string code = Get(st, "parent_code"); !code.empty()) {
    if (auto p = tx.plan().GetDocumentByCode(code))
      d.parent_id = p->id;
    else
      st.errors.emplace_back("parent_code", v.T("form.no_such_document"));
  }
  if (auto ver = ParseId(Get(st, "version"))) d.version = *ver;
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
    SetValue(st, "tier", "5");
    if (auto p = req.Query("parent")) SetValue(st, "parent_code", *p);
  }
  return FormPage(v, req, status, v.T("form.doc.new_title"), v.T("form.doc.new_intro"),
                  v.Href("/staff/documents/new"), DocumentFields(v, st, **tx, false), v.T("form.doc.create"),
                  v.Href("/documents"), st, DocCrumbs(v, nullptr));
}

Response NewDocument(View& v, Request& req) {
  if (auto r = RequirePlanner(v, req)) return *r;
  if (req.method == "GET") return NewDocumentForm(v, req, {}, 200);
  FormState st = FromForm(req);
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
      st = FromForm(req);
      FormToDocument(v, st, **tx, d);
    }
  }
  if (req.method == "POST" && st.errors.empty()) {
    Result<Document> saved;
    if (amend) {
      LegalAct act{Get(st, "amend_kind"), Get(st, "amend_number"), Get(st, "amend_date")};
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
  FormState st = FromForm(req);
  auto to = ParseDocStatus(Get(st, "status"));
  auto version = ParseId(Get(st, "version"));
  std::optional<Id> merged_into;
  if (std::string code = Get(st, "merged_into"); !code.empty()) {
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
        SetValue(st, "code", g.code);
        TextTo(st, "title", g.title);
        SetValue(st, "parent_goal", g.parent_id ? std::to_string(*g.parent_id) : "");
        SetValue(st, "version", std::to_string(g.version));
      } else if (auto p = req.Query("parent")) {
        SetValue(st, "parent_goal", *p);
      }
    } else {
      st = FromForm(req);
      g.code = Get(st, "code");
      g.title = TextFrom(st, "title");
      g.parent_id = ParseId(Get(st, "parent_goal"));
      if (auto ver = ParseId(Get(st, "version"))) g.version = *ver;
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
      SetValue(st, "code", ind.code);
      SetValue(st, "kind", std::string(ToString(ind.kind)));
      TextTo(st, "title", ind.title);
      TextTo(st, "unit", ind.unit);
      SetValue(st, "direction", std::string(ToString(ind.direction)));
      SetValue(st, "baseline_year", OptInt(ind.baseline_year));
      SetValue(st, "baseline_value", OptNum(ind.baseline_value));
      SetValue(st, "target_year", OptInt(ind.target_year));
      SetValue(st, "target_value", OptNum(ind.target_value));
      SetValue(st, "planned", PlannedText(ind.planned));
      SetValue(st, "responsible_body",
               ind.responsible_body_id ? std::to_string(*ind.responsible_body_id) : "");
      TextTo(st, "source", ind.source);
      SetValue(st, "version", std::to_string(ind.version));
    } else {
      st = FromForm(req);
      ind.code = Get(st, "code");
      ind.kind = ParseIndicatorKind(Get(st, "kind")).value_or(IndicatorKind::kTarget);
      ind.title = TextFrom(st, "title");
      ind.unit = TextFrom(st, "unit");
      ind.direction = ParseDirection(Get(st, "direction")).value_or(Direction::kIncrease);
      ind.baseline_year = IntField(v, st, "baseline_year");
      ind.baseline_value = NumField(v, st, "baseline_value");
      ind.target_year = IntField(v, st, "target_year");
      ind.target_value = NumField(v, st, "target_value");
      ind.planned = ParsePlanned(v, st);
      ind.responsible_body_id = ParseId(Get(st, "responsible_body"));
      ind.source = TextFrom(st, "source");
      if (auto ver = ParseId(Get(st, "version"))) ind.version = *ver;
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
  FormState st = req.method == "POST" ? FromForm(req) : FormState{};
  if (req.method == "GET") {
    SetValue(st, "from", req.Query("from").value_or(""));
    SetValue(st, "to_kind", "sdg_target");
  }
  auto from = ParseFrom(Get(st, "from"));
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
      const std::string kind = Get(st, "to_kind");
      const std::string code = Get(st, "to_code");
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
  if (!req.principal.IsStaff())
    return Response::Redirect(v.Href("/login") +
                              "?next=" + UrlEncode(v.Href("/indicators/" + req.params["id"])));
  auto id = ParseId(req.params["id"]);
  if (!id) return v.ErrorPage(Error{ErrorCode::kNotFound, "error.not_found", "", {}});
  FormState st = FromForm(req);
  Observation o;
  o.indicator_id = *id;
  o.series = st.Value("series");
  o.unit = st.Value("unit");
  o.period = Get(st, "period");
  const std::string value_text = Get(st, "value");
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
  if (!req.principal.IsStaff())
    return Response::Redirect(v.Href("/login") + "?next=" + UrlEncode(v.Href("/my/indicators")));
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
