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
        Err(message) => return json_reply(StatusCode::OK, error_body(code::INVALID_REQUEST, message)),
    };
    match state.dispatcher.handle_jsonrpc(&body, &credentials).await {
        Reply::Body(body) => json_reply(StatusCode::OK, body),
        Reply::Nothing => StatusCode::NO_CONTENT.into_response(),
    }
}

fn credentials(headers: &HeaderMap) -> Result<Credentials, &'static str> {
    let bearer = match headers.get(header::AUTHORIZATION) {
        None => None,
        Some(value) => {
            let value = value.to_str().map_err(|_| "Invalid Request: unreadable Authorization header")?;
            let (scheme, token) =
                value.split_once(' ').ok_or("Invalid Request: Authorization must be `Bearer <token>`")?;
            if !scheme.eq_ignore_ascii_case("bearer") || token.trim().is_empty() {
                return Err("Invalid Request: Authorization must be `Bearer <token>`");
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
    Ok(Credentials { bearer, identity: None, organization_id })
}

fn error_body(code: i32, message: &str) -> String {
    sent_runtime::error_response(ErrorObject::new(code, message))
}

fn json_reply(status: StatusCode, body: String) -> Response {
    (status, [(header::CONTENT_TYPE, HeaderValue::from_static("application/json"))], body).into_response()
}
