//! The local OpenID provider, for tests and for the server's dev mode.
//!
//! It runs `backend/dev-oidc/provider.mjs` (the certified `oidc-provider`
//! package on Node) as a child process on loopback, after installing its npm
//! packages when they are missing or older than `package-lock.json`. The
//! child does not outlive its [`DevProvider`]: it is killed on drop, and it
//! exits by itself when its stdin, held here, closes, so even a test process
//! that dies without unwinding leaves no provider behind.

use std::collections::HashMap;
use std::fs::File;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::process::{ExitStatus, Stdio};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use serde::Deserialize;
use tokio::io::{AsyncBufReadExt, AsyncRead, BufReader};
use tokio::process::{Child, ChildStdin, Command};

/// How long the provider may take from spawn to its ready line.
const READY_TIMEOUT: Duration = Duration::from_secs(30);
/// How long [`DevProvider::stop`] waits for a clean exit before killing.
const STOP_TIMEOUT: Duration = Duration::from_secs(5);
/// How much of the provider's stderr an error report carries (the end of it).
const STDERR_KEPT_BYTES: usize = 16 * 1024;

/// Where and how to run the provider.
#[derive(Debug, Clone)]
pub struct DevProviderOptions {
    /// The loopback port; `None` lets the provider bind a free one.
    pub port: Option<u16>,
    /// Signing keys, demo passwords and client secrets are kept here and
    /// reused by the next start on the same directory.
    pub state_dir: PathBuf,
    /// `sent-web`'s redirect URIs; empty means the provider's default
    /// (`http://127.0.0.1:8080/auth/callback`).
    pub web_redirects: Vec<String>,
    /// How long access tokens last; `None` is the provider's 10 minutes.
    pub access_token_ttl: Option<Duration>,
}

/// A demo account of the provider, with its password.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct DemoUser {
    pub email: String,
    pub password: String,
    /// The provider's subject for this user (stable for a state directory).
    pub sub: String,
}

/// Why the provider could not be started or asked for a token.
#[derive(Debug, thiserror::Error)]
pub enum DevProviderError {
    #[error("cannot take the install lock {path}: {source}")]
    InstallLock { path: PathBuf, source: std::io::Error },
    #[error("could not run `{command}` (are Node.js and npm installed?): {source}")]
    Run { command: String, source: std::io::Error },
    #[error("`npm ci` in {dir} failed ({status}):\n{output}")]
    Install { dir: PathBuf, status: ExitStatus, output: String },
    #[error("the state directory {path} cannot be resolved: {source}")]
    StateDir { path: PathBuf, source: std::io::Error },
    #[error("the provider exited before it was ready ({status}):\n{stderr}")]
    Exited { status: String, stderr: String },
    #[error("the provider was not ready within {timeout:?}:\n{stderr}")]
    NotReady { timeout: Duration, stderr: String },
    #[error("the provider's ready line is not valid ({reason}): {line}")]
    ReadyLine { reason: String, line: String },
    #[error("the HTTP client cannot be built: {0}")]
    HttpClient(reqwest::Error),
    #[error("client {0} is unknown or has no secret")]
    NoClientSecret(String),
    #[error("token request for {client_id} failed: {source}")]
    TokenRequest { client_id: String, source: reqwest::Error },
    #[error("token request for {client_id} answered HTTP {status}: {body}")]
    TokenRefused { client_id: String, status: u16, body: String },
}

#[derive(Deserialize)]
struct Ready {
    ready: bool,
    issuer: String,
    audience: String,
    users: Vec<DemoUser>,
    clients: HashMap<String, ReadyClient>,
}

#[derive(Deserialize)]
struct ReadyClient {
    #[serde(default)]
    secret: Option<String>,
}

#[derive(Deserialize)]
struct TokenResponse {
    access_token: String,
}

/// A running provider. Dropping it kills the child.
pub struct DevProvider {
    child: Child,
    /// Held open: the provider exits when it closes.
    stdin: Option<ChildStdin>,
    ready: Ready,
    http: reqwest::Client,
}

impl std::fmt::Debug for DevProvider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Passwords and client secrets stay out of logs.
        f.debug_struct("DevProvider")
            .field("issuer", &self.ready.issuer)
            .field("audience", &self.ready.audience)
            .field("pid", &self.child.id())
            .finish_non_exhaustive()
    }
}

