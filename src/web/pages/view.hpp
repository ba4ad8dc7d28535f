// What every portal page shares: the interface strings of its language, links that keep the language,
// content text with a visible fallback marker, the layout (skip link, landmarks, language switcher,
// breadcrumbs, flash message) and HTML error pages.
#pragma once

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/base/error.hpp"
#include "core/base/text.hpp"
#include "web/context.hpp"
#include "web/html.hpp"
#include "web/http.hpp"
#include "web/i18n.hpp"
#include "web/pages/page_cache.hpp"
#include "web/templates.hpp"

namespace jospar::web {

// Built once by RegisterPages and shared read-only by all threads.
struct PortalShared {
  AppContext& ctx;
  std::shared_ptr<const Templates> templates;
  std::shared_ptr<const Locales> locales;
  // Per language: {"t": {"nav": {"home": "..."}, ...}} built from every locale key ("nav.home").
  std::array<TemplateData, 3> strings;
  // Public pages rendered recently (see page_cache.hpp); invalidated by every portal write.
  mutable PageCache cache;

  PortalShared(AppContext& c, std::shared_ptr<const Templates> t, std::shared_ptr<const Locales> l);
};

// Escapes & < > " ' for element content and quoted attributes.
// HtmlEscape: see web/html.hpp.

struct Crumb {
  std::string label;
  std::string href;  // empty for the current page
};

// The name of the flash cookie: a locale key ("flash.*") shown once on the next page.
inline constexpr const char* kFlashCookie = "jospar_flash";

// Adds a Set-Cookie header that makes the next page show the message `flash_key` once.
void SetFlash(Response& r, std::string_view flash_key);

class View;

// The gate of staff pages: the anonymous are sent to the sign-in page and back to `next` (a path of this
// site, e.g. v.Href("/my/due")); a signed-in person (not staff) gets the 403 page; staff pass (nullopt).
std::optional<Response> RequireStaffPage(const View& v, const Request& req, const std::string& next);
// The same with the request's own path and query as `next`.
std::optional<Response> RequireStaffPage(const View& v, const Request& req);

class View {
 public:
  View(const PortalShared& shared, const Request& req);

  Lang lang() const { return lang_; }
  std::string_view code() const { return LangCode(lang_); }
  const Request& req() const { return req_; }
  const PortalShared& shared() const { return shared_; }
  Store& store() const { return shared_.ctx.store; }

  // Interface string; never empty (see Locales::Get).
  const std::string& T(std::string_view key) const;
  std::string Format(std::string_view key,
                     const std::vector<std::pair<std::string, std::string>>& args) const;
  // "/en" + path; path starts with '/'.
  std::string Href(std::string_view path) const;

  // Content text as HTML: escaped; when the text is missing in the page's language, the text of another
  // language inside <span lang="..">, followed by a small marker (i18n.fallback). A text missing in all
  // three languages gives the `empty_key` string marked as missing.
  std::string TextHtml(const Text& text, std::string_view empty_key = "i18n.untitled") const;
  // The same text without markup (for CSV, <title>, attributes).
  std::string TextPlain(const Text& text) const;

  // Renders `tmpl` with `data`, then puts it into the layout with the title and breadcrumbs.
  Response Page(int status, std::string_view tmpl, TemplateData data, const std::string& title,
                const std::vector<Crumb>& crumbs) const;
  // A page for an error (status and message as web/error_mapping.hpp maps them, in the portal's layout).
  Response ErrorPage(const Error& error) const;
  // The complete HTML document of an error page in the portal's layout.
  std::string ErrorHtml(int status, const std::string& message) const;

 private:
  const PortalShared& shared_;
  const Request& req_;
  Lang lang_;
};

}  // namespace jospar::web
