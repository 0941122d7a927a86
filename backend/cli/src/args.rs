//! The command line.

use clap::{Args, Parser, Subcommand, ValueEnum};
use uuid::Uuid;

/// SENT from the shell: list, describe and call every method of a running
/// server. The methods come from the server itself, so a new method needs no
/// new `sent`.
///
/// Exit codes: 0 ok, 1 other failure, 2 usage or invalid params, 3 not
/// signed in or not allowed, 4 no such method or thing.
#[derive(Debug, Parser)]
#[command(name = "sent", version, propagate_version = true)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

/// Flags every command takes.
#[derive(Debug, Args)]
pub struct Global {
    /// The server's tarpc address, `host:port`.
    #[arg(long, global = true, env = "SENT_TARPC_ADDR", default_value = "127.0.0.1:8090")]
    pub server: String,
    /// Speak TLS to the server, trusting the certificates in this PEM file
    /// (the server's `SENT_TARPC_TLS_CERT` or the authority that signed it).
    #[arg(long, global = true, env = "SENT_TARPC_TLS_CA", value_name = "PEM")]
    pub tls_ca: Option<std::path::PathBuf>,
    /// The name the server's certificate must carry; the host part of
    /// `--server` when absent.
    #[arg(long, global = true, env = "SENT_TARPC_TLS_NAME", requires = "tls_ca")]
    pub tls_name: Option<String>,
    /// The organization calls act in.
    #[arg(long, global = true, env = "SENT_ORG", value_name = "UUID")]
    pub org: Option<Uuid>,
    /// A bearer token to use instead of the one `sent login` saved.
    #[arg(long, global = true, env = "SENT_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
    /// How to print results; a table on a terminal, JSON otherwise.
    #[arg(long, short, global = true, value_enum)]
    pub output: Option<Output>,
    /// On failure, print the whole error as JSON after its one line.
    #[arg(long, short, global = true)]
    pub verbose: bool,
    /// Seconds to wait for the server's answer.
    #[arg(long, global = true, default_value_t = 30, value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub timeout: u64,
    /// The id the server logs the call under (and writes in its audit row);
    /// 8 to 64 letters, digits, `-` or `_`. One is made when absent.
    #[arg(long, global = true, value_name = "ID", value_parser = request_id)]
    pub request_id: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Output {
    /// Pretty-printed JSON.
    Json,
    /// A table for lists and pages, key and value for objects.
    Table,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Sign in and save the token for this server.
    Login(Login),
    /// Forget the token saved for this server.
    Logout,
    /// List the server's methods.
    Methods {
        /// Only this app's methods (`ledger`, `identity`, ...).
        #[arg(long)]
        app: Option<String>,
    },
    /// Show a method's documentation, params, result and errors.
    Describe {
        /// e.g. `ledger.createAccount`.
        method: String,
    },
    /// Call a method.
    Call(Call),
    /// Print a completion script for a shell.
    Completions { shell: clap_complete::Shell },
}

#[derive(Debug, Args)]
pub struct Login {
    /// The OpenID provider the server trusts.
    #[arg(long, env = "SENT_OIDC_ISSUER", default_value = "http://127.0.0.1:8081")]
    pub issuer: String,
    /// Sign in as a service account with the client-credentials grant
    /// instead of as a person in a browser.
    #[arg(long, requires = "client_secret_env")]
    pub client_id: Option<String>,
    /// The environment variable that holds the service account's secret
    /// (never the secret itself: command lines are visible to others).
    #[arg(long, requires = "client_id", value_name = "VAR")]
    pub client_secret_env: Option<String>,
    /// Open the sign-in page with `xdg-open`.
    #[arg(long, conflicts_with_all = ["no_browser", "client_id"])]
    pub open: bool,
    /// Only print the sign-in address (the default).
    #[arg(long)]
    pub no_browser: bool,
    /// Seconds to wait for the browser to come back.
    #[arg(long, default_value_t = 300, value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(1..))]
    pub wait: u64,
}

#[derive(Debug, Args)]
pub struct Call {
    /// e.g. `ledger.createAccount`.
    pub method: String,
    /// A param as `key=value` (JSON unless the param is a string) or
    /// `key:=json` (always JSON). Repeatable.
    #[arg(long = "param", short = 'p', value_name = "KEY=VALUE")]
    pub params: Vec<String>,
    /// All params as JSON (an object, or an array by position); `-` reads
    /// them from stdin, as does giving no params with stdin not a terminal.
    #[arg(long, value_name = "JSON")]
    pub json: Option<String>,
}

/// The request ids the server takes from a client (it would silently put
/// its own in place of any other).
fn request_id(id: &str) -> Result<String, String> {
    let plain = id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if (8..=64).contains(&id.len()) && plain {
        Ok(id.to_owned())
    } else {
        Err("8 to 64 letters, digits, `-` or `_`".to_owned())
    }
}
