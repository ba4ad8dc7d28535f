-- Personal-data rights (core/accounts/personal_data.hpp).
-- When the account last signed in (UTC ISO 8601; '' never): the retention of an account not used for three
-- years counts from it (from created_at when it never signed in). A column rather than the sessions, which
-- are deleted hours after they end.
ALTER TABLE users ADD COLUMN last_sign_in_at TEXT NOT NULL DEFAULT '';

-- Every read of a person's data by staff, shown to that person ("who viewed my data"): who read it, in which
-- role, what was read ("person", "iin", ...) and why. Kept after an erasure, with the reason cleared (it may
-- name the person), so that staff access stays accountable.
CREATE TABLE personal_data_access (
  id INTEGER PRIMARY KEY,
  person_user_id INTEGER NOT NULL REFERENCES users (id),
  viewer_user_id INTEGER NOT NULL REFERENCES users (id),
  viewer_role TEXT NOT NULL,
  what TEXT NOT NULL,
  purpose TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  at TEXT NOT NULL
);
CREATE INDEX ix_personal_data_access_person ON personal_data_access (person_user_id, id);
CREATE INDEX ix_users_retention ON users (role, last_sign_in_at);
