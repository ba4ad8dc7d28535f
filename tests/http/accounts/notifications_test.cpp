// Notifications through HTTP: an admin's reset of a second factor notifies the user (portal list, the
// header's unread count, no mail without a confirmed address), every notification route against every
// role (anonymous: 401 / sign-in redirect; another user's notification: 404; CSRF missing: 403), paging,
// read marks, settings (JSON and form), and the OpenAPI entries.
#include <gmock/gmock.h>

#include "core/accounts/notifications.hpp"
#include "core/accounts/outbox.hpp"
#include "core/accounts/repository.hpp"
#include "http/http_fixture.hpp"
#include "web/auth.hpp"

namespace jospar::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class NotificationsTest : public HttpTest {
 protected:
  static std::string CookieHeader(const std::string& cookie) {
    return std::string(web::kSessionCookie) + "=" + cookie;
  }
  // Notifies `user` directly through the use case, as any module would.
  Id Tell(Id user, const std::string& admin = "root") {
    auto tx = Write();
    auto told = accounts::Notify(
        *tx,
        {user, "accounts.second_factor_reset", {{"admin", admin}}, "/account/second-factor", now_.load()});
    EXPECT_TRUE(told) << told.error().detail;
    EXPECT_TRUE(tx->Commit());
    return told && told->notification ? *told->notification : 0;
  }
  web::Response Form(const std::string& target, const std::string& body, const std::string& cookie) {
    return Do({"POST",
               target,
               body,
               {{"Content-Type", "application/x-www-form-urlencoded"}, {"Cookie", CookieHeader(cookie)}}});
  }
  web::Response Page(const std::string& target, const std::string& cookie) {
    return Get(target, {{"Cookie", CookieHeader(cookie)}});
  }
  std::int64_t Unread(Id user) { return Read()->notifications().CountUnread(user).value(); }
};

TEST_F(NotificationsTest,
       AnAdminsResetOfTheSecondFactorNotifiesTheUserInThePortalAndNotByMailWithoutAnAddress) {
  auto reset = Api("POST", "/api/v1/users/" + std::to_string(seed_.planner) + "/second-factor/reset", "",
                   seed_.admin_token);
  ASSERT_EQ(reset.status, 204) << reset.body;
  auto list = Api("GET", "/api/v1/notifications", "", seed_.planner_token, {{"Accept-Language", "en"}});
  ASSERT_EQ(list.status, 200) << list.body;
  json b = Body(list);
  ASSERT_EQ(b["items"].size(), 1u);
  EXPECT_EQ(b["unread"], 1);
  EXPECT_EQ(b["items"][0]["kind"], "accounts.second_factor_reset");
  EXPECT_EQ(b["items"][0]["module"], "accounts");
  EXPECT_EQ(b["items"][0]["title"], "Your two-factor sign-in was reset");
  EXPECT_THAT(b["items"][0]["body"].get<std::string>(), HasSubstr("Administrator admin reset"));
  EXPECT_EQ(b["items"][0]["link"], "/en/account/second-factor");  // in the request's language
  EXPECT_TRUE(b["items"][0]["read_at"].is_null());
  // In Kazakh when asked in Kazakh.
  auto kk = Api("GET", "/api/v1/notifications", "", seed_.planner_token);
  EXPECT_THAT(Body(kk)["items"][0]["body"].get<std::string>(), HasSubstr("admin әкімшісі"));
  // The planner has no confirmed email address: nothing in the outbox although the kind is important.
  EXPECT_TRUE(Read()->outbox().List(std::nullopt, 10).value().empty());
  // Nobody else was told.
  EXPECT_EQ(Unread(seed_.admin), 0);
  EXPECT_EQ(Unread(seed_.exec_a), 0);
}

