// Legacy programme import (formats::ReadLegacyFiles + usecases::ImportLegacy) on an in-memory SQLite store:
// a first import creates everything with history, a second changes nothing, a dry run shows old -> new and
// writes nothing, every problem is located (file, sheet, row, column, expected) and nothing is written when
// there is one, also when a use case refuses a row late in the import. XLSX and CSV give the same result.
#include <gtest/gtest.h>
#include <xlsxwriter.h>

#include <algorithm>

#include "core/audit/history.hpp"
#include "core/plan/repository.hpp"
#include "core/plan/usecases/import_legacy.hpp"
#include "formats/legacy.hpp"
#include "store/open.hpp"
#include "unit/plan/import_fixture.hpp"

namespace jospar {
namespace {

using usecases::LegacyChange;

const char* kDocuments =
    "code,tier,type,title_kk,title_ru,title_en,owner_body,parent,start_year,end_year,status,act_number,act_"
    "date\n"
    "LEG-ROOT,3,state_programme,Бағдарлама,Программа,Programme,MNE,,2011,2015,expired,958,2011-03-19\n"
    "LEG-SUB,4,body_plan,,,Sub plan,,LEG-ROOT,2012,2015,,,\n";
const char* kGoals =
    "document,code,parent,title_en,title_ru\n"
    "LEG-ROOT,1,,Grow,Рост\n"
    "LEG-ROOT,1.1,1,Grow faster,\n";
const char* kIndicators =
    "code,document,goal,title_en,unit_en,direction,baseline_year,baseline_value,target_year,target_value,"
    "responsible_body\n"
    "LEG-IND-1,LEG-ROOT,1.1,Output,%,increase,2010,1.5,2015,\"3,5\",MNE\n";
const char* kValues =
    "indicator,kind,period,value,disaggregation\n"
    "LEG-IND-1,actual,2011,1.7,\n"
    "LEG-IND-1,,2012,2.1,SEX=F\n"
    "LEG-IND-1,planned,2014,3,\n";

class LegacyImport : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = store::OpenStore("sqlite::memory:");
    ASSERT_TRUE(s) << s.error().detail;
    store_ = std::move(*s);
    auto tx = store_->Begin(TxMode::kWrite);
    ASSERT_TRUE(tx);
    StateBody b;
    b.code = "MNE";
    b.kind = BodyKind::kMinistry;
    b.title.en = "Ministry of National Economy";
    ASSERT_TRUE((*tx)->plan().InsertBody(b));
    ASSERT_TRUE((*tx)->Commit());
  }

  static std::vector<formats::LegacyFile> CsvFiles(std::string documents = kDocuments) {
    return {{"legacy-documents.csv", std::move(documents)},
            {"legacy-goals.csv", kGoals},
            {"legacy-indicators.csv", kIndicators},
            {"legacy-values.csv", kValues}};
  }

  Result<usecases::LegacyImportReport> Import(const std::vector<formats::LegacyFile>& files, bool dry_run,
                                              Role role = Role::kPlanner) {
    auto read = formats::ReadLegacyFiles(files);
    usecases::LegacyImportOptions options;
    options.dry_run = dry_run;
    options.read_problems = read.problems;
    usecases::Caller caller{{7, "planner1", role, std::nullopt}, "2026-11-23T12:00:00Z"};
    return usecases::ImportLegacy(*store_, caller, read.programme, options);
  }

  std::int64_t CountDocuments() {
    auto tx = store_->Begin(TxMode::kRead);
    auto page = (*tx)->plan().ListDocuments({}, {});
    return page ? page->total : -1;
  }

  std::unique_ptr<Store> store_;
};

const usecases::LegacyObjectChange* FindObject(const usecases::LegacyImportReport& r,
                                               const std::string& key) {
  for (const auto& o : r.objects)
    if (o.key == key) return &o;
  return nullptr;
}

std::string Problems(const usecases::LegacyImportReport& r) {
  std::string s;
  for (const auto& p : r.problems)
    s += DescribeLocation(p.at) + ": " + p.message_key + " (" + p.expected + ")\n";
  return s;
}

