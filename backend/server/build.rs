//! The web UI is embedded from `frontend/app/dist`, which `make web` builds
//! with npm. The Rust build must not depend on npm having run (some builds
//! compile the server before the UI), so when there is no built UI a small
//! placeholder page goes in its place, telling how to build the real one.
//! Any later `make web` replaces it, and the directory's change makes cargo
//! embed the new files.

use std::fmt::Write as _;
use std::path::Path;
use std::{env, fs, io};

const PLACEHOLDER_CSS: &str = "\
body{font:16px/1.5 system-ui,sans-serif;margin:0;min-height:100vh;display:grid;place-items:center;\
background:#f8fafc;color:#0f172a}\
main{max-width:36rem;padding:2rem}\
code{background:#e2e8f0;padding:.1rem .3rem;border-radius:.25rem}\
@media (prefers-color-scheme:dark){body{background:#020617;color:#e2e8f0}code{background:#1e293b}}\n";

fn main() -> io::Result<()> {
    let manifest_dir = env::var("CARGO_MANIFEST_DIR").map_err(io::Error::other)?;
    let dist = Path::new(&manifest_dir).join("../../frontend/app/dist");
    if !dist.join("index.html").exists() {
        write_placeholder(&dist)?;
    }
    println!("cargo:rerun-if-changed={}", dist.display());
    println!("cargo:rerun-if-changed=build.rs");
    Ok(())
}

fn write_placeholder(dist: &Path) -> io::Result<()> {
    // Hashed like the real build's assets, so it may be cached as immutable.
    let stylesheet = format!("assets/placeholder-{:08x}.css", fnv1a(PLACEHOLDER_CSS.as_bytes()));
    let mut html = String::new();
    let _ = write!(
        html,
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>SENT</title>\n<link rel=\"stylesheet\" href=\"/{stylesheet}\">\n</head>\n<body>\n<main>\n\
         <h1>SENT</h1>\n<p>This server was built without its web UI. Build it with <code>make web</code> \
         (<code>make run</code> does this first), then rebuild the server.</p>\n\
         <p>The JSON-RPC API is at <code>/api/rpc</code>.</p>\n</main>\n</body>\n</html>\n"
    );
    fs::create_dir_all(dist.join("assets"))?;
    fs::write(dist.join(&stylesheet), PLACEHOLDER_CSS)?;
    fs::write(dist.join("index.html"), html)
}

/// FNV-1a: a stable content hash for the placeholder's file name.
fn fnv1a(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5_u32, |hash, byte| (hash ^ u32::from(*byte)).wrapping_mul(0x0100_0193))
}
