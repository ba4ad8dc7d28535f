// The legacy programme upload over HTTP: the portal form (multipart with the session's CSRF token; planners
// and admins only; dry run, then import, then a re-import that changes nothing), the JSON API with located
// problems and the 50 MiB upload limit, and the template downloads.
#include <gmock/gmock.h>

#include "core/audit/history.hpp"
#include "core/plan/repository.hpp"
#include "http/http_fixture.hpp"
#include "web/auth.hpp"

namespace jospar::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kBoundary = "----jospar-test-boundary";

const char* kDocumentsCsv =
    "code,tier,type,title_en,title_ru,owner_body,start_year,end_year,status\n"
    "LEG-HTTP,3,state_programme,Legacy programme,Прежняя программа,BODY-A,2010,2014,expired\n";
const char* kGoalsCsv = "document,code,title_en\nLEG-HTTP,1,Legacy goal\n";
const char* kIndicatorsCsv = "code,document,goal,title_en,unit_en\nLEG-HTTP-IND,LEG-HTTP,1,Legacy output,%\n";
const char* kValuesCsv = "indicator,period,value\nLEG-HTTP-IND,2012,4.5\nLEG-HTTP-IND,2013,5\n";

struct Part {
  std::string name;
  std::string filename;  // empty: a text field
  std::string body;
};

std::string Multipart(const std::vector<Part>& parts) {
  std::string b;
  for (const auto& p : parts) {
    b += std::string("--") + kBoundary + "\r\nContent-Disposition: form-data; name=\"" + p.name + "\"";
    if (!p.filename.empty()) b += "; filename=\"" + p.filename + "\"\r\nContent-Type: text/csv";
    b += "\r\n\r\n" + p.body + "\r\n";
  }
  return b + "--" + kBoundary + "--\r\n";
}

std::vector<Part> Files(std::string values = kValuesCsv) {
  return {{"files", "documents.csv", kDocumentsCsv},
          {"files", "goals.csv", kGoalsCsv},
          {"files", "indicators.csv", kIndicatorsCsv},
          {"files", "values.csv", std::move(values)}};
}

class LegacyUploadTest : public HttpTest {
 protected:
  web::Response PostForm(const std::string& cookie, const std::string& csrf, const std::string& mode,
                         std::vector<Part> parts = Files()) {
    if (!csrf.empty()) parts.insert(parts.begin(), {"csrf_token", "", csrf});
    parts.push_back({"mode", "", mode});
    return Do({"POST",
               "/en/staff/import",
               Multipart(parts),
               {{"Content-Type", std::string("multipart/form-data; boundary=") + kBoundary},
                {"Cookie", std::string(web::kSessionCookie) + "=" + cookie}}});
  }
  web::Response PostApi(const std::string& token, const std::string& query,
                        std::vector<Part> parts = Files()) {
    web::Headers h = {{"Content-Type", std::string("multipart/form-data; boundary=") + kBoundary}};
    if (!token.empty()) h.emplace_back("Authorization", "Bearer " + token);
    return Do({"POST", "/api/v1/legacy/import" + query, Multipart(parts), h});
  }
  bool HasDocument(const std::string& code) {
    auto tx = Read();
    return tx && tx->plan().GetDocumentByCode(code).has_value();
  }
};

