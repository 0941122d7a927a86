//! Versioned migrations from `migrations/`, applied by refinery.

use tokio_postgres::NoTls;

use crate::error::DbError;

mod embedded {
    refinery::embed_migrations!("../../migrations");
}

/// Apply every pending migration as the schema owner. Returns how many ran.
pub async fn migrate(owner_url: &str) -> Result<usize, DbError> {
    let (mut client, connection) = connect(owner_url).await?;
    let report = embedded::migrations::runner()
        .set_abort_divergent(true)
        .run_async(&mut client)
        .await
        .map_err(|e| DbError::Migrate(e.to_string()));
    drop(client);
    let _ = connection.await;
    Ok(report?.applied_migrations().len())
}

/// The newest migration this build knows.
pub fn latest_version() -> i32 {
    embedded::migrations::runner().get_migrations().iter().map(|m| m.version()).max().unwrap_or(0)
}

/// A fingerprint of every embedded migration (name and SQL), so a database
/// built from an older set can be told apart.
pub fn fingerprint() -> String {
    use sha2::Digest;
    let mut hasher = sha2::Sha256::new();
    for migration in embedded::migrations::runner().get_migrations() {
        hasher.update(migration.name());
        hasher.update(migration.sql().unwrap_or_default());
    }
    hex::encode(hasher.finalize())
}

/// Whether the database has every migration this build knows (readiness).
pub async fn is_current(client: &tokio_postgres::Client) -> Result<bool, DbError> {
    let applied: Option<i32> =
        client.query_opt("SELECT max(version) FROM refinery_schema_history", &[]).await?.and_then(|row| row.get(0));
    Ok(applied == Some(latest_version()))
}

async fn connect(
    url: &str,
) -> Result<(tokio_postgres::Client, tokio::task::JoinHandle<Result<(), tokio_postgres::Error>>), DbError> {
    let config: tokio_postgres::Config = url.parse().map_err(|e: tokio_postgres::Error| DbError::Url(e.to_string()))?;
    let (client, connection) = config.connect(NoTls).await.map_err(|e| DbError::Connect {
        target: crate::pool::describe(&config),
        reason: e.as_db_error().map_or_else(|| e.to_string(), |d| d.message().to_owned()),
    })?;
    Ok((client, tokio::spawn(connection)))
}
