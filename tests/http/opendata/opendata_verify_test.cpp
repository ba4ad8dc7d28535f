// The Open data page links every file to the transparency-log entry that records its SHA-256 ("publish
// dataset NAME"), so a downloaded file can be checked against the log from the page.
#include "core/ledger/hash.hpp"
#include "core/ledger/repository.hpp"
#include "http/http_fixture.hpp"

namespace jospar::testing {
namespace {

class OpenDataVerifyLinks : public HttpTest {};

TEST_F(OpenDataVerifyLinks, EachFileLinksToTheEntryOfItsHash) {
  auto catalogue = Get("/api/v1/open-data");
  ASSERT_EQ(catalogue.status, 200);
  std::map<std::string, std::string> hashes;
  json c = Body(catalogue);
  for (const auto& d : c["datasets"])
    for (const auto& f : d["files"]) hashes[f["name"].get<std::string>()] = f["sha256"].get<std::string>();
  ASSERT_FALSE(hashes.empty());
  for (const char* lang : {"kk", "ru", "en"}) {
    auto page = Get(std::string("/") + lang + "/open-data");
    ASSERT_EQ(page.status, 200) << lang;
    auto tx = Read();
    for (const auto& [name, sha] : hashes) {
      auto logged = tx->ledger().ListLogEntriesFor("dataset", name, 1);
      ASSERT_TRUE(logged && logged->size() == 1u) << name;
      ASSERT_EQ(ledger::ToHex(logged->front().decision.content_hash), sha) << name;
      const std::string index = std::to_string(logged->front().index);
      // The link sits in the row of that file.
      const auto row = page.body.find("href=\"/open-data/" + name + "\"");
      ASSERT_NE(row, std::string::npos) << name;
      const auto end = page.body.find("</tr>", row);
      const std::string link = "href=\"/" + std::string(lang) + "/ledger/entries/" + index + "\"";
      EXPECT_NE(page.body.substr(row, end - row).find(link), std::string::npos) << lang << " " << name;
    }
  }
}

}  // namespace
}  // namespace jospar::testing
