//! The context of one call: who makes it, for which organization, and the
//! transaction its queries run in.
//!
//! The transaction starts on the first query, so a method that never touches
//! the database never takes a connection. It starts with the tenant and the
//! actor set by `set_config(..., true)`, which dies with the transaction: a
//! pooled connection never carries one call's tenant into the next call.

use std::time::Duration;

use deadpool_postgres::{Object, Pool};
use sent_rpc::{Role, RpcError};
use tokio_postgres::CancelToken;
use uuid::Uuid;

use sent_auth::Identity;

/// The organization a call acts in, and the caller's role there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tenant {
    pub organization_id: Uuid,
    pub role: Role,
}

/// Everything a method implementation is given.
#[derive(Debug)]
pub struct Ctx {
    request_id: String,
    identity: Option<Identity>,
    tenant: Option<Tenant>,
    pool: Pool,
    statement_timeout: Duration,
    tx: Option<Transaction>,
}

struct Transaction {
    client: Object,
    cancel: CancelToken,
    /// The tenant the transaction's settings name.
    organization_id: Option<Uuid>,
}

impl std::fmt::Debug for Transaction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Transaction").field("organization_id", &self.organization_id).finish_non_exhaustive()
    }
}

impl Ctx {
    pub(crate) fn new(request_id: String, identity: Option<Identity>, pool: Pool, statement_timeout: Duration) -> Self {
        Self { request_id, identity, tenant: None, pool, statement_timeout, tx: None }
    }

    /// The id that ties this call's log lines and audit row together.
    pub fn request_id(&self) -> &str {
        &self.request_id
    }

    /// The signed-in caller, or -32001.
    pub fn identity(&self) -> Result<&Identity, RpcError> {
        self.identity.as_ref().ok_or_else(|| RpcError::unauthenticated("Sign in to call this method"))
    }

    /// The call's organization and the caller's role in it.
    pub fn tenant(&self) -> Result<Tenant, RpcError> {
        self.tenant.ok_or_else(|| RpcError::forbidden("Choose an organization for this call"))
    }

    /// The call's organization.
    pub fn organization_id(&self) -> Result<Uuid, RpcError> {
        self.tenant().map(|t| t.organization_id)
    }

    /// The caller's user id.
    pub fn user_id(&self) -> Result<Uuid, RpcError> {
        self.identity().map(|i| i.user_id)
    }

    pub(crate) fn set_tenant(&mut self, tenant: Tenant) {
        self.tenant = Some(tenant);
    }

    /// Act in an organization the call itself has just created, as its owner
    /// (`identity.createOrganization`): from here on the call's queries and
    /// audit row belong to it.
    pub async fn enter_new_organization(&mut self, organization_id: Uuid) -> Result<(), RpcError> {
        self.identity()?;
        self.tenant = Some(Tenant { organization_id, role: Role::Owner });
        self.db().await?;
        Ok(())
    }

    /// Act in the organization an invitation names, before the caller is a
    /// member (`identity.acceptInvitation`): row-level security then shows
    /// the call that organization's rows, so the implementation must find
    /// the invitation by its secret before it reads or writes anything else.
    pub async fn enter_organization_by_invitation(&mut self, organization_id: Uuid) -> Result<(), RpcError> {
        self.identity()?;
        self.tenant = Some(Tenant { organization_id, role: Role::Auditor });
        self.db().await?;
        Ok(())
    }

    /// The call's transaction, begun on first use with the tenant and actor
    /// set for row-level security.
    pub async fn db(&mut self) -> Result<&crate::Db, RpcError> {
        let organization_id = self.tenant.map(|t| t.organization_id);
        let needs_settings = match &self.tx {
            None => {
                let client = self.pool.get().await.map_err(crate::database_unavailable)?;
                let cancel = client.cancel_token();
                client.batch_execute("BEGIN").await?;
                self.tx = Some(Transaction { client, cancel, organization_id: None });
                true
            }
            Some(tx) => tx.organization_id != organization_id,
        };
        let Some(tx) = self.tx.as_mut() else {
            return Err(RpcError::internal("transaction vanished"));
        };
        if needs_settings {
            let org = organization_id.map(|id| id.to_string()).unwrap_or_default();
            let user = self.identity.as_ref().map(|i| i.user_id.to_string()).unwrap_or_default();
            let timeout = format!("{}ms", self.statement_timeout.as_millis().max(1));
            // Prepared once per connection: a plain `execute` of the text
            // would parse and plan it again on every call.
            let settings = tx
                .client
                .prepare_cached(
                    "SELECT set_config('app.org_id', $1, true), set_config('app.user_id', $2, true), \
                     set_config('statement_timeout', $3, true)",
                )
                .await?;
            tx.client.execute(&settings, &[&org, &user, &timeout]).await?;
            tx.organization_id = organization_id;
        }
        Ok(&tx.client)
    }

    /// Whether a transaction is open.
    pub(crate) fn in_transaction(&self) -> bool {
        self.tx.is_some()
    }

    /// Cancel the query running on the call's connection, if any (deadline).
    pub(crate) async fn cancel_running_query(&self) {
        if let Some(tx) = &self.tx
            && let Err(error) = tx.cancel.cancel_query(tokio_postgres::NoTls).await
        {
            tracing::warn!(request_id = %self.request_id, %error, "could not cancel the running query");
        }
    }

    /// Commit the call's transaction.
    pub(crate) async fn commit(&mut self) -> Result<(), RpcError> {
        if let Some(tx) = self.tx.take()
            && let Err(error) = tx.client.batch_execute("COMMIT").await
        {
            // Whatever state the connection is in, it does not go back.
            let _ = Object::take(tx.client);
            return Err(error.into());
        }
        Ok(())
    }

    /// Roll the call's transaction back; a connection that cannot roll back
    /// is closed rather than returned to the pool.
    pub(crate) async fn rollback(&mut self) {
        if let Some(tx) = self.tx.take()
            && let Err(error) = tx.client.batch_execute("ROLLBACK").await
        {
            tracing::warn!(request_id = %self.request_id, %error, "rollback failed; closing the connection");
            let _ = Object::take(tx.client);
        }
    }
}

impl Drop for Ctx {
    fn drop(&mut self) {
        // A call abandoned mid-transaction (its client went away, or it
        // panicked) must not hand an open transaction to the next call:
        // detach the connection so that closing it rolls back.
        if let Some(tx) = self.tx.take() {
            drop(Object::take(tx.client));
        }
    }
}
