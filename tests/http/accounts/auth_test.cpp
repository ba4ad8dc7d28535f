// Accounts on the web: session cookies, CSRF, timeouts, logout, login throttling, tokens, the form.
#include <gmock/gmock.h>

#include "core/accounts/repository.hpp"
#include "core/ledger/hash.hpp"
#include "http/http_fixture.hpp"
#include "web/auth.hpp"

namespace jospar::testing {
namespace {

using ::testing::HasSubstr;

std::string HtmlUnescape(std::string s) {
  for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&#x27;", "'"}, {"&amp;", "&"}}) {
    for (auto p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size()))
      s.replace(p, from.size(), to);
  }
  return s;
}

class AuthTest : public HttpTest {
 protected:
  // A cookie-authenticated JSON write: create a state body as admin.
  web::Response CreateBody(const std::string& cookie, const std::string& csrf,
                           const std::string& code = "NEWB") {
    web::Headers h{{"Content-Type", "application/json"},
                   {"Cookie", std::string(web::kSessionCookie) + "=" + cookie}};
    if (!csrf.empty()) h.emplace_back("X-CSRF-Token", csrf);
    return Do({"POST", "/api/v1/bodies", R"({"code":")" + code + R"(","title":{"en":"New"}})", h});
  }
  web::Response Whoami(const std::string& cookie) {
    return Get("/api/v1/session", {{"Cookie", std::string(web::kSessionCookie) + "=" + cookie}});
  }
  // The seeded admin has a second factor: its current code goes with every sign-in as admin.
  json Credentials(const std::string& name, const std::string& password) {
    json creds{{"name", name}, {"password", password}};
    if (name == "admin") creds["totp"] = AdminCode();
    return creds;
  }
  web::Response Login(const std::string& name, const std::string& password,
                      const std::string& remote = "192.0.2.10") {
    return Do({"POST",
               "/api/v1/session",
               Credentials(name, password).dump(),
               {{"Content-Type", "application/json"}},
               remote});
  }
  // A JSON sign-in that came through a proxy at `peer`, which forwarded `forwarded_for`.
  web::Response LoginVia(const std::string& peer, const std::string& forwarded_for, const std::string& name,
                         const std::string& password) {
    return Do({"POST",
               "/api/v1/session",
               Credentials(name, password).dump(),
               {{"Content-Type", "application/json"}, {"X-Forwarded-For", forwarded_for}},
               peer});
  }
  // Signs in through the HTML form with `next_field` as the form's encoded `next` value; returns the
  // response (303 with a Location on success).
  web::Response FormLogin(const std::string& next_field) {
    auto page = Get("/en/login");
    const std::string pre = CookieValue(SetCookie(page, web::kPreSessionCookie));
    const std::string marker = "name=\"csrf_token\" value=\"";
    const auto pos = page.body.find(marker);
    if (pos == std::string::npos) return page;
    const std::string token = page.body.substr(pos + marker.size(), 64);
    const web::Headers form{{"Content-Type", "application/x-www-form-urlencoded"},
                            {"Cookie", std::string(web::kPreSessionCookie) + "=" + pre}};
    auto step =
        Do({"POST", "/en/login",
            "name=admin&password=correct+horse+battery+staple&next=" + next_field + "&csrf_token=" + token,
            form});
    return SecondStep(step, token, form);
  }
  // Answers the admin's second step of a form sign-in (the page `step`) with the current code; `next`
  // travels in the step's hidden field.
  web::Response SecondStep(const web::Response& step, const std::string& token, const web::Headers& form) {
    const std::string marker = "name=\"pending\" value=\"";
    const auto at = step.body.find(marker);
    if (step.status != 200 || at == std::string::npos) return step;
    const std::string pending = step.body.substr(at + marker.size(), 64);
    const std::string next_marker = "name=\"next\" value=\"";
    const auto n = step.body.find(next_marker, at);
    std::string next;
    if (n != std::string::npos) {
      const auto start = n + next_marker.size();
      next = web::UrlEncode(HtmlUnescape(step.body.substr(start, step.body.find('"', start) - start)));
    }
    return Do({"POST", "/en/login/second-step",
               "code=" + AdminCode() + "&pending=" + pending + "&next=" + next + "&csrf_token=" + token,
               form});
  }
};

