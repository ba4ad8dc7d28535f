// Every notification kind has its title, body and settings label in kk, ru and en; the texts carry
// their parameters; a mail to a reader of unknown language carries all three languages.
#include <gtest/gtest.h>

#include "core/accounts/notifications.hpp"
#include "web/accounts/notification_texts.hpp"
#include "web/i18n.hpp"

namespace jospar::web {
namespace {

std::shared_ptr<const Locales> Load() {
  auto loc = Locales::Load(std::string(JOSPAR_SOURCE_DIR) + "/locales");
  EXPECT_TRUE(loc) << loc.error().detail;
  return std::make_shared<const Locales>(std::move(*loc));
}

TEST(NotificationTexts, EveryKindHasItsTextsInAllThreeLanguages) {
  auto loc = Load();
  for (const auto& k : NotificationKinds())
    for (const char* part : {".title", ".body", ".setting"})
      for (Lang lang : kLangs)
        EXPECT_TRUE(loc->Has(lang, "notify." + std::string(k.key) + part))
            << k.key << part << " " << LangCode(lang);
}

TEST(NotificationTexts, TitleAndBodyAreInTheReadersLanguageWithTheParameters) {
  auto loc = Load();
  Notification n;
  n.kind = "accounts.second_factor_reset";
  n.params = {{"admin", "aigerim"}};
  n.link = "/account/second-factor";
  EXPECT_EQ(NotificationTitle(*loc, Lang::kKk, n),
            "Есептік жазбаңыздың екі факторлы кіруі қалпына келтірілді");
  EXPECT_NE(NotificationBody(*loc, Lang::kRu, n).find("Администратор aigerim сбросил"), std::string::npos);
  EXPECT_EQ(NotificationBody(*loc, Lang::kEn, n).find("{admin}"), std::string::npos);

  auto render = MakeNotificationMailRenderer(loc);
  RenderedMail en = render(n, Lang::kEn);
  EXPECT_EQ(en.subject, "Your two-factor sign-in was reset");
  EXPECT_NE(en.text.find("/en/account/second-factor"), std::string::npos);
  EXPECT_NE(en.text.find("/en/notifications/settings"), std::string::npos);
  EXPECT_EQ(en.text.find("Администратор"), std::string::npos);

  RenderedMail all = render(n, std::nullopt);
  EXPECT_EQ(all.subject,
            NotificationTitle(*loc, Lang::kKk, n) + " / " + NotificationTitle(*loc, Lang::kRu, n));
  for (const char* part :
       {"/kk/account/second-factor", "/ru/account/second-factor", "/en/account/second-factor",
        "Администратор aigerim", "Administrator aigerim", "aigerim әкімшісі"})
    EXPECT_NE(all.text.find(part), std::string::npos) << part;
}

}  // namespace
}  // namespace jospar::web
