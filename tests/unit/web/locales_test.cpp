// Every interface key exists, non-empty, in kk, ru and en.
#include <gtest/gtest.h>

#include "web/i18n.hpp"

namespace jospar::web {
namespace {

TEST(Locales, EveryKeyIsTranslatedInAllThreeLanguages) {
  auto loc = Locales::Load(std::string(JOSPAR_SOURCE_DIR) + "/locales");
  ASSERT_TRUE(loc) << loc.error().detail;
  ASSERT_FALSE(loc->Keys().empty());
  for (Lang lang : kLangs) {
    auto missing = loc->MissingIn(lang);
    std::string list;
    for (const auto& k : missing) list += k + " ";
    EXPECT_TRUE(missing.empty()) << "missing in " << LangCode(lang) << ": " << list;
  }
}

TEST(Locales, MissingKeyIsNeverEmpty) {
  auto loc = Locales::Load(std::string(JOSPAR_SOURCE_DIR) + "/locales");
  ASSERT_TRUE(loc);
  EXPECT_EQ(loc->Get(Lang::kKk, "no.such.key"), "[?]");
  EXPECT_EQ(loc->Get(Lang::kKk, "app.tagline"), "Мемлекеттік жоспар — баршаға ашық");
}

}  // namespace
}  // namespace jospar::web