TEST_F(LegacyUploadTest, APlannerChecksThenImportsThenReimportsWithNothingToChange) {
  std::string csrf;
  const std::string cookie = LoginCookie("planner", &csrf);
  auto form =
      Do({"GET", "/en/staff/import", "", {{"Cookie", std::string(web::kSessionCookie) + "=" + cookie}}});
  ASSERT_EQ(form.status, 200) << form.body;
  EXPECT_THAT(form.body, HasSubstr("enctype=\"multipart/form-data\""));
  EXPECT_THAT(form.body, HasSubstr("name=\"csrf_token\" value=\"" + csrf + "\""));
  EXPECT_THAT(form.body, HasSubstr("/en/staff/import/template.xlsx"));

  auto dry = PostForm(cookie, csrf, "check");
  ASSERT_EQ(dry.status, 200) << dry.body;
  EXPECT_THAT(dry.body, HasSubstr("Dry run: nothing was written"));
  EXPECT_THAT(dry.body, HasSubstr("LEG-HTTP"));
  EXPECT_THAT(dry.body, HasSubstr("New: 1, changed: 0, unchanged: 0"));
  EXPECT_FALSE(HasDocument("LEG-HTTP"));

  auto real = PostForm(cookie, csrf, "import");
  ASSERT_EQ(real.status, 200) << real.body;
  EXPECT_THAT(real.body, HasSubstr("Imported; every change is recorded in the history."));
  EXPECT_TRUE(HasDocument("LEG-HTTP"));
  auto tx = Read();
  auto doc = tx->plan().GetDocumentByCode("LEG-HTTP");
  ASSERT_TRUE(doc);
  EXPECT_EQ(doc->status, DocStatus::kExpired);
  auto history = tx->audit().ListHistory({ObjectKind::kDocument, doc->id}, 10);
  ASSERT_TRUE(history);
  ASSERT_FALSE(history->empty());
  EXPECT_EQ(history->back().actor, "planner");
  // The result links to the log entries of the import, from the document's creation on.
  ASSERT_TRUE(history->back().ledger_index);
  const std::string first = std::to_string(*history->back().ledger_index);
  EXPECT_THAT(real.body, HasSubstr("recorded in the transparency log, entries " + first + " to "));
  EXPECT_THAT(real.body,
              HasSubstr("<a href=\"/en/ledger/entries/" + first + "\">Log entry " + first + "</a>"));
  EXPECT_THAT(dry.body, Not(HasSubstr("/en/ledger/entries/")));
  tx.reset();

  auto again = PostForm(cookie, csrf, "import");
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_THAT(again.body, HasSubstr("Nothing to change"));
  EXPECT_THAT(again.body, Not(HasSubstr("/en/ledger/entries/")));

  // The same page in Kazakh and Russian.
  auto kk =
      Do({"GET", "/kk/staff/import", "", {{"Cookie", std::string(web::kSessionCookie) + "=" + cookie}}});
  EXPECT_EQ(kk.status, 200);
  EXPECT_THAT(kk.body, HasSubstr("Бұрынғы бағдарламаларды импорттау"));
  auto ru =
      Do({"GET", "/ru/staff/import", "", {{"Cookie", std::string(web::kSessionCookie) + "=" + cookie}}});
  EXPECT_THAT(ru.body, HasSubstr("Импорт прежних программ"));
}

TEST_F(LegacyUploadTest, TheFormNeedsTheCsrfTokenAndAPlannerOrAdmin) {
  std::string csrf;
  const std::string cookie = LoginCookie("planner", &csrf);
  const std::string before = Fingerprint();
  auto no_token = PostForm(cookie, "", "import");
  EXPECT_EQ(no_token.status, 403);
  auto wrong = PostForm(cookie, "not-the-token", "import");
  EXPECT_EQ(wrong.status, 403);

  std::string exec_csrf;
  const std::string exec_cookie = LoginCookie("exec_a", &exec_csrf);
  auto executor = PostForm(exec_cookie, exec_csrf, "import");
  EXPECT_EQ(executor.status, 403);
  auto executor_page =
      Do({"GET", "/en/staff/import", "", {{"Cookie", std::string(web::kSessionCookie) + "=" + exec_cookie}}});
  EXPECT_EQ(executor_page.status, 403);
  auto anonymous_page = Get("/en/staff/import");
  EXPECT_EQ(anonymous_page.status, 303);
  EXPECT_THAT(std::string(anonymous_page.GetHeader("Location")), HasSubstr("/en/login"));
  EXPECT_EQ(Fingerprint(), before);

  std::string admin_csrf;
  const std::string admin_cookie = LoginCookie("admin", &admin_csrf);
  EXPECT_EQ(PostForm(admin_cookie, admin_csrf, "import").status, 200);
  EXPECT_TRUE(HasDocument("LEG-HTTP"));
}

TEST_F(LegacyUploadTest, ProblemsAreShownWithTheirPlaceAndNothingIsWritten) {
  std::string csrf;
  const std::string cookie = LoginCookie("planner", &csrf);
  const std::string before = Fingerprint();
  auto r = PostForm(cookie, csrf, "import",
                    Files("indicator,period,value\nLEG-HTTP-IND,2012,four\nNOPE,2013,5\n"));
  EXPECT_EQ(r.status, 400);
  EXPECT_THAT(r.body, HasSubstr("The files have problems; nothing was written"));
  EXPECT_THAT(r.body,
              HasSubstr("<td>values.csv</td><td>values</td><td>2</td><td>value</td><td>Not a number</td>"));
  EXPECT_THAT(r.body, HasSubstr("<td>values.csv</td><td>values</td><td>3</td><td>indicator</td>"));
  EXPECT_EQ(Fingerprint(), before);

  auto empty = PostForm(cookie, csrf, "check", {});
  EXPECT_EQ(empty.status, 400);
  EXPECT_THAT(empty.body, HasSubstr("Choose at least one file"));
  EXPECT_THAT(empty.body, HasSubstr("aria-invalid=\"true\""));
}

