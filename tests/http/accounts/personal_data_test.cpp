// Personal-data rights through HTTP (core/accounts/personal_data.hpp): consent per purpose and what
// withdrawing it stops, the download of everything held about a person, the account page, "who viewed my
// data" with the admins' read of a person, erasure on request (the log still verifies, nothing personal is
// left in the database files, the IIN can register again) and retention with automatic erasure. Every bad
// input gets a clear message and changes nothing.
#include <gmock/gmock.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "core/accounts/personal_data.hpp"
#include "core/accounts/registration.hpp"
#include "core/accounts/repository.hpp"
#include "core/ledger/checkpoint.hpp"
#include "core/ledger/repository.hpp"
#include "core/ledger/usecases.hpp"
#include "http/http_fixture.hpp"
#include "web/accounts/personal_data_web.hpp"
#include "web/auth.hpp"

namespace jospar::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kIin = "900101300811";
constexpr const char* kIin2 = "791028302728";
constexpr const char* kGood = "blue ledger river 2026";
constexpr const char* kName = "Айгүл Сәрсенова";
constexpr const char* kEmail = "aigul@example.kz";

class PersonalDataTest : public HttpTest {
 protected:
  web::Response Post(const std::string& target, const json& body, web::Headers extra = {}) {
    extra.emplace_back("Content-Type", "application/json");
    return Do({"POST", target, body.dump(), std::move(extra)});
  }
  std::string LinkToken() {
    auto mail = Read()->outbox().List(std::nullopt, 100).value();
    std::smatch m;
    if (mail.empty() || !std::regex_search(mail.front().message.text, m, std::regex("token=([0-9a-f]{64})")))
      return "";
    return m[1];
  }
  // Registers (and confirms) a person; returns the user id.
  Id Register(const std::string& email = kEmail, const std::string& iin = kIin, bool confirm = true) {
    auto r = Post("/api/v1/persons", {{"full_name", kName},
                                      {"email", email},
                                      {"iin", iin},
                                      {"password", kGood},
                                      {"consent", true},
                                      {"lang", "kk"}});
    EXPECT_EQ(r.status, 201) << r.body;
    if (confirm) {
      EXPECT_EQ(Post("/api/v1/persons/confirm", {{"token", LinkToken()}}).status, 200);
    }
    return Body(r)["id"].get<Id>();
  }
  // Signs in with the email; the session's cookie and CSRF headers.
  web::Headers SignIn(const std::string& email = kEmail) {
    auto r = Post("/api/v1/session", {{"name", email}, {"password", kGood}});
    EXPECT_EQ(r.status, 200) << r.body;
    if (r.status != 200) return {};
    return {
        {"Cookie", std::string(web::kSessionCookie) + "=" + CookieValue(SetCookie(r, web::kSessionCookie))},
        {"X-CSRF-Token", Body(r)["csrf_token"].get<std::string>()}};
  }
  web::Response As(const web::Headers& who, const std::string& method, const std::string& target,
                   const std::string& body = "") {
    web::Headers h = who;
    if (!body.empty()) h.emplace_back("Content-Type", "application/json");
    return Do({method, target, body, h});
  }
  bool May(Id user, const char* purpose) { return accounts::MayProcess(*Read(), user, purpose).value(); }
  std::string DatabaseBytes() {
    std::string all;
    for (const auto& e : std::filesystem::directory_iterator(dir_)) {
      if (e.path().filename().string().rfind("test.db", 0) != 0) continue;
      std::ifstream in(e.path(), std::ios::binary);
      std::stringstream s;
      s << in.rdbuf();
      all += s.str();
    }
    return all;
  }
  static std::string Code(const web::Response& r) {
    json j = json::parse(r.body, nullptr, false);
    return j.is_discarded() || !j.contains("error") ? "" : j["error"].value("code", "");
  }
  static std::string FieldsOf(const web::Response& r) {
    json j = json::parse(r.body, nullptr, false);
    std::string out;
    if (j.is_discarded() || !j.contains("error")) return out;
    for (const auto& f : j["error"]["fields"])
      out += f["field"].get<std::string>() + ":" + f["code"].get<std::string>() + " ";
    return out;
  }
};

