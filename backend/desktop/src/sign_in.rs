//! Sign-in for a native app (RFC 8252): the authorization-code flow with
//! PKCE in the system browser, which comes back to a loopback redirect.
//!
//! 1. Listen on `127.0.0.1` on a port the system picks; the redirect URI is
//!    `http://127.0.0.1:<port>/callback` (the provider ignores the port of a
//!    native client's loopback redirect, RFC 8252 §7.3).
//! 2. Open the provider's authorization URL in the browser (never in the
//!    app's own webview, §8.12).
//! 3. The first request to `/callback` that carries this sign-in's `state`
//!    is its answer: its `iss` is checked (RFC 9207), the code is exchanged
//!    with the PKCE verifier, and the ID token is checked (issuer, audience,
//!    expiry, signature, nonce). The browser gets a page saying how it went;
//!    requests without the right `state` are refused and change nothing.
//! 4. The listener closes.
//!
//! The app keeps the access token and sends it with each call as a bearer
//! token, exactly as an integrator would over HTTP.

use std::net::Ipv4Addr;
use std::path::PathBuf;
use std::process::Stdio;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use axum::Router;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use sent_auth::{AuthorizationResponse, RelyingParty, RelyingPartyConfig, SignedIn};
use tokio::net::TcpListener;
use tokio::sync::oneshot;

use crate::provider::{MIN_REFRESH, ProviderSettings};

/// The path of the loopback redirect.
pub const CALLBACK_PATH: &str = "/callback";
/// How long the browser gets to load the last page once the answer is in.
const CLOSE_GRACE: Duration = Duration::from_secs(2);

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
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await.map_err(SignInFailure::Loopback)?;
    let port = listener.local_addr().map_err(SignInFailure::Loopback)?.port();
    let relying_party = RelyingParty::discover(
        RelyingPartyConfig {
            issuer: settings.issuer.clone(),
            client_id: settings.client_id.clone(),
            client_secret: None,
            redirect_uri: format!("http://127.0.0.1:{port}{CALLBACK_PATH}"),
            min_refresh: MIN_REFRESH,
        },
        http.clone(),
    )
    .await?;
    let start = relying_party.start_login().await;
    let (answer_tx, answer_rx) = oneshot::channel();
    let waiting = Arc::new(Waiting {
        relying_party,
        state: start.state,
        nonce: start.nonce,
        pkce_verifier: start.pkce_verifier,
        answer: Mutex::new(Some(answer_tx)),
    });
    let (stop_tx, stop_rx) = oneshot::channel::<()>();
    let app = Router::new().route(CALLBACK_PATH, get(callback)).with_state(waiting);
    let server = ServerTask(tokio::spawn(async move {
        let stopped = async {
            let _ = stop_rx.await;
        };
        axum::serve(listener, app).with_graceful_shutdown(stopped).await
    }));

    browser.open(&start.url)?;
    tracing::info!(port, "waiting for the browser to come back from the identity provider");
    let outcome = match tokio::time::timeout(timeout, answer_rx).await {
        Ok(Ok(outcome)) => outcome,
        Ok(Err(_)) => Err(SignInFailure::Internal("the loopback listener stopped".into())),
        Err(_) => Err(SignInFailure::TimedOut(timeout)),
    };
    // Let the browser have its page, then close the port.
    let _ = stop_tx.send(());
    server.finish(CLOSE_GRACE).await;
    outcome
}

/// The sign-in under way, as the callback sees it.
struct Waiting {
    relying_party: RelyingParty,
    state: String,
    nonce: String,
    pkce_verifier: String,
    /// Taken by the one request that answers.
    answer: Mutex<Option<oneshot::Sender<Result<SignedIn, SignInFailure>>>>,
}

/// The loopback server, aborted if the sign-in is dropped half-way.
struct ServerTask(tokio::task::JoinHandle<std::io::Result<()>>);

impl ServerTask {
    async fn finish(mut self, grace: Duration) {
        if tokio::time::timeout(grace, &mut self.0).await.is_err() {
            tracing::debug!("the browser kept the loopback connection open; closing it");
        }
    }
}

impl Drop for ServerTask {
    fn drop(&mut self) {
        self.0.abort();
    }
}

async fn callback(State(waiting): State<Arc<Waiting>>, Query(query): Query<AuthorizationResponse>) -> Response {
    // Any local program can reach this port: only the request with this
    // sign-in's state (which only the provider's redirect carries) counts.
    if query.state.as_deref() != Some(waiting.state.as_str()) {
        tracing::warn!("refused a loopback request without this sign-in's state");
        return page(
            StatusCode::BAD_REQUEST,
            "Not this sign-in",
            "This page does not answer the sign-in under way. Start signing in again from the SENT app.",
        );
    }
    let Some(answer) = waiting.answer.lock().unwrap_or_else(PoisonError::into_inner).take() else {
        return page(
            StatusCode::CONFLICT,
            "Already done",
            "This sign-in is already finished. Go back to the SENT app.",
        );
    };
    let outcome = finish(&waiting, query).await;
    let response = match &outcome {
        Ok(signed_in) => {
            let who = signed_in.identity.email.as_deref().unwrap_or(&signed_in.identity.subject);
            page(
                StatusCode::OK,
                "Signed in",
                &format!("You are signed in to SENT as {who}. You can close this tab and go back to the app."),
            )
        }
        Err(failure) => {
            tracing::warn!(error = %failure, "sign-in refused");
            page(StatusCode::BAD_REQUEST, "Sign-in failed", &format!("{failure}. Start again from the SENT app."))
        }
    };
    let _ = answer.send(outcome);
    response
}

/// The relying party checks the answer (error, `iss`, code) as it does for
/// the web host and the CLI.
async fn finish(waiting: &Waiting, response: AuthorizationResponse) -> Result<SignedIn, SignInFailure> {
    Ok(waiting.relying_party.finish_response(response, &waiting.pkce_verifier, &waiting.nonce).await?)
}

/// A small page for the browser tab the person signed in with.
fn page(status: StatusCode, title: &str, message: &str) -> Response {
    let html = format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>SENT: {title}</title>\
         <style>body{{font:16px/1.5 system-ui,sans-serif;display:grid;place-items:center;min-height:100vh;\
         margin:0}}main{{max-width:32rem;padding:2rem}}</style></head>\
         <body><main><h1>{title}</h1><p>{message}</p></main></body></html>\n",
        title = escape_html(title),
        message = escape_html(message),
    );
    let headers = [
        (header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8")),
        (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        // The URL carried the code: it goes nowhere else.
        (header::REFERRER_POLICY, HeaderValue::from_static("no-referrer")),
        (header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("default-src 'none'; style-src 'unsafe-inline'")),
    ];
    (status, headers, html).into_response()
}

fn escape_html(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            c => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn provider_text_cannot_inject_markup_into_the_page() {
        assert_eq!(
            escape_html("<script>alert('x')</script> & \"y\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;"
        );
    }
}
