// Person accounts through HTTP: registration (API and form), the confirmation link, sign-in with the email
// address, password reset by a link, and every bad input a person can send — an invalid or reused IIN, a
// taken email, a breached or short password, no consent, an expired, reused or unknown link, a forged CSRF
// token — each with a clear message and nothing changed. The IIN is never stored, logged or answered in
// clear.
#include <gmock/gmock.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "core/accounts/outbox.hpp"
#include "core/accounts/persons.hpp"
#include "core/accounts/registration.hpp"
#include "core/accounts/repository.hpp"
#include "core/audit/history.hpp"
#include "http/http_fixture.hpp"
#include "web/auth.hpp"

namespace jospar::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kIin = "900101300811";  // 1 January 1990, male
constexpr const char* kIin2 = "791028302728";
constexpr const char* kGoodPassword = "blue ledger river 2026";

class PersonsTest : public HttpTest {
 protected:
  web::Response Post(const std::string& target, const json& body, web::Headers extra = {}) {
    extra.emplace_back("Content-Type", "application/json");
    return Do({"POST", target, body.dump(), std::move(extra)});
  }
  json Registration(const std::string& email = "aigul@example.kz", const std::string& iin = kIin) {
    return {{"full_name", "Айгүл Сәрсенова"}, {"email", email},  {"iin", iin},
            {"password", kGoodPassword},      {"consent", true}, {"lang", "kk"}};
  }
  static std::string ErrorKey(const web::Response& r) {
    json j = json::parse(r.body, nullptr, false);
    if (j.is_discarded() || !j.contains("error")) return "";
    return j["error"].value("code", "");
  }
  // The codes of the fields the error names, "field:code" each.
  static std::vector<std::string> Fields(const web::Response& r) {
    std::vector<std::string> out;
    json j = json::parse(r.body, nullptr, false);
    if (j.is_discarded() || !j.contains("error")) return out;
    for (const auto& f : j["error"]["fields"])
      out.push_back(f["field"].get<std::string>() + ":" + f["code"].get<std::string>());
    return out;
  }
  std::vector<OutboxItem> Mail() {
    auto tx = Read();
    return tx->outbox().List(std::nullopt, 100).value();
  }
  // The token of the newest mail's link.
  std::string LinkToken() {
    auto mail = Mail();
    if (mail.empty()) return "";
    std::smatch m;
    const std::string text = mail.front().message.text;
    if (!std::regex_search(text, m, std::regex("token=([0-9a-f]{64})"))) return "";
    return m[1];
  }
  web::Response Login(const std::string& name, const std::string& password) {
    return Post("/api/v1/session", {{"name", name}, {"password", password}});
  }
  // Everything the database files hold, as bytes (the SQLite file and its write-ahead log).
  std::string DatabaseBytes() {
    std::string all;
    for (const auto& e : std::filesystem::directory_iterator(dir_)) {
      const std::string name = e.path().filename().string();
      if (name.rfind("test.db", 0) != 0) continue;
      std::ifstream in(e.path(), std::ios::binary);
      std::stringstream s;
      s << in.rdbuf();
      all += s.str();
    }
    return all;
  }
  // The HTML form's pre-session cookie and CSRF token, from a GET of `path`.
  std::pair<std::string, std::string> FormToken(const std::string& path) {
    auto page = Get(path);
    EXPECT_EQ(page.status, 200) << page.body;
    const std::string pre = CookieValue(SetCookie(page, web::kPreSessionCookie));
    std::smatch m;
    std::regex_search(page.body, m, std::regex("name=\"csrf_token\" value=\"([0-9a-f]+)\""));
    return {pre, m.size() > 1 ? std::string(m[1]) : std::string()};
  }
  web::Response PostForm(const std::string& path, const std::string& body, const std::string& pre) {
    return Do({"POST",
               path,
               body,
               {{"Content-Type", "application/x-www-form-urlencoded"},
                {"Cookie", std::string(web::kPreSessionCookie) + "=" + pre}}});
  }
};

