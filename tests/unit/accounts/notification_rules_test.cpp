// The rules of notifications: default settings (in the portal on; email only for important kinds), a
// stored choice overrides the default, unknown kinds are refused before anything is stored, links must be
// same-site paths; the identity provider names; ParseIsoTime is IsoTime's inverse.
#include <gtest/gtest.h>

#include "core/accounts/identity.hpp"
#include "core/accounts/notifications.hpp"
#include "core/base/clock.hpp"

namespace jospar {
namespace {

// A store that cannot be reached: a use case that gets as far as the store answers kUnavailable.
class DownStore final : public Store {
 public:
  Result<std::unique_ptr<Tx>> Begin(TxMode) override {
    ++begins;
    return Fail(ErrorCode::kUnavailable, "error.unavailable");
  }
  bool Ping() override { return false; }
  PoolStats Stats() const override { return {}; }
  std::string_view Backend() const override { return "down"; }
  int begins = 0;
};

Principal Signed() { return {7, "planner", Role::kPlanner, std::nullopt}; }

TEST(NotificationRules, DefaultsAreInAppOnAndEmailOnlyForImportantKinds) {
  EXPECT_EQ(DefaultSetting({"plan.report_due", false}),
            (NotificationSetting{"plan.report_due", true, false}));
  EXPECT_EQ(DefaultSetting({"accounts.x", true}), (NotificationSetting{"accounts.x", true, true}));
  const NotificationKind* reset = FindNotificationKind("accounts.second_factor_reset");
  ASSERT_NE(reset, nullptr);
  EXPECT_TRUE(reset->important);
  EXPECT_EQ(DefaultSetting(*reset).email, true);
}

TEST(NotificationRules, AStoredChoiceOverridesTheDefaultOfItsKindOnly) {
  const NotificationKind k{"people.application_status", true};
  std::vector<NotificationSetting> stored = {{"other.kind", false, false}};
  EXPECT_EQ(EffectiveSetting(k, stored), DefaultSetting(k));
  stored.push_back({"people.application_status", true, false});
  EXPECT_EQ(EffectiveSetting(k, stored), (NotificationSetting{"people.application_status", true, false}));
}

TEST(NotificationRules, UnknownKindsAreRefusedBeforeTheStoreIsTouched) {
  EXPECT_EQ(FindNotificationKind("no.such_kind"), nullptr);
  EXPECT_EQ(FindNotificationKind(""), nullptr);
  DownStore store;
  auto st = accounts::ChangeNotificationSettings(
      store, Signed(), {{"accounts.second_factor_reset", true, false}, {"nope", true, true}});
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().code, ErrorCode::kInvalidInput);
  ASSERT_EQ(st.error().fields.size(), 1u);
  EXPECT_EQ(st.error().fields[0].field, "settings[1].kind");
  EXPECT_EQ(st.error().fields[0].message_key, "error.notification_kind");
  EXPECT_EQ(store.begins, 0);
  // A known kind gets as far as the store.
  auto known =
      accounts::ChangeNotificationSettings(store, Signed(), {{"accounts.second_factor_reset", true, false}});
  ASSERT_FALSE(known);
  EXPECT_EQ(known.error().code, ErrorCode::kUnavailable);
}

TEST(NotificationRules, TheAnonymousHaveNoNotifications) {
  DownStore store;
  EXPECT_EQ(accounts::ListNotifications(store, Principal{}, {}).error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(accounts::MarkNotificationRead(store, Principal{}, 1, 0).error().code,
            ErrorCode::kUnauthenticated);
  EXPECT_EQ(accounts::MarkAllNotificationsRead(store, Principal{}, 0).error().code,
            ErrorCode::kUnauthenticated);
  EXPECT_EQ(accounts::NotificationSettingsOf(store, Principal{}).error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(store.begins, 0);
}

TEST(NotificationRules, LinksAreSameSitePathsOnly) {
  for (const char* ok : {"", "/", "/account/second-factor", "/documents/12?tab=history#h", "/бет"})
    EXPECT_TRUE(ValidNotificationLink(ok)) << ok;
  for (const char* bad : {"https://evil.example/", "//evil.example/x", "javascript:alert(1)", "account",
                          "/a b", "/a\nb", "/\\evil.example", "/a\x7f"})
    EXPECT_FALSE(ValidNotificationLink(bad)) << bad;
}

TEST(NotificationRules, MailGoesOnlyToAConfirmedAddress) {
  User u;
  u.name = "planner";
  EXPECT_EQ(ConfirmedEmailOf(u), std::nullopt);
  u.email = "aigerim@example.kz";
  EXPECT_EQ(ConfirmedEmailOf(u), std::nullopt);  // not confirmed yet
  u.email_confirmed_at = "2026-01-01T00:00:00Z";
  EXPECT_EQ(ConfirmedEmailOf(u), "aigerim@example.kz");
}

TEST(IdentityRules, ProviderNames) {
  for (const char* ok : {"egov", "local", "test-idp", "a_1"}) EXPECT_TRUE(ValidProviderName(ok)) << ok;
  for (const char* bad : {"", "EGov", "e gov", "egov/x"}) EXPECT_FALSE(ValidProviderName(bad)) << bad;
  EXPECT_FALSE(ValidProviderName(std::string(33, 'a')));
}

TEST(ClockRules, ParseIsoTimeIsTheInverseOfIsoTime) {
  for (std::int64_t t :
       {std::int64_t{0}, std::int64_t{951782400}, std::int64_t{1'800'000'000}, std::int64_t{4102444799}})
    EXPECT_EQ(ParseIsoTime(IsoTime(t)), t) << IsoTime(t);
  EXPECT_EQ(ParseIsoTime("2026-01-31 12:00:00Z"), std::nullopt);
  EXPECT_EQ(ParseIsoTime("2026-13-01T00:00:00Z"), std::nullopt);
  EXPECT_EQ(ParseIsoTime("2026-01-31T12:00:00"), std::nullopt);
}

}  // namespace
}  // namespace jospar