TEST_F(AuthTest, SessionCookieIsHttpOnlyLaxAndSecureOnlyWhenConfigured) {
  auto r = Login("admin", kPassword);
  ASSERT_EQ(r.status, 200);
  const std::string c = SetCookie(r, web::kSessionCookie);
  EXPECT_THAT(c, HasSubstr("HttpOnly"));
  EXPECT_THAT(c, HasSubstr("SameSite=Lax"));
  EXPECT_THAT(c, HasSubstr("Path=/"));
  EXPECT_THAT(c, ::testing::Not(HasSubstr("Secure")));
  EXPECT_EQ(CookieValue(c).size(), 64u);  // 256 random bits
  EXPECT_EQ(Body(r)["user"]["role"], "admin");
  // The store keeps only the hash of the cookie.
  auto tx = Read();
  EXPECT_FALSE(tx->accounts().GetSession(CookieValue(c)));
  EXPECT_TRUE(tx->accounts().GetSession(ledger::Sha256Hex(CookieValue(c))));
  tx.reset();

  config_.secure_cookies = true;
  Rebuild();
  EXPECT_THAT(SetCookie(Login("admin", kPassword), web::kSessionCookie), HasSubstr("; Secure"));
}

TEST_F(AuthTest, LoginIssuesANewSessionIdAndDropsTheOldOne) {
  const std::string first = LoginCookie("planner");
  ASSERT_EQ(Whoami(first).status, 200);
  auto r = Do(
      {"POST",
       "/api/v1/session",
       json{{"name", "planner"}, {"password", kPassword}}.dump(),
       {{"Content-Type", "application/json"}, {"Cookie", std::string(web::kSessionCookie) + "=" + first}}});
  ASSERT_EQ(r.status, 200);
  const std::string second = CookieValue(SetCookie(r, web::kSessionCookie));
  EXPECT_NE(first, second);
  EXPECT_EQ(Whoami(first).status, 401);
  EXPECT_EQ(Whoami(second).status, 200);
}

TEST_F(AuthTest, CookieWritesNeedTheSessionCsrfToken) {
  std::string csrf;
  const std::string cookie = LoginCookie("admin", &csrf);
  const std::string before = Fingerprint();
  auto none = CreateBody(cookie, "");
  EXPECT_EQ(none.status, 403);
  EXPECT_EQ(Body(none)["error"]["code"], "forbidden");
  auto forged = CreateBody(cookie, std::string(64, 'f'));
  EXPECT_EQ(forged.status, 403);
  EXPECT_EQ(Fingerprint(), before);
  EXPECT_EQ(CreateBody(cookie, csrf).status, 201);
  // In a form field, for HTML forms.
  auto form = Do({"POST",
                  "/en/logout",
                  "csrf_token=" + csrf,
                  {{"Content-Type", "application/x-www-form-urlencoded"},
                   {"Cookie", std::string(web::kSessionCookie) + "=" + cookie}}});
  EXPECT_EQ(form.status, 303);
  EXPECT_EQ(Whoami(cookie).status, 401);
}

TEST_F(AuthTest, LogoutInvalidatesTheSession) {
  std::string csrf;
  const std::string cookie = LoginCookie("admin", &csrf);
  auto r = Do({"DELETE",
               "/api/v1/session",
               "",
               {{"Cookie", std::string(web::kSessionCookie) + "=" + cookie}, {"X-CSRF-Token", csrf}}});
  EXPECT_EQ(r.status, 204);
  EXPECT_THAT(SetCookie(r, web::kSessionCookie), HasSubstr("Max-Age=0"));
  EXPECT_EQ(Whoami(cookie).status, 401);
  EXPECT_EQ(CreateBody(cookie, csrf).status, 401);
}

