-- The mail outbox (core/accounts/outbox.hpp): a message is enqueued in the same transaction as the change
-- that causes it and sent later by the delivery worker. state: pending, sent or dead (given up). A claim
-- moves next_attempt_at forward by its lease, so due items are those pending with next_attempt_at <= now.
CREATE TABLE mail_outbox (
  id INTEGER PRIMARY KEY,
  recipient TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  purpose TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  sent_at INTEGER,
  last_error TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'dead'))
);
CREATE INDEX ix_mail_outbox_due ON mail_outbox (state, next_attempt_at, id);
