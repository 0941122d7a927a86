//! Getting a token from the OpenID provider.
//!
//! A person signs in in a browser, with the authorization-code flow and PKCE
//! as the public client `sent-cli` and a loopback redirect (RFC 8252): `sent`
//! listens on `127.0.0.1` on a port of the system's choosing and the
//! provider sends the browser back there. A service account uses the
//! client-credentials grant with its own id and secret.

use std::net::Ipv4Addr;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, SystemTime};

use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Html;
use axum::routing::get;
use openidconnect::core::{CoreClient, CoreProviderMetadata};
use openidconnect::{ClientId, ClientSecret, IssuerUrl, OAuth2TokenResponse as _};
use sent_auth::{AuthorizationResponse, LoginStart, RelyingParty, RelyingPartyConfig, SignInError, SignedIn, describe};
use tokio::sync::oneshot;

use crate::credentials::{Saved, unix_seconds};
use crate::exit::{Exit, Failure};

/// The provider's client id for this command line (a public client: PKCE,
/// no secret).
pub const CLI_CLIENT_ID: &str = "sent-cli";

/// How long the page's answer may take to reach the browser once sign-in is
/// decided, before `sent` stops listening regardless.
const LAST_PAGE_GRACE: Duration = Duration::from_secs(2);

/// Sign a person in through their browser.
///
/// # Errors
/// Exit 1 when the provider cannot be reached; exit 3 when sign-in is
/// refused, fails or is not finished within `wait`.
pub async fn in_browser(issuer: &str, open_browser: bool, wait: Duration) -> Result<Saved, Failure> {
    let listener = tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .await
        .map_err(|e| Failure::new(Exit::Other, "login", format!("cannot listen on 127.0.0.1 for the sign-in: {e}")))?;
    let port = listener
        .local_addr()
        .map_err(|e| Failure::new(Exit::Other, "login", format!("cannot tell the port listened on: {e}")))?
        .port();
    let http = http_client()?;
    let config = RelyingPartyConfig {
        issuer: issuer.to_owned(),
        client_id: CLI_CLIENT_ID.to_owned(),
        client_secret: None,
        redirect_uri: format!("http://127.0.0.1:{port}/callback"),
        min_refresh: Duration::from_secs(60),
    };
    let relying_party = RelyingParty::discover(config, http).await.map_err(|e| match e {
        SignInError::Discovery { reason, .. } => provider_unreachable(issuer, &reason),
        other => Failure::usage(format!("cannot sign in with --issuer {issuer}: {other}")),
    })?;
    let start = relying_party.start_login().await;

    eprintln!("To sign in, open this address in a browser:\n{}", start.url);
    if open_browser {
        open_in_browser(&start.url);
    }

    let (done, outcome) = oneshot::channel();
    let pending = Arc::new(Pending { relying_party, start, done: Mutex::new(Some(done)) });
    let app = Router::new().route("/callback", get(callback)).with_state(pending);
    let (stop, stopped) = oneshot::channel::<()>();
    let mut server = tokio::spawn(async move {
        let _ = axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = stopped.await;
            })
            .await;
    });

    let outcome = tokio::time::timeout(wait, outcome).await;
    let _ = stop.send(());
    if tokio::time::timeout(LAST_PAGE_GRACE, &mut server).await.is_err() {
        server.abort();
    }
    let signed_in = match outcome {
        Ok(Ok(result)) => result?,
        Ok(Err(_)) => return Err(Failure::new(Exit::Other, "login", "the sign-in listener stopped unexpectedly")),
        Err(_) => {
            return Err(Failure::new(
                Exit::Auth,
                "login",
                format!("the browser did not come back within {} s; run `sent login` again", wait.as_secs()),
            ));
        }
    };
    Ok(Saved {
        signed_in_as: signed_in.identity.email.clone().unwrap_or_else(|| signed_in.identity.subject.clone()),
        access_token: signed_in.access_token,
        refresh_token: signed_in.refresh_token,
        expires_at: signed_in.expires_at.map(unix_seconds),
        issuer: issuer.to_owned(),
        client_id: CLI_CLIENT_ID.to_owned(),
    })
}