TEST_F(AuthTest, IdleTimeoutEndsTheSession) {
  std::string csrf;
  const std::string cookie = LoginCookie("admin", &csrf);
  now_ += 29 * 60;
  EXPECT_EQ(Whoami(cookie).status, 200);  // activity renews the idle timer
  now_ += 29 * 60;
  EXPECT_EQ(Whoami(cookie).status, 200);
  now_ += 31 * 60;
  auto r = Whoami(cookie);
  EXPECT_EQ(r.status, 401);
  EXPECT_THAT(SetCookie(r, web::kSessionCookie), HasSubstr("Max-Age=0"));
  const std::string before = Fingerprint();
  auto w = CreateBody(cookie, csrf);
  EXPECT_EQ(w.status, 401);
  EXPECT_EQ(Body(w)["error"]["code"], "unauthenticated");
  EXPECT_EQ(Fingerprint(), before);
}

TEST_F(AuthTest, AbsoluteTimeoutEndsEvenAnActiveSession) {
  const std::string cookie = LoginCookie("admin");
  int active = 0;
  for (int i = 0; i < 30; ++i) {  // 14.5 hours of activity every 29 minutes
    now_ += 29 * 60;
    if (Whoami(cookie).status != 200) break;
    ++active;
  }
  EXPECT_EQ(active, 24);  // 24 * 29 min < 12 h <= 25 * 29 min
  EXPECT_EQ(Whoami(cookie).status, 401);
}

TEST_F(AuthTest, WrongPasswordAndUnknownUserLookTheSame) {
  auto a = Login("admin", "wrong password!!");
  auto b = Login("nobody-at-all", "wrong password!!");
  EXPECT_EQ(a.status, 401);
  EXPECT_EQ(b.status, 401);
  auto ja = Body(a), jb = Body(b);
  EXPECT_EQ(ja["error"]["message"], jb["error"]["message"]);
  EXPECT_EQ(ja["error"]["code"], jb["error"]["code"]);
  EXPECT_TRUE(SetCookie(a, web::kSessionCookie).empty());
}

TEST_F(AuthTest, FiveFailuresBlockTheAccountFor15Minutes) {
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(Login("planner", "not the password", "192.0.2." + std::to_string(20 + i)).status, 401);
  auto blocked = Login("planner", kPassword, "192.0.2.99");  // even with the right password, from elsewhere
  EXPECT_EQ(blocked.status, 429);
  EXPECT_FALSE(blocked.GetHeader("Retry-After").empty());
  EXPECT_EQ(Body(blocked)["error"]["code"], "rate_limited");
  EXPECT_EQ(Login("admin", kPassword, "192.0.2.99").status, 200);  // other accounts are not affected
  now_ += 15 * 60 + 1;
  EXPECT_EQ(Login("planner", kPassword, "192.0.2.99").status, 200);
}

TEST_F(AuthTest, ManyFailuresFromOneAddressBlockThatAddress) {
  for (int i = 0; i < 20; ++i) Login("user" + std::to_string(i), "not the password", "203.0.113.5");
  EXPECT_EQ(Login("admin", kPassword, "203.0.113.5").status, 429);
  EXPECT_EQ(Login("admin", kPassword, "203.0.113.6").status, 200);
}

// Behind a reverse proxy every request comes from the proxy's address: the sign-in throttle must count
// the client the proxy names, or one visitor's failures lock everyone out.
TEST_F(AuthTest, ForwardedForIsIgnoredUnlessThePeerIsATrustedProxy) {
  // No trusted proxy (the default): X-Forwarded-For changes nothing, the peer is throttled.
  for (int i = 0; i < 20; ++i)
    LoginVia("192.0.2.10", "203.0.113." + std::to_string(i), "user" + std::to_string(i), "not the password");
  EXPECT_EQ(LoginVia("192.0.2.10", "203.0.113.200", "admin", kPassword).status, 429);
  EXPECT_EQ(Login("admin", kPassword, "192.0.2.11").status, 200);
}

