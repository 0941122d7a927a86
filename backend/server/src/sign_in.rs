//! Browser sign-in: the authorization-code flow with PKCE, driven by the
//! server, ending in a session cookie.
//!
//! - `GET /auth/login?returnTo=/path` sends the browser to the provider.
//! - `GET /auth/callback` checks `state` (against the database and against a
//!   cookie set at login, so a sign-in cannot be finished in another
//!   browser), then lets the relying party check the rest of the answer
//!   (`iss`, the code, the ID token); provisions the user and opens the
//!   session.
//! - `POST /auth/logout[?everywhere=true]` ends this session, or every
//!   session of its user on every host.
//!
//! The session cookie is `HttpOnly`, `SameSite=Lax`, and `Secure` when the
//! server's public URL is https. A cookie alone never authorises an RPC
//! call: see [`CSRF_HEADER`].

use axum::Router;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use sent_auth::{AuthorizationResponse, RelyingParty};
use sent_runtime::{PendingSignIn, Sessions};
use serde::Deserialize;

use crate::AppState;

/// The cookie that carries the session.
pub const SESSION_COOKIE: &str = "sent_session";
/// The cookie that binds a sign-in under way to the browser that began it.
const SIGN_IN_COOKIE: &str = "sent_sign_in";
/// A call authorised by the session cookie must carry this header. A form
/// on another site cannot set it, and a script on another origin cannot
/// send it without a CORS preflight this server never grants.
pub const CSRF_HEADER: &str = "x-sent-csrf";

/// What browser sign-in needs.
#[derive(Debug)]
pub struct WebSignIn {
    pub relying_party: RelyingParty,
    pub sessions: Sessions,
    /// Cookies get `Secure` when the server is reached over https.
    pub secure_cookies: bool,
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/auth/login", get(login))
        .route("/auth/callback", get(callback))
        .route("/auth/logout", post(logout))
}

#[derive(Debug, Deserialize)]
struct LoginQuery {
    #[serde(rename = "returnTo")]
    return_to: Option<String>,
}

async fn login(State(state): State<AppState>, Query(query): Query<LoginQuery>) -> Response {
    let Some(web) = state.sign_in.as_deref() else { return not_configured() };
    let start = web.relying_party.start_login().await;
    let pending = PendingSignIn {
        nonce: start.nonce,
        pkce_verifier: start.pkce_verifier,
        return_to: safe_return_path(query.return_to.as_deref()),
    };
    if let Err(error) = web.sessions.begin_sign_in(&start.state, &pending).await {
        tracing::error!(error = %error, detail = error.log_detail().unwrap_or_default(), "cannot begin a sign-in");
        return failure(StatusCode::SERVICE_UNAVAILABLE, "Sign-in is unavailable right now; try again shortly.");
    }
    let cookie = cookie(SIGN_IN_COOKIE, &start.state, "/auth", Some(600), web.secure_cookies);
    redirect(&start.url, Some(cookie))
}

async fn callback(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<AuthorizationResponse>,
) -> Response {
    let Some(web) = state.sign_in.as_deref() else { return not_configured() };
    match finish(web, &headers, query).await {
        Ok((token, return_to)) => {
            let max_age = web.sessions.ttl().as_secs();
            let session = cookie(SESSION_COOKIE, &token, "/", Some(max_age), web.secure_cookies);
            let mut response = redirect(&return_to, Some(session));
            append_cookie(&mut response, &cookie(SIGN_IN_COOKIE, "", "/auth", Some(0), web.secure_cookies));
            response
        }
        Err(message) => failure(StatusCode::BAD_REQUEST, &message),
    }
}

/// The session cookie and where to go, or a message for the person.
async fn finish(
    web: &WebSignIn,
    headers: &HeaderMap,
    response: AuthorizationResponse,
) -> Result<(String, String), String> {
    let again = "Start again at /auth/login.";
    let Some(state) = response.state.clone() else {
        return Err(format!("The sign-in response lacks its state. {again}"));
    };
    if cookie_value(headers, SIGN_IN_COOKIE).as_deref() != Some(state.as_str()) {
        return Err(format!("This sign-in was started in another browser or has expired. {again}"));
    }
    let pending = web
        .sessions
        .take_sign_in(&state)
        .await
        .map_err(|e| log_and_say(&e, "Sign-in is unavailable right now; try again shortly."))?
        .ok_or_else(|| format!("This sign-in has expired or was already used. {again}"))?;
    let identity = web
        .relying_party
        .finish_response(response, &pending.pkce_verifier, &pending.nonce)
        .await
        .map_err(|e| {
            tracing::warn!(error = %e, "sign-in refused");
            format!("Sign-in failed: {e}. {again}")
        })?
        .identity;
    let token = web
        .sessions
        .open(&identity)
        .await
        .map_err(|e| log_and_say(&e, "Sign-in is unavailable right now; try again shortly."))?;
    tracing::info!(user_id = %identity.user_id, "signed in");
    Ok((token, pending.return_to))
}

