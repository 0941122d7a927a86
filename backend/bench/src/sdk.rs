//! The TypeScript SDK at scale. The fixture's binary renders the 500-method
//! SDK (`<binary> sdk <dir>`, timed inside it and as a whole process); the
//! files are assembled into a package beside the hand-written runtime of
//! `frontend/sdk` and type-checked with its `tsc`. SENT's own SDK is
//! rendered by the same code in this process and `frontend/sdk` is
//! type-checked the same way, for scale.

use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::Serialize;
use tokio::process::Command;

use crate::fixture::Timing;
use crate::fixture_sdk;

/// Renderings timed inside a process, for each SDK.
pub const REPETITIONS: usize = 10;
/// Whole-process runs of the fixture's `sdk` mode.
pub const PROCESS_RUNS: usize = 5;
/// The package the fixture's SDK is assembled into, in the fixture's directory.
pub const FIXTURE_SDK_DIR: &str = "sdk";
/// Where SENT's own SDK is rendered to, in the fixture's directory (the
/// checked-in one is left alone).
pub const SENT_SDK_SCRATCH_DIR: &str = "sdk-sent";

/// What the two SDKs cost to generate and to type-check.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The fixture's SDK, assembled under `<fixture dir>/sdk`.
    pub fixture: Figures,
    /// `<binary> sdk <dir> 1` as a process: its start, one rendering,
    /// writing the files, its exit.
    pub fixture_process: Samples,
    /// SENT's own SDK: rendered in sent-bench's process, and `frontend/sdk`
    /// type-checked.
    pub sent: Figures,
    /// Whether SENT's SDK as rendered in this run is the checked-in
    /// `frontend/sdk/src/generated/` that tsc checked.
    pub sent_matches_checked_in: bool,
    /// The TypeScript compiler's version (`tsc --version`).
    pub tsc_version: String,
}

/// One SDK.
#[derive(Debug, Clone, Serialize)]
pub struct Figures {
    /// Methods in the generated method table.
    pub methods: usize,
    /// `export type` declarations in `types.ts`.
    pub exported_types: usize,
    pub files: Vec<FileSize>,
    /// `sent_sdk_gen::render` inside the process.
    pub render: Samples,
    /// `tsc --noEmit --strict -p <the package's tsconfig.json>`: the
    /// runtime and the generated files.
    pub tsc: Timing,
}

impl Figures {
    pub fn total_bytes(&self) -> usize {
        self.files.iter().map(|f| f.bytes).sum()
    }

    pub fn total_lines(&self) -> usize {
        self.files.iter().map(|f| f.lines).sum()
    }
}

/// Repeated timings in milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Samples {
    pub runs: usize,
    pub median_ms: f64,
    pub min_ms: f64,
}

impl Samples {
    fn of(samples_ms: &[f64]) -> Self {
        let (median_ms, min_ms) = fixture_sdk::median_and_min(samples_ms);
        Self { runs: samples_ms.len(), median_ms, min_ms }
    }
}

impl std::fmt::Display for Samples {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:.1} ms median, {:.1} ms min of {}", self.median_ms, self.min_ms, self.runs)
    }
}

/// A generated file's size.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileSize {
    pub name: String,
    pub bytes: usize,
    pub lines: usize,
}

/// The SDK's TypeScript compiler, installed by `make sdk-deps`.
pub fn tsc_path(workspace: &Path) -> Result<PathBuf, String> {
    let modules = workspace.join("frontend/sdk/node_modules");
    let tsc = modules.join(".bin/tsc");
    if tsc.is_file() {
        Ok(tsc)
    } else {
        Err(format!(
            "{} is missing: run `make sdk-deps` (npm ci in frontend/sdk) before the SDK's type check",
            if modules.is_dir() { tsc.display() } else { modules.display() }
        ))
    }
}

