//! `sent-gen sdk`: the generated half of the TypeScript SDK, rendered by
//! `sent-sdk-gen` from SENT's registry and written to (or, with `--check`,
//! compared with) `frontend/sdk/src/generated/`.

use std::path::Path;

/// Where the generated files live, relative to the workspace root.
pub const GENERATED_DIR: &str = "frontend/sdk/src/generated";

/// Write the SDK's generated files under `root`, or with `check`, fail when
/// the checked-in ones differ from what would be written.
pub fn run(root: &Path, check: bool) -> Result<(), String> {
    let registry = sent_services::registry().map_err(|e| e.to_string())?;
    let files = sent_sdk_gen::render(&registry.methods())?;
    let checked_in = root.join(GENERATED_DIR);
    if !check {
        return files.write(&checked_in);
    }
    let scratch = std::env::temp_dir().join(format!("sent-sdk-{}", std::process::id()));
    files.write(&scratch)?;
    let diff = std::process::Command::new("diff")
        .args(["-r", "-u", "-N"])
        .arg(&checked_in)
        .arg(&scratch)
        .output()
        .map_err(|e| format!("cannot run diff: {e}"))?;
    let _ = std::fs::remove_dir_all(&scratch);
    if diff.status.success() {
        Ok(())
    } else {
        print!("{}", String::from_utf8_lossy(&diff.stdout));
        Err(format!("{GENERATED_DIR} is out of date with rpc-schema/: run `make gen`"))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_real_apps_render() {
        let registry = sent_services::registry().expect("a registry");
        let files = sent_sdk_gen::render(&registry.methods()).expect("every app renders");
        assert!(
            files.methods.contains("createAccount(params: CreateAccount, options?: CallOptions): Promise<Account>;")
        );
        assert!(files.types.contains("export type JsonValue ="));
    }
}
