//! `sent-bench` (`make bench`): SENT's throughput as ratios against
//! baselines measured beside it, on this machine, in this run, and the cost
//! of a 500-method declaration. Prints a table and writes
//! `target/bench/results.json`. docs/benchmarks.md explains each figure.
//!
//! Run it through `make bench`: it installs wrk, builds in release mode and
//! stops the embedded PostgreSQL cluster afterwards.
//!
//! # Layout
//!
//! - `compare`: the three comparisons (server against a bare axum route,
//!   server against pgbench), warm-up checks, ABBA slices, row counts.
//! - `twins`: the pgbench scripts, built from the `sql/*.sql` queries the
//!   server runs.
//! - `load`: running wrk and pgbench and reading their summaries.
//! - `cpu`: CPU time per operation of the server, PostgreSQL and the load
//!   generator.
//! - `fixture`: the generated 500-method workspace, its check and build
//!   times, and its server's memory; `fixture_server.rs` is the server it
//!   runs.

mod compare;
mod cpu;
mod fixture;
// Compiled here so that a change of the host's API shows in sent-bench's
// own build; the fixture crate gets a copy.
#[cfg(test)]
mod fixture_server;
mod load;
mod twins;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use clap::Parser;
use sent_server::testing::TestServer;
use serde::Serialize;
use serde_json::{Value, json};
use tracing_subscriber::Layer as _;
use tracing_subscriber::layer::SubscriberExt as _;
use tracing_subscriber::util::SubscriberInitExt as _;

/// Measure SENT against its baselines; see docs/benchmarks.md.
#[derive(Debug, Parser)]
#[command(version)]
struct Args {
    /// Measured seconds per side of each comparison.
    #[arg(long, default_value_t = 30)]
    seconds: u64,
    /// Slices each side's measurement is cut into, alternating the sides
    /// (ABBA): many short slices average out a load that comes and goes.
    #[arg(long, default_value_t = 10)]
    rounds: u32,
    /// Warm-up seconds per side (every answer is checked during it).
    #[arg(long, default_value_t = 3)]
    warmup: u64,
    /// wrk and pgbench threads.
    #[arg(long, default_value_t = 2)]
    threads: u32,
    /// Connections for the echo comparison (both sides).
    #[arg(long, default_value_t = 32)]
    echo_connections: u32,
    /// Methods in the generated fixture.
    #[arg(long, default_value_t = 500)]
    methods: usize,
    /// Where the scripts and results.json go.
    #[arg(long, default_value = "target/bench")]
    out: PathBuf,
    /// Where the fixture crate is generated (its own target directory is
    /// inside it and kept between runs).
    #[arg(long, default_value = "target/bench-fixture")]
    fixture_dir: PathBuf,
    /// The cargo that checks and builds the fixture.
    #[arg(long, env = "CARGO", default_value = "cargo")]
    cargo: String,
    /// Run only these comparisons (dispatch, ledger.postEntry,
    /// ledger.getAccount); all when absent.
    #[arg(long, value_delimiter = ',')]
    only: Vec<String>,
    /// Skip the throughput comparisons.
    #[arg(long)]
    skip_load: bool,
    /// Skip the fixture.
    #[arg(long)]
    skip_fixture: bool,
}

#[derive(Debug, Serialize)]
struct Results {
    command: String,
    started_at_unix: u64,
    machine: Value,
    load_before: String,
    load_after: String,
    settings: Option<compare::Settings>,
    database: Value,
    comparisons: Vec<compare::Comparison>,
    fixture: Option<fixture::Report>,
    all_targets_met: bool,
}

/// Calls the dispatcher refused or failed: it logs each at info level or
/// above, and only those, so counting its events checks every answer of
/// every run, not only the warm-up's.
#[derive(Debug, Clone, Default)]
pub struct FailedCalls(Arc<AtomicU64>);

impl FailedCalls {
    pub fn get(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }
}

