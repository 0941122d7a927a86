//! The database the server runs on: an external one named by
//! `SENT_DATABASE_URL`, or the embedded cluster under the data directory.

use sent_db::embedded::{Cluster, ClusterSpec};
use sent_db::{DbError, EmbeddedError, Pool};

use crate::config::Config;

/// The pool, and the embedded cluster when this process runs one.
#[derive(Debug)]
pub struct Database {
    pub pool: Pool,
    pub cluster: Option<Cluster>,
}

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Embedded(#[from] EmbeddedError),
    #[error(transparent)]
    Db(#[from] DbError),
}

/// Start (or adopt) the database, migrate it, and open the pool.
pub async fn open(config: &Config) -> Result<Database, StartError> {
    let (cluster, app_url, owner_url) = match &config.database_url {
        Some(url) => {
            let owner_url = config.migration_database_url.clone().unwrap_or_else(|| url.clone());
            (None, url.clone(), owner_url)
        }
        None => {
            let cluster = Cluster::start(ClusterSpec {
                data_dir: config.data_dir.join("pg"),
                port: Some(config.pg_port),
                os_user: config.pg_os_user.clone(),
                database: "sent".into(),
            })
            .await?;
            let (app, owner) = (cluster.app_url(), cluster.owner_url());
            (Some(cluster), app, owner)
        }
    };
    let opened = async {
        let applied = sent_db::migrate::migrate(&owner_url).await?;
        if applied > 0 {
            tracing::info!(applied, "applied migrations");
        }
        let pool =
            sent_db::pool::connect(&sent_db::pool::PoolOptions { url: app_url, max_size: config.pool_size }).await?;
        sent_db::pool::ensure_role_is_subject_to_rls(&pool).await?;
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
