// Open data over HTTP: the portal page lists every dataset with its files, sizes, SHA-256 and dictionary;
// the API catalogue describes the same; a download carries ETag (its SHA-256), Content-Length,
// Content-Disposition and bytes whose SHA-256 is the one shown; If-None-Match gives 304; files follow the
// store after the time to live and are identical while the store is unchanged.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "core/audit/decisions.hpp"
#include "core/ledger/hash.hpp"
#include "core/ledger/repository.hpp"
#include "core/opendata/registry.hpp"
#include "core/plan/repository.hpp"
#include "http/http_fixture.hpp"
#include "web/opendata/open_data.hpp"

namespace jospar::testing {
namespace {

class OpenDataHttp : public HttpTest {
 protected:
  json Catalogue() {
    auto r = Get("/api/v1/open-data");
    EXPECT_EQ(r.status, 200) << r.body;
    return Body(r);
  }
  // name -> sha256 from the catalogue.
  std::map<std::string, std::string> Hashes() {
    std::map<std::string, std::string> out;
    json c = Catalogue();
    for (const auto& d : c["datasets"])
      for (const auto& f : d["files"]) out[f["name"].get<std::string>()] = f["sha256"].get<std::string>();
    if (c.contains("open_sdg"))
      out[c["open_sdg"]["name"].get<std::string>()] = c["open_sdg"]["sha256"].get<std::string>();
    return out;
  }
};

TEST_F(OpenDataHttp, CatalogueDescribesEveryDatasetWithItsDictionaryInThreeLanguages) {
  json c = Catalogue();
  ASSERT_EQ(c["datasets"].size(), opendata::Datasets().size());
  for (const auto& d : c["datasets"]) {
    ASSERT_EQ(d["files"].size(), 2u) << d["id"];
    EXPECT_EQ(d["files"][0]["format"], "csv");
    EXPECT_EQ(d["files"][1]["format"], "json");
    EXPECT_EQ(d["files"][0]["sha256"].get<std::string>().size(), 64u);
    for (const char* l : {"kk", "ru", "en"}) {
      EXPECT_FALSE(d["title"][l].get<std::string>().empty());
      EXPECT_NE(d["title"][l].get<std::string>().front(), '[') << d["id"] << " " << l;
    }
    for (const auto& col : d["columns"])
      for (const char* l : {"kk", "ru", "en"})
        EXPECT_NE(col["meaning"][l].get<std::string>().front(), '[')
            << d["id"] << "." << col["name"] << " " << l;
  }
  EXPECT_EQ(c["open_sdg"]["name"], "open-sdg.tar");
}

TEST_F(OpenDataHttp, DownloadHasHeadersAndTheShownHash) {
  auto hashes = Hashes();
  ASSERT_TRUE(hashes.count("values.csv"));
  for (const std::string name : {"values.csv", "documents.json", "open-sdg.tar"}) {
    auto r = Get("/open-data/" + name);
    ASSERT_EQ(r.status, 200) << name;
    EXPECT_EQ(ledger::Sha256Hex(r.body), hashes[name]) << name;
    EXPECT_EQ(r.GetHeader("ETag"), "\"" + hashes[name] + "\"");
    EXPECT_EQ(r.GetHeader("Content-Disposition"), "attachment; filename=\"" + name + "\"");
    // The same file was written to the data folder.
    std::ifstream in(std::filesystem::path(dir_) / "open-data" / name, std::ios::binary);
    std::string on_disk((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_TRUE(on_disk == r.body) << name;
  }
  auto csv = Get("/open-data/values.csv");
  EXPECT_EQ(csv.GetHeader("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_EQ(csv.body.rfind("indicator_id,indicator_code,series,unit,period,disaggregation,value,demo\r\n", 0),
            0u);
  auto again = Get("/open-data/values.csv", {{"If-None-Match", "\"" + hashes["values.csv"] + "\""}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(Get("/open-data/no-such.csv").status, 404);
  EXPECT_EQ(Get("/open-data/..%2Fsession.key").status, 404);
}

TEST_F(OpenDataHttp, FilesFollowTheStoreAndStayIdenticalWhileItDoesNotChange) {
  auto before = Hashes();
  now_ += 3600;  // past the time to live: rebuilt from the same store
  EXPECT_EQ(Hashes(), before);
  {
    auto tx = Write();
    Observation o;
    o.indicator_id = seed_.indicator;
    o.period = "2031";
    o.value = 12.5;
    ASSERT_TRUE(tx->plan().UpsertObservation(o));
    ASSERT_TRUE(tx->Commit());
  }
  EXPECT_EQ(Hashes(), before);  // within the time to live: the files already built
  now_ += 3600;
  auto after = Hashes();
  EXPECT_NE(after["values.csv"], before["values.csv"]);
  EXPECT_NE(after["values.json"], before["values.json"]);
  EXPECT_EQ(after["bodies.csv"], before["bodies.csv"]);
  EXPECT_NE(Get("/open-data/values.csv").body.find("2031,,12.5,false\r\n"), std::string::npos);
}

// Every published file's SHA-256 is in the transparency log; a file is recorded again only when it changed.
TEST_F(OpenDataHttp, EveryPublishedFileIsRecordedInTheLogOnce) {
  auto entries = [&](const std::string& name) {
    auto tx = Write();
    auto list = tx->ledger().ListLogEntriesFor("dataset", name, 10);
    EXPECT_TRUE(list) << name;
    return list ? *list : std::vector<ledger::LogEntry>{};
  };
  auto before = Hashes();
  for (const auto& [name, sha] : before) {
    auto e = entries(name);
    ASSERT_EQ(e.size(), 1u) << name;
    EXPECT_EQ(e[0].decision.action, "publish");
    EXPECT_EQ(e[0].decision.actor_role, "system");
    EXPECT_EQ(ledger::ToHex(e[0].decision.content_hash), sha) << name;
  }
  {
    auto tx = Write();
    Observation o;
    o.indicator_id = seed_.indicator;
    o.period = "2032";
    o.value = 7;
    ASSERT_TRUE(tx->plan().UpsertObservation(o));
    ASSERT_TRUE(tx->Commit());
  }
  now_ += 3600;
  auto after = Hashes();
  auto values = entries("values.csv");
  ASSERT_EQ(values.size(), 2u);
  EXPECT_EQ(ledger::ToHex(values[0].decision.content_hash), after["values.csv"]);  // newest first
  EXPECT_EQ(entries("bodies.csv").size(), 1u);
  // A server started again over the same store records nothing new for unchanged files.
  auto fresh = std::make_shared<web::OpenDataExports>(
      *store_, "", [this] { return now_.load(); }, 0);
  fresh->SetRecorder(
      [this](const std::vector<formats::ExportFile>& changed, const std::string& time) -> Status {
        std::vector<usecases::PublishedFile> files;
        for (const auto& f : changed) files.push_back({f.name, f.sha256});
        auto r = usecases::RecordPublishedFiles(*store_, files, time);
        if (!r) return Fail(r.error());
        EXPECT_TRUE(r->empty());
        return {};
      });
  ASSERT_TRUE(fresh->Current());
  EXPECT_EQ(entries("values.csv").size(), 2u);
}

// The progress dataset has one row per indicator with the status the dashboard's API shows.
TEST_F(OpenDataHttp, ProgressStatusesAreADatasetThatAgreesWithTheApi) {
  auto file = Get("/open-data/progress.json");
  ASSERT_EQ(file.status, 200) << file.body;
  std::map<std::int64_t, std::string> exported;
  std::istringstream lines(file.body);
  for (std::string line; std::getline(lines, line);) {
    line.erase(0, line.find_first_not_of(" \t"));
    if (line.rfind("{\"indicator_id\"", 0) != 0) continue;
    if (!line.empty() && line.back() == ',') line.pop_back();
    json rec = json::parse(line);
    exported[rec["indicator_id"].get<std::int64_t>()] = rec["status"].get<std::string>();
  }
  auto api = Get("/api/v1/progress/indicators?limit=500");
  ASSERT_EQ(api.status, 200);
  const json listed = Body(api);
  ASSERT_GE(listed["items"].size(), 2u);
  for (const auto& it : listed["items"])
    EXPECT_EQ(exported[it["id"].get<std::int64_t>()], it["status"].get<std::string>()) << it.dump();
  auto csv = Get("/open-data/progress.csv");
  EXPECT_EQ(csv.body.rfind("indicator_id,indicator_code,direction,status,no_data_reason,", 0), 0u);
}

TEST_F(OpenDataHttp, BackgroundRefreshServesThePreviousFilesWhileItBuilds) {
  web::OpenDataExports exports(
      *store_, "", [this] { return now_.load(); }, 60, true);
  auto first = exports.Current();
  ASSERT_TRUE(first) << first.error().detail;
  const std::string before = (*first)->Find("values.csv")->sha256;
  {
    auto tx = Write();
    Observation o;
    o.indicator_id = seed_.indicator;
    o.period = "2032";
    o.value = 7;
    ASSERT_TRUE(tx->plan().UpsertObservation(o));
    ASSERT_TRUE(tx->Commit());
  }
  now_ += 120;
  auto stale = exports.Current();  // returns at once with the files it has, and starts a rebuild
  ASSERT_TRUE(stale);
  EXPECT_EQ(stale->get(), first->get());
  std::string after = before;
  for (int i = 0; i < 300 && after == before; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    auto now = exports.Current();
    ASSERT_TRUE(now);
    after = (*now)->Find("values.csv")->sha256;
  }
  EXPECT_NE(after, before) << "the background rebuild did not finish within 30 s";
}

TEST_F(OpenDataHttp, PortalPageListsDatasetsDownloadsHashesAndDictionary) {
  auto hashes = Hashes();
  for (const char* lang : {"kk", "ru", "en"}) {
    auto r = Get(std::string("/") + lang + "/open-data");
    ASSERT_EQ(r.status, 200) << lang;
    for (const auto& [name, sha] : hashes) {
      EXPECT_NE(r.body.find("href=\"/open-data/" + name + "\""), std::string::npos) << name;
      EXPECT_NE(r.body.find(sha), std::string::npos) << name;
    }
    for (const auto& d : opendata::Datasets()) {
      EXPECT_NE(r.body.find("id=\"" + d.id + "\""), std::string::npos) << d.id;
      for (const auto& c : d.columns)
        EXPECT_NE(r.body.find("<code>" + c.name + "</code>"), std::string::npos);
    }
    EXPECT_NE(r.body.find("<details class=\"dictionary\">"), std::string::npos);
    EXPECT_EQ(r.body.find("[opendata."), std::string::npos) << "an untranslated string";
  }
  EXPECT_NE(Get("/en/open-data").body.find("Planning documents"), std::string::npos);
  EXPECT_NE(Get("/ru/open-data").body.find("Документы планирования"), std::string::npos);
  EXPECT_NE(Get("/kk/open-data").body.find("Жоспарлау құжаттары"), std::string::npos);
  // Every page links to it.
  EXPECT_NE(Get("/en/").body.find("href=\"/en/open-data\""), std::string::npos);
}

}  // namespace
}  // namespace jospar::testing
