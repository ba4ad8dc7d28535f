-- Person accounts (citizens and candidates who register themselves) and their personal data.
-- An account's email address (lowercased; NULL when it has none, so many staff accounts can have none) and
-- when it was confirmed by a link sent to it.
ALTER TABLE users ADD COLUMN email TEXT;
ALTER TABLE users ADD COLUMN email_confirmed_at TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX ux_users_email ON users (email);

-- A person's data beside their account. The IIN is never kept in clear: iin_hash is a keyed hash (unique:
-- one person, one account), iin_sealed the IIN encrypted under the key named by iin_key_id (rotatable).
-- birth_date and sex are read from the IIN for the age bands and sex of the fairness statistics.
CREATE TABLE persons (
  user_id INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  full_name TEXT NOT NULL,
  iin_hash TEXT NOT NULL UNIQUE,
  iin_sealed TEXT NOT NULL,
  iin_key_id TEXT NOT NULL,
  birth_date TEXT NOT NULL,
  sex TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX ix_persons_key ON persons (iin_key_id);

-- Single-use links sent by email (confirm an address, reset a password), by the SHA-256 of their token.
CREATE TABLE account_tokens (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  purpose TEXT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at TEXT NOT NULL DEFAULT ''
);
CREATE INDEX ix_account_tokens_user ON account_tokens (user_id, purpose);

-- Consent per purpose of processing, with the text the person saw and when; withdrawn_at ends it.
CREATE TABLE consents (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  purpose TEXT NOT NULL,
  text TEXT NOT NULL,
  lang TEXT NOT NULL,
  given_at TEXT NOT NULL,
  withdrawn_at TEXT NOT NULL DEFAULT ''
);
CREATE INDEX ix_consents_user ON consents (user_id, purpose);
