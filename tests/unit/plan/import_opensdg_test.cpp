// The Open SDG import on an SQLite store with the real Kazakhstan data: everything arrives once, a second
// import changes nothing, a changed value is updated with its history, a bad input writes nothing; and the
// demo plan loads idempotently with links to the imported SDG targets.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "core/audit/history.hpp"
#include "core/plan/repository.hpp"
#include "core/plan/usecases/demo.hpp"
#include "core/plan/usecases/import_opensdg.hpp"
#include "formats/demo_plan.hpp"
#include "formats/opensdg.hpp"
#include "store/open.hpp"
#include "unit/plan/import_fixture.hpp"

namespace jospar {
namespace {

namespace fs = std::filesystem;
using testing::kOpenSdgDir;
using testing::TempDir;

constexpr const char* kNow = "2026-11-23T08:00:00Z";

const OpenSdgDataset& Dataset() {
  static const OpenSdgDataset ds = [] {
    auto r = formats::ReadOpenSdg(kOpenSdgDir);
    if (!r) throw std::runtime_error(r.error().detail);
    return std::move(*r);
  }();
  return ds;
}

std::unique_ptr<Store> Open(const fs::path& db) {
  auto s = store::OpenStore("sqlite:" + db.string());
  if (!s) throw std::runtime_error(s.error().detail);
  return std::move(*s);
}

std::unique_ptr<Tx> Read(Store& s) {
  auto tx = s.Begin(TxMode::kRead);
  if (!tx) throw std::runtime_error(tx.error().detail);
  return std::move(*tx);
}

// The real data imported once into a database file; each test works on its own copy.
class OpenSdgImport : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    template_dir_ = new TempDir();
    auto store = Open(TemplateDb());
    first_ = new usecases::ImportReport();
    auto report = usecases::ImportOpenSdg(*store, Dataset(), kNow);
    if (!report) throw std::runtime_error(report.error().detail);
    *first_ = *report;
  }
  static void TearDownTestSuite() {
    delete first_;
    delete template_dir_;
  }
  static fs::path TemplateDb() { return template_dir_->path() / "template.db"; }

  void SetUp() override {
    fs::copy_file(TemplateDb(), dir_.path() / "test.db");
    store_ = Open(dir_.path() / "test.db");
  }

  static std::vector<HistoryEntry> History(Store& s, ObjectRef ref) {
    auto h = Read(s)->audit().ListHistory(ref, 100);
    if (!h) throw std::runtime_error(h.error().detail);
    return *h;
  }

