//! Liveness and readiness for load balancers and orchestrators.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::{Json, Router, routing::get};
use serde_json::json;

use crate::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/healthz", get(healthz)).route("/readyz", get(readyz))
}

/// The process is up and answering.
async fn healthz() -> impl IntoResponse {
    Json(json!({ "status": "ok" }))
}

/// The database answers and has every migration this build knows.
async fn readyz(State(state): State<AppState>) -> impl IntoResponse {
    let check = async {
        let client = state.pool.get().await.map_err(|e| sent_db::pool::pool_reason(&e))?;
        sent_db::migrate::is_current(&client).await.map_err(|e| e.to_string())
    };
    match tokio::time::timeout(std::time::Duration::from_secs(5), check).await {
        Ok(Ok(true)) => (StatusCode::OK, Json(json!({ "status": "ready" }))),
        Ok(Ok(false)) => {
            (StatusCode::SERVICE_UNAVAILABLE, Json(json!({ "status": "unavailable", "reason": "migrations pending" })))
        }
        Ok(Err(reason)) => {
            tracing::warn!(%reason, "readiness: database unreachable");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(json!({ "status": "unavailable", "reason": "database unreachable" })),
            )
        }
        Err(_) => {
            (StatusCode::SERVICE_UNAVAILABLE, Json(json!({ "status": "unavailable", "reason": "database timed out" })))
        }
    }
}
