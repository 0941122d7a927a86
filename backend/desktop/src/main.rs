// No console window beside the app's own on Windows release builds.
#![cfg_attr(all(not(debug_assertions), target_os = "windows"), windows_subsystem = "windows")]

use std::process::ExitCode;

use clap::Parser;
use sent_app::config::{Config, LogFormat, Mode};

fn main() -> ExitCode {
    // The mode is known before any GUI library is initialised.
    let config = Config::parse();
    init_tracing(config.log_format);
    if let Err(error) = config.validate() {
        eprintln!("sent-app: error: {error}");
        return ExitCode::from(2);
    }
    match config.mode {
        Mode::Worker => run_worker(config.service.as_deref().unwrap_or_default()),
        Mode::App => match sent_app::gui::run(config) {
            Ok(0) => ExitCode::SUCCESS,
            Ok(code) => ExitCode::from(u8::try_from(code).unwrap_or(1)),
            Err(error) => {
                eprintln!("sent-app: error: {error}");
                ExitCode::FAILURE
            }
        },
    }
}

fn run_worker(service: &str) -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("sent-app: error: cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(sent_app::worker::run(service)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error @ sent_app::worker::WorkerError::UnknownService { .. }) => {
            eprintln!("sent-app: error: {error}");
            ExitCode::from(2)
        }
        Err(error) => {
            eprintln!("sent-app: error: {error}");
            ExitCode::FAILURE
        }
    }
}

fn init_tracing(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("SENT_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    match format {
        LogFormat::Json => builder.json().flatten_event(true).with_current_span(true).init(),
        LogFormat::Text => builder.init(),
    }
}
