//! The TypeScript SDK (`frontend/sdk`) against this server: its live suite
//! (`test/live/live.test.ts`, run with node's test runner) drives every
//! app's happy path and every error kind over real HTTP.
//!
//! Needs Node 20 or newer and npm; the SDK's packages are installed with
//! `npm ci` when missing, so `cargo nextest` alone runs this.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use sent_server::testing::TestServer;
use tokio::process::Command;

fn sdk_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../frontend/sdk")
}

/// Run a command in the SDK's directory; its output when it fails.
async fn run(program: &str, args: &[&str], envs: &[(&str, String)], limit: Duration) -> Result<String, String> {
    let mut command = Command::new(program);
    command
        .args(args)
        .current_dir(sdk_dir())
        .envs(envs.iter().map(|(k, v)| (*k, v.as_str())))
        .stdin(Stdio::null())
        .kill_on_drop(true);
    let output = tokio::time::timeout(limit, command.output())
        .await
        .map_err(|_| format!("`{program} {}` ran past {limit:?}", args.join(" ")))?
        .map_err(|e| format!("cannot run {program} (Node 20 or newer and npm are needed): {e}"))?;
    let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    if output.status.success() { Ok(text) } else { Err(format!("`{program} {}` failed:\n{text}", args.join(" "))) }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_typescript_sdk_passes_its_live_suite_against_this_server() {
    let server = TestServer::start().await;
    let sdk = sdk_dir();

    if !sdk.join("node_modules/typescript").exists() {
        run("npm", &["ci", "--no-audit", "--no-fund"], &[], Duration::from_secs(300))
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    }
    // Its own output directory, so a concurrent `npm test` does not write
    // over the files this run executes.
    let out_dir = format!("build-live-{}", std::process::id());
    let compiled = run(
        "npx",
        &["--no-install", "tsc", "-p", "test/tsconfig.json", "--outDir", &out_dir],
        &[],
        Duration::from_secs(300),
    )
    .await;
    let envs = [
        ("SENT_URL", server.url("")),
        ("SENT_TOKEN_ALICE", server.issuer.token("alice")),
        ("SENT_TOKEN_BOB", server.issuer.token("bob")),
        ("SENT_TOKEN_CAROL", server.issuer.token("carol")),
        ("SENT_TOKEN_DAVE", server.issuer.token("dave")),
    ];
    let suite = match compiled {
        Ok(_) => {
            let live = format!("{out_dir}/test/live/live.test.js");
            run("node", &["--test", "--test-reporter=spec", &live], &envs, Duration::from_secs(300)).await
        }
        Err(error) => Err(error),
    };
    let _ = std::fs::remove_dir_all(sdk.join(&out_dir));
    match suite {
        Ok(report) => println!("{report}"),
        Err(failure) => panic!("{failure}"),
    }
}
