// The history API names the transparency-log entry of each decision (ledger_index), also for two decisions
// on one object within one second, so an API client can fetch the entry and its proof.
#include "http/http_fixture.hpp"

namespace jospar::testing {
namespace {

class HistoryApiLedger : public HttpTest {};

TEST_F(HistoryApiLedger, EachHistoryItemNamesItsLogEntry) {
  // Two renames of body a within one second (the test clock does not move).
  for (int version : {1, 2}) {
    auto r = Api("PATCH", "/api/v1/bodies/" + std::to_string(seed_.body_a),
                 R"({"title":{"ru":"Министерство )" + std::to_string(version) + R"("}})", seed_.admin_token,
                 {{"If-Match", "W/\"" + std::to_string(version) + "\""}});
    ASSERT_EQ(r.status, 200) << r.body;
  }
  auto h = Get("/api/v1/history?kind=body&id=" + std::to_string(seed_.body_a));
  ASSERT_EQ(h.status, 200);
  const auto items = Body(h)["items"];
  ASSERT_GE(items.size(), 2u);
  ASSERT_EQ(items[0]["at"], items[1]["at"]);
  ASSERT_TRUE(items[0]["ledger_index"].is_number_integer()) << items[0].dump();
  ASSERT_TRUE(items[1]["ledger_index"].is_number_integer()) << items[1].dump();
  EXPECT_GT(items[0]["ledger_index"].get<std::int64_t>(), items[1]["ledger_index"].get<std::int64_t>());
  for (int k : {0, 1}) {
    const auto index = items[k]["ledger_index"].get<std::int64_t>();
    auto e = Get("/api/v1/ledger/entries/" + std::to_string(index));
    ASSERT_EQ(e.status, 200) << e.body;
    const std::string entry = Body(e)["entry"];
    EXPECT_NE(entry.find("action update\nobject body " + std::to_string(seed_.body_a) + "\n"),
              std::string::npos)
        << entry;
    EXPECT_NE(entry.find("time " + items[k]["at"].get<std::string>() + "\n"), std::string::npos) << entry;
  }
}

}  // namespace
}  // namespace jospar::testing
