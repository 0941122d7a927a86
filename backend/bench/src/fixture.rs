//! The scale of a declaration: a throw-away crate of N methods, declared as
//! `rpc-schema` declares them (one `#[sent_rpc::service]` trait per 50
//! methods, a `#[dto]` params and result type each) and implemented against
//! the runtime's `Ctx`, generated outside the checked-in code. cargo checks
//! and builds it; its binary is a SENT server (the dispatcher behind
//! `sent-server`'s HTTP app) whose resident memory is read with and without
//! the methods registered, and it generates the methods' TypeScript SDK
//! (`<binary> sdk <dir>`), which `tsc` then checks (the `sdk` module).

use std::fmt::Write as _;
use std::io::BufRead as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::Serialize;
use tokio::process::Command;

/// What the fixture holds and what it cost.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub dir: String,
    pub methods: usize,
    pub services: usize,
    pub dtos: usize,
    pub files: usize,
    pub lines: usize,
    pub generate_ms: f64,
    /// `cargo check` before any measurement: builds the dependencies when
    /// the fixture's target directory does not hold them yet. Not a figure.
    pub check_dependencies: Timing,
    /// `cargo check -p` of the declarations crate after `cargo clean -p` of
    /// both: macro expansion and type checking of every DTO and trait.
    pub check_schema: Timing,
    /// Then `cargo check` of the implementations crate and its binary.
    pub check_service: Timing,
    /// `cargo check` after changing one method's implementation.
    pub check_touch_impl: Timing,
    /// `cargo check` after changing one method's declaration too (its doc
    /// comment, which the generated metadata carries): both crates.
    pub check_touch_decl: Timing,
    /// `cargo build --release` before any measurement. Not a figure.
    pub build_dependencies: Timing,
    /// `cargo build --release -p` of the declarations after `cargo clean
    /// --release -p` of both.
    pub build_schema: Timing,
    /// Then `cargo build --release` of the implementations and the binary.
    pub build_service: Timing,
    pub binary_bytes: u64,
    /// The TypeScript SDK of the methods, and SENT's own for scale.
    pub sdk: crate::sdk::Report,
    pub memory: Memory,
}

/// How long a cargo command took: wall time, and the CPU time of cargo and
/// every compiler it ran (less sensitive to other load on the machine).
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Timing {
    pub wall_s: f64,
    pub cpu_s: f64,
}

impl std::fmt::Display for Timing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:.1} s ({:.1} s CPU)", self.wall_s, self.cpu_s)
    }
}

/// Resident memory of the fixture's server (from /proc/<pid>/status).
#[derive(Debug, Clone, Serialize)]
pub struct Memory {
    /// Ready to serve, no method registered.
    pub none: Rss,
    /// Ready to serve, every method registered.
    pub registered: Rss,
    /// After one HTTP call of every method.
    pub after_calls: Rss,
    /// The peak of the registered server's RSS.
    pub hwm_registered_kb: u64,
    pub methods_registered: usize,
    /// Calls that ran the method and returned its result (public methods).
    pub calls_answered: usize,
    /// Calls refused as unauthenticated before reaching the method (the
    /// server trusts no token issuer), each after its lookup.
    pub calls_refused: usize,
}

/// Resident set size: in total, and its anonymous part (heap and stacks,
/// without the binary's code pages, which the first call of a method maps
/// in from the file).
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Rss {
    pub total_kb: u64,
    pub anon_kb: u64,
}

/// Which method was changed since the first generation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Touch {
    None,
    Implementation,
    Declaration,
}

pub const PACKAGE: &str = "sent-bench-fixture";
const SCHEMA_PACKAGE: &str = "sent-bench-fixture-schema";
const PER_SERVICE: usize = 50;

