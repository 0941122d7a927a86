//! The connection pool every call borrows from.

use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod};
use tokio_postgres::NoTls;

use crate::error::DbError;

/// Pool settings.
#[derive(Debug, Clone)]
pub struct PoolOptions {
    pub url: String,
    pub max_size: usize,
}

/// Build a pool and prove it works: one connection is opened now, so a wrong
/// URL fails at start-up, not on the first call.
///
/// `RecyclingMethod::Fast` is safe because calls only ever use
/// transaction-local settings (`set_config(..., true)`), which cannot outlive
/// the transaction that set them.
pub async fn connect(options: &PoolOptions) -> Result<Pool, DbError> {
    let config: tokio_postgres::Config =
        options.url.parse().map_err(|e: tokio_postgres::Error| DbError::Url(e.to_string()))?;
    let target = describe(&config);
    let manager = Manager::from_config(config, NoTls, ManagerConfig { recycling_method: RecyclingMethod::Fast });
    let pool = Pool::builder(manager)
        .max_size(options.max_size)
        .runtime(deadpool_postgres::Runtime::Tokio1)
        .wait_timeout(Some(std::time::Duration::from_secs(10)))
        .create_timeout(Some(std::time::Duration::from_secs(10)))
        .build()
        .map_err(|e| DbError::Pool(e.to_string()))?;
    let client = pool.get().await.map_err(|e| DbError::Connect { target: target.clone(), reason: pool_reason(&e) })?;
    drop(client);
    Ok(pool)
}

/// Refuse a role that would make row-level security a no-op.
pub async fn ensure_role_is_subject_to_rls(pool: &Pool) -> Result<(), DbError> {
    let client = pool.get().await.map_err(|e| DbError::Pool(pool_reason(&e)))?;
    let row = client
        .query_one(
            "SELECT current_user::text, rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user",
            &[],
        )
        .await?;
    let (role, unsafe_role): (String, bool) = (row.get(0), row.get(1));
    if unsafe_role {
        return Err(DbError::UnsafeRole(role));
    }
    Ok(())
}

/// `host:port/db as user`, without the password.
pub fn describe(config: &tokio_postgres::Config) -> String {
    let host = config
        .get_hosts()
        .first()
        .map(|h| match h {
            tokio_postgres::config::Host::Tcp(h) => h.clone(),
            tokio_postgres::config::Host::Unix(p) => p.display().to_string(),
        })
        .unwrap_or_else(|| "localhost".into());
    let port = config.get_ports().first().copied().unwrap_or(5432);
    format!("{host}:{port}/{} as {}", config.get_dbname().unwrap_or("?"), config.get_user().unwrap_or("?"))
}

/// The root cause of a pool error, without the layers deadpool adds.
pub fn pool_reason(error: &deadpool_postgres::PoolError) -> String {
    match error {
        deadpool_postgres::PoolError::Backend(e) => match e.as_db_error() {
            Some(db) => db.message().to_owned(),
            None => std::error::Error::source(e).map_or_else(|| e.to_string(), |s| s.to_string()),
        },
        other => other.to_string(),
    }
}
