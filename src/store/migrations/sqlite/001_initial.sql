-- The initial schema of Jospar (SQLite). Every searchable table has `search` (analytics::SearchKey of its
-- code, titles and summaries in kk/ru/en) and `code_key` (natural sort key of the code, see sql/rows.hpp).
-- Booleans are INTEGER 0/1; enums are their stable names from core/plan.hpp.

CREATE TABLE bodies (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  code_key TEXT NOT NULL,
  kind TEXT NOT NULL,
  parent_id INTEGER REFERENCES bodies (id),
  title_kk TEXT NOT NULL DEFAULT '',
  title_ru TEXT NOT NULL DEFAULT '',
  title_en TEXT NOT NULL DEFAULT '',
  search TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX ix_bodies_kind ON bodies (kind);
CREATE INDEX ix_bodies_parent ON bodies (parent_id);
CREATE INDEX ix_bodies_code_key ON bodies (code_key, id);

CREATE TABLE documents (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  code_key TEXT NOT NULL,
  tier INTEGER NOT NULL CHECK (tier BETWEEN 1 AND 5),
  type TEXT NOT NULL DEFAULT '',
  title_kk TEXT NOT NULL DEFAULT '',
  title_ru TEXT NOT NULL DEFAULT '',
  title_en TEXT NOT NULL DEFAULT '',
  summary_kk TEXT NOT NULL DEFAULT '',
  summary_ru TEXT NOT NULL DEFAULT '',
  summary_en TEXT NOT NULL DEFAULT '',
  act_kind TEXT NOT NULL DEFAULT '',
  act_number TEXT NOT NULL DEFAULT '',
  act_date TEXT NOT NULL DEFAULT '',
  owner_body_id INTEGER REFERENCES bodies (id),
  start_year INTEGER,
  end_year INTEGER,
  status TEXT NOT NULL,
  merged_into_id INTEGER REFERENCES documents (id),
  parent_id INTEGER REFERENCES documents (id),
  edition INTEGER NOT NULL DEFAULT 1,
  demo INTEGER NOT NULL DEFAULT 0,
  search TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX ix_documents_tier ON documents (tier);
CREATE INDEX ix_documents_status ON documents (status);
CREATE INDEX ix_documents_owner ON documents (owner_body_id);
CREATE INDEX ix_documents_parent ON documents (parent_id);
CREATE INDEX ix_documents_merged ON documents (merged_into_id);
CREATE INDEX ix_documents_type ON documents (type);
CREATE INDEX ix_documents_code_key ON documents (code_key, id);

CREATE TABLE document_editions (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  edition INTEGER NOT NULL,
  snapshot TEXT NOT NULL,
  amend_act_kind TEXT NOT NULL DEFAULT '',
  amend_act_number TEXT NOT NULL DEFAULT '',
  amend_act_date TEXT NOT NULL DEFAULT '',
  UNIQUE (document_id, edition)
);

CREATE TABLE goals (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents (id),
  parent_id INTEGER REFERENCES goals (id),
  code TEXT NOT NULL,
  code_key TEXT NOT NULL,
  title_kk TEXT NOT NULL DEFAULT '',
  title_ru TEXT NOT NULL DEFAULT '',
  title_en TEXT NOT NULL DEFAULT '',
  demo INTEGER NOT NULL DEFAULT 0,
  search TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (document_id, code)
);
CREATE INDEX ix_goals_parent ON goals (parent_id);
CREATE INDEX ix_goals_code_key ON goals (code_key, id);

CREATE TABLE sdg_nodes (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  code_key TEXT NOT NULL,
  kind TEXT NOT NULL,
  parent_id INTEGER REFERENCES sdg_nodes (id),
  title_kk TEXT NOT NULL DEFAULT '',
  title_ru TEXT NOT NULL DEFAULT '',
  title_en TEXT NOT NULL DEFAULT '',
  search TEXT NOT NULL DEFAULT ''
);
CREATE INDEX ix_sdg_nodes_parent ON sdg_nodes (parent_id, code_key);

CREATE TABLE indicators (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  code_key TEXT NOT NULL,
  goal_id INTEGER REFERENCES goals (id),
  sdg_target_id INTEGER REFERENCES sdg_nodes (id),
  kind TEXT NOT NULL,
  title_kk TEXT NOT NULL DEFAULT '',
  title_ru TEXT NOT NULL DEFAULT '',
  title_en TEXT NOT NULL DEFAULT '',
  unit_kk TEXT NOT NULL DEFAULT '',
  unit_ru TEXT NOT NULL DEFAULT '',
  unit_en TEXT NOT NULL DEFAULT '',
  direction TEXT NOT NULL,
  baseline_year INTEGER,
  baseline_value REAL,
  target_year INTEGER,
  target_value REAL,
  responsible_body_id INTEGER REFERENCES bodies (id),
  source_kk TEXT NOT NULL DEFAULT '',
  source_ru TEXT NOT NULL DEFAULT '',
  source_en TEXT NOT NULL DEFAULT '',
  demo INTEGER NOT NULL DEFAULT 0,
  search TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX ix_indicators_goal ON indicators (goal_id);
CREATE INDEX ix_indicators_sdg_target ON indicators (sdg_target_id);
CREATE INDEX ix_indicators_body ON indicators (responsible_body_id);
CREATE INDEX ix_indicators_code_key ON indicators (code_key, id);

CREATE TABLE indicator_plan (
  indicator_id INTEGER NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
  year INTEGER NOT NULL,
  value REAL NOT NULL,
  PRIMARY KEY (indicator_id, year)
);

CREATE TABLE observations (
  id INTEGER PRIMARY KEY,
  indicator_id INTEGER NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
  series TEXT NOT NULL DEFAULT '',
  unit TEXT NOT NULL DEFAULT '',
  period TEXT NOT NULL,
  disaggregation TEXT NOT NULL DEFAULT '',
  value REAL NOT NULL,
  demo INTEGER NOT NULL DEFAULT 0,
  UNIQUE (indicator_id, series, unit, period, disaggregation)
);

CREATE TABLE measures (
  id INTEGER PRIMARY KEY,
  goal_id INTEGER NOT NULL REFERENCES goals (id),
  title_kk TEXT NOT NULL DEFAULT '',
  title_ru TEXT NOT NULL DEFAULT '',
  title_en TEXT NOT NULL DEFAULT '',
  deadline TEXT NOT NULL DEFAULT '',
  responsible_body_id INTEGER REFERENCES bodies (id),
  budget_programme TEXT NOT NULL DEFAULT '',
  demo INTEGER NOT NULL DEFAULT 0,
  search TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX ix_measures_goal ON measures (goal_id);
CREATE INDEX ix_measures_body ON measures (responsible_body_id);

CREATE TABLE measure_amounts (
  measure_id INTEGER NOT NULL REFERENCES measures (id) ON DELETE CASCADE,
  year INTEGER NOT NULL,
  value REAL NOT NULL,
  PRIMARY KEY (measure_id, year)
);

CREATE TABLE code_names (
  dimension TEXT NOT NULL,
  code TEXT NOT NULL,
  title_kk TEXT NOT NULL DEFAULT '',
  title_ru TEXT NOT NULL DEFAULT '',
  title_en TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (dimension, code)
);

-- Links and history point at objects of several kinds, so they carry (kind, id) without a foreign key;
-- deleting an object deletes its links in the same transaction (sql/repo_*.cpp).
CREATE TABLE links (
  id INTEGER PRIMARY KEY,
  from_kind TEXT NOT NULL,
  from_id INTEGER NOT NULL,
  to_kind TEXT NOT NULL,
  to_id INTEGER NOT NULL,
  UNIQUE (from_kind, from_id, to_kind, to_id)
);
CREATE INDEX ix_links_to ON links (to_kind, to_id);

CREATE TABLE history (
  id INTEGER PRIMARY KEY,
  object_kind TEXT NOT NULL,
  object_id INTEGER NOT NULL,
  actor TEXT NOT NULL,
  at TEXT NOT NULL,
  action TEXT NOT NULL,
  changes TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX ix_history_object ON history (object_kind, object_id, id);

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL,
  body_id INTEGER REFERENCES bodies (id),
  password_hash TEXT NOT NULL DEFAULT '',
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL DEFAULT ''
);
CREATE INDEX ix_users_body ON users (body_id);

CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL
);
CREATE INDEX ix_sessions_user ON sessions (user_id);
CREATE INDEX ix_sessions_created ON sessions (created_at);
CREATE INDEX ix_sessions_seen ON sessions (last_seen_at);

CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name TEXT NOT NULL DEFAULT '',
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL DEFAULT ''
);
CREATE INDEX ix_api_tokens_user ON api_tokens (user_id);
