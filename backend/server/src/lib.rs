//! `sent-server`, SENT's headless host.
//!
//! # Layout
//!
//! - [`config`]: flags and environment, explained by `--help`.
//! - [`database`]: the external database or the embedded cluster, migrated
//!   and pooled before the first request.
//! - [`health`]: `/healthz` and `/readyz`.
//! - [`rpc_http`]: `POST /api/rpc`, JSON-RPC 2.0 over HTTP.
//! - [`serve`]: binding, the ready line, graceful shutdown.
//! - [`testing`] (feature `testing`): the whole server on a loopback port
//!   over a fresh database, for end-to-end tests and benchmarks.
//!
//! The server has no handlers of its own for platform methods: `/api/rpc`
//! hands every call to the dispatcher in `sent-runtime`.

pub mod config;
pub mod database;
pub mod health;
pub mod rpc_http;
pub mod serve;
#[cfg(feature = "testing")]
pub mod testing;

use axum::Router;

/// What every request handler can reach.
#[derive(Debug, Clone)]
pub struct AppState {
    pub pool: sent_db::Pool,
    pub dispatcher: sent_runtime::Dispatcher,
}

/// The HTTP application.
pub fn app(state: AppState, max_body_bytes: usize) -> Router {
    Router::new().merge(health::routes()).merge(rpc_http::routes(max_body_bytes)).with_state(state)
}
