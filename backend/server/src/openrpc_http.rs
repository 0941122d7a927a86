//! `GET /api/openrpc.json`: the OpenRPC document, for tools that read it
//! over plain HTTP. It is `rpc.discover`'s answer, asked of the dispatcher
//! like any call, so the two are the same bytes.

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use sent_runtime::{Credentials, Dispatcher};

use crate::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/api/openrpc.json", get(document))
}

async fn document(State(state): State<AppState>) -> Response {
    let request_id = Dispatcher::new_request_id();
    let answer = state.dispatcher.call(sent_openrpc::DISCOVER, None, &Credentials::default(), request_id.clone()).await;
    let (status, body) = match answer {
        Ok(document) => (StatusCode::OK, String::from(Box::<str>::from(document))),
        Err(error) => {
            let body = serde_json::json!({ "error": error.to_error_object(&request_id) }).to_string();
            (StatusCode::INTERNAL_SERVER_ERROR, body)
        }
    };
    (status, [(header::CONTENT_TYPE, HeaderValue::from_static("application/json"))], body).into_response()
}
