#include "http/http_fixture.hpp"
#include "core/accounts/passwords.hpp"
#include "core/accounts/persons.hpp"
#include "core/ledger/hash.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <spdlog/spdlog.h>

#include "core/accounts/repository.hpp"
#include "core/accounts/totp.hpp"
#include "core/audit/history.hpp"
#include "core/base/clock.hpp"
#include "core/plan/repository.hpp"
#include "store/open.hpp"
#include "web/api/json_io.hpp"
#include "web/auth.hpp"
#include "web/dispatch.hpp"
#include "web/i18n.hpp"

namespace jospar::testing {

namespace {

Text En(std::string s) {
  Text t;
  t.en = std::move(s);
  return t;
}

}  // namespace

void HttpTest::SetUp() {
  spdlog::set_level(spdlog::level::warn);
  char tmpl[] = "/tmp/jospar-http-test.XXXXXX";
  ASSERT_NE(mkdtemp(tmpl), nullptr);
  dir_ = tmpl;
  url_ = "sqlite:" + dir_ + "/test.db";
  store::StoreOptions options;
  options.pool_size = 4;
  options.busy_timeout_ms = 2000;
  auto s = store::OpenStore(url_, options);
  ASSERT_TRUE(s) << s.error().detail;
  store_ = std::move(*s);

  std::filesystem::create_directories(dir_ + "/static/css");
  std::ofstream(dir_ + "/static/css/app.css") << "body { color: #111; }\n";
  std::ofstream(dir_ + "/static/app.js") << "console.log('x');\n";
  std::ofstream(dir_ + "/static/logo.svg") << "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n";
  std::ofstream(dir_ + "/static/.hidden") << "secret\n";
  std::ofstream(dir_ + "/outside.txt") << "outside the static folder\n";

  config_ = web::WebConfig{};
  config_.static_dir = dir_ + "/static";
  config_.data_dir = dir_;
  config_.locales_dir = std::string(JOSPAR_SOURCE_DIR) + "/locales";
  config_.templates_dir = std::string(JOSPAR_SOURCE_DIR) + "/templates";
  config_.pwhash_opslimit = 1;     // crypto_pwhash_OPSLIMIT_MIN: tests need speed, not strength
  config_.pwhash_memlimit = 8192;  // crypto_pwhash_MEMLIMIT_MIN
  config_.log_requests = false;
  Build();
  if (::testing::Test::HasFatalFailure()) return;

  // Seed: bodies, users and tokens, a small plan.
  web::Auth& auth = *ctx_->auth;
  auto tx = Write();
  ASSERT_TRUE(tx);
  auto body = [&](const char* code) {
    StateBody b;
    b.code = code;
    b.kind = BodyKind::kMinistry;
    b.title = En(std::string("Body ") + code);
    auto id = tx->plan().InsertBody(b);
    EXPECT_TRUE(id) << id.error().detail;
    return id ? *id : 0;
  };
  seed_.body_a = body("BODY-A");
  seed_.body_b = body("BODY-B");
  seed_.body_c = body("BODY-C");
  auto hash = auth.HashPassword(kPassword);
  ASSERT_TRUE(hash);
  auto user = [&](const char* name, Role role, std::optional<Id> body_id) {
    User u;
    u.name = name;
    u.role = role;
    u.body_id = body_id;
    u.password_hash = *hash;
    auto id = tx->accounts().InsertUser(u);
    EXPECT_TRUE(id) << id.error().detail;
    return id ? *id : 0;
  };
  seed_.admin = user("admin", Role::kAdmin, std::nullopt);
  seed_.planner = user("planner", Role::kPlanner, std::nullopt);
  seed_.exec_a = user("exec_a", Role::kExecutor, seed_.body_a);
  seed_.exec_b = user("exec_b", Role::kExecutor, seed_.body_b);

  Document d;
  d.code = "DRAFT-1";
  d.type = "state_programme";
  d.tier = Tier::kBodyAndRegionPlans;
  d.title = En("Draft programme");
  d.owner_body_id = seed_.body_a;
  auto id = tx->plan().InsertDocument(d);
  ASSERT_TRUE(id) << id.error().detail;
  seed_.draft = *id;
  d.code = "APPROVED-1";
  d.title = En("Approved programme");
  id = tx->plan().InsertDocument(d);
  ASSERT_TRUE(id);
  seed_.approved = *id;
  auto approved = tx->plan().GetDocument(seed_.approved);
  ASSERT_TRUE(approved);
  approved->status = DocStatus::kApproved;
  ASSERT_TRUE(tx->plan().UpdateDocument(*approved));
  seed_.approved_version = approved->version + 1;
  d.code = "EMPTY-1";
  d.title = En("Empty draft");
  id = tx->plan().InsertDocument(d);
  ASSERT_TRUE(id);
  seed_.empty_draft = *id;

  Goal g;
  g.document_id = seed_.draft;
  g.code = "1";
  g.title = En("Goal one");
  id = tx->plan().InsertGoal(g);
  ASSERT_TRUE(id);
  seed_.goal = *id;
  g.code = "1.1";
  g.parent_id = seed_.goal;
  g.title = En("Task one");
  id = tx->plan().InsertGoal(g);
  ASSERT_TRUE(id);
  seed_.task = *id;
  g.code = "2";
  g.parent_id.reset();
  g.title = En("Empty goal");
  id = tx->plan().InsertGoal(g);
  ASSERT_TRUE(id);
  seed_.empty_goal = *id;

  Indicator ind;
  ind.code = "IND-1";
  ind.goal_id = seed_.goal;
  ind.title = En("Indicator one");
  ind.responsible_body_id = seed_.body_a;
  id = tx->plan().InsertIndicator(ind);
  ASSERT_TRUE(id);
  seed_.indicator = *id;
  ind.code = "IND-2";
  ind.title = En("Indicator two");
  id = tx->plan().InsertIndicator(ind);
  ASSERT_TRUE(id);
  seed_.spare_indicator = *id;

  Measure m;
  m.goal_id = seed_.goal;
  m.title = En("Measure one");
  m.deadline = "2027-12-31";
  id = tx->plan().InsertMeasure(m);
  ASSERT_TRUE(id);
  seed_.measure = *id;

  SdgNode sg;
  sg.code = "1";
  sg.kind = SdgKind::kGoal;
  sg.title = En("No poverty");
  id = tx->plan().UpsertSdgNode(sg);
  ASSERT_TRUE(id);
  seed_.sdg_goal = *id;
  SdgNode st;
  st.code = "1.1";
  st.kind = SdgKind::kTarget;
  st.parent_id = seed_.sdg_goal;
  st.title = En("Eradicate extreme poverty");
  id = tx->plan().UpsertSdgNode(st);
  ASSERT_TRUE(id);
  seed_.sdg_target = *id;

  Link l;
  l.from = {ObjectKind::kGoal, seed_.goal};
  l.to = {ObjectKind::kSdgTarget, seed_.sdg_target};
  id = tx->plan().InsertLink(l);
  ASSERT_TRUE(id);
  seed_.link = *id;
  ASSERT_TRUE(tx->Commit());

  auto token = [&](Id user_id) {
    auto t = auth.CreateToken(*store_, user_id, "test", now_.load());
    EXPECT_TRUE(t);
    return t ? t->token : std::string();
  };
  seed_.admin_token = token(seed_.admin);
  seed_.planner_token = token(seed_.planner);
  seed_.exec_a_token = token(seed_.exec_a);
  seed_.exec_b_token = token(seed_.exec_b);
  auto spare = auth.CreateToken(*store_, seed_.planner, "spare", now_.load());
  ASSERT_TRUE(spare);
  seed_.spare_token = spare->id;
  seed_.spare_token_value = spare->token;

  auto enrol = Write();
  ASSERT_TRUE(enrol);
  ASSERT_TRUE(enrol->accounts().PutSecondFactor(
      {seed_.admin, auth.Box().seal(kAdminTotpSecret), IsoTime(now_.load()), 0}));
  ASSERT_TRUE(enrol->Commit());
}

std::string HttpTest::AdminCode() {
  auto tx = Write();
  auto f = tx->accounts().GetSecondFactor(seed_.admin);
  if (f) {
    f->last_step = 0;
    EXPECT_TRUE(tx->accounts().PutSecondFactor(*f));
    EXPECT_TRUE(tx->Commit());
  }
  return accounts::TotpCode(kAdminTotpSecret, now_.load());
}

void HttpTest::Build() {
  router_ = std::make_unique<web::Router>();
  ctx_ = std::make_unique<web::AppContext>(web::AppContext{*store_, config_});
  auto loc = web::Locales::Load(config_.locales_dir);
  ASSERT_TRUE(loc) << loc.error().detail;
  ctx_->locales = std::make_shared<const web::Locales>(std::move(*loc));
  ctx_->clock = [this] { return now_.load(); };
  // The breached-password list the product ships (data/passwords), as `jospar serve` loads it.
  {
    std::ifstream in(std::string(JOSPAR_SOURCE_DATA_DIR) + "/passwords/common-passwords.txt",
                     std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    ctx_->breached_passwords =
        std::make_shared<const accounts::BreachedPasswords>(accounts::BreachedPasswords::Parse(text.str()));
  }
  web::Wire(*ctx_, *router_);
}

void HttpTest::TearDown() {
  router_.reset();
  ctx_.reset();
  store_.reset();
  if (!dir_.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
}

web::Response HttpTest::Do(Call call) {
  web::Request req;
  req.method = call.method;
  const auto q = call.target.find('?');
  req.path = web::UrlDecode(call.target.substr(0, q), false);
  if (q != std::string::npos) {
    req.query_string = call.target.substr(q + 1);
    req.query = web::ParseQuery(req.query_string);
  }
  req.headers = std::move(call.headers);
  req.body = std::move(call.body);
  req.remote_addr = call.remote;
  return web::Dispatch(*ctx_, *router_, req);
}

web::Response HttpTest::Api(const std::string& method, const std::string& target, const std::string& body,
                            const std::string& token, web::Headers extra) {
  web::Headers h = std::move(extra);
  if (!body.empty()) h.emplace_back("Content-Type", "application/json");
  if (!token.empty()) h.emplace_back("Authorization", "Bearer " + token);
  return Do({method, target, body, std::move(h)});
}

json HttpTest::Body(const web::Response& r) {
  json j = json::parse(r.body, nullptr, false);
  EXPECT_FALSE(j.is_discarded()) << "not JSON: " << r.body;
  return j;
}

std::string HttpTest::LoginCookie(const std::string& name, std::string* csrf, const std::string& remote) {
  json creds{{"name", name}, {"password", kPassword}};
  if (name == "admin") creds["totp"] = AdminCode();
  auto r = Do({"POST", "/api/v1/session", creds.dump(), {{"Content-Type", "application/json"}}, remote});
  EXPECT_EQ(r.status, 200) << r.body;
  if (csrf && r.status == 200) *csrf = Body(r)["csrf_token"].get<std::string>();
  return CookieValue(SetCookie(r, web::kSessionCookie));
}

std::unique_ptr<Tx> HttpTest::Write() {
  auto tx = store_->Begin(TxMode::kWrite);
  EXPECT_TRUE(tx) << tx.error().detail;
  return tx ? std::move(*tx) : nullptr;
}

std::unique_ptr<Tx> HttpTest::Read() {
  auto tx = store_->Begin(TxMode::kRead);
  EXPECT_TRUE(tx) << tx.error().detail;
  return tx ? std::move(*tx) : nullptr;
}

std::string HttpTest::Fingerprint() {
  auto tx = Read();
  if (!tx) return "";
  using web::api::ToJson;
  json out;
  PageRequest p;
  p.limit = 500;
  p.sort = "id";
  auto page = [&](auto r) {
    json a = json::array();
    if (r)
      for (const auto& x : r->items) a.push_back(ToJson(x));
    return a;
  };
  out["bodies"] = page(tx->plan().ListBodies({}, p));
  out["documents"] = page(tx->plan().ListDocuments({}, p));
  out["goals"] = page(tx->plan().ListGoals({}, p));
  out["indicators"] = page(tx->plan().ListIndicators({}, p));
  out["measures"] = page(tx->plan().ListMeasures({}, p));
  auto users = tx->accounts().ListUsers();
  if (users)
    for (const auto& u : *users) {
      out["users"].push_back(ToJson(u).dump() + u.password_hash);
      // Personal data beside the account (core/accounts/personal_data.hpp).
      if (auto pr = tx->persons().GetPerson(u.id)) out["persons"].push_back(pr->full_name + pr->iin_hash);
      if (auto c = tx->persons().ListConsents(u.id))
        for (const auto& x : *c) out["consents"].push_back(x.purpose + "|" + x.text + "|" + x.withdrawn_at);
      if (auto a = tx->persons().ListDataAccess(u.id, 1000)) out["data_access"].push_back(a->size());
    }
  for (Id i : {seed_.indicator, seed_.spare_indicator}) {
    auto obs = tx->plan().ListObservations(i);
    if (obs)
      for (const auto& o : *obs) out["observations"].push_back(ToJson(o));
  }
  for (ObjectRef r :
       {ObjectRef{ObjectKind::kGoal, seed_.goal}, ObjectRef{ObjectKind::kIndicator, seed_.indicator}}) {
    auto links = tx->plan().ListLinksFrom(r);
    if (links)
      for (const auto& l : *links) out["links"].push_back(ToJson(l));
  }
  const std::vector<ObjectRef> objects = {{ObjectKind::kBody, seed_.body_a},
                                          {ObjectKind::kBody, seed_.body_c},
                                          {ObjectKind::kDocument, seed_.draft},
                                          {ObjectKind::kDocument, seed_.approved},
                                          {ObjectKind::kDocument, seed_.empty_draft},
                                          {ObjectKind::kGoal, seed_.goal},
                                          {ObjectKind::kGoal, seed_.empty_goal},
                                          {ObjectKind::kIndicator, seed_.indicator},
                                          {ObjectKind::kIndicator, seed_.spare_indicator},
                                          {ObjectKind::kMeasure, seed_.measure},
                                          {ObjectKind::kLink, seed_.link}};
  for (const auto& o : objects) {
    auto h = tx->audit().ListHistory(o, 100);
    if (h)
      for (const auto& e : *h) out["history"].push_back(ToJson(e));
  }
  out["spare_token_exists"] =
      static_cast<bool>(tx->accounts().GetApiTokenByHash(ledger::Sha256Hex(seed_.spare_token_value)));
  return out.dump();
}

std::string SetCookie(const web::Response& r, const std::string& name) {
  for (const auto& [k, v] : r.headers)
    if ((k == "Set-Cookie" || k == "set-cookie") && v.rfind(name + "=", 0) == 0) return v;
  return "";
}

std::string CookieValue(const std::string& set_cookie) {
  const auto eq = set_cookie.find('=');
  if (eq == std::string::npos) return "";
  const auto semi = set_cookie.find(';', eq);
  return set_cookie.substr(eq + 1, semi == std::string::npos ? std::string::npos : semi - eq - 1);
}

}  // namespace jospar::testing