TEST_F(LegacyImport, FirstImportCreatesEverythingWithHistoryAndTheSecondChangesNothing) {
  auto first = Import(CsvFiles(), false);
  ASSERT_TRUE(first) << first.error().detail;
  ASSERT_TRUE(first->problems.empty()) << Problems(*first);
  EXPECT_TRUE(first->written);
  EXPECT_EQ(first->documents.inserted, 2);
  EXPECT_EQ(first->goals.inserted, 2);
  EXPECT_EQ(first->indicators.inserted, 1);
  EXPECT_EQ(first->values.inserted, 3);
  EXPECT_EQ(first->Changes(), 8);

  auto tx = store_->Begin(TxMode::kRead);
  auto root = (*tx)->plan().GetDocumentByCode("LEG-ROOT");
  ASSERT_TRUE(root);
  EXPECT_EQ(root->status, DocStatus::kExpired);  // draft -> approved -> in_force -> expired
  EXPECT_EQ(root->act.date, "2011-03-19");
  EXPECT_EQ(root->title.kk, "Бағдарлама");
  auto sub = (*tx)->plan().GetDocumentByCode("LEG-SUB");
  ASSERT_TRUE(sub);
  EXPECT_EQ(sub->parent_id, root->id);
  EXPECT_EQ(sub->status, DocStatus::kDraft);
  auto ind = (*tx)->plan().GetIndicatorByCode("LEG-IND-1");
  ASSERT_TRUE(ind);
  EXPECT_EQ(ind->target_value, 3.5);  // "3,5" read as a decimal comma
  ASSERT_EQ(ind->planned.size(), 1u);
  EXPECT_EQ(ind->planned[0], (YearValue{2014, 3}));
  auto obs = (*tx)->plan().ListObservations(ind->id);
  ASSERT_TRUE(obs);
  ASSERT_EQ(obs->size(), 2u);
  auto history = (*tx)->audit().ListHistory({ObjectKind::kDocument, root->id}, 10);
  ASSERT_TRUE(history);
  std::vector<std::string> actions;
  for (const auto& h : *history) {
    actions.push_back(h.action);
    EXPECT_EQ(h.actor, "planner1");
  }
  EXPECT_EQ(actions,
            (std::vector<std::string>{"status:expired", "status:in_force", "status:approved", "create"}));
  tx->reset();

  auto second = Import(CsvFiles(), false);
  ASSERT_TRUE(second) << second.error().detail;
  ASSERT_TRUE(second->problems.empty()) << Problems(*second);
  EXPECT_EQ(second->Changes(), 0);
  EXPECT_EQ(second->documents.unchanged, 2);
  EXPECT_EQ(second->values.unchanged, 3);
  auto tx2 = store_->Begin(TxMode::kRead);
  auto history2 = (*tx2)->audit().ListHistory({ObjectKind::kDocument, root->id}, 10);
  EXPECT_EQ(history2->size(), history->size());  // no history for what did not change
}

TEST_F(LegacyImport, DryRunShowsOldAndNewValuesAndWritesNothing) {
  ASSERT_TRUE(Import(CsvFiles(), false));
  std::string changed = kDocuments;
  changed.replace(changed.find("Sub plan"), 8, "Sub plan 2");
  auto files = CsvFiles(changed);
  files[3].bytes = std::string(kValues) + "LEG-IND-1,actual,2013,2.4,\n";
  files[3].bytes.replace(files[3].bytes.find("2011,1.7"), 8, "2011,1.8");

  auto dry = Import(files, true);
  ASSERT_TRUE(dry) << dry.error().detail;
  ASSERT_TRUE(dry->problems.empty()) << Problems(*dry);
  EXPECT_FALSE(dry->written);
  EXPECT_EQ(dry->documents.updated, 1);
  EXPECT_EQ(dry->documents.unchanged, 1);
  EXPECT_EQ(dry->values.inserted, 1);
  EXPECT_EQ(dry->values.updated, 1);
  const auto* sub = FindObject(*dry, "LEG-SUB");
  ASSERT_NE(sub, nullptr);
  EXPECT_EQ(sub->change, LegacyChange::kChanged);
  ASSERT_EQ(sub->fields.size(), 1u);
  EXPECT_EQ(sub->fields[0].field, "title.en");
  EXPECT_EQ(sub->fields[0].before, "Sub plan");
  EXPECT_EQ(sub->fields[0].after, "Sub plan 2");
  EXPECT_EQ(sub->at.sheet, "documents");
  EXPECT_EQ(sub->at.row, 3);
  const auto* v = FindObject(*dry, "LEG-IND-1 2011");
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->change, LegacyChange::kChanged);
  EXPECT_EQ(v->fields[0].before, "1.7");
  EXPECT_EQ(v->fields[0].after, "1.8");
  EXPECT_EQ(FindObject(*dry, "LEG-IND-1 2013")->change, LegacyChange::kNew);

  // Nothing was written: the real import still finds the same changes.
  auto tx = store_->Begin(TxMode::kRead);
  EXPECT_EQ((*tx)->plan().GetDocumentByCode("LEG-SUB")->title.en, "Sub plan");
  tx->reset();
  auto real = Import(files, false);
  ASSERT_TRUE(real);
  EXPECT_EQ(real->Changes(), dry->Changes());
  EXPECT_EQ(Import(files, false)->Changes(), 0);
}

