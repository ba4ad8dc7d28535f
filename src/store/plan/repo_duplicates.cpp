// Repository of the decisions on near-duplicate pairs (migration 004).
#include "store/plan/sql_plan_repository.hpp"
#include "store/sql/rows.hpp"

namespace jospar::store::sql {

Result<Id> SqlPlanRepository::InsertDuplicateDecision(const DuplicateDecision& d) {
  // ON CONFLICT DO NOTHING keeps the transaction usable on PostgreSQL after a duplicate.
  STORE_QUERY(
      q, *c_,
      "INSERT INTO duplicate_decisions (kind, a_id, b_id, verdict, actor, at) VALUES (?, ?, ?, ?, ?, ?) "
      "ON CONFLICT (kind, a_id, b_id) DO NOTHING RETURNING id");
  q.Bind(ToString(d.kind)).Bind(d.a_id).Bind(d.b_id).Bind(ToString(d.verdict)).Bind(d.actor).Bind(d.at);
  auto id = q.OneInt();
  if (!id && id.error().code == ErrorCode::kNotFound) {
    return Fail(ErrorCode::kConflict, "error.duplicate.decided", "a decision on this pair exists already");
  }
  return id;
}

Result<std::vector<DuplicateDecision>> SqlPlanRepository::ListDuplicateDecisions(DuplicateKind kind) {
  STORE_QUERY(
      q, *c_,
      "SELECT id, a_id, b_id, verdict, actor, at FROM duplicate_decisions WHERE kind = ? ORDER BY id");
  q.Bind(ToString(kind));
  std::vector<DuplicateDecision> out;
  while (true) {
    auto row = q.Next();
    if (!row) return Fail(row.error());
    if (!*row) break;
    DuplicateDecision d;
    d.id = q.Int(0);
    d.kind = kind;
    d.a_id = q.Int(1);
    d.b_id = q.Int(2);
    d.verdict = ParseDuplicateVerdict(q.Text(3)).value_or(DuplicateVerdict::kDismissed);
    d.actor = q.Text(4);
    d.at = q.Text(5);
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace jospar::store::sql
