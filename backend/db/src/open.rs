//! Opening SENT's database for a host (the server, the desktop app): an
//! external server named by URL, or the embedded cluster; migrated and
//! pooled before the first call, and checked to be subject to row-level
//! security.

use crate::embedded::{Cluster, ClusterSpec};
use crate::{DbError, EmbeddedError, Pool};

/// Where the database is.
#[derive(Debug, Clone)]
pub enum Location {
    /// An external server.
    External {
        /// The role calls run as: it owns nothing and does not bypass
        /// row-level security.
        app_url: String,
        /// The role that owns the schema; migrations run as it.
        owner_url: String,
    },
    /// The embedded cluster, started (or adopted) by this process.
    Embedded(ClusterSpec),
}

/// The pool, and the embedded cluster when this process runs one.
#[derive(Debug)]
pub struct Database {
    pub pool: Pool,
    pub cluster: Option<Cluster>,
}

/// Why the database could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error(transparent)]
    Embedded(#[from] EmbeddedError),
    #[error(transparent)]
    Db(#[from] DbError),
}

/// Start (or adopt) the database, migrate it, and open a pool of at most
/// `pool_size` connections. An embedded cluster started here is stopped
/// again when a later step fails.
///
/// # Errors
/// When the cluster cannot start, a migration fails, or the calls' role
/// could bypass row-level security.
pub async fn open(location: Location, pool_size: usize) -> Result<Database, OpenError> {
    let (cluster, app_url, owner_url) = match location {
        Location::External { app_url, owner_url } => (None, app_url, owner_url),
        Location::Embedded(spec) => {
            let cluster = Cluster::start(spec).await?;
            let (app, owner) = (cluster.app_url(), cluster.owner_url());
            (Some(cluster), app, owner)
        }
    };
    let opened = async {
        let applied = crate::migrate::migrate(&owner_url).await?;
        if applied > 0 {
            tracing::info!(applied, "applied migrations");
        }
        let pool = crate::pool::connect(&crate::pool::PoolOptions { url: app_url, max_size: pool_size }).await?;
        crate::pool::ensure_role_is_subject_to_rls(&pool).await?;
        Ok::<_, DbError>(pool)
    }
    .await;
    match opened {
        Ok(pool) => Ok(Database { pool, cluster }),
        Err(e) => {
            if let Some(cluster) = cluster {
                let _ = cluster.stop().await;
            }
            Err(e.into())
        }
    }
}

impl Database {
    /// Close the pool and stop the embedded cluster, if this process runs
    /// one.
    ///
    /// # Errors
    /// When the cluster does not stop cleanly.
    pub async fn close(&self) -> Result<(), EmbeddedError> {
        self.pool.close();
        match &self.cluster {
            Some(cluster) => cluster.stop().await,
            None => Ok(()),
        }
    }
}
