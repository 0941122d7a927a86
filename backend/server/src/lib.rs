//! `sent-server`, SENT's headless host.
//!
//! # Layout
//!
//! - [`config`]: flags and environment, explained by `--help`.
//! - [`database`]: the external database or the embedded cluster, migrated
//!   and pooled before the first request.
//! - [`health`]: `/healthz` and `/readyz`.
//! - [`identity_provider`]: the provider the server trusts (bearer tokens,
//!   browser sign-in), or the local one `make run` starts.
//! - [`demo`]: the demo data set `make run` loads once.
//! - [`rpc_http`]: `POST /api/rpc`, JSON-RPC 2.0 over HTTP.
//! - [`openrpc_http`]: `GET /api/openrpc.json`, the OpenRPC document
//!   (`rpc.discover`'s answer).
//! - [`serve`]: binding, the ready line, graceful shutdown.
//! - [`sign_in`]: browser sign-in (authorization code + PKCE) ending in a
//!   session cookie, and sign-out.
//! - [`testing`] (feature `testing`): the whole server on a loopback port
//!   over a fresh database, for end-to-end tests and benchmarks.
//! - [`web_assets`]: the web UI at `/`, embedded in the binary, with the
//!   single-page app's fallback and its caching headers.
//!
//! The server has no handlers of its own for platform methods: `/api/rpc`
//! hands every call to the dispatcher in `sent-runtime`.

pub mod config;
pub mod database;
pub mod demo;
pub mod health;
pub mod identity_provider;
pub mod openrpc_http;
pub mod rpc_http;
pub mod serve;
pub mod sign_in;
#[cfg(feature = "testing")]
pub mod testing;
pub mod web_assets;

use axum::Router;

/// What every request handler can reach.
#[derive(Debug, Clone)]
pub struct AppState {
    pub pool: sent_db::Pool,
    pub dispatcher: sent_runtime::Dispatcher,
    /// Browser sign-in, when an identity provider is configured for it.
    pub sign_in: Option<std::sync::Arc<sign_in::WebSignIn>>,
}

/// The HTTP application.
pub fn app(state: AppState, max_body_bytes: usize) -> Router {
    Router::new()
        .merge(health::routes())
        .merge(rpc_http::routes(max_body_bytes))
        .merge(openrpc_http::routes())
        .merge(sign_in::routes())
        .merge(web_assets::routes())
        .with_state(state)
}
