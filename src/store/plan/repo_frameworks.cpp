// Repositories of the SDG framework, disaggregation code lists, "contributes to" links and history.
#include "store/plan/scan.hpp"
#include "store/plan/sql_plan_repository.hpp"
#include "store/sql/rows.hpp"

namespace jospar::store::sql {
namespace {

constexpr std::string_view kSdgColumns = "id, code, kind, parent_id, title_kk, title_ru, title_en";

SdgNode ReadSdg(const Query& q, int c) {
  SdgNode n;
  n.id = q.Int(c);
  n.code = q.Text(c + 1);
  n.kind = ParseSdgKind(q.Text(c + 2)).value_or(SdgKind::kGoal);
  n.parent_id = q.OptInt(c + 3);
  n.title = Text{q.Text(c + 4), q.Text(c + 5), q.Text(c + 6)};
  return n;
}

constexpr std::string_view kLinkColumns = "id, from_kind, from_id, to_kind, to_id";

Link ReadLink(const Query& q, int c) {
  Link l;
  l.id = q.Int(c);
  l.from = ObjectRef{ParseObjectKind(q.Text(c + 1)).value_or(ObjectKind::kGoal), q.Int(c + 2)};
  l.to = ObjectRef{ParseObjectKind(q.Text(c + 3)).value_or(ObjectKind::kGoal), q.Int(c + 4)};
  return l;
}

Result<std::vector<Link>> ReadLinks(Query& q) {
  std::vector<Link> out;
  while (true) {
    auto row = q.Next();
    if (!row) return Fail(row.error());
    if (!*row) break;
    out.push_back(ReadLink(q, 0));
  }
  return out;
}

}  // namespace

// ---- SDG ----------------------------------------------------------------------------------------------

Result<SdgNode> SqlPlanRepository::GetSdgNode(Id id) {
  return GetOne<SdgNode>(*c_, "SELECT " + std::string(kSdgColumns) + " FROM sdg_nodes WHERE id = ?", id,
                         ReadSdg, "SDG goal or target");
}

Result<SdgNode> SqlPlanRepository::GetSdgNodeByCode(std::string_view code) {
  return GetOne<SdgNode>(*c_, "SELECT " + std::string(kSdgColumns) + " FROM sdg_nodes WHERE code = ?", code,
                         ReadSdg, "SDG goal or target");
}

Result<std::vector<SdgNode>> SqlPlanRepository::ListSdgNodes(std::optional<Id> parent_id) {
  const std::string sql = "SELECT " + std::string(kSdgColumns) + " FROM sdg_nodes WHERE " +
                          (parent_id ? "parent_id = ?" : "parent_id IS NULL") + " ORDER BY code_key, id";
  STORE_QUERY(q, *c_, sql);
  if (parent_id) q.Bind(*parent_id);
  std::vector<SdgNode> out;
  while (true) {
    auto row = q.Next();
    if (!row) return Fail(row.error());
    if (!*row) break;
    out.push_back(ReadSdg(q, 0));
  }
  return out;
}

Result<Id> SqlPlanRepository::UpsertSdgNode(const SdgNode& n) {
  STORE_QUERY(q, *c_,
              "INSERT INTO sdg_nodes (code, code_key, kind, parent_id, title_kk, title_ru, title_en, search) "
              "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (code) DO UPDATE SET kind = excluded.kind, "
              "parent_id = excluded.parent_id, title_kk = excluded.title_kk, title_ru = excluded.title_ru, "
              "title_en = excluded.title_en, search = excluded.search RETURNING id");
  q.Bind(n.code).Bind(CodeKey(n.code)).Bind(ToString(n.kind)).Bind(n.parent_id);
  q.Bind(n.title.kk).Bind(n.title.ru).Bind(n.title.en).Bind(SearchColumn(n.code, n.title));
  return q.OneInt();
}

// ---- Code names ---------------------------------------------------------------------------------------

Result<UpsertOutcome> SqlPlanRepository::UpsertCodeName(const CodeName& c) {
  {
    STORE_QUERY(q, *c_,
                "SELECT title_kk, title_ru, title_en FROM code_names WHERE dimension = ? AND code = ?");
    q.Bind(c.dimension).Bind(c.code);
    auto row = q.Next();
    if (!row) return Fail(row.error());
    if (*row) {
      if (Text{q.Text(0), q.Text(1), q.Text(2)} == c.title) return UpsertOutcome::kUnchanged;
      q.Reset();
      STORE_QUERY(
          u, *c_,
          "UPDATE code_names SET title_kk = ?, title_ru = ?, title_en = ? WHERE dimension = ? AND code = ?");
      u.Bind(c.title.kk).Bind(c.title.ru).Bind(c.title.en).Bind(c.dimension).Bind(c.code);
      STORE_TRY(u.Run());
      return UpsertOutcome::kUpdated;
    }
  }
  STORE_QUERY(
      q, *c_,
      "INSERT INTO code_names (dimension, code, title_kk, title_ru, title_en) VALUES (?, ?, ?, ?, ?)");
  q.Bind(c.dimension).Bind(c.code).Bind(c.title.kk).Bind(c.title.ru).Bind(c.title.en);
  STORE_TRY(q.Run());
  return UpsertOutcome::kInserted;
}

Result<std::vector<CodeName>> SqlPlanRepository::ListCodeNames(std::string_view dimension) {
  const bool all = dimension.empty();
  STORE_QUERY(q, *c_,
              std::string("SELECT dimension, code, title_kk, title_ru, title_en FROM code_names") +
                  (all ? "" : " WHERE dimension = ?") + " ORDER BY dimension, code");
  if (!all) q.Bind(dimension);
  std::vector<CodeName> out;
  while (true) {
    auto row = q.Next();
    if (!row) return Fail(row.error());
    if (!*row) break;
    out.push_back(CodeName{q.Text(0), q.Text(1), Text{q.Text(2), q.Text(3), q.Text(4)}});
  }
  return out;
}

// ---- Links --------------------------------------------------------------------------------------------

Result<Id> SqlPlanRepository::InsertLink(const Link& l) {
  // ON CONFLICT DO NOTHING keeps the transaction usable on PostgreSQL after a duplicate.
  STORE_QUERY(q, *c_,
              "INSERT INTO links (from_kind, from_id, to_kind, to_id) VALUES (?, ?, ?, ?) "
              "ON CONFLICT (from_kind, from_id, to_kind, to_id) DO NOTHING RETURNING id");
  q.Bind(ToString(l.from.kind)).Bind(l.from.id).Bind(ToString(l.to.kind)).Bind(l.to.id);
  auto id = q.OneInt();
  if (!id && id.error().code == ErrorCode::kNotFound) {
    return Fail(ErrorCode::kConflict, "error.duplicate", "this link exists already");
  }
  return id;
}

Status SqlPlanRepository::DeleteLink(Id id) {
  STORE_QUERY(q, *c_, "DELETE FROM links WHERE id = ?");
  q.Bind(id);
  return CheckedWrite(*c_, q, "links", id, false, "link");
}

Result<Link> SqlPlanRepository::GetLink(Id id) {
  return GetOne<Link>(*c_, "SELECT " + std::string(kLinkColumns) + " FROM links WHERE id = ?", id, ReadLink,
                      "link");
}

Result<std::vector<Link>> SqlPlanRepository::ListLinksFrom(ObjectRef from) {
  STORE_QUERY(
      q, *c_,
      "SELECT " + std::string(kLinkColumns) + " FROM links WHERE from_kind = ? AND from_id = ? ORDER BY id");
  q.Bind(ToString(from.kind)).Bind(from.id);
  return ReadLinks(q);
}

Result<std::vector<Link>> SqlPlanRepository::ListLinksTo(ObjectRef to) {
  STORE_QUERY(
      q, *c_,
      "SELECT " + std::string(kLinkColumns) + " FROM links WHERE to_kind = ? AND to_id = ? ORDER BY id");
  q.Bind(ToString(to.kind)).Bind(to.id);
  return ReadLinks(q);
}

Status SqlPlanRepository::DeleteLinksOf(ObjectRef ref) {
  STORE_QUERY(q, *c_,
              "DELETE FROM links WHERE (from_kind = ? AND from_id = ?) OR (to_kind = ? AND to_id = ?)");
  q.Bind(ToString(ref.kind)).Bind(ref.id).Bind(ToString(ref.kind)).Bind(ref.id);
  return q.Run();
}

Result<std::vector<SdgNode>> ScanSdgNodes(Connection& c) {
  return ScanAll(c, "SELECT " + std::string(kSdgColumns) + " FROM sdg_nodes ORDER BY id", &ReadSdg);
}
Result<std::vector<Link>> ScanLinks(Connection& c) {
  return ScanAll(c, "SELECT " + std::string(kLinkColumns) + " FROM links ORDER BY id", &ReadLink);
}

}  // namespace jospar::store::sql
