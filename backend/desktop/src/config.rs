//! The app's settings: every one is a flag and an environment variable,
//! explained by `--help`. They are read before anything else happens, so
//! `--mode=worker` is known before any GUI library is touched.

use std::path::PathBuf;

use clap::{Parser, ValueEnum};

/// The reverse-DNS name of the app (`identifier` in `tauri.conf.json`): the
/// folder of its data, settings and window state under the user's
/// directories.
pub const APP_IDENTIFIER: &str = "dev.sent.desktop";

/// The client id of the desktop app at the identity provider: a public
/// native client (PKCE, no secret) whose loopback redirect may use any port.
pub const DEFAULT_CLIENT_ID: &str = "sent-desktop";

/// SENT's desktop app: the platform's UI in a native window over an embedded
/// (or remote) PostgreSQL. With `--mode=worker` it runs one service's queue
/// worker instead, headless.
#[derive(Debug, Clone, Parser)]
#[command(name = "sent-app", version, about, long_about = None)]
pub struct Config {
    /// What this process is: the app with its window, or a headless worker
    /// for one service's queue (no window, no GUI libraries initialised).
    #[arg(long, env = "SENT_MODE", value_enum, default_value_t = Mode::App)]
    pub mode: Mode,

    /// With `--mode=worker`: the service whose queue this worker serves.
    #[arg(long, env = "SENT_SERVICE", required_if_eq("mode", "worker"))]
    pub service: Option<String>,

    /// Directory of the embedded database and other local state. Defaults to
    /// the user's data directory (on Linux `~/.local/share/dev.sent.desktop`).
    #[arg(long, env = "SENT_DATA_DIR")]
    pub data_dir: Option<PathBuf>,

    /// PostgreSQL URL of a remote database the app's calls run as (a role
    /// that owns nothing and does not bypass row-level security). When unset
    /// the app runs its own embedded cluster under the data directory.
    #[arg(long, env = "SENT_DATABASE_URL", hide_env_values = true)]
    pub database_url: Option<String>,

    /// PostgreSQL URL of the role that owns the schema; migrations run as it.
    /// Defaults to `--database-url`.
    #[arg(long, env = "SENT_MIGRATION_DATABASE_URL", hide_env_values = true)]
    pub migration_database_url: Option<String>,

    /// Loopback port of the embedded cluster; a free one by default.
    #[arg(long, env = "SENT_PG_PORT")]
    pub pg_port: Option<u16>,

    /// Unprivileged system user that runs the embedded cluster when the app
    /// runs as root (initdb refuses root).
    #[arg(long, env = "SENT_PG_OS_USER", default_value = "postgres")]
    pub pg_os_user: String,

    /// Most database connections the app opens.
    #[arg(long, env = "SENT_POOL_SIZE", default_value_t = 4)]
    pub pool_size: usize,

    /// Issuer of the identity provider people sign in with, byte for byte as
    /// it writes it in tokens.
    #[arg(long, env = "SENT_OIDC_ISSUER")]
    pub oidc_issuer: Option<String>,

    /// Audience (`aud`) the access tokens must name: the API's resource
    /// identifier at the provider.
    #[arg(long, env = "SENT_OIDC_AUDIENCE", default_value = "urn:sent:api")]
    pub oidc_audience: String,

    /// The app's client id at the provider (a public native client with the
    /// loopback redirect `http://127.0.0.1/callback`, any port).
    #[arg(long, env = "SENT_DESKTOP_CLIENT_ID", default_value = DEFAULT_CLIENT_ID)]
    pub oidc_client_id: String,

    /// For development: start the local OpenID provider (`backend/dev-oidc`,
    /// needs Node.js and a source checkout) and sign in against it. Ignored
    /// when `--oidc-issuer` is set.
    #[arg(long, env = "SENT_DEV_PROVIDER")]
    pub dev_provider: bool,

    /// Program that opens the sign-in page, given its URL as its only
    /// argument. Defaults to the system's web browser.
    #[arg(long, env = "SENT_DESKTOP_BROWSER")]
    pub browser: Option<PathBuf>,

    /// Seconds a sign-in may wait for the browser to come back.
    #[arg(long, env = "SENT_SIGN_IN_TIMEOUT_SECS", default_value_t = 300)]
    pub sign_in_timeout_secs: u64,

    /// For measurements only: one more origin (such as
    /// `http://127.0.0.1:8080`) the page may connect to, so the same page can
    /// time HTTP against IPC. The app itself never uses it.
    #[arg(long, env = "SENT_DESKTOP_EXTRA_CONNECT_ORIGIN")]
    pub extra_connect_origin: Option<String>,

    /// Milliseconds one call may run, its queries included.
    #[arg(long, env = "SENT_CALL_DEADLINE_MS", default_value_t = 30_000)]
    pub call_deadline_ms: u64,

    /// Most calls in one JSON-RPC batch.
    #[arg(long, env = "SENT_MAX_BATCH", default_value_t = 100)]
    pub max_batch: usize,

    /// Deepest nesting of arrays and objects in a request.
    #[arg(long, env = "SENT_MAX_DEPTH", default_value_t = 64)]
    pub max_depth: usize,

    /// Log format: `text` for people, `json` for log collectors.
    #[arg(long, env = "SENT_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,
}

/// What the process runs as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Mode {
    /// The desktop app with its window.
    App,
    /// A headless worker for one service's queue.
    Worker,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

/// A setting that does not fit the others.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("--service is only for --mode=worker; the app serves every service itself")]
    ServiceWithoutWorker,
    #[error("no data directory: the system names no user data directory; set SENT_DATA_DIR")]
    NoDataDir,
}

impl Config {
    /// Settings that clap cannot check alone.
    ///
    /// # Errors
    /// When two settings contradict each other.
    pub fn validate(&self) -> Result<(), ConfigError> {
        if self.mode == Mode::App && self.service.is_some() {
            return Err(ConfigError::ServiceWithoutWorker);
        }
        Ok(())
    }

    /// Where the app keeps its local state.
    ///
    /// # Errors
    /// When none is configured and the system names no data directory.
    pub fn data_dir(&self) -> Result<PathBuf, ConfigError> {
        match &self.data_dir {
            Some(dir) => Ok(dir.clone()),
            None => dirs::data_dir().map(|dir| dir.join(APP_IDENTIFIER)).ok_or(ConfigError::NoDataDir),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cli_definition_is_consistent() {
        use clap::CommandFactory;
        Config::command().debug_assert();
    }

    #[test]
    fn worker_mode_needs_a_service_and_the_app_refuses_one() {
        assert!(Config::try_parse_from(["sent-app", "--mode=worker"]).is_err());
        let worker = Config::try_parse_from(["sent-app", "--mode=worker", "--service=ledger"]).expect("valid");
        assert_eq!(worker.mode, Mode::Worker);
        assert_eq!(worker.service.as_deref(), Some("ledger"));
        assert!(worker.validate().is_ok());

        let app = Config::try_parse_from(["sent-app", "--service=ledger"]).expect("parses");
        assert!(matches!(app.validate(), Err(ConfigError::ServiceWithoutWorker)));
    }

    #[test]
    fn the_data_dir_defaults_to_the_users_data_directory() {
        let config = Config::try_parse_from(["sent-app"]).expect("valid");
        if let Some(base) = dirs::data_dir() {
            assert_eq!(config.data_dir().expect("a data dir"), base.join(APP_IDENTIFIER));
        }
        let config = Config::try_parse_from(["sent-app", "--data-dir", "/srv/sent"]).expect("valid");
        assert_eq!(config.data_dir().expect("a data dir"), PathBuf::from("/srv/sent"));
    }
}
