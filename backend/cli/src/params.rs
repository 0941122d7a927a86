//! A call's params: gathered from `--param`, `--json` or stdin, and checked
//! against the method's schema before anything is sent.

use std::io::{IsTerminal as _, Read as _};

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::paths::LocationSegment;
use serde_json::{Map, Value, json};

use crate::discovery::{Document, Method};
use crate::exit::{Exit, Failure};

/// Where the params come from.
#[derive(Debug, Clone, Default)]
pub struct Input<'a> {
    /// `--param` values, as typed.
    pub pairs: &'a [String],
    /// `--json`, as typed (`-` for stdin).
    pub json: Option<&'a str>,
}

/// The params of a call on `method`, from its `input`.
///
/// # Errors
/// Exit 2 when the input is not valid JSON or a pair is malformed.
pub fn gather(document: &Document, method: &Method, input: &Input<'_>) -> Result<Value, Failure> {
    let mut params = match input.json {
        Some("-") => parse_json(&read_stdin()?, "stdin")?,
        Some(text) => parse_json(text, "--json")?,
        // Scripts pipe params in: `echo '{...}' | sent call m`.
        None if input.pairs.is_empty() && !std::io::stdin().is_terminal() => {
            let text = read_stdin()?;
            if text.trim().is_empty() { json!({}) } else { parse_json(&text, "stdin")? }
        }
        None => json!({}),
    };
    if input.pairs.is_empty() {
        return Ok(params);
    }
    let Value::Object(object) = &mut params else {
        return Err(Failure::usage("--param cannot be combined with params given by position"));
    };
    // `--param` may override a key of `--json`, not one of its own.
    let mut given = std::collections::HashSet::new();
    for pair in input.pairs {
        let (key, value) = pair_value(document, method, pair)?;
        if !given.insert(key) {
            return Err(Failure::usage(format!("--param {key} is given twice")));
        }
        object.insert(key.to_owned(), value);
    }
    Ok(params)
}

/// One `--param`: `key=value` or `key:=json`.
fn pair_value<'p>(document: &Document, method: &Method, pair: &'p str) -> Result<(&'p str, Value), Failure> {
    let Some((key, value)) = pair.split_once('=') else {
        return Err(Failure::usage(format!("--param {pair:?} is not key=value or key:=json")));
    };
    let (key, forced_json) = match key.strip_suffix(':') {
        Some(key) => (key, true),
        None => (key, false),
    };
    if key.is_empty() {
        return Err(Failure::usage(format!("--param {pair:?} has no name before =")));
    }
    if forced_json {
        let value = serde_json::from_str(value)
            .map_err(|e| Failure::usage(format!("--param {key}:= takes JSON, and {value:?} is not: {e}")))?;
        return Ok((key, value));
    }
    let schema = method.params.iter().find(|param| param.name == key).map(|param| &param.schema);
    let as_text = schema.is_some_and(|schema| document.accepts_string(schema));
    // A value that is not JSON stays text, and the schema check then says
    // what the param wanted instead.
    let value = if as_text { json!(value) } else { serde_json::from_str(value).unwrap_or_else(|_| json!(value)) };
    Ok((key, value))
}

fn parse_json(text: &str, source: &str) -> Result<Value, Failure> {
    let value: Value = serde_json::from_str(text)
        .map_err(|e| Failure::usage(format!("the params from {source} are not JSON: {e}")))?;
    match value {
        Value::Object(_) | Value::Array(_) => Ok(value),
        other => Err(Failure::usage(format!(
            "the params from {source} must be an object (by name) or an array (by position), not {other}"
        ))),
    }
}

fn read_stdin() -> Result<String, Failure> {
    let mut text = String::new();
    std::io::stdin()
        .read_to_string(&mut text)
        .map_err(|e| Failure::usage(format!("cannot read the params from stdin: {e}")))?;
    Ok(text)
}

/// Check `params` against the method's params schema.
///
/// # Errors
/// Exit 2 with every violation, each with its path, in one line.
pub fn validate(document: &Document, method: &Method, params: &Value) -> Result<(), Failure> {
    let by_name = by_name(method, params)?;
    let schema = document.params_schema(method);
    let validator = jsonschema::draft202012::options().should_validate_formats(true).build(&schema).map_err(|e| {
        Failure::new(Exit::Other, "schema", format!("the server's schema for {} is not usable: {e}", method.name))
    })?;
    let violations: Vec<String> = validator.iter_errors(&by_name).map(|error| describe(method, &error)).collect();
    if violations.is_empty() {
        return Ok(());
    }
    let message = format!("{}: {}", method.name, violations.join("; "));
    Err(Failure::new(Exit::Usage, "invalidParams", message)
        .with_detail(json!({ "kind": "invalidParams", "method": method.name, "violations": violations }))
        .hint(&format!("`sent describe {}` shows its params", method.name)))
}

