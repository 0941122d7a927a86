//! Errors an operator can meet, each naming its cause and its fix.

use std::path::PathBuf;

/// Why the embedded cluster could not be made ready.
#[derive(Debug, thiserror::Error)]
pub enum EmbeddedError {
    #[error(
        "PostgreSQL 15 or newer is not installed; run `make deps` (or `apt-get install postgresql`), or set SENT_PG_BINDIR"
    )]
    NotInstalled,
    #[error(
        "system user `{0}` does not exist; install PostgreSQL (it creates `postgres`) or set SENT_PG_OS_USER to an unprivileged user"
    )]
    NoSuchUser(String),
    #[error("{0} exists, is not empty and is not a PostgreSQL data directory; move it away or set SENT_PG_DATA")]
    NotACluster(PathBuf),
    #[error(
        "{dir} is owned by uid {owner}, not by uid {expected} that runs PostgreSQL; fix with `chown -R` to that user or remove the directory to start afresh"
    )]
    WrongOwner { dir: PathBuf, owner: u32, expected: u32 },
    #[error("port {0} on 127.0.0.1 is already in use; stop what holds it or set SENT_PG_PORT to a free port")]
    PortInUse(u16),
    #[error("initdb failed: {0}")]
    Init(String),
    #[error("PostgreSQL did not start on port {port}; its log says: {log}")]
    Start { port: u16, log: String },
    #[error("PostgreSQL did not stop cleanly: {0}")]
    Stop(String),
    #[error("cannot create SENT's roles and database: {0}")]
    Bootstrap(String),
    #[error(
        "cluster state file is unreadable ({0}); remove the data directory and its .credentials.json to start afresh"
    )]
    State(String),
    #[error("{0}: {1}")]
    Io(String, #[source] std::io::Error),
}

/// Why the database is not usable by the server.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("invalid database URL: {0}")]
    Url(String),
    #[error(
        "cannot connect to PostgreSQL at {target}: {reason}; check SENT_DATABASE_URL and that the server is running"
    )]
    Connect { target: String, reason: String },
    #[error("migration failed: {0}")]
    Migrate(String),
    #[error(
        "the server's database role `{0}` is a superuser or can bypass row-level security; give it NOSUPERUSER NOBYPASSRLS so tenancy is enforced by the database"
    )]
    UnsafeRole(String),
    #[error("database error: {0}")]
    Query(#[from] tokio_postgres::Error),
    #[error("no connection available: {0}")]
    Pool(String),
}