/// The provider's source directory, next to this crate.
fn provider_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("dev-oidc")
}

impl DevProvider {
    /// Installs the provider's packages if needed, starts it, and waits for
    /// it to say it is ready.
    ///
    /// # Errors
    /// When Node or npm is missing, the install fails, the port is taken,
    /// or the provider is not ready within 30 s; the error carries the end
    /// of the provider's stderr.
    pub async fn start(options: DevProviderOptions) -> Result<Self, DevProviderError> {
        let dir = provider_dir();
        let install_dir = dir.clone();
        tokio::task::spawn_blocking(move || ensure_installed(&install_dir)).await.map_err(|e| {
            DevProviderError::Run { command: "npm ci".into(), source: std::io::Error::other(e.to_string()) }
        })??;

        let state_dir = std::path::absolute(&options.state_dir)
            .map_err(|source| DevProviderError::StateDir { path: options.state_dir.clone(), source })?;
        let script = dir.join("provider.mjs");
        let mut command = Command::new("node");
        command
            .arg(&script)
            .arg("--port")
            .arg(options.port.unwrap_or(0).to_string())
            .arg("--state-dir")
            .arg(&state_dir)
            .arg("--exit-with-stdin")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true);
        match options.access_token_ttl {
            Some(ttl) => command.env("SENT_OIDC_ACCESS_TOKEN_TTL", ttl.as_secs().max(1).to_string()),
            None => command.env_remove("SENT_OIDC_ACCESS_TOKEN_TTL"),
        };
        if options.web_redirects.is_empty() {
            command.env_remove("SENT_OIDC_WEB_REDIRECTS");
        } else {
            command.env("SENT_OIDC_WEB_REDIRECTS", options.web_redirects.join(","));
        }
        let mut child = command
            .spawn()
            .map_err(|source| DevProviderError::Run { command: format!("node {}", script.display()), source })?;

        let stderr = Arc::new(Mutex::new(String::new()));
        let stderr_task = child.stderr.take().map(|pipe| tokio::spawn(collect_stderr(pipe, Arc::clone(&stderr))));
        let stdin = child.stdin.take();
        let Some(stdout) = child.stdout.take() else {
            return Err(DevProviderError::ReadyLine { reason: "no stdout pipe".into(), line: String::new() });
        };
        let mut stdout = BufReader::new(stdout).lines();

        let line = match tokio::time::timeout(READY_TIMEOUT, stdout.next_line()).await {
            Ok(Ok(Some(line))) => line,
            Ok(Ok(None) | Err(_)) => {
                // stdout closed: the provider is exiting; report why.
                let status = match tokio::time::timeout(STOP_TIMEOUT, child.wait()).await {
                    Ok(Ok(status)) => status.to_string(),
                    Ok(Err(error)) => error.to_string(),
                    Err(_) => "still running with stdout closed".into(),
                };
                if let Some(task) = stderr_task {
                    // Ends when the pipe does; bounded in case a grandchild holds it.
                    let _ = tokio::time::timeout(Duration::from_secs(2), task).await;
                }
                return Err(DevProviderError::Exited { status, stderr: kept(&stderr) });
            }
            Err(_) => {
                let _ = child.kill().await;
                return Err(DevProviderError::NotReady { timeout: READY_TIMEOUT, stderr: kept(&stderr) });
            }
        };
        let ready: Ready = serde_json::from_str(&line)
            .map_err(|e| DevProviderError::ReadyLine { reason: e.to_string(), line: line.clone() })?;
        if !ready.ready {
            return Err(DevProviderError::ReadyLine { reason: "`ready` is false".into(), line });
        }
        // Nothing more is expected on stdout; keep the pipe drained regardless.
        tokio::spawn(async move { while let Ok(Some(_)) = stdout.next_line().await {} });

