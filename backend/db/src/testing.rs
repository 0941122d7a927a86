//! A throw-away cluster for tests, and a fresh database per test.
//!
//! The first test to need it initialises and starts one cluster under
//! `target/sent-test-pg` (or `SENT_TEST_PG_DIR`); every later test, in this
//! process or another, adopts it. Each test then gets its own database,
//! copied from a migrated template, so tests run in parallel without sharing
//! rows. A file lock serialises the start-up and the copies.
//!
//! A test database is named after the process that made it and outlives it
//! (a test may fail anywhere), so each new one first drops those whose
//! process has ended: a long run, or many, never fills the disk.

use std::path::PathBuf;

use tokio::sync::OnceCell;
use tokio_postgres::NoTls;

use crate::embedded::{Cluster, ClusterSpec};
use crate::migrate;
use crate::roles::{APP_ROLE, OWNER_ROLE};

const TEMPLATE: &str = "sent_template";
/// Every test database's name starts with it: `test_<pid>_<uuid>`.
const TEST_PREFIX: &str = "test_";

/// A database of its own for one test.
#[derive(Debug, Clone)]
pub struct TestDb {
    /// The database's name.
    pub name: String,
    /// As the schema owner (migrations, fixtures).
    pub owner_url: String,
    /// As the role calls run as (subject to row-level security).
    pub app_url: String,
    /// As the cluster's superuser.
    pub superuser_url: String,
}

struct Shared {
    cluster: Cluster,
}

static SHARED: OnceCell<Shared> = OnceCell::const_new();

/// The cluster's directory for tests.
pub fn cluster_dir() -> PathBuf {
    std::env::var_os("SENT_TEST_PG_DIR")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/sent-test-pg"), PathBuf::from)
}

/// A new, migrated, empty database.
///
/// # Panics
/// When the cluster cannot be started: tests cannot run without it.
pub async fn test_database() -> TestDb {
    new_database(Some(TEMPLATE)).await
}

/// A new database with no schema at all (for migration tests).
///
/// # Panics
/// When the cluster cannot be started.
pub async fn empty_database() -> TestDb {
    new_database(None).await
}

async fn new_database(template: Option<&str>) -> TestDb {
    let shared = SHARED
        .get_or_init(|| async {
            let _lock = lock().await;
            let cluster = Cluster::start(ClusterSpec {
                data_dir: cluster_dir(),
                port: None,
                os_user: std::env::var("SENT_PG_OS_USER").unwrap_or_else(|_| "postgres".into()),
                database: TEMPLATE.into(),
            })
            .await
            .unwrap_or_else(|e| panic!("test cluster: {e}"));
            Shared { cluster }
        })
        .await;
    let cluster = &shared.cluster;
    let name = format!("{TEST_PREFIX}{}_{}", std::process::id(), uuid::Uuid::new_v4().simple());
    {
        let _lock = lock().await;
        let admin = Admin::connect(cluster).await;
        admin.drop_orphans().await;
        let sql = match template {
            Some(template) => {
                admin.ensure_template(cluster).await;
                format!("CREATE DATABASE \"{name}\" TEMPLATE {template} OWNER {OWNER_ROLE}")
            }
            None => format!("CREATE DATABASE \"{name}\" TEMPLATE template0 OWNER {OWNER_ROLE}"),
        };
        admin.execute(&sql).await;
        admin.close().await;
    }
    TestDb {
        owner_url: cluster.url_for(OWNER_ROLE, &name),
        app_url: cluster.url_for(APP_ROLE, &name),
        superuser_url: cluster.superuser_url(&name),
        name,
    }
}

/// The cluster's superuser on its `postgres` database: one connection for
/// everything a new test database needs.
struct Admin {
    client: tokio_postgres::Client,
    connection: tokio::task::JoinHandle<Result<(), tokio_postgres::Error>>,
}

impl Admin {
    async fn connect(cluster: &Cluster) -> Self {
        let (client, connection) = tokio_postgres::connect(&cluster.superuser_url("postgres"), NoTls)
            .await
            .unwrap_or_else(|e| panic!("test cluster: {e}"));
        Self { client, connection: tokio::spawn(connection) }
    }

    async fn execute(&self, sql: &str) {
        self.client.batch_execute(sql).await.unwrap_or_else(|e| panic!("{sql}: {e:?}"));
    }

