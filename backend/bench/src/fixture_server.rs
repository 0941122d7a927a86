//! The fixture's server: its methods behind SENT's HTTP host, assembled as
//! `sent-server` assembles itself (pool, dispatcher, `sent_server::app`).
//! sent-bench copies this file into the generated fixture crate, and
//! compiles it in its own tests, so that a change of the host's API breaks
//! those first rather than a benchmark run.

/// Serve `registry` on a loopback port with a pool on `database_url`, and
/// print `SENT-BENCH-READY <address> <methods registered>` once ready.
pub async fn serve(registry: sent_rpc::Registry<sent_runtime::Ctx>, database_url: String) -> Result<(), String> {
    let registered = registry.len();
    let pool = sent_db::pool::connect(&sent_db::pool::PoolOptions { url: database_url, max_size: 8 })
        .await
        .map_err(|e| e.to_string())?;
    let dispatcher =
        sent_runtime::Dispatcher::new(registry, pool.clone(), None, sent_runtime::DispatchOptions::default());
    let app = sent_server::app(sent_server::AppState { pool, dispatcher, sign_in: None }, 1024 * 1024);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.map_err(|e| format!("bind: {e}"))?;
    let addr = listener.local_addr().map_err(|e| format!("bind: {e}"))?;
    println!("SENT-BENCH-READY {addr} {registered}");
    axum::serve(listener, app).await.map_err(|e| format!("serve: {e}"))
}