TEST_F(PersonalDataTest, WithdrawingTheNotificationConsentStopsTheMail) {
  const Id id = Register();
  const auto me = SignIn();
  EXPECT_TRUE(May(id, accounts::kAccountPurpose));
  EXPECT_FALSE(May(id, accounts::kNotificationsEmailPurpose));  // optional: not given at registration

  auto give = As(me, "POST", "/api/v1/me/consents/notifications_email", R"({"lang":"ru"})");
  ASSERT_EQ(give.status, 201) << give.body;
  EXPECT_TRUE(May(id, accounts::kNotificationsEmailPurpose));
  auto consents = Read()->persons().ListConsents(id).value();
  ASSERT_EQ(consents.size(), 2u);
  EXPECT_EQ(consents[1].lang, "ru");
  EXPECT_THAT(consents[1].text, HasSubstr("уведомления"));  // the Russian text as shown
  {
    auto tx = Write();
    EXPECT_TRUE(
        accounts::EnqueueNotificationMail(*tx, id, {"", "Jospar", "text", "notify.test"}, now_).value());
    ASSERT_TRUE(tx->Commit());
  }
  auto again = As(me, "POST", "/api/v1/me/consents/notifications_email", "{}");
  EXPECT_EQ(again.status, 409);

  auto withdraw = As(me, "DELETE", "/api/v1/me/consents/notifications_email");
  ASSERT_EQ(withdraw.status, 200) << withdraw.body;
  EXPECT_FALSE(May(id, accounts::kNotificationsEmailPurpose));
  const auto mail_before = Read()->outbox().List(std::nullopt, 100).value().size();
  {
    auto tx = Write();
    EXPECT_FALSE(
        accounts::EnqueueNotificationMail(*tx, id, {"", "Jospar", "text", "notify.test"}, now_).value());
    ASSERT_TRUE(tx->Commit());
  }
  EXPECT_EQ(Read()->outbox().List(std::nullopt, 100).value().size(), mail_before);

  // The account's consent is withdrawn only by erasure; an unknown purpose is named; nothing changes.
  const std::string before = Fingerprint();
  auto account = As(me, "DELETE", "/api/v1/me/consents/account");
  EXPECT_EQ(account.status, 409);
  EXPECT_THAT(account.body, HasSubstr("аккаунтты жойыңыз"));  // the API answers in Kazakh by default
  auto unknown = As(me, "DELETE", "/api/v1/me/consents/marketing");
  EXPECT_EQ(unknown.status, 400);
  EXPECT_THAT(FieldsOf(unknown), HasSubstr("purpose:error.field.unknown"));
  auto twice = As(me, "DELETE", "/api/v1/me/consents/notifications_email");
  EXPECT_EQ(twice.status, 404);
  // Staff have no consents to give: only a person's own account.
  auto staff = Api("POST", "/api/v1/me/consents/notifications_email", "{}", seed_.planner_token);
  EXPECT_EQ(staff.status, 403);
  EXPECT_EQ(Fingerprint(), before);
  // The history says what happened, never who.
  auto history = Read()->audit().ListHistory({ObjectKind::kUser, id}, 100).value();
  bool gave = false, withdrew = false;
  for (const auto& h : history) {
    gave |= h.action == "consent:give";
    withdrew |= h.action == "consent:withdraw";
    EXPECT_THAT(h.actor, Not(HasSubstr("aigul")));
  }
  EXPECT_TRUE(gave && withdrew);
}

