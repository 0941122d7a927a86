//! The loopback redirect of a native app's sign-in (RFC 8252), shared by the
//! command line and the desktop app.
//!
//! 1. [`Loopback::bind`] listens on `127.0.0.1` on a port the system picks;
//!    [`Loopback::redirect_uri`] is `http://127.0.0.1:<port>/callback` (the
//!    provider ignores the port of a native client's loopback redirect,
//!    §7.3).
//! 2. The caller opens the provider's authorization URL in the system
//!    browser (never in its own webview, §8.12).
//! 3. [`Loopback::wait`]: the first request to `/callback` that carries this
//!    sign-in's `state` is its answer; the relying party checks it (`iss`,
//!    the code exchanged with the PKCE verifier, the ID token and its
//!    nonce). The browser gets a page saying how it went; any other request
//!    (another program on this machine, a stale tab) is refused and changes
//!    nothing.
//! 4. The listener closes, after the browser has had its page.

use std::net::Ipv4Addr;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use axum::Router;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

use crate::relying_party::{AuthorizationResponse, LoginStart, RelyingParty, SignInError, SignedIn};

/// The path of the loopback redirect.
pub const CALLBACK_PATH: &str = "/callback";

/// How long the browser gets to load the last page once the answer is in.
const CLOSE_GRACE: Duration = Duration::from_secs(2);

/// Why the browser's return did not sign anyone in.
#[derive(Debug, thiserror::Error)]
pub enum LoopbackError {
    #[error("cannot listen on 127.0.0.1 for the browser's return: {0}")]
    Listen(std::io::Error),
    #[error("the sign-in was not finished within {} s", .0.as_secs())]
    TimedOut(Duration),
    #[error("the loopback listener stopped unexpectedly")]
    Stopped,
    #[error(transparent)]
    SignIn(#[from] SignInError),
}

/// A bound loopback port, waiting to be named as the redirect URI.
#[derive(Debug)]
pub struct Loopback {
    listener: TcpListener,
    port: u16,
}

impl Loopback {
    /// Listen on `127.0.0.1`. Until [`Loopback::wait`] serves, the system
    /// queues the browser's connection.
    ///
    /// # Errors
    /// When no loopback port can be had.
    pub async fn bind() -> Result<Self, LoopbackError> {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await.map_err(LoopbackError::Listen)?;
        let port = listener.local_addr().map_err(LoopbackError::Listen)?.port();
        Ok(Self { listener, port })
    }

    /// The redirect URI to register this sign-in with.
    pub fn redirect_uri(&self) -> String {
        format!("http://127.0.0.1:{}{CALLBACK_PATH}", self.port)
    }

    /// Serve the callback until the sign-in `start` began is answered, or
    /// `timeout`. `return_to` names where the person goes back to ("the
    /// terminal", "the SENT app") in the pages the browser shows.
    ///
    /// # Errors
    /// When the answer is refused or invalid, or none comes within `timeout`.
    pub async fn wait(
        self,
        relying_party: RelyingParty,
        start: LoginStart,
        return_to: &'static str,
        timeout: Duration,
    ) -> Result<SignedIn, LoopbackError> {
        let (answer_tx, answer_rx) = oneshot::channel();
        let waiting = Arc::new(Waiting { relying_party, start, return_to, answer: Mutex::new(Some(answer_tx)) });
        let (stop_tx, stop_rx) = oneshot::channel::<()>();
        let app = Router::new().route(CALLBACK_PATH, get(callback)).with_state(waiting);
        let listener = self.listener;
        let server = ServerTask(tokio::spawn(async move {
            let stopped = async {
                let _ = stop_rx.await;
            };
            axum::serve(listener, app).with_graceful_shutdown(stopped).await
        }));
        tracing::info!(port = self.port, "waiting for the browser to come back from the identity provider");
        let outcome = match tokio::time::timeout(timeout, answer_rx).await {
            Ok(Ok(outcome)) => outcome.map_err(LoopbackError::SignIn),
            Ok(Err(_)) => Err(LoopbackError::Stopped),
            Err(_) => Err(LoopbackError::TimedOut(timeout)),
        };
        // Let the browser have its page, then close the port.
        let _ = stop_tx.send(());
        server.finish(CLOSE_GRACE).await;
        outcome
    }
}

/// The sign-in under way, as the callback sees it.
struct Waiting {
    relying_party: RelyingParty,
    start: LoginStart,
    return_to: &'static str,
    /// Taken by the one request that answers.
    answer: Mutex<Option<oneshot::Sender<Result<SignedIn, SignInError>>>>,
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
    let return_to = waiting.return_to;
    // Any local program can reach this port: only the request with this
    // sign-in's state (which only the provider's redirect carries) counts.
    if query.state.as_deref() != Some(waiting.start.state.as_str()) {
        tracing::warn!("refused a loopback request without this sign-in's state");
        return page(
            StatusCode::BAD_REQUEST,
            "Not this sign-in",
            &format!("This page does not answer the sign-in under way. Start signing in again from {return_to}."),
        );
    }
    let Some(answer) = waiting.answer.lock().unwrap_or_else(PoisonError::into_inner).take() else {
        return page(
            StatusCode::CONFLICT,
            "Already done",
            &format!("This sign-in is already finished. Go back to {return_to}."),
        );
    };
    let outcome =
        waiting.relying_party.finish_response(query, &waiting.start.pkce_verifier, &waiting.start.nonce).await;
    let response = match &outcome {
        Ok(signed_in) => {
            let who = signed_in.identity.email.as_deref().unwrap_or(&signed_in.identity.subject);
            page(
                StatusCode::OK,
                "Signed in",
                &format!("You are signed in to SENT as {who}. You can close this tab and go back to {return_to}."),
            )
        }
        Err(failure) => {
            tracing::warn!(error = %failure, "sign-in refused");
            page(StatusCode::BAD_REQUEST, "Sign-in failed", &format!("{failure}. Start again from {return_to}."))
        }
    };
    let _ = answer.send(outcome);
    response
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

/// Text for HTML: the provider's error description is not ours to trust.
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

    #[tokio::test]
    async fn the_redirect_uri_names_the_bound_loopback_port() {
        let loopback = Loopback::bind().await.expect("a loopback port");
        let port = loopback.listener.local_addr().expect("bound").port();
        assert_eq!(loopback.redirect_uri(), format!("http://127.0.0.1:{port}/callback"));
    }
}