/// The role of method `m`: a mix of kinds and roles, a quarter of them
/// public queries (callable without a token).
fn shape(m: usize) -> (&'static str, &'static str, &'static str) {
    match m % 4 {
        0 => ("query", "public", ""),
        1 => ("mutation", "member", ", errors(not_found, validation)"),
        2 => ("query", "auditor", ", errors(validation)"),
        _ => ("mutation", "admin", ", errors(conflict, validation)"),
    }
}

/// The wire name of method `m`.
fn wire_name(m: usize) -> String {
    format!("app{:02}.method{m:04}", m / PER_SERVICE)
}

/// Every file of the fixture, relative to its directory: a workspace of
/// two crates laid out as SENT's own, the declarations (`schema`, like
/// `rpc-schema`) and the implementations with the server binary (`service`,
/// like `sent-services` and `sent-server`).
pub fn sources(methods: usize, workspace: &Path, touch: Touch) -> Vec<(PathBuf, String)> {
    let services = methods.div_ceil(PER_SERVICE);
    let touched = methods / 2;
    let path = |krate: &str| workspace.join(krate).display().to_string();
    let mut files = vec![
        (
            PathBuf::from("Cargo.toml"),
            r#"# Generated by sent-bench; rewritten by every `make bench`. Not a member
# of the SENT workspace.
[workspace]
resolver = "3"
members = ["schema", "service"]

[profile.dev]
debug = "line-tables-only"

[profile.dev.package."*"]
debug = false
"#
            .to_owned(),
        ),
        (
            PathBuf::from("schema/Cargo.toml"),
            format!(
                r#"[package]
name = "{SCHEMA_PACKAGE}"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
sent-rpc = {{ path = "{}" }}
uuid = {{ version = "1", features = ["serde"] }}
"#,
                path("backend/rpc"),
            ),
        ),
        (
            PathBuf::from("service/Cargo.toml"),
            format!(
                r#"[package]
name = "{PACKAGE}"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
{SCHEMA_PACKAGE} = {{ path = "../schema" }}
sent-rpc = {{ path = "{}" }}
sent-runtime = {{ path = "{}" }}
sent-db = {{ path = "{}" }}
sent-server = {{ path = "{}" }}
sent-sdk-gen = {{ path = "{}" }}
axum = {{ version = "0.8", default-features = false, features = ["http1", "json", "tokio", "query"] }}
tokio = {{ version = "1", features = ["rt-multi-thread", "macros", "net"] }}
"#,
                path("backend/rpc"),
                path("backend/runtime"),
                path("backend/db"),
                path("backend/server"),
                path("codegen/sdk"),
            ),
        ),
    ];

    let mut schema = String::from("//! Generated by sent-bench: a declaration at scale.\n\n");
    let mut lib = String::from("//! Generated by sent-bench: the implementations.\n\npub mod sdk;\npub mod server;\n");
    for s in 0..services {
        let _ = writeln!(schema, "pub mod app{s:02};");
        let _ = writeln!(lib, "pub mod app{s:02};");
    }
    lib.push_str("\n/// Every method, bound to its implementation.\n");
    lib.push_str("pub fn registry() -> Result<sent_rpc::Registry<sent_runtime::Ctx>, sent_rpc::RegistryError> {\n");
    lib.push_str("    use sent_bench_fixture_schema as schema;\n\n");
    lib.push_str("    let mut registry = sent_rpc::Registry::default();\n");
    for s in 0..services {
        let _ = writeln!(
            lib,
            "    registry.add(schema::app{s:02}::App{s:02}Api::handlers(std::sync::Arc::new(app{s:02}::App{s:02}Service)))?;"
        );
    }
    lib.push_str("    Ok(registry)\n}\n");
    files.push((PathBuf::from("schema/src/lib.rs"), schema));
    files.push((PathBuf::from("service/src/lib.rs"), lib));

    for s in 0..services {
        let range = (s * PER_SERVICE)..((s + 1) * PER_SERVICE).min(methods);
        files.push((PathBuf::from(format!("schema/src/app{s:02}.rs")), declarations(s, range.clone(), touched, touch)));
        files.push((PathBuf::from(format!("service/src/app{s:02}.rs")), implementations(s, range, touched, touch)));
    }
    files.push((PathBuf::from("service/src/main.rs"), MAIN.to_owned()));
    files.push((PathBuf::from("service/src/server.rs"), include_str!("fixture_server.rs").to_owned()));
    files.push((PathBuf::from("service/src/sdk.rs"), include_str!("fixture_sdk.rs").to_owned()));
    files
}

