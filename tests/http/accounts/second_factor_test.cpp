// Two-factor sign-in (TOTP): enrolment and its confirmation, the second step of sign-in in the JSON API
// and the HTML form, wrong, replayed and expired answers (a clear message, no session, nothing changed),
// recovery codes (once each), admins forced to enrol, an admin's reset after a lost device, CSRF.
#include <gmock/gmock.h>

#include "core/accounts/repository.hpp"
#include "core/accounts/totp.hpp"
#include "core/audit/history.hpp"
#include "core/ledger/hash.hpp"
#include "http/http_fixture.hpp"
#include "web/auth.hpp"

namespace jospar::testing {
namespace {

using ::testing::HasSubstr;

class SecondFactorTest : public HttpTest {
 protected:
  static std::string CookieHeader(const std::string& cookie) {
    return std::string(web::kSessionCookie) + "=" + cookie;
  }
  // A JSON call in the session of `cookie` with its CSRF token.
  web::Response InSession(const std::string& method, const std::string& target, const std::string& body,
                          const std::string& cookie, const std::string& csrf) {
    web::Headers h{{"Cookie", CookieHeader(cookie)}, {"X-CSRF-Token", csrf}};
    if (!body.empty()) h.emplace_back("Content-Type", "application/json");
    return Do({method, target, body, std::move(h)});
  }
  web::Response ApiLogin(const std::string& name, std::optional<std::string> totp = std::nullopt) {
    json creds{{"name", name}, {"password", kPassword}};
    if (totp) creds["totp"] = *totp;
    return Do({"POST", "/api/v1/session", creds.dump(), {{"Content-Type", "application/json"}}});
  }
  static std::string FieldCode(const web::Response& r) {
    json j = json::parse(r.body, nullptr, false);
    if (j.is_discarded() || !j.contains("error") || j["error"]["fields"].empty()) return "";
    return j["error"]["fields"][0]["code"].get<std::string>();
  }
  // Enrols `name` through the API; returns the raw secret and the recovery codes.
  std::pair<std::string, std::vector<std::string>> Enrol(const std::string& name) {
    std::string csrf;
    const std::string cookie = LoginCookie(name, &csrf);
    auto start = InSession("POST", "/api/v1/session/second-factor", "", cookie, csrf);
    EXPECT_EQ(start.status, 201) << start.body;
    const std::string b32 = Body(start)["secret"].get<std::string>();
    const std::string secret = accounts::Base32Decode(b32).value_or("");
    auto confirm = InSession("POST", "/api/v1/session/second-factor/confirm",
                             json{{"code", accounts::TotpCode(secret, now_.load())}}.dump(), cookie, csrf);
    EXPECT_EQ(confirm.status, 200) << confirm.body;
    std::vector<std::string> codes;
    const json confirmed = Body(confirm);  // kept alive: the loop walks a member of it
    for (const auto& c : confirmed["recovery_codes"]) codes.push_back(c.get<std::string>());
    return {secret, codes};
  }
  bool Enabled(Id user) {
    auto f = Read()->accounts().GetSecondFactor(user);
    return f && !f->enabled_at.empty();
  }
  static std::string Between(const std::string& body, const std::string& marker, std::size_t n) {
    const auto pos = body.find(marker);
    return pos == std::string::npos ? "" : body.substr(pos + marker.size(), n);
  }
};

TEST_F(SecondFactorTest, EnrolmentShowsTheSecretAndUriAndIsOnOnlyAfterAValidCode) {
  std::string csrf;
  const std::string cookie = LoginCookie("planner", &csrf);
  auto start = InSession("POST", "/api/v1/session/second-factor", "", cookie, csrf);
  ASSERT_EQ(start.status, 201) << start.body;
  const std::string b32 = Body(start)["secret"].get<std::string>();
  EXPECT_EQ(b32.size(), 32u);  // 20 bytes
  EXPECT_EQ(Body(start)["otpauth_uri"], "otpauth://totp/Jospar:planner?secret=" + b32 + "&issuer=Jospar");
  EXPECT_FALSE(Enabled(seed_.planner));
  // The secret is not stored in clear.
  EXPECT_THAT(Read()->accounts().GetSecondFactor(seed_.planner).value().secret_sealed,
              ::testing::Not(HasSubstr(b32)));
  const std::string secret = accounts::Base32Decode(b32).value();

  const std::string wrong = accounts::TotpCode(secret, now_.load() + 300);
  auto bad =
      InSession("POST", "/api/v1/session/second-factor/confirm", json{{"code", wrong}}.dump(), cookie, csrf);
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_EQ(FieldCode(bad), "error.totp_wrong");
  EXPECT_FALSE(Enabled(seed_.planner));

  auto ok = InSession("POST", "/api/v1/session/second-factor/confirm",
                      json{{"code", accounts::TotpCode(secret, now_.load())}}.dump(), cookie, csrf);
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(Body(ok)["recovery_codes"].size(), 10u);
  EXPECT_TRUE(Enabled(seed_.planner));
  EXPECT_EQ(Read()->accounts().CountUnusedRecoveryCodes(seed_.planner).value(), 10);
  auto history = Read()->audit().ListHistory({ObjectKind::kUser, seed_.planner}, 10).value();
  ASSERT_FALSE(history.empty());
  EXPECT_EQ(history[0].action, "second_factor_on");
}

TEST_F(SecondFactorTest, PasswordAloneIsRefusedToTheSecondStepAndTheRightCodeSignsIn) {
  auto [secret, codes] = Enrol("planner");
  now_ += 60;
  auto only = ApiLogin("planner");
  EXPECT_EQ(only.status, 401) << only.body;
  EXPECT_EQ(FieldCode(only), "error.second_factor_required");
  EXPECT_EQ(SetCookie(only, web::kSessionCookie), "");

  auto ok = ApiLogin("planner", accounts::TotpCode(secret, now_.load()));
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_NE(SetCookie(ok, web::kSessionCookie), "");
  EXPECT_EQ(Body(ok)["user"]["name"], "planner");
}

TEST_F(SecondFactorTest, WrongAndReplayedCodesGetAClearMessageNoSessionAndChangeNothing) {
  auto [secret, codes] = Enrol("planner");
  now_ += 60;
  const std::string code = accounts::TotpCode(secret, now_.load());
  ASSERT_EQ(ApiLogin("planner", code).status, 200);
  const std::int64_t step = Read()->accounts().GetSecondFactor(seed_.planner).value().last_step;
  const std::string before = Fingerprint();

  now_ += 5;  // the same step
  auto replay = ApiLogin("planner", code);
  EXPECT_EQ(replay.status, 401) << replay.body;
  EXPECT_EQ(FieldCode(replay), "error.totp_replayed");
  EXPECT_THAT(Body(replay)["error"]["message"].get<std::string>(),
              HasSubstr("бұрын пайдаланылған"));  // the API speaks kk by default
  EXPECT_EQ(SetCookie(replay, web::kSessionCookie), "");

  auto wrong = ApiLogin("planner", code == "000000" ? "111111" : "000000");
  EXPECT_EQ(wrong.status, 401) << wrong.body;
  EXPECT_EQ(FieldCode(wrong), "error.totp_wrong");
  EXPECT_EQ(SetCookie(wrong, web::kSessionCookie), "");

  EXPECT_EQ(Fingerprint(), before);
  EXPECT_EQ(Read()->accounts().GetSecondFactor(seed_.planner).value().last_step, step);
}

TEST_F(SecondFactorTest, RecoveryCodeSignsInOnceOnly) {
  auto [secret, codes] = Enrol("planner");
  ASSERT_EQ(codes.size(), 10u);
  auto ok = ApiLogin("planner", codes[3]);
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(Read()->accounts().CountUnusedRecoveryCodes(seed_.planner).value(), 9);
  auto again = ApiLogin("planner", codes[3]);
  EXPECT_EQ(again.status, 401) << again.body;
  EXPECT_EQ(FieldCode(again), "error.totp_wrong");
  EXPECT_EQ(SetCookie(again, web::kSessionCookie), "");
  EXPECT_EQ(Read()->accounts().CountUnusedRecoveryCodes(seed_.planner).value(), 9);
}

TEST_F(SecondFactorTest, FormSecondStepWrongCodeThenRightCodeThenExpiredStep) {
  auto [secret, codes] = Enrol("planner");
  now_ += 60;
  auto page = Get("/en/login");
  const std::string pre = CookieValue(SetCookie(page, web::kPreSessionCookie));
  const std::string token = Between(page.body, "name=\"csrf_token\" value=\"", 64);
  const web::Headers form{{"Content-Type", "application/x-www-form-urlencoded"},
                          {"Cookie", std::string(web::kPreSessionCookie) + "=" + pre}};
  auto step = Do(
      {"POST", "/en/login", "name=planner&password=correct+horse+battery+staple&csrf_token=" + token, form});
  ASSERT_EQ(step.status, 200) << step.body;
  EXPECT_EQ(SetCookie(step, web::kSessionCookie), "");
  EXPECT_THAT(step.body, HasSubstr("/en/login/second-step"));
  const std::string pending = Between(step.body, "name=\"pending\" value=\"", 64);
  ASSERT_EQ(pending.size(), 64u);

  auto wrong = Do({"POST", "/en/login/second-step",
                   "code=" + accounts::TotpCode(secret, now_.load() + 600) + "&pending=" + pending +
                       "&csrf_token=" + token,
                   form});
  EXPECT_EQ(wrong.status, 401);
  EXPECT_THAT(wrong.body, HasSubstr("The code is wrong"));
  EXPECT_EQ(SetCookie(wrong, web::kSessionCookie), "");

  auto ok =
      Do({"POST", "/en/login/second-step",
          "code=" + accounts::TotpCode(secret, now_.load()) + "&pending=" + pending + "&csrf_token=" + token,
          form});
  EXPECT_EQ(ok.status, 303) << ok.body;
  EXPECT_NE(SetCookie(ok, web::kSessionCookie), "");

  // A new first step, answered too late.
  auto step2 = Do(
      {"POST", "/en/login", "name=planner&password=correct+horse+battery+staple&csrf_token=" + token, form});
  const std::string pending2 = Between(step2.body, "name=\"pending\" value=\"", 64);
  now_ += web::Auth::kSecondStepSeconds + 1;
  auto late =
      Do({"POST", "/en/login/second-step",
          "code=" + accounts::TotpCode(secret, now_.load()) + "&pending=" + pending2 + "&csrf_token=" + token,
          form});
  EXPECT_EQ(late.status, 401);
  EXPECT_THAT(late.body, HasSubstr("took too long"));
  EXPECT_EQ(SetCookie(late, web::kSessionCookie), "");
  // Another pre-session cannot answer the step either.
  auto step3 = Do(
      {"POST", "/en/login", "name=planner&password=correct+horse+battery+staple&csrf_token=" + token, form});
  const std::string pending3 = Between(step3.body, "name=\"pending\" value=\"", 64);
  auto other = Get("/en/login");
  const std::string pre2 = CookieValue(SetCookie(other, web::kPreSessionCookie));
  const std::string token2 = Between(other.body, "name=\"csrf_token\" value=\"", 64);
  auto stolen = Do(
      {"POST",
       "/en/login/second-step",
       "code=" + accounts::TotpCode(secret, now_.load()) + "&pending=" + pending3 + "&csrf_token=" + token2,
       {{"Content-Type", "application/x-www-form-urlencoded"},
        {"Cookie", std::string(web::kPreSessionCookie) + "=" + pre2}}});
  EXPECT_EQ(stolen.status, 401);
  EXPECT_EQ(SetCookie(stolen, web::kSessionCookie), "");
}

TEST_F(SecondFactorTest, WrongCodesAreThrottledLikePasswords) {
  auto [secret, codes] = Enrol("planner");
  now_ += 60;
  int last = 0;
  for (int i = 0; i < 6; ++i)
    last =
        ApiLogin("planner", "000000" == accounts::TotpCode(secret, now_.load()) ? "111111" : "000000").status;
  EXPECT_EQ(last, 429);
  EXPECT_EQ(ApiLogin("planner", accounts::TotpCode(secret, now_.load())).status, 429);
}

TEST_F(SecondFactorTest, AdminWithoutSecondFactorCanOnlyEnrol) {
  auto created =
      Api("POST", "/api/v1/users",
          json{{"name", "admin2"}, {"role", "admin"}, {"password", kPassword}}.dump(), seed_.admin_token);
  ASSERT_EQ(created.status, 201) << created.body;
  std::string csrf;
  const std::string cookie = LoginCookie("admin2", &csrf);
  ASSERT_FALSE(cookie.empty());
  auto users = Get("/api/v1/users", {{"Cookie", CookieHeader(cookie)}});
  EXPECT_EQ(users.status, 403) << users.body;
  EXPECT_THAT(Body(users)["error"]["message"].get<std::string>(),
              HasSubstr("екі факторлы"));  // kk by default
  auto change = InSession("PATCH", "/api/v1/users/" + std::to_string(seed_.planner),
                          json{{"disabled", true}, {"version", 1}}.dump(), cookie, csrf);
  EXPECT_EQ(change.status, 403);
  auto home = Get("/en/", {{"Cookie", CookieHeader(cookie)}});
  EXPECT_EQ(home.status, 303);
  EXPECT_EQ(home.GetHeader("Location"), "/en/account/second-factor");
  auto account = Get("/en/account/second-factor", {{"Cookie", CookieHeader(cookie)}});
  EXPECT_EQ(account.status, 200);
  EXPECT_THAT(account.body, HasSubstr("requires two-factor"));
  EXPECT_EQ(Get("/api/v1/session", {{"Cookie", CookieHeader(cookie)}}).status, 200);

  auto [secret, codes] = Enrol("admin2");
  std::string csrf2;
  now_ += 60;
  json creds{{"name", "admin2"}, {"password", kPassword}, {"totp", accounts::TotpCode(secret, now_.load())}};
  auto login = Do({"POST", "/api/v1/session", creds.dump(), {{"Content-Type", "application/json"}}});
  ASSERT_EQ(login.status, 200) << login.body;
  const std::string cookie2 = CookieValue(SetCookie(login, web::kSessionCookie));
  EXPECT_EQ(Get("/api/v1/users", {{"Cookie", CookieHeader(cookie2)}}).status, 200);
  // An admin cannot switch it off.
  now_ += 30;
  auto off = InSession("DELETE", "/api/v1/session/second-factor",
                       json{{"code", accounts::TotpCode(secret, now_.load())}}.dump(), cookie2,
                       Body(login)["csrf_token"].get<std::string>());
  EXPECT_EQ(off.status, 403) << off.body;
}

TEST_F(SecondFactorTest, PlannerCanSwitchItOffWithACurrentCode) {
  auto [secret, codes] = Enrol("planner");
  now_ += 60;
  auto login = ApiLogin("planner", accounts::TotpCode(secret, now_.load()));
  ASSERT_EQ(login.status, 200);
  const std::string cookie = CookieValue(SetCookie(login, web::kSessionCookie));
  const std::string csrf = Body(login)["csrf_token"].get<std::string>();
  auto replayed = InSession("DELETE", "/api/v1/session/second-factor",
                            json{{"code", accounts::TotpCode(secret, now_.load())}}.dump(), cookie, csrf);
  EXPECT_EQ(replayed.status, 400);
  EXPECT_EQ(FieldCode(replayed), "error.totp_replayed");
  EXPECT_TRUE(Enabled(seed_.planner));
  now_ += 30;
  auto off = InSession("DELETE", "/api/v1/session/second-factor",
                       json{{"code", accounts::TotpCode(secret, now_.load())}}.dump(), cookie, csrf);
  EXPECT_EQ(off.status, 204) << off.body;
  EXPECT_FALSE(Enabled(seed_.planner));
  EXPECT_EQ(ApiLogin("planner").status, 200);
}

TEST_F(SecondFactorTest, ResetByAnotherAdminEndsSessionsIsInTheHistoryAndForcesReEnrolment) {
  auto created =
      Api("POST", "/api/v1/users",
          json{{"name", "admin2"}, {"role", "admin"}, {"password", kPassword}}.dump(), seed_.admin_token);
  ASSERT_EQ(created.status, 201) << created.body;
  const Id admin2 = Body(created)["id"].get<Id>();
  auto [secret, codes] = Enrol("admin2");
  now_ += 60;
  json creds{{"name", "admin2"}, {"password", kPassword}, {"totp", accounts::TotpCode(secret, now_.load())}};
  auto login = Do({"POST", "/api/v1/session", creds.dump(), {{"Content-Type", "application/json"}}});
  ASSERT_EQ(login.status, 200) << login.body;
  const std::string cookie = CookieValue(SetCookie(login, web::kSessionCookie));
  ASSERT_TRUE(Read()->accounts().GetSession(ledger::Sha256Hex(cookie)));

  // Not for other staff.
  EXPECT_EQ(
      Api("POST", "/api/v1/users/" + std::to_string(admin2) + "/second-factor/reset", "", seed_.planner_token)
          .status,
      403);
  EXPECT_TRUE(Enabled(admin2));
  auto reset =
      Api("POST", "/api/v1/users/" + std::to_string(admin2) + "/second-factor/reset", "", seed_.admin_token);
  EXPECT_EQ(reset.status, 204) << reset.body;
  EXPECT_FALSE(Enabled(admin2));
  EXPECT_FALSE(Read()->accounts().GetSession(ledger::Sha256Hex(cookie)));
  auto history = Read()->audit().ListHistory({ObjectKind::kUser, admin2}, 10).value();
  ASSERT_FALSE(history.empty());
  EXPECT_EQ(history[0].action, "reset_second_factor");
  EXPECT_EQ(history[0].actor, "admin");
  EXPECT_EQ(history[0].ledger_index, std::nullopt);

  // The next sign-in needs no code but may only enrol.
  std::string csrf;
  const std::string again = LoginCookie("admin2", &csrf);
  EXPECT_EQ(Get("/api/v1/users", {{"Cookie", CookieHeader(again)}}).status, 403);
}

TEST_F(SecondFactorTest, ForgedCsrfTokenOnTheEnrolmentFormIsRefused) {
  std::string csrf;
  const std::string cookie = LoginCookie("planner", &csrf);
  auto forged =
      Do({"POST",
          "/en/account/second-factor/start",
          "csrf_token=" + std::string(64, '0'),
          {{"Content-Type", "application/x-www-form-urlencoded"}, {"Cookie", CookieHeader(cookie)}}});
  EXPECT_EQ(forged.status, 403);
  EXPECT_FALSE(Read()->accounts().GetSecondFactor(seed_.planner));
  auto real = Do({"POST",
                  "/en/account/second-factor/start",
                  "csrf_token=" + csrf,
                  {{"Content-Type", "application/x-www-form-urlencoded"}, {"Cookie", CookieHeader(cookie)}}});
  EXPECT_EQ(real.status, 200) << real.body;
  EXPECT_THAT(real.body, HasSubstr("otpauth://totp/Jospar:planner?secret="));
  EXPECT_TRUE(Read()->accounts().GetSecondFactor(seed_.planner));
}

}  // namespace
}  // namespace jospar::testing
