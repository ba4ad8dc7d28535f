-- Decisions of planners on near-duplicate pairs of documents, goals or indicators: "dismissed" (a_id <
-- b_id; the pair is not shown again) or "merged" (b was merged into a; links moved to a).
CREATE TABLE duplicate_decisions (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('indicator', 'goal', 'document')),
  a_id INTEGER NOT NULL,
  b_id INTEGER NOT NULL,
  verdict TEXT NOT NULL CHECK (verdict IN ('dismissed', 'merged')),
  actor TEXT NOT NULL,
  at TEXT NOT NULL,
  UNIQUE (kind, a_id, b_id)
);