TEST_F(AuthTest, ForwardedForFromATrustedProxyThrottlesEachClientSeparately) {
  config_.trusted_proxies = {"192.0.2.10", "10.0.0.0/8"};
  Rebuild();
  for (int i = 0; i < 20; ++i)
    LoginVia("192.0.2.10", "203.0.113.5", "user" + std::to_string(i), "not the password");
  EXPECT_EQ(LoginVia("192.0.2.10", "203.0.113.5", "admin", kPassword).status, 429);
  EXPECT_EQ(LoginVia("192.0.2.10", "203.0.113.6", "admin", kPassword).status, 200);
  // The right-most address that is not itself a trusted proxy is the client: one the client wrote in
  // front does not help it, a chain of trusted proxies is walked through.
  EXPECT_EQ(LoginVia("192.0.2.10", "203.0.113.6, 203.0.113.5", "admin", kPassword).status, 429);
  EXPECT_EQ(LoginVia("192.0.2.10", "203.0.113.5, 10.1.2.3", "admin", kPassword).status, 429);
  EXPECT_EQ(LoginVia("192.0.2.10", "203.0.113.6, 10.1.2.3", "admin", kPassword).status, 200);
  // A peer that is not a trusted proxy is the client, whatever it forwards.
  for (int i = 0; i < 20; ++i)
    LoginVia("198.51.100.7", "203.0.113." + std::to_string(i), "user" + std::to_string(i),
             "not the password");
  EXPECT_EQ(LoginVia("198.51.100.7", "203.0.113.7", "admin", kPassword).status, 429);
  EXPECT_EQ(LoginVia("192.0.2.10", "203.0.113.7", "admin", kPassword).status, 200);
}

TEST_F(AuthTest, BearerTokensAuthenticateAndBadOnesAre401) {
  auto ok = Api("GET", "/api/v1/session", "", seed_.exec_a_token);
  EXPECT_EQ(ok.status, 200);
  EXPECT_EQ(Body(ok)["user"]["name"], "exec_a");
  EXPECT_EQ(Api("GET", "/api/v1/bodies", "", "jsp_not_a_token").status, 401);
  EXPECT_EQ(Get("/api/v1/bodies", {{"Authorization", "Basic YWRtaW46eA=="}}).status, 401);
  // A revoked token stops working.
  EXPECT_EQ(
      Api("DELETE", "/api/v1/tokens/" + std::to_string(seed_.spare_token), "", seed_.admin_token).status,
      204);
  EXPECT_EQ(Api("GET", "/api/v1/session", "", seed_.spare_token_value).status, 401);
}

TEST_F(AuthTest, AdminCreatesAUserWithAGeneratedPasswordAndATokenShownOnce) {
  auto u = Api("POST", "/api/v1/users",
               R"({"name":"newexec","role":"executor","body_id":)" + std::to_string(seed_.body_a) + "}",
               seed_.admin_token);
  ASSERT_EQ(u.status, 201) << u.body;
  const std::string password = Body(u)["password"];
  EXPECT_GE(password.size(), 20u);
  EXPECT_EQ(Login("newexec", password).status, 200);
  auto t = Api("POST", "/api/v1/tokens", R"({"user_id":)" + Body(u)["id"].dump() + R"(,"name":"ci"})",
               seed_.admin_token);
  ASSERT_EQ(t.status, 201);
  const std::string token = Body(t)["token"];
  EXPECT_EQ(Body(Api("GET", "/api/v1/session", "", token))["user"]["name"], "newexec");
  // Only hashes are stored.
  auto tx = Read();
  EXPECT_FALSE(tx->accounts().GetApiTokenByHash(token));
  auto user = tx->accounts().GetUserByName("newexec");
  ASSERT_TRUE(user);
  EXPECT_EQ(user->password_hash.rfind("$argon2id$", 0), 0u);
  // Bad input is located.
  auto bad =
      Api("POST", "/api/v1/users", R"({"name":"x y","role":"king","password":"short"})", seed_.admin_token);
  EXPECT_EQ(bad.status, 400);
  std::set<std::string> fields;
  const json bad_body = Body(bad);
  for (const auto& f : bad_body["error"]["fields"]) fields.insert(f["field"]);
  EXPECT_TRUE(fields.count("role"));
}

