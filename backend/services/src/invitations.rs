//! Invitations of `identity`: issued by an admin for an email address,
//! accepted by the person signed in with it.
//!
//! The secret sent to the invitee is `<organization id>.<256 random bits>`:
//! the organization part lets the accepting call act in that organization
//! (whose rows row-level security would otherwise hide from a non-member);
//! only the SHA-256 of the random part is stored.

use chrono::Utc;
use sent_queries::queries::identity as q;
use sent_rpc::{Page, Role, RpcError};
use sent_rpc_schema::identity::{
    AcceptInvitation, Invitation, InvitationStatus, InviteMember, IssuedInvitation, ListInvitations, Membership,
    RevokeInvitation,
};
use sent_runtime::Ctx;
use uuid::Uuid;

use crate::identity::{email, role, stale};
use crate::paging;

const DEFAULT_VALID_DAYS: i32 = 7;
const MAX_VALID_DAYS: i32 = 30;

pub(crate) async fn invite(cx: &mut Ctx, params: InviteMember) -> Result<IssuedInvitation, RpcError> {
    let email = email(&params.email)?;
    let valid_days = params.valid_days.unwrap_or(DEFAULT_VALID_DAYS);
    if !(1..=MAX_VALID_DAYS).contains(&valid_days) {
        return Err(RpcError::validation("validDays", format!("validDays must be between 1 and {MAX_VALID_DAYS}")));
    }
    let tenant = cx.tenant()?;
    if params.role == Role::Owner && tenant.role != Role::Owner {
        return Err(RpcError::forbidden("Only an owner may invite an owner"));
    }
    let invited_by = cx.user_id()?;
    let db = cx.db().await?;
    if q::member_by_email().bind(db, &tenant.organization_id, &email).opt().await?.is_some() {
        return Err(RpcError::conflict(format!("{email} is already a member")));
    }
    q::close_lapsed_invitations().bind(db, &tenant.organization_id, &email).await?;
    let secret = sent_runtime::secret::generate()?;
    let row = q::insert_invitation()
        .bind(
            db,
            &tenant.organization_id,
            &Uuid::now_v7(),
            &email,
            &params.role.name(),
            &sent_runtime::secret::digest(&secret).as_slice(),
            &invited_by,
            &valid_days,
        )
        .one()
        .await
        .map_err(|error| match RpcError::from(error) {
            conflict if conflict.kind == sent_rpc::ErrorKind::Conflict => {
                RpcError::conflict(format!("{email} already has an open invitation"))
            }
            other => other,
        })?;
    let token = format!("{}.{secret}", tenant.organization_id.simple());
    Ok(IssuedInvitation { invitation: invitation_dto(row)?, token })
}

pub(crate) async fn list(cx: &mut Ctx, params: ListInvitations) -> Result<Page<Invitation>, RpcError> {
    let (limit, fetch) = paging::limit(params.limit)?;
    let after = params.cursor.as_deref().map(|c| c.parse::<Uuid>().map_err(|_| paging::bad_cursor())).transpose()?;
    let organization_id = cx.organization_id()?;
    let rows = q::invitations_page().bind(cx.db().await?, &organization_id, &after, &fetch).all().await?;
    let invitations = rows.into_iter().map(invitation_dto).collect::<Result<Vec<_>, _>>()?;
    Ok(Page::from_rows(invitations, limit, |i| i.invitation_id.to_string()))
}

pub(crate) async fn revoke(cx: &mut Ctx, params: RevokeInvitation) -> Result<Invitation, RpcError> {
    let organization_id = cx.organization_id()?;
    let db = cx.db().await?;
    let revoked =
        q::revoke_invitation().bind(db, &organization_id, &params.invitation_id, &params.version).opt().await?;
    if let Some(row) = revoked {
        return invitation_dto(row);
    }
    let current = q::invitation_by_id()
        .bind(db, &organization_id, &params.invitation_id)
        .opt()
        .await?
        .ok_or_else(|| RpcError::not_found("Invitation"))?;
    match status(&current) {
        InvitationStatus::Pending | InvitationStatus::Expired => {
            Err(stale("Invitation", params.version, Some(current.version)))
        }
        closed => Err(RpcError::conflict(format!("The invitation is already {}", status_word(closed)))),
    }
}

