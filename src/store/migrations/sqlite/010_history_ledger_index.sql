-- Each history row records the index of the transparency-log entry written with it in the same
-- transaction (NULL when there is none, e.g. a generated plan), so that the portal's "verify" link is exact.
ALTER TABLE history ADD COLUMN ledger_idx INTEGER;

-- Backfill of the rows written before this migration: within each group of the same object, action and
-- time (to the second), the k-th history row by id is paired with the k-th log entry by index -- both were
-- written in that order, as every use case appends the log entry first and appends are serialised -- and
-- only when the group has as many rows as entries; other rows keep NULL. The entry's action and time are
-- read from its canonical text: "jospar-ledger/v1\naction A\n...time yyyy-mm-ddThh:mm:ssZ\n".
CREATE TEMP TABLE m010_pairs AS
WITH h AS (
  SELECT id, object_kind, CAST(object_id AS TEXT) AS object_id, action, at,
         ROW_NUMBER() OVER (PARTITION BY object_kind, object_id, action, at ORDER BY id) AS k,
         COUNT(*) OVER (PARTITION BY object_kind, object_id, action, at) AS n
  FROM history
),
x AS (
  SELECT idx, object_kind, object_id,
         substr(entry, 25, instr(substr(entry, 25), char(10)) - 1) AS action,
         substr(entry, length(entry) - 20, 20) AS at
  FROM ledger_entries
),
e AS (
  SELECT idx, object_kind, object_id, action, at,
         ROW_NUMBER() OVER (PARTITION BY object_kind, object_id, action, at ORDER BY idx) AS k,
         COUNT(*) OVER (PARTITION BY object_kind, object_id, action, at) AS n
  FROM x
)
SELECT h.id AS history_id, e.idx AS ledger_idx
FROM h JOIN e ON e.object_kind = h.object_kind AND e.object_id = h.object_id AND e.action = h.action
  AND e.at = h.at AND e.k = h.k AND e.n = h.n;

UPDATE history SET ledger_idx = (SELECT p.ledger_idx FROM m010_pairs p WHERE p.history_id = history.id)
WHERE id IN (SELECT history_id FROM m010_pairs);

DROP TABLE m010_pairs;