TEST_F(LegacyUploadTest, TheApiImportsWithDryRunAndLocatesProblems) {
  auto dry = PostApi(seed_.planner_token, "?dry_run=true");
  ASSERT_EQ(dry.status, 200) << dry.body;
  auto j = Body(dry);
  EXPECT_EQ(j["dry_run"], true);
  EXPECT_EQ(j["written"], false);
  EXPECT_EQ(j["changes"], 5);
  EXPECT_EQ(j["counts"]["values"]["new"], 2);
  EXPECT_EQ(j["objects"][0]["what"], "document");
  EXPECT_EQ(j["objects"][0]["change"], "new");
  EXPECT_FALSE(HasDocument("LEG-HTTP"));

  auto real = PostApi(seed_.planner_token, "");
  ASSERT_EQ(real.status, 200) << real.body;
  EXPECT_EQ(Body(real)["written"], true);
  EXPECT_TRUE(HasDocument("LEG-HTTP"));

  auto changed =
      PostApi(seed_.planner_token, "?dry_run=1", Files("indicator,period,value\nLEG-HTTP-IND,2012,4.75\n"));
  ASSERT_EQ(changed.status, 200) << changed.body;
  auto c = Body(changed);
  EXPECT_EQ(c["changes"], 1);
  bool seen = false;
  for (const auto& o : c["objects"]) {
    if (o["key"] == "LEG-HTTP-IND 2012") {
      seen = true;
      EXPECT_EQ(o["change"], "changed");
      EXPECT_EQ(o["fields"][0]["before"], "4.5");
      EXPECT_EQ(o["fields"][0]["after"], "4.75");
    }
  }
  EXPECT_TRUE(seen) << changed.body;

  auto bad = PostApi(seed_.planner_token, "", Files("indicator,period,value\nLEG-HTTP-IND,2012-13,4\n"));
  ASSERT_EQ(bad.status, 400) << bad.body;
  auto e = Body(bad)["error"];
  EXPECT_EQ(e["code"], "invalid_input");
  ASSERT_FALSE(e["fields"].empty());
  EXPECT_EQ(e["fields"][0]["field"], "values.csv, sheet values, row 2, column period");

  EXPECT_EQ(PostApi(seed_.exec_a_token, "").status, 403);
  EXPECT_EQ(PostApi("", "").status, 401);
}

TEST_F(LegacyUploadTest, UploadsAboveTheLimitAreRefused) {
  config_.upload_body_limit = 4096;
  Rebuild();
  std::string big(5000, 'x');
  auto r = PostApi(seed_.planner_token, "", {{"files", "values.csv", "indicator,period,value\n" + big}});
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(Body(r)["error"]["code"], "payload_too_large");
}

TEST_F(LegacyUploadTest, TheTemplateIsOfferedAsXlsxAndCsv) {
  auto x = Get("/api/v1/legacy/template");
  ASSERT_EQ(x.status, 200);
  EXPECT_EQ(x.GetHeader("Content-Type"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(x.body.substr(0, 2), "PK");
  auto page_x = Get("/kk/staff/import/template.xlsx");
  ASSERT_EQ(page_x.status, 200);
  EXPECT_EQ(page_x.body, x.body);
  auto csv = Get("/api/v1/legacy/template?format=csv&sheet=values");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.body, "indicator,kind,period,value,disaggregation\r\n");
  auto page_csv = Get("/en/staff/import/template/documents.csv");
  ASSERT_EQ(page_csv.status, 200);
  EXPECT_THAT(page_csv.body, HasSubstr("code,tier,type,"));
  EXPECT_EQ(Get("/en/staff/import/template/nothing.csv").status, 404);
  EXPECT_EQ(Get("/api/v1/legacy/template?format=pdf").status, 400);
  auto instructions = Get("/ru/staff/import/template/instructions.csv");
  EXPECT_THAT(instructions.body, HasSubstr("Импорт записывает всё или ничего"));
  EXPECT_THAT(instructions.body, Not(HasSubstr("\n\n")));
}

}  // namespace
}  // namespace jospar::testing
