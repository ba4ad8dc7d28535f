// Repositories of state bodies, planning documents (with their editions) and goals.
#include "store/plan/scan.hpp"
#include "store/plan/sql_plan_repository.hpp"
#include "store/sql/rows.hpp"

namespace jospar::store::sql {
namespace {

constexpr std::string_view kBodyColumns = "id, code, kind, parent_id, title_kk, title_ru, title_en, version";

StateBody ReadBody(const Query& q, int c) {
  StateBody b;
  b.id = q.Int(c);
  b.code = q.Text(c + 1);
  b.kind = ParseBodyKind(q.Text(c + 2)).value_or(BodyKind::kOther);
  b.parent_id = q.OptInt(c + 3);
  b.title = Text{q.Text(c + 4), q.Text(c + 5), q.Text(c + 6)};
  b.version = q.Int(c + 7);
  return b;
}

constexpr std::string_view kDocumentColumns =
    "id, code, tier, type, title_kk, title_ru, title_en, summary_kk, summary_ru, summary_en, act_kind, "
    "act_number, act_date, owner_body_id, start_year, end_year, status, merged_into_id, parent_id, edition, "
    "demo, version";

Document ReadDocument(const Query& q, int c) {
  Document d;
  d.id = q.Int(c);
  d.code = q.Text(c + 1);
  d.tier = ParseTier(static_cast<int>(q.Int(c + 2))).value_or(Tier::kOperational);
  d.type = q.Text(c + 3);
  d.title = Text{q.Text(c + 4), q.Text(c + 5), q.Text(c + 6)};
  d.summary = Text{q.Text(c + 7), q.Text(c + 8), q.Text(c + 9)};
  d.act = LegalAct{q.Text(c + 10), q.Text(c + 11), q.Text(c + 12)};
  d.owner_body_id = q.OptInt(c + 13);
  d.start_year = q.OptInt32(c + 14);
  d.end_year = q.OptInt32(c + 15);
  d.status = ParseDocStatus(q.Text(c + 16)).value_or(DocStatus::kDraft);
  d.merged_into_id = q.OptInt(c + 17);
  d.parent_id = q.OptInt(c + 18);
  d.edition = static_cast<int>(q.Int(c + 19));
  d.demo = q.Int(c + 20) != 0;
  d.version = q.Int(c + 21);
  return d;
}

constexpr std::string_view kGoalColumns =
    "id, document_id, parent_id, code, title_kk, title_ru, title_en, demo, version";

Goal ReadGoal(const Query& q, int c) {
  Goal g;
  g.id = q.Int(c);
  g.document_id = q.Int(c + 1);
  g.parent_id = q.OptInt(c + 2);
  g.code = q.Text(c + 3);
  g.title = Text{q.Text(c + 4), q.Text(c + 5), q.Text(c + 6)};
  g.demo = q.Int(c + 7) != 0;
  g.version = q.Int(c + 8);
  return g;
}

std::vector<SortField> CodeTitleIdSorts(Lang lang) {
  return {{"code", "code_key", false}, {"title", std::string(TitleColumn(lang)), false}, {"id", "id", true}};
}

}  // namespace

// ---- Bodies -------------------------------------------------------------------------------------------

Result<StateBody> SqlPlanRepository::GetBody(Id id) {
  return GetOne<StateBody>(*c_, "SELECT " + std::string(kBodyColumns) + " FROM bodies WHERE id = ?", id,
                           ReadBody, "state body");
}

Result<StateBody> SqlPlanRepository::GetBodyByCode(std::string_view code) {
  return GetOne<StateBody>(*c_, "SELECT " + std::string(kBodyColumns) + " FROM bodies WHERE code = ?", code,
                           ReadBody, "state body");
}

Result<Page<StateBody>> SqlPlanRepository::ListBodies(const BodyFilter& f, const PageRequest& p) {
  Filter w;
  if (f.kind) w.Add("kind = ?", std::string(ToString(*f.kind)));
  if (f.parent_id) w.Add("parent_id = ?", *f.parent_id);
  w.AddSearch(f.search);
  ListSpec spec{"bodies", std::string(kBodyColumns), CodeTitleIdSorts(p.lang)};
  return ListPage<StateBody>(*c_, spec, w, p, ReadBody);
}

Result<Id> SqlPlanRepository::InsertBody(const StateBody& b) {
  STORE_QUERY(
      q, *c_,
      "INSERT INTO bodies (code, code_key, kind, parent_id, title_kk, title_ru, title_en, search, version) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1) RETURNING id");
  q.Bind(b.code).Bind(CodeKey(b.code)).Bind(ToString(b.kind)).Bind(b.parent_id);
  q.Bind(b.title.kk).Bind(b.title.ru).Bind(b.title.en).Bind(SearchColumn(b.code, b.title));
  return q.OneInt();
}

Status SqlPlanRepository::UpdateBody(const StateBody& b) {
  STORE_QUERY(
      q, *c_,
      "UPDATE bodies SET code = ?, code_key = ?, kind = ?, parent_id = ?, title_kk = ?, title_ru = ?, "
      "title_en = ?, search = ?, version = version + 1 WHERE id = ? AND version = ?");
  q.Bind(b.code).Bind(CodeKey(b.code)).Bind(ToString(b.kind)).Bind(b.parent_id);
  q.Bind(b.title.kk).Bind(b.title.ru).Bind(b.title.en).Bind(SearchColumn(b.code, b.title));
  q.Bind(b.id).Bind(b.version);
  return CheckedWrite(*c_, q, "bodies", b.id, true, "state body");
}

Status SqlPlanRepository::DeleteBody(Id id) {
  STORE_QUERY(q, *c_, "DELETE FROM bodies WHERE id = ?");
  q.Bind(id);
  STORE_TRY(CheckedWrite(*c_, q, "bodies", id, false, "state body"));
  return DeleteLinksOf({ObjectKind::kBody, id});
}

// ---- Documents ----------------------------------------------------------------------------------------

Result<Document> SqlPlanRepository::GetDocument(Id id) {
  return GetOne<Document>(*c_, "SELECT " + std::string(kDocumentColumns) + " FROM documents WHERE id = ?", id,
                          ReadDocument, "document");
}

Result<Document> SqlPlanRepository::GetDocumentByCode(std::string_view code) {
  return GetOne<Document>(*c_, "SELECT " + std::string(kDocumentColumns) + " FROM documents WHERE code = ?",
                          code, ReadDocument, "document");
}

Result<Page<Document>> SqlPlanRepository::ListDocuments(const DocumentFilter& f, const PageRequest& p) {
  Filter w;
  if (f.tier) w.Add("tier = ?", static_cast<std::int64_t>(*f.tier));
  if (f.status) w.Add("status = ?", std::string(ToString(*f.status)));
  if (f.owner_body_id) w.Add("owner_body_id = ?", *f.owner_body_id);
  if (f.parent_id) w.Add("parent_id = ?", *f.parent_id);
  if (f.only_top) w.Add("parent_id IS NULL");
  if (!f.type.empty()) w.Add("type = ?", f.type);
  w.AddSearch(f.search);
  ListSpec spec{"documents", std::string(kDocumentColumns), CodeTitleIdSorts(p.lang)};
  spec.sorts.push_back({"tier", "tier", true});
  spec.sorts.push_back({"start_year", "COALESCE(start_year, 0)", true});
  spec.sorts.push_back({"status", "status", false});
  return ListPage<Document>(*c_, spec, w, p, ReadDocument);
}

namespace {
void BindDocumentFields(Query& q, const Document& d) {
  q.Bind(d.code).Bind(CodeKey(d.code)).Bind(static_cast<std::int64_t>(d.tier)).Bind(d.type);
  q.Bind(d.title.kk).Bind(d.title.ru).Bind(d.title.en);
  q.Bind(d.summary.kk).Bind(d.summary.ru).Bind(d.summary.en);
  q.Bind(d.act.kind).Bind(d.act.number).Bind(d.act.date);
  q.Bind(d.owner_body_id).Bind(d.start_year).Bind(d.end_year).Bind(ToString(d.status));
  q.Bind(d.merged_into_id).Bind(d.parent_id).Bind(d.edition).Bind(d.demo);
  q.Bind(SearchColumn(d.code, d.title, d.summary));
}
}  // namespace

Result<Id> SqlPlanRepository::InsertDocument(const Document& d) {
  STORE_QUERY(q, *c_,
              "INSERT INTO documents (code, code_key, tier, type, title_kk, title_ru, title_en, summary_kk, "
              "summary_ru, summary_en, act_kind, act_number, act_date, owner_body_id, start_year, end_year, "
              "status, merged_into_id, parent_id, edition, demo, search, version) "
              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1) RETURNING id");
  BindDocumentFields(q, d);
  return q.OneInt();
}

Status SqlPlanRepository::UpdateDocument(const Document& d) {
  STORE_QUERY(
      q, *c_,
      "UPDATE documents SET code = ?, code_key = ?, tier = ?, type = ?, title_kk = ?, title_ru = ?, "
      "title_en = ?, summary_kk = ?, summary_ru = ?, summary_en = ?, act_kind = ?, act_number = ?, "
      "act_date = ?, owner_body_id = ?, start_year = ?, end_year = ?, status = ?, merged_into_id = ?, "
      "parent_id = ?, edition = ?, demo = ?, search = ?, version = version + 1 "
      "WHERE id = ? AND version = ?");
  BindDocumentFields(q, d);
  q.Bind(d.id).Bind(d.version);
  return CheckedWrite(*c_, q, "documents", d.id, true, "document");
}

Status SqlPlanRepository::DeleteDocument(Id id) {
  STORE_QUERY(q, *c_, "DELETE FROM documents WHERE id = ?");
  q.Bind(id);
  STORE_TRY(CheckedWrite(*c_, q, "documents", id, false, "document"));
  return DeleteLinksOf({ObjectKind::kDocument, id});
}

Status SqlPlanRepository::InsertDocumentEdition(Id document_id, int edition, const Document& snapshot,
                                                const LegalAct& amending_act) {
  STORE_QUERY(
      q, *c_,
      "INSERT INTO document_editions (document_id, edition, snapshot, amend_act_kind, amend_act_number, "
      "amend_act_date) VALUES (?, ?, ?, ?, ?, ?)");
  q.Bind(document_id).Bind(edition).Bind(DocumentToJson(snapshot));
  q.Bind(amending_act.kind).Bind(amending_act.number).Bind(amending_act.date);
  return q.Run();
}

Result<std::vector<Document>> SqlPlanRepository::ListDocumentEditions(Id document_id) {
  STORE_QUERY(q, *c_, "SELECT snapshot FROM document_editions WHERE document_id = ? ORDER BY edition");
  q.Bind(document_id);
  std::vector<Document> out;
  while (true) {
    auto row = q.Next();
    if (!row) return Fail(row.error());
    if (!*row) break;
    out.push_back(DocumentFromJson(q.Text(0)));
  }
  return out;
}

// ---- Goals --------------------------------------------------------------------------------------------

Result<Goal> SqlPlanRepository::GetGoal(Id id) {
  return GetOne<Goal>(*c_, "SELECT " + std::string(kGoalColumns) + " FROM goals WHERE id = ?", id, ReadGoal,
                      "goal");
}

Result<Page<Goal>> SqlPlanRepository::ListGoals(const GoalFilter& f, const PageRequest& p) {
  Filter w;
  if (f.document_id) w.Add("document_id = ?", *f.document_id);
  if (f.parent_id) w.Add("parent_id = ?", *f.parent_id);
  if (f.only_top) w.Add("parent_id IS NULL");
  w.AddSearch(f.search);
  ListSpec spec{"goals", std::string(kGoalColumns), CodeTitleIdSorts(p.lang)};
  return ListPage<Goal>(*c_, spec, w, p, ReadGoal);
}

Result<Id> SqlPlanRepository::InsertGoal(const Goal& g) {
  STORE_QUERY(
      q, *c_,
      "INSERT INTO goals (document_id, parent_id, code, code_key, title_kk, title_ru, title_en, demo, "
      "search, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1) RETURNING id");
  q.Bind(g.document_id).Bind(g.parent_id).Bind(g.code).Bind(CodeKey(g.code));
  q.Bind(g.title.kk).Bind(g.title.ru).Bind(g.title.en).Bind(g.demo).Bind(SearchColumn(g.code, g.title));
  return q.OneInt();
}

Status SqlPlanRepository::UpdateGoal(const Goal& g) {
  STORE_QUERY(q, *c_,
              "UPDATE goals SET document_id = ?, parent_id = ?, code = ?, code_key = ?, title_kk = ?, "
              "title_ru = ?, title_en = ?, demo = ?, search = ?, version = version + 1 "
              "WHERE id = ? AND version = ?");
  q.Bind(g.document_id).Bind(g.parent_id).Bind(g.code).Bind(CodeKey(g.code));
  q.Bind(g.title.kk).Bind(g.title.ru).Bind(g.title.en).Bind(g.demo).Bind(SearchColumn(g.code, g.title));
  q.Bind(g.id).Bind(g.version);
  return CheckedWrite(*c_, q, "goals", g.id, true, "goal");
}

Status SqlPlanRepository::DeleteGoal(Id id) {
  STORE_QUERY(q, *c_, "DELETE FROM goals WHERE id = ?");
  q.Bind(id);
  STORE_TRY(CheckedWrite(*c_, q, "goals", id, false, "goal"));
  return DeleteLinksOf({ObjectKind::kGoal, id});
}

}  // namespace jospar::store::sql

namespace jospar::store::sql {

Result<std::vector<StateBody>> ScanBodies(Connection& c) {
  return ScanAll(c, "SELECT " + std::string(kBodyColumns) + " FROM bodies ORDER BY id", &ReadBody);
}
Result<std::vector<Document>> ScanDocuments(Connection& c) {
  return ScanAll(c, "SELECT " + std::string(kDocumentColumns) + " FROM documents ORDER BY id", &ReadDocument);
}
Result<std::vector<Goal>> ScanGoals(Connection& c) {
  return ScanAll(c, "SELECT " + std::string(kGoalColumns) + " FROM goals ORDER BY id", &ReadGoal);
}

}  // namespace jospar::store::sql