/// Params by position read as the object they stand for: the method's
/// params in order.
fn by_name(method: &Method, params: &Value) -> Result<Value, Failure> {
    let Value::Array(items) = params else { return Ok(params.clone()) };
    if items.len() > method.params.len() {
        return Err(Failure::new(
            Exit::Usage,
            "invalidParams",
            format!("{} takes at most {} params by position, not {}", method.name, method.params.len(), items.len()),
        ));
    }
    let object: Map<String, Value> =
        method.params.iter().zip(items).map(|(param, value)| (param.name.clone(), value.clone())).collect();
    Ok(Value::Object(object))
}

/// One violation, led by the path of the value at fault (as the server
/// writes paths: `lines[0].debit`).
fn describe(method: &Method, error: &jsonschema::ValidationError<'_>) -> String {
    let path = path_of(error.instance_path());
    let at = |text: String| if path.is_empty() { text } else { format!("{path}: {text}") };
    match error.kind() {
        ValidationErrorKind::AdditionalProperties { unexpected } if path.is_empty() => {
            let known: Vec<&str> = method.params.iter().map(|param| param.name.as_str()).collect();
            let takes = if known.is_empty() { "no params".to_owned() } else { known.join(", ") };
            format!("unknown param {} ({} takes {takes})", quoted(unexpected), method.name)
        }
        ValidationErrorKind::AdditionalProperties { unexpected } => at(format!("unknown field {}", quoted(unexpected))),
        ValidationErrorKind::Required { property } => {
            let name = property.as_str().map_or_else(|| property.to_string(), str::to_owned);
            if path.is_empty() { format!("{name}: required") } else { format!("{path}.{name}: required") }
        }
        ValidationErrorKind::Enum { options } => {
            let options = options.as_array().map_or_else(
                || options.to_string(),
                |options| options.iter().map(Value::to_string).collect::<Vec<_>>().join(", "),
            );
            at(format!("{} is not one of {options}", error.instance()))
        }
        ValidationErrorKind::AnyOf { context } | ValidationErrorKind::OneOfNotValid { context } => {
            // Branches refused only for their type say nothing beyond the
            // type; when one branch took the value's type, its own
            // complaints are the ones that matter (`-1` for an optional
            // count: the minimum, not "not null").
            let wrong_type_only = |branch: &Vec<jsonschema::ValidationError<'static>>| {
                branch.iter().all(|e| matches!(e.kind(), ValidationErrorKind::Type { .. }))
            };
            let telling: Vec<_> = context.iter().filter(|branch| !wrong_type_only(branch)).collect();
            if let [branch] = telling.as_slice() {
                return branch.iter().map(|inner| describe(method, inner)).collect::<Vec<_>>().join("; ");
            }
            let expected: Vec<String> = context
                .iter()
                .flatten()
                .filter_map(|inner| match inner.kind() {
                    ValidationErrorKind::Type { kind: TypeKind::Single(single) } => Some(single.to_string()),
                    ValidationErrorKind::Type { kind: TypeKind::Multiple(set) } => {
                        Some(set.iter().map(|t| t.to_string()).collect::<Vec<_>>().join(" or "))
                    }
                    _ => None,
                })
                .collect();
            if telling.is_empty() && !expected.is_empty() {
                at(format!("{} is not {}", error.instance(), expected.join(" or ")))
            } else {
                at(error.to_string())
            }
        }
        _ => at(error.to_string()),
    }
}

fn quoted(names: &[String]) -> String {
    names.iter().map(|name| format!("`{name}`")).collect::<Vec<_>>().join(", ")
}

