//! The context of one call: who makes it, for which organization, and the
//! transaction its queries run in.
//!
//! The transaction starts on the first query, so a method that never touches
//! the database never takes a connection. It starts with the tenant and the
//! actor set by `set_config(..., true)`, which dies with the transaction: a
//! pooled connection never carries one call's tenant into the next call.

use std::time::Duration;

use deadpool_postgres::Object;
use sent_rpc::{Role, RpcError};
use tokio_postgres::types::ToSql;
use tokio_postgres::{CancelToken, Statement};
use uuid::Uuid;

use crate::connections::Connections;
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
    connections: Connections,
    statement_timeout: Duration,
    /// A query method's transaction is `READ ONLY`: the database itself
    /// refuses a write from a method declared as a query.
    read_only: bool,
    tx: Option<Transaction>,
}

struct Transaction {
    client: Object,
    cancel: CancelToken,
    /// The tenant the transaction's settings name.
    organization_id: Option<Uuid>,
}

/// The tenant, the actor and the call's deadline as the database sees
/// them, for row-level security and the audit row; `true`: for this
/// transaction only.
const SETTINGS: &str = "SELECT set_config('app.org_id', $1, true), set_config('app.user_id', $2, true), \
                        set_config('statement_timeout', $3, true)";

/// A query run together with the start of the call's transaction.
pub(crate) type Query<'c, T> =
    std::pin::Pin<Box<dyn std::future::Future<Output = Result<T, tokio_postgres::Error>> + Send + 'c>>;

impl std::fmt::Debug for Transaction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Transaction").field("organization_id", &self.organization_id).finish_non_exhaustive()
    }
}

impl Ctx {
    pub(crate) fn new(
        request_id: String,
        identity: Option<Identity>,
        connections: Connections,
        statement_timeout: Duration,
        read_only: bool,
    ) -> Self {
        Self { request_id, identity, tenant: None, connections, statement_timeout, read_only, tx: None }
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
        if self.tx.as_ref().is_none_or(|tx| tx.organization_id != organization_id) {
            self.enter(|_| Box::pin(std::future::ready(Ok(())))).await?;
        }
        self.tx.as_ref().map(|tx| &tx.client).ok_or_else(|| RpcError::internal("transaction vanished"))
    }

