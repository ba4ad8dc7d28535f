// The Transparency log pages (/{lang}/ledger, /{lang}/ledger/entries/{i}) and the "verify" links of the
// document and indicator history, on the portal's seeded store with a few log entries.
#include "core/audit/decisions.hpp"
#include "core/ledger/checkpoint.hpp"
#include "core/ledger/repository.hpp"
#include "core/ledger/usecases.hpp"
#include "core/plan/repository.hpp"
#include "http/pages_fixture.hpp"

namespace jospar::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class LedgerPagesTest : public PortalTest {
 protected:
  void SetUp() override {
    PortalTest::SetUp();
    std::array<std::uint8_t, 32> seed{};
    seed[3] = 9;
    key_ = *ledger::KeyFromSeed("jospar.test/ledger", seed);
    ctx_->ledger_key = std::make_shared<const ledger::SigningKey>(key_);
  }
  // Appends `n` decisions about indicators, then the decision that the seed's history of the plan
  // records ("status:in_force" at 2026-01-01T00:00:00Z), as entry n.
  void AppendEntries(int n) {
    auto tx = store_->Begin(TxMode::kWrite).value();
    for (int i = 0; i < n; ++i)
      ASSERT_TRUE(tx->ledger().Append(
          usecases::ObjectDecision("create", {ObjectKind::kIndicator, 1000 + i}, {}, "system",
                                   "2026-01-01T00:00:0" + std::to_string(i % 10) + "Z")));
    ASSERT_TRUE(tx->ledger().Append(usecases::ObjectDecision(
        "status:in_force", {ObjectKind::kDocument, seed_.plan}, {}, "planner", "2026-01-01T00:00:00Z")));
    ASSERT_TRUE(tx->Commit());
  }
  ledger::SigningKey key_;
};

TEST_F(LedgerPagesTest, PageShowsTheSignedCheckpointKeyEntriesAndHowToVerify) {
  AppendEntries(3);
  for (const char* lang : {"kk", "ru", "en"}) {
    auto r = Get(std::string("/") + lang + "/ledger");
    ASSERT_EQ(r.status, 200) << lang;
    EXPECT_THAT(r.body, HasSubstr("jospar.test/ledger\n4\n")) << lang;               // the signed note's text
    EXPECT_THAT(r.body, HasSubstr("\n\n\xE2\x80\x94 jospar.test/ledger ")) << lang;  // its signature line
    EXPECT_THAT(r.body, HasSubstr(ledger::VerifierKeyText(key_))) << lang;
    EXPECT_THAT(r.body, HasSubstr("href=\"/" + std::string(lang) + "/ledger/entries/3\"")) << lang;
    EXPECT_THAT(r.body, HasSubstr("jospar ledger check --from")) << lang;
    EXPECT_THAT(r.body, Not(HasSubstr("<script>"))) << lang;
  }
  EXPECT_THAT(Get("/kk/ledger").body, HasSubstr("Ашықтық журналы"));
  EXPECT_THAT(Get("/ru/ledger").body, HasSubstr("Журнал прозрачности"));
  // The checkpoint shown verifies with the key shown.
  auto latest = store_->Begin(TxMode::kRead).value()->ledger().LatestCheckpoint().value();
  ASSERT_TRUE(latest);
  auto verifier = ledger::ParseVerifierKey(ledger::VerifierKeyText(key_));
  EXPECT_TRUE(ledger::OpenCheckpoint(latest->note, *verifier));
}