TEST_F(PersonsTest, APersonRegistersConfirmsTheAddressAndSignsInWithIt) {
  auto reg = Post("/api/v1/persons", Registration());
  ASSERT_EQ(reg.status, 201) << reg.body;
  EXPECT_EQ(Body(reg)["email"], "aigul@example.kz");
  EXPECT_EQ(Body(reg)["email_confirmed"], false);
  EXPECT_EQ(Body(reg)["role"], "person");

  auto mail = Mail();
  ASSERT_EQ(mail.size(), 1u);
  EXPECT_EQ(mail[0].message.to, "aigul@example.kz");
  EXPECT_EQ(mail[0].message.purpose, "account.confirm");
  EXPECT_THAT(mail[0].message.subject, HasSubstr("растаңыз"));  // Kazakh, the language registered in
  EXPECT_THAT(mail[0].message.text, HasSubstr("http://localhost/kk/confirm-email?token="));
  const std::string token = LinkToken();
  ASSERT_EQ(token.size(), 64u);

  // Not before the address is confirmed (told only to whoever knows the password).
  auto early = Login("aigul@example.kz", kGoodPassword);
  EXPECT_EQ(early.status, 403) << early.body;
  EXPECT_THAT(early.body, HasSubstr("пошта мекенжайын растаңыз"));

  auto confirm = Post("/api/v1/persons/confirm", {{"token", token}});
  ASSERT_EQ(confirm.status, 200) << confirm.body;
  EXPECT_EQ(Body(confirm)["email_confirmed"], true);
  auto again = Post("/api/v1/persons/confirm", {{"token", token}});
  EXPECT_EQ(again.status, 400);
  EXPECT_THAT(Fields(again), ::testing::ElementsAre("token:error.link_used"));

  // The address is case-insensitive.
  auto in = Login("Aigul@Example.KZ", kGoodPassword);
  ASSERT_EQ(in.status, 200) << in.body;
  const std::string cookie = CookieValue(SetCookie(in, web::kSessionCookie));
  auto me = Do({"GET", "/api/v1/me", "", {{"Cookie", std::string(web::kSessionCookie) + "=" + cookie}}});
  ASSERT_EQ(me.status, 200) << me.body;
  const json j = Body(me);
  EXPECT_EQ(j["person"]["full_name"], "Айгүл Сәрсенова");
  EXPECT_EQ(j["person"]["birth_date"], "1990-01-01");
  EXPECT_EQ(j["person"]["sex"], "male");
  EXPECT_EQ(j["person"]["iin_last4"], "0811");
  EXPECT_THAT(me.body, Not(HasSubstr(kIin)));
}

TEST_F(PersonsTest, TheIinIsNeverStoredOrRecordedInClear) {
  ASSERT_EQ(Post("/api/v1/persons", Registration()).status, 201);
  ASSERT_EQ(Post("/api/v1/persons/confirm", {{"token", LinkToken()}}).status, 200);
  auto tx = Read();
  const Id id = tx->persons().GetUserByEmail("aigul@example.kz").value().id;
  auto p = tx->persons().GetPerson(id).value();
  EXPECT_THAT(p.iin_hash, Not(HasSubstr(kIin)));
  EXPECT_THAT(p.iin_sealed, Not(HasSubstr(kIin)));
  EXPECT_EQ(p.iin_key_id, "k0001");
  // Not anywhere in the database files: not in the history, the log, the outbox or the persons table.
  EXPECT_THAT(DatabaseBytes(), Not(HasSubstr(kIin)));
  // The history says what happened to the account, without the person's data.
  auto history = tx->audit().ListHistory({ObjectKind::kUser, id}, 100);
  ASSERT_TRUE(history) << history.error().detail;
  ASSERT_EQ(history->size(), 2u);
  for (const auto& h : *history) {
    const std::string text = h.action + h.actor;
    EXPECT_THAT(text, Not(HasSubstr("aigul")));
    for (const auto& c : h.changes) EXPECT_THAT(c.after + c.before, Not(HasSubstr("Айгүл")));
  }
}

