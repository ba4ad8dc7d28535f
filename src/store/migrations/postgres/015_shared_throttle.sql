-- What guards sign-in and unsafe requests, shared by every process on the database
-- (core/accounts/throttle.hpp). Keys are digests (no name or address in clear); rows are purged once
-- they no longer count: failures older than the window, expired second steps, full request buckets.
CREATE TABLE sign_in_failures (
  key TEXT COLLATE "C" NOT NULL,  -- SHA-256 of "u:" + account or "a:" + client address
  at BIGINT NOT NULL
);
CREATE INDEX ix_sign_in_failures_key ON sign_in_failures (key, at);
CREATE INDEX ix_sign_in_failures_at ON sign_in_failures (at);

CREATE TABLE second_steps (
  token_hash TEXT COLLATE "C" PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  account_key TEXT COLLATE "C" NOT NULL,
  binding_hash TEXT COLLATE "C" NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX ix_second_steps_expires ON second_steps (expires_at);

-- One row per client address: the bucket's theoretical arrival time in ms (GCRA) and whether the last
-- turn was allowed. UNLOGGED: every unsafe request updates it, and without WAL its commits neither write
-- nor wait for the log; after a crash PostgreSQL empties it, which only refills every bucket. No index but
-- the key, so that updates stay HOT (in place).
CREATE UNLOGGED TABLE request_buckets (
  client TEXT COLLATE "C" PRIMARY KEY,
  tat_ms BIGINT NOT NULL,
  allowed INTEGER NOT NULL
) WITH (fillfactor = 70);