    /// Bring the transaction in line with the call's tenant (begin it, set
    /// the tenant and actor) and run `first` on it, all in one round trip:
    /// tokio-postgres sends the requests of futures polled together without
    /// waiting for each answer, and the server runs them in the order sent.
    /// `futures::join!` polls in the order written, so the previous read-only
    /// transaction's `COMMIT` goes first (when the connection comes with one
    /// open, see [`crate::connections`]), `BEGIN` next, then the settings,
    /// and `first` last: `first` runs as the tenant.
    pub(crate) async fn enter<T>(
        &mut self,
        first: impl for<'c> FnOnce(&'c crate::Db) -> Query<'c, T>,
    ) -> Result<T, RpcError> {
        let organization_id = self.tenant.map(|t| t.organization_id);
        let begin = self.tx.is_none();
        let mut commit_first = false;
        if begin {
            let checkout = self.connections.get().await.map_err(crate::database_unavailable)?;
            commit_first = checkout.commit_first;
            let cancel = checkout.client.cancel_token();
            self.tx = Some(Transaction { client: checkout.client, cancel, organization_id: None });
        }
        let Some(tx) = self.tx.as_mut() else {
            return Err(RpcError::internal("transaction vanished"));
        };
        // Every statement here is prepared once per connection: sent as
        // text, each would be parsed and planned again on every call.
        let commit = if commit_first { Some(tx.client.prepare_cached("COMMIT").await?) } else { None };
        let begin = if begin {
            Some(tx.client.prepare_cached(if self.read_only { "BEGIN READ ONLY" } else { "BEGIN" }).await?)
        } else {
            None
        };
        let settings = if begin.is_some() || tx.organization_id != organization_id {
            Some(tx.client.prepare_cached(SETTINGS).await?)
        } else {
            None
        };
        let org = organization_id.map(|id| id.to_string()).unwrap_or_default();
        let user = self.identity.as_ref().map(|i| i.user_id.to_string()).unwrap_or_default();
        let timeout = format!("{}ms", self.statement_timeout.as_millis().max(1));
        let settings_params: [&(dyn ToSql + Sync); 3] = [&org, &user, &timeout];
        let client: &crate::Db = &tx.client;
        let (committed, began, set, value) = futures::join!(
            execute_if(client, commit.as_ref(), &[]),
            execute_if(client, begin.as_ref(), &[]),
            execute_if(client, settings.as_ref(), &settings_params),
            first(client),
        );
        committed?;
        began?;
        set?;
        let value = value?;
        tx.organization_id = organization_id;
        Ok(value)
    }

    /// Cancel the query running on the call's connection, if any (deadline).
    pub(crate) async fn cancel_running_query(&self) {
        if let Some(tx) = &self.tx
            && let Err(error) = tx.cancel.cancel_query(tokio_postgres::NoTls).await
        {
            tracing::warn!(request_id = %self.request_id, %error, "could not cancel the running query");
        }
    }

    /// Run `last`, the call's last statement, and commit, in one round trip.
    /// Should `last` fail, its error aborts the transaction and PostgreSQL
    /// answers the `COMMIT` by rolling back: nothing commits, the call gets
    /// `last`'s error, and the connection is clean again.
    ///
    /// `last` must run a statement already prepared (a `Statement`, or a
    /// generated query after its `prepare`): only then is its request sent
    /// on its first poll, ahead of the `COMMIT`. A statement given as text
    /// is prepared first, a round trip during which the `COMMIT` would
    /// overtake it.
    pub(crate) async fn commit_after<T>(
        &mut self,
        last: impl for<'c> FnOnce(&'c crate::Db) -> Query<'c, T>,
    ) -> Result<T, RpcError> {
        self.db().await?;
        let Some(tx) = self.tx.take() else {
            return Err(RpcError::internal("transaction vanished"));
        };
        let (value, committed) = match tx.client.prepare_cached("COMMIT").await {
            Ok(commit) => {
                let client: &crate::Db = &tx.client;
                futures::join!(last(client), client.execute(&commit, &[]))
            }
            Err(error) => {
                drop(Object::take(tx.client));
                return Err(error.into());
            }
        };
        match (value, committed) {
            (Ok(value), Ok(_)) => Ok(value),
            (Err(error), Ok(_)) => Err(error.into()),
            (value, Err(error)) => {
                // Whatever state the connection is in, it does not go back.
                drop(Object::take(tx.client));
                Err(value.err().unwrap_or(error).into())
            }
        }
    }

    /// End a read-only transaction without waiting for its `COMMIT`: nothing
    /// it read can be undone by how its `COMMIT` goes, so the call's answer
    /// need not wait for it, and the `COMMIT` itself rides with the next
    /// call's `BEGIN` on the same connection (see [`crate::connections`]).
    pub(crate) fn finish_read_only(&mut self) {
        let Some(tx) = self.tx.take() else { return };
        debug_assert!(self.read_only, "only a read-only transaction may end unawaited");
        self.connections.finish_read_only(tx.client);
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

/// Run `statement`, if there is one. Its request is sent on the first poll,
/// which is what lets [`Ctx::enter`] order the requests it joins.
async fn execute_if(
    client: &crate::Db,
    statement: Option<&Statement>,
    params: &[&(dyn ToSql + Sync)],
) -> Result<(), tokio_postgres::Error> {
    match statement {
        Some(statement) => client.execute(statement, params).await.map(drop),
        None => Ok(()),
    }
}

/// `COMMIT`, prepared once per connection like every statement of the call
/// path.
pub(crate) async fn commit(client: &crate::Db) -> Result<(), tokio_postgres::Error> {
    let statement = client.prepare_cached("COMMIT").await?;
    client.execute(&statement, &[]).await.map(drop)
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

#[cfg(test)]
mod tests {
    use deadpool_postgres::Pool;

    use super::*;

    /// A pool of one connection as the server's role, so the next call is
    /// sure to get the connection the last one used.
    async fn one_connection() -> (sent_db::testing::TestDb, Pool, Connections) {
        let db = sent_db::testing::test_database().await;
        let pool = sent_db::pool::connect(&sent_db::pool::PoolOptions { url: db.app_url.clone(), max_size: 1 })
            .await
            .expect("pool");
        let connections = Connections::new(pool.clone());
        (db, pool, connections)
    }

    fn call(connections: &Connections, read_only: bool) -> Ctx {
        let identity = Identity::new("https://issuer.test", "alice", None, None);
        let mut cx = Ctx::new("r1".into(), Some(identity), connections.clone(), Duration::from_secs(5), read_only);
        cx.set_tenant(Tenant { organization_id: Uuid::now_v7(), role: Role::Owner });
        cx
    }

    /// What a connection from the pool carries: an open transaction (its
    /// start before this statement's), the tenant. A simple query, so that
    /// outside a transaction block both starts are the same instant.
    async fn leftovers(pool: &Pool) -> (bool, String) {
        let client = pool.get().await.expect("a connection");
        let messages = client
            .simple_query(
                "SELECT xact_start <> query_start, coalesce(current_setting('app.org_id', true), '') \
                 FROM pg_stat_activity WHERE pid = pg_backend_pid()",
            )
            .await
            .expect("query");
        let row = messages
            .iter()
            .find_map(|m| match m {
                tokio_postgres::SimpleQueryMessage::Row(row) => Some(row),
                _ => None,
            })
            .expect("a row");
        (row.get(0) == Some("t"), row.get(1).unwrap_or_default().to_owned())
    }

    #[tokio::test]
    async fn a_query_method_cannot_write_and_leaves_its_connection_clean() {
        let (_db, pool, connections) = one_connection().await;
        let mut cx = call(&connections, true);
        let organization_id = cx.organization_id().unwrap();
        let db = cx.db().await.expect("the transaction");
        let setting: String = db.query_one("SELECT current_setting('app.org_id')", &[]).await.unwrap().get(0);
        assert_eq!(setting, organization_id.to_string(), "the tenant is set with the transaction's start");
        let write =
            db.execute("INSERT INTO organizations (organization_id, name) VALUES ($1, 'x')", &[&organization_id]).await;
        let code = write.expect_err("a write in a query").code().cloned();
        assert_eq!(code, Some(tokio_postgres::error::SqlState::READ_ONLY_SQL_TRANSACTION));
        cx.rollback().await;

        let started = "SELECT now()::text, current_setting('app.org_id')";
        let mut cx = call(&connections, true);
        let row = cx.db().await.expect("the transaction").query_one(started, &[]).await.unwrap();
        let (first_start, first_org): (String, String) = (row.get(0), row.get(1));
        cx.finish_read_only();
        drop(cx);
        // The next call on the same connection commits the last one first:
        // its own transaction, its own tenant.
        let mut cx = call(&connections, true);
        let row = cx.db().await.expect("the transaction").query_one(started, &[]).await.unwrap();
        let (start, org): (String, String) = (row.get(0), row.get(1));
        assert_ne!(start, first_start, "a transaction of its own");
        assert_eq!(org, cx.organization_id().unwrap().to_string());
        assert_ne!(org, first_org);
        cx.finish_read_only();
        drop(cx);
        // Straight from the pool, the one connection comes only once its
        // COMMIT was answered: no transaction, no tenant left on it.
        assert_eq!(leftovers(&pool).await, (false, String::new()));
    }

    #[tokio::test]
    async fn the_last_statement_and_the_commit_stand_or_fall_together() {
        let (_db, pool, connections) = one_connection().await;
        let mut cx = call(&connections, false);
        cx.db().await.expect("the transaction").batch_execute("CREATE TEMP TABLE kept (n int)").await.unwrap();
        let insert = cx.db().await.unwrap().prepare_cached("INSERT INTO kept VALUES (1)").await.unwrap();
        let inserted = cx.commit_after(|db| Box::pin(async move { db.execute(&insert, &[]).await })).await;
        assert_eq!(inserted.expect("committed"), 1);

        let mut cx = call(&connections, false);
        cx.db().await.expect("the transaction").batch_execute("INSERT INTO kept VALUES (2)").await.unwrap();
        let divide = cx.db().await.unwrap().prepare_cached("SELECT 1 / $1::int").await.unwrap();
        let failed = cx.commit_after(|db| Box::pin(async move { db.execute(&divide, &[&0_i32]).await })).await;
        assert!(failed.is_err(), "the last statement's error is the call's");
        drop(cx);
        assert_eq!(leftovers(&pool).await, (false, String::new()), "rolled back by the COMMIT, and clean");
        let client = pool.get().await.expect("a connection");
        let kept: Vec<i32> = client.query("SELECT n FROM kept", &[]).await.unwrap().iter().map(|r| r.get(0)).collect();
        assert_eq!(kept, [1], "nothing of the failed call committed");
    }

    #[tokio::test]
    async fn a_mutation_may_write() {
        let (_db, pool, connections) = one_connection().await;
        let mut cx = call(&connections, false);
        let db = cx.db().await.expect("the transaction");
        let read_only: String = db.query_one("SHOW transaction_read_only", &[]).await.unwrap().get(0);
        assert_eq!(read_only, "off");
        let select = db.prepare_cached("SELECT 1").await.unwrap();
        cx.commit_after(|db| Box::pin(async move { db.execute(&select, &[]).await })).await.expect("commit");
        assert_eq!(leftovers(&pool).await, (false, String::new()));
    }
}
