//! Printing results: pretty JSON, or tables a person can read.

use std::io::{IsTerminal as _, Write as _};

use comfy_table::{Table, presets};
use serde_json::{Map, Value};

use crate::args::Output;
use crate::exit::{Exit, Failure};

/// The format asked for, else a table on a terminal and JSON for pipes and
/// files (what scripts read).
pub fn format(asked: Option<Output>) -> Output {
    asked.unwrap_or_else(|| if std::io::stdout().is_terminal() { Output::Table } else { Output::Json })
}

/// Write `text` and a newline to stdout. A reader that went away (`| head`)
/// is not a failure.
///
/// # Errors
/// When stdout cannot be written for another reason.
pub fn print(text: &str) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{text}").and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Failure::new(Exit::Other, "output", format!("cannot write the output: {e}")))
        }
        _ => Ok(()),
    }
}

/// A value in the format asked for.
pub fn render(value: &Value, format: Output) -> String {
    match format {
        Output::Json => serde_json::to_string_pretty(value).unwrap_or_else(|_| value.to_string()),
        Output::Table => render_table(value),
    }
}

/// A table of `rows` under `headers`.
pub fn table(headers: &[&str], rows: impl IntoIterator<Item = Vec<String>>) -> String {
    let mut table = Table::new();
    table.load_preset(presets::UTF8_FULL_CONDENSED).set_header(headers.to_vec());
    for row in rows {
        table.add_row(row);
    }
    table.to_string()
}

/// Lists and pages as tables (one row per item), objects as key and value
/// with their lists of objects as tables below, anything else as text.
pub fn render_table(value: &Value) -> String {
    match value {
        Value::Array(items) => list(items),
        Value::Object(fields) => object(fields),
        other => cell(other),
    }
}

fn list(items: &[Value]) -> String {
    if items.is_empty() {
        return "(none)".to_owned();
    }
    if !items.iter().all(Value::is_object) {
        return items.iter().map(cell).collect::<Vec<_>>().join("\n");
    }
    // Columns in the order keys are first met, so one item lacking a field
    // does not hide it.
    let mut columns: Vec<&str> = Vec::new();
    for item in items.iter().filter_map(Value::as_object) {
        for key in item.keys() {
            if !columns.contains(&key.as_str()) {
                columns.push(key);
            }
        }
    }
    let rows = items
        .iter()
        .filter_map(Value::as_object)
        .map(|item| columns.iter().map(|column| item.get(*column).map_or_else(String::new, cell)).collect::<Vec<_>>());
    table(&columns, rows)
}

fn object(fields: &Map<String, Value>) -> String {
    let is_table =
        |value: &Value| value.as_array().is_some_and(|items| !items.is_empty() && items.iter().all(Value::is_object));
    // A page: its items as the table, the rest (the next cursor) after it.
    if let Some(Value::Array(items)) = fields.get("items")
        && fields.iter().all(|(key, value)| key == "items" || !value.is_array() && !value.is_object())
    {
        let mut text = list(items);
        for (key, value) in fields.iter().filter(|(key, value)| *key != "items" && !value.is_null()) {
            text.push_str(&format!("\n{key}: {}", cell(value)));
        }
        return text;
    }
    let mut text = table(
        &["field", "value"],
        fields.iter().filter(|(_, value)| !is_table(value)).map(|(key, value)| vec![key.clone(), cell(value)]),
    );
    for (key, value) in fields.iter().filter(|(_, value)| is_table(value)) {
        text.push_str(&format!("\n{key}:\n{}", render_table(value)));
    }
    text
}

/// One value as a cell: text as is, nothing for null, JSON for the rest.
fn cell(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_page_is_a_table_with_its_cursor_below() {
        let page = json!({ "items": [
            { "code": "1000", "name": "Cash" },
            { "code": "4000", "name": "Revenue", "note": null }
        ], "nextCursor": "abc" });
        let text = render_table(&page);
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines.iter().any(|l| l.contains("code") && l.contains("name") && l.contains("note")), "{text}");
        assert!(lines.iter().any(|l| l.contains("1000") && l.contains("Cash")), "{text}");
        assert!(lines.iter().any(|l| l.contains("4000") && l.contains("Revenue")), "{text}");
        assert_eq!(lines.last(), Some(&"nextCursor: abc"));
        assert_eq!(render_table(&json!({ "items": [], "nextCursor": null })), "(none)");
    }

    #[test]
    fn an_object_is_key_and_value_with_nested_lists_as_tables() {
        let entry = json!({ "memo": "Sale", "total": 3, "lines": [{ "debit": "1.00" }, { "credit": "1.00" }] });
        let text = render_table(&entry);
        assert!(text.lines().any(|l| l.contains("memo") && l.contains("Sale")), "{text}");
        assert!(text.contains("\nlines:\n"), "{text}");
        assert!(text.lines().any(|l| l.contains("debit") && l.contains("credit")), "{text}");
        assert_eq!(render_table(&json!("plain")), "plain");
        assert_eq!(render_table(&json!([1, "two"])), "1\ntwo");
    }
}
