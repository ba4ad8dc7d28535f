#include "http/pages_fixture.hpp"

#include <filesystem>

#include "core/audit/history.hpp"
#include "core/plan/repository.hpp"
#include "store/open.hpp"
#include "web/pages/pages.hpp"

namespace jospar::testing {

namespace {

Text T3(std::string kk, std::string ru, std::string en) {
  return Text{std::move(kk), std::move(ru), std::move(en)};
}

PortalSeed Seed(Tx& tx) {
  PortalSeed s;
  StateBody m;
  m.code = "MNE";
  m.kind = BodyKind::kMinistry;
  m.title = T3("Ұлттық экономика министрлігі", "Министерство национальной экономики",
               "Ministry of National Economy");
  s.ministry = tx.plan().InsertBody(m).value();
  StateBody a;
  a.code = "AKIMAT-ALA";
  a.kind = BodyKind::kAkimat;
  a.title = T3("Алматы қаласының әкімдігі", "Акимат города Алматы", "Akimat of Almaty");
  s.akimat = tx.plan().InsertBody(a).value();

  Document d;
  d.code = "KZ-2050";
  d.tier = Tier::kLongTermStrategy;
  d.type = "strategy";
  d.title = T3("«Қазақстан-2050» стратегиясы", "Стратегия «Казахстан-2050»", "Kazakhstan-2050 Strategy");
  d.summary = T3("Ұзақ мерзімді стратегия", "Долгосрочная стратегия", "The long-term strategy");
  d.act = LegalAct{"decree", "449", "2012-12-14"};
  d.start_year = 2012;
  d.end_year = 2050;
  d.status = DocStatus::kInForce;
  d.owner_body_id = s.ministry;
  s.strategy = tx.plan().InsertDocument(d).value();

  Document p;
  p.code = "NDP-2029";
  p.tier = Tier::kNationalPlan;
  p.type = "national_plan";
  p.title = T3("Ұлттық даму жоспары", "Национальный план развития", "National Development Plan");
  p.parent_id = s.strategy;
  p.start_year = 2024;
  p.end_year = 2029;
  p.status = DocStatus::kInForce;
  p.owner_body_id = s.ministry;
  s.plan = tx.plan().InsertDocument(p).value();

  Document r;
  r.code = "ALA-PLAN";
  r.tier = Tier::kBodyAndRegionPlans;
  r.type = "regional_plan";
  r.title = T3("", "План развития города Алматы", "");  // only in Russian
  r.parent_id = s.plan;
  r.owner_body_id = s.akimat;
  r.status = DocStatus::kApproved;
  s.ru_only = tx.plan().InsertDocument(r).value();

  Document dr;
  dr.code = "OP-DRAFT";
  dr.tier = Tier::kOperational;
  dr.type = "operational_plan";
  dr.title = T3("Операциялық жоспар <жоба>", "Операционный план <проект>", "Operational plan <draft>");
  dr.parent_id = s.plan;
  s.draft = tx.plan().InsertDocument(dr).value();
  s.approved = s.ru_only;

  // Many concept documents, for paging.
  for (int i = 0; i < 30; ++i) {
    Document c;
    c.code = "CONCEPT-" + std::string(i < 10 ? "0" : "") + std::to_string(i);
    c.tier = Tier::kConceptsAndProjects;
    c.type = "concept";
    c.title = T3("Тұжырымдама " + std::to_string(i), "Концепция " + std::to_string(i),
                 "Concept " + std::to_string(i));
    c.parent_id = s.plan;
    c.status = DocStatus::kInForce;
    tx.plan().InsertDocument(c).value();
  }

  Goal g;
  g.document_id = s.plan;
  g.code = "1";
  g.title = T3("Экономикалық өсу", "Экономический рост", "Economic growth");
  s.goal = tx.plan().InsertGoal(g).value();
  Goal t;
  t.document_id = s.plan;
  t.parent_id = s.goal;
  t.code = "1.1";
  t.title = T3("Кедейлікті азайту", "Снижение бедности", "Less poverty");
  s.task = tx.plan().InsertGoal(t).value();

  SdgNode sg;
  sg.code = "1";
  sg.kind = SdgKind::kGoal;
  sg.title = T3("Кедейлікті жою", "Ликвидация нищеты", "No poverty");
  s.sdg_goal = tx.plan().UpsertSdgNode(sg).value();
  SdgNode st;
  st.code = "1.2";
  st.kind = SdgKind::kTarget;
  st.parent_id = s.sdg_goal;
  st.title = T3("Кедейлікті екі есе азайту", "Сократить бедность вдвое", "Halve poverty");
  s.sdg_target = tx.plan().UpsertSdgNode(st).value();

  Indicator pi;
  pi.code = "NDP-1.1";
  pi.goal_id = s.task;
  pi.title = T3("Кедейлік деңгейі", "Уровень бедности", "Poverty rate");
  pi.unit = T3("%", "%", "%");
  pi.direction = Direction::kDecrease;
  pi.baseline_year = 2020;
  pi.baseline_value = 5.3;
  pi.target_year = 2029;
  pi.target_value = 4.0;
  pi.planned = {{2024, 5.0}, {2025, 4.8}, {2026, 4.6}};
  pi.responsible_body_id = s.ministry;
  pi.demo = true;
  s.plan_indicator = tx.plan().InsertIndicator(pi).value();

  Indicator si;
  si.code = "1.2.1";
  si.sdg_target_id = s.sdg_target;
  si.title = T3("Кедейлік шегінен төмен халық үлесі", "Доля населения ниже черты бедности",
                "Population below the poverty line");
  si.unit = T3("%", "%", "%");
  si.responsible_body_id = s.akimat;
  si.source = T3("ҰСБ", "БНС", "BNS");
  s.sdg_indicator = tx.plan().InsertIndicator(si).value();

  Indicator oi;
  oi.code = "NDP-1.2";
  oi.goal_id = s.goal;
  oi.title = T3("ЖІӨ", "ВВП", "GDP");
  oi.responsible_body_id = s.akimat;
  s.other_indicator = tx.plan().InsertIndicator(oi).value();

  for (int y = 2020; y <= 2023; ++y) {
    tx.plan()
        .UpsertObservation({s.plan_indicator, "", "", std::to_string(y), "", 5.3 - 0.2 * (y - 2020), false})
        .value();
    tx.plan()
        .UpsertObservation(
            {s.sdg_indicator, "SI_POV", "PT", std::to_string(y), "", 6.0 - 0.5 * (y - 2020), false})
        .value();
    tx.plan()
        .UpsertObservation(
            {s.sdg_indicator, "SI_POV", "PT", std::to_string(y), "SEX=F", 6.5 - 0.5 * (y - 2020), false})
        .value();
  }
  tx.plan().UpsertCodeName({"SEX", "F", T3("Әйелдер", "Женщины", "Female")}).value();
  tx.plan().UpsertCodeName({"SERIES", "SI_POV", T3("Кедейлік", "Бедность", "Poverty series")}).value();
  tx.plan().UpsertCodeName({"UNIT_MEASURE", "PT", T3("Пайыз", "Процент", "Percent")}).value();

  Link l;
  l.from = {ObjectKind::kIndicator, s.plan_indicator};
  l.to = {ObjectKind::kSdgTarget, s.sdg_target};
  tx.plan().InsertLink(l).value();
  Link gl;
  gl.from = {ObjectKind::kGoal, s.goal};
  gl.to = {ObjectKind::kSdgGoal, s.sdg_goal};
  tx.plan().InsertLink(gl).value();
  HistoryEntry h;
  h.object = {ObjectKind::kDocument, s.plan};
  h.actor = "import";
  h.at = "2026-01-01T00:00:00Z";
  h.action = "status:in_force";
  EXPECT_TRUE(tx.audit().AppendHistory(h));
  return s;
}

}  // namespace

int Count(const std::string& haystack, const std::string& needle) {
  int n = 0;
  for (size_t p = haystack.find(needle); p != std::string::npos; p = haystack.find(needle, p + needle.size()))
    ++n;
  return n;
}

void PortalTest::SetUp() {
  char tmpl[] = "/tmp/jospar-pages-test.XXXXXX";
  ASSERT_NE(mkdtemp(tmpl), nullptr);
  dir_ = tmpl;
  auto s = store::OpenStore("sqlite:" + dir_ + "/test.db");
  ASSERT_TRUE(s) << s.error().detail;
  store_ = std::move(*s);
  {
    auto tx = store_->Begin(TxMode::kWrite);
    ASSERT_TRUE(tx);
    seed_ = Seed(**tx);
    ASSERT_TRUE((*tx)->Commit());
  }
  web::WebConfig config;
  config.templates_dir = std::string(JOSPAR_SOURCE_DIR) + "/templates";
  config.locales_dir = std::string(JOSPAR_SOURCE_DIR) + "/locales";
  config.static_dir = std::string(JOSPAR_SOURCE_DIR) + "/static";
  ctx_ = std::make_unique<web::AppContext>(web::AppContext{*store_, config, nullptr, nullptr});
  web::RegisterPages(router_, *ctx_);
}

void PortalTest::TearDown() {
  ctx_.reset();
  store_.reset();
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

web::Response PortalTest::Send(const std::string& method, const std::string& target, const std::string& body,
                               const Principal& who) {
  web::Request req;
  req.method = method;
  const size_t q = target.find('?');
  req.path = target.substr(0, q);
  if (q != std::string::npos) {
    req.query_string = target.substr(q + 1);
    req.query = web::ParseQuery(req.query_string);
  }
  req.headers = extra_headers_;
  if (method == "POST") {
    req.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
    req.body = body;
  }
  if (auto lang = ParseLang(req.path.substr(1, 2))) {
    req.lang = *lang;
    req.lang_from_url = true;
  }
  req.principal = who;
  if (who.IsStaff()) req.csrf_token = "test-csrf";
  auto match = router_.Find(method, req.path);
  if (!match.handler) return web::Response::Text(match.path_matched ? 405 : 404, "no route");
  req.params = match.params;
  req.route = match.pattern;
  return (*match.handler)(req);
}

}  // namespace jospar::testing
