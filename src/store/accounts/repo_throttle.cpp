// Sign-in failures, pending second steps and request buckets (migration 015).
#include "store/accounts/sql_throttle_repository.hpp"

namespace jospar::store::sql {

Status SqlThrottleRepository::RecordSignInFailure(std::string_view key, std::int64_t at) {
  STORE_QUERY(q, *c_, "INSERT INTO sign_in_failures (key, at) VALUES (?, ?)");
  q.Bind(key).Bind(at);
  return q.Run();
}

Result<std::int64_t> SqlThrottleRepository::NthLatestSignInFailure(std::string_view key, std::int64_t after,
                                                                   int nth) {
  if (nth < 1) return Fail(ErrorCode::kInvalidInput, "error.invalid_input", "nth must be 1 or more");
  STORE_QUERY(q, *c_,
              "SELECT at FROM sign_in_failures WHERE key = ? AND at > ? ORDER BY at DESC LIMIT 1 OFFSET ?");
  q.Bind(key).Bind(after).Bind(nth - 1);
  return q.OneInt();
}

Status SqlThrottleRepository::ClearSignInFailures(std::string_view key) {
  STORE_QUERY(q, *c_, "DELETE FROM sign_in_failures WHERE key = ?");
  q.Bind(key);
  return q.Run();
}

Result<std::int64_t> SqlThrottleRepository::PurgeSignInFailures(std::int64_t at) {
  STORE_QUERY(q, *c_, "DELETE FROM sign_in_failures WHERE at <= ?");
  q.Bind(at);
  STORE_TRY(q.Run());
  return q.Changes();
}

Status SqlThrottleRepository::InsertSecondStep(const SecondStep& s) {
  STORE_QUERY(q, *c_,
              "INSERT INTO second_steps (token_hash, user_id, account_key, binding_hash, expires_at) "
              "VALUES (?, ?, ?, ?, ?)");
  q.Bind(s.token_hash).Bind(s.user_id).Bind(s.account_key).Bind(s.binding_hash).Bind(s.expires_at);
  return q.Run();
}

Result<SecondStep> SqlThrottleRepository::GetSecondStep(std::string_view token_hash) {
  STORE_QUERY(q, *c_,
              "SELECT token_hash, user_id, account_key, binding_hash, expires_at FROM second_steps WHERE "
              "token_hash = ?");
  q.Bind(token_hash);
  auto row = q.Next();
  if (!row) return Fail(row.error());
  if (!*row) return Fail(ErrorCode::kNotFound, "error.not_found", "second step");
  return SecondStep{q.Text(0), q.Int(1), q.Text(2), q.Text(3), q.Int(4)};
}

Status SqlThrottleRepository::DeleteSecondStep(std::string_view token_hash) {
  STORE_QUERY(q, *c_, "DELETE FROM second_steps WHERE token_hash = ?");
  q.Bind(token_hash);
  STORE_TRY(q.Run());
  if (q.Changes() == 0) return Fail(ErrorCode::kNotFound, "error.not_found", "second step");
  return {};
}

Result<std::int64_t> SqlThrottleRepository::PurgeSecondSteps(std::int64_t now) {
  STORE_QUERY(q, *c_, "DELETE FROM second_steps WHERE expires_at <= ?");
  q.Bind(now);
  STORE_TRY(q.Run());
  return q.Changes();
}

// GCRA: the bucket is the client's theoretical arrival time `tat`. A turn at `now` would move it to
// next = max(tat, now) + interval; it is allowed when next <= now + tolerance (burst intervals ahead), and
// then tat becomes next; else nothing changes. A new client's row starts at now + interval (allowed).
// excluded.tat_ms is that now + interval, so max(tat, now) + interval is
// CASE WHEN tat + interval > excluded.tat_ms THEN tat + interval ELSE excluded.tat_ms END.
Result<RequestTurn> SqlThrottleRepository::TakeRequestTurn(std::string_view client, std::int64_t now_ms,
                                                           const RequestRate& rate) {
  if (rate.burst < 1) return RequestTurn{true, 0};
  const std::int64_t interval = rate.IntervalMs();
  const std::int64_t limit = now_ms + rate.ToleranceMs();
  STORE_QUERY(
      q, *c_,
      "INSERT INTO request_buckets (client, tat_ms, allowed) VALUES (?, ?, 1) ON CONFLICT (client) DO UPDATE "
      "SET tat_ms = CASE WHEN (CASE WHEN request_buckets.tat_ms + ? > excluded.tat_ms THEN "
      "request_buckets.tat_ms + ? ELSE excluded.tat_ms END) <= ? THEN (CASE WHEN request_buckets.tat_ms + ? "
      "> "
      "excluded.tat_ms THEN request_buckets.tat_ms + ? ELSE excluded.tat_ms END) ELSE request_buckets.tat_ms "
      "END, allowed = CASE WHEN (CASE WHEN request_buckets.tat_ms + ? > excluded.tat_ms THEN "
      "request_buckets.tat_ms + ? ELSE excluded.tat_ms END) <= ? THEN 1 ELSE 0 END RETURNING tat_ms, "
      "allowed");
  q.Bind(client).Bind(now_ms + interval);
  q.Bind(interval).Bind(interval).Bind(limit).Bind(interval).Bind(interval);
  q.Bind(interval).Bind(interval).Bind(limit);
  auto row = q.Next();
  if (!row) return Fail(row.error());
  if (!*row) return Fail(ErrorCode::kInternal, "error.internal", "the request bucket upsert returned no row");
  RequestTurn turn;
  turn.allowed = q.Int(1) != 0;
  // Refused: tat did not move, and the next turn is allowed once tat + interval <= now + tolerance.
  if (!turn.allowed) turn.retry_after_ms = std::max<std::int64_t>(1, q.Int(0) + interval - limit);
  return turn;
}

Result<std::int64_t> SqlThrottleRepository::PurgeRequestBuckets(std::int64_t now_ms) {
  STORE_QUERY(q, *c_, "DELETE FROM request_buckets WHERE tat_ms <= ?");
  q.Bind(now_ms);
  STORE_TRY(q.Run());
  return q.Changes();
}

}  // namespace jospar::store::sql
