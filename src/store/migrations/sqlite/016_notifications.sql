-- Notifications of every module (core/accounts/notifications.hpp): the kind and its parameters, not the
-- text (rendered from the locales in the reader's language); link is a same-site path without the
-- language prefix; read_at is NULL while unread.
CREATE TABLE notifications (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  module TEXT NOT NULL,
  kind TEXT NOT NULL,
  params TEXT NOT NULL DEFAULT '[]',
  link TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  read_at INTEGER
);
CREATE INDEX ix_notifications_user ON notifications (user_id, id);
CREATE INDEX ix_notifications_unread ON notifications (user_id) WHERE read_at IS NULL;

-- Each user's choice per kind; a kind without a row has its default (in the portal on; email on for
-- important kinds).
CREATE TABLE notification_settings (
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  in_app INTEGER NOT NULL CHECK (in_app IN (0, 1)),
  email INTEGER NOT NULL CHECK (email IN (0, 1)),
  PRIMARY KEY (user_id, kind)
);

-- External sign-in identities (core/accounts/identity.hpp): (provider, subject) signs in to user_id.
CREATE TABLE identity_links (
  provider TEXT NOT NULL,
  subject TEXT NOT NULL,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  PRIMARY KEY (provider, subject)
);
CREATE INDEX ix_identity_links_user ON identity_links (user_id);
