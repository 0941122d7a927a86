//! The database the server runs on: an external one named by
//! `SENT_DATABASE_URL`, or the embedded cluster under the data directory.
//! Opening it (migrations, pool, checks) is `sent_db::open`'s, shared with
//! the desktop app.

use sent_db::embedded::ClusterSpec;
use sent_db::open::Location;
pub use sent_db::open::{Database, OpenError as StartError};

use crate::config::Config;

/// Start (or adopt) the database, migrate it, and open the pool.
///
/// # Errors
/// When the database cannot be started, migrated or checked.
pub async fn open(config: &Config) -> Result<Database, StartError> {
    let location = match &config.database_url {
        Some(url) => Location::External {
            app_url: url.clone(),
            owner_url: config.migration_database_url.clone().unwrap_or_else(|| url.clone()),
        },
        None => Location::Embedded(ClusterSpec {
            data_dir: config.data_dir.join("pg"),
            port: Some(config.pg_port),
            os_user: config.pg_os_user.clone(),
            database: "sent".into(),
        }),
    };
    sent_db::open::open(location, config.pool_size).await
}