impl<S: tracing::Subscriber> tracing_subscriber::Layer<S> for FailedCalls {
    fn on_event(&self, _event: &tracing::Event<'_>, _ctx: tracing_subscriber::layer::Context<'_, S>) {
        self.0.fetch_add(1, Ordering::Relaxed);
    }
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let args = Args::parse();
    let failed_calls = FailedCalls::default();
    let dispatcher_failures = tracing_subscriber::filter::Targets::new()
        .with_target("sent_runtime::dispatcher", tracing::Level::INFO)
        .with_default(tracing_subscriber::filter::LevelFilter::OFF);
    let warnings = tracing_subscriber::fmt::layer()
        .with_writer(std::io::stderr)
        .with_filter(tracing_subscriber::filter::LevelFilter::WARN);
    tracing_subscriber::registry().with(failed_calls.clone().with_filter(dispatcher_failures)).with(warnings).init();
    match run(args, &failed_calls).await {
        Ok(true) => std::process::ExitCode::SUCCESS,
        Ok(false) => {
            println!("\nSome targets were not met: see the table above and docs/benchmarks.md.");
            std::process::ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("sent-bench: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run(args: Args, failed_calls: &FailedCalls) -> Result<bool, String> {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let workspace = std::fs::canonicalize(&workspace).map_err(|e| format!("{}: {e}", workspace.display()))?;
    let started_at_unix = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let machine = machine().await;
    println!("sent-bench on {}", machine["summary"].as_str().unwrap_or("?"));
    let load_before = read_trimmed("/proc/loadavg");

    // One server (and one embedded cluster) for the whole run: the
    // comparisons call it, the fixture's server uses its database.
    let server = TestServer::start().await;
    let database = compare::database(&server).await;
    let mut settings = None;
    let mut comparisons = Vec::new();
    if !args.skip_load {
        let s = compare::Settings {
            seconds: args.seconds,
            rounds: args.rounds,
            warmup_seconds: args.warmup,
            threads: args.threads,
            echo_connections: args.echo_connections,
            db_connections: u32::try_from(server.pool.status().max_size).map_err(|e| e.to_string())?,
            only: args.only.clone(),
            out_dir: args.out.clone(),
        };
        comparisons = compare::run(&s, &server, failed_calls).await?;
        settings = Some(s);
    }
    let fixture = if args.skip_fixture {
        None
    } else {
        let dir =
            if args.fixture_dir.is_absolute() { args.fixture_dir.clone() } else { workspace.join(&args.fixture_dir) };
        Some(fixture::run(&workspace, &dir, args.methods, &args.cargo, &server.db.app_url).await?)
    };
    let load_after = read_trimmed("/proc/loadavg");

    let all_targets_met = comparisons.iter().all(|c| c.met);
    let results = Results {
        command: std::env::args().collect::<Vec<_>>().join(" "),
        started_at_unix,
        machine,
        load_before,
        load_after,
        settings,
        database,
        comparisons,
        fixture,
        all_targets_met,
    };
    print_table(&results);
    std::fs::create_dir_all(&args.out).map_err(|e| format!("{}: {e}", args.out.display()))?;
    let path = args.out.join("results.json");
    let text = serde_json::to_string_pretty(&results).map_err(|e| e.to_string())?;
    std::fs::write(&path, text + "\n").map_err(|e| format!("{}: {e}", path.display()))?;
    println!("\nResults: {}", path.display());
    Ok(all_targets_met)
}

fn print_table(results: &Results) {
    println!("\n{:<20} {:>14} {:>14} {:>7} {:>7}  met", "comparison", "SENT /s", "baseline /s", "ratio", "target");
    for c in &results.comparisons {
        println!(
            "{:<20} {:>14.0} {:>14.0} {:>7.3} {:>7}  {}",
            c.name,
            c.subject.per_second,
            c.baseline.per_second,
            c.ratio,
            format!(">={}", c.target),
            if c.met { "yes" } else { "NO" }
        );
    }
    println!("\nCPU µs per operation (server process / PostgreSQL / load generator) and mean latency:");
    for c in &results.comparisons {
        for side in [&c.subject, &c.baseline] {
            println!(
                "  {:<20} {:<34} {:>6.0} / {:>6.0} / {:>6.0}   {:.2} ms",
                c.name,
                side.label,
                side.cpu.server_us,
                side.cpu.database_us,
                side.cpu.generator_us,
                side.latency_mean_ms
            );
        }
    }
    if let Some(f) = &results.fixture {
        println!(
            "\nfixture: {} methods in {} services, {} DTOs, {} lines; generated in {:.1} ms",
            f.methods, f.services, f.dtos, f.lines, f.generate_ms
        );
        println!(
            "  cargo check from scratch: declarations {}, then implementations and server {}",
            f.check_schema, f.check_service
        );
        println!(
            "  cargo check after changing one implementation {}, one declaration {}",
            f.check_touch_impl, f.check_touch_decl
        );
        println!(
            "  cargo build --release from scratch: declarations {}, then implementations and server {}; binary {:.1} MiB",
            f.build_schema,
            f.build_service,
            f.binary_bytes as f64 / 1_048_576.0
        );
        let m = &f.memory;
        println!(
            "  server RSS {} kB with no method, {} kB with {} registered, {} kB after one call of each",
            m.none.total_kb, m.registered.total_kb, m.methods_registered, m.after_calls.total_kb
        );
        println!(
            "  of which anonymous {} kB, {} kB (+{} kB), {} kB",
            m.none.anon_kb,
            m.registered.anon_kb,
            m.registered.anon_kb.saturating_sub(m.none.anon_kb),
            m.after_calls.anon_kb
        );
    }
    println!("\nload average before {} / after {}", results.load_before, results.load_after);
}

fn read_trimmed(path: &str) -> String {
    std::fs::read_to_string(path).map(|s| s.trim().to_owned()).unwrap_or_default()
}

/// What the figures were measured on.
async fn machine() -> Value {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let cpu = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name").map(|r| r.trim_start_matches([' ', '\t', ':']).to_owned()))
        .unwrap_or_default();
    let nproc = std::thread::available_parallelism().map_or(0, std::num::NonZero::get);
    let memory_kb: u64 = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            m.lines()
                .find_map(|l| l.strip_prefix("MemTotal:"))
                .and_then(|r| r.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0);
    let version = |program: &str, arg: &str| {
        let program = program.to_owned();
        let arg = arg.to_owned();
        async move {
            match tokio::process::Command::new(&program).arg(&arg).output().await {
                Ok(out) => {
                    let text =
                        format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
                    text.lines().next().unwrap_or_default().trim().to_owned()
                }
                Err(_) => String::new(),
            }
        }
    };
    let pgbench = match load::pgbench_bin() {
        Ok(bin) => version(&bin.display().to_string(), "--version").await,
        Err(_) => String::new(),
    };
    let rustc = version("rustc", "--version").await;
    let wrk = version("wrk", "--version").await;
    json!({
        "summary": format!("{nproc} × {cpu}, {} GiB", memory_kb / (1024 * 1024)),
        "nproc": nproc,
        "cpu_model": cpu,
        "memory_kb": memory_kb,
        "kernel": read_trimmed("/proc/sys/kernel/osrelease"),
        "debian": read_trimmed("/etc/debian_version"),
        "rustc": rustc,
        "wrk": wrk,
        "pgbench": pgbench,
    })
}