TEST_F(LedgerPagesTest, EntriesArePagedNewestFirst) {
  AppendEntries(59);  // 60 entries: page 1 has 59..10, page 2 has 9..0
  auto r = Get("/en/ledger");
  ASSERT_EQ(r.status, 200);
  EXPECT_THAT(r.body, HasSubstr("Log entries 59 to 10"));
  EXPECT_THAT(r.body, HasSubstr("href=\"/en/ledger?page=2\""));
  EXPECT_THAT(r.body, Not(HasSubstr("/en/ledger/entries/9\"")));
  EXPECT_LT(r.body.find("/en/ledger/entries/59\""), r.body.find("/en/ledger/entries/58\""));
  r = Get("/en/ledger?page=2");
  ASSERT_EQ(r.status, 200);
  EXPECT_THAT(r.body, HasSubstr("Log entries 9 to 0"));
  EXPECT_THAT(r.body, HasSubstr("/en/ledger/entries/0\""));
  EXPECT_THAT(r.body, HasSubstr("href=\"/en/ledger?page=1\""));
  EXPECT_EQ(Get("/en/ledger?page=3").status, 404);
  EXPECT_EQ(Get("/en/ledger?page=x").status, 404);
}

TEST_F(LedgerPagesTest, EntryPageShowsTheProofAndThatItVerifies) {
  AppendEntries(6);
  auto r = Get("/en/ledger/entries/2");
  ASSERT_EQ(r.status, 200);
  EXPECT_THAT(r.body, HasSubstr("Verified: this entry is included in the signed log of 7 entries."));
  EXPECT_THAT(r.body, HasSubstr("object indicator 1002\n"));
  auto proof = usecases::ProveEntry(*store_, 2, 7).value();
  ASSERT_EQ(proof.proof.size(), 3u);
  for (const auto& h : proof.proof) EXPECT_THAT(r.body, HasSubstr(ledger::ToBase64(h)));
  EXPECT_THAT(r.body, HasSubstr("/api/v1/ledger/entries/2/proof?tree_size=7"));
  for (const char* lang : {"kk", "ru"})
    EXPECT_EQ(Get(std::string("/") + lang + "/ledger/entries/6").status, 200);
  EXPECT_EQ(Get("/en/ledger/entries/7").status, 404);
  EXPECT_EQ(Get("/en/ledger/entries/-1").status, 404);
  EXPECT_EQ(Get("/en/ledger/entries/99999999999999999999").status, 404);
}

TEST_F(LedgerPagesTest, EverythingShownIsEscaped) {
  // A key name may hold '&', '<' and '>': it reaches the page in the note, the origin and the key.
  std::array<std::uint8_t, 32> seed{};
  auto odd = *ledger::KeyFromSeed("x&<b>/ledger", seed);
  ctx_->ledger_key = std::make_shared<const ledger::SigningKey>(odd);
  AppendEntries(1);
  for (const char* target : {"/en/ledger", "/en/ledger/entries/1"}) {
    auto r = Get(target);
    ASSERT_EQ(r.status, 200) << target;
    EXPECT_THAT(r.body, Not(HasSubstr("<b>"))) << target;
    EXPECT_THAT(r.body, HasSubstr("x&amp;&lt;b&gt;/ledger\n")) << target;
  }
}

TEST_F(LedgerPagesTest, DocumentHistoryLinksToTheLogEntryOfTheDecision) {
  AppendEntries(4);  // the plan's decision is entry 4
  auto r = Get("/en/documents/" + std::to_string(seed_.plan));
  ASSERT_EQ(r.status, 200);
  EXPECT_THAT(r.body,
              HasSubstr("<a href=\"/en/ledger/entries/4\" aria-label=\"Verify in the transparency log "
                        "(entry 4)\">verify</a>"));
  // A document without logged decisions has no link.
  r = Get("/en/documents/" + std::to_string(seed_.strategy));
  ASSERT_EQ(r.status, 200);
  EXPECT_THAT(r.body, Not(HasSubstr("/en/ledger/entries/")));
}

TEST_F(LedgerPagesTest, MainNavigationLinksToTheLog) {
  for (const char* lang : {"kk", "ru", "en"})
    EXPECT_THAT(Get(std::string("/") + lang + "/documents").body,
                HasSubstr("<a href=\"/" + std::string(lang) + "/ledger\">"))
        << lang;
}

}  // namespace
}  // namespace jospar::testing
