//! The audit row of a mutation, written in the mutation's own transaction so
//! that one never commits without the other.

use sent_rpc::{AuditFacts, RpcError};

use crate::ctx::Ctx;

/// Append the call's entry to its organization's hash chain.
pub(crate) async fn append(cx: &mut Ctx, method: &str, facts: &AuditFacts) -> Result<(), RpcError> {
    let actor_id = cx.user_id()?;
    // Every mutation acts in an organization; one without a tenant has
    // nothing to audit against and must not commit.
    cx.organization_id()?;
    let request_id = cx.request_id().to_owned();
    sent_queries::queries::audit::append_entry()
        .bind(cx.db().await?, &actor_id, &method, &request_id, &facts.params, &facts.affected_ids)
        .one()
        .await?;
    Ok(())
}