fn path_of(location: &jsonschema::paths::Location) -> String {
    let mut path = String::new();
    for segment in location.segments() {
        match segment {
            LocationSegment::Property(name) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(&name);
            }
            LocationSegment::Index(index) => path.push_str(&format!("[{index}]")),
        }
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document() -> Document {
        serde_json::from_value(json!({
            "info": { "title": "SENT", "version": "1" },
            "methods": [{
                "name": "ledger.postEntry",
                "params": [
                    { "name": "entryDate", "required": true, "schema": { "type": "string", "format": "date" } },
                    { "name": "memo", "required": true, "schema": { "type": "string" } },
                    { "name": "lines", "required": true,
                      "schema": { "type": "array", "items": { "$ref": "#/components/schemas/Line" } } },
                    { "name": "limit", "schema": { "anyOf": [{ "type": "integer", "minimum": 0 }, { "type": "null" }] } }
                ]
            }],
            "components": { "schemas": {
                "Line": {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["accountId"],
                    "properties": {
                        "accountId": { "type": "string", "format": "uuid" },
                        "kind": { "$ref": "#/components/schemas/Kind" }
                    }
                },
                "Kind": { "type": "string", "enum": ["debit", "credit"] }
            } }
        }))
        .unwrap_or_else(|e| panic!("a document: {e}"))
    }

    fn pairs(pairs: &[&str]) -> Result<Value, Failure> {
        let doc = document();
        let pairs: Vec<String> = pairs.iter().map(|&p| p.to_owned()).collect();
        gather(&doc, &doc.methods[0], &Input { pairs: &pairs, json: None })
    }

    fn check(params: &Value) -> Result<(), Failure> {
        let doc = document();
        validate(&doc, &doc.methods[0], params)
    }

    #[test]
    fn pairs_are_text_for_string_params_and_json_otherwise() -> Result<(), Failure> {
        let params = pairs(&["memo=42", "limit=7", "lines=[]", "entryDate=2030-01-01"])?;
        assert_eq!(params, json!({ "memo": "42", "limit": 7, "lines": [], "entryDate": "2030-01-01" }));
        assert_eq!(pairs(&["memo:=null"])?, json!({ "memo": null }));
        // Not JSON: kept as text for the schema check to refuse.
        assert_eq!(pairs(&["limit=lots"])?, json!({ "limit": "lots" }));
        Ok(())
    }

    #[test]
    fn malformed_pairs_are_usage_errors() {
        for bad in [&["memo"][..], &["=x"], &["limit:=nope"], &["memo=a", "memo=b"]] {
            let failure = pairs(bad).err().unwrap_or_else(|| panic!("{bad:?} is refused"));
            assert_eq!(failure.exit, Exit::Usage, "{bad:?}");
        }
    }

    #[test]
    fn every_violation_is_reported_with_its_path() {
        let good = json!({ "entryDate": "2030-01-01", "memo": "m", "lines": [{ "accountId": uuid::Uuid::nil() }] });
        assert!(check(&good).is_ok());
        assert!(check(&json!(["2030-01-01", "m", []])).is_ok(), "by position");

        let bad = json!({
            "entryDate": "yesterday",
            "lines": [{ "accountId": "x", "kind": "both", "extra": 1 }],
            "limit": -1,
            "colour": "red"
        });
        let failure = check(&bad).err().unwrap_or_else(|| panic!("refused"));
        assert_eq!(failure.exit, Exit::Usage);
        let line = failure.line();
        for expected in [
            "unknown param `colour` (ledger.postEntry takes entryDate, memo, lines, limit)",
            "memo: required",
            "entryDate: ",
            "lines[0]: unknown field `extra`",
            "lines[0].accountId: ",
            r#"lines[0].kind: "both" is not one of "debit", "credit""#,
            "limit: ",
        ] {
            assert!(line.contains(expected), "{expected:?} in {line}");
        }
        let optional = check(&json!({ "entryDate": "2030-01-01", "memo": "m", "lines": [], "limit": -1 }));
        let line = optional.err().map(|f| f.line()).unwrap_or_default();
        assert!(line.contains("limit: -1 is less than the minimum of 0"), "{line}");
        let optional = check(&json!({ "entryDate": "2030-01-01", "memo": "m", "lines": [], "limit": "lots" }));
        let line = optional.err().map(|f| f.line()).unwrap_or_default();
        assert!(line.contains(r#"limit: "lots" is not integer or null"#), "{line}");
        let too_many = check(&json!(["2030-01-01", "m", [], 1, 2])).err().unwrap_or_else(|| panic!("refused"));
        assert!(too_many.message.contains("at most 4"), "{}", too_many.message);
    }
}