        let http = crate::http::client().map_err(DevProviderError::HttpClient)?;
        tracing::debug!(issuer = %ready.issuer, "local OpenID provider ready");
        Ok(Self { child, stdin, ready, http })
    }

    /// The issuer, exactly as it appears in tokens (`http://127.0.0.1:<port>`).
    pub fn issuer(&self) -> &str {
        &self.ready.issuer
    }

    /// The API resource its access tokens are for (their `aud`).
    pub fn audience(&self) -> &str {
        &self.ready.audience
    }

    /// The token endpoint.
    pub fn token_endpoint(&self) -> String {
        format!("{}/token", self.ready.issuer)
    }

    /// The JWKS endpoint.
    pub fn jwks_uri(&self) -> String {
        format!("{}/jwks", self.ready.issuer)
    }

    /// All demo users (alice@acme.test, bob@globex.test).
    pub fn users(&self) -> &[DemoUser] {
        &self.ready.users
    }

    /// The demo user with this email.
    pub fn user(&self, email: &str) -> Option<&DemoUser> {
        self.ready.users.iter().find(|user| user.email.eq_ignore_ascii_case(email))
    }

    /// A confidential client's secret (`sent-web`, `acme-service`,
    /// `globex-service`); `None` for public clients and unknown ids.
    pub fn client_secret(&self, client_id: &str) -> Option<&str> {
        self.ready.clients.get(client_id)?.secret.as_deref()
    }

    /// An access token for a service client (`acme-service`,
    /// `globex-service`) from the client-credentials grant.
    ///
    /// # Errors
    /// When the client has no secret, or the provider refuses or cannot be
    /// reached.
    pub async fn client_credentials_token(&self, client_id: &str) -> Result<String, DevProviderError> {
        let secret = self.client_secret(client_id).ok_or_else(|| DevProviderError::NoClientSecret(client_id.into()))?;
        let request_failed = |source| DevProviderError::TokenRequest { client_id: client_id.into(), source };
        let response = self
            .http
            .post(self.token_endpoint())
            .basic_auth(client_id, Some(secret))
            .form(&[("grant_type", "client_credentials")])
            .send()
            .await
            .map_err(request_failed)?;
        let status = response.status();
        let body = response.text().await.map_err(request_failed)?;
        if !status.is_success() {
            return Err(DevProviderError::TokenRefused { client_id: client_id.into(), status: status.as_u16(), body });
        }
        let token: TokenResponse = serde_json::from_str(&body).map_err(|_| DevProviderError::TokenRefused {
            client_id: client_id.into(),
            status: status.as_u16(),
            body,
        })?;
        Ok(token.access_token)
    }

    /// Stops the provider: closes its stdin (it exits cleanly), and kills it
    /// if it has not exited within 5 s.
    ///
    /// # Errors
    /// When waiting for or killing the child fails.
    pub async fn stop(mut self) -> std::io::Result<ExitStatus> {
        drop(self.stdin.take());
        if let Ok(status) = tokio::time::timeout(STOP_TIMEOUT, self.child.wait()).await {
            return status;
        }
        self.child.kill().await?;
        self.child.wait().await
    }
}

async fn collect_stderr(pipe: impl AsyncRead + Unpin, kept: Arc<Mutex<String>>) {
    let mut lines = BufReader::new(pipe).lines();
    while let Ok(Some(line)) = lines.next_line().await {
        tracing::debug!(target: "sent_auth::dev_provider", "{line}");
        let mut kept = kept.lock().unwrap_or_else(PoisonError::into_inner);
        kept.push_str(&line);
        kept.push('\n');
        if kept.len() > STDERR_KEPT_BYTES {
            let mut cut = kept.len() - STDERR_KEPT_BYTES;
            while !kept.is_char_boundary(cut) {
                cut += 1;
            }
            kept.drain(..cut);
        }
    }
}

fn kept(stderr: &Mutex<String>) -> String {
    stderr.lock().unwrap_or_else(PoisonError::into_inner).trim_end().to_owned()
}

/// npm writes `node_modules/.package-lock.json` last, so its presence and
/// age say whether a complete install matches `package-lock.json`.
fn install_is_current(dir: &Path) -> bool {
    let modified = |path: PathBuf| std::fs::metadata(path).and_then(|meta| meta.modified());
    match (modified(dir.join("package-lock.json")), modified(dir.join("node_modules").join(".package-lock.json"))) {
        (Ok(lock), Ok(installed)) => installed >= lock,
        _ => false,
    }
}