/// App `s`'s DTOs and trait, as `rpc-schema` declares an app.
fn declarations(s: usize, range: std::ops::Range<usize>, touched: usize, touch: Touch) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "//! App {s}: generated by sent-bench.\n");
    out.push_str("use sent_rpc::{dto, service};\nuse uuid::Uuid;\n\n");
    let _ = writeln!(
        out,
        "/// A line of a params DTO.\n#[dto]\n#[derive(Debug, Clone)]\npub struct Item{s:02} {{\n    pub sku: String,\n    pub quantity: i32,\n}}\n"
    );
    for m in range.clone() {
        let _ = writeln!(
            out,
            r"/// The params of method {m}.
#[dto]
#[derive(Debug, Clone)]
pub struct Params{m:04} {{
    #[id]
    pub record_id: Uuid,
    pub name: String,
    pub amount: i32,
    pub note: Option<String>,
    pub items: Vec<Item{s:02}>,
}}

/// The result of method {m}.
#[dto]
#[derive(Debug, Clone)]
pub struct Result{m:04} {{
    #[id]
    pub record_id: Uuid,
    pub name: String,
    pub amount: i32,
    pub version: i32,
}}
"
        );
    }
    let _ = writeln!(out, "/// App {s}.\n#[service(app = \"app{s:02}\")]\npub trait App{s:02} {{");
    for m in range {
        let (kind, role, errors) = shape(m);
        let _ = writeln!(out, "    /// Method {m} of app {s}.");
        if m == touched && touch == Touch::Declaration {
            out.push_str("    /// Touched: this line changes the declaration.\n");
        }
        let _ = writeln!(
            out,
            "    #[rpc({kind}, role = \"{role}\"{errors})]\n    async fn method_{m:04}(params: Params{m:04}) -> Result{m:04};\n"
        );
    }
    out.push_str("}\n");
    out
}

/// App `s`'s implementation, as `sent-services` implements an app.
fn implementations(s: usize, range: std::ops::Range<usize>, touched: usize, touch: Touch) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "//! App {s}: generated by sent-bench.\n");
    let _ = writeln!(
        out,
        "use sent_bench_fixture_schema::app{s:02}::*;\nuse sent_rpc::RpcError;\nuse sent_runtime::Ctx;\n"
    );
    let _ = writeln!(out, "/// The implementation of app {s}.\n#[derive(Debug)]\npub struct App{s:02}Service;\n");
    let _ = writeln!(out, "impl App{s:02}<Ctx> for App{s:02}Service {{");
    for m in range {
        // Cumulative: the declaration's change comes on top of this one.
        let step = if m == touched && touch != Touch::None { m + 1 } else { m };
        let _ = writeln!(
            out,
            r#"    async fn method_{m:04}(&self, _cx: &mut Ctx, params: Params{m:04}) -> Result<Result{m:04}, RpcError> {{
        if params.name.is_empty() {{
            return Err(RpcError::validation("name", "a name is required"));
        }}
        let amount = params.amount.saturating_add({step});
        Ok(Result{m:04} {{ record_id: params.record_id, name: params.name, amount, version: 1 }})
    }}
"#
        );
    }
    out.push_str("}\n");
    out
}

/// The binary: the methods (all or none) behind SENT's HTTP host, or their
/// TypeScript SDK generated.
const MAIN: &str = r#"//! Generated by sent-bench: the fixture's methods served by SENT's HTTP host,
//! or their TypeScript SDK generated and timed.

use std::process::ExitCode;

