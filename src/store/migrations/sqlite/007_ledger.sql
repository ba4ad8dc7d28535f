-- The transparency log (core/ledger): entries, every complete-subtree hash of the Merkle tree (so that a
-- proof reads O(log n) rows and never recomputes from the leaves), signed checkpoints, and the head row
-- whose update serialises appends.
CREATE TABLE ledger_head (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  size INTEGER NOT NULL
);
INSERT INTO ledger_head (id, size) VALUES (1, 0);

CREATE TABLE ledger_entries (
  idx INTEGER PRIMARY KEY,
  object_kind TEXT NOT NULL,
  object_id TEXT NOT NULL,
  entry TEXT NOT NULL
);
CREATE INDEX ledger_entries_object ON ledger_entries (object_kind, object_id, idx);

CREATE TABLE ledger_nodes (
  level INTEGER NOT NULL,
  idx INTEGER NOT NULL,
  hash TEXT NOT NULL,
  PRIMARY KEY (level, idx)
) WITHOUT ROWID;

CREATE TABLE ledger_checkpoints (
  size INTEGER PRIMARY KEY,
  note TEXT NOT NULL
);
