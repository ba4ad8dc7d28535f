#include "web/pages/pages.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <stdexcept>

#include "core/plan/repository.hpp"
#include "web/opendata/open_data.hpp"
#include "web/pages/portal.hpp"

namespace jospar::web {

void AddPage(Router& router, const std::shared_ptr<const PortalShared>& shared, const std::string& method,
             const std::string& path, PageHandler handler, RouteOptions options) {
  auto h = std::make_shared<PageHandler>(std::move(handler));
  for (Lang lang : kLangs) {
    std::string full = "/" + std::string(LangCode(lang)) + path;
    router.Add(
        method, full,
        [shared, h, method](Request& req) {
          const bool read = method == "GET";
          const bool cacheable = read && PageCache::Cacheable(req);
          std::string key;
          if (cacheable) {
            key = req.path + "?" + req.query_string;
            if (auto hit = shared->cache.Get(key)) return std::move(*hit);
          }
          const auto rendering_began = PageCache::Clock::now();  // before any data are read
          View v(*shared, req);
          Response r = (*h)(v, req);
          if (!read)
            shared->cache.Invalidate();
          else if (cacheable)
            shared->cache.Put(key, r, rendering_began);
          return r;
        },
        options);
  }
}

void RegisterPages(Router& router, AppContext& ctx) {
  // The server loads these at start; a context built without them (tests, tools) gets them here.
  if (!ctx.templates) {
    auto t = Templates::Load(ctx.config.templates_dir);
    if (!t) throw std::runtime_error("portal templates: " + t.error().detail);
    ctx.templates = *t;
  }
  if (!ctx.locales) {
    auto l = Locales::Load(ctx.config.locales_dir);
    if (!l) throw std::runtime_error("portal strings: " + l.error().detail);
    ctx.locales = std::make_shared<const Locales>(std::move(*l));
  }
  if (!ctx.open_data)
    ctx.open_data = std::make_shared<OpenDataExports>(ctx.store, ctx.config.data_dir, ctx.clock);
  auto shared = std::make_shared<const PortalShared>(ctx, ctx.templates, ctx.locales);
  // Errors answered by the middleware (404 of an unknown path, 403 of a bad CSRF token, 429, 503) get the
  // portal's layout too. The routes below keep `shared` alive as long as the router.
  ctx.html_error = [weak = std::weak_ptr<const PortalShared>(shared)](const Request& req, int status,
                                                                      const std::string& message) {
    auto s = weak.lock();
    return s ? View(*s, req).ErrorHtml(status, message) : std::string();
  };
  RegisterHomePages(router, shared);
  RegisterDocumentPages(router, shared);
  RegisterIndicatorPages(router, shared);
  RegisterSdgPages(router, shared);
  RegisterBodyPages(router, shared);
  RegisterSearchPages(router, shared);
  RegisterStaffPages(router, shared);
  RegisterCoherencePages(router, shared);
  RegisterDuplicatePages(router, shared);
  RegisterLegacyPages(router, shared);
  RegisterProgressPages(router, shared);
  RegisterBurdenPages(router, shared);
  RegisterPersonPages(router, shared);
  RegisterAccountPages(router, shared);
  RegisterOpenDataPages(router, shared);
  RegisterLedgerPages(router, shared);
  RegisterNotificationPages(router, shared);
}

std::optional<Id> ParseId(std::string_view s) {
  Id v = 0;
  if (s.empty() || s.size() > 18) return std::nullopt;
  auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (r.ec != std::errc() || r.ptr != s.data() + s.size() || v <= 0) return std::nullopt;
  return v;
}

std::optional<int> ParseInt(std::string_view s) {
  int v = 0;
  if (s.empty() || s.size() > 9) return std::nullopt;
  auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (r.ec != std::errc() || r.ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

std::optional<double> ParseNumber(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  if (s.empty() || s.size() > 40) return std::nullopt;
  std::string t(s);
  std::replace(t.begin(), t.end(), ',', '.');
  double v = 0;
  auto r = std::from_chars(t.data(), t.data() + t.size(), v);
  if (r.ec != std::errc() || r.ptr != t.data() + t.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::string TierLabel(const View& v, Tier tier) {
  return v.T("tier." + std::to_string(static_cast<int>(tier)));
}

std::string StatusLabel(const View& v, DocStatus status) {
  return v.T("status." + std::string(ToString(status)));
}

std::string DocTypeLabel(const View& v, const std::string& type) {
  const std::string key = "doctype." + type;
  if (v.shared().locales->Has(v.lang(), key)) return v.T(key);
  return type;
}

std::string BodyKindLabel(const View& v, BodyKind kind) {
  return v.T("bodykind." + std::string(ToString(kind)));
}

std::string DirectionLabel(const View& v, Direction d) {
  return v.T("direction." + std::string(ToString(d)));
}

std::string Horizon(const Document& d) {
  if (!d.start_year && !d.end_year) return "";
  std::string s = d.start_year ? std::to_string(*d.start_year) : "";
  s += "\u2013";
  if (d.end_year) s += std::to_string(*d.end_year);
  return s;
}

Result<std::vector<Document>> ListAllDocuments(Tx& tx, const DocumentFilter& f, PageRequest p, int max_rows) {
  std::vector<Document> out;
  p.limit = 500;
  p.cursor.clear();
  while (static_cast<int>(out.size()) < max_rows) {
    auto page = tx.plan().ListDocuments(f, p);
    if (!page) return tl::unexpected(page.error());
    for (auto& d : page->items) out.push_back(std::move(d));
    if (page->next_cursor.empty()) break;
    p.cursor = page->next_cursor;
  }
  return out;
}

Result<std::vector<StateBody>> ListAllBodies(Tx& tx, const BodyFilter& f, Lang lang) {
  std::vector<StateBody> out;
  PageRequest p;
  p.limit = 500;
  p.lang = lang;
  p.sort = "title";
  for (int guard = 0; guard < 20; ++guard) {
    auto page = tx.plan().ListBodies(f, p);
    if (!page) return tl::unexpected(page.error());
    for (auto& b : page->items) out.push_back(std::move(b));
    if (page->next_cursor.empty()) break;
    p.cursor = page->next_cursor;
  }
  return out;
}

Result<std::vector<Indicator>> ListAllIndicators(Tx& tx, const IndicatorFilter& f, PageRequest p,
                                                 int max_rows) {
  std::vector<Indicator> out;
  p.limit = 500;
  p.cursor.clear();
  while (static_cast<int>(out.size()) < max_rows) {
    auto page = tx.plan().ListIndicators(f, p);
    if (!page) return tl::unexpected(page.error());
    for (auto& d : page->items) out.push_back(std::move(d));
    if (page->next_cursor.empty()) break;
    p.cursor = page->next_cursor;
  }
  return out;
}

std::optional<double> PeriodToYear(std::string_view period) {
  if (period.size() < 4) return std::nullopt;
  auto year = ParseInt(period.substr(0, 4));
  if (!year) return std::nullopt;
  if (period.size() == 4) return *year;
  if (period.size() == 7 && period[4] == '-' && period[5] == 'Q') {
    int q = period[6] - '0';
    if (q < 1 || q > 4) return std::nullopt;
    return *year + (q - 1) / 4.0;
  }
  if (period.size() == 7 && period[4] == '-') {
    auto m = ParseInt(period.substr(5, 2));
    if (!m || *m < 1 || *m > 12) return std::nullopt;
    return *year + (*m - 1) / 12.0;
  }
  return std::nullopt;
}

std::optional<Observation> LatestTotal(const std::vector<Observation>& obs) {
  const Observation* best = nullptr;
  for (const auto& o : obs) {
    if (!o.disaggregation.empty()) continue;
    if (best && (o.series != best->series || o.unit != best->unit)) continue;
    if (!best || o.period > best->period) best = &o;
  }
  if (!best) return std::nullopt;
  return *best;
}

}  // namespace jospar::web