const USAGE: &str = "usage: sent-bench-fixture <database url> all|none
       sent-bench-fixture sdk <out dir> [repetitions]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["sdk", out_dir, rest @ ..] => sdk(out_dir, rest),
        [url, which] => serve(url, which),
        _ => usage(),
    }
}

fn usage() -> ExitCode {
    eprintln!("{USAGE}");
    ExitCode::from(2)
}

/// Render the SDK of every method `repetitions` times (10 by default),
/// write it under `<out dir>/src/generated/` and print the times.
fn sdk(out_dir: &str, rest: &[&str]) -> ExitCode {
    let repetitions = match rest {
        [] => 10,
        [n] => match n.parse::<usize>() {
            Ok(n) if n > 0 => n,
            _ => return usage(),
        },
        _ => return usage(),
    };
    let registry = match sent_bench_fixture::registry() {
        Ok(registry) => registry,
        Err(error) => {
            eprintln!("{error}");
            return ExitCode::from(2);
        }
    };
    match sent_bench_fixture::sdk::generate(&registry.methods(), std::path::Path::new(out_dir), repetitions) {
        Ok(line) => {
            println!("{line}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("{error}");
            ExitCode::FAILURE
        }
    }
}

fn serve(url: &str, which: &str) -> ExitCode {
    let registry = match which {
        "all" => sent_bench_fixture::registry().map_err(|e| e.to_string()),
        "none" => Ok(sent_rpc::Registry::default()),
        other => Err(format!("all or none, not {other}")),
    };
    let registry = match registry {
        Ok(registry) => registry,
        Err(error) => {
            eprintln!("{error}");
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("{error}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(sent_bench_fixture::server::serve(registry, url.to_owned())) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("{error}");
            ExitCode::FAILURE
        }
    }
}
"#;

/// Write the files whose text changed.
fn write(dir: &Path, files: &[(PathBuf, String)]) -> Result<(), String> {
    for (path, text) in files {
        let path = dir.join(path);
        if std::fs::read_to_string(&path).is_ok_and(|old| &old == text) {
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}

/// Run `command` to its end; how long it took (wall time, and the CPU time
/// of it and its children), and its output.
pub async fn timed(mut command: Command) -> Result<(Timing, std::process::Output), String> {
    let cpu_before = crate::cpu::children_ticks();
    let started = Instant::now();
    let output = command.output().await.map_err(|e| e.to_string())?;
    let wall_s = started.elapsed().as_secs_f64();
    let cpu_ticks = crate::cpu::children_ticks().saturating_sub(cpu_before);
    Ok((Timing { wall_s, cpu_s: cpu_ticks as f64 / crate::cpu::TICKS_PER_SECOND as f64 }, output))
}

/// Run cargo in the fixture; how long it took.
async fn cargo(cargo: &str, dir: &Path, args: &[&str]) -> Result<Timing, String> {
    let mut command = Command::new(cargo);
    command.args(args).current_dir(dir).env("CARGO_TARGET_DIR", dir.join("target")).env("CARGO_TERM_COLOR", "never");
    let (timing, output) = timed(command).await.map_err(|e| format!("cannot run {cargo}: {e}"))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let tail: Vec<&str> = stderr.lines().rev().take(40).collect();
        return Err(format!(
            "cargo {} in {}: {}\n{}",
            args.join(" "),
            dir.display(),
            output.status,
            tail.into_iter().rev().collect::<Vec<_>>().join("\n")
        ));
    }
    Ok(timing)
}

/// Generate, check, touch, check, build, generate the SDK and type-check
/// it, serve.
pub async fn run(
    workspace: &Path,
    dir: &Path,
    methods: usize,
    cargo_bin: &str,
    database_url: &str,
) -> Result<Report, String> {
    println!("== fixture: {methods} methods in {}", dir.display());
    // Before minutes of building: the SDK's type check needs the compiler.
    crate::sdk::tsc_path(workspace)?;
    // A fresh source tree; the target directory (built dependencies) stays.
    for old in ["src", "schema/src", "service/src", crate::sdk::FIXTURE_SDK_DIR, crate::sdk::SENT_SDK_SCRATCH_DIR] {
        let _ = std::fs::remove_dir_all(dir.join(old));
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    // The workspace's lock file, so the fixture builds the same versions.
    std::fs::copy(workspace.join("Cargo.lock"), dir.join("Cargo.lock")).map_err(|e| format!("Cargo.lock: {e}"))?;
    let started = Instant::now();
    let files = sources(methods, workspace, Touch::None);
    write(dir, &files)?;
    let generate_ms = started.elapsed().as_secs_f64() * 1000.0;
    let lines = files.iter().map(|(_, text)| text.lines().count()).sum();
    println!("   generated {} files, {lines} lines in {generate_ms:.1} ms", files.len());

    let check_dependencies = cargo(cargo_bin, dir, &["check", "--quiet"]).await?;
    println!("   cargo check, dependencies included if not built yet: {check_dependencies}");
    let both = ["-p", SCHEMA_PACKAGE, "-p", PACKAGE];
    cargo(cargo_bin, dir, &[&["clean", "--quiet"][..], &both].concat()).await?;
    let check_schema = cargo(cargo_bin, dir, &["check", "--quiet", "-p", SCHEMA_PACKAGE]).await?;
    println!("   cargo check of the declarations from scratch: {check_schema}");
    let check_service = cargo(cargo_bin, dir, &["check", "--quiet"]).await?;
    println!("   then of the implementations and the server: {check_service}");
    write(dir, &sources(methods, workspace, Touch::Implementation))?;
    let check_touch_impl = cargo(cargo_bin, dir, &["check", "--quiet"]).await?;
    println!("   cargo check after changing one method's implementation: {check_touch_impl}");
    write(dir, &sources(methods, workspace, Touch::Declaration))?;
    let check_touch_decl = cargo(cargo_bin, dir, &["check", "--quiet"]).await?;
    println!("   cargo check after changing one method's declaration: {check_touch_decl}");

    let build_dependencies = cargo(cargo_bin, dir, &["build", "--quiet", "--release"]).await?;
    println!("   cargo build --release, dependencies included if not built yet: {build_dependencies}");
    cargo(cargo_bin, dir, &[&["clean", "--quiet", "--release"][..], &both].concat()).await?;
    let build_schema = cargo(cargo_bin, dir, &["build", "--quiet", "--release", "-p", SCHEMA_PACKAGE]).await?;
    println!("   cargo build --release of the declarations from scratch: {build_schema}");
    let build_service = cargo(cargo_bin, dir, &["build", "--quiet", "--release"]).await?;
    println!("   then of the implementations and the server binary: {build_service}");
    let binary = dir.join("target/release").join(PACKAGE);
    let binary_bytes = std::fs::metadata(&binary).map_err(|e| format!("{}: {e}", binary.display()))?.len();

    let sdk = crate::sdk::run(workspace, dir, &binary, methods).await?;

    let memory = memory(&binary, database_url, methods).await?;
    println!(
        "   RSS (anonymous) {} kB ({} kB) with no method, {} kB ({} kB) with {} registered, {} kB ({} kB) after one call of each",
        memory.none.total_kb,
        memory.none.anon_kb,
        memory.registered.total_kb,
        memory.registered.anon_kb,
        memory.methods_registered,
        memory.after_calls.total_kb,
        memory.after_calls.anon_kb,
    );
    Ok(Report {
        dir: dir.display().to_string(),
        methods,
        services: methods.div_ceil(PER_SERVICE),
        dtos: 2 * methods + methods.div_ceil(PER_SERVICE),
        files: files.len(),
        lines,
        generate_ms,
        check_dependencies,
        check_schema,
        check_service,
        check_touch_impl,
        check_touch_decl,
        build_dependencies,
        build_schema,
        build_service,
        binary_bytes,
        sdk,
        memory,
    })
}

/// A running fixture server, killed when dropped.
struct Served {
    child: std::process::Child,
    addr: String,
    registered: usize,
}

impl Served {
    /// Start the binary and wait for its ready line.
    async fn start(binary: &Path, database_url: &str, which: &str) -> Result<Self, String> {
        let mut child = std::process::Command::new(binary)
            .args([database_url, which])
            .stdout(std::process::Stdio::piped())
            .spawn()
            .map_err(|e| format!("{}: {e}", binary.display()))?;
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let line = tokio::task::spawn_blocking(move || {
            let mut line = String::new();
            std::io::BufReader::new(stdout).read_line(&mut line).map(|_| line)
        });
        let line = match tokio::time::timeout(Duration::from_secs(60), line).await {
            Ok(Ok(Ok(line))) => line,
            _ => {
                let _ = child.kill();
                return Err(format!("{} {which} did not get ready", binary.display()));
            }
        };
        let mut words = line.split_whitespace();
        let (Some("SENT-BENCH-READY"), Some(addr), Some(registered)) = (words.next(), words.next(), words.next())
        else {
            let _ = child.kill();
            return Err(format!("{} {which}: unexpected output {line:?}", binary.display()));
        };
        let registered = registered.parse().map_err(|_| format!("bad ready line {line:?}"))?;
        Ok(Self { addr: addr.to_owned(), registered, child })
    }

    fn rss(&self) -> Result<Rss, String> {
        Ok(Rss { total_kb: self.status_kb("VmRSS:")?, anon_kb: self.status_kb("RssAnon:")? })
    }

    fn status_kb(&self, field: &str) -> Result<u64, String> {
        let path = format!("/proc/{}/status", self.child.id());
        let status = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
        status
            .lines()
            .find_map(|l| l.strip_prefix(field))
            .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
            .ok_or_else(|| format!("no {field} in {path}"))
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The server's RSS with no method and with every method registered, and
/// after calling each once over HTTP.
async fn memory(binary: &Path, database_url: &str, methods: usize) -> Result<Memory, String> {
    // Let a freshly started process settle before reading its RSS.
    const SETTLE: Duration = Duration::from_millis(500);
    let none = Served::start(binary, database_url, "none").await?;
    tokio::time::sleep(SETTLE).await;
    let rss_none = none.rss()?;
    drop(none);

    let all = Served::start(binary, database_url, "all").await?;
    if all.registered != methods {
        return Err(format!("the fixture registered {} methods, {methods} expected", all.registered));
    }
    tokio::time::sleep(SETTLE).await;
    let rss_registered = all.rss()?;
    let client = reqwest::Client::builder().timeout(Duration::from_secs(30)).build().map_err(|e| e.to_string())?;
    let url = format!("http://{}/api/rpc", all.addr);
    let (mut calls_answered, mut calls_refused) = (0, 0);
    for m in 0..methods {
        let body = format!(
            r#"{{"jsonrpc":"2.0","method":"{}","params":{{"recordId":"0190a3c4-0000-7000-8000-000000000001","name":"n","amount":1,"note":null,"items":[{{"sku":"a","quantity":2}}]}},"id":{m}}}"#,
            wire_name(m)
        );
        let response = client
            .post(&url)
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .map_err(|e| format!("{}: {e}", wire_name(m)))?;
        let text = response.text().await.map_err(|e| format!("{}: {e}", wire_name(m)))?;
        let public = shape(m).1 == "public";
        if public && text.contains(r#""result":{"recordId":"0190a3c4-0000-7000-8000-000000000001","name":"n""#) {
            calls_answered += 1;
        } else if !public && text.contains(r#""kind":"unauthenticated""#) {
            calls_refused += 1;
        } else {
            return Err(format!("{} answered {text}", wire_name(m)));
        }
    }
    tokio::time::sleep(SETTLE).await;
    Ok(Memory {
        none: rss_none,
        registered: rss_registered,
        after_calls: all.rss()?,
        hwm_registered_kb: all.status_kb("VmHWM:")?,
        methods_registered: all.registered,
        calls_answered,
        calls_refused,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_hundred_methods_in_ten_services() {
        let files = sources(500, Path::new("/w"), Touch::None);
        let names: Vec<String> = files.iter().map(|(p, _)| p.display().to_string()).collect();
        assert_eq!(names.iter().filter(|p| p.starts_with("schema/src/app")).count(), 10);
        assert_eq!(names.iter().filter(|p| p.starts_with("service/src/app")).count(), 10);
        assert_eq!(files.len(), 28, "three manifests, two libs, main, server, sdk, ten apps twice");
        let count = |needle: &str| files.iter().map(|(_, t)| t.matches(needle).count()).sum::<usize>();
        assert_eq!(count("    #[rpc("), 500);
        assert_eq!(count("role = \"public\""), 125);
        assert_eq!(count("#[service(app = "), 10);
        assert_eq!(count("#[dto]"), 1010);
        assert_eq!(count("    async fn method_"), 1000, "a declaration and an implementation each");
        let text = |path: &str| &files.iter().find(|(p, _)| p == Path::new(path)).unwrap().1;
        assert!(text("service/Cargo.toml").contains(r#"sent-rpc = { path = "/w/backend/rpc" }"#));
        assert!(text("service/Cargo.toml").contains(r#"sent-sdk-gen = { path = "/w/codegen/sdk" }"#));
        assert!(!text("schema/Cargo.toml").contains("sent-sdk-gen"), "the declarations do not know the SDK");
        assert!(!text("schema/src/app09.rs").contains("impl "), "declarations only");
        assert!(text("service/src/app09.rs").contains("fn method_0499("));
        assert_eq!(wire_name(499), "app09.method0499");
    }

    /// The fixture's server is compiled here against today's host API;
    /// naming it is the test.
    #[test]
    fn the_fixture_server_is_built_with_the_host() {
        let _serve = crate::fixture_server::serve;
        assert!(include_str!("fixture_server.rs").contains("sent_server::app("));
    }

    /// The binary's `sdk` mode runs the copy of `fixture_sdk.rs` (compiled
    /// here, where `sdk::tests` runs it on SENT's registry) on the fixture's
    /// registry, and prints its line.
    #[test]
    fn the_binary_generates_the_sdk_with_the_code_compiled_here() {
        let files = sources(500, Path::new("/w"), Touch::None);
        let text = |path: &str| &files.iter().find(|(p, _)| p == Path::new(path)).unwrap().1;
        assert_eq!(text("service/src/sdk.rs"), include_str!("fixture_sdk.rs"));
        assert!(text("service/src/lib.rs").contains("pub mod sdk;\n"));
        let main = text("service/src/main.rs");
        assert!(main.contains(r#"["sdk", out_dir, rest @ ..] => sdk(out_dir, rest),"#), "{main}");
        assert!(main.contains("sent_bench_fixture::sdk::generate(&registry.methods(), "), "{main}");
        assert!(main.contains(r#"println!("{line}");"#), "{main}");
        let _generate = crate::fixture_sdk::generate;
    }

    /// Each touch changes one file of one crate, the declaration's on top
    /// of the implementation's.
    #[test]
    fn a_touch_changes_one_file() {
        let changed = |a: &[(PathBuf, String)], b: &[(PathBuf, String)]| -> Vec<String> {
            a.iter().zip(b).filter(|(x, y)| x.1 != y.1).map(|(x, _)| x.0.display().to_string()).collect()
        };
        let base = sources(500, Path::new("/w"), Touch::None);
        let implementation = sources(500, Path::new("/w"), Touch::Implementation);
        let declaration = sources(500, Path::new("/w"), Touch::Declaration);
        assert_eq!(changed(&base, &implementation), ["service/src/app05.rs"]);
        assert_eq!(changed(&implementation, &declaration), ["schema/src/app05.rs"]);
    }
}
