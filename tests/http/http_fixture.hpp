// In-process HTTP tests: a real SQLite store in a temp folder, the real router (Wire) and Dispatch,
// called without sockets. A manual clock drives session timeouts and throttling.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/base/unit_of_work.hpp"
#include "web/context.hpp"
#include "web/http.hpp"

namespace jospar::testing {

using nlohmann::json;

// What the seed inserted.
struct HttpSeed {
  Id body_a = 0, body_b = 0, body_c = 0;  // c is referenced by nothing
  Id admin = 0, planner = 0, exec_a = 0, exec_b = 0;
  std::string admin_token, planner_token, exec_a_token, exec_b_token;
  Id spare_token = 0;  // an API token of the planner that may be revoked
  std::string spare_token_value;
  Id draft = 0;        // draft document owned by body a, with goal, task, indicator, measure
  Id approved = 0;     // approved document
  Id empty_draft = 0;  // draft without goals
  std::int64_t approved_version = 1;
  Id goal = 0, task = 0, empty_goal = 0;
  Id indicator = 0;        // goal `goal`, responsible body a
  Id spare_indicator = 0;  // goal `goal`, no values
  Id measure = 0;
  Id sdg_goal = 0, sdg_target = 0;
  Id link = 0;  // goal -> sdg_target
};

inline constexpr const char* kPassword = "correct horse battery staple";
// The seeded admin's TOTP secret (raw bytes; the RFC 6238 test key): admins must sign in with a second
// factor, so the seed enrols them.
inline constexpr const char* kAdminTotpSecret = "12345678901234567890";

class HttpTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  // Builds the context and the router; called by SetUp() unless a test changes config_ first and
  // calls it again (Rebuild()).
  void Build();
  void Rebuild() { Build(); }

  struct Call {
    std::string method = "GET";
    std::string target;  // path with optional ?query
    std::string body;
    web::Headers headers;
    std::string remote = "192.0.2.10";
  };
  web::Response Do(Call call);
  web::Response Get(const std::string& target, web::Headers headers = {}) {
    return Do({"GET", target, "", std::move(headers)});
  }
  // A JSON request with a Bearer token (empty: anonymous).
  web::Response Api(const std::string& method, const std::string& target, const std::string& body,
                    const std::string& token, web::Headers extra = {});
  static json Body(const web::Response& r);

  // Signs in through the JSON API; returns the session cookie value and sets csrf. For "admin" it sends
  // AdminCode() as the second factor.
  std::string LoginCookie(const std::string& name, std::string* csrf = nullptr,
                          const std::string& remote = "192.0.2.10");
  // A TOTP code of the seeded admin at the test clock, usable now: the stored last step is cleared first,
  // so that several sign-ins within one 30-second step of the test clock work.
  std::string AdminCode();

  std::unique_ptr<Tx> Write();
  std::unique_ptr<Tx> Read();

  // Everything a write could change, as text: to assert that a rejected request changed nothing.
  std::string Fingerprint();

  std::string dir_;
  std::string url_;
  std::unique_ptr<Store> store_;
  web::WebConfig config_;
  std::atomic<std::int64_t> now_{1'800'000'000};
  std::unique_ptr<web::AppContext> ctx_;
  std::unique_ptr<web::Router> router_;
  HttpSeed seed_;
};

// Finds a Set-Cookie header whose cookie is `name`; empty when none.
std::string SetCookie(const web::Response& r, const std::string& name);
// The value of the cookie in a Set-Cookie header line.
std::string CookieValue(const std::string& set_cookie);

}  // namespace jospar::testing
