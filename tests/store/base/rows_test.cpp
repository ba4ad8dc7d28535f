// Internal helpers of the SQL repositories: natural code keys and LIKE patterns.
#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "store/sql/rows.hpp"

namespace jospar::store::sql {
namespace {

TEST(CodeKey, SortsNumbersNaturally) {
  std::vector<std::string> codes = {"1.10", "1.2", "10", "1.a", "2", "1.1.10", "1.1.2", "01.3", "1"};
  std::sort(codes.begin(), codes.end(), [](const auto& a, const auto& b) { return CodeKey(a) < CodeKey(b); });
  EXPECT_EQ(codes,
            (std::vector<std::string>{"1", "1.1.2", "1.1.10", "1.2", "01.3", "1.10", "1.a", "2", "10"}));
  EXPECT_EQ(CodeKey("NDP-1.10"), "NDP-000000000001.000000000010");
}

TEST(SearchPattern, WrapsTheSearchKeyAndEscapesWildcards) {
  EXPECT_EQ(SearchPattern("ҚАЗАҚСТАН"), "%qazaqstan%");
  EXPECT_EQ(SearchPattern("  "), "");
  // Whatever survives normalisation, no '%' or '_' inside the pattern is left unescaped.
  for (const char* q : {"50%", "a_b", "100%_x\\y", "%", "_"}) {
    const std::string p = SearchPattern(q);
    if (p.empty()) continue;
    ASSERT_GE(p.size(), 2u);
    for (size_t i = 1; i + 1 < p.size(); ++i) {
      if (p[i] == '\\') {
        ++i;
        continue;
      }
      EXPECT_NE(p[i], '%') << q;
      EXPECT_NE(p[i], '_') << q;
    }
  }
}

}  // namespace
}  // namespace jospar::store::sql
