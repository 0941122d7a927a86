//! JSON-RPC 2.0 over HTTP: `POST /api/rpc`. This module only turns HTTP into
//! a body and credentials and back; every call goes through the dispatcher.

use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use sent_runtime::{Credentials, Reply};
use sent_wire::{ErrorObject, code};
use uuid::Uuid;

use crate::AppState;
use crate::sign_in::{CSRF_HEADER, SESSION_COOKIE, cookie_value};

/// The header that names the call's organization.
pub const ORGANIZATION_HEADER: &str = "sent-organization";

pub fn routes(body_limit: usize) -> Router<AppState> {
    Router::new().route("/api/rpc", post(rpc)).layer(DefaultBodyLimit::max(body_limit))
}

async fn rpc(State(state): State<AppState>, headers: HeaderMap, body: Result<Bytes, BytesRejection>) -> Response {
    let body = match body {
        Ok(body) => body,
        Err(rejection) => {
            // An oversized body is answered, not dropped: the client learns why.
            let status = rejection.status();
            let message = if status == StatusCode::PAYLOAD_TOO_LARGE {
                "Invalid Request: the body is larger than this server accepts".to_owned()
            } else {
                format!("Invalid Request: {}", rejection.body_text())
            };
            return json_reply(status, error_body(code::INVALID_REQUEST, &message));
        }
    };
    let credentials = match credentials(&headers) {
        Ok(credentials) => credentials,
        Err(CredentialsError::Malformed(message)) => {
            return json_reply(StatusCode::OK, error_body(code::INVALID_REQUEST, message));
        }
        Err(CredentialsError::CrossSite) => {
            let refusal = sent_rpc::RpcError::forbidden(
                "A call signed in by the session cookie needs the X-Sent-Csrf header (cross-site requests are refused)",
            );
            let request_id = sent_runtime::Dispatcher::new_request_id();
            tracing::warn!(%request_id, "refused a cookie call without the anti-forgery header");
            return json_reply(StatusCode::OK, sent_runtime::error_response(refusal.to_error_object(&request_id)));
        }
    };
    match state.dispatcher.handle_jsonrpc(&body, &credentials).await {
        Reply::Body(body) => json_reply(StatusCode::OK, body),
        Reply::Nothing => StatusCode::NO_CONTENT.into_response(),
    }
}

fn credentials(headers: &HeaderMap) -> Result<Credentials, CredentialsError> {
    let bearer = match headers.get(header::AUTHORIZATION) {
        None => None,
        Some(value) => {
            let value = value.to_str().map_err(|_| "Invalid Request: unreadable Authorization header")?;
            let (scheme, token) =
                value.split_once(' ').ok_or("Invalid Request: Authorization must be `Bearer <token>`")?;
            if !scheme.eq_ignore_ascii_case("bearer") || token.trim().is_empty() {
                return Err("Invalid Request: Authorization must be `Bearer <token>`".into());
            }
            Some(token.trim().to_owned())
        }
    };
    let organization_id = headers
        .get(ORGANIZATION_HEADER)
        .map(|value| {
            value
                .to_str()
                .ok()
                .and_then(|v| Uuid::parse_str(v.trim()).ok())
                .ok_or("Invalid Request: the Sent-Organization header must be an organization id (UUID)")
        })
        .transpose()?;
    // A bearer token says who calls by itself; a session cookie is sent by
    // the browser to any site's request, so it counts only with the header
    // no other site can set.
    let session = match (&bearer, cookie_value(headers, SESSION_COOKIE)) {
        (None, Some(session)) if headers.contains_key(CSRF_HEADER) => Some(session),
        (None, Some(_)) => return Err(CredentialsError::CrossSite),
        _ => None,
    };
    Ok(Credentials { bearer, session, identity: None, organization_id })
}

/// Why a request's credentials are refused before any call runs.
enum CredentialsError {
    Malformed(&'static str),
    /// A session cookie without the anti-forgery header.
    CrossSite,
}

impl From<&'static str> for CredentialsError {
    fn from(message: &'static str) -> Self {
        Self::Malformed(message)
    }
}

fn error_body(code: i32, message: &str) -> String {
    sent_runtime::error_response(ErrorObject::new(code, message))
}

fn json_reply(status: StatusCode, body: String) -> Response {
    (status, [(header::CONTENT_TYPE, HeaderValue::from_static("application/json"))], body).into_response()
}
