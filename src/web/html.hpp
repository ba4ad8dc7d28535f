// HTML/XML escaping for text Jospar writes into markup itself (outside the mustache templates, which escape
// on their own): & < > " ' become entities, so the result is safe in element content and quoted attributes
// of HTML and SVG.
#pragma once

#include <string>
#include <string_view>

namespace jospar::web {

std::string HtmlEscape(std::string_view s);

}  // namespace jospar::web
