//! Identity & organizations.

use sent_queries::queries::identity as q;
use sent_rpc::{Page, Role, RpcError};
use sent_rpc_schema::identity::{
    AcceptInvitation, AddMember, CreateOrganization, Identity, Invitation, InviteMember, IssuedInvitation,
    ListInvitations, ListMembers, Me, Member, MemberRef, Membership, Organization, RemoveMember, RemovedMember,
    RevokeInvitation, UpdateMemberRole, UpdateOrganization,
};
use sent_runtime::{Ctx, Db};

use crate::{invitations, paging};

#[derive(Debug)]
pub struct IdentityService;

impl Identity<Ctx> for IdentityService {
    async fn me(&self, cx: &mut Ctx) -> Result<Me, RpcError> {
        let identity = cx.identity()?.clone();
        let rows = q::my_memberships().bind(cx.db().await?, &identity.user_id).all().await?;
        let memberships = rows
            .into_iter()
            .map(|row| {
                Ok(Membership {
                    organization_id: row.organization_id,
                    organization_name: row.organization_name,
                    role: role(&row.role)?,
                })
            })
            .collect::<Result<_, RpcError>>()?;
        Ok(Me { user_id: identity.user_id, email: identity.email, display_name: identity.name, memberships })
    }

    async fn create_organization(&self, cx: &mut Ctx, params: CreateOrganization) -> Result<Organization, RpcError> {
        let name = name("name", &params.name)?;
        let identity = cx.identity()?.clone();
        let organization_id = uuid::Uuid::now_v7();
        cx.enter_new_organization(organization_id).await?;
        let db = cx.db().await?;
        let organization = q::insert_organization().bind(db, &organization_id, &name).one().await?;
        let email = identity.email.clone().unwrap_or_else(|| identity.subject.clone());
        let display_name = identity.name.clone().unwrap_or_else(|| email.clone());
        q::insert_member()
            .bind(db, &organization_id, &identity.user_id, &email, &display_name, &Role::Owner.name())
            .one()
            .await?;
        Ok(organization_dto(organization))
    }

    async fn get_organization(&self, cx: &mut Ctx) -> Result<Organization, RpcError> {
        let organization_id = cx.organization_id()?;
        let row = q::organization_by_id().bind(cx.db().await?, &organization_id).opt().await?;
        row.map(organization_dto).ok_or_else(|| RpcError::not_found("Organization"))
    }

    async fn update_organization(&self, cx: &mut Ctx, params: UpdateOrganization) -> Result<Organization, RpcError> {
        let name = name("name", &params.name)?;
        let organization_id = cx.organization_id()?;
        let db = cx.db().await?;
        match q::update_organization().bind(db, &name, &organization_id, &params.version).opt().await? {
            Some(row) => Ok(organization_dto(row)),
            None => {
                let current = q::organization_by_id().bind(db, &organization_id).opt().await?;
                Err(stale("Organization", params.version, current.map(|o| o.version)))
            }
        }
    }

    async fn list_members(&self, cx: &mut Ctx, params: ListMembers) -> Result<Page<Member>, RpcError> {
        let (limit, fetch) = paging::limit(params.limit)?;
        let organization_id = cx.organization_id()?;
        let rows = q::members_page().bind(cx.db().await?, &organization_id, &params.cursor, &fetch).all().await?;
        let members = rows.into_iter().map(member_dto).collect::<Result<Vec<_>, _>>()?;
        Ok(Page::from_rows(members, limit, |m| m.email.clone()))
    }

    async fn get_member(&self, cx: &mut Ctx, params: MemberRef) -> Result<Member, RpcError> {
        let organization_id = cx.organization_id()?;
        let row = q::member_by_id().bind(cx.db().await?, &organization_id, &params.user_id).opt().await?;
        row.map(member_dto).transpose()?.ok_or_else(|| RpcError::not_found("Member"))
    }

    async fn add_member(&self, cx: &mut Ctx, params: AddMember) -> Result<Member, RpcError> {
        let email = email(&params.email)?;
        let display_name = name("displayName", &params.display_name)?;
        let tenant = cx.tenant()?;
        if params.role == Role::Owner && tenant.role != Role::Owner {
            return Err(RpcError::forbidden("Only an owner may add an owner"));
        }
        let row = q::insert_member()
            .bind(cx.db().await?, &tenant.organization_id, &params.user_id, &email, &display_name, &params.role.name())
            .one()
            .await?;
        member_dto(row)
    }

