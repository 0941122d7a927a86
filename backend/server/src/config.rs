//! The server's configuration: every setting is a flag and an environment
//! variable, explained by `--help`.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Parser, ValueEnum};

/// Connections the pool opens at most unless `--pool-size` says otherwise.
pub const DEFAULT_POOL_SIZE: usize = 16;

/// SENT's headless host: serves the platform's methods over JSON-RPC 2.0 on
/// `POST /api/rpc`.
#[derive(Debug, Clone, Parser)]
#[command(name = "sent-server", version, about, long_about = None)]
pub struct Config {
    /// Address the HTTP server listens on.
    #[arg(long, env = "SENT_HTTP_ADDR", default_value = "127.0.0.1:8080")]
    pub http_addr: SocketAddr,

    /// Address the tarpc endpoint (the `sent` CLI's transport) listens on.
    #[arg(long, env = "SENT_TARPC_ADDR", default_value = "127.0.0.1:8090")]
    pub tarpc_addr: SocketAddr,

    /// PEM certificate chain for TLS on the tarpc endpoint; without it the
    /// endpoint speaks plain TCP (keep it on loopback then).
    #[arg(long, env = "SENT_TARPC_TLS_CERT", requires = "tarpc_tls_key")]
    pub tarpc_tls_cert: Option<PathBuf>,

    /// PEM private key that goes with `--tarpc-tls-cert`.
    #[arg(long, env = "SENT_TARPC_TLS_KEY", requires = "tarpc_tls_cert")]
    pub tarpc_tls_key: Option<PathBuf>,

    /// PostgreSQL URL the server's calls run as. This role must own nothing
    /// and must not bypass row-level security. When unset, an embedded
    /// cluster under `--data-dir` is started and used.
    #[arg(long, env = "SENT_DATABASE_URL", hide_env_values = true)]
    pub database_url: Option<String>,

    /// PostgreSQL URL of the role that owns the schema; migrations run as it.
    /// Defaults to `--database-url`.
    #[arg(long, env = "SENT_MIGRATION_DATABASE_URL", hide_env_values = true)]
    pub migration_database_url: Option<String>,

    /// Directory of the embedded cluster and other local state.
    #[arg(long, env = "SENT_DATA_DIR", default_value = ".data")]
    pub data_dir: PathBuf,

    /// Loopback port of the embedded cluster.
    #[arg(long, env = "SENT_PG_PORT", default_value_t = 55432)]
    pub pg_port: u16,

    /// Unprivileged system user that runs the embedded cluster when the
    /// server runs as root (initdb refuses root).
    #[arg(long, env = "SENT_PG_OS_USER", default_value = "postgres")]
    pub pg_os_user: String,

    /// Most connections the pool opens.
    #[arg(long, env = "SENT_POOL_SIZE", default_value_t = DEFAULT_POOL_SIZE)]
    pub pool_size: usize,

    /// Log format: `text` for people, `json` for log collectors.
    #[arg(long, env = "SENT_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,

    /// Issuer (`iss`) of the bearer tokens this server accepts, byte for byte
    /// as the provider writes it.
    #[arg(long, env = "SENT_OIDC_ISSUER")]
    pub oidc_issuer: Option<String>,

    /// Audience (`aud`) the bearer tokens must name: the API's resource
    /// identifier at the provider.
    #[arg(long, env = "SENT_OIDC_AUDIENCE", default_value = "urn:sent:api")]
    pub oidc_audience: String,

    /// JWKS file with the provider's signing keys (JSON `{"keys": [...]}`).
    /// Without it the keys come from the provider's discovery document and
    /// are re-fetched when a token names an unknown key.
    #[arg(long, env = "SENT_JWKS_FILE", requires = "oidc_issuer")]
    pub jwks_file: Option<PathBuf>,

    /// Least seconds between two fetches of the provider's keys caused by
    /// tokens that name an unknown key (key rotation is picked up this
    /// quickly; a flood of made-up key ids costs the provider no more).
    #[arg(long, env = "SENT_JWKS_MIN_REFRESH_SECS", default_value_t = 30)]
    pub jwks_min_refresh_secs: u64,

    /// This server's client id at the provider, for browser sign-in
    /// (`/auth/login`) and token introspection.
    #[arg(long, env = "SENT_OIDC_CLIENT_ID", requires = "oidc_issuer")]
    pub oidc_client_id: Option<String>,

    /// The client secret that goes with `--oidc-client-id`.
    #[arg(long, env = "SENT_OIDC_CLIENT_SECRET", hide_env_values = true, requires = "oidc_client_id")]
    pub oidc_client_secret: Option<String>,

    /// The URL people reach this server at; the sign-in callback is
    /// `<public-url>/auth/callback`. Defaults to `http://<http-addr>`.
    /// Session cookies are `Secure` when it is https.
    #[arg(long, env = "SENT_PUBLIC_URL")]
    pub public_url: Option<String>,

    /// Hours a browser session lasts.
    #[arg(long, env = "SENT_SESSION_TTL_HOURS", default_value_t = 12)]
    pub session_ttl_hours: u64,

    /// For development: start the local OpenID provider (`backend/dev-oidc`,
    /// needs Node.js) with its demo users, sign in against it, and load the
    /// demo data set once. `make run` sets it. Ignored when
    /// `--oidc-issuer` is set.
    #[arg(long, env = "SENT_DEV_PROVIDER")]
    pub dev_provider: bool,

    /// Where the local OpenID provider listens (with `--dev-provider`).
    #[arg(long, env = "SENT_DEV_PROVIDER_PORT", default_value_t = 8081)]
    pub dev_provider_port: u16,

    /// Milliseconds one call may run, its queries included; a query still
    /// running then is cancelled.
    #[arg(long, env = "SENT_CALL_DEADLINE_MS", default_value_t = 30_000)]
    pub call_deadline_ms: u64,

    /// Largest request body, in bytes.
    #[arg(long, env = "SENT_MAX_BODY_BYTES", default_value_t = 1024 * 1024)]
    pub max_body_bytes: usize,

    /// Most calls in one JSON-RPC batch.
    #[arg(long, env = "SENT_MAX_BATCH", default_value_t = 100)]
    pub max_batch: usize,

    /// Deepest nesting of arrays and objects in a request.
    #[arg(long, env = "SENT_MAX_DEPTH", default_value_t = 64)]
    pub max_depth: usize,

    /// Seconds in-flight requests get to finish after a shutdown signal.
    #[arg(long, env = "SENT_SHUTDOWN_GRACE_SECS", default_value_t = 20)]
    pub shutdown_grace_secs: u64,
}

impl Config {
    /// Where people reach this server.
    pub fn public_url(&self) -> String {
        self.public_url.clone().unwrap_or_else(|| format!("http://{}", self.http_addr)).trim_end_matches('/').to_owned()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cli_definition_is_consistent() {
        use clap::CommandFactory;
        Config::command().debug_assert();
    }
}
