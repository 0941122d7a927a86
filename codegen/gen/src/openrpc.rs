//! `openrpc`: the OpenRPC document `frontend/sdk/openrpc.json`, from the
//! registry the server serves, so that the file is what `rpc.discover`
//! answers.

use std::path::Path;

/// Where the document is checked in, from the workspace root.
pub const DOCUMENT: &str = "frontend/sdk/openrpc.json";

/// Write the document, or with `check` fail when the checked-in one differs.
pub fn run(root: &Path, check: bool) -> Result<(), String> {
    let text = render()?;
    let path = root.join(DOCUMENT);
    let checked_in = std::fs::read_to_string(&path).ok();
    if check {
        return match checked_in {
            Some(checked_in) if checked_in == text => Ok(()),
            Some(checked_in) => {
                if let Some((line, old, new)) = first_difference(&checked_in, &text) {
                    eprintln!("{DOCUMENT}:{line}:\n  checked in: {old}\n  generated:  {new}");
                }
                Err(format!("{DOCUMENT} is out of date with the declarations: run `make gen`"))
            }
            None => Err(format!("{DOCUMENT} is missing: run `make gen`")),
        };
    }
    if checked_in.as_deref() == Some(text.as_str()) {
        return Ok(());
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))
}

/// The document as checked in: pretty JSON ending in a newline.
pub fn render() -> Result<String, String> {
    let registry = sent_services::registry().map_err(|e| format!("the method registry: {e}"))?;
    let document = sent_openrpc::document(&registry.methods()).map_err(|e| format!("the OpenRPC document: {e}"))?;
    let text = serde_json::to_string_pretty(&document).map_err(|e| format!("the OpenRPC document: {e}"))?;
    Ok(format!("{}\n", note_first(&text, &document)))
}

/// The document's text with its "generated, do not edit" member moved to the
/// top, where a reader of the file sees it (serde_json writes members in key
/// order, which puts `x-` last). The text is unchanged if that cannot be
/// done exactly.
fn note_first(text: &str, document: &serde_json::Value) -> String {
    let Some(note) = document.get("x-generated") else { return text.to_owned() };
    let member = format!(",\n  \"x-generated\": {note}\n}}");
    let moved = text
        .strip_suffix(&member)
        .and_then(|rest| rest.strip_prefix("{\n"))
        .map(|members| format!("{{\n  \"x-generated\": {note},\n{members}\n}}"));
    match moved {
        Some(moved) if serde_json::from_str::<serde_json::Value>(&moved).ok().as_ref() == Some(document) => moved,
        _ => text.to_owned(),
    }
}

/// The first line (1-based) where `old` and `new` differ, with both texts.
fn first_difference(old: &str, new: &str) -> Option<(usize, String, String)> {
    let mut old_lines = old.lines();
    let mut new_lines = new.lines();
    for line in 1.. {
        match (old_lines.next(), new_lines.next()) {
            (None, None) => return None,
            (old, new) if old != new => {
                let show =
                    |text: Option<&str>| text.map_or_else(|| "(end of file)".to_owned(), |t| t.trim().to_owned());
                return Some((line, show(old), show(new)));
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch_root() -> std::path::PathBuf {
        let root = std::env::temp_dir().join(format!(
            "sent-gen-openrpc-{}-{:?}",
            std::process::id(),
            std::thread::current().id()
        ));
        let _ = std::fs::remove_dir_all(&root);
        root
    }

    #[test]
    fn the_document_is_pretty_stable_and_ends_with_a_newline() {
        let text = render().unwrap();
        assert_eq!(text, render().unwrap());
        assert!(text.ends_with("}\n") && !text.ends_with("\n\n"));
        let document: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(document["openrpc"], sent_openrpc::OPENRPC_VERSION);
        assert!(text.contains("\n  \"methods\": ["), "pretty-printed");
    }

    #[test]
    fn the_file_starts_with_its_do_not_edit_note() {
        let text = render().unwrap();
        let second_line = text.lines().nth(1).unwrap();
        assert!(second_line.starts_with("  \"x-generated\": \"generated ") && second_line.contains("do not edit"));
        assert_eq!(text.matches("\"x-generated\"").count(), 1);
    }

    #[test]
    fn it_describes_every_registered_method() {
        let document: serde_json::Value = serde_json::from_str(&render().unwrap()).unwrap();
        let described: Vec<&str> =
            document["methods"].as_array().unwrap().iter().map(|m| m["name"].as_str().unwrap()).collect();
        let registered: Vec<&str> = sent_services::registry().unwrap().methods().iter().map(|m| m.name).collect();
        assert_eq!(described, registered);
        assert!(described.contains(&"rpc.discover"));
    }

    #[test]
    fn check_fails_on_drift_and_passes_once_written() {
        let root = scratch_root();
        assert!(run(&root, true).unwrap_err().contains("missing"));
        run(&root, false).unwrap();
        run(&root, true).unwrap();
        let path = root.join(DOCUMENT);
        let edited = std::fs::read_to_string(&path).unwrap().replace("\"SENT\"", "\"Edited\"");
        std::fs::write(&path, edited).unwrap();
        assert!(run(&root, true).unwrap_err().contains("out of date"));
        run(&root, false).unwrap();
        run(&root, true).unwrap();
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn the_first_difference_is_located() {
        assert_eq!(first_difference("a\nb\n", "a\nb\n"), None);
        assert_eq!(first_difference("a\nb\n", "a\nc\n"), Some((2, "b".into(), "c".into())));
        assert_eq!(first_difference("a\n", "a\nc\n"), Some((2, "(end of file)".into(), "c".into())));
    }
}