TEST_F(PersonsTest, BadRegistrationsGetAClearMessagePerFieldAndChangeNothing) {
  const std::string before = Fingerprint();
  struct Case {
    json body;
    int status;
    std::string field;
  };
  json bad_iin = Registration();
  bad_iin["iin"] = "900101300810";
  json short_iin = Registration();
  short_iin["iin"] = "90010130081";
  json breached = Registration();
  breached["password"] = "qwerty123456";
  json short_pw = Registration();
  short_pw["password"] = "short";
  json no_consent = Registration();
  no_consent["consent"] = false;
  json bad_email = Registration("not-an-email");
  json header_email = Registration("a@example.kz\r\nBcc: all@example.kz");
  json empty_name = Registration();
  empty_name["full_name"] = "  ";
  json unknown = Registration();
  unknown["role"] = "admin";
  for (const Case& c : std::vector<Case>{{bad_iin, 400, "iin:error.iin.check_digit"},
                                         {short_iin, 400, "iin:error.iin.length"},
                                         {breached, 400, "password:error.field.password_breached"},
                                         {short_pw, 400, "password:error.field.password_too_short"},
                                         {no_consent, 400, "consent:error.field.consent_required"},
                                         {bad_email, 400, "email:error.field.email"},
                                         {header_email, 400, "email:error.field.email"},
                                         {empty_name, 400, "full_name:error.field.required"},
                                         {unknown, 400, "role:error.field.unknown"}}) {
    auto r = Post("/api/v1/persons", c.body);
    EXPECT_EQ(r.status, c.status) << c.body.dump() << " -> " << r.body;
    EXPECT_THAT(Fields(r), ::testing::Contains(c.field)) << r.body;
  }
  // The located detail of a bad IIN says where.
  auto r = Post("/api/v1/persons", bad_iin);
  EXPECT_THAT(r.body, HasSubstr("position 12"));
  EXPECT_EQ(Fingerprint(), before);
  EXPECT_TRUE(Mail().empty());
}

TEST_F(PersonsTest, OnePersonOneAccountAndOneAccountPerAddress) {
  ASSERT_EQ(Post("/api/v1/persons", Registration()).status, 201);
  const std::string before = Fingerprint();
  auto same_iin = Post("/api/v1/persons", Registration("other@example.kz", kIin));
  EXPECT_EQ(same_iin.status, 409) << same_iin.body;
  EXPECT_THAT(Fields(same_iin), ::testing::ElementsAre("iin:error.iin_taken"));
  auto same_email = Post("/api/v1/persons", Registration("AIGUL@example.kz", kIin2));
  EXPECT_EQ(same_email.status, 409) << same_email.body;
  EXPECT_THAT(Fields(same_email), ::testing::ElementsAre("email:error.email_taken"));
  EXPECT_EQ(Fingerprint(), before);
  EXPECT_EQ(Mail().size(), 1u);
}

TEST_F(PersonsTest, AConfirmationLinkExpiresAndANewOneReplacesIt) {
  ASSERT_EQ(Post("/api/v1/persons", Registration()).status, 201);
  const std::string first = LinkToken();
  now_ += accounts::kConfirmLinkSeconds + 1;
  auto late = Post("/api/v1/persons/confirm", {{"token", first}});
  EXPECT_EQ(late.status, 400);
  EXPECT_THAT(Fields(late), ::testing::ElementsAre("token:error.link_expired"));
  auto unknown = Post("/api/v1/persons/confirm", {{"token", std::string(64, 'a')}});
  EXPECT_THAT(Fields(unknown), ::testing::ElementsAre("token:error.link_invalid"));

  // The same answer for an address with and without an account.
  auto resend = Post("/api/v1/persons/confirm/resend", {{"email", "aigul@example.kz"}});
  EXPECT_EQ(resend.status, 202);
  auto nobody = Post("/api/v1/persons/confirm/resend", {{"email", "nobody@example.kz"}});
  EXPECT_EQ(nobody.status, 202);
  EXPECT_EQ(nobody.body, resend.body);
  ASSERT_EQ(Mail().size(), 2u);
  const std::string second = LinkToken();
  EXPECT_NE(second, first);
  EXPECT_EQ(Post("/api/v1/persons/confirm", {{"token", second}}).status, 200);
  // A confirmed account gets no more confirmation mail.
  EXPECT_EQ(Post("/api/v1/persons/confirm/resend", {{"email", "aigul@example.kz"}}).status, 202);
  EXPECT_EQ(Mail().size(), 2u);
}