  static inline TempDir* template_dir_ = nullptr;
  static inline usecases::ImportReport* first_ = nullptr;
  TempDir dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(OpenSdgImport, FirstImportBringsTheWholeFramework) {
  const auto& r = *first_;
  EXPECT_EQ(r.goals, (usecases::ImportCounts{17, 0, 0}));
  EXPECT_EQ(r.targets, (usecases::ImportCounts{169, 0, 0}));
  EXPECT_EQ(r.indicators, (usecases::ImportCounts{277, 0, 0}));
  EXPECT_EQ(r.observations.inserted, static_cast<std::int64_t>(Dataset().ObservationCount()));
  EXPECT_EQ(r.warnings, static_cast<std::int64_t>(Dataset().warnings.size()));
  EXPECT_GT(r.warnings, 0);  // the stray spreadsheet among others

  auto tx = Read(*store_);
  auto goals = tx->plan().ListSdgNodes(std::nullopt);
  ASSERT_TRUE(goals) << goals.error().detail;
  ASSERT_EQ(goals->size(), 17u);
  EXPECT_EQ(goals->front().code, "1");
  EXPECT_EQ(goals->back().code, "17");
  std::size_t targets = 0;
  for (const auto& g : *goals) {
    auto children = tx->plan().ListSdgNodes(g.id);
    ASSERT_TRUE(children);
    targets += children->size();
  }
  EXPECT_EQ(targets, 169u);
  auto count = tx->plan().CountObservations();
  ASSERT_TRUE(count);
  EXPECT_EQ(*count, static_cast<std::int64_t>(Dataset().ObservationCount()));

  auto ind = tx->plan().GetIndicatorByCode("1.1.1");
  ASSERT_TRUE(ind) << ind.error().detail;
  EXPECT_FALSE(ind->title.kk.empty());
  EXPECT_FALSE(ind->title.ru.empty());
  EXPECT_FALSE(ind->title.en.empty());
  auto target = tx->plan().GetSdgNodeByCode("1.1");
  ASSERT_TRUE(target);
  EXPECT_EQ(ind->sdg_target_id, target->id);
  auto obs = tx->plan().ListObservations(ind->id);
  ASSERT_TRUE(obs);
  EXPECT_TRUE(std::any_of(obs->begin(), obs->end(), [](const Observation& o) {
    return o.period == "2011" && o.series == "_L_KZ_010101_1A" && o.disaggregation == "SEX=M" &&
           o.value == 0.1;
  }));
  auto names = tx->plan().ListCodeNames("SEX");
  ASSERT_TRUE(names);
  EXPECT_TRUE(std::any_of(names->begin(), names->end(),
                          [](const CodeName& c) { return c.code == "F" && c.title.kk == "әйелдер"; }));

  auto history = History(*store_, {ObjectKind::kIndicator, ind->id});
  ASSERT_EQ(history.size(), 2u);  // "create" and the "import" of its observations
  for (const auto& h : history) EXPECT_EQ(h.actor, "import");
}

TEST_F(OpenSdgImport, SecondImportChangesNothing) {
  auto ind = Read(*store_)->plan().GetIndicatorByCode("1.2.1");
  ASSERT_TRUE(ind);
  auto before = History(*store_, {ObjectKind::kIndicator, ind->id});
  auto r = usecases::ImportOpenSdg(*store_, Dataset(), "2026-11-24T08:00:00Z");
  ASSERT_TRUE(r) << r.error().detail;
  EXPECT_EQ(r->Changes(), 0);
  EXPECT_EQ(r->history_entries, 0);
  EXPECT_EQ(r->observations.unchanged, static_cast<std::int64_t>(Dataset().ObservationCount()));
  EXPECT_EQ(r->indicators.unchanged, 277);
  EXPECT_EQ(History(*store_, {ObjectKind::kIndicator, ind->id}).size(), before.size());
}

TEST_F(OpenSdgImport, ChangedValueInTheFilesIsUpdatedWithHistory) {
  TempDir copy;
  testing::CopyTreeWritable(kOpenSdgDir, copy.path());
  auto csv = copy.path() / "data/indicator_3-3-1.csv";
  std::string text = testing::ReadWholeFile(csv);
  const std::string old_row = "2015,PER_1000_UNINFECTED_POP,0.14";
  ASSERT_NE(text.find(old_row), std::string::npos);
  text.replace(text.find(old_row), old_row.size(), "2015,PER_1000_UNINFECTED_POP,0.15");
  testing::WriteFile(csv, text);
  // And a changed title.
  auto meta = copy.path() / "translations/en/global_goals.yml";
  std::string goals = testing::ReadWholeFile(meta);
  goals.replace(goals.find("1-title: "), 9, "1-title: Changed, ");
  testing::WriteFile(meta, goals);

  auto ds = formats::ReadOpenSdg(copy.str());
  ASSERT_TRUE(ds) << ds.error().detail;
  auto r = usecases::ImportOpenSdg(*store_, *ds, "2026-11-24T08:00:00Z");
  ASSERT_TRUE(r) << r.error().detail;
  EXPECT_EQ(r->observations.updated, 1);
  EXPECT_EQ(r->observations.inserted, 0);
  EXPECT_EQ(r->goals.updated, 1);
  EXPECT_EQ(r->Changes(), 2);

  auto tx = Read(*store_);
  auto ind = tx->plan().GetIndicatorByCode("3.3.1");
  ASSERT_TRUE(ind);
  auto history = History(*store_, {ObjectKind::kIndicator, ind->id});
  ASSERT_FALSE(history.empty());
  const auto& newest = history.front();
  EXPECT_EQ(newest.actor, "import");
  EXPECT_EQ(newest.at, "2026-11-24T08:00:00Z");
  ASSERT_EQ(newest.changes.size(), 1u);
  EXPECT_EQ(newest.changes[0].field, "value[2015||PER_1000_UNINFECTED_POP|]");
  EXPECT_EQ(newest.changes[0].before, "0.14");
  EXPECT_EQ(newest.changes[0].after, "0.15");
  auto goal = tx->plan().GetSdgNodeByCode("1");
  ASSERT_TRUE(goal);
  auto goal_history = History(*store_, {ObjectKind::kSdgGoal, goal->id});
  ASSERT_FALSE(goal_history.empty());
  EXPECT_EQ(goal_history.front().action, "update");
  ASSERT_EQ(goal_history.front().changes.size(), 1u);
  EXPECT_EQ(goal_history.front().changes[0].field, "title.en");
}

TEST_F(OpenSdgImport, MalformedFilesAreLocatedAndNothingIsWritten) {
  TempDir copy;
  testing::CopyTreeWritable(kOpenSdgDir, copy.path());
  auto csv = copy.path() / "data/indicator_3-3-1.csv";
  std::string text = testing::ReadWholeFile(csv);
  text.replace(text.find("2015,PER_1000_UNINFECTED_POP,0.14"), 33, "2015,PER_1000_UNINFECTED_POP,n.a.");
  testing::WriteFile(csv, text);
  auto ds = formats::ReadOpenSdg(copy.str());
  ASSERT_FALSE(ds);
  EXPECT_EQ(ds.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(ds.error().detail, "data/indicator_3-3-1.csv:7:30: expected a number");

  testing::WriteFile(csv, testing::ReadWholeFile(fs::path(kOpenSdgDir) / "data/indicator_3-3-1.csv"));
  testing::WriteFile(copy.path() / "meta/3-3-1.yml", "indicator_number: 3.3.1\n  bad: indentation\n");
  auto yaml = formats::ReadOpenSdg(copy.str());
  ASSERT_FALSE(yaml);
  EXPECT_EQ(yaml.error().detail.rfind("meta/3-3-1.yml:2:", 0), 0u) << yaml.error().detail;
}

TEST_F(OpenSdgImport, AFailureHalfwayWritesNothing) {
  // A dataset whose last indicator carries an invalid observation: everything before it is rolled back.
  OpenSdgDataset ds = Dataset();
  ds.goals[0].title.en = "Changed before the failure";
  ds.indicators.front().observations.front().value += 1;
  ds.indicators.back().observations.push_back(Observation{0, "", "", "20x0", "", 1.0, false});
  auto count_before = Read(*store_)->plan().CountObservations();
  ASSERT_TRUE(count_before);
  auto r = usecases::ImportOpenSdg(*store_, ds, kNow);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidInput);
  auto tx = Read(*store_);
  EXPECT_EQ(*tx->plan().CountObservations(), *count_before);
  auto goal = tx->plan().GetSdgNodeByCode("1");
  ASSERT_TRUE(goal);
  EXPECT_EQ(goal->title.en, Dataset().goals[0].title.en);
  auto obs =
      tx->plan().ListObservations(tx->plan().GetIndicatorByCode(Dataset().indicators.front().code)->id);
  ASSERT_TRUE(obs);
  const auto& first = Dataset().indicators.front().observations.front();
  EXPECT_TRUE(std::any_of(obs->begin(), obs->end(), [&](const Observation& o) {
    return o.period == first.period && o.series == first.series && o.unit == first.unit &&
           o.disaggregation == first.disaggregation && o.value == first.value;
  }));
}

TEST_F(OpenSdgImport, ProgressReachesTheTotal) {
  std::int64_t last_done = -1, last_total = 0, calls = 0;
  bool monotonic = true;
  auto r = usecases::ImportOpenSdg(*store_, Dataset(), kNow, [&](std::int64_t done, std::int64_t total) {
    monotonic = monotonic && done > last_done;
    last_done = done;
    last_total = total;
    ++calls;
  });
  ASSERT_TRUE(r);
  EXPECT_TRUE(monotonic);
  EXPECT_EQ(last_done, last_total);
  EXPECT_GT(calls, 400);
}

// ---- Demo plan ------------------------------------------------------------------------------------------

const PlanSeed& Seed() {
  static const PlanSeed seed = [] {
    auto r = formats::ReadPlanSeed(std::string(JOSPAR_SOURCE_DIR) + "/data/demo/plan.yml");
    if (!r) throw std::runtime_error(r.error().detail);
    return std::move(*r);
  }();
  return seed;
}

TEST_F(OpenSdgImport, DemoLoadIsIdempotentAndLinksToSdgTargets) {
  auto first = usecases::LoadPlanSeed(*store_, Seed(), kNow);
  ASSERT_TRUE(first) << first.error().detail;
  EXPECT_EQ(first->documents.inserted, static_cast<std::int64_t>(Seed().documents.size()));
  EXPECT_EQ(first->bodies.inserted, static_cast<std::int64_t>(Seed().bodies.size()));
  EXPECT_GT(first->links.inserted, 50);
  EXPECT_TRUE(first->warnings.empty()) << first->warnings.front();

  auto second = usecases::LoadPlanSeed(*store_, Seed(), "2026-11-24T08:00:00Z");
  ASSERT_TRUE(second) << second.error().detail;
  EXPECT_EQ(second->Changes(), 0);
  EXPECT_EQ(second->history_entries, 0);
  EXPECT_EQ(second->links.unchanged, first->links.inserted);

  auto tx = Read(*store_);
  auto target = tx->plan().GetSdgNodeByCode("1.2");
  ASSERT_TRUE(target);
  auto to_target = tx->plan().ListLinksTo({ObjectKind::kSdgTarget, target->id});
  ASSERT_TRUE(to_target);
  EXPECT_GE(to_target->size(), 2u);  // NDP-2029 task 1.1 and its indicator
  auto national = tx->plan().GetIndicatorByCode("1.2.1");
  ASSERT_TRUE(national);
  auto to_national = tx->plan().ListLinksTo({ObjectKind::kIndicator, national->id});
  ASSERT_TRUE(to_national);
  ASSERT_EQ(to_national->size(), 1u);
  auto plan_ind = tx->plan().GetIndicatorByCode("NDP2029-1.1.1");
  ASSERT_TRUE(plan_ind);
  EXPECT_EQ(to_national->front().from, (ObjectRef{ObjectKind::kIndicator, plan_ind->id}));
  EXPECT_TRUE(plan_ind->demo);
  ASSERT_TRUE(plan_ind->responsible_body_id);
  EXPECT_EQ(tx->plan().GetBody(*plan_ind->responsible_body_id)->code, "MLSP");

  auto digital = tx->plan().GetDocumentByCode("SP-DIGITAL-KZ");
  auto tech = tx->plan().GetDocumentByCode("NP-TECH");
  ASSERT_TRUE(digital);
  ASSERT_TRUE(tech);
  EXPECT_EQ(digital->status, DocStatus::kMerged);
  EXPECT_EQ(digital->merged_into_id, tech->id);
  auto ndp = tx->plan().GetDocumentByCode("NDP-2029");
  auto kz2050 = tx->plan().GetDocumentByCode("KZ-2050");
  ASSERT_TRUE(ndp);
  ASSERT_TRUE(kz2050);
  EXPECT_EQ(ndp->parent_id, kz2050->id);
  EXPECT_EQ(kz2050->tier, Tier::kLongTermStrategy);
  auto history = History(*store_, {ObjectKind::kDocument, ndp->id});
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].actor, "demo");
  EXPECT_EQ(history[0].action, "create");
}