/// A type-checkable SDK package in `package`: `frontend/sdk`'s
/// `tsconfig.json`, its `package.json` (whose `"type": "module"` makes the
/// sources ES modules under `NodeNext`) and its hand-written runtime
/// (`src/*.ts`, not its `generated/`), to which the generated files are
/// then added.
pub fn assemble(workspace: &Path, package: &Path) -> Result<(), String> {
    let sdk = workspace.join("frontend/sdk");
    let _ = std::fs::remove_dir_all(package);
    let src = package.join("src");
    std::fs::create_dir_all(&src).map_err(|e| format!("{}: {e}", src.display()))?;
    for manifest in ["tsconfig.json", "package.json"] {
        copy(&sdk.join(manifest), &package.join(manifest))?;
    }
    let runtime = sdk.join("src");
    let entries = std::fs::read_dir(&runtime).map_err(|e| format!("{}: {e}", runtime.display()))?;
    let mut copied = 0;
    for entry in entries {
        let path = entry.map_err(|e| format!("{}: {e}", runtime.display()))?.path();
        if path.is_file() && path.extension().is_some_and(|ext| ext == "ts") {
            let name = path.file_name().ok_or_else(|| format!("{}: no file name", path.display()))?;
            copy(&path, &src.join(name))?;
            copied += 1;
        }
    }
    if copied == 0 { Err(format!("no runtime sources in {}", runtime.display())) } else { Ok(()) }
}

fn copy(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::copy(from, to).map(|_| ()).map_err(|e| format!("copy {} to {}: {e}", from.display(), to.display()))
}

/// `tsc --noEmit --strict -p tsconfig`: wall time and the CPU time of the
/// compiler. A failed type check is an error carrying tsc's diagnostics.
pub async fn type_check(tsc: &Path, tsconfig: &Path) -> Result<Timing, String> {
    let mut command = Command::new(tsc);
    command.args(["--noEmit", "--strict", "-p"]).arg(tsconfig);
    let (timing, output) = crate::fixture::timed(command).await.map_err(|e| format!("{}: {e}", tsc.display()))?;
    if output.status.success() {
        Ok(timing)
    } else {
        // tsc writes its diagnostics to stdout.
        let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
        let tail: Vec<&str> = text.lines().take(60).collect();
        Err(format!("tsc --noEmit --strict -p {}: {}\n{}", tsconfig.display(), output.status, tail.join("\n")))
    }
}

/// The line of `generate` in a process's output: methods and render times.
pub fn parse_line(output: &str) -> Result<(usize, Samples), String> {
    let line = output
        .lines()
        .find(|l| l.starts_with(fixture_sdk::LINE_WORD))
        .ok_or_else(|| format!("no {} line in {output:?}", fixture_sdk::LINE_WORD))?;
    let field = |key: &str| {
        line.split_whitespace()
            .find_map(|word| word.strip_prefix(key).and_then(|rest| rest.strip_prefix('=')))
            .ok_or_else(|| format!("no {key} in {line:?}"))
    };
    let number = |key: &str| field(key)?.parse::<f64>().map_err(|_| format!("bad {key} in {line:?}"));
    let methods = field("methods")?.parse().map_err(|_| format!("bad methods in {line:?}"))?;
    let runs = field("samples_ms")?.split(',').filter(|s| !s.is_empty()).count();
    Ok((methods, Samples { runs, median_ms: number("median_ms")?, min_ms: number("min_ms")? }))
}

/// Sizes of the generated files in `generated`, the `export type`
/// declarations of `types.ts`, and the entries of the method table.
pub fn count(generated: &Path) -> Result<(Vec<FileSize>, usize, usize), String> {
    let read = |name: &str| {
        let path = generated.join(name);
        std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))
    };
    let (types, methods) = (read("types.ts")?, read("methods.ts")?);
    let files = [("types.ts", &types), ("methods.ts", &methods)]
        .into_iter()
        .map(|(name, text)| FileSize { name: name.to_owned(), bytes: text.len(), lines: text.lines().count() })
        .collect();
    let exported_types = types.lines().filter(|l| l.starts_with("export type ")).count();
    let table = methods.split("export const methodTable = {").nth(1).and_then(|rest| rest.split("} as const;").next());
    let entries =
        table.map_or(0, |t| t.lines().filter(|l| l.starts_with("\t\t") && l.contains(": { method: \"")).count());
    Ok((files, exported_types, entries))
}

