-- What guards sign-in and unsafe requests, shared by every process on the database
-- (core/accounts/throttle.hpp). Keys are digests (no name or address in clear); rows are purged once
-- they no longer count: failures older than the window, expired second steps, full request buckets.
CREATE TABLE sign_in_failures (
  key TEXT NOT NULL,  -- SHA-256 of "u:" + account or "a:" + client address
  at INTEGER NOT NULL
);
CREATE INDEX ix_sign_in_failures_key ON sign_in_failures (key, at);
CREATE INDEX ix_sign_in_failures_at ON sign_in_failures (at);

CREATE TABLE second_steps (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  account_key TEXT NOT NULL,
  binding_hash TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX ix_second_steps_expires ON second_steps (expires_at);

-- One row per client address: the bucket's theoretical arrival time in ms (GCRA) and whether the last
-- turn was allowed.
CREATE TABLE request_buckets (
  client TEXT PRIMARY KEY,
  tat_ms INTEGER NOT NULL,
  allowed INTEGER NOT NULL
) WITHOUT ROWID;
