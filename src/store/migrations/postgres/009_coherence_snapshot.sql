-- What the coherence check reads of the whole plan (sql/repo_coherence.cpp), kept apart from the long texts.
-- indicator_keys: the keys of each indicator's texts that the rules compare (coherence::TextKey of the
-- titles and unit, of the unit, and whether it has a source), written by the store with every insert and
-- update of an indicator (sql/indicator_keys.cpp), deleted with it; the rows of the indicators already
-- there are filled by the migration runner right after this file (migrations.cpp). The covering indexes
-- that SQLite gets in its 009 are left out here: PostgreSQL reads a whole table sequentially from its heap
-- unless the table was vacuumed (index-only scans need the visibility map), so they would cost every
-- write and rarely serve the load.
CREATE TABLE indicator_keys (
  indicator_id BIGINT PRIMARY KEY REFERENCES indicators (id) ON DELETE CASCADE,
  identity BIGINT NOT NULL,
  unit_key BIGINT NOT NULL,
  has_source INTEGER NOT NULL
);
