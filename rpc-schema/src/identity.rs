//! Identity & organizations: organizations, their members and roles.

use chrono::{DateTime, Utc};
use sent_rpc::{Page, Role, dto, service};
use uuid::Uuid;

/// An organization: the tenant every row belongs to.
#[dto]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organization {
    #[id]
    pub organization_id: Uuid,
    pub name: String,
    /// Incremented by every change; pass it back to update.
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// An organization the caller belongs to, with the caller's role in it.
#[dto]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Membership {
    #[id]
    pub organization_id: Uuid,
    pub organization_name: String,
    pub role: Role,
}

/// The signed-in user.
#[dto]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Me {
    /// SENT's id for the user, derived from the provider's issuer and subject.
    pub user_id: Uuid,
    pub email: Option<String>,
    pub display_name: Option<String>,
    /// Every organization the user belongs to.
    pub memberships: Vec<Membership>,
}

/// A member of the call's organization.
#[dto]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    #[id]
    pub user_id: Uuid,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A new organization; the caller becomes its owner.
#[dto]
#[derive(Debug, Clone)]
pub struct CreateOrganization {
    /// 1 to 200 characters.
    pub name: String,
}

/// A change to the call's organization.
#[dto]
#[derive(Debug, Clone)]
pub struct UpdateOrganization {
    pub name: String,
    /// The version this change is based on; a newer one is a conflict.
    pub version: i32,
}

/// A user to add to the call's organization.
#[dto]
#[derive(Debug, Clone)]
pub struct AddMember {
    /// The user's SENT id (see `identity.me`).
    #[id]
    pub user_id: Uuid,
    pub email: String,
    pub display_name: String,
    pub role: Role,
}

/// Which page of members.
#[dto]
#[derive(Debug, Clone, Default)]
pub struct ListMembers {
    /// From a previous page's `nextCursor`.
    pub cursor: Option<String>,
    /// At most 200; 50 when absent.
    pub limit: Option<u32>,
}

/// One member, by user id.
#[dto]
#[derive(Debug, Clone)]
pub struct MemberRef {
    #[id]
    pub user_id: Uuid,
}

/// A new role for a member.
#[dto]
#[derive(Debug, Clone)]
pub struct UpdateMemberRole {
    #[id]
    pub user_id: Uuid,
    pub role: Role,
    /// The member's version this change is based on.
    pub version: i32,
}

/// A member to remove.
#[dto]
#[derive(Debug, Clone)]
pub struct RemoveMember {
    #[id]
    pub user_id: Uuid,
    /// The member's version this removal is based on.
    pub version: i32,
}

/// The member that was removed.
#[dto]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemovedMember {
    #[id]
    pub user_id: Uuid,
}

/// Where an invitation stands.
#[dto]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InvitationStatus {
    /// Sent, not yet accepted, revoked or lapsed.
    Pending,
    Accepted,
    Revoked,
    /// Not accepted in time.
    Expired,
}

/// An invitation to join the call's organization.
#[dto]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitation {
    #[id]
    pub invitation_id: Uuid,
    /// Only a person signed in with this address may accept it.
    pub email: String,
    /// The role the invitee gets.
    pub role: Role,
    pub invited_by: Uuid,
    pub status: InvitationStatus,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    /// Pass it back to revoke.
    pub version: i32,
}

/// A new invitation and its secret: send the secret to the invitee. It is
/// shown this once; SENT keeps only its hash.
#[dto]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuedInvitation {
    #[id]
    pub invitation: Invitation,
    #[sensitive]
    pub token: String,
}

/// Whom to invite into the call's organization, with which role. Only an
/// owner may invite an owner.
#[dto]
#[derive(Debug, Clone)]
pub struct InviteMember {
    pub email: String,
    pub role: Role,
    /// Days the invitation stays open, 1 to 30; 7 when absent.
    pub valid_days: Option<i32>,
}

/// Which page of invitations, newest first.
#[dto]
#[derive(Debug, Clone, Default)]
pub struct ListInvitations {
    /// From a previous page's `nextCursor`.
    pub cursor: Option<String>,
    /// At most 200; 50 when absent.
    pub limit: Option<u32>,
}

/// An invitation to revoke.
#[dto]
#[derive(Debug, Clone)]
pub struct RevokeInvitation {
    #[id]
    pub invitation_id: Uuid,
    /// The invitation's version this revocation is based on.
    pub version: i32,
}

/// The secret of an invitation, to accept it.
#[dto]
#[derive(Debug, Clone)]
pub struct AcceptInvitation {
    #[sensitive]
    pub token: String,
}

/// Organizations, members, roles and invitations.
#[service(app = "identity")]
pub trait Identity {
    /// The signed-in user and the organizations they belong to.
    #[rpc(query, role = "authenticated")]
    async fn me() -> Me;

    /// Create an organization. The caller becomes its owner.
    #[rpc(mutation, role = "authenticated", errors(validation))]
    async fn create_organization(params: CreateOrganization) -> Organization;

    /// The call's organization.
    #[rpc(query, role = "auditor")]
    async fn get_organization() -> Organization;

    /// Rename the call's organization.
    #[rpc(mutation, role = "admin", errors(conflict, validation))]
    async fn update_organization(params: UpdateOrganization) -> Organization;

    /// Members of the call's organization, ordered by email.
    #[rpc(query, role = "auditor", errors(validation))]
    async fn list_members(params: ListMembers) -> Page<Member>;

    /// One member of the call's organization.
    #[rpc(query, role = "auditor", errors(not_found))]
    async fn get_member(params: MemberRef) -> Member;

    /// Add a user to the call's organization. Only an owner may add an owner.
    #[rpc(mutation, role = "admin", errors(conflict, validation, forbidden))]
    async fn add_member(params: AddMember) -> Member;

    /// Change a member's role. Only an owner may grant or take away
    /// ownership, and the last owner stays an owner.
    #[rpc(mutation, role = "admin", errors(not_found, conflict, forbidden))]
    async fn update_member_role(params: UpdateMemberRole) -> Member;

    /// Remove a member. Only an owner may remove an owner, and never the
    /// last one.
    #[rpc(mutation, role = "admin", errors(not_found, conflict, forbidden))]
    async fn remove_member(params: RemoveMember) -> RemovedMember;

    /// Invite an email address into the call's organization. The answer
    /// carries the secret to send to the invitee, once.
    #[rpc(mutation, role = "admin", errors(conflict, validation, forbidden))]
    async fn invite_member(params: InviteMember) -> IssuedInvitation;

    /// Invitations of the call's organization, newest first.
    #[rpc(query, role = "admin", errors(validation))]
    async fn list_invitations(params: ListInvitations) -> Page<Invitation>;

    /// Withdraw a pending invitation.
    #[rpc(mutation, role = "admin", errors(not_found, conflict))]
    async fn revoke_invitation(params: RevokeInvitation) -> Invitation;

    /// Join the organization an invitation is for, as the signed-in person
    /// whose email address it names.
    #[rpc(mutation, role = "authenticated", errors(not_found, conflict, forbidden, validation))]
    async fn accept_invitation(params: AcceptInvitation) -> Membership;
}