TEST_F(LegacyImport, EveryProblemIsLocatedAndNothingIsWritten) {
  std::string docs =
      "code,tier,type,title_en,owner_body,parent,start_year,end_year,status\n"
      "LEG-A,3,state_programme,A,NOPE,,2011,twenty,\n"
      "LEG-B,9,state_programme,B,,LEG-MISSING,2011,2015,merged\n"
      "LEG-A,3,state_programme,A again,,,,,\n";
  auto files = CsvFiles(docs);
  files.push_back({"notes.csv", "a,b\n"});
  auto r = Import(files, false);
  ASSERT_TRUE(r) << r.error().detail;
  EXPECT_FALSE(r->written);
  EXPECT_TRUE(r->objects.empty());
  auto has = [&](const std::string& sheet, int row, const std::string& column, const std::string& key) {
    return std::any_of(r->problems.begin(), r->problems.end(), [&](const LegacyProblem& p) {
      return p.at.sheet == sheet && p.at.row == row && p.at.column == column && p.message_key == key;
    });
  };
  EXPECT_TRUE(has("documents", 2, "end_year", "error.legacy.year")) << Problems(*r);
  EXPECT_TRUE(has("documents", 2, "owner_body", "error.legacy.unknown_body")) << Problems(*r);
  EXPECT_TRUE(has("documents", 3, "tier", "error.legacy.choice")) << Problems(*r);
  EXPECT_TRUE(has("documents", 3, "status", "error.legacy.choice")) << Problems(*r);
  EXPECT_TRUE(has("documents", 3, "parent", "error.legacy.unknown_document")) << Problems(*r);
  EXPECT_TRUE(has("documents", 4, "code", "error.legacy.duplicate")) << Problems(*r);
  // The goals name LEG-ROOT, which is neither in this file nor in the database.
  EXPECT_TRUE(has("goals", 2, "document", "error.legacy.unknown_document")) << Problems(*r);
  EXPECT_TRUE(has("", 0, "", "error.legacy.file_name")) << Problems(*r);
  for (const auto& p : r->problems) {
    if (p.at.column == "end_year") {
      EXPECT_EQ(p.at.file, "legacy-documents.csv");
      EXPECT_EQ(p.expected, "a year, e.g. 2030");
      EXPECT_EQ(p.found, "twenty");
    }
  }
  EXPECT_EQ(CountDocuments(), 0);
}

TEST_F(LegacyImport, ARowRefusedByAUseCaseLateInTheImportLeavesNothingWritten) {
  ASSERT_TRUE(Import(CsvFiles(), false));
  // LEG-ROOT is expired now: its content changes only through an amendment. LEG-NEW comes first in the
  // file and would be created before the refusal.
  std::string docs = std::string("code,tier,type,title_en,start_year,end_year,status\n") +
                     "LEG-NEW,4,body_plan,New,2020,2022,\n" +
                     "LEG-ROOT,3,state_programme,Renamed,2011,2015,expired\n";
  auto r = Import({{"documents.csv", docs}}, false);
  ASSERT_TRUE(r) << r.error().detail;
  ASSERT_EQ(r->problems.size(), 1u) << Problems(*r);
  EXPECT_EQ(r->problems[0].message_key, "error.amendment_required");
  EXPECT_EQ(r->problems[0].at.row, 3);
  EXPECT_FALSE(r->written);
  auto tx = store_->Begin(TxMode::kRead);
  EXPECT_FALSE((*tx)->plan().GetDocumentByCode("LEG-NEW"));
  EXPECT_EQ((*tx)->plan().GetDocumentByCode("LEG-ROOT")->title.en, "Programme");

  // A status cannot go back.
  std::string back = "code,tier,type,title_en,status\nLEG-ROOT,3,state_programme,Programme,draft\n";
  auto r2 = Import({{"documents.csv", back}}, false);
  ASSERT_TRUE(r2);
  ASSERT_EQ(r2->problems.size(), 1u) << Problems(*r2);
  EXPECT_EQ(r2->problems[0].message_key, "error.legacy.status_path");
  EXPECT_EQ(r2->problems[0].at.column, "status");
}

