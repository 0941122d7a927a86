-- Identity & organizations. Every query names its organization; row-level
-- security applies the same rule a second time.

--: Organization()
--: Member()
--: Membership()

--! member_role
SELECT role FROM members
 WHERE organization_id = :organization_id AND user_id = :user_id;

--! my_memberships : Membership
-- Across tenants by design: the caller's own memberships, which the
-- `my_memberships` and `my_organizations` policies let a user see.
SELECT m.organization_id, o.name AS organization_name, m.role
  FROM members m
  JOIN organizations o ON o.organization_id = m.organization_id
 WHERE m.user_id = :user_id
 ORDER BY o.name, m.organization_id;

--! insert_organization : Organization
INSERT INTO organizations (organization_id, name)
VALUES (:organization_id, :name)
RETURNING organization_id, name, version, created_at, updated_at;

--! organization_by_id : Organization
SELECT organization_id, name, version, created_at, updated_at
  FROM organizations
 WHERE organization_id = :organization_id;

--! update_organization : Organization
UPDATE organizations
   SET name = :name, version = version + 1, updated_at = now()
 WHERE organization_id = :organization_id AND version = :version
RETURNING organization_id, name, version, created_at, updated_at;

--! insert_member : Member
INSERT INTO members (organization_id, user_id, email, display_name, role)
VALUES (:organization_id, :user_id, :email, :display_name, :role)
RETURNING user_id, email, display_name, role, version, created_at, updated_at;

--! members_page (after_email?) : Member
SELECT user_id, email, display_name, role, version, created_at, updated_at
  FROM members
 WHERE organization_id = :organization_id
   AND (:after_email::text IS NULL OR email > :after_email)
 ORDER BY email
 LIMIT :limit;

--! member_by_id : Member
SELECT user_id, email, display_name, role, version, created_at, updated_at
  FROM members
 WHERE organization_id = :organization_id AND user_id = :user_id;

--! update_member_role : Member
UPDATE members
   SET role = :role, version = version + 1, updated_at = now()
 WHERE organization_id = :organization_id AND user_id = :user_id AND version = :version
RETURNING user_id, email, display_name, role, version, created_at, updated_at;

--! delete_member
DELETE FROM members
 WHERE organization_id = :organization_id AND user_id = :user_id AND version = :version
RETURNING user_id;

--! lock_owners
-- Locks the owners' rows so two concurrent demotions cannot both see a
-- second owner.
SELECT user_id FROM members
 WHERE organization_id = :organization_id AND role = 'owner'
   FOR UPDATE;

--: Session(email?, display_name?)

--! upsert_user (email?, display_name?)
-- First sign-in provisions the user; later ones refresh what the provider
-- says about them.
INSERT INTO users (user_id, issuer, subject, email, display_name)
VALUES (:user_id, :issuer, :subject, :email, :display_name)
ON CONFLICT (user_id) DO UPDATE
   SET email = EXCLUDED.email, display_name = EXCLUDED.display_name, last_seen_at = now();

--! insert_session (email?, display_name?)
INSERT INTO sessions (session_hash, user_id, issuer, subject, email, display_name, expires_at)
VALUES (:session_hash, :user_id, :issuer, :subject, :email, :display_name, :expires_at);

--! live_session : Session
SELECT user_id, issuer, subject, email, display_name, expires_at
  FROM sessions
 WHERE session_hash = :session_hash AND revoked_at IS NULL AND expires_at > now();

--! revoke_session
UPDATE sessions SET revoked_at = now() WHERE session_hash = :session_hash AND revoked_at IS NULL;

--! revoke_user_sessions
UPDATE sessions SET revoked_at = now() WHERE user_id = :user_id AND revoked_at IS NULL;

--! insert_sign_in
INSERT INTO sign_ins (state_hash, nonce, pkce_verifier, return_to, expires_at)
VALUES (:state_hash, :nonce, :pkce_verifier, :return_to, now() + interval '10 minutes');

--! take_sign_in
DELETE FROM sign_ins
 WHERE state_hash = :state_hash AND expires_at > now()
RETURNING nonce, pkce_verifier, return_to;

--! purge_sign_ins
DELETE FROM sign_ins WHERE expires_at <= now();

--: Invitation(accepted_at?, revoked_at?)

--! close_lapsed_invitations
-- An invitation past its time no longer holds its address.
UPDATE invitations
   SET revoked_at = now(), version = version + 1
 WHERE organization_id = :organization_id AND lower(email) = lower(:email)
   AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at <= now();

--! insert_invitation : Invitation
INSERT INTO invitations (organization_id, invitation_id, email, role, token_hash, invited_by, expires_at)
VALUES (:organization_id, :invitation_id, :email, :role, :token_hash, :invited_by, now() + make_interval(days => :valid_days))
RETURNING invitation_id, email, role, invited_by, created_at, expires_at, accepted_at, revoked_at, version;

--! member_by_email
SELECT user_id FROM members
 WHERE organization_id = :organization_id AND lower(email) = lower(:email);

--! invitations_page (after_id?) : Invitation
SELECT invitation_id, email, role, invited_by, created_at, expires_at, accepted_at, revoked_at, version
  FROM invitations
 WHERE organization_id = :organization_id
   AND (:after_id::uuid IS NULL OR invitation_id < :after_id)
 ORDER BY invitation_id DESC
 LIMIT :limit;

--! revoke_invitation : Invitation
UPDATE invitations
   SET revoked_at = now(), version = version + 1
 WHERE organization_id = :organization_id AND invitation_id = :invitation_id AND version = :version
   AND accepted_at IS NULL AND revoked_at IS NULL
RETURNING invitation_id, email, role, invited_by, created_at, expires_at, accepted_at, revoked_at, version;

--! invitation_by_id : Invitation
SELECT invitation_id, email, role, invited_by, created_at, expires_at, accepted_at, revoked_at, version
  FROM invitations
 WHERE organization_id = :organization_id AND invitation_id = :invitation_id;

--! invitation_by_token : Invitation
SELECT invitation_id, email, role, invited_by, created_at, expires_at, accepted_at, revoked_at, version
  FROM invitations
 WHERE organization_id = :organization_id AND token_hash = :token_hash
   FOR UPDATE;

--! mark_invitation_accepted
UPDATE invitations
   SET accepted_at = now(), accepted_by = :accepted_by, version = version + 1
 WHERE organization_id = :organization_id AND invitation_id = :invitation_id AND accepted_at IS NULL
   AND revoked_at IS NULL;
