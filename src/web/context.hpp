// What every handler can reach: the store port, configuration and the shared services of the web layer.
// Built once by app/ (which wires the concrete store) and shared read-only by all worker threads; the
// services themselves are thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/base/clock.hpp"
#include "core/base/unit_of_work.hpp"
#include "core/ledger/checkpoint.hpp"
#include "core/plan/duplicates.hpp"
#include "web/http.hpp"

namespace jospar::accounts {
class BreachedPasswords;
}

namespace jospar::web {

class Locales;
class Templates;
class Auth;
class Metrics;
class RateLimiter;
class CoherenceService;
class OpenDataExports;
class TrustedProxies;
class SignInMethods;
class PersonKeys;

struct WebConfig {
  std::string static_dir;     // CSS, JS, images (served under /static/)
  std::string templates_dir;  // mustache templates
  std::string locales_dir;    // kk.json, ru.json, en.json
  std::string data_dir;       // keys and other state files
  int session_idle_minutes = 30;
  int session_absolute_hours = 12;
  bool secure_cookies = false;               // set when served over TLS (or behind a TLS proxy)
  std::size_t json_body_limit = 1 << 20;     // 1 MiB
  std::size_t upload_body_limit = 50 << 20;  // 50 MiB
  // argon2id cost of new password hashes; 0 means libsodium's "interactive" limits. Tests lower them.
  std::uint64_t pwhash_opslimit = 0;
  std::size_t pwhash_memlimit = 0;
  // Login throttling: after this many failed logins within the window, further attempts for the account
  // (or from the client address) get 429 until the oldest failure leaves the window.
  int login_max_failures_per_account = 5;
  int login_max_failures_per_address = 20;
  int login_window_minutes = 15;
  // Unsafe requests (POST, PUT, PATCH, DELETE) per client address: a token bucket of this burst size,
  // refilled at this rate. 0 disables the limit.
  int write_burst = 120;
  int write_per_minute = 600;
  bool log_requests = true;  // one structured log line per request (info level)
  // Reverse proxies whose X-Forwarded-For is believed: addresses or CIDR ranges ("10.0.0.0/8", "::1").
  // Empty (the default): the socket peer is the client and X-Forwarded-For is ignored.
  std::vector<std::string> trusted_proxies{};
  // When not empty, GET /metrics needs "Authorization: Bearer <metrics_token>" (401 otherwise).
  // Empty (the default): /metrics is open, as the server listens on loopback unless told otherwise.
  std::string metrics_token{};
  // The site's address as people reach it ("https://jospar.gov.kz"), for the links in mail. Never taken
  // from the request's Host header (a forged Host would send a reset link to another site). `jospar serve`
  // defaults it to http://localhost:PORT; empty gives "http://localhost".
  std::string public_url{};
};

// Renders an error page for an HTML (portal) route: given the request (language, principal), the HTTP
// status and the already translated message, returns the complete HTML document. Set by the portal;
// when empty, a minimal accessible page is used.
using HtmlErrorHook = std::function<std::string(const Request&, int status, const std::string& message)>;

struct AppContext {
  Store& store;
  WebConfig config;
  std::shared_ptr<const Locales> locales{};      // loaded once at start; may be null in tests
  std::shared_ptr<const Templates> templates{};  // may be null in tests
  Clock clock = SystemClock;
  std::shared_ptr<Auth> auth{};            // created by Wire() when null
  std::shared_ptr<Metrics> metrics{};      // created by Wire()
  std::shared_ptr<RateLimiter> limiter{};  // created by Wire() when null
  // config.trusted_proxies, parsed (web/client_address.hpp); created by Wire() when null.
  std::shared_ptr<const TrustedProxies> trusted_proxies{};
  HtmlErrorHook html_error{};
  // The plan's coherence findings (web/coherence_service.hpp); created when the coherence routes are
  // registered.
  std::shared_ptr<CoherenceService> coherence{};
  // The near-duplicate engine (analytics::TitleSimilarity); created by Wire() when null.
  std::shared_ptr<const PairFinder> pair_finder{};
  std::shared_ptr<OpenDataExports> open_data{};  // the open-data files (web/open_data.hpp); created by Wire()
  // Signs the transparency log's checkpoints. `jospar serve` loads it from the data directory (creating
  // it on first start); when null, Wire() makes an ephemeral one and logs a warning.
  std::shared_ptr<const ledger::SigningKey> ledger_key{};
  // The sign-in providers (web/identity.hpp): the built-in local accounts and any external identity
  // provider the app registers; created by Wire() with the local one when null.
  std::shared_ptr<SignInMethods> sign_in{};
  // The keys of persons' IINs (web/accounts/person_vault.hpp); loaded from the data directory by Wire()
  // when null.
  std::shared_ptr<const PersonKeys> person_keys{};
  // Passwords refused as new passwords (data/passwords/common-passwords.txt, loaded by `jospar serve`);
  // an empty list when null.
  std::shared_ptr<const accounts::BreachedPasswords> breached_passwords{};
};

}  // namespace jospar::web
