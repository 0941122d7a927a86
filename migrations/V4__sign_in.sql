-- Sign-in: users as the provider knows them, server-side sessions, and
-- sign-ins under way. These rows belong to a person, not to a tenant, so
-- they carry no organization_id; row-level security lets a call see only
-- its own user's row.

CREATE TABLE users (
    user_id      uuid        NOT NULL PRIMARY KEY,
    issuer       text        NOT NULL,
    subject      text        NOT NULL,
    email        text,
    display_name text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_seen_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (issuer, subject)
);

ALTER TABLE users ENABLE ROW LEVEL SECURITY;
ALTER TABLE users FORCE ROW LEVEL SECURITY;
CREATE POLICY own_row ON users
    USING (user_id = sent_current_user())
    WITH CHECK (user_id = sent_current_user());

-- A session is found by the hash of its cookie: the database never holds a
-- token that would sign anyone in.
CREATE TABLE sessions (
    session_hash bytea       NOT NULL PRIMARY KEY,
    user_id      uuid        NOT NULL,
    issuer       text        NOT NULL,
    subject      text        NOT NULL,
    email        text,
    display_name text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    revoked_at   timestamptz
);
CREATE INDEX sessions_by_user ON sessions (user_id);

-- Sign-ins under way, keyed by the hash of their `state`; each is taken
-- (deleted) exactly once by the callback.
CREATE TABLE sign_ins (
    state_hash    bytea       NOT NULL PRIMARY KEY,
    nonce         text        NOT NULL,
    pkce_verifier text        NOT NULL,
    return_to     text        NOT NULL,
    expires_at    timestamptz NOT NULL
);

GRANT SELECT, INSERT, UPDATE ON users TO sent_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON sessions, sign_ins TO sent_app;