TEST_F(NotificationsTest, TheHeaderShowsTheUnreadCountToTheSignedInOnly) {
  Tell(seed_.planner);
  Tell(seed_.planner);
  const std::string cookie = LoginCookie("planner");
  auto home = Page("/en/", cookie);
  ASSERT_EQ(home.status, 200);
  EXPECT_THAT(home.body, HasSubstr("href=\"/en/notifications\""));
  EXPECT_THAT(home.body, HasSubstr("id=\"unread-count\">2<span class=\"visually-hidden\"> unread</span>"));
  // exec_a has none: the link without a count.
  auto other = Page("/kk/", LoginCookie("exec_a"));
  EXPECT_THAT(other.body, HasSubstr("href=\"/kk/notifications\""));
  EXPECT_THAT(other.body, Not(HasSubstr("unread-count")));
  // The anonymous (cached) page has neither.
  auto anon = Get("/en/");
  EXPECT_THAT(anon.body, Not(HasSubstr("/en/notifications")));
}

TEST_F(NotificationsTest, ThePageListsNewestFirstMarksUnreadAndMarksReadWithForms) {
  const Id first = Tell(seed_.planner, "first");
  const Id second = Tell(seed_.planner, "second");
  std::string csrf;
  const std::string cookie = LoginCookie("planner", &csrf);
  auto page = Page("/en/notifications", cookie);
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(page.GetHeader("Cache-Control"), "no-store");
  const auto pos_first = page.body.find("Administrator first");
  const auto pos_second = page.body.find("Administrator second");
  ASSERT_NE(pos_first, std::string::npos);
  ASSERT_NE(pos_second, std::string::npos);
  EXPECT_LT(pos_second, pos_first);
  EXPECT_THAT(page.body,
              HasSubstr("<li class=\"notification unread\" id=\"n-" + std::to_string(first) + "\">"));
  EXPECT_THAT(page.body, HasSubstr("action=\"/en/notifications/" + std::to_string(first) + "/read\""));
  EXPECT_THAT(page.body, HasSubstr("name=\"csrf_token\" value=\"" + csrf + "\""));

  auto marked = Form("/en/notifications/" + std::to_string(first) + "/read", "csrf_token=" + csrf, cookie);
  EXPECT_EQ(marked.status, 303) << marked.body;
  EXPECT_EQ(marked.GetHeader("Location"), "/en/notifications");
  EXPECT_EQ(Unread(seed_.planner), 1);
  auto after = Page("/en/notifications", cookie);
  EXPECT_THAT(after.body, HasSubstr("<li class=\"notification\" id=\"n-" + std::to_string(first) + "\">"));
  EXPECT_THAT(after.body,
              HasSubstr("<li class=\"notification unread\" id=\"n-" + std::to_string(second) + "\">"));

  auto all = Form("/en/notifications/read-all", "csrf_token=" + csrf, cookie);
  EXPECT_EQ(all.status, 303);
  EXPECT_EQ(Unread(seed_.planner), 0);
}

TEST_F(NotificationsTest, EveryRouteRefusesTheAnonymous) {
  const Id id = Tell(seed_.planner);
  const std::string n = std::to_string(id);
  for (const auto& [method, target] :
       std::vector<std::pair<std::string, std::string>>{{"GET", "/api/v1/notifications"},
                                                        {"POST", "/api/v1/notifications/" + n + "/read"},
                                                        {"POST", "/api/v1/notifications/read-all"},
                                                        {"GET", "/api/v1/notifications/settings"},
                                                        {"PUT", "/api/v1/notifications/settings"}}) {
    auto r = Api(method, target, method == "GET" ? "" : R"({"settings": []})", "");
    EXPECT_EQ(r.status, 401) << method << " " << target << " " << r.body;
  }
  for (const auto& [method, target] :
       std::vector<std::pair<std::string, std::string>>{{"GET", "/en/notifications"},
                                                        {"POST", "/en/notifications/" + n + "/read"},
                                                        {"POST", "/en/notifications/read-all"},
                                                        {"GET", "/en/notifications/settings"},
                                                        {"POST", "/en/notifications/settings"}}) {
    auto r = Do({method, target, "", {{"Content-Type", "application/x-www-form-urlencoded"}}});
    EXPECT_EQ(r.status, 303) << method << " " << target;
    EXPECT_EQ(r.GetHeader("Location").substr(0, 16), "/en/login?next=%") << method << " " << target;
  }
  EXPECT_EQ(Unread(seed_.planner), 1);
}

