//! Bind, announce, serve until a signal, drain, stop the cluster.

use std::time::Duration;

use tokio::net::TcpListener;

use std::sync::Arc;

use sent_auth::Jwks;
use sent_runtime::{DispatchOptions, Dispatcher, TokenVerifier};

use crate::config::Config;
use crate::{AppState, app, database};

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error(transparent)]
    Start(#[from] database::StartError),
    #[error("cannot listen on {addr}: {reason}; stop what holds it or set SENT_HTTP_ADDR to a free address")]
    Bind { addr: std::net::SocketAddr, reason: std::io::Error },
    #[error("server error: {0}")]
    Serve(std::io::Error),
    #[error(transparent)]
    Stop(#[from] sent_db::EmbeddedError),
    #[error("cannot read the JWKS file {path}: {reason}")]
    Jwks { path: std::path::PathBuf, reason: String },
    #[error("method registry: {0}")]
    Registry(#[from] sent_rpc::RegistryError),
}

/// Run the host until SIGINT or SIGTERM.
pub async fn run(config: Config) -> Result<(), ServeError> {
    // Bind first: a port in use is found before the database is touched.
    let listener = TcpListener::bind(config.http_addr)
        .await
        .map_err(|reason| ServeError::Bind { addr: config.http_addr, reason })?;
    let verifier = verifier(&config)?;
    let registry = sent_services::registry()?;
    let database = database::open(&config).await?;
    let dispatcher = Dispatcher::new(
        registry,
        database.pool.clone(),
        verifier,
        DispatchOptions {
            deadline: Duration::from_millis(config.call_deadline_ms),
            limits: sent_wire::Limits { max_batch: config.max_batch, max_depth: config.max_depth },
        },
    );
    let state = AppState { pool: database.pool.clone(), dispatcher };

    let addr = listener.local_addr().map_err(ServeError::Serve)?;
    let where_from = match &database.cluster {
        Some(cluster) => format!("embedded PostgreSQL on 127.0.0.1:{}", cluster.port()),
        None => "external PostgreSQL".to_owned(),
    };
    println!("SENT ready at http://{addr} ({where_from}); JSON-RPC at http://{addr}/api/rpc; Ctrl-C stops it");
    tracing::info!(%addr, "listening");

    let grace = Duration::from_secs(config.shutdown_grace_secs);
    let (drained_tx, drained_rx) = tokio::sync::oneshot::channel::<()>();
    let server = axum::serve(listener, app(state, config.max_body_bytes)).with_graceful_shutdown(async move {
        shutdown_signal().await;
        tracing::info!(grace_secs = grace.as_secs(), "shutting down: draining in-flight requests");
        let _ = drained_tx.send(());
    });
    let served = async { server.await.map_err(ServeError::Serve) };
    // In-flight requests get the grace period; after it the server stops
    // waiting for them.
    let result = tokio::select! {
        result = served => result,
        () = async {
            let _ = drained_rx.await;
            tokio::time::sleep(grace).await;
        } => {
            tracing::warn!("grace period over: closing remaining connections");
            Ok(())
        }
    };

    database.pool.close();
    if let Some(cluster) = &database.cluster {
        cluster.stop().await?;
        tracing::info!("embedded PostgreSQL stopped");
    }
    result
}

/// The bearer-token verifier, when an issuer and its keys are configured.
fn verifier(config: &Config) -> Result<Option<Arc<TokenVerifier>>, ServeError> {
    let (Some(issuer), Some(path)) = (&config.oidc_issuer, &config.jwks_file) else {
        return Ok(None);
    };
    let text =
        std::fs::read_to_string(path).map_err(|e| ServeError::Jwks { path: path.clone(), reason: e.to_string() })?;
    let jwks =
        serde_json::from_str(&text).map_err(|e| ServeError::Jwks { path: path.clone(), reason: e.to_string() })?;
    Ok(Some(Arc::new(TokenVerifier {
        issuer: issuer.clone(),
        audience: config.oidc_audience.clone(),
        jwks: Jwks::fixed(jwks),
        leeway_secs: 30,
        introspector: None,
    })))
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
