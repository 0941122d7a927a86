//! `sent-gen`: everything generated from the declarations, in one command.
//!
//! # Layout
//!
//! - `queries`: runs cornucopia over `sql/` against a freshly migrated
//!   database of the throw-away test cluster, writing `backend/queries`.
//!
//! With `--check`, each generator writes into a scratch copy and the command
//! fails when the checked-in files differ (drift).

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
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let root = workspace_root();
    let result = match cli.what {
        What::Queries => queries(&root, &cli.cornucopia, cli.check).await,
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