pub(crate) async fn accept(cx: &mut Ctx, params: AcceptInvitation) -> Result<Membership, RpcError> {
    let (organization_id, secret) = parse_token(&params.token)?;
    let identity = cx.identity()?.clone();
    cx.enter_organization_by_invitation(organization_id).await?;
    let db = cx.db().await?;
    let invitation = q::invitation_by_token()
        .bind(db, &organization_id, &sent_runtime::secret::digest(secret).as_slice())
        .opt()
        .await?
        .ok_or_else(|| RpcError::not_found("Invitation"))?;
    match status(&invitation) {
        InvitationStatus::Pending => {}
        closed => return Err(RpcError::conflict(format!("The invitation is {}", status_word(closed)))),
    }
    let invited = invitation.email.to_lowercase();
    if identity.email.as_deref().map(str::to_lowercase).as_deref() != Some(invited.as_str()) {
        return Err(RpcError::forbidden("This invitation is for another email address"));
    }
    if q::member_role().bind(db, &organization_id, &identity.user_id).opt().await?.is_some() {
        return Err(RpcError::conflict("You are already a member of this organization"));
    }
    let display_name = identity.name.clone().unwrap_or_else(|| invitation.email.clone());
    q::insert_member()
        .bind(db, &organization_id, &identity.user_id, &invitation.email, &display_name, &invitation.role)
        .one()
        .await?;
    q::mark_invitation_accepted().bind(db, &identity.user_id, &organization_id, &invitation.invitation_id).await?;
    let organization = q::organization_by_id()
        .bind(db, &organization_id)
        .opt()
        .await?
        .ok_or_else(|| RpcError::not_found("Organization"))?;
    Ok(Membership { organization_id, organization_name: organization.name, role: role(&invitation.role)? })
}

fn parse_token(token: &str) -> Result<(Uuid, &str), RpcError> {
    let malformed = || RpcError::validation("token", "token is not an invitation's secret");
    let (organization, secret) = token.trim().split_once('.').ok_or_else(malformed)?;
    let organization_id = Uuid::try_parse(organization).map_err(|_| malformed())?;
    if !sent_runtime::secret::is_well_formed(secret) {
        return Err(malformed());
    }
    Ok((organization_id, secret))
}

fn status(row: &q::Invitation) -> InvitationStatus {
    if row.accepted_at.is_some() {
        InvitationStatus::Accepted
    } else if row.revoked_at.is_some() {
        InvitationStatus::Revoked
    } else if row.expires_at <= Utc::now() {
        InvitationStatus::Expired
    } else {
        InvitationStatus::Pending
    }
}

fn status_word(status: InvitationStatus) -> &'static str {
    match status {
        InvitationStatus::Pending => "pending",
        InvitationStatus::Accepted => "accepted",
        InvitationStatus::Revoked => "revoked",
        InvitationStatus::Expired => "expired",
    }
}

fn invitation_dto(row: q::Invitation) -> Result<Invitation, RpcError> {
    Ok(Invitation {
        status: status(&row),
        invitation_id: row.invitation_id,
        role: role(&row.role)?,
        email: row.email,
        invited_by: row.invited_by,
        created_at: row.created_at,
        expires_at: row.expires_at,
        version: row.version,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_name_their_organization_and_carry_256_random_bits() {
        let org = Uuid::now_v7();
        let token = format!("{}.{}", org.simple(), sent_runtime::secret::generate().unwrap());
        let (parsed, secret) = parse_token(&token).unwrap();
        assert_eq!(parsed, org);
        assert!(sent_runtime::secret::is_well_formed(secret));
        for bad in
            ["", "no-dot", "not-a-uuid.x", &format!("{}.short", org.simple()), &format!("{}.{}", org, "!".repeat(43))]
        {
            assert!(parse_token(bad).is_err(), "{bad}");
        }
    }
}
