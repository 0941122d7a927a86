//! `sent-gen`: everything generated from the declarations, in one command.
//!
//! # Layout
//!
//! - `queries`: runs cornucopia over `sql/` against a freshly migrated
//!   database of the throw-away test cluster, writing `backend/queries`.
//! - `sdk` (`sdk.rs`): the generated half of the TypeScript SDK,
//!   `frontend/sdk/src/generated/`, rendered by `sent-sdk-gen` from the
//!   methods' declarations.
//! - `openrpc` (`openrpc.rs`): the OpenRPC document `frontend/sdk/openrpc.json`,
//!   what `rpc.discover` answers.
//! - `check-api` (`check_api.rs`): fails on a wire-breaking change since the
//!   last released document, `frontend/sdk/openrpc.released.json`.
//!
//! With `--check`, each generator writes into a scratch copy and the command
//! fails when the checked-in files differ (drift).

mod check_api;
mod openrpc;
mod sdk;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(name = "sent-gen", about = "Regenerate (or, with --check, verify) SENT's generated code")]
struct Cli {
    /// Fail if regenerating would change a checked-in file, instead of writing.
    #[arg(long, global = true)]
    check: bool,
    /// The cornucopia executable.
    #[arg(long, env = "CORNUCOPIA", default_value = "cornucopia", global = true)]
    cornucopia: PathBuf,
    #[command(subcommand)]
    what: What,
}

#[derive(Debug, Subcommand)]
enum What {
    /// The typed query crate `backend/queries`, from `sql/`.
    Queries,
    /// The TypeScript SDK's types and method signatures, `frontend/sdk/src/generated`.
    Sdk,
    /// The OpenRPC document, `frontend/sdk/openrpc.json`.
    Openrpc,
    /// Fail on a wire-breaking change since the released OpenRPC document.
    CheckApi,
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let root = workspace_root();
    let result = match cli.what {
        What::Queries => queries(&root, &cli.cornucopia, cli.check).await,
        What::Sdk => sdk::run(&root, cli.check),
        What::Openrpc => openrpc::run(&root, cli.check),
        What::CheckApi => check_api::run(&root),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("sent-gen: {message}");
            ExitCode::FAILURE
        }
    }
}

fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

async fn queries(root: &Path, cornucopia: &Path, check: bool) -> Result<(), String> {
    let db = sent_db::testing::test_database().await;
    let checked_in = root.join("backend/queries");
    let destination = if check {
        std::env::temp_dir().join(format!("sent-queries-{}", std::process::id()))
    } else {
        checked_in.clone()
    };
    let status = Command::new(cornucopia)
        .current_dir(root)
        .arg("live")
        .arg("-d")
        .arg(&destination)
        .arg(&db.owner_url)
        .status()
        .map_err(|e| format!("cannot run {}: {e}; `make gen` installs it", cornucopia.display()))?;
    if !status.success() {
        return Err("cornucopia failed".into());
    }
    // Formatted with the workspace's settings, so `cargo fmt --check` and the
    // drift check agree wherever the crate is generated.
    format_crate(root, &destination)?;
    if check {
        let diff = Command::new("diff")
            .args(["-r", "-u"])
            .arg(&checked_in)
            .arg(&destination)
            .output()
            .map_err(|e| format!("cannot run diff: {e}"))?;
        let _ = std::fs::remove_dir_all(&destination);
        if !diff.status.success() {
            print!("{}", String::from_utf8_lossy(&diff.stdout));
            return Err("backend/queries is out of date with sql/ and migrations/: run `make gen`".into());
        }
    }
    Ok(())
}

fn format_crate(root: &Path, crate_dir: &Path) -> Result<(), String> {
    let mut files = Vec::new();
    let mut pending = vec![crate_dir.join("src")];
    while let Some(dir) = pending.pop() {
        let entries = std::fs::read_dir(&dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
        for entry in entries {
            let path = entry.map_err(|e| e.to_string())?.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|ext| ext == "rs") {
                files.push(path);
            }
        }
    }
    let status = Command::new("rustfmt")
        .arg("--edition=2024")
        .arg("--config-path")
        .arg(root.join("rustfmt.toml"))
        .args(&files)
        .status()
        .map_err(|e| format!("cannot run rustfmt: {e}"))?;
    if status.success() { Ok(()) } else { Err("rustfmt failed on the generated crate".into()) }
}
