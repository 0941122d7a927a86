-- Identity & organizations: organizations and their members.
--
-- A user is the provider's (issuer, subject) pair, identified in SENT by a
-- UUID derived from it, so no table outside a tenant is needed: a user
-- exists through their memberships.

CREATE TABLE organizations (
    organization_id uuid        NOT NULL PRIMARY KEY,
    name            text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    version         integer     NOT NULL DEFAULT 1,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE members (
    organization_id uuid        NOT NULL REFERENCES organizations (organization_id),
    user_id         uuid        NOT NULL,
    email           text        NOT NULL CHECK (length(email) BETWEEN 1 AND 320),
    display_name    text        NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
    role            text        NOT NULL CHECK (role IN ('owner', 'admin', 'member', 'auditor')),
    version         integer     NOT NULL DEFAULT 1,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (organization_id, user_id),
    UNIQUE (organization_id, email)
);
CREATE INDEX members_by_user ON members (user_id);

ALTER TABLE organizations ENABLE ROW LEVEL SECURITY;
ALTER TABLE organizations FORCE ROW LEVEL SECURITY;
-- The current tenant's row, and (read-only) every organization the calling
-- user belongs to, for the organization switcher.
CREATE POLICY tenant ON organizations
    USING (organization_id = sent_current_org())
    WITH CHECK (organization_id = sent_current_org());
CREATE POLICY my_organizations ON organizations FOR SELECT
    USING (EXISTS (SELECT 1 FROM members m
                   WHERE m.organization_id = organizations.organization_id
                     AND m.user_id = sent_current_user()));

ALTER TABLE members ENABLE ROW LEVEL SECURITY;
ALTER TABLE members FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON members
    USING (organization_id = sent_current_org())
    WITH CHECK (organization_id = sent_current_org());
CREATE POLICY my_memberships ON members FOR SELECT
    USING (user_id = sent_current_user());

GRANT SELECT, INSERT, UPDATE, DELETE ON organizations, members TO sent_app;