TEST_F(NotificationsTest, EachRoleSeesAndChangesOnlyItsOwnAnotherUsersIdIsNotFound) {
  const Id mine = Tell(seed_.planner);
  const std::string target = "/api/v1/notifications/" + std::to_string(mine) + "/read";
  for (const std::string* token : {&seed_.admin_token, &seed_.exec_a_token, &seed_.exec_b_token}) {
    auto list = Api("GET", "/api/v1/notifications", "", *token);
    ASSERT_EQ(list.status, 200) << list.body;
    EXPECT_TRUE(Body(list)["items"].empty());
    EXPECT_EQ(Api("POST", target, "", *token).status, 404);
  }
  EXPECT_EQ(Api("POST", "/api/v1/notifications/999999/read", "", seed_.planner_token).status, 404);
  EXPECT_EQ(Api("POST", "/api/v1/notifications/abc/read", "", seed_.planner_token).status, 404);
  // Mark all read by another user leaves the planner's unread.
  EXPECT_EQ(Body(Api("POST", "/api/v1/notifications/read-all", "", seed_.exec_a_token))["marked"], 0);
  EXPECT_EQ(Unread(seed_.planner), 1);
  // The page form of another user: 404 too.
  std::string csrf;
  const std::string cookie = LoginCookie("exec_a", &csrf);
  EXPECT_EQ(Form("/en/notifications/" + std::to_string(mine) + "/read", "csrf_token=" + csrf, cookie).status,
            404);
  EXPECT_EQ(Unread(seed_.planner), 1);
  // The owner may.
  EXPECT_EQ(Api("POST", target, "", seed_.planner_token).status, 204);
  EXPECT_EQ(Unread(seed_.planner), 0);
}

TEST_F(NotificationsTest, FormsAndSessionWritesWithoutCsrfAreRefused) {
  const Id id = Tell(seed_.planner);
  std::string csrf;
  const std::string cookie = LoginCookie("planner", &csrf);
  for (const std::string& target :
       {"/en/notifications/" + std::to_string(id) + "/read", std::string("/en/notifications/read-all"),
        std::string("/en/notifications/settings")})
    EXPECT_EQ(Form(target, "accounts.second_factor_reset.in_app=1", cookie).status, 403) << target;
  auto api = Do({"POST", "/api/v1/notifications/read-all", "", {{"Cookie", CookieHeader(cookie)}}});
  EXPECT_EQ(api.status, 403);
  EXPECT_EQ(Unread(seed_.planner), 1);
  EXPECT_TRUE(Read()->notifications().Settings(seed_.planner).value().empty());
  auto with = Do({"POST",
                  "/api/v1/notifications/read-all",
                  "",
                  {{"Cookie", CookieHeader(cookie)}, {"X-CSRF-Token", csrf}}});
  EXPECT_EQ(with.status, 200) << with.body;
  EXPECT_EQ(Unread(seed_.planner), 0);
}

TEST_F(NotificationsTest, TheListPagesWithACursorNewestFirst) {
  std::vector<Id> ids;
  for (int i = 0; i < 25; ++i) ids.push_back(Tell(seed_.planner, "a" + std::to_string(i)));
  std::vector<Id> seen;
  std::string cursor;
  for (int guard = 0; guard < 5; ++guard) {
    auto r = Api("GET", "/api/v1/notifications?limit=10" + (cursor.empty() ? "" : "&cursor=" + cursor), "",
                 seed_.planner_token);
    ASSERT_EQ(r.status, 200) << r.body;
    json b = Body(r);
    EXPECT_EQ(b["total"], 25);
    for (const auto& n : b["items"]) seen.push_back(n["id"].get<Id>());
    if (b["next_cursor"].is_null()) break;
    cursor = b["next_cursor"].get<std::string>();
  }
  std::vector<Id> expected(ids.rbegin(), ids.rend());
  EXPECT_EQ(seen, expected);
  EXPECT_EQ(Api("GET", "/api/v1/notifications?cursor=garbage", "", seed_.planner_token).status, 400);
  EXPECT_EQ(Api("GET", "/api/v1/notifications?limit=0", "", seed_.planner_token).status, 400);

  // The page: 20 a page, a link to the next, and from there back to the newest.
  const std::string cookie = LoginCookie("planner");
  auto first = Page("/en/notifications", cookie);
  EXPECT_THAT(first.body, HasSubstr("Administrator a24 "));
  EXPECT_THAT(first.body, Not(HasSubstr("Administrator a4 ")));
  const auto at = first.body.find("rel=\"next\"");
  ASSERT_NE(at, std::string::npos);
  const auto href = first.body.rfind("href=\"", at);
  std::string next = first.body.substr(href + 6, first.body.find('"', href + 6) - href - 6);
  for (std::size_t p; (p = next.find("&amp;")) != std::string::npos;) next.replace(p, 5, "&");
  auto second = Page(next, cookie);
  ASSERT_EQ(second.status, 200) << next;
  EXPECT_THAT(second.body, HasSubstr("Administrator a4 "));
  EXPECT_THAT(second.body, HasSubstr("Administrator a0 "));
  EXPECT_THAT(second.body, Not(HasSubstr("Administrator a5 ")));
  EXPECT_THAT(second.body, Not(HasSubstr("rel=\"next\"")));
}

