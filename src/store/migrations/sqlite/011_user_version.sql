-- Accounts are changed with optimistic concurrency like every other object: an update names the version
-- it was based on, and a stale one is refused (two admins cannot silently undo each other's change).
ALTER TABLE users ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