    /// Migrate the template once per set of migrations; a changed migration
    /// rebuilds it.
    async fn ensure_template(&self, cluster: &Cluster) {
        let fingerprint = migrate::fingerprint();
        let current: Option<String> = self
            .client
            .query_one("SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = $1", &[&TEMPLATE])
            .await
            .ok()
            .and_then(|row| row.get(0));
        if current.as_deref() != Some(fingerprint.as_str()) {
            // Two statements: DROP DATABASE cannot share a transaction.
            self.execute(&format!("DROP DATABASE IF EXISTS {TEMPLATE} WITH (FORCE)")).await;
            self.execute(&format!("CREATE DATABASE {TEMPLATE} OWNER {OWNER_ROLE}")).await;
            migrate::migrate(&cluster.owner_url()).await.unwrap_or_else(|e| panic!("migrate template: {e}"));
            self.execute(&format!("COMMENT ON DATABASE {TEMPLATE} IS '{fingerprint}'")).await;
        }
    }

    /// Drop the test databases whose process has ended.
    async fn drop_orphans(&self) {
        let names = self
            .client
            .query("SELECT datname FROM pg_database WHERE starts_with(datname, $1)", &[&TEST_PREFIX])
            .await
            .unwrap_or_else(|e| panic!("list test databases: {e:?}"));
        for name in names.iter().map(|row| row.get::<_, String>(0)).filter(|name| is_orphan(name)) {
            // Ignored: a database another process dropped meanwhile is gone too.
            let _ = self.client.batch_execute(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)")).await;
        }
    }

    async fn close(self) {
        drop(self.client);
        let _ = self.connection.await;
    }
}

/// Whether a test database's process has ended. A name without a process
/// is an orphan too; where processes cannot be seen, nothing is.
fn is_orphan(name: &str) -> bool {
    let pid = name.strip_prefix(TEST_PREFIX).and_then(|rest| rest.split_once('_')).map(|(pid, _)| pid);
    match pid.and_then(|pid| pid.parse::<u32>().ok()) {
        Some(pid) => cfg!(target_os = "linux") && !std::path::Path::new(&format!("/proc/{pid}")).exists(),
        None => true,
    }
}

/// An exclusive lock shared by every test process.
async fn lock() -> std::fs::File {
    let path = cluster_dir().with_extension("lock");
    tokio::task::spawn_blocking(move || {
        if let Some(parent) = path.parent() {
            let _ = std::fs::create_dir_all(parent);
        }
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .unwrap_or_else(|e| panic!("open {}: {e}", path.display()));
        file.lock().unwrap_or_else(|e| panic!("lock {}: {e}", path.display()));
        file
    })
    .await
    .unwrap_or_else(|e| panic!("lock task: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn databases(url: &str) -> Vec<String> {
        let (client, conn) = tokio_postgres::connect(url, NoTls).await.unwrap();
        let conn = tokio::spawn(conn);
        let rows = client.query("SELECT datname FROM pg_database", &[]).await.unwrap();
        drop(client);
        conn.await.unwrap().unwrap();
        rows.iter().map(|row| row.get(0)).collect()
    }

    #[tokio::test]
    async fn a_new_test_database_drops_those_of_ended_processes_and_keeps_its_own_processes() {
        let mine = test_database().await;
        // No process has this id: Linux's pid_max is at most 2^22.
        let orphan = format!("{TEST_PREFIX}{}_{}", u32::MAX, uuid::Uuid::new_v4().simple());
        let cluster = &SHARED.get().unwrap().cluster;
        let admin = Admin::connect(cluster).await;
        admin.execute(&format!("CREATE DATABASE \"{orphan}\"")).await;
        admin.close().await;
        assert!(databases(&mine.superuser_url).await.contains(&orphan));

        let next = test_database().await;

        let after = databases(&next.superuser_url).await;
        assert!(!after.contains(&orphan), "the ended process's database is dropped");
        assert!(after.contains(&mine.name) && after.contains(&next.name), "this process's databases stay");
    }

    #[test]
    fn only_a_live_process_keeps_its_databases() {
        assert!(!is_orphan(&format!("{TEST_PREFIX}{}_abc", std::process::id())));
        assert!(is_orphan(&format!("{TEST_PREFIX}{}_abc", u32::MAX)));
        assert!(is_orphan(&format!("{TEST_PREFIX}0123456789abcdef")), "a name without a process");
    }
}