TEST_F(NotificationsTest, SettingsHaveDefaultsChangeByJsonAndFormAndRefuseUnknownKinds) {
  auto get = Api("GET", "/api/v1/notifications/settings", "", seed_.exec_a_token);
  ASSERT_EQ(get.status, 200) << get.body;
  json s = Body(get)["settings"];
  ASSERT_EQ(s.size(), NotificationKinds().size());
  EXPECT_EQ(s[0]["kind"], "accounts.second_factor_reset");
  EXPECT_EQ(s[0]["in_app"], true);
  EXPECT_EQ(s[0]["email"], true);  // important
  EXPECT_EQ(s[0]["important"], true);

  auto put =
      Api("PUT", "/api/v1/notifications/settings",
          R"({"settings": [{"kind": "accounts.second_factor_reset", "in_app": false, "email": false}]})",
          seed_.exec_a_token);
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(Body(put)["settings"][0]["in_app"], false);
  EXPECT_EQ(Read()->notifications().Settings(seed_.exec_a).value(),
            (std::vector<NotificationSetting>{{"accounts.second_factor_reset", false, false}}));
  // Switched off: a reset tells exec_a nothing.
  Tell(seed_.exec_a);
  EXPECT_EQ(Unread(seed_.exec_a), 0);
  // The planner's settings are untouched.
  EXPECT_TRUE(Read()->notifications().Settings(seed_.planner).value().empty());

  auto unknown =
      Api("PUT", "/api/v1/notifications/settings",
          R"({"settings": [{"kind": "accounts.nope", "in_app": true, "email": true}]})", seed_.exec_a_token);
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(Body(unknown)["error"]["fields"][0]["field"], "settings[0].kind");
  auto malformed =
      Api("PUT", "/api/v1/notifications/settings",
          R"({"settings": [{"kind": "accounts.second_factor_reset", "in_app": "yes"}]})", seed_.exec_a_token);
  EXPECT_EQ(malformed.status, 400);
  EXPECT_EQ(Read()->notifications().Settings(seed_.exec_a).value().size(), 1u);

  // The form: a fieldset per kind with two labelled checkboxes; unchecked means off.
  std::string csrf;
  const std::string cookie = LoginCookie("planner", &csrf);
  auto page = Page("/ru/notifications/settings", cookie);
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_THAT(page.body, HasSubstr("<legend>Администратор сбросил мой двухфакторный вход</legend>"));
  EXPECT_THAT(page.body, HasSubstr("<input type=\"checkbox\" id=\"f-accounts-second_factor_reset-email\" "
                                   "name=\"accounts.second_factor_reset.email\" value=\"1\" checked>"));
  EXPECT_THAT(page.body, HasSubstr("<label for=\"f-accounts-second_factor_reset-email\">"));
  auto saved = Form("/ru/notifications/settings",
                    "csrf_token=" + csrf + "&accounts.second_factor_reset.in_app=1", cookie);
  EXPECT_EQ(saved.status, 303) << saved.body;
  EXPECT_EQ(saved.GetHeader("Location"), "/ru/notifications/settings");
  EXPECT_EQ(Read()->notifications().Settings(seed_.planner).value(),
            (std::vector<NotificationSetting>{{"accounts.second_factor_reset", true, false}}));
}

