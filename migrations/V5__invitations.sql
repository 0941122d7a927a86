-- Invitations: an admin invites an email address with a role; the person
-- signs in and accepts with the secret they were sent. The database keeps
-- only the secret's SHA-256.

CREATE TABLE invitations (
    organization_id uuid        NOT NULL REFERENCES organizations (organization_id),
    invitation_id   uuid        NOT NULL,
    email           text        NOT NULL CHECK (length(email) BETWEEN 3 AND 320),
    role            text        NOT NULL CHECK (role IN ('owner', 'admin', 'member', 'auditor')),
    token_hash      bytea       NOT NULL,
    invited_by      uuid        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    expires_at      timestamptz NOT NULL,
    accepted_by     uuid,
    accepted_at     timestamptz,
    revoked_at      timestamptz,
    version         integer     NOT NULL DEFAULT 1,
    PRIMARY KEY (organization_id, invitation_id),
    UNIQUE (organization_id, token_hash),
    CHECK (accepted_at IS NULL OR revoked_at IS NULL)
);
-- One open invitation per address and organization.
CREATE UNIQUE INDEX invitations_one_open_per_email
    ON invitations (organization_id, lower(email))
    WHERE accepted_at IS NULL AND revoked_at IS NULL;

ALTER TABLE invitations ENABLE ROW LEVEL SECURITY;
ALTER TABLE invitations FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON invitations
    USING (organization_id = sent_current_org())
    WITH CHECK (organization_id = sent_current_org());

GRANT SELECT, INSERT, UPDATE ON invitations TO sent_app;