/// Runs `npm ci` when the install is missing or stale. Test processes run in
/// parallel, so installs are serialised with a lock file outside the tree
/// (`npm ci` deletes `node_modules`), and whoever gets the lock second finds
/// the install done.
fn ensure_installed(dir: &Path) -> Result<(), DevProviderError> {
    if install_is_current(dir) {
        return Ok(());
    }
    let mut hasher = DefaultHasher::new();
    dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf()).hash(&mut hasher);
    let lock_path = std::env::temp_dir().join(format!("sent-dev-oidc-install-{:016x}.lock", hasher.finish()));
    let lock_failed = |source| DevProviderError::InstallLock { path: lock_path.clone(), source };
    let lock = File::options().create(true).truncate(false).write(true).open(&lock_path).map_err(lock_failed)?;
    // Released when `lock` is dropped, also if this process dies.
    lock.lock().map_err(lock_failed)?;
    if install_is_current(dir) {
        return Ok(());
    }
    tracing::info!(dir = %dir.display(), "installing the local OpenID provider's npm packages");
    let output = std::process::Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .map_err(|source| DevProviderError::Run { command: "npm ci".into(), source })?;
    if !output.status.success() {
        let mut text = String::from_utf8_lossy(&output.stdout).into_owned();
        text.push_str(&String::from_utf8_lossy(&output.stderr));
        return Err(DevProviderError::Install { dir: dir.to_path_buf(), status: output.status, output: text });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::net::TcpListener;

    use super::*;
    use crate::TokenVerifier;
    use crate::jwks::Jwks;

    /// A fresh state directory, removed when the test ends.
    struct StateDir(PathBuf);

    impl StateDir {
        fn new() -> Self {
            let dir = std::env::temp_dir().join(format!("sent-dev-provider-{}", uuid::Uuid::new_v4().simple()));
            Self(dir)
        }
    }

    impl Drop for StateDir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn options(state: &StateDir, port: Option<u16>) -> DevProviderOptions {
        DevProviderOptions {
            port,
            state_dir: state.0.clone(),
            web_redirects: vec!["http://127.0.0.1:8080/auth/callback".into()],
            access_token_ttl: None,
        }
    }

    #[tokio::test]
    async fn issues_client_credentials_tokens_that_verify() -> Result<(), Box<dyn std::error::Error>> {
        let state = StateDir::new();
        let provider = DevProvider::start(options(&state, None)).await?;
        assert!(provider.issuer().starts_with("http://127.0.0.1:"), "{}", provider.issuer());
        assert_eq!(provider.audience(), "urn:sent:api");
        let alice = provider.user("alice@acme.test").ok_or("alice is missing")?;
        assert!(!alice.password.is_empty() && !alice.sub.is_empty());
        assert!(provider.user("mallory@acme.test").is_none());
        assert!(provider.client_secret("sent-web").is_some());
        assert!(provider.client_secret("sent-cli").is_none());

        let token = provider.client_credentials_token("acme-service").await?;
        let jwks = Jwks::remote(provider.jwks_uri(), crate::http::client()?, Duration::from_secs(1)).await?;
        let verifier = TokenVerifier::new(provider.issuer(), provider.audience(), jwks).with_leeway(30);
        let identity = verifier.verify(&token).await.map_err(|e| format!("{e:?}"))?;
        assert_eq!(identity.subject, "acme-service");
        assert_eq!(identity.issuer, provider.issuer());

        assert!(matches!(
            provider.client_credentials_token("sent-cli").await,
            Err(DevProviderError::NoClientSecret(id)) if id == "sent-cli"
        ));

        // The same state directory gives the same users on the next start.
        let users = provider.users().to_vec();
        let status = provider.stop().await?;
        assert!(status.success(), "{status}");
        let again = DevProvider::start(options(&state, None)).await?;
        assert_eq!(again.users(), users.as_slice());
        Ok(())
    }

    #[tokio::test]
    async fn a_taken_port_is_reported_with_the_providers_reason() -> Result<(), Box<dyn std::error::Error>> {
        let taken = TcpListener::bind("127.0.0.1:0")?;
        let port = taken.local_addr()?.port();
        let state = StateDir::new();
        match DevProvider::start(options(&state, Some(port))).await {
            Err(DevProviderError::Exited { stderr, .. }) => {
                assert!(stderr.contains("already in use"), "{stderr}");
                Ok(())
            }
            other => Err(format!("expected an early exit, got {other:?}").into()),
        }
    }
}