    async fn update_member_role(&self, cx: &mut Ctx, params: UpdateMemberRole) -> Result<Member, RpcError> {
        let tenant = cx.tenant()?;
        let db = cx.db().await?;
        let current = q::member_by_id()
            .bind(db, &tenant.organization_id, &params.user_id)
            .opt()
            .await?
            .ok_or_else(|| RpcError::not_found("Member"))?;
        let current_role = role(&current.role)?;
        if (params.role == Role::Owner || current_role == Role::Owner) && tenant.role != Role::Owner {
            return Err(RpcError::forbidden("Only an owner may grant or take away ownership"));
        }
        if current_role == Role::Owner && params.role != Role::Owner {
            keep_an_owner(db, tenant.organization_id).await?;
        }
        let row = q::update_member_role()
            .bind(db, &params.role.name(), &tenant.organization_id, &params.user_id, &params.version)
            .opt()
            .await?;
        match row {
            Some(row) => member_dto(row),
            None => Err(stale("Member", params.version, Some(current.version))),
        }
    }

    async fn remove_member(&self, cx: &mut Ctx, params: RemoveMember) -> Result<RemovedMember, RpcError> {
        let tenant = cx.tenant()?;
        let db = cx.db().await?;
        let current = q::member_by_id()
            .bind(db, &tenant.organization_id, &params.user_id)
            .opt()
            .await?
            .ok_or_else(|| RpcError::not_found("Member"))?;
        if role(&current.role)? == Role::Owner {
            if tenant.role != Role::Owner {
                return Err(RpcError::forbidden("Only an owner may remove an owner"));
            }
            keep_an_owner(db, tenant.organization_id).await?;
        }
        match q::delete_member().bind(db, &tenant.organization_id, &params.user_id, &params.version).opt().await? {
            Some(user_id) => Ok(RemovedMember { user_id }),
            None => Err(stale("Member", params.version, Some(current.version))),
        }
    }

    async fn invite_member(&self, cx: &mut Ctx, params: InviteMember) -> Result<IssuedInvitation, RpcError> {
        invitations::invite(cx, params).await
    }

    async fn list_invitations(&self, cx: &mut Ctx, params: ListInvitations) -> Result<Page<Invitation>, RpcError> {
        invitations::list(cx, params).await
    }

    async fn revoke_invitation(&self, cx: &mut Ctx, params: RevokeInvitation) -> Result<Invitation, RpcError> {
        invitations::revoke(cx, params).await
    }

    async fn accept_invitation(&self, cx: &mut Ctx, params: AcceptInvitation) -> Result<Membership, RpcError> {
        invitations::accept(cx, params).await
    }
}

/// Refuse to take away the organization's last owner. The owners' rows are
/// locked, so two concurrent demotions cannot each see the other.
async fn keep_an_owner(db: &Db, organization_id: uuid::Uuid) -> Result<(), RpcError> {
    let owners = q::lock_owners().bind(db, &organization_id).all().await?;
    if owners.len() <= 1 {
        return Err(RpcError::conflict("An organization keeps at least one owner"));
    }
    Ok(())
}

fn organization_dto(row: q::Organization) -> Organization {
    Organization {
        organization_id: row.organization_id,
        name: row.name,
        version: row.version,
        created_at: row.created_at,
        updated_at: row.updated_at,
    }
}

fn member_dto(row: q::Member) -> Result<Member, RpcError> {
    Ok(Member {
        user_id: row.user_id,
        email: row.email,
        display_name: row.display_name,
        role: role(&row.role)?,
        version: row.version,
        created_at: row.created_at,
        updated_at: row.updated_at,
    })
}

pub(crate) fn role(name: &str) -> Result<Role, RpcError> {
    Role::from_name(name).ok_or_else(|| RpcError::internal(format!("unknown role {name:?} in the database")))
}

/// A trimmed name of 1 to 200 characters.
pub(crate) fn name(field: &str, value: &str) -> Result<String, RpcError> {
    let trimmed = value.trim();
    if trimmed.is_empty() || trimmed.chars().count() > 200 {
        return Err(RpcError::validation(field, format!("{field} must be 1 to 200 characters")));
    }
    Ok(trimmed.to_owned())
}

pub(crate) fn email(value: &str) -> Result<String, RpcError> {
    let trimmed = value.trim();
    let valid = trimmed.len() <= 320
        && trimmed
            .split_once('@')
            .is_some_and(|(local, domain)| !local.is_empty() && !domain.is_empty() && !domain.contains('@'));
    if !valid {
        return Err(RpcError::validation("email", "email must look like name@domain"));
    }
    Ok(trimmed.to_owned())
}

/// An update based on a version that is no longer current.
pub(crate) fn stale(what: &str, expected: i32, current: Option<i32>) -> RpcError {
    match current {
        None => RpcError::not_found(what),
        Some(current) => {
            RpcError::conflict(format!("{what} changed since version {expected}; it is at version {current}"))
                .with("currentVersion", current)
        }
    }
}
