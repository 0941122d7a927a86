//! SENT's two database roles.
//!
//! `sent_owner` owns the schema and runs migrations. `sent_app` is the role
//! every call runs as: it owns nothing, is not a superuser and cannot bypass
//! row-level security, so a query that forgets its tenant filter still sees
//! only the tenant set for its transaction.

use serde::{Deserialize, Serialize};
use tokio_postgres::NoTls;

use crate::error::EmbeddedError;

/// Owns every table; migrations run as it.
pub const OWNER_ROLE: &str = "sent_owner";
/// Runs every call; subject to row-level security.
pub const APP_ROLE: &str = "sent_app";

/// The passwords of the embedded cluster's roles.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Credentials {
    pub superuser_password: String,
    pub owner_password: String,
    pub app_password: String,
}

impl Credentials {
    pub(crate) fn generate() -> Self {
        let secret = || uuid::Uuid::new_v4().simple().to_string();
        Self { superuser_password: secret(), owner_password: secret(), app_password: secret() }
    }
}

/// Create the roles and the database if they are missing. Idempotent.
pub(crate) async fn bootstrap(
    superuser_url: &str,
    credentials: &Credentials,
    database: &str,
) -> Result<(), EmbeddedError> {
    let (client, connection) =
        tokio_postgres::connect(superuser_url, NoTls).await.map_err(|e| EmbeddedError::Bootstrap(e.to_string()))?;
    let connection = tokio::spawn(connection);
    let result = async {
        for (role, password) in [(OWNER_ROLE, &credentials.owner_password), (APP_ROLE, &credentials.app_password)] {
            let exists = client.query_opt("SELECT 1 FROM pg_roles WHERE rolname = $1", &[&role]).await?.is_some();
            if !exists {
                // Role names are our constants and passwords are hex, so
                // formatting them into DDL (which takes no parameters) is safe.
                client
                    .batch_execute(&format!(
                        "CREATE ROLE {role} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD '{password}'"
                    ))
                    .await?;
            }
        }
        let db_exists = client.query_opt("SELECT 1 FROM pg_database WHERE datname = $1", &[&database]).await?.is_some();
        if !db_exists {
            client.batch_execute(&format!("CREATE DATABASE \"{database}\" OWNER {OWNER_ROLE}")).await?;
        }
        Ok::<_, tokio_postgres::Error>(())
    }
    .await;
    drop(client);
    let _ = connection.await;
    result.map_err(|e| EmbeddedError::Bootstrap(e.to_string()))
}
