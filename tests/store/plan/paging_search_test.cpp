// Cursor paging, sorting, filters and multilingual search of the List* methods.
#include <set>

#include "core/plan/repository.hpp"
#include "store/store_fixture.hpp"

namespace jospar::testing {
namespace {

// Walks every page of ListBodies and returns the codes in order; checks totals and cursors.
std::vector<std::string> AllBodyCodes(Tx& tx, PageRequest p, const BodyFilter& f = {}) {
  std::vector<std::string> codes;
  std::int64_t total = -1;
  for (int pages = 0; pages < 100; ++pages) {
    auto page = tx.plan().ListBodies(f, p);
    EXPECT_TRUE(page) << page.error().detail;
    if (!page) break;
    if (total >= 0) {
      EXPECT_EQ(page->total, total);
    }
    total = page->total;
    EXPECT_LE(static_cast<int>(page->items.size()), std::max(1, p.limit));
    for (const auto& b : page->items) codes.push_back(b.code);
    if (page->next_cursor.empty()) break;
    p.cursor = page->next_cursor;
  }
  EXPECT_EQ(static_cast<std::int64_t>(codes.size()), total);
  return codes;
}

class PagingFixture {
 public:
  static void Fill(Tx& tx) {
    // 23 bodies; several share a title so that paging must break ties by id.
    for (int i = 1; i <= 23; ++i) {
      StateBody b =
          MakeBody("B" + std::to_string(i), i % 4 == 0 ? "Same title" : "Title " + std::to_string(100 - i));
      b.kind = i % 2 == 0 ? BodyKind::kAgency : BodyKind::kMinistry;
      ASSERT_TRUE(tx.plan().InsertBody(b));
    }
  }
};

TEST_P(StoreContract, PagingVisitsEveryItemOnceInBothDirections) {
  auto tx = Write();
  PagingFixture::Fill(*tx);
  for (const char* sort : {"code", "title", "id"}) {
    for (bool desc : {false, true}) {
      for (int limit : {1, 4, 7, 50}) {
        PageRequest p;
        p.sort = sort;
        p.descending = desc;
        p.limit = limit;
        auto codes = AllBodyCodes(*tx, p);
        ASSERT_EQ(codes.size(), 23u) << sort << " desc=" << desc << " limit=" << limit;
        EXPECT_EQ(std::set<std::string>(codes.begin(), codes.end()).size(), 23u);
        p.limit = 500;
        p.cursor.clear();
        auto one_page = tx->plan().ListBodies({}, p).value();
        std::vector<std::string> expected;
        for (const auto& b : one_page.items) expected.push_back(b.code);
        EXPECT_EQ(codes, expected) << sort << " desc=" << desc << " limit=" << limit;
      }
    }
  }
}

TEST_P(StoreContract, CodeSortIsNaturalAndDescendingIsReversed) {
  auto tx = Write();
  PagingFixture::Fill(*tx);
  PageRequest p;
  p.limit = 5;
  auto asc = AllBodyCodes(*tx, p);
  EXPECT_EQ(asc.front(), "B1");
  EXPECT_EQ(asc[1], "B2");
  EXPECT_EQ(asc.back(), "B23");
  p.descending = true;
  auto desc = AllBodyCodes(*tx, p);
  std::reverse(desc.begin(), desc.end());
  EXPECT_EQ(asc, desc);
}

TEST_P(StoreContract, TitleSortUsesTheRequestedLanguage) {
  auto tx = Write();
  StateBody a = MakeBody("A");
  a.title = Text{"Бірінші", "Яблоко", "Zebra"};
  StateBody b = MakeBody("B");
  b.title = Text{"Екінші", "Арбуз", "Apple"};
  ASSERT_TRUE(tx->plan().InsertBody(a));
  ASSERT_TRUE(tx->plan().InsertBody(b));
  PageRequest p;
  p.sort = "title";
  p.lang = Lang::kEn;
  EXPECT_EQ(tx->plan().ListBodies({}, p)->items.front().code, "B");
  p.lang = Lang::kRu;
  EXPECT_EQ(tx->plan().ListBodies({}, p)->items.front().code, "B");
  p.lang = Lang::kKk;
  EXPECT_EQ(tx->plan().ListBodies({}, p)->items.front().code, "A");
}

TEST_P(StoreContract, LimitIsClampedAndBadSortOrCursorRejected) {
  auto tx = Write();
  PagingFixture::Fill(*tx);
  PageRequest p;
  p.limit = 0;
  auto one = tx->plan().ListBodies({}, p).value();
  EXPECT_EQ(one.items.size(), 1u);
  EXPECT_EQ(one.total, 23);
  p.limit = 100000;
  EXPECT_EQ(tx->plan().ListBodies({}, p)->items.size(), 23u);

  p.sort = "password";
  auto bad = tx->plan().ListBodies({}, p);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidInput);
  ASSERT_FALSE(bad.error().fields.empty());
  EXPECT_EQ(bad.error().fields[0].field, "sort");
  EXPECT_EQ(tx->plan().ListDocuments({}, p).error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(tx->plan().ListGoals({}, p).error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(tx->plan().ListIndicators({}, p).error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(tx->plan().ListMeasures({}, p).error().code, ErrorCode::kInvalidInput);

  p.sort = "code";
  p.cursor = "not a cursor!";
  EXPECT_EQ(tx->plan().ListBodies({}, p).error().code, ErrorCode::kInvalidInput);
  // A cursor of another sort order is rejected too.
  PageRequest by_title;
  by_title.sort = "title";
  by_title.limit = 2;
  PageRequest by_code;
  by_code.cursor = tx->plan().ListBodies({}, by_title)->next_cursor;
  ASSERT_FALSE(by_code.cursor.empty());
  EXPECT_EQ(tx->plan().ListBodies({}, by_code).error().code, ErrorCode::kInvalidInput);
}

TEST_P(StoreContract, PagingIsStableWhenRowsAreInsertedBeforeTheCursor) {
  auto tx = Write();
  PagingFixture::Fill(*tx);
  PageRequest p;
  p.limit = 10;
  auto first = tx->plan().ListBodies({}, p).value();
  ASSERT_EQ(first.items.size(), 10u);
  ASSERT_TRUE(tx->plan().InsertBody(MakeBody("A0")));  // sorts before everything seen so far
  p.cursor = first.next_cursor;
  auto second = tx->plan().ListBodies({}, p).value();
  EXPECT_EQ(second.total, 24);
  ASSERT_FALSE(second.items.empty());
  for (const auto& b : second.items) {
    for (const auto& seen : first.items) EXPECT_NE(b.id, seen.id);
  }
  EXPECT_EQ(second.items.front().code, "B11");
}

TEST_P(StoreContract, DocumentSortsAndFilters) {
  auto tx = Write();
  Id body = tx->plan().InsertBody(MakeBody("OWN")).value();
  Id top = tx->plan().InsertDocument(MakeDocument("KZ-2050")).value();
  for (int i = 0; i < 6; ++i) {
    Document d =
        MakeDocument("DOC-" + std::to_string(i), i % 2 == 0 ? std::optional<Id>(body) : std::nullopt);
    d.tier = i < 3 ? Tier::kConceptsAndProjects : Tier::kOperational;
    d.status = i == 5 ? DocStatus::kInForce : DocStatus::kDraft;
    d.type = i == 1 ? "concept" : "state_programme";
    d.parent_id = top;
    if (i == 4) {
      d.start_year.reset();
    } else {
      d.start_year = 2020 + (i * 7) % 5;
    }
    ASSERT_TRUE(tx->plan().InsertDocument(d));
  }
  auto count = [&](const DocumentFilter& f) { return tx->plan().ListDocuments(f, PageRequest{})->total; };
  EXPECT_EQ(count({}), 7);
  DocumentFilter f;
  f.tier = Tier::kOperational;
  EXPECT_EQ(count(f), 3);
  f = {};
  f.status = DocStatus::kInForce;
  EXPECT_EQ(count(f), 1);
  f = {};
  f.owner_body_id = body;
  EXPECT_EQ(count(f), 3);
  f = {};
  f.parent_id = top;
  EXPECT_EQ(count(f), 6);
  DocumentFilter only_top;
  only_top.only_top = true;
  EXPECT_EQ(count(only_top), 1);
  DocumentFilter concept_type;
  concept_type.type = "concept";
  EXPECT_EQ(count(concept_type), 1);
  DocumentFilter combined;
  combined.tier = Tier::kConceptsAndProjects;
  combined.status = DocStatus::kDraft;
  combined.owner_body_id = body;
  EXPECT_EQ(count(combined), 2);

  for (const char* sort : {"tier", "start_year", "status", "code", "title", "id"}) {
    for (bool desc : {false, true}) {
      PageRequest p;
      p.sort = sort;
      p.descending = desc;
      p.limit = 2;
      std::vector<Id> seen;
      std::optional<int> last_tier;
      while (true) {
        auto page = tx->plan().ListDocuments({}, p);
        ASSERT_TRUE(page) << page.error().detail;
        for (const auto& d : page->items) {
          seen.push_back(d.id);
          if (std::string(sort) == "tier") {
            if (last_tier) {
              EXPECT_TRUE(desc ? static_cast<int>(d.tier) <= *last_tier
                               : static_cast<int>(d.tier) >= *last_tier);
            }
            last_tier = static_cast<int>(d.tier);
          }
        }
        if (page->next_cursor.empty()) break;
        p.cursor = page->next_cursor;
      }
      EXPECT_EQ(seen.size(), 7u) << sort;
      EXPECT_EQ(std::set<Id>(seen.begin(), seen.end()).size(), 7u) << sort;
    }
  }
}

TEST_P(StoreContract, GoalIndicatorAndMeasureFilters) {
  auto tx = Write();
  Seed s = SeedPlan(*tx);
  Id doc2 = tx->plan().InsertDocument(MakeDocument("OTHER")).value();
  Id goal2 = tx->plan().InsertGoal(MakeGoal(doc2, "1")).value();
  Id target2 =
      tx->plan()
          .UpsertSdgNode(SdgNode{0, "1.2", SdgKind::kTarget, s.sdg_goal, Text{"", "", "Poverty lines"}})
          .value();
  Id goal3 =
      tx->plan().UpsertSdgNode(SdgNode{0, "3", SdgKind::kGoal, std::nullopt, Text{"", "", "Health"}}).value();
  Id target3 =
      tx->plan().UpsertSdgNode(SdgNode{0, "3.1", SdgKind::kTarget, goal3, Text{"", "", "Maternal"}}).value();
  auto i2 = MakeIndicator("OTHER-1", goal2);
  i2.sdg_target_id = target2;
  ASSERT_TRUE(tx->plan().InsertIndicator(i2));
  auto i3 = MakeIndicator("3.1.1");
  i3.sdg_target_id = target3;
  ASSERT_TRUE(tx->plan().InsertIndicator(i3));

  GoalFilter by_doc;
  by_doc.document_id = s.document;
  EXPECT_EQ(tx->plan().ListGoals(by_doc, PageRequest{})->total, 2);
  by_doc.only_top = true;
  EXPECT_EQ(tx->plan().ListGoals(by_doc, PageRequest{})->total, 1);
  GoalFilter by_parent;
  by_parent.parent_id = s.goal;
  EXPECT_EQ(tx->plan().ListGoals(by_parent, PageRequest{})->items.at(0).id, s.task);

  auto count = [&](const IndicatorFilter& f) { return tx->plan().ListIndicators(f, PageRequest{})->total; };
  EXPECT_EQ(count({}), 3);
  IndicatorFilter f;
  f.goal_id = s.task;
  EXPECT_EQ(count(f), 1);
  f = {};
  f.document_id = s.document;
  EXPECT_EQ(count(f), 1);
  f = {};
  f.document_id = doc2;
  EXPECT_EQ(count(f), 1);
  f = {};
  f.sdg_target_id = target3;
  EXPECT_EQ(count(f), 1);
  f = {};
  f.sdg_goal_id = s.sdg_goal;
  EXPECT_EQ(count(f), 2);
  f = {};
  f.responsible_body_id = s.body;
  EXPECT_EQ(count(f), 1);

  // Planned values come with listed indicators.
  PageRequest p;
  p.limit = 500;
  auto page = tx->plan().ListIndicators({}, p).value();
  ASSERT_EQ(page.items.size(), 3u);
  for (const auto& i : page.items) EXPECT_EQ(i.planned.size(), 2u) << i.code;

  Measure m;
  m.goal_id = s.goal;
  m.title = Text{"", "", "Build schools"};
  m.responsible_body_id = s.body;
  m.amounts = {{2025, 10}};
  ASSERT_TRUE(tx->plan().InsertMeasure(m));
  m.goal_id = goal2;
  m.responsible_body_id.reset();
  m.title.en = "Train teachers";
  ASSERT_TRUE(tx->plan().InsertMeasure(m));
  EXPECT_EQ(tx->plan().ListMeasures(MeasureFilter{s.goal, std::nullopt, ""}, PageRequest{})->total, 1);
  EXPECT_EQ(tx->plan().ListMeasures(MeasureFilter{std::nullopt, s.body, ""}, PageRequest{})->total, 1);
  EXPECT_EQ(
      tx->plan().ListMeasures(MeasureFilter{std::nullopt, std::nullopt, "teachers"}, PageRequest{})->total,
      1);
  PageRequest mp;
  mp.sort = "title";
  auto measures = tx->plan().ListMeasures({}, mp).value();
  ASSERT_EQ(measures.items.size(), 2u);
  EXPECT_EQ(measures.items[0].title.en, "Build schools");
  EXPECT_EQ(measures.items[0].amounts.size(), 1u);
}

TEST_P(StoreContract, SearchInThreeLanguagesCaseAndScriptInsensitive) {
  auto tx = Write();
  StateBody b = MakeBody("MFA");
  b.title = Text{"Қазақстан Республикасының Сыртқы істер министрлігі",
                 "Министерство иностранных дел Казахстана", "Ministry of Foreign Affairs"};
  Id id = tx->plan().InsertBody(b).value();
  ASSERT_TRUE(tx->plan().InsertBody(MakeBody("OTHER", "Ministry of Energy")));
  auto find = [&](const std::string& q) {
    BodyFilter f;
    f.search = q;
    std::vector<Id> ids;
    auto page = tx->plan().ListBodies(f, PageRequest{}).value();
    for (const auto& x : page.items) ids.push_back(x.id);
    return ids;
  };
  const std::vector<Id> just{id};
  EXPECT_EQ(find("Қазақстан"), just);
  EXPECT_EQ(find("ҚАЗАҚСТАН"), just);
  EXPECT_EQ(find("qazaqstan"), just);
  EXPECT_EQ(find("QAZAQSTAN respublikasynyn"), just);
  EXPECT_EQ(find("иностранных"), just);
  EXPECT_EQ(find("ИНОСТРАННЫХ ДЕЛ"), just);
  EXPECT_EQ(find("foreign affairs"), just);
  EXPECT_EQ(find("FOREIGN"), just);
  EXPECT_EQ(find("mfa"), just);
  EXPECT_EQ(find("ministry").size(), 2u);
  EXPECT_TRUE(find("nonexistent").empty());
  EXPECT_TRUE(find("100%").empty());
  EXPECT_TRUE(find("aff_irs").empty());
  EXPECT_EQ(find("").size(), 2u);

  // The search column follows updates.
  StateBody got = tx->plan().GetBody(id).value();
  got.title = Text{"Ішкі істер", "Внутренних дел", "Internal Affairs"};
  ASSERT_TRUE(tx->plan().UpdateBody(got));
  EXPECT_TRUE(find("qazaqstan").empty());
  EXPECT_EQ(find("internal"), just);
}

TEST_P(StoreContract, SearchDocumentsGoalsAndIndicators) {
  auto tx = Write();
  Seed s = SeedPlan(*tx);
  Document d = tx->plan().GetDocument(s.document).value();
  d.summary.kk = "Ұлттық даму жоспары";
  ASSERT_TRUE(tx->plan().UpdateDocument(d));
  DocumentFilter df;
  df.search = "ULTTYQ DAMU";
  EXPECT_EQ(tx->plan().ListDocuments(df, PageRequest{})->total, 1);
  df.search = "ndp-2029";
  EXPECT_EQ(tx->plan().ListDocuments(df, PageRequest{})->total, 1);
  GoalFilter gf;
  gf.search = "мақсат 1.1";
  EXPECT_EQ(tx->plan().ListGoals(gf, PageRequest{})->total, 1);
  gf.search = "ЦЕЛЬ";
  EXPECT_EQ(tx->plan().ListGoals(gf, PageRequest{})->total, 2);
  IndicatorFilter f;
  f.search = "korsetkis";
  EXPECT_EQ(tx->plan().ListIndicators(f, PageRequest{})->total, 1);
  f.search = "ИНДИКАТОР";
  EXPECT_EQ(tx->plan().ListIndicators(f, PageRequest{})->total, 1);
  f.search = "indicator ndp";
  EXPECT_EQ(tx->plan().ListIndicators(f, PageRequest{})->total, 1);
}

}  // namespace
}  // namespace jospar::testing