#[derive(Debug, Deserialize)]
struct LogoutQuery {
    #[serde(default)]
    everywhere: bool,
}

async fn logout(State(state): State<AppState>, headers: HeaderMap, Query(query): Query<LogoutQuery>) -> Response {
    let Some(web) = state.sign_in.as_deref() else { return not_configured() };
    if !headers.contains_key(CSRF_HEADER) {
        return failure(StatusCode::FORBIDDEN, "Signing out needs the X-Sent-Csrf header.");
    }
    if let Some(token) = cookie_value(&headers, SESSION_COOKIE) {
        let closed = if query.everywhere {
            web.sessions.close_everywhere(&token).await.map(|_| ())
        } else {
            web.sessions.close(&token).await
        };
        if let Err(error) = closed
            && error.kind != sent_rpc::ErrorKind::Unauthenticated
        {
            tracing::error!(error = %error, detail = error.log_detail().unwrap_or_default(), "sign-out failed");
            return failure(StatusCode::SERVICE_UNAVAILABLE, "Sign-out is unavailable right now; try again.");
        }
    }
    let mut response =
        (StatusCode::OK, [(header::CONTENT_TYPE, "application/json")], r#"{"signedOut":true}"#).into_response();
    append_cookie(&mut response, &cookie(SESSION_COOKIE, "", "/", Some(0), web.secure_cookies));
    response
}

/// The value of cookie `name`, if the request carries it.
pub fn cookie_value(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_owned())
}

/// Only a path on this host: never `//evil.test` or `https://...`, so the
/// sign-in cannot be used as an open redirect.
fn safe_return_path(requested: Option<&str>) -> String {
    match requested {
        Some(path)
            if path.starts_with('/')
                && !path.starts_with("//")
                && !path.contains('\\')
                && !path.chars().any(char::is_control) =>
        {
            path.to_owned()
        }
        _ => "/".to_owned(),
    }
}

fn cookie(name: &str, value: &str, path: &str, max_age: Option<u64>, secure: bool) -> String {
    let mut cookie = format!("{name}={value}; Path={path}; HttpOnly; SameSite=Lax");
    if let Some(seconds) = max_age {
        cookie.push_str(&format!("; Max-Age={seconds}"));
    }
    if secure {
        cookie.push_str("; Secure");
    }
    cookie
}

fn append_cookie(response: &mut Response, cookie: &str) {
    if let Ok(value) = HeaderValue::from_str(cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
}

fn redirect(location: &str, cookie: Option<String>) -> Response {
    let mut response = StatusCode::SEE_OTHER.into_response();
    if let Ok(value) = HeaderValue::from_str(location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Some(cookie) = cookie {
        append_cookie(&mut response, &cookie);
    }
    response
}

fn failure(status: StatusCode, message: &str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8"), (header::CACHE_CONTROL, "no-store")],
        message.to_owned(),
    )
        .into_response()
}

fn not_configured() -> Response {
    failure(
        StatusCode::NOT_FOUND,
        "Browser sign-in is not configured on this server: set SENT_OIDC_ISSUER, SENT_OIDC_CLIENT_ID and \
         SENT_OIDC_CLIENT_SECRET.",
    )
}

fn log_and_say(error: &sent_rpc::RpcError, message: &str) -> String {
    tracing::error!(error = %error, detail = error.log_detail().unwrap_or_default(), "sign-in step failed");
    message.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn return_paths_stay_on_this_host() {
        assert_eq!(safe_return_path(Some("/ledger?x=1")), "/ledger?x=1");
        assert_eq!(safe_return_path(Some("//evil.test/")), "/");
        assert_eq!(safe_return_path(Some("https://evil.test/")), "/");
        assert_eq!(safe_return_path(Some("/\\evil.test")), "/");
        assert_eq!(safe_return_path(Some("/a\r\nSet-Cookie: x=1")), "/");
        assert_eq!(safe_return_path(None), "/");
    }

    #[test]
    fn cookies_are_read_by_exact_name() {
        let mut headers = HeaderMap::new();
        headers.insert(header::COOKIE, HeaderValue::from_static("a=1; sent_session_x=2; sent_session=abc"));
        assert_eq!(cookie_value(&headers, SESSION_COOKIE).as_deref(), Some("abc"));
        assert_eq!(cookie_value(&headers, "missing"), None);
    }

    #[test]
    fn session_cookies_are_http_only_and_same_site() {
        let plain = cookie(SESSION_COOKIE, "t", "/", Some(60), false);
        assert_eq!(plain, "sent_session=t; Path=/; HttpOnly; SameSite=Lax; Max-Age=60");
        assert!(cookie(SESSION_COOKIE, "t", "/", None, true).ends_with("; Secure"));
    }
}
