//! Where a call gets its connection, and where a read-only transaction ends.
//!
//! A query method's transaction changes nothing, so its `COMMIT` need not
//! cost a write and a wake-up of the database backend of its own. The
//! connection is parked here with the transaction still open, and the next
//! call to take it sends that `COMMIT` in the same write as its own `BEGIN`.
//! On a busy server the next call comes within microseconds; on an idle one
//! a sweeper commits whatever has waited [`GRACE`] and returns it to the
//! pool. An open read-only transaction holds a snapshot and shared locks,
//! which hold back vacuum and block schema changes, so none is left open
//! much longer than that.
//!
//! A parked connection never goes back to the pool with its transaction
//! open: whatever drops it before its `COMMIT` was answered closes it (the
//! server then rolls the transaction back), so anything else that borrows
//! from the pool only ever sees clean connections. When every connection is
//! parked, such a borrower waits for the sweeper, at most about [`GRACE`].

use std::sync::{Arc, Mutex, PoisonError, Weak};
use std::time::{Duration, Instant};

use deadpool_postgres::{Object, Pool, PoolError};
use tokio::sync::Notify;

/// How long a parked connection waits for a call before the sweeper
/// commits it.
pub(crate) const GRACE: Duration = Duration::from_millis(5);

/// How long a `COMMIT` nobody waits for may take before its connection is
/// closed instead (a server gone silent must not hold a pool slot).
const COMMIT_TIMEOUT: Duration = Duration::from_secs(10);

/// The pool, and the connections whose read-only transaction still awaits
/// its `COMMIT`. Cheap to clone; every clone shares both.
#[derive(Clone)]
pub(crate) struct Connections {
    inner: Arc<Inner>,
}

struct Inner {
    pool: Pool,
    /// Oldest first: the last one parked is the first taken, so a busy
    /// server keeps reusing the same few connections and the others age
    /// out to the sweeper.
    parked: Mutex<Vec<Parked>>,
    /// Wakes the sweeper when a connection is parked, and when `Inner` is
    /// dropped (so that it ends).
    parked_one: Arc<Notify>,
    sweeper: std::sync::Once,
    grace: Duration,
}

struct Parked {
    client: Unfinished,
    since: Instant,
}

/// A connection taken for a call. When `commit_first`, its last read-only
/// transaction is still open and the call must send `COMMIT` before its
/// `BEGIN` (in the same write, see [`crate::Ctx`]).
pub(crate) struct Checkout {
    pub(crate) client: Object,
    pub(crate) commit_first: bool,
}

impl Connections {
    pub(crate) fn new(pool: Pool) -> Self {
        Self::with_grace(pool, GRACE)
    }

    fn with_grace(pool: Pool, grace: Duration) -> Self {
        Self {
            inner: Arc::new(Inner {
                pool,
                parked: Mutex::new(Vec::new()),
                parked_one: Arc::new(Notify::new()),
                sweeper: std::sync::Once::new(),
                grace,
            }),
        }
    }

    /// The pool itself, for what borrows a connection outside a call's
    /// transaction (sessions).
    pub(crate) fn pool(&self) -> &Pool {
        &self.inner.pool
    }

    /// A connection for a call: the last one parked if any, else one from
    /// the pool.
    pub(crate) async fn get(&self) -> Result<Checkout, PoolError> {
        loop {
            let parked = self.inner.lock().pop();
            let Some(mut parked) = parked else { break };
            let Some(client) = parked.client.0.take() else { continue };
            if client.is_closed() {
                drop(Object::take(client));
                continue;
            }
            return Ok(Checkout { client, commit_first: true });
        }
        Ok(Checkout { client: self.inner.pool.get().await?, commit_first: false })
    }

    /// End a read-only transaction: park its connection for the next call,
    /// or, when calls are already waiting for the pool, commit it now and
    /// give it back. The transaction's reads were answered already; nothing
    /// it did can be undone by how its `COMMIT` goes.
    pub(crate) fn finish_read_only(&self, client: Object) {
        let client = Unfinished(Some(client));
        if self.inner.pool.status().waiting > 0 {
            tokio::spawn(commit_and_release(client));
            return;
        }
        self.inner.lock().push(Parked { client, since: Instant::now() });
        self.inner.sweeper.call_once(|| {
            tokio::spawn(sweep(Arc::downgrade(&self.inner), Arc::clone(&self.inner.parked_one)));
        });
        self.inner.parked_one.notify_one();
    }

    /// How many connections are parked (for tests).
    #[cfg(test)]
    fn parked(&self) -> usize {
        self.inner.lock().len()
    }
}

impl std::fmt::Debug for Connections {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Connections").field("pool", &self.inner.pool.status()).finish_non_exhaustive()
    }
}

