// Every interface string a portal template uses ({{t.key}}) exists in kk, ru and en, and every template
// parses; a missing key would show as "[key]" on the page.
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "web/i18n.hpp"
#include "web/templates.hpp"

namespace jospar::web {
namespace {

namespace fs = std::filesystem;

TEST(PortalStrings, EveryTemplateKeyExistsInAllLanguages) {
  auto loc = Locales::Load(std::string(JOSPAR_SOURCE_DIR) + "/locales");
  ASSERT_TRUE(loc) << loc.error().detail;
  const std::regex key_re(R"(\{\{[#^/]?\s*t\.([A-Za-z0-9_.]+)\s*\}\})");
  std::set<std::string> keys;
  for (const auto& e : fs::directory_iterator(std::string(JOSPAR_SOURCE_DIR) + "/templates")) {
    std::ifstream in(e.path());
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string text = ss.str();
    for (std::sregex_iterator it(text.begin(), text.end(), key_re), end; it != end; ++it)
      keys.insert((*it)[1]);
  }
  ASSERT_GT(keys.size(), 50u);
  for (const auto& k : keys)
    for (Lang lang : kLangs) EXPECT_TRUE(loc->Has(lang, k)) << k << " missing in " << LangCode(lang);
}

TEST(PortalStrings, TemplatesParse) {
  auto t = Templates::Load(std::string(JOSPAR_SOURCE_DIR) + "/templates");
  ASSERT_TRUE(t) << t.error().detail;
  for (const char* name : {"layout", "home", "documents", "document", "indicator", "sdg_index", "sdg_goal",
                           "sdg_target", "bodies", "body", "search", "form", "my_indicators", "error"})
    EXPECT_TRUE((*t)->Has(name)) << name;
}

}  // namespace
}  // namespace jospar::web
