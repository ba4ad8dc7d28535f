// Wire(): every route of Jospar in one place, and the shared services of the context.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "analytics/title_similarity.hpp"
#include "core/accounts/passwords.hpp"
#include "core/audit/decisions.hpp"
#include "core/ledger/hash.hpp"
#include "web/accounts/notification_texts.hpp"
#include "web/accounts/person_vault.hpp"
#include "web/api/api.hpp"
#include "web/auth.hpp"
#include "web/auth_routes.hpp"
#include "web/client_address.hpp"
#include "web/dispatch.hpp"
#include "web/error_mapping.hpp"
#include "web/identity.hpp"
#include "web/ledger/ledger_key.hpp"
#include "web/metrics.hpp"
#include "web/opendata/open_data.hpp"
#include "web/pages/pages.hpp"

namespace jospar::web {

namespace {

// The key of the login form's CSRF tokens: data_dir/session.key (created once, mode 0600), so that
// several app processes behind a proxy accept each other's forms. Random per process without data_dir.
// data_dir/totp.key (same form) seals the TOTP secrets of two-factor sign-in at rest: losing it means
// every user enrols again (an admin resets them), so it is backed up with the database. Processes that
// start at once on one data directory agree: the file is written under a temporary name and linked into
// place, which fails when another process linked its key first, and then that key is used.
std::string LoadOrCreateSecret(const std::string& data_dir, const char* file = "session.key") {
  if (data_dir.empty()) return RandomHex(32);
  namespace fs = std::filesystem;
  const fs::path p = fs::path(data_dir) / file;
  const auto read = [&p]() -> std::optional<std::string> {
    std::ifstream in(p);
    std::string s;
    if (in && std::getline(in, s) && s.size() >= 64) return s;
    return std::nullopt;
  };
  if (auto s = read()) return *s;
  std::error_code ec;
  fs::create_directories(data_dir, ec);
  const std::string s = RandomHex(32);
  const fs::path tmp = p.string() + ".tmp-" + RandomHex(8);
  {
    std::ofstream out(tmp, std::ios::trunc);
    if (!out) return s;
    fs::permissions(tmp, fs::perms::owner_read | fs::perms::owner_write, ec);
    out << s << "\n";
    out.flush();
    if (!out) {
      fs::remove(tmp, ec);
      return s;
    }
  }
  const bool linked = ::link(tmp.c_str(), p.c_str()) == 0;
  fs::remove(tmp, ec);
  if (linked) return s;
  if (auto existing = read()) return *existing;  // another process created it first
  return s;
}

// True when no metrics token is configured, or the request carries "Authorization: Bearer <token>".
// Compares digests of equal length in constant time, so neither the token nor its length leaks.
bool MetricsCallerAllowed(const WebConfig& config, const Request& req) {
  if (config.metrics_token.empty()) return true;
  constexpr std::string_view kScheme = "Bearer ";
  const std::string_view auth = req.Header("Authorization");
  if (auth.size() <= kScheme.size() || auth.substr(0, kScheme.size()) != kScheme) return false;
  return ConstantTimeEquals(ledger::Sha256Hex(auth.substr(kScheme.size())),
                            ledger::Sha256Hex(config.metrics_token));
}

void RegisterCoreRoutes(Router& router, AppContext& ctx) {
  const RouteOptions probe{.no_auth = true, .summary = "", .tag = "operations"};
  RouteOptions o = probe;
  o.summary = "Liveness: the process is alive";
  router.Add(
      "GET", "/healthz", [](Request&) { return Response::JsonBody(200, R"({"status":"ok"})"); }, o);
  o.summary = "Readiness: the store answers (503 when it does not)";
  router.Add(
      "GET", "/readyz",
      [&ctx](Request&) {
        nlohmann::json j;
        j["store"] = std::string(ctx.store.Backend());
        if (ctx.store.Ping()) {
          j["status"] = "ready";
          return Response::JsonBody(200, j.dump());
        }
        j["status"] = "unavailable";
        j["message"] = "the database cannot be reached";
        Response r = Response::JsonBody(503, j.dump());
        r.SetHeader("Retry-After", "5");
        return r;
      },
      o);
  o.summary = "Prometheus metrics (Bearer token when metrics_token is set)";
  router.Add(
      "GET", "/metrics",
      [&ctx, &router](Request& req) {
        if (!MetricsCallerAllowed(ctx.config, req)) {
          Response r =
              ErrorResponse(ctx, req, Error{ErrorCode::kUnauthenticated, "error.unauthenticated", {}, {}});
          r.SetHeader("WWW-Authenticate", "Bearer realm=\"jospar-metrics\"");
          return r;
        }
        std::string text = ctx.metrics ? ctx.metrics->Render(router.Routes(), ctx.store) : std::string();
        return Response::Text(200, std::move(text), "text/plain; version=0.0.4; charset=utf-8");
      },
      o);
  o.summary = "Static files (CSS, JS, images)";
  router.Add(
      "GET", "/static/{path...}", [&ctx](Request& req) { return ServeStatic(ctx, req, req.params["path"]); },
      o);
  router.Add(
      "GET", "/",
      [](Request& req) {
        Response r = Response::Redirect("/" + std::string(LangCode(req.lang)) + "/", 302);
        r.SetHeader("Vary", "Accept-Language, Cookie");
        return r;
      },
      {.no_auth = true, .summary = "Redirects to the home page in the reader's language", .tag = "portal"});
}

}  // namespace

void Wire(AppContext& ctx, Router& router) {
  if (!ctx.auth)
    ctx.auth = std::make_shared<Auth>(ctx.config, LoadOrCreateSecret(ctx.config.data_dir),
                                      LoadOrCreateSecret(ctx.config.data_dir, "totp.key"));
  // On PostgreSQL several processes may serve one database: the request rate is counted in it.
  if (!ctx.limiter)
    ctx.limiter =
        ctx.store.Backend() == "postgresql"
            ? std::make_shared<RateLimiter>(ctx.store, ctx.config.write_burst, ctx.config.write_per_minute)
            : std::make_shared<RateLimiter>(ctx.config.write_burst, ctx.config.write_per_minute);
  if (!ctx.trusted_proxies) {
    auto proxies = TrustedProxies::Parse(ctx.config.trusted_proxies);
    if (!proxies) throw std::runtime_error(proxies.error().detail);
    ctx.trusted_proxies = std::make_shared<const TrustedProxies>(std::move(*proxies));
  }
  if (!ctx.person_keys) {
    auto keys = PersonKeys::Load(ctx.config.data_dir);
    if (!keys) throw std::runtime_error("IIN keys: " + keys.error().detail);
    ctx.person_keys = *keys;
  }
  if (!ctx.breached_passwords) ctx.breached_passwords = std::make_shared<const accounts::BreachedPasswords>();
  if (!ctx.pair_finder) ctx.pair_finder = std::make_shared<analytics::TitleSimilarity>();
  if (!ctx.open_data)
    ctx.open_data = std::make_shared<OpenDataExports>(ctx.store, ctx.config.data_dir, ctx.clock);
  // Every open-data file that is new or changed is recorded in the transparency log with its SHA-256.
  ctx.open_data->SetRecorder([&store = ctx.store](const std::vector<formats::ExportFile>& changed,
                                                  const std::string& time) -> Status {
    std::vector<usecases::PublishedFile> files;
    for (const auto& f : changed) files.push_back({f.name, f.sha256});
    auto recorded = usecases::RecordPublishedFiles(store, files, time);
    if (!recorded) return Fail(recorded.error());
    return {};
  });
  if (!ctx.ledger_key) {
    auto key = LoadOrCreateLedgerKey(ctx.config.data_dir);
    if (!key) throw std::runtime_error("transparency log key: " + key.error().detail);
    ctx.ledger_key = std::make_shared<const ledger::SigningKey>(std::move(*key));
  }
  RegisterCoreRoutes(router, ctx);
  RegisterOpenDataRoutes(router, ctx);
  RegisterAuthRoutes(router, ctx);
  RegisterSecondFactorRoutes(router, ctx);
  if (!ctx.sign_in) ctx.sign_in = std::make_shared<SignInMethods>();
  RegisterIdentityRoutes(router, ctx);
  RegisterNotificationRoutes(router, ctx);
  api::RegisterApi(router, ctx);
  RegisterPages(router, ctx);
  // Notification mails are rendered from the portal's strings (loaded by RegisterPages when missing).
  if (ctx.locales) SetNotificationMailRenderer(MakeNotificationMailRenderer(ctx.locales));
  ctx.metrics = std::make_shared<Metrics>(router.Routes().size());
}

}  // namespace jospar::web