/// Generate, assemble and type-check the fixture's SDK with its release
/// `binary`; then SENT's own, for scale.
pub async fn run(workspace: &Path, fixture_dir: &Path, binary: &Path, methods: usize) -> Result<Report, String> {
    let tsc = tsc_path(workspace)?;
    let tsc_version = version(&tsc).await?;

    let package = fixture_dir.join(FIXTURE_SDK_DIR);
    assemble(workspace, &package)?;
    let mut process_ms = Vec::with_capacity(PROCESS_RUNS);
    for _ in 0..PROCESS_RUNS {
        let started = Instant::now();
        fixture_sdk_mode(binary, &package, 1).await?;
        process_ms.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    let fixture_process = Samples::of(&process_ms);
    let (rendered, render) = parse_line(&fixture_sdk_mode(binary, &package, REPETITIONS).await?)?;
    let (files, exported_types, table) = count(&package.join("src/generated"))?;
    if rendered != methods || table != methods {
        return Err(format!(
            "the fixture's SDK has {table} methods in its table, rendered from {rendered}; {methods} expected"
        ));
    }
    let tsc_fixture = type_check(&tsc, &package.join("tsconfig.json")).await?;
    let fixture = Figures { methods, exported_types, files, render, tsc: tsc_fixture };
    println!(
        "   SDK of {methods} methods ({} types, {} lines, {} kB): render {}; as a process {}; tsc {tsc_version} {}",
        fixture.exported_types,
        fixture.total_lines(),
        fixture.total_bytes() / 1024,
        fixture.render,
        fixture_process,
        fixture.tsc,
    );

    let scratch = fixture_dir.join(SENT_SDK_SCRATCH_DIR);
    let _ = std::fs::remove_dir_all(&scratch);
    let line = {
        let scratch = scratch.clone();
        tokio::task::spawn_blocking(move || {
            let registry = sent_services::registry().map_err(|e| e.to_string())?;
            fixture_sdk::generate(&registry.methods(), &scratch, REPETITIONS)
        })
        .await
        .map_err(|e| format!("rendering SENT's SDK: {e}"))??
    };
    let (rendered, render) = parse_line(&line)?;
    let generated = scratch.join("src/generated");
    let (files, exported_types, table) = count(&generated)?;
    if table != rendered {
        return Err(format!("SENT's SDK has {table} methods in its table, rendered from {rendered}"));
    }
    let checked_in = workspace.join("frontend/sdk/src/generated");
    let sent_matches_checked_in = ["types.ts", "methods.ts"]
        .iter()
        .all(|name| std::fs::read(generated.join(name)).ok() == std::fs::read(checked_in.join(name)).ok());
    let tsc_sent = type_check(&tsc, &workspace.join("frontend/sdk/tsconfig.json")).await?;
    let sent = Figures { methods: rendered, exported_types, files, render, tsc: tsc_sent };
    println!(
        "   SENT's own SDK, {} methods ({} types, {} lines, {} kB): render {}; tsc {tsc_version} {}{}",
        sent.methods,
        sent.exported_types,
        sent.total_lines(),
        sent.total_bytes() / 1024,
        sent.render,
        sent.tsc,
        if sent_matches_checked_in { "" } else { " (the checked-in SDK differs: run `make gen`)" },
    );
    let _ = std::fs::remove_dir_all(&scratch);
    Ok(Report { fixture, fixture_process, sent, sent_matches_checked_in, tsc_version })
}

/// `<binary> sdk <package> <repetitions>`; its output.
async fn fixture_sdk_mode(binary: &Path, package: &Path, repetitions: usize) -> Result<String, String> {
    let output = Command::new(binary)
        .arg("sdk")
        .arg(package)
        .arg(repetitions.to_string())
        .output()
        .await
        .map_err(|e| format!("{}: {e}", binary.display()))?;
    if !output.status.success() {
        return Err(format!(
            "{} sdk {}: {}\n{}",
            binary.display(),
            package.display(),
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    String::from_utf8(output.stdout).map_err(|e| format!("{} sdk: {e}", binary.display()))
}

async fn version(tsc: &Path) -> Result<String, String> {
    let output = Command::new(tsc).arg("--version").output().await.map_err(|e| format!("{}: {e}", tsc.display()))?;
    let text = String::from_utf8_lossy(&output.stdout);
    Ok(text.trim().trim_start_matches("Version ").to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_of_a_generation_is_read_back() {
        let dir = tempfile::tempdir().expect("a scratch directory");
        let registry = sent_services::registry().expect("a registry");
        let methods = registry.methods();
        let line = fixture_sdk::generate(&methods, dir.path(), 3).expect("SENT's SDK renders");
        let (rendered, samples) = parse_line(&format!("noise\n{line}\n")).expect("the line parses");
        assert_eq!(rendered, methods.len());
        assert_eq!(samples.runs, 3);
        assert!(samples.min_ms > 0.0 && samples.min_ms <= samples.median_ms, "{samples:?}");

        let generated = dir.path().join("src/generated");
        let (files, exported_types, table) = count(&generated).expect("written");
        assert_eq!(table, methods.len(), "one method table entry per method");
        let types = std::fs::read_to_string(generated.join("types.ts")).expect("types.ts");
        assert_eq!(exported_types, types.matches("\nexport type ").count());
        let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["types.ts", "methods.ts"]);
        assert_eq!(files[0].bytes, types.len());
        assert_eq!(files[0].lines, types.lines().count());
    }

    #[test]
    fn a_line_without_its_fields_is_refused() {
        assert!(parse_line("SENT-BENCH-SDK methods=5").is_err());
        assert!(parse_line("nothing here").is_err());
        assert!(parse_line("SENT-BENCH-SDK methods=x median_ms=1 min_ms=1 samples_ms=1").is_err());
    }

    #[test]
    fn median_and_min_of_even_and_odd_counts() {
        assert_eq!(Samples::of(&[3.0, 1.0, 2.0]), Samples { runs: 3, median_ms: 2.0, min_ms: 1.0 });
        assert_eq!(Samples::of(&[4.0, 1.0, 2.0, 3.0]), Samples { runs: 4, median_ms: 2.5, min_ms: 1.0 });
        assert_eq!(Samples::of(&[]), Samples { runs: 0, median_ms: 0.0, min_ms: 0.0 });
    }

    /// The runtime is copied without the checked-in generated files, which
    /// the fixture's replace.
    #[test]
    fn the_package_holds_the_runtime_and_its_manifests_only() {
        let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let dir = tempfile::tempdir().expect("a scratch directory");
        let package = dir.path().join("sdk");
        assemble(&workspace, &package).expect("assembled");
        assert!(package.join("tsconfig.json").is_file());
        assert!(package.join("package.json").is_file());
        assert!(package.join("src/client.ts").is_file());
        assert!(package.join("src/index.ts").is_file());
        assert!(!package.join("src/generated").exists());
    }

    /// The real type check (after `make sdk-deps`) passes an assembled
    /// package of SENT's SDK, and fails one with a type error, with tsc's
    /// diagnostics.
    #[tokio::test]
    async fn tsc_passes_the_sdk_and_fails_a_type_error() {
        let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let tsc = tsc_path(&workspace).expect("the SDK's TypeScript compiler");
        let dir = tempfile::tempdir().expect("a scratch directory");
        let package = dir.path().join("sdk");
        assemble(&workspace, &package).expect("assembled");
        let generated = package.join("src/generated");
        std::fs::create_dir_all(&generated).expect("generated dir");
        for name in ["types.ts", "methods.ts"] {
            std::fs::copy(workspace.join("frontend/sdk/src/generated").join(name), generated.join(name))
                .expect("copied");
        }
        let timing = type_check(&tsc, &package.join("tsconfig.json")).await.expect("the SDK type-checks");
        assert!(timing.wall_s > 0.0);

        std::fs::write(package.join("src/broken.ts"), "export const broken: number = \"text\";\n").expect("written");
        let error = type_check(&tsc, &package.join("tsconfig.json")).await.expect_err("a type error fails");
        assert!(error.contains("broken.ts") && error.contains("TS2322"), "{error}");
    }
}