// A person account (any signed-in user has notifications) with an API token.
struct Person {
  Id id = 0;
  std::string token;
};

TEST_F(NotificationsTest, AMailGoesOnlyToAConfirmedAddressAndNotWhenSwitchedOff) {
  auto person = [&](const std::string& email, bool confirmed) {
    Person p;
    {
      auto tx = Write();
      User u;
      u.name = "person-" + email.substr(0, email.find('@'));
      u.role = Role::kPerson;
      u.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";
      u.email = email;
      if (confirmed) u.email_confirmed_at = "2026-01-01T00:00:00Z";
      p.id = tx->accounts().InsertUser(u).value();
      EXPECT_TRUE(tx->Commit());
    }
    p.token = ctx_->auth->CreateToken(*store_, p.id, "test", now_.load()).value().token;
    return p;
  };
  const Person confirmed = person("aigerim@example.kz", true);
  const Person unconfirmed = person("bolat@example.kz", false);
  auto reset = [&](Id id) {
    return Api("POST", "/api/v1/users/" + std::to_string(id) + "/second-factor/reset", "", seed_.admin_token)
        .status;
  };

  ASSERT_EQ(reset(confirmed.id), 204);
  auto mails = Read()->outbox().List(std::nullopt, 10).value();
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].message.to, "aigerim@example.kz");
  EXPECT_EQ(mails[0].message.purpose, "notify.accounts.second_factor_reset");
  EXPECT_EQ(
      mails[0].message.subject,
      "Есептік жазбаңыздың екі факторлы кіруі қалпына келтірілді / Двухфакторный вход в вашу учётную запись "
      "сброшен");
  for (const char* part : {"admin әкімшісі", "Администратор admin", "Administrator admin",
                           "/kk/account/second-factor", "/en/notifications/settings"})
    EXPECT_THAT(mails[0].message.text, HasSubstr(part)) << part;
  EXPECT_EQ(Unread(confirmed.id), 1);

  // Not confirmed: shown in the portal, no mail.
  ASSERT_EQ(reset(unconfirmed.id), 204);
  EXPECT_EQ(Read()->outbox().List(std::nullopt, 10).value().size(), 1u);
  EXPECT_EQ(Unread(unconfirmed.id), 1);

  // Email switched off by the person: shown in the portal, no mail.
  auto off =
      Api("PUT", "/api/v1/notifications/settings",
          R"({"settings": [{"kind": "accounts.second_factor_reset", "in_app": true, "email": false}]})",
          confirmed.token);
  ASSERT_EQ(off.status, 200) << off.body;
  ASSERT_EQ(reset(confirmed.id), 204);
  EXPECT_EQ(Read()->outbox().List(std::nullopt, 10).value().size(), 1u);
  EXPECT_EQ(Unread(confirmed.id), 2);

  // A person reads them like staff: the API, the page and the header count.
  auto list = Api("GET", "/api/v1/notifications", "", confirmed.token);
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(Body(list)["unread"], 2);
  auto page = Get("/en/notifications", {{"Authorization", "Bearer " + confirmed.token}});
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_THAT(page.body, HasSubstr("id=\"unread-count\">2<"));
  EXPECT_EQ(Api("POST", "/api/v1/notifications/read-all", "", unconfirmed.token).status, 200);
  EXPECT_EQ(Unread(unconfirmed.id), 0);
  EXPECT_EQ(Unread(confirmed.id), 2);
}

TEST_F(NotificationsTest, TheRoutesAreInTheOpenApiDocument) {
  json doc = Body(Get("/api/v1/openapi.json"));
  EXPECT_TRUE(doc["paths"]["/api/v1/notifications"].contains("get"));
  EXPECT_TRUE(doc["paths"]["/api/v1/notifications/{id}/read"].contains("post"));
  EXPECT_TRUE(doc["paths"]["/api/v1/notifications/read-all"].contains("post"));
  EXPECT_TRUE(doc["paths"]["/api/v1/notifications/settings"].contains("get"));
  EXPECT_TRUE(doc["paths"]["/api/v1/notifications/settings"].contains("put"));
  EXPECT_TRUE(doc["components"]["schemas"]["NotificationPage"]["properties"].contains("unread"));
}

}  // namespace
}  // namespace jospar::testing