TEST_F(AuthTest, HtmlLoginNeedsThePreSessionTokenAndRedirectsWithANewSession) {
  auto page = Get("/en/login");
  ASSERT_EQ(page.status, 200);
  const std::string pre = CookieValue(SetCookie(page, web::kPreSessionCookie));
  ASSERT_EQ(pre.size(), 64u);
  const std::string marker = "name=\"csrf_token\" value=\"";
  const auto pos = page.body.find(marker);
  ASSERT_NE(pos, std::string::npos);
  const std::string token = page.body.substr(pos + marker.size(), 64);
  const web::Headers form{{"Content-Type", "application/x-www-form-urlencoded"},
                          {"Cookie", std::string(web::kPreSessionCookie) + "=" + pre}};
  // Forged or missing token: 403, no session.
  auto forged =
      Do({"POST", "/en/login",
          "name=admin&password=correct+horse+battery+staple&csrf_token=" + std::string(64, '0'), form});
  EXPECT_EQ(forged.status, 403);
  EXPECT_TRUE(SetCookie(forged, web::kSessionCookie).empty());
  auto no_cookie = Do({"POST",
                       "/en/login",
                       "name=admin&password=correct+horse+battery+staple&csrf_token=" + token,
                       {{"Content-Type", "application/x-www-form-urlencoded"}}});
  EXPECT_EQ(no_cookie.status, 403);
  // Wrong password: the form again with the message, 401.
  auto wrong = Do({"POST", "/en/login", "name=admin&password=nope&csrf_token=" + token, form});
  EXPECT_EQ(wrong.status, 401);
  EXPECT_THAT(wrong.body, HasSubstr("role=\"alert\""));
  // Right: a session and a redirect to a local page only.
  auto step = Do(
      {"POST", "/en/login",
       "name=admin&password=correct+horse+battery+staple&next=https%3A%2F%2Fevil.example&csrf_token=" + token,
       form});
  EXPECT_EQ(step.status, 200);  // the admin's second step
  EXPECT_TRUE(SetCookie(step, web::kSessionCookie).empty());
  auto ok = SecondStep(step, token, form);
  EXPECT_EQ(ok.status, 303);
  EXPECT_EQ(ok.GetHeader("Location"), "/en/");
  const std::string session = CookieValue(SetCookie(ok, web::kSessionCookie));
  EXPECT_EQ(Whoami(session).status, 200);
}

// After sign-in, `next` may only name a page of this site. Browsers strip tabs and newlines from a
// Location and read a backslash as a slash, so "/\t/evil.example" is "//evil.example": another site.
TEST_F(AuthTest, SignInRedirectsOnlyToAPageOfThisSite) {
  const std::vector<std::string> bypasses = {
      "/%09/evil.example",           // "/\t/evil.example"
      "%2F%09%2Fevil.example",       // the same, all encoded
      "/%0A/evil.example",           // newline
      "/%0D%0ASet-Cookie:%20x=y",    // header injection
      "/%7F/evil.example",           // DEL
      "//evil.example",              // scheme-relative
      "///evil.example",             //
      "/%5Cevil.example",            // "/\evil.example"
      "%5C%5Cevil.example",          // "\\evil.example"
      "/%2509/evil.example",         // "/%09/evil.example": a tab once decoded
      "/%252F/evil.example",         // "/%2F/evil.example": a slash once decoded
      "/%255C/evil.example",         // "/%5C/evil.example": a backslash once decoded
      "/%25252F/evil.example",       // twice encoded
      "/en/%2509",                   // a control character anywhere
      "https%3A%2F%2Fevil.example",  // absolute
      "evil.example",                // relative
      "%20/%2Fevil.example",         // not starting with "/"
      "",                            //
  };
  for (const auto& next : bypasses) {
    auto r = FormLogin(next);
    EXPECT_EQ(r.status, 303) << next;
    EXPECT_EQ(r.GetHeader("Location"), "/en/") << next;
  }
  // Pages of this site, percent-escapes included, are kept.
  EXPECT_EQ(FormLogin("%2Fen%2Findicators%2F12").GetHeader("Location"), "/en/indicators/12");
  EXPECT_EQ(FormLogin("%2Fen%2Fsearch%3Fq%3Da%2520b").GetHeader("Location"), "/en/search?q=a%20b");
}

}  // namespace
}  // namespace jospar::testing