/// Sign a service account in with the client-credentials grant.
///
/// # Errors
/// Exit 1 when the provider cannot be reached; exit 3 when it refuses the
/// client.
pub async fn as_service(issuer: &str, client_id: &str, client_secret: String) -> Result<Saved, Failure> {
    let http = http_client()?;
    let issuer_url = IssuerUrl::new(issuer.to_owned())
        .map_err(|e| Failure::usage(format!("--issuer {issuer:?} is not a URL: {e}")))?;
    let metadata = CoreProviderMetadata::discover_async(issuer_url, &http)
        .await
        .map_err(|e| provider_unreachable(issuer, &describe(&e)))?;
    let client = CoreClient::from_provider_metadata(
        metadata,
        ClientId::new(client_id.to_owned()),
        Some(ClientSecret::new(client_secret)),
    );
    let requested_at = SystemTime::now();
    let token = client
        .exchange_client_credentials()
        .map_err(|e| {
            Failure::new(Exit::Other, "login", format!("the provider at {issuer} has no token endpoint: {e}"))
        })?
        .request_async(&http)
        .await
        .map_err(|e| {
            Failure::new(Exit::Auth, "login", format!("the provider refused client {client_id}: {}", describe(&e)))
        })?;
    Ok(Saved {
        access_token: token.access_token().secret().clone(),
        refresh_token: token.refresh_token().map(|t| t.secret().clone()),
        // Counted from before the request: never thought valid for longer
        // than it is.
        expires_at: token.expires_in().map(|lifetime| unix_seconds(requested_at + lifetime)),
        issuer: issuer.to_owned(),
        client_id: client_id.to_owned(),
        signed_in_as: client_id.to_owned(),
    })
}

/// A sign-in under way, shared with the callback handler.
struct Pending {
    relying_party: RelyingParty,
    start: LoginStart,
    /// Taken by the one callback that decides the sign-in.
    done: Mutex<Option<oneshot::Sender<Result<SignedIn, Failure>>>>,
}

async fn callback(
    State(pending): State<Arc<Pending>>,
    Query(query): Query<AuthorizationResponse>,
) -> (StatusCode, Html<String>) {
    // A request without this sign-in's state is not the provider's answer to
    // it (a stale tab, another program): refuse it and keep waiting.
    if query.state.as_deref() != Some(pending.start.state.as_str()) {
        return page(
            StatusCode::BAD_REQUEST,
            "Not this sign-in",
            "This address does not belong to the sign-in `sent login` is waiting for.",
        );
    }
    let Some(done) = pending.done.lock().unwrap_or_else(PoisonError::into_inner).take() else {
        return page(
            StatusCode::CONFLICT,
            "Already finished",
            "This sign-in is already finished; look at your terminal.",
        );
    };
    let outcome = finish(&pending, query).await;
    let answer = match &outcome {
        Ok(signed_in) => {
            let who = signed_in.identity.email.as_deref().unwrap_or(&signed_in.identity.subject);
            page(
                StatusCode::OK,
                "Signed in",
                &format!("Signed in as {who}. You can close this tab and go back to the terminal."),
            )
        }
        Err(failure) => page(StatusCode::BAD_REQUEST, "Sign-in failed", &failure.message),
    };
    let _ = done.send(outcome);
    answer
}

async fn finish(pending: &Pending, response: AuthorizationResponse) -> Result<SignedIn, Failure> {
    pending
        .relying_party
        .finish_response(response, &pending.start.pkce_verifier, &pending.start.nonce)
        .await
        .map_err(|e| Failure::new(Exit::Auth, "login", format!("sign-in failed: {e}")))
}

fn page(status: StatusCode, title: &str, message: &str) -> (StatusCode, Html<String>) {
    let (title, message) = (escape(title), escape(message));
    let html = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title} · SENT</title></head>\
         <body style=\"font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto\">\
         <h1>{title}</h1><p>{message}</p></body></html>"
    );
    (status, Html(html))
}

/// Text for HTML: the provider's error description is not ours to trust.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            other => escaped.push(other),
        }
    }
    escaped
}

fn open_in_browser(url: &str) {
    let opened = std::process::Command::new("xdg-open")
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if let Err(e) = opened {
        eprintln!("sent: could not start xdg-open ({e}); open the address above yourself");
    }
}

fn http_client() -> Result<reqwest::Client, Failure> {
    sent_auth::http::client()
        .map_err(|e| Failure::new(Exit::Other, "login", format!("cannot set up HTTP: {}", describe(&e))))
}

fn provider_unreachable(issuer: &str, reason: &str) -> Failure {
    Failure::new(
        Exit::Other,
        "unavailable",
        format!(
            "cannot reach the identity provider at {issuer} ({reason}); `make run` starts a local one, --issuer or \
             SENT_OIDC_ISSUER points elsewhere"
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_escape_what_they_show() {
        let (_, Html(html)) = page(StatusCode::BAD_REQUEST, "Failed", "<script>alert('x')</script> & \"more\"");
        assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;more&quot;"), "{html}");
        assert!(!html.contains("<script>"));
    }
}
