-- What the coherence check reads of the whole plan (sql/repo_coherence.cpp), kept apart from the long texts
-- (titles, summaries, `search`) that share the rows, so that loading the snapshot reads tens of MB instead
-- of the whole tables:
-- * covering indexes with exactly the columns the snapshot reads of documents, goals, measures and
--   indicators (SQLite scans them instead of the tables; they are kept by SQLite itself);
-- * indicator_keys: the keys of each indicator's texts that the rules compare (coherence::TextKey of the
--   titles and unit, of the unit, and whether it has a source). The store writes the row with every insert
--   and update of an indicator, in the same statement sequence (sql/indicator_keys.cpp); deleting the
--   indicator deletes it. The rows of the indicators already there are filled by the migration runner
--   right after this file (migrations.cpp), since SQL has no TextKey.
CREATE INDEX ix_documents_check ON documents (id, code, tier, status, parent_id, merged_into_id, start_year,
                                              end_year);
CREATE INDEX ix_goals_check ON goals (id, document_id, parent_id, code);
CREATE INDEX ix_measures_check ON measures (id, goal_id, deadline);
CREATE INDEX ix_indicators_check ON indicators (id, goal_id, code, responsible_body_id, baseline_value,
                                                target_year, target_value);
CREATE TABLE indicator_keys (
  indicator_id INTEGER PRIMARY KEY REFERENCES indicators (id) ON DELETE CASCADE,
  identity INTEGER NOT NULL,   -- TextKey(title, unit) as a signed 64-bit integer; 0 without a title
  unit_key INTEGER NOT NULL,   -- TextKey(unit); 0 without a unit
  has_source INTEGER NOT NULL  -- 1 when a source is given in any language
);
