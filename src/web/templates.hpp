// HTML templates (mustache, kainjow) loaded from templates/*.mustache. {{x}} is HTML-escaped (& < > " '),
// so it is safe in element content and in quoted attributes; {{{x}}} is raw and only for HTML that Jospar
// rendered itself (e.g. a server-drawn SVG chart or an inner page put into the layout). Never put user text
// into a <script>, a style or an unquoted attribute.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>

#include <kainjow/mustache.hpp>

#include "core/base/error.hpp"

namespace jospar::web {

using TemplateData = kainjow::mustache::data;

class Templates {
 public:
  // Loads every *.mustache file in `dir`; the name of a template is its file name without extension.
  // kInvalidInput naming the file and the mustache error when one does not parse.
  static Result<std::shared_ptr<const Templates>> Load(const std::string& dir);

  // Renders template `name`. Thread-safe (each thread keeps its own parsed copies). kNotFound for an
  // unknown name, kInternal with the mustache error message for a render error.
  Result<std::string> Render(std::string_view name, const TemplateData& data) const;
  // Like Render, but names not found in `data` are looked up in `base` (e.g. the interface strings of a
  // language, built once and shared, so that they need not be copied into every page's data).
  Result<std::string> Render(std::string_view name, const TemplateData& data, const TemplateData& base) const;

  bool Has(std::string_view name) const { return sources_.count(std::string(name)) != 0; }

 private:
  std::map<std::string, std::string> sources_;
  std::uint64_t generation_ = 0;  // distinguishes instances in the per-thread cache
};

}  // namespace jospar::web
