// "Verify" links from the decisions shown on the portal to their transparency-log entries: exact (the
// index recorded with the history row), also when two decisions on one object fall within one second.
#include "core/audit/decisions.hpp"
#include "core/audit/history.hpp"
#include "core/ledger/checkpoint.hpp"
#include "core/ledger/repository.hpp"
#include "core/plan/repository.hpp"
#include "core/plan/usecases/plan.hpp"
#include "http/pages_fixture.hpp"

namespace jospar::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class VerifyLinksTest : public PortalTest {
 protected:
  void SetUp() override {
    PortalTest::SetUp();
    std::array<std::uint8_t, 32> seed{};
    seed[5] = 3;
    ctx_->ledger_key =
        std::make_shared<const ledger::SigningKey>(*ledger::KeyFromSeed("jospar.test/ledger", seed));
  }
  static usecases::Caller Admin(std::string now) {
    return {Principal{9, "admin", Role::kAdmin, std::nullopt}, std::move(now)};
  }
  // Renames the seed's ministry (English title) at `now`; returns the index of the log entry it wrote.
  std::uint64_t Rename(const std::string& title, const std::string& now) {
    auto body = store_->Begin(TxMode::kRead).value()->plan().GetBody(seed_.ministry).value();
    body.title.en = title;
    EXPECT_TRUE(usecases::UpdateBody(*store_, Admin(now), body));
    auto log = store_->Begin(TxMode::kRead)
                   .value()
                   ->ledger()
                   .ListLogEntriesFor("body", std::to_string(seed_.ministry), 1);
    EXPECT_TRUE(log && !log->empty());
    return log && !log->empty() ? log->front().index : 0;
  }
  // Appends a log entry about the ministry that has no history row (as a module recording through
  // RecordDecision alone would), with the same action and time as the renames.
  std::uint64_t BareEntry(const std::string& now) {
    auto e = usecases::RecordDecision(
        *store_, usecases::ObjectDecision("update", {ObjectKind::kBody, seed_.ministry}, {}, "admin", now));
    EXPECT_TRUE(e);
    return e ? e->index : 0;
  }
  static std::string Link(const std::string& lang, std::uint64_t index) {
    return "href=\"/" + lang + "/ledger/entries/" + std::to_string(index) + "\"";
  }
};

TEST_F(VerifyLinksTest, BodyHistoryLinksEachDecisionToItsOwnEntryWithinOneSecond) {
  const std::string second = "2026-11-23T12:00:00Z";
  const std::uint64_t first = Rename("Ministry of Finance", second);
  const std::uint64_t bare = BareEntry(second);
  const std::uint64_t last = Rename("Ministry of Economy", second);
  ASSERT_LT(first, bare);
  ASSERT_LT(bare, last);
  for (const std::string lang : {"kk", "ru", "en"}) {
    auto r = Get("/" + lang + "/bodies/" + std::to_string(seed_.ministry));
    ASSERT_EQ(r.status, 200) << lang;
    // Newest first: the second rename, then the first. Matching by action and second would have linked
    // the first rename to the bare entry, which no history row shows.
    const auto at_last = r.body.find(Link(lang, last));
    const auto at_first = r.body.find(Link(lang, first));
    ASSERT_NE(at_last, std::string::npos) << lang;
    ASSERT_NE(at_first, std::string::npos) << lang;
    EXPECT_LT(at_last, at_first) << lang;
    EXPECT_THAT(r.body, Not(HasSubstr(Link(lang, bare)))) << lang;
    EXPECT_EQ(Count(r.body, "/" + lang + "/ledger/entries/"), 2) << lang;
  }
  EXPECT_THAT(Get("/en/bodies/" + std::to_string(seed_.ministry)).body,
              HasSubstr("<a href=\"/en/ledger/entries/" + std::to_string(last) +
                        "\" aria-label=\"Verify in the transparency log (entry " + std::to_string(last) +
                        ")\">verify</a>"));
  // Each link leads to the entry of that decision, with an inclusion proof that verifies.
  for (std::uint64_t index : {first, last}) {
    auto r = Get("/en/ledger/entries/" + std::to_string(index));
    ASSERT_EQ(r.status, 200) << index;
    EXPECT_THAT(r.body, HasSubstr("action update\nobject body " + std::to_string(seed_.ministry) + "\n"));
    EXPECT_THAT(r.body, HasSubstr("time " + second + "\n"));
    EXPECT_THAT(r.body, HasSubstr("Verified: this entry is included in the signed log"));
  }
}

TEST_F(VerifyLinksTest, RowsWrittenWithoutAnIndexLinkOnlyWhenTheMatchIsUnambiguous) {
  // History rows as written before migration 010 could pair them (no ledger_index): one row and one entry
  // of the same action and second link; two rows of one second do not, rather than crosswise.
  auto write = [&](const std::string& action, const std::string& at, int entries, int rows) {
    auto tx = store_->Begin(TxMode::kWrite).value();
    for (int i = 0; i < entries; ++i)
      ASSERT_TRUE(tx->ledger().Append(
          usecases::ObjectDecision(action, {ObjectKind::kBody, seed_.akimat}, {}, "admin", at)));
    for (int i = 0; i < rows; ++i) {
      HistoryEntry e;
      e.object = {ObjectKind::kBody, seed_.akimat};
      e.actor = "admin";
      e.at = at;
      e.action = action;
      ASSERT_TRUE(tx->audit().AppendHistory(e));
    }
    ASSERT_TRUE(tx->Commit());
  };
  write("update", "2026-11-23T13:00:00Z", 1, 1);  // unambiguous
  write("update", "2026-11-23T13:00:07Z", 2, 2);  // two in one second
  auto size = store_->Begin(TxMode::kRead).value()->ledger().LogSize().value();
  auto r = Get("/en/bodies/" + std::to_string(seed_.akimat));
  ASSERT_EQ(r.status, 200);
  EXPECT_THAT(r.body, HasSubstr(Link("en", size - 3)));
  EXPECT_THAT(r.body, Not(HasSubstr(Link("en", size - 2))));
  EXPECT_THAT(r.body, Not(HasSubstr(Link("en", size - 1))));
}

TEST_F(VerifyLinksTest, TheLogPageShowsHowToResumeACheck) {
  BareEntry("2026-11-23T12:00:00Z");
  for (const std::string lang : {"kk", "ru", "en"}) {
    auto r = Get("/" + lang + "/ledger");
    ASSERT_EQ(r.status, 200) << lang;
    EXPECT_THAT(r.body, HasSubstr("--state ledger.state</code>")) << lang;
  }
  EXPECT_THAT(Get("/en/ledger").body, HasSubstr("keep a state file"));
}

}  // namespace
}  // namespace jospar::testing
