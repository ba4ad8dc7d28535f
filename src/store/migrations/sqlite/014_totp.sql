-- Two-factor sign-in (TOTP, RFC 6238). The secret is kept sealed (hex of a libsodium secretbox under the
-- key file of the data directory), never in clear; enabled_at is empty while the enrolment waits for its
-- first code; last_step is the time step of the last accepted code, so that no code opens two sign-ins.
CREATE TABLE user_second_factor (
  user_id INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  secret_sealed TEXT NOT NULL,
  enabled_at TEXT NOT NULL DEFAULT '',
  last_step INTEGER NOT NULL DEFAULT 0
);

-- Single-use recovery codes: the hex SHA-256 of each code (shown once), and when it was used.
CREATE TABLE recovery_codes (
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  code_hash TEXT NOT NULL,
  used_at TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (user_id, code_hash)
);
