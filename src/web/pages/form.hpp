// Server-rendered forms shared by every module's pages: the state of a submitted form, accessible fields
// (label, hint and error tied to the control with aria-describedby), the generic form page, and mapping
// a use case's error onto the form. A form POSTs with the session's CSRF token (checked by the middleware);
// an invalid form comes back with the values as typed and a message next to each field.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/base/error.hpp"
#include "core/base/text.hpp"
#include "web/http.hpp"
#include "web/pages/view.hpp"

namespace jospar::web {

// A submitted form: the values as typed and a message per field (locale text).
struct FormState {
  std::vector<std::pair<std::string, std::string>> values;
  std::vector<std::pair<std::string, std::string>> errors;  // field -> message in the page's language
  std::string summary;                                      // shown above the form when non-empty

  // The value of `field` as typed, or "" when the form has no such field.
  const std::string& Value(std::string_view field) const;
  // The value with surrounding white space removed.
  std::string Trimmed(std::string_view field) const;
  void Set(const std::string& field, const std::string& value) { values.emplace_back(field, value); }
  // {"values": {field: value}, "errors": {field: message}, "has_errors": bool, "summary": ..}
  TemplateData ToData() const;
};

// The fields of a POSTed form, without the CSRF token.
FormState FormFromRequest(const Request& req);

struct Choice {
  std::string value;
  std::string label;
};

// Builds the HTML of a form's fields. Each control has the id "f-<name>"; its hint and error are
// paragraphs "f-<name>-hint" / "f-<name>-error" named by aria-describedby; a field with an error gets
// aria-invalid. Every text is HTML-escaped here.
class Fields {
 public:
  Fields(const View& v, const FormState& st) : v_(v), st_(st) {}

  void Input(const std::string& name, const std::string& label, const std::string& hint = "",
             const std::string& inputmode = "", bool required = false);
  // An input of another type ("email", "password", "tel") with an autocomplete token ("email",
  // "new-password", ...). A password field never shows back the value typed.
  void Typed(const std::string& name, const std::string& label, const std::string& type,
             const std::string& autocomplete, const std::string& hint = "", bool required = false,
             const std::string& inputmode = "");
  // A checkbox sent as "<name>=yes" when ticked; ticked again when the form comes back with errors.
  void Checkbox(const std::string& name, const std::string& label, const std::string& hint = "");
  void Area(const std::string& name, const std::string& label, const std::string& hint = "", int rows = 3);
  void Select(const std::string& name, const std::string& label, const std::vector<Choice>& choices,
              const std::string& empty_label = "", const std::string& hint = "");
  void Hidden(const std::string& name);
  void BeginGroup(const std::string& legend);
  void EndGroup();
  std::string Take() { return std::move(html_); }

 private:
  const std::string* Error(const std::string& name) const;
  void Open(const std::string& name, const std::string& label, const std::string& hint);
  void Close(const std::string& name, const std::string& hint);

  const View& v_;
  const FormState& st_;
  std::string html_;
};

// The generic form page (template "form"): title, intro, the fields, the error summary linking to each
// field, submit and cancel; `title` is appended to `crumbs`.
Response FormPage(const View& v, const Request& req, int status, const std::string& title,
                  const std::string& intro, const std::string& action, const std::string& fields_html,
                  const std::string& submit, const std::string& cancel_href, const FormState& st,
                  std::vector<Crumb> crumbs);

// Maps a use case's error onto the form: field errors next to their fields (`rename` maps the use case's
// field names to the form's), the rest as a summary.
void ApplyError(const View& v, const Error& e, FormState& st,
                const std::map<std::string, std::string>& rename);

// A text in three languages from the fields <name>_kk, <name>_ru, <name>_en, and back.
Text TextFrom(const FormState& st, const std::string& name);
void TextTo(FormState& st, const std::string& name, const Text& t);
// One field per language in a fieldset labelled with `label_key`; text areas when `area`.
void TextFields(Fields& f, const View& v, const std::string& name, const std::string& label_key, bool area);

// Parses an optional whole number / decimal field; adds a field error when it is not empty and not a number.
std::optional<int> IntField(const View& v, FormState& st, const std::string& name);
std::optional<double> NumField(const View& v, FormState& st, const std::string& name);

}  // namespace jospar::web
