//! `sent`, SENT's command line.
//!
//! It talks to a running server over tarpc, and learns the server's methods
//! from the server itself (`rpc.discover`) on every run, so a method added
//! to the server needs no new `sent`. Params are checked against the
//! method's JSON Schema before anything is sent.
//!
//! # Layout
//!
//! - [`args`]: the command line (clap): global flags and the commands
//!   `login`, `logout`, `methods`, `describe`, `call`, `completions`.
//! - [`commands`]: what each command does.
//! - [`remote`]: connecting to the server and calling it.
//! - [`discovery`]: the OpenRPC document: methods, type names, and the
//!   JSON Schema of a method's params.
//! - [`params`]: params from `--param`, `--json` or stdin, validated with
//!   `jsonschema`.
//! - [`output`]: pretty JSON or tables.
//! - [`credentials`]: tokens saved per server, in a file only its owner can
//!   read.
//! - [`login`]: the browser sign-in with a loopback redirect, and the
//!   client-credentials grant for service accounts.
//! - [`exit`]: exit codes scripts can rely on (0 ok, 1 other, 2 usage,
//!   3 auth, 4 not found) and the one-line error report.

pub mod args;
pub mod commands;
pub mod credentials;
pub mod discovery;
pub mod exit;
pub mod login;
pub mod output;
pub mod params;
pub mod remote;

use std::process::ExitCode;

use clap::Parser as _;

use crate::args::Cli;
use crate::exit::{Exit, Failure};

/// Parse the command line, run it, report a failure; the exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            // clap's own report: usage errors exit 2, --help and --version 0.
            let _ = error.print();
            return ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(Exit::Usage as u8));
        }
    };
    let verbose = cli.global.verbose;
    let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(e) => {
            Failure::new(Exit::Other, "internal", format!("cannot start the async runtime: {e}")).report(verbose);
            return Exit::Other.into();
        }
    };
    match runtime.block_on(commands::run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            failure.report(verbose);
            failure.exit.into()
        }
    }
}