TEST_F(PersonalDataTest, ThePersonDownloadsEverythingHeldAboutThem) {
  const Id id = Register();
  const auto me = SignIn();
  auto r = As(me, "GET", "/api/v1/me/data");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.GetHeader("Cache-Control"), "no-store");
  EXPECT_THAT(std::string(r.GetHeader("Content-Disposition")), HasSubstr("attachment"));
  const json d = Body(r);
  EXPECT_EQ(d["account"]["id"], id);
  EXPECT_EQ(d["account"]["email"], kEmail);
  EXPECT_EQ(d["person"]["full_name"], kName);
  EXPECT_EQ(d["person"]["iin"], kIin);  // the person's own: in full
  EXPECT_EQ(d["person"]["birth_date"], "1990-01-01");
  ASSERT_EQ(d["consents"].size(), 1u);
  EXPECT_EQ(d["consents"][0]["purpose"], "account");
  EXPECT_THAT(d["consents"][0]["text"].get<std::string>(), HasSubstr("ЖСН"));
  EXPECT_GE(d["history"].size(), 2u);
  ASSERT_EQ(d["sessions"].size(), 1u);
  EXPECT_FALSE(d["sessions"][0].contains("id_hash"));
  EXPECT_THAT(r.body, Not(HasSubstr(me[1].second)));  // no session secret
  EXPECT_EQ(d["second_factor"]["enabled"], false);
  ASSERT_EQ(d["mail"].size(), 1u);
  EXPECT_EQ(d["mail"][0]["purpose"], "account.confirm");
  EXPECT_TRUE(d["access_log"].empty());
  EXPECT_TRUE(d["modules"].is_object());
  EXPECT_EQ(Get("/api/v1/me/data").status, 401);

  // The account page: the IIN masked but for its last four digits, the download, consents, erase.
  auto page = As(me, "GET", "/en/account");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_THAT(page.body, HasSubstr("0811"));
  EXPECT_THAT(page.body, Not(HasSubstr(kIin)));
  EXPECT_THAT(page.body, HasSubstr("href=\"/api/v1/me/data\""));
  EXPECT_THAT(page.body, HasSubstr("action=\"/en/account/consents/notifications_email/give\""));
  EXPECT_THAT(page.body, HasSubstr("href=\"/en/account/erase\""));
  EXPECT_THAT(page.body, HasSubstr("href=\"/en/account/second-factor\""));
  EXPECT_THAT(page.body, HasSubstr("No staff member has opened your data."));
  EXPECT_EQ(page.GetHeader("Cache-Control"), "no-store");
  auto anon = Get("/en/account");
  EXPECT_EQ(anon.status, 303);
  EXPECT_THAT(std::string(anon.GetHeader("Location")), HasSubstr("/en/login"));
}

TEST_F(PersonalDataTest, AnAdminsReadOfAPersonIsShownToThatPerson) {
  const Id id = Register();
  const auto me = SignIn();
  const std::string target = "/api/v1/persons/" + std::to_string(id);
  auto plain = Api("GET", target, "", seed_.admin_token);
  ASSERT_EQ(plain.status, 200) << plain.body;
  EXPECT_EQ(Body(plain)["full_name"], kName);
  EXPECT_EQ(Body(plain)["email"], kEmail);
  EXPECT_FALSE(Body(plain).contains("iin"));

  // Revealing the IIN needs a reason; without one nothing is recorded.
  std::string before = Fingerprint();
  auto no_reason = Api("GET", target + "?reveal=iin", "", seed_.admin_token);
  EXPECT_EQ(no_reason.status, 400);
  EXPECT_THAT(FieldsOf(no_reason), HasSubstr("reason:error.reason_required"));
  EXPECT_THAT(no_reason.body, HasSubstr("reason"));
  EXPECT_EQ(Fingerprint(), before);
  auto revealed = Api("GET", target + "?reveal=iin&reason=appeal%20142", "", seed_.admin_token);
  ASSERT_EQ(revealed.status, 200) << revealed.body;
  EXPECT_EQ(Body(revealed)["iin"], kIin);

  // Every other role: 403; anonymous: 401; a staff account or unknown id: 404. Nothing recorded.
  before = Fingerprint();
  for (const std::string& t : {seed_.planner_token, seed_.exec_a_token, seed_.exec_b_token}) {
    auto r = Api("GET", target + "?reveal=iin&reason=x", "", t);
    EXPECT_EQ(r.status, 403) << r.body;
  }
  EXPECT_EQ(As(me, "GET", target).status, 403);  // not even their own, through the staff route
  EXPECT_EQ(Get(target).status, 401);
  EXPECT_EQ(Api("GET", "/api/v1/persons/" + std::to_string(seed_.planner), "", seed_.admin_token).status,
            404);
  EXPECT_EQ(Api("GET", "/api/v1/persons/999999", "", seed_.admin_token).status, 404);
  EXPECT_EQ(Fingerprint(), before);

  auto log = As(me, "GET", "/api/v1/me/access-log");
  ASSERT_EQ(log.status, 200) << log.body;
  const json items = Body(log)["items"];
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0]["what"], "person,iin");
  EXPECT_EQ(items[0]["reason"], "appeal 142");
  EXPECT_EQ(items[0]["viewer_role"], "admin");
  EXPECT_EQ(items[1]["what"], "person");
  auto page = As(me, "GET", "/ru/account");
  EXPECT_THAT(page.body, HasSubstr("appeal 142"));
  EXPECT_THAT(page.body, HasSubstr("Кто просматривал мои данные"));
  // A staff member's own access log is theirs alone (empty here).
  EXPECT_TRUE(Body(Api("GET", "/api/v1/me/access-log", "", seed_.admin_token))["items"].empty());
}