impl Inner {
    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Parked>> {
        // Nothing panics while holding it; a poisoned list is still a list.
        self.parked.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Drop for Inner {
    fn drop(&mut self) {
        self.parked_one.notify_one();
    }
}

/// Commit what has been parked for its grace, for as long as the
/// connections exist.
async fn sweep(inner: Weak<Inner>, parked_one: Arc<Notify>) {
    loop {
        parked_one.notified().await;
        loop {
            let due = match inner.upgrade() {
                Some(inner) => inner.lock().first().map(|parked| parked.since + inner.grace),
                None => return,
            };
            let Some(due) = due else { break };
            tokio::time::sleep_until(due.into()).await;
            let stale: Vec<Unfinished> = match inner.upgrade() {
                Some(inner) => {
                    let mut parked = inner.lock();
                    let now = Instant::now();
                    let count = parked.iter().take_while(|p| p.since + inner.grace <= now).count();
                    parked.drain(..count).map(|p| p.client).collect()
                }
                None => return,
            };
            for client in stale {
                tokio::spawn(commit_and_release(client));
            }
        }
    }
}

/// `COMMIT`, then back to the pool; a connection whose `COMMIT` fails or
/// takes too long is closed instead.
async fn commit_and_release(mut client: Unfinished) {
    if let Some(connection) = &client.0
        && let Ok(Ok(())) = tokio::time::timeout(COMMIT_TIMEOUT, crate::ctx::commit(connection)).await
    {
        drop(client.0.take());
    }
}

/// A connection whose read-only transaction is still open: dropped before
/// its `COMMIT` is confirmed (and the connection taken out), it is closed,
/// so an open transaction never reaches the pool.
struct Unfinished(Option<Object>);

impl Drop for Unfinished {
    fn drop(&mut self) {
        if let Some(client) = self.0.take() {
            drop(Object::take(client));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn pool(max_size: usize) -> (sent_db::testing::TestDb, Pool) {
        let db = sent_db::testing::test_database().await;
        let pool = sent_db::pool::connect(&sent_db::pool::PoolOptions { url: db.app_url.clone(), max_size })
            .await
            .expect("pool");
        (db, pool)
    }

    /// Begin a read-only transaction on a fresh checkout, and return its
    /// connection with the transaction's start.
    async fn read_only_transaction(connections: &Connections) -> (Object, String) {
        let checkout = connections.get().await.expect("a connection");
        if checkout.commit_first {
            checkout.client.batch_execute("COMMIT").await.expect("commit");
        }
        checkout.client.batch_execute("BEGIN READ ONLY").await.expect("begin");
        let start = transaction_start(&checkout.client).await;
        (checkout.client, start)
    }

    async fn transaction_start(client: &Object) -> String {
        client.query_one("SELECT now()::text", &[]).await.expect("now").get(0)
    }

    /// Whether the server has a backend of this pool's role idle inside a
    /// transaction, seen from a connection outside the pool.
    async fn idle_in_transaction(db: &sent_db::testing::TestDb) -> i64 {
        let (client, connection) =
            tokio_postgres::connect(&db.app_url, tokio_postgres::NoTls).await.expect("a separate connection");
        tokio::spawn(connection);
        client
            .query_one(
                "SELECT count(*) FROM pg_stat_activity \
                 WHERE state = 'idle in transaction' AND usename = current_user AND pid <> pg_backend_pid()",
                &[],
            )
            .await
            .expect("pg_stat_activity")
            .get(0)
    }

    #[tokio::test]
    async fn the_next_call_takes_the_parked_connection_and_commits_it_first() {
        let (_db, pool) = pool(1).await;
        let connections = Connections::new(pool);
        let (client, first) = read_only_transaction(&connections).await;
        connections.finish_read_only(client);
        assert_eq!(connections.parked(), 1);

        let checkout = connections.get().await.expect("the parked connection");
        assert!(checkout.commit_first, "its transaction is still open");
        assert_eq!(transaction_start(&checkout.client).await, first, "still the parked transaction");
        checkout.client.batch_execute("COMMIT").await.unwrap();
        drop(checkout.client);
        let (_client, second) = read_only_transaction(&connections).await;
        assert_ne!(second, first, "a new transaction after the COMMIT");
    }

    #[tokio::test]
    async fn an_idle_parked_connection_is_committed_and_returned_to_the_pool() {
        let (db, pool) = pool(2).await;
        // Long enough to look at the parked connection from outside first.
        let grace = Duration::from_millis(500);
        let connections = Connections::with_grace(pool.clone(), grace);
        let (client, _) = read_only_transaction(&connections).await;
        let parked_at = Instant::now();
        connections.finish_read_only(client);
        assert_eq!(idle_in_transaction(&db).await, 1, "parked with its transaction open");

        let deadline = Instant::now() + Duration::from_secs(5);
        while connections.parked() > 0 || pool.status().available == 0 {
            assert!(Instant::now() < deadline, "the sweeper never committed the parked connection");
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        assert!(parked_at.elapsed() >= grace, "committed only after its grace");
        assert_eq!(idle_in_transaction(&db).await, 0, "committed");
        let checkout = connections.get().await.expect("a connection");
        assert!(!checkout.commit_first, "from the pool, clean");
    }

    #[tokio::test]
    async fn a_parked_connection_is_closed_not_returned_open_when_the_connections_go() {
        let (db, pool) = pool(1).await;
        let connections = Connections::new(pool.clone());
        let (client, _) = read_only_transaction(&connections).await;
        connections.finish_read_only(client);
        drop(connections);
        assert_eq!(pool.status().size, 0, "closed, not returned");
        let deadline = Instant::now() + Duration::from_secs(5);
        while idle_in_transaction(&db).await > 0 {
            assert!(Instant::now() < deadline, "the closed connection's transaction was never ended");
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }

    #[tokio::test]
    async fn with_calls_waiting_for_the_pool_a_connection_is_committed_at_once() {
        let (_db, pool) = pool(1).await;
        let connections = Connections::new(pool.clone());
        let (client, _) = read_only_transaction(&connections).await;
        let waiting = tokio::spawn({
            let pool = pool.clone();
            async move { pool.get().await.map(drop) }
        });
        while pool.status().waiting == 0 {
            tokio::task::yield_now().await;
        }
        connections.finish_read_only(client);
        assert_eq!(connections.parked(), 0, "not parked while a call waits");
        tokio::time::timeout(Duration::from_secs(5), waiting)
            .await
            .expect("the waiting call got the connection")
            .expect("task")
            .expect("connection");
    }
}
