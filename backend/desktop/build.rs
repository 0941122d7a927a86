//! Tauri's build step, and the UI the app embeds: `frontend/app/dist`, the
//! same build the web serves (`make web`). The Rust build must not depend on
//! npm having run (`cargo check` and clippy compile the app before any UI
//! exists), so without a built UI the app embeds a small placeholder page
//! from the build's own output directory, saying how to build the real one.

use std::path::{Path, PathBuf};
use std::{env, fs, io};

const PLACEHOLDER: &str = "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<title>SENT</title>\n</head>\n<body style=\"font:16px/1.5 system-ui,sans-serif;display:grid;place-items:center;\
min-height:100vh;margin:0\">\n<main style=\"max-width:36rem;padding:2rem\">\n<h1>SENT</h1>\n\
<p>This build of the desktop app has no UI. Build it with <code>make web</code>, then rebuild the app \
(<code>make desktop</code> does both).</p>\n</main>\n</body>\n</html>\n";

fn main() -> io::Result<()> {
    let manifest_dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR").map_err(io::Error::other)?);
    let dist = manifest_dir.join("../../frontend/app/dist");
    println!("cargo:rerun-if-changed={}", dist.display());
    println!("cargo:rerun-if-changed=build.rs");
    if !dist.join("index.html").exists() {
        let out_dir = PathBuf::from(env::var("OUT_DIR").map_err(io::Error::other)?);
        let placeholder = write_placeholder(&out_dir)?;
        // `generate_context!` merges this over tauri.conf.json.
        let config = serde_json::json!({ "build": { "frontendDist": placeholder } });
        println!("cargo:rustc-env=TAURI_CONFIG={config}");
        println!("cargo:warning=frontend/app/dist is not built: the app embeds a placeholder page (run `make web`)");
    }
    tauri_build::build();
    Ok(())
}

fn write_placeholder(out_dir: &Path) -> io::Result<PathBuf> {
    let dir = out_dir.join("placeholder-ui");
    fs::create_dir_all(&dir)?;
    fs::write(dir.join("index.html"), PLACEHOLDER)?;
    Ok(dir)
}