TEST_F(PersonsTest, APasswordIsResetOnceByALinkThatEndsEverySession) {
  ASSERT_EQ(Post("/api/v1/persons", Registration()).status, 201);
  ASSERT_EQ(Post("/api/v1/persons/confirm", {{"token", LinkToken()}}).status, 200);
  auto in = Login("aigul@example.kz", kGoodPassword);
  ASSERT_EQ(in.status, 200);
  const std::string old_cookie =
      std::string(web::kSessionCookie) + "=" + CookieValue(SetCookie(in, web::kSessionCookie));

  // A forged Host header does not change where the link points.
  auto ask = Post("/api/v1/password-reset", {{"email", "aigul@example.kz"}, {"lang", "ru"}},
                  {{"Host", "evil.example"}});
  EXPECT_EQ(ask.status, 202);
  EXPECT_EQ(Post("/api/v1/password-reset", {{"email", "nobody@example.kz"}}).body, ask.body);
  auto mail = Mail();
  ASSERT_EQ(mail.size(), 2u);
  EXPECT_EQ(mail[0].message.purpose, "account.reset");
  EXPECT_THAT(mail[0].message.text, HasSubstr("http://localhost/ru/password-reset/new?token="));
  EXPECT_THAT(mail[0].message.text, Not(HasSubstr("evil.example")));
  const std::string token = LinkToken();

  const std::string before = Fingerprint();
  auto breached = Post("/api/v1/password-reset/complete", {{"token", token}, {"password", "1qaz2wsx3edc"}});
  EXPECT_EQ(breached.status, 400);
  EXPECT_THAT(Fields(breached), ::testing::ElementsAre("password:error.field.password_breached"));
  auto wrong = Post("/api/v1/password-reset/complete",
                    {{"token", std::string(64, 'b')}, {"password", "new river ledger 77"}});
  EXPECT_THAT(Fields(wrong), ::testing::ElementsAre("token:error.link_invalid"));
  EXPECT_EQ(Fingerprint(), before);

  auto done =
      Post("/api/v1/password-reset/complete", {{"token", token}, {"password", "new river ledger 77"}});
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(Get("/api/v1/me", {{"Cookie", old_cookie}}).status, 401);
  EXPECT_EQ(Login("aigul@example.kz", kGoodPassword).status, 401);
  EXPECT_EQ(Login("aigul@example.kz", "new river ledger 77").status, 200);
  auto reused =
      Post("/api/v1/password-reset/complete", {{"token", token}, {"password", "another river 88 x"}});
  EXPECT_THAT(Fields(reused), ::testing::ElementsAre("token:error.link_used"));
}

TEST_F(PersonsTest, AResetLinkExpiresAfterAnHour) {
  ASSERT_EQ(Post("/api/v1/persons", Registration()).status, 201);
  ASSERT_EQ(Post("/api/v1/password-reset", {{"email", "aigul@example.kz"}}).status, 202);
  const std::string token = LinkToken();
  now_ += accounts::kResetLinkSeconds + 1;
  auto late =
      Post("/api/v1/password-reset/complete", {{"token", token}, {"password", "new river ledger 77"}});
  EXPECT_THAT(Fields(late), ::testing::ElementsAre("token:error.link_expired"));
  EXPECT_EQ(Login("aigul@example.kz", "new river ledger 77").status, 401);  // password unchanged
}

TEST_F(PersonsTest, TheRegistrationFormWorksWithoutJavaScriptAndRefusesAForgedToken) {
  auto [pre, token] = FormToken("/en/register");
  ASSERT_FALSE(pre.empty());
  ASSERT_FALSE(token.empty());
  const std::string fields = "full_name=Bolat+Nurlanov&email=bolat%40example.kz&iin=" + std::string(kIin2) +
                             "&password=blue+ledger+river+2026&consent=yes";
  const std::string before = Fingerprint();
  auto forged = PostForm("/en/register", "csrf_token=" + std::string(64, '0') + "&" + fields, pre);
  EXPECT_EQ(forged.status, 403);
  auto missing = PostForm("/en/register", fields, pre);
  EXPECT_EQ(missing.status, 403);
  EXPECT_EQ(Fingerprint(), before);

  auto bad =
      PostForm("/kk/register",
               "csrf_token=" + token +
                   "&full_name=B&email=b%40example.kz&iin=791028302729&password=blue+ledger+river+2026",
               pre);
  EXPECT_EQ(bad.status, 422);
  EXPECT_THAT(bad.body, HasSubstr("aria-invalid=\"true\""));
  EXPECT_THAT(bad.body, HasSubstr("ЖСН"));                     // the Kazakh message of a bad check digit
  EXPECT_THAT(bad.body, HasSubstr("value=\"b@example.kz\""));  // typed values come back
  EXPECT_THAT(bad.body, Not(HasSubstr("blue ledger")));        // but never the password
  EXPECT_EQ(Fingerprint(), before);

  auto ok = PostForm("/en/register", "csrf_token=" + token + "&" + fields, pre);
  ASSERT_EQ(ok.status, 303) << ok.body;
  EXPECT_EQ(ok.GetHeader("Location"), "/en/register/sent");
  EXPECT_EQ(Get("/en/register/sent").status, 200);

  // The link opens a page with a button; pressing it confirms.
  const std::string link = LinkToken();
  auto page = Get("/en/confirm-email?token=" + link);
  EXPECT_EQ(page.status, 200);
  EXPECT_THAT(page.body, HasSubstr("value=\"" + link + "\""));
  EXPECT_TRUE(Read()->persons().GetUserByEmail("bolat@example.kz").value().email_confirmed_at.empty());
  auto [pre2, token2] = FormToken("/en/confirm-email?token=" + link);
  auto pressed = PostForm("/en/confirm-email", "csrf_token=" + token2 + "&token=" + link, pre2);
  ASSERT_EQ(pressed.status, 303) << pressed.body;
  EXPECT_EQ(pressed.GetHeader("Location"), "/en/confirm-email/done");
  EXPECT_FALSE(Read()->persons().GetUserByEmail("bolat@example.kz").value().email_confirmed_at.empty());
  auto twice = PostForm("/en/confirm-email", "csrf_token=" + token2 + "&token=" + link, pre2);
  EXPECT_EQ(twice.status, 400);
  EXPECT_THAT(twice.body, HasSubstr("already been used"));
}

