//! Sign-in for a native app (RFC 8252): the authorization-code flow with
//! PKCE in the system browser, which comes back to the loopback redirect of
//! `sent_auth::loopback` (shared with the command line).
//!
//! The app keeps the access token and sends it with each call as a bearer
//! token, exactly as an integrator would over HTTP.

use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;

use sent_auth::loopback::{Loopback, LoopbackError};
use sent_auth::{RelyingParty, RelyingPartyConfig, SignedIn};

use crate::provider::{MIN_REFRESH, ProviderSettings};

/// How the provider's sign-in page is opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Browser {
    /// The system's web browser.
    System,
    /// A program given the URL as its only argument.
    Program(PathBuf),
}

/// Why a sign-in did not end with someone signed in. Each message is safe
/// to show the person signing in.
#[derive(Debug, thiserror::Error)]
pub enum SignInFailure {
    #[error("no identity provider is configured: set SENT_OIDC_ISSUER (or start with --dev-provider)")]
    NotConfigured,
    #[error("the app is not ready: {0}")]
    Unavailable(String),
    #[error("cannot listen on 127.0.0.1 for the browser's return: {0}")]
    Loopback(std::io::Error),
    #[error(transparent)]
    Provider(#[from] sent_auth::SignInError),
    #[error("cannot open the browser: {0}")]
    Browser(String),
    #[error("the sign-in was not finished within {} s; start it again", .0.as_secs())]
    TimedOut(Duration),
    #[error("a newer sign-in took over this one")]
    Superseded,
    #[error("the provider's signing keys cannot be had: {0}")]
    Keys(#[from] sent_auth::jwks::JwksError),
    #[error("the sign-in stopped unexpectedly: {0}")]
    Internal(String),
}

impl Browser {
    /// Show `url` to the person.
    ///
    /// # Errors
    /// When the browser (or program) cannot be started.
    pub fn open(&self, url: &str) -> Result<(), SignInFailure> {
        match self {
            Self::System => {
                tauri_plugin_opener::open_url(url, None::<&str>).map_err(|e| SignInFailure::Browser(e.to_string()))
            }
            Self::Program(program) => {
                let mut child = tokio::process::Command::new(program)
                    .arg(url)
                    .stdin(Stdio::null())
                    .stdout(Stdio::null())
                    .spawn()
                    .map_err(|e| SignInFailure::Browser(format!("{}: {e}", program.display())))?;
                // Reaped in the background: the program may live on (a
                // browser window) long after the sign-in.
                let program = program.clone();
                tokio::spawn(async move {
                    match child.wait().await {
                        Ok(status) if !status.success() => {
                            tracing::warn!(program = %program.display(), %status, "the browser program failed");
                        }
                        Ok(_) => {}
                        Err(error) => tracing::warn!(program = %program.display(), %error, "waiting for the browser"),
                    }
                });
                Ok(())
            }
        }
    }
}

/// One sign-in, from opening the browser to the checked ID token.
///
/// # Errors
/// When the provider cannot be reached, the person is not signed in, the
/// response is not valid, or nothing comes back within `timeout`.
pub async fn sign_in(
    settings: &ProviderSettings,
    browser: &Browser,
    timeout: Duration,
    http: &reqwest::Client,
) -> Result<SignedIn, SignInFailure> {
    let loopback = Loopback::bind().await?;
    let relying_party = RelyingParty::discover(
        RelyingPartyConfig {
            issuer: settings.issuer.clone(),
            client_id: settings.client_id.clone(),
            client_secret: None,
            redirect_uri: loopback.redirect_uri(),
            min_refresh: MIN_REFRESH,
            offline_access: true,
        },
        http.clone(),
    )
    .await?;
    let start = relying_party.start_login().await;
    browser.open(&start.url)?;
    Ok(loopback.wait(relying_party, start, "the SENT app", timeout).await?)
}

impl From<LoopbackError> for SignInFailure {
    fn from(error: LoopbackError) -> Self {
        match error {
            LoopbackError::Listen(e) => Self::Loopback(e),
            LoopbackError::TimedOut(after) => Self::TimedOut(after),
            LoopbackError::SignIn(e) => Self::Provider(e),
            LoopbackError::Stopped => Self::Internal(error.to_string()),
        }
    }
}