TEST_F(LegacyImport, OnlyPlannersAndAdminsMayImport) {
  auto r = Import(CsvFiles(), false, Role::kExecutor);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kForbidden);
  auto anon = Import(CsvFiles(), true, Role::kAnonymous);
  ASSERT_FALSE(anon);
  EXPECT_EQ(anon.error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(CountDocuments(), 0);
}

TEST_F(LegacyImport, AnXlsxWorkbookImportsLikeTheCsvFiles) {
  jospar::testing::TempDir dir;
  const std::string path = (dir.path() / "programme.xlsx").string();
  lxw_workbook* wb = workbook_new(path.c_str());
  lxw_format* date = workbook_add_format(wb);
  format_set_num_format(date, "dd.mm.yyyy");
  // Each CSV text becomes a sheet; numbers become number cells, the act date a date cell.
  auto add_sheet = [&](const char* name, const std::string& csv) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, name);
    auto table = formats::LegacyTemplateCsv(name);  // the template's header is a valid header too
    (void)table;
    std::size_t row = 0, start = 0;
    while (start < csv.size()) {
      std::size_t end = csv.find('\n', start);
      std::string line = csv.substr(start, end - start);
      start = end + 1;
      std::size_t col = 0, pos = 0;
      while (pos <= line.size()) {
        std::string field;
        if (pos < line.size() && line[pos] == '"') {
          std::size_t close = line.find('"', pos + 1);
          field = line.substr(pos + 1, close - pos - 1);
          pos = close + 2;
        } else {
          std::size_t comma = line.find(',', pos);
          if (comma == std::string::npos) comma = line.size();
          field = line.substr(pos, comma - pos);
          pos = comma + 1;
        }
        auto r = static_cast<lxw_row_t>(row);
        auto c = static_cast<lxw_col_t>(col);
        if (field == "2011-03-19") {
          lxw_datetime dt = {2011, 3, 19, 0, 0, 0};
          worksheet_write_datetime(ws, r, c, &dt, date);
        } else if (!field.empty() && row > 0 && field.find_first_not_of("0123456789.") == std::string::npos &&
                   field.find('.') == field.rfind('.') && std::string(name) != "goals") {
          worksheet_write_number(ws, r, c, std::stod(field), nullptr);
        } else if (!field.empty()) {
          worksheet_write_string(ws, r, c, field.c_str(), nullptr);
        }
        ++col;
      }
      ++row;
    }
  };
  workbook_add_worksheet(wb, "instructions");
  add_sheet("documents", kDocuments);
  add_sheet("goals", kGoals);
  add_sheet("indicators", kIndicators);
  add_sheet("values", kValues);
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);

  std::vector<formats::LegacyFile> files = {{path, jospar::testing::ReadWholeFile(path)}};
  auto r = Import(files, false);
  ASSERT_TRUE(r) << r.error().detail;
  ASSERT_TRUE(r->problems.empty()) << Problems(*r);
  EXPECT_EQ(r->Changes(), 8);
  // The CSV files describe the same programme: nothing to change.
  auto csv = Import(CsvFiles(), false);
  ASSERT_TRUE(csv);
  ASSERT_TRUE(csv->problems.empty()) << Problems(*csv);
  EXPECT_EQ(csv->Changes(), 0);
  auto tx = store_->Begin(TxMode::kRead);
  EXPECT_EQ((*tx)->plan().GetDocumentByCode("LEG-ROOT")->act.date, "2011-03-19");
}

TEST_F(LegacyImport, TheEmptyTemplateReadsWithoutProblems) {
  auto bytes = formats::LegacyTemplateXlsxBytes();
  ASSERT_TRUE(bytes) << bytes.error().detail;
  auto read = formats::ReadLegacyFiles({{"template.xlsx", *bytes}});
  EXPECT_TRUE(read.problems.empty());
  EXPECT_EQ(read.programme.Rows(), 0u);
  for (const char* sheet : {"documents", "goals", "indicators", "values"}) {
    auto csv = formats::ReadLegacyFiles({{std::string(sheet) + ".csv", formats::LegacyTemplateCsv(sheet)}});
    EXPECT_TRUE(csv.problems.empty()) << sheet;
  }
  EXPECT_EQ(formats::LegacySheetOfCsvName("dir/Plan_Values.CSV"), "values");
  EXPECT_EQ(formats::LegacySheetOfCsvName("myvalues.csv"), "");
  EXPECT_EQ(formats::LegacyInstructions("kk").size(), formats::LegacyInstructions("en").size());
}

}  // namespace
}  // namespace jospar