TEST_F(PersonsTest, ThePasswordResetFormsWork) {
  ASSERT_EQ(Post("/api/v1/persons", Registration()).status, 201);
  auto [pre, token] = FormToken("/ru/password-reset");
  auto sent = PostForm("/ru/password-reset", "csrf_token=" + token + "&email=aigul%40example.kz", pre);
  ASSERT_EQ(sent.status, 303) << sent.body;
  EXPECT_EQ(sent.GetHeader("Location"), "/ru/password-reset/sent");
  const std::string link = LinkToken();
  auto [pre2, token2] = FormToken("/ru/password-reset/new?token=" + link);
  auto weak =
      PostForm("/ru/password-reset/new", "csrf_token=" + token2 + "&token=" + link + "&password=short", pre2);
  EXPECT_EQ(weak.status, 422);
  EXPECT_THAT(weak.body, HasSubstr("12"));
  auto done = PostForm("/ru/password-reset/new",
                       "csrf_token=" + token2 + "&token=" + link + "&password=new+river+ledger+77", pre2);
  ASSERT_EQ(done.status, 303) << done.body;
  EXPECT_EQ(done.GetHeader("Location"), "/ru/password-reset/done");
  // The link reached the address: it counts as confirmed, and the new password signs in.
  EXPECT_EQ(Login("aigul@example.kz", "new river ledger 77").status, 200);
}

TEST_F(PersonsTest, EveryRoleReachesThePersonRoutesAsItShould) {
  // The anonymous routes answer everyone alike; /api/v1/me needs a signed-in caller.
  EXPECT_EQ(Get("/api/v1/me").status, 401);
  for (const std::string& token : {seed_.planner_token, seed_.exec_a_token, seed_.admin_token}) {
    auto me = Api("GET", "/api/v1/me", "", token);
    EXPECT_EQ(me.status, 200) << me.body;
    EXPECT_TRUE(Body(me)["person"].is_null());
    EXPECT_EQ(Api("GET", "/api/v1/persons/consent-text?lang=ru", "", token).status, 200);
  }
  auto text = Get("/api/v1/persons/consent-text?lang=en");
  EXPECT_EQ(text.status, 200);
  EXPECT_THAT(Body(text)["text"].get<std::string>(), HasSubstr("IIN"));
  for (const char* page : {"/kk/register", "/ru/password-reset", "/en/confirm-email/resend",
                           "/en/password-reset/new?token=x", "/en/confirm-email?token=x"})
    EXPECT_EQ(Get(page).status, 200) << page;
  // A signed-in person or staff member has no use for the registration form.
  auto staff = Get("/en/register", {{"Authorization", "Bearer " + seed_.planner_token}});
  EXPECT_EQ(staff.status, 303);
  // An admin cannot create a person account: persons register themselves.
  auto made =
      Api("POST", "/api/v1/users", json{{"name", "p-x"}, {"role", "person"}}.dump(), seed_.admin_token);
  EXPECT_EQ(made.status, 400) << made.body;
}

}  // namespace
}  // namespace jospar::testing