TEST_F(PersonalDataTest, ErasureRemovesThePersonEverywhereAndLeavesTheLogVerifiable) {
  const Id id = Register();
  auto me = SignIn();
  ASSERT_EQ(Api("GET", "/api/v1/persons/" + std::to_string(id) + "?reveal=iin&reason=" + "check%20Aigul", "",
                seed_.admin_token)
                .status,
            200);
  const auto size_before = Read()->ledger().LogSize().value();

  // Wrong or missing password, a forged CSRF token, a staff account: refused, nothing changed.
  const std::string before = Fingerprint();
  auto wrong = As(me, "POST", "/api/v1/me/erase", R"({"password":"not my password at all"})");
  EXPECT_EQ(wrong.status, 400);
  EXPECT_THAT(FieldsOf(wrong), HasSubstr("password:error.password_wrong"));
  EXPECT_THAT(wrong.body, HasSubstr("Ештеңе жойылған жоқ"));  // "Nothing was erased"
  EXPECT_EQ(As(me, "POST", "/api/v1/me/erase", "{}").status, 400);
  web::Headers forged = {me[0], {"X-CSRF-Token", std::string(64, '0')}};
  EXPECT_EQ(As(forged, "POST", "/api/v1/me/erase", json{{"password", kGood}}.dump()).status, 403);
  EXPECT_EQ(Api("POST", "/api/v1/me/erase", json{{"password", kPassword}}.dump(), seed_.planner_token).status,
            403);
  EXPECT_EQ(Fingerprint(), before);

  auto erased = As(me, "POST", "/api/v1/me/erase", json{{"password", kGood}}.dump());
  ASSERT_EQ(erased.status, 200) << erased.body;
  EXPECT_EQ(As(me, "GET", "/api/v1/me").status, 401);  // the session is gone
  EXPECT_EQ(Post("/api/v1/session", {{"name", kEmail}, {"password", kGood}}).status, 401);

  auto tx = Read();
  const User u = tx->accounts().GetUser(id).value();
  EXPECT_TRUE(u.disabled);
  EXPECT_TRUE(u.email.empty());
  EXPECT_EQ(u.name.rfind("erased-", 0), 0u);
  EXPECT_FALSE(tx->persons().GetPerson(id).has_value());
  const auto consents = tx->persons().ListConsents(id).value();
  for (const auto& c : consents) {
    EXPECT_TRUE(c.text.empty());
    EXPECT_FALSE(c.withdrawn_at.empty());  // a record that it existed, nothing personal
  }
  EXPECT_TRUE(tx->persons().ListDataAccess(id, 10).value().at(0).reason.empty());
  EXPECT_TRUE(tx->outbox().List(std::nullopt, 100).value().empty());
  EXPECT_TRUE(tx->persons().ListSessions(id).value().empty());

  // Public decisions stay verifiable: the log verifies and did not grow or shrink.
  EXPECT_EQ(tx->ledger().LogSize().value(), size_before);
  tx.reset();
  auto verifier = ledger::ParseVerifierKey(ledger::VerifierKeyText(*ctx_->ledger_key));
  ASSERT_TRUE(verifier);
  auto report = usecases::VerifyStoredLog(*store_, *verifier);
  EXPECT_TRUE(report) << (report ? "" : report.error().detail);

  // Nothing personal is left in the database files.
  const std::string bytes = DatabaseBytes();
  EXPECT_THAT(bytes, Not(HasSubstr(kIin)));
  EXPECT_THAT(bytes, Not(HasSubstr(kEmail)));
  EXPECT_THAT(bytes, Not(HasSubstr(kName)));
  EXPECT_THAT(bytes, Not(HasSubstr("check Aigul")));

  // The same IIN (and address) can register again.
  auto again =
      Post("/api/v1/persons",
           {{"full_name", kName}, {"email", kEmail}, {"iin", kIin}, {"password", kGood}, {"consent", true}});
  EXPECT_EQ(again.status, 201) << again.body;
}

