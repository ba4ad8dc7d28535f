// The OpenAPI document lists every route of the router with its methods.
#include "http/http_fixture.hpp"

namespace jospar::testing {
namespace {

class OpenApiTest : public HttpTest {};

std::string OpenApiPath(const std::string& pattern) {
  std::string p = pattern;
  const auto dots = p.find("...}");
  if (dots != std::string::npos) p.erase(dots, 3);
  return p;
}

std::string Lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

TEST_F(OpenApiTest, EveryRegisteredRouteIsDocumented) {
  auto r = Get("/api/v1/openapi.json");
  ASSERT_EQ(r.status, 200);
  auto doc = Body(r);
  EXPECT_EQ(doc["openapi"], "3.0.3");
  const auto& paths = doc["paths"];
  std::size_t n = 0;
  for (const auto& route : router_->Routes()) {
    const std::string path = OpenApiPath(route.pattern);
    ASSERT_TRUE(paths.contains(path))
        << "not in the OpenAPI document: " << route.method << " " << route.pattern;
    const auto& op = paths[path];
    ASSERT_TRUE(op.contains(Lower(route.method))) << route.method << " " << route.pattern;
    EXPECT_FALSE(op[Lower(route.method)]["summary"].get<std::string>().empty());
    if (route.options.api) {
      EXPECT_FALSE(route.options.summary.empty())
          << "API route without a summary: " << route.method << " " << route.pattern;
      EXPECT_TRUE(op[Lower(route.method)]["responses"].contains("default")) << route.pattern;
    }
    ++n;
  }
  EXPECT_GT(n, 50u);
  // Every schema referenced exists.
  const std::string text = doc.dump();
  std::size_t pos = 0;
  while ((pos = text.find("#/components/schemas/", pos)) != std::string::npos) {
    pos += 21;
    const std::string name = text.substr(pos, text.find('"', pos) - pos);
    EXPECT_TRUE(doc["components"]["schemas"].contains(name)) << "missing schema " << name;
  }
}

}  // namespace
}  // namespace jospar::testing