TEST(DemoLoad, WithoutSdgDataItLinksWhatExistsAndWarns) {
  TempDir dir;
  auto store = Open(dir.path() / "empty.db");
  auto r = usecases::LoadPlanSeed(*store, Seed(), kNow);
  ASSERT_TRUE(r) << r.error().detail;
  EXPECT_GT(r->links.inserted, 0);  // links between plan goals and plan indicators
  ASSERT_FALSE(r->warnings.empty());
  EXPECT_TRUE(std::any_of(r->warnings.begin(), r->warnings.end(), [](const std::string& w) {
    return w.find("link to sdg:1.2 skipped") != std::string::npos;
  }));
  auto count = Read(*store)->plan().CountObservations();
  ASSERT_TRUE(count);
  EXPECT_EQ(*count, 0);  // demo load imports nothing itself
  auto nodes = Read(*store)->plan().ListSdgNodes(std::nullopt);
  ASSERT_TRUE(nodes);
  EXPECT_TRUE(nodes->empty());
}

// Reads `dir` and imports it as `jospar import open-sdg DIR` does: the error of whichever step failed.
Result<usecases::ImportReport> ReadAndImport(Store& store, const fs::path& dir) {
  auto ds = formats::ReadOpenSdg(dir.string());
  if (!ds) return Fail(ds.error());
  return usecases::ImportOpenSdg(store, *ds, kNow);
}

