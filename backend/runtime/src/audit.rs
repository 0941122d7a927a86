//! The audit row of a mutation, written in the mutation's own transaction so
//! that one never commits without the other.

use sent_rpc::{AuditFacts, RpcError};

use crate::ctx::Ctx;

/// Append the call's entry to its organization's hash chain and commit the
/// call's transaction with it, in one round trip: the chain head's row lock,
/// which serialises the organization's mutations, is held one round trip
/// less.
pub(crate) async fn append_and_commit(cx: &mut Ctx, method: &'static str, facts: AuditFacts) -> Result<(), RpcError> {
    let actor_id = cx.user_id()?;
    // Every mutation acts in an organization; one without a tenant has
    // nothing to audit against and must not commit.
    cx.organization_id()?;
    let request_id = cx.request_id().to_owned();
    // Prepared before, so that the row's request goes out ahead of the
    // COMMIT (see `Ctx::commit_after`); prepared once per connection.
    let append = sent_queries::queries::audit::append_entry().prepare(cx.db().await?).await?;
    cx.commit_after(move |db| {
        Box::pin(async move {
            append.bind(db, &actor_id, &method, &request_id, &facts.params, &facts.affected_ids).one().await.map(drop)
        })
    })
    .await
}