TEST_F(PersonalDataTest, TheEraseFormSaysWhatGoesAndAsksForThePassword) {
  Register();
  const auto me = SignIn();
  web::Headers cookie_only = {me[0]};
  auto page = As(cookie_only, "GET", "/kk/account/erase");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_THAT(page.body, HasSubstr("autocomplete=\"current-password\""));
  EXPECT_THAT(page.body, HasSubstr("ЖСН"));
  std::smatch m;
  ASSERT_TRUE(std::regex_search(page.body, m, std::regex("name=\"csrf_token\" value=\"([0-9a-f]+)\"")));
  const std::string token = m[1];
  const auto form = [&](const std::string& body) {
    web::Headers h = cookie_only;
    h.emplace_back("Content-Type", "application/x-www-form-urlencoded");
    return Do({"POST", "/kk/account/erase", body, h});
  };
  const std::string before = Fingerprint();
  EXPECT_EQ(form("csrf_token=" + std::string(64, '0') + "&password=blue+ledger+river+2026").status, 403);
  auto wrong = form("csrf_token=" + token + "&password=wrong");
  EXPECT_EQ(wrong.status, 422);
  EXPECT_THAT(wrong.body, HasSubstr("aria-invalid=\"true\""));
  EXPECT_THAT(wrong.body, HasSubstr("Құпиясөз дұрыс емес"));
  EXPECT_EQ(Fingerprint(), before);
  auto done = form("csrf_token=" + token + "&password=blue+ledger+river+2026");
  ASSERT_EQ(done.status, 303) << done.body;
  EXPECT_EQ(done.GetHeader("Location"), "/kk/account/erased");
  EXPECT_FALSE(Read()->persons().GetUserByEmail(kEmail).has_value());
}

TEST_F(PersonalDataTest, RetentionErasesUnconfirmedAndUnusedAccountsWhenDueAndNotBefore) {
  const Id never = Register("never@example.kz", kIin, false);
  const Id used = Register(kEmail, kIin2, true);
  SignIn();
  const auto name = [] { return web::FreshAnonymousName(); };

  now_ += accounts::kUnconfirmedRetentionSeconds - 60;
  auto early = accounts::ApplyRetention(*store_, now_, name);
  ASSERT_TRUE(early);
  EXPECT_EQ(early->unconfirmed + early->inactive, 0);
  EXPECT_TRUE(Read()->persons().GetPerson(never).has_value());

  now_ += 120;
  auto week = accounts::ApplyRetention(*store_, now_, name);
  ASSERT_TRUE(week);
  EXPECT_EQ(week->unconfirmed, 1);
  EXPECT_EQ(week->inactive, 0);
  EXPECT_FALSE(Read()->persons().GetPerson(never).has_value());
  EXPECT_TRUE(Read()->persons().GetPerson(used).has_value());

  // Three years after the last sign-in (not after the registration): a sign-in moves it.
  now_ += accounts::kInactiveRetentionSeconds - accounts::kUnconfirmedRetentionSeconds - 3600;
  SignIn();
  now_ += accounts::kUnconfirmedRetentionSeconds + 7200;
  EXPECT_EQ(accounts::ApplyRetention(*store_, now_, name)->inactive, 0);
  now_ += accounts::kInactiveRetentionSeconds;
  auto late = accounts::ApplyRetention(*store_, now_, name);
  ASSERT_TRUE(late);
  EXPECT_EQ(late->inactive, 1);
  EXPECT_FALSE(Read()->persons().GetPerson(used).has_value());
  EXPECT_FALSE(Read()->persons().GetUserByEmail(kEmail).has_value());
  auto history = Read()->audit().ListHistory({ObjectKind::kUser, used}, 100).value();
  bool erased = false;
  for (const auto& h : history)
    if (h.action == "erase") {
      erased = true;
      EXPECT_EQ(h.actor, "retention");
      EXPECT_EQ(h.changes.at(0).after, "retention:inactive");
    }
  EXPECT_TRUE(erased);
  // A second run finds nothing more.
  auto again = accounts::ApplyRetention(*store_, now_, name);
  EXPECT_EQ(again->unconfirmed + again->inactive, 0);
}

}  // namespace
}  // namespace jospar::testing
