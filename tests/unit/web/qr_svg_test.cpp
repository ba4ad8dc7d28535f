// QR codes of otpauth URIs drawn as SVG: the symbol has the size of a real QR version, its three finder
// patterns, one dark square per dark module, a quiet zone, and an accessible name.
#include <gmock/gmock.h>

#include "web/qr_svg.hpp"

namespace jospar::web {
namespace {

using ::testing::HasSubstr;

constexpr const char* kUri =
    "otpauth://totp/Jospar:planner?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Jospar";

// A 7x7 finder pattern at (x, y): dark ring, light ring, dark 3x3 core.
bool FinderAt(const std::vector<std::vector<bool>>& m, int x, int y) {
  for (int dy = 0; dy < 7; ++dy)
    for (int dx = 0; dx < 7; ++dx) {
      const bool ring = dx == 0 || dy == 0 || dx == 6 || dy == 6;
      const bool core = dx >= 2 && dx <= 4 && dy >= 2 && dy <= 4;
      if (m[y + dy][x + dx] != (ring || core)) return false;
    }
  return true;
}

TEST(QrSvg, TheModulesFormAQrSymbolWithItsFinderPatterns) {
  auto m = QrModules(kUri);
  ASSERT_TRUE(m);
  const int n = static_cast<int>(m->size());
  EXPECT_EQ((n - 17) % 4, 0) << "width " << n << " is not 17 + 4 * version";
  EXPECT_GE(n, 21);
  EXPECT_TRUE(FinderAt(*m, 0, 0));
  EXPECT_TRUE(FinderAt(*m, n - 7, 0));
  EXPECT_TRUE(FinderAt(*m, 0, n - 7));
  EXPECT_FALSE(FinderAt(*m, n - 7, n - 7));  // the fourth corner has none
  // Another text gives another symbol.
  EXPECT_NE(*QrModules("otpauth://totp/Jospar:admin?secret=AAAA&issuer=Jospar"), *m);
}

TEST(QrSvg, TheSvgDrawsEveryDarkModuleInsideAQuietZone) {
  auto m = QrModules(kUri).value();
  int dark = 0;
  for (const auto& row : m)
    for (bool b : row) dark += b;
  const std::string svg = QrSvg(kUri, "QR code <of the key>");
  int squares = 0;
  for (std::size_t p = svg.find("h1v1h-1z"); p != std::string::npos; p = svg.find("h1v1h-1z", p + 1))
    ++squares;
  EXPECT_EQ(squares, dark);
  const std::string size = std::to_string(m.size() + 8);
  EXPECT_THAT(svg, HasSubstr("viewBox=\"0 0 " + size + " " + size + "\""));
  EXPECT_THAT(svg, HasSubstr("M4 4h1v1h-1z"));  // the top-left finder starts after the 4-module quiet zone
  EXPECT_THAT(svg, HasSubstr("role=\"img\" aria-label=\"QR code &lt;of the key&gt;\""));
}

TEST(QrSvg, TooLongATextGivesNothing) {
  EXPECT_EQ(QrSvg(std::string(8000, 'x'), "x"), "");
  EXPECT_FALSE(QrModules(std::string(8000, 'x')));
}

}  // namespace
}  // namespace jospar::web
