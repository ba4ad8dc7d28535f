#include "web/pages/view.hpp"
#include "core/accounts/notifications.hpp"
#include "core/plan/access.hpp"
#include "web/html.hpp"

#include <map>

#include "web/error_mapping.hpp"

namespace jospar::web {
namespace {

using kainjow::mustache::list;
using kainjow::mustache::object;

// A tree of dotted keys, turned into nested mustache objects ("nav.home" -> {"nav": {"home": ..}}).
struct KeyNode {
  std::string value;
  bool leaf = false;
  std::map<std::string, KeyNode> children;
};

TemplateData ToData(const KeyNode& node) {
  TemplateData d{TemplateData::type::object};
  for (const auto& [name, child] : node.children) {
    if (child.children.empty())
      d.set(name, TemplateData(child.value));
    else
      d.set(name, ToData(child));  // a key that is also a prefix of others keeps only its children
  }
  return d;
}

}  // namespace

PortalShared::PortalShared(AppContext& c, std::shared_ptr<const Templates> t,
                           std::shared_ptr<const Locales> l)
    : ctx(c), templates(std::move(t)), locales(std::move(l)) {
  for (Lang lang : kLangs) {
    KeyNode root;
    for (const auto& key : locales->Keys()) {
      KeyNode* n = &root;
      size_t pos = 0;
      while (true) {
        size_t dot = key.find('.', pos);
        n = &n->children[key.substr(pos, dot == std::string::npos ? std::string::npos : dot - pos)];
        if (dot == std::string::npos) break;
        pos = dot + 1;
      }
      n->leaf = true;
      n->value = locales->Get(lang, key);
    }
    TemplateData d{TemplateData::type::object};
    d.set("t", ToData(root));
    strings[static_cast<int>(lang)] = std::move(d);
  }
}

void SetFlash(Response& r, std::string_view flash_key) {
  r.headers.emplace_back("Set-Cookie", std::string(kFlashCookie) + "=" + std::string(flash_key) +
                                           "; Path=/; Max-Age=120; HttpOnly; SameSite=Lax");
}

std::optional<Response> RequireStaffPage(const View& v, const Request& req, const std::string& next) {
  if (!req.principal.IsSignedIn()) return Response::Redirect(v.Href("/login") + "?next=" + UrlEncode(next));
  if (!req.principal.IsStaff()) return v.ErrorPage(Error{ErrorCode::kForbidden, "error.forbidden", "", {}});
  return std::nullopt;
}

std::optional<Response> RequireStaffPage(const View& v, const Request& req) {
  return RequireStaffPage(v, req, req.path + (req.query_string.empty() ? "" : "?" + req.query_string));
}

View::View(const PortalShared& shared, const Request& req) : shared_(shared), req_(req), lang_(req.lang) {
  // The URL prefix decides the language of a portal page, whatever the middleware negotiated.
  std::string_view p = req.path;
  if (p.size() >= 3 && p[0] == '/' && (p.size() == 3 || p[3] == '/'))
    if (auto l = ParseLang(p.substr(1, 2))) lang_ = *l;
}

const std::string& View::T(std::string_view key) const { return shared_.locales->Get(lang_, key); }

std::string View::Format(std::string_view key,
                         const std::vector<std::pair<std::string, std::string>>& args) const {
  return shared_.locales->Format(lang_, key, args);
}

std::string View::Href(std::string_view path) const {
  std::string out = "/";
  out += LangCode(lang_);
  out += path;
  return out;
}

std::string View::TextHtml(const Text& text, std::string_view empty_key) const {
  auto picked = text.Pick(lang_);
  if (picked.text.empty()) {
    return "<span class=\"fallback\">" + HtmlEscape(T(empty_key)) + "</span>";
  }
  if (picked.lang == lang_) return HtmlEscape(picked.text);
  std::string out = "<span lang=\"";
  out += LangCode(picked.lang);
  out += "\">";
  out += HtmlEscape(picked.text);
  out += "</span> <small class=\"fallback\">(";
  out += HtmlEscape(T("i18n.fallback_short"));
  out += ": ";
  out += HtmlEscape(shared_.locales->Get(lang_, std::string("lang.") + std::string(LangCode(picked.lang))));
  out += ")</small>";
  return out;
}

std::string View::TextPlain(const Text& text) const { return text.Pick(lang_).text; }

Response View::Page(int status, std::string_view tmpl, TemplateData data, const std::string& title,
                    const std::vector<Crumb>& crumbs) const {
  const TemplateData& strings = shared_.strings[static_cast<int>(lang_)];
  auto inner = shared_.templates->Render(tmpl, data, strings);
  if (!inner) return Response::Text(500, "template error\n");

  TemplateData page{TemplateData::type::object};
  page.set("lang", std::string(code()));
  page.set("title", title);
  page.set("content", *inner);

  // Language switcher: the same path and query in each language.
  std::string rest = req_.path;
  if (rest.size() >= 3 && ParseLang(rest.substr(1, 2)) && (rest.size() == 3 || rest[3] == '/'))
    rest = rest.substr(3);
  if (rest.empty()) rest = "/";
  std::string qs = req_.query_string.empty() ? "" : "?" + req_.query_string;
  TemplateData langs{TemplateData::type::list};
  for (Lang l : kLangs) {
    TemplateData item{TemplateData::type::object};
    item.set("code", std::string(LangCode(l)));
    item.set("name", shared_.locales->Get(l, std::string("lang.") + std::string(LangCode(l))));
    item.set("href", "/" + std::string(LangCode(l)) + rest + qs);
    item.set("current", l == lang_);
    langs.push_back(item);
  }
  page.set("langs", langs);

  TemplateData crumb_list{TemplateData::type::list};
  for (size_t i = 0; i < crumbs.size(); ++i) {
    TemplateData c{TemplateData::type::object};
    c.set("label", crumbs[i].label);
    c.set("href", crumbs[i].href);
    c.set("current", crumbs[i].href.empty());
    crumb_list.push_back(c);
  }
  page.set("crumbs", crumb_list);
  page.set("has_crumbs", !crumbs.empty());

  page.set("home_href", Href("/"));
  page.set("documents_href", Href("/documents"));
  page.set("sdg_href", Href("/sdg"));
  page.set("bodies_href", Href("/bodies"));
  page.set("search_href", Href("/search"));
  page.set("open_data_href", Href("/open-data"));
  page.set("login_href", Href("/login"));
  page.set("logout_action", Href("/logout"));
  page.set("my_href", Href("/my/indicators"));
  page.set("progress_href", Href("/progress"));
  page.set("due_href", Href("/my/due"));
  page.set("burden_href", Href("/staff/burden"));
  page.set("new_document_href", Href("/staff/documents/new"));
  page.set("legacy_import_href", Href("/staff/import"));
  const Principal& who = req_.principal;
  page.set("signed_in", who.IsSignedIn());
  page.set("user_name", who.name);
  page.set("can_edit_plan", CanEditPlan(who));
  page.set("is_executor", who.role == Role::kExecutor);
  // A person's internal account name means nothing to them: the header links to their account instead.
  page.set("is_person", who.role == Role::kPerson);
  page.set("csrf", req_.csrf_token);
  if (who.IsSignedIn() && who.user_id != 0) {
    // The header's unread count: one COUNT query, for signed-in users only (their pages are never cached);
    // a store that does not answer leaves the count out rather than failing the page.
    page.set("notifications_href", Href("/notifications"));
    if (auto tx = shared_.ctx.store.Begin(TxMode::kRead)) {
      if (auto n = accounts::UnreadNotifications(**tx, who.user_id); n && *n > 0) {
        page.set("has_unread", true);
        page.set("unread_count", std::to_string(*n));
      }
    }
  }

  Response r;
  if (auto flash = req_.Cookie(kFlashCookie);
      flash && flash->rfind("flash.", 0) == 0 && shared_.locales->Has(lang_, *flash)) {
    page.set("flash", T(*flash));
    r.headers.emplace_back("Set-Cookie",
                           std::string(kFlashCookie) + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
  }

  auto html = shared_.templates->Render("layout", page, strings);
  if (!html) return Response::Text(500, "template error\n");
  r.status = status;
  r.body = std::move(*html);
  r.SetHeader("Content-Type", "text/html; charset=utf-8");
  return r;
}

Response View::ErrorPage(const Error& error) const {
  const int status = HttpStatus(error.code);
  Response r = Response::Html(status, ErrorHtml(status, ErrorMessage(shared_.ctx, lang_, error)));
  if (error.code == ErrorCode::kUnavailable) r.SetHeader("Retry-After", "5");
  return r;
}

std::string View::ErrorHtml(int status, const std::string& message) const {
  TemplateData d{TemplateData::type::object};
  d.set("status", std::to_string(status));
  d.set("message", message);
  d.set("home_href", Href("/"));
  const std::string title = T("page.error.title");
  Response page = Page(status, "error", std::move(d), title, {{T("nav.home"), Href("/")}, {title, ""}});
  return std::move(page.body);
}

}  // namespace jospar::web