void ExpectNothingWritten(Store& store) {
  auto tx = Read(store);
  auto nodes = tx->plan().ListSdgNodes(std::nullopt);
  ASSERT_TRUE(nodes);
  EXPECT_TRUE(nodes->empty());
  auto indicators = tx->plan().ListIndicators({}, {});
  ASSERT_TRUE(indicators);
  EXPECT_EQ(indicators->total, 0);
  auto code_names = tx->plan().ListCodeNames("");
  ASSERT_TRUE(code_names);
  EXPECT_TRUE(code_names->empty());
  auto observations = tx->plan().CountObservations();
  ASSERT_TRUE(observations);
  EXPECT_EQ(*observations, 0);
}

// A folder that is not an Open SDG data repository must not "succeed" with nothing imported: the user learns
// why, and the store is left as it was.
TEST(OpenSdgImportOfAForeignFolder, AnEmptyFolderFailsAndWritesNothing) {
  TempDir dir, db;
  auto store = Open(db.path() / "plan.db");
  auto r = ReadAndImport(*store, dir.path());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidInput);
  EXPECT_NE(r.error().detail.find("not an Open SDG repository"), std::string::npos) << r.error().detail;
  ExpectNothingWritten(*store);
}

TEST(OpenSdgImportOfAForeignFolder, AnUnrelatedCsvFailsWithNoIndicatorFound) {
  TempDir dir, db;
  testing::WriteFile(dir.path() / "data/population.csv", "region,year,people\nAstana,2024,1423726\n");
  fs::create_directories(dir.path() / "meta");
  fs::create_directories(dir.path() / "translations");
  auto store = Open(db.path() / "plan.db");
  auto r = ReadAndImport(*store, dir.path());
  ASSERT_FALSE(r) << "imported " << r->indicators.inserted << " indicators";
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidInput);
  EXPECT_NE(r.error().detail.find("no indicator found"), std::string::npos) << r.error().detail;
  EXPECT_NE(r.error().detail.find("data/indicator_"), std::string::npos) << r.error().detail;
  ExpectNothingWritten(*store);
}

TEST(OpenSdgImportOfAForeignFolder, GoalsWithoutAnyIndicatorFailAndWriteNothing) {
  // Shaped like an Open SDG repository, but its one indicator has no title in kk, ru or en (another
  // country's repository names it in its own language): goals alone are not an import.
  TempDir dir, db;
  testing::WriteFile(dir.path() / "translations/en/global_goals.yml", "1-title: No poverty\n");
  testing::WriteFile(dir.path() / "meta/1-1-1.yml", "indicator_number: 1.1.1\nreporting_status: complete\n");
  testing::WriteFile(dir.path() / "data/indicator_1-1-1.csv", "Year,Value\n2015,2.7\n");
  auto store = Open(db.path() / "plan.db");
  auto r = ReadAndImport(*store, dir.path());
  ASSERT_FALSE(r) << "imported " << r->goals.inserted << " goals and " << r->indicators.inserted
                  << " indicators";
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidInput);
  EXPECT_NE(r.error().detail.find("no indicator found"), std::string::npos) << r.error().detail;
  ExpectNothingWritten(*store);
}

}  // namespace
}  // namespace jospar
