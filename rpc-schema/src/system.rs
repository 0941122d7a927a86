//! The platform itself: liveness and version, callable by anyone.

use sent_rpc::{dto, service};

/// A message, sent back as it came.
#[dto]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Echo {
    pub message: String,
}

/// The server's build.
#[dto]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerVersion {
    /// The semantic version of the server.
    pub version: String,
}

/// The platform itself.
#[service(app = "system")]
pub trait System {
    /// Send `message` back unchanged. Touches no database: a probe of the
    /// transport and the dispatcher alone.
    #[rpc(query, role = "public")]
    async fn echo(params: Echo) -> Echo;

    /// The server's version.
    #[rpc(query, role = "public")]
    async fn version() -> ServerVersion;
}
