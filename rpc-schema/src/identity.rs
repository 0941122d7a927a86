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

/// Organizations, members and roles.
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
}
