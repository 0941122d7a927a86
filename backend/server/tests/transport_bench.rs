//! `make bench-transports`: tarpc against JSON-RPC over HTTP for the same
//! no-database method (`system.echo`), at the same concurrency, against the
//! same in-process server. Prints throughput and latency of both and their
//! ratio; a measurement, not a test, so it is ignored by `cargo test`.

use std::time::{Duration, Instant};

use sent_server::testing::TestServer;
use sent_tarpc::{Call, Client};
use serde_json::json;

const CONCURRENCY: usize = 16;
const WARM_UP: Duration = Duration::from_secs(2);
const MEASURED: Duration = Duration::from_secs(8);

/// Calls made and each call's latency, by `workers` loops running `call`
/// until `until`.
async fn run<F, Fut>(workers: usize, until: Instant, call: F) -> Vec<Duration>
where
    F: Fn() -> Fut + Clone + Send + 'static,
    Fut: std::future::Future<Output = ()> + Send,
{
    let mut tasks = Vec::new();
    for _ in 0..workers {
        let call = call.clone();
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            while Instant::now() < until {
                let started = Instant::now();
                call().await;
                latencies.push(started.elapsed());
            }
            latencies
        }));
    }
    let mut all = Vec::new();
    for task in tasks {
        all.extend(task.await.expect("a worker finishes"));
    }
    all
}

struct Figures {
    per_second: f64,
    p50: Duration,
    p99: Duration,
}

fn figures(mut latencies: Vec<Duration>, over: Duration) -> Figures {
    latencies.sort_unstable();
    let at = |q: f64| {
        let index = ((latencies.len() as f64 - 1.0) * q).round() as usize;
        latencies[index]
    };
    Figures { per_second: latencies.len() as f64 / over.as_secs_f64(), p50: at(0.5), p99: at(0.99) }
}

async fn measure<F, Fut>(call: F) -> Figures
where
    F: Fn() -> Fut + Clone + Send + 'static,
    Fut: std::future::Future<Output = ()> + Send,
{
    run(CONCURRENCY, Instant::now() + WARM_UP, call.clone()).await;
    let started = Instant::now();
    let latencies = run(CONCURRENCY, started + MEASURED, call).await;
    figures(latencies, started.elapsed())
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "a measurement; run by `make bench-transports`"]
async fn tarpc_against_json_rpc_over_http() {
    let server = TestServer::start().await;
    let body =
        json!({ "jsonrpc": "2.0", "method": "system.echo", "params": { "message": "ping" }, "id": 1 }).to_string();
    let url = server.url("/api/rpc");
    // One connection per worker on both sides: HTTP keep-alive through a
    // shared pool, one tarpc connection per worker.
    let http = reqwest::Client::builder().pool_max_idle_per_host(CONCURRENCY).build().expect("a client");
    let mut tarpc_clients = Vec::new();
    for _ in 0..CONCURRENCY {
        tarpc_clients.push(Client::connect(server.tarpc_addr).await.expect("tarpc connects"));
    }
    let next = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));

    let over_http = measure(move || {
        let (http, url, body) = (http.clone(), url.clone(), body.clone());
        async move {
            let response = http.post(url).header("content-type", "application/json").body(body).send().await;
            let text = response.expect("an answer").text().await.expect("a body");
            assert!(text.contains("\"result\""), "{text}");
        }
    })
    .await;
    let over_tarpc = measure(move || {
        let client = tarpc_clients[next.fetch_add(1, std::sync::atomic::Ordering::Relaxed) % CONCURRENCY].clone();
        async move {
            let params = serde_json::value::to_raw_value(&json!({ "message": "ping" })).expect("params");
            let call = Call {
                method: "system.echo".into(),
                params: Some(params),
                bearer: None,
                organization_id: None,
                request_id: None,
            };
            let reply = client.call(call, Duration::from_secs(10)).await.expect("an answer");
            assert!(reply.is_ok(), "{reply:?}");
        }
    })
    .await;

    println!("| transport | calls/s | p50 | p99 |");
    println!("|---|---|---|---|");
    for (name, f) in [("JSON-RPC over HTTP (reqwest)", &over_http), ("tarpc (JSON frames over TCP)", &over_tarpc)] {
        println!("| {name} | {:.0} | {:.3} ms | {:.3} ms |", f.per_second, ms(f.p50), ms(f.p99));
    }
    println!(
        "tarpc / HTTP throughput: {:.2}x (concurrency {CONCURRENCY}, {} s measured each)",
        over_tarpc.per_second / over_http.per_second,
        MEASURED.as_secs()
    );
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}
