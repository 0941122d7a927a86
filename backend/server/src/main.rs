use std::process::ExitCode;

use clap::Parser;
use sent_server::config::{Config, LogFormat};

/// Every call allocates and frees many small buffers (JSON, protocol
/// messages); glibc's malloc spent about 6% of the server's CPU on them
/// under load, mimalloc much less (docs/benchmarks.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    let config = Config::parse();
    init_tracing(config.log_format);
    match sent_server::serve::run(config).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // One line an operator can act on; no backtrace for their mistake.
            eprintln!("sent-server: error: {error}");
            ExitCode::FAILURE
        }
    }
}

fn init_tracing(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("SENT_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,tower_http=warn"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    match format {
        LogFormat::Json => builder.json().flatten_event(true).with_current_span(true).init(),
        LogFormat::Text => builder.init(),
    }
}
