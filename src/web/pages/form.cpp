#include "web/pages/form.hpp"

#include "web/error_mapping.hpp"
#include "web/i18n.hpp"
#include "web/pages/portal.hpp"

namespace jospar::web {

const std::string& FormState::Value(std::string_view field) const {
  static const std::string kEmpty;
  for (const auto& [k, v] : values)
    if (k == field) return v;
  return kEmpty;
}

std::string FormState::Trimmed(std::string_view field) const { return std::string(Trim(Value(field))); }

TemplateData FormState::ToData() const {
  TemplateData vals{TemplateData::type::object};
  for (const auto& [k, v] : values) vals.set(k, v);
  TemplateData errs{TemplateData::type::object};
  for (const auto& [k, v] : errors) errs.set(k, v);
  TemplateData d{TemplateData::type::object};
  d.set("values", vals);
  d.set("errors", errs);
  d.set("has_errors", !errors.empty() || !summary.empty());
  d.set("summary", summary);
  return d;
}

FormState FormFromRequest(const Request& req) {
  FormState st;
  for (auto& [k, val] : req.Form())
    if (k != "csrf_token") st.values.emplace_back(k, val);
  return st;
}

// ---- Fields ---------------------------------------------------------------------------------------------

void Fields::Input(const std::string& name, const std::string& label, const std::string& hint,
                   const std::string& inputmode, bool required) {
  Open(name, label, hint);
  html_ += "<input id=\"f-" + name + "\" name=\"" + name + "\" type=\"text\" value=\"" +
           HtmlEscape(st_.Value(name)) + "\"";
  if (!inputmode.empty()) html_ += " inputmode=\"" + inputmode + "\"";
  if (required) html_ += " required";
  Close(name, hint);
  html_ += "></div>";
}

void Fields::Typed(const std::string& name, const std::string& label, const std::string& type,
                   const std::string& autocomplete, const std::string& hint, bool required,
                   const std::string& inputmode) {
  Open(name, label, hint);
  html_ += "<input id=\"f-" + name + "\" name=\"" + name + "\" type=\"" + HtmlEscape(type) + "\"";
  if (type != "password") html_ += " value=\"" + HtmlEscape(st_.Value(name)) + "\"";
  if (!autocomplete.empty()) html_ += " autocomplete=\"" + HtmlEscape(autocomplete) + "\"";
  if (!inputmode.empty()) html_ += " inputmode=\"" + HtmlEscape(inputmode) + "\"";
  if (required) html_ += " required";
  Close(name, hint);
  html_ += "></div>";
}

void Fields::Checkbox(const std::string& name, const std::string& label, const std::string& hint) {
  const std::string* err = Error(name);
  html_ += std::string("<div class=\"field checkbox") + (err ? " has-error" : "") + "\">";
  if (err) html_ += "<p id=\"f-" + name + "-error\" class=\"field-error\">" + HtmlEscape(*err) + "</p>";
  html_ += "<input id=\"f-" + name + "\" name=\"" + name + "\" type=\"checkbox\" value=\"yes\"";
  if (st_.Value(name) == "yes") html_ += " checked";
  Close(name, hint);
  html_ += "><label for=\"f-" + name + "\">" + HtmlEscape(label) + "</label>";
  if (!hint.empty()) html_ += "<p id=\"f-" + name + "-hint\" class=\"hint\">" + HtmlEscape(hint) + "</p>";
  html_ += "</div>";
}

void Fields::Area(const std::string& name, const std::string& label, const std::string& hint, int rows) {
  Open(name, label, hint);
  html_ += "<textarea id=\"f-" + name + "\" name=\"" + name + "\" rows=\"" + std::to_string(rows) + "\"";
  Close(name, hint);
  html_ += ">" + HtmlEscape(st_.Value(name)) + "</textarea></div>";
}

void Fields::Select(const std::string& name, const std::string& label, const std::vector<Choice>& choices,
                    const std::string& empty_label, const std::string& hint) {
  Open(name, label, hint);
  html_ += "<select id=\"f-" + name + "\" name=\"" + name + "\"";
  Close(name, hint);
  html_ += ">";
  const std::string& current = st_.Value(name);
  if (!empty_label.empty()) html_ += "<option value=\"\">" + HtmlEscape(empty_label) + "</option>";
  for (const auto& c : choices)
    html_ += "<option value=\"" + HtmlEscape(c.value) + "\"" + (c.value == current ? " selected" : "") + ">" +
             HtmlEscape(c.label) + "</option>";
  html_ += "</select></div>";
}

void Fields::Hidden(const std::string& name) {
  html_ += "<input type=\"hidden\" name=\"" + name + "\" value=\"" + HtmlEscape(st_.Value(name)) + "\">";
}

void Fields::BeginGroup(const std::string& legend) {
  html_ += "<fieldset><legend>" + HtmlEscape(legend) + "</legend>";
}

void Fields::EndGroup() { html_ += "</fieldset>"; }

const std::string* Fields::Error(const std::string& name) const {
  for (const auto& [k, m] : st_.errors)
    if (k == name) return &m;
  return nullptr;
}

void Fields::Open(const std::string& name, const std::string& label, const std::string& hint) {
  const std::string* err = Error(name);
  html_ += std::string("<div class=\"field") + (err ? " has-error" : "") + "\"><label for=\"f-" + name +
           "\">" + HtmlEscape(label) + "</label>";
  if (!hint.empty()) html_ += "<p id=\"f-" + name + "-hint\" class=\"hint\">" + HtmlEscape(hint) + "</p>";
  if (err) html_ += "<p id=\"f-" + name + "-error\" class=\"field-error\">" + HtmlEscape(*err) + "</p>";
}

// Attributes that tie the control to its hint and error.
void Fields::Close(const std::string& name, const std::string& hint) {
  std::string described;
  if (!hint.empty()) described = "f-" + name + "-hint";
  if (Error(name)) {
    if (!described.empty()) described += ' ';
    described += "f-" + name + "-error";
    html_ += " aria-invalid=\"true\"";
  }
  if (!described.empty()) html_ += " aria-describedby=\"" + described + "\"";
}

// ---- Pages and errors -----------------------------------------------------------------------------------

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

Text TextFrom(const FormState& st, const std::string& name) {
  return Text{st.Trimmed(name + "_kk"), st.Trimmed(name + "_ru"), st.Trimmed(name + "_en")};
}
void TextTo(FormState& st, const std::string& name, const Text& t) {
  st.Set(name + "_kk", t.kk);
  st.Set(name + "_ru", t.ru);
  st.Set(name + "_en", t.en);
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

std::optional<int> IntField(const View& v, FormState& st, const std::string& name) {
  std::string s = st.Trimmed(name);
  if (s.empty()) return std::nullopt;
  auto n = ParseInt(s);
  if (!n) st.errors.emplace_back(name, v.T("form.whole_number"));
  return n;
}
std::optional<double> NumField(const View& v, FormState& st, const std::string& name) {
  std::string s = st.Trimmed(name);
  if (s.empty()) return std::nullopt;
  auto n = ParseNumber(s);
  if (!n) st.errors.emplace_back(name, v.T("form.number"));
  return n;
}

}  // namespace jospar::web
