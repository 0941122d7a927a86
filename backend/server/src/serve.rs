//! Bind, announce, serve until a signal, drain, stop the cluster.

use std::time::Duration;

use tokio::net::TcpListener;

use std::sync::Arc;

use sent_runtime::{DispatchOptions, Dispatcher, Sessions};

use crate::config::Config;
use crate::identity_provider::{self, IdentityProvider};
use crate::sign_in::WebSignIn;
use crate::{AppState, app, database, demo};

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error(transparent)]
    Start(#[from] database::StartError),
    #[error("cannot listen on {addr}: {reason}; stop what holds it or set {setting} to a free address")]
    Bind { addr: std::net::SocketAddr, setting: &'static str, reason: std::io::Error },
    #[error("server error: {0}")]
    Serve(std::io::Error),
    #[error(transparent)]
    Stop(#[from] sent_db::EmbeddedError),
    #[error(transparent)]
    IdentityProvider(#[from] identity_provider::ProviderError),
    #[error("TLS for tarpc: {0}; check SENT_TARPC_TLS_CERT and SENT_TARPC_TLS_KEY")]
    TarpcTls(#[from] sent_tarpc::tls::TlsError),
    #[error("loading the demo data failed: {0}")]
    Demo(String),
    #[error("method registry: {0}")]
    Registry(#[from] sent_rpc::RegistryError),
}

/// Run the host until SIGINT or SIGTERM.
pub async fn run(config: Config) -> Result<(), ServeError> {
    // Bind first: a port in use is found before the database is touched.
    let listener = TcpListener::bind(config.http_addr).await.map_err(|reason| ServeError::Bind {
        addr: config.http_addr,
        setting: "SENT_HTTP_ADDR",
        reason,
    })?;
    let tarpc_tls = match (&config.tarpc_tls_cert, &config.tarpc_tls_key) {
        (Some(cert), Some(key)) => Some(sent_tarpc::tls::acceptor(cert, key)?),
        _ => None,
    };
    let tarpc_listener = sent_tarpc::server::Listener::bind(config.tarpc_addr, config.max_body_bytes, tarpc_tls)
        .await
        .map_err(|reason| ServeError::Bind { addr: config.tarpc_addr, setting: "SENT_TARPC_ADDR", reason })?;
    let tarpc_addr = tarpc_listener.local_addr();
    let provider = identity_provider::configure(&config).await?;
    let registry = sent_services::registry()?;
    let database = database::open(&config).await?;
    let dispatcher = Dispatcher::new(
        registry,
        database.pool.clone(),
        provider.verifier.clone(),
        DispatchOptions {
            deadline: Duration::from_millis(config.call_deadline_ms),
            limits: sent_wire::Limits { max_batch: config.max_batch, max_depth: config.max_depth },
        },
    );
    if let Some(dev) = &provider.dev
        && let Err(error) = demo::load_once(&dispatcher, dev).await
    {
        database.pool.close();
        if let Some(cluster) = &database.cluster {
            cluster.stop().await?;
        }
        return Err(ServeError::Demo(error));
    }
    let IdentityProvider { relying_party, dev, .. } = provider;
    let sign_in = relying_party.map(|relying_party| {
        Arc::new(WebSignIn {
            relying_party,
            sessions: Sessions::new(database.pool.clone(), Duration::from_secs(config.session_ttl_hours * 3600)),
            secure_cookies: config.public_url().starts_with("https://"),
        })
    });
    let state = AppState { pool: database.pool.clone(), dispatcher, sign_in: sign_in.clone() };

    let addr = listener.local_addr().map_err(ServeError::Serve)?;
    let where_from = match &database.cluster {
        Some(cluster) => format!("embedded PostgreSQL on 127.0.0.1:{}", cluster.port()),
        None => "external PostgreSQL".to_owned(),
    };
    let how_to_sign_in = match (&sign_in, &dev) {
        (Some(_), Some(dev)) => format!("; sign in at {}/auth/login as {}", config.public_url(), demo::accounts(dev)),
        (Some(_), None) => format!("; sign in at {}/auth/login", config.public_url()),
        (None, _) => String::new(),
    };
    println!(
        "SENT ready at http://{addr} ({where_from}){how_to_sign_in}; JSON-RPC at http://{addr}/api/rpc, tarpc at \
         {tarpc_addr}; Ctrl-C stops it"
    );
    tracing::info!(%addr, %tarpc_addr, "listening");

    let grace = Duration::from_secs(config.shutdown_grace_secs);
    let (drained_tx, drained_rx) = tokio::sync::oneshot::channel::<()>();
    let (stop_tarpc, tarpc_stopping) = tokio::sync::watch::channel(false);
    let tarpc = tokio::spawn(tarpc_listener.serve(state.dispatcher.clone(), async move {
        let mut stopping = tarpc_stopping;
        let _ = stopping.wait_for(|stop| *stop).await;
    }));
    let server = axum::serve(listener, app(state, config.max_body_bytes)).with_graceful_shutdown(async move {
        shutdown_signal().await;
        tracing::info!(grace_secs = grace.as_secs(), "shutting down: draining in-flight requests");
        let _ = stop_tarpc.send(true);
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

    tarpc.abort();
    database.pool.close();
    if let Some(dev) = dev {
        let _ = dev.stop().await;
    }
    if let Some(cluster) = &database.cluster {
        cluster.stop().await?;
        tracing::info!("embedded PostgreSQL stopped");
    }
    result
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
