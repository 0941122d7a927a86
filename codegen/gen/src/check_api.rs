//! `check-api`: the wire-breaking changes between the last released OpenRPC
//! document (`frontend/sdk/openrpc.released.json`, checked in) and the
//! current one (`frontend/sdk/openrpc.json`).
//!
//! A change breaks the wire when a client built against the release can
//! fail against the current server: a method removed; a param removed,
//! moved (params may be passed by position), retyped, newly required or
//! no longer taking `null`; a new required param; a result field removed,
//! retyped, no longer always present or newly `null`; an enum value
//! removed. What only adds (a method, an optional param, a result field, an
//! enum value) passes. Schemas are compared through their `$ref`s, field by
//! field.
//!
//! At a release, copy `openrpc.json` over `openrpc.released.json`.

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;
use std::path::Path;

use serde_json::{Map, Value};

use crate::openrpc::DOCUMENT;

/// Where the last released document is checked in, from the workspace root.
pub const RELEASED: &str = "frontend/sdk/openrpc.released.json";

/// List the changes since the release; fail when one breaks the wire.
pub fn run(root: &Path) -> Result<(), String> {
    let read = |path: &str| -> Result<Value, String> {
        let text = std::fs::read_to_string(root.join(path)).map_err(|e| format!("{path}: {e}"))?;
        serde_json::from_str(&text).map_err(|e| format!("{path}: {e}"))
    };
    let changes = compare(&read(RELEASED)?, &read(DOCUMENT)?);
    for change in &changes.additive {
        println!("additive: {change}");
    }
    for change in &changes.breaking {
        println!("BREAKING: {change}");
    }
    if changes.breaking.is_empty() {
        println!("check-api: no wire-breaking change since the release ({} additive)", changes.additive.len());
        Ok(())
    } else {
        Err(format!(
            "{} wire-breaking change(s) since the release ({RELEASED}). Keep the released shape beside the \
             new one (a new method, an optional param); a deliberate break is a new release: copy {DOCUMENT} \
             over {RELEASED}",
            changes.breaking.len()
        ))
    }
}

/// What changed between two documents.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Changes {
    /// Changes a released client can fail on, one line each.
    pub breaking: Vec<String>,
    /// Changes a released client does not notice.
    pub additive: Vec<String>,
}

/// Compare the `released` document with the `current` one.
pub fn compare(released: &Value, current: &Value) -> Changes {
    let mut comparison = Comparison { released, current, changes: Changes::default(), seen: HashSet::new() };
    let old_methods = methods(released);
    let new_methods = methods(current);
    for (name, old) in &old_methods {
        match new_methods.get(name) {
            Some(new) => comparison.method(name, old, new),
            None => comparison.breaking(name, "method removed"),
        }
    }
    for name in new_methods.keys().filter(|name| !old_methods.contains_key(*name)) {
        comparison.additive(name, "new method");
    }
    comparison.changes
}

/// Which way a value travels: a client must still be able to send what it
/// sent (params) and read what it gets (results).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Direction {
    Param,
    Result,
}

struct Comparison<'d> {
    released: &'d Value,
    current: &'d Value,
    changes: Changes,
    /// Pairs of components being compared for the current method, so that a
    /// type that contains itself is compared once.
    seen: HashSet<(String, String, Direction)>,
}

impl<'d> Comparison<'d> {
    fn breaking(&mut self, at: &str, what: impl std::fmt::Display) {
        self.changes.breaking.push(format!("{at}: {what}"));
    }

    fn additive(&mut self, at: &str, what: impl std::fmt::Display) {
        self.changes.additive.push(format!("{at}: {what}"));
    }

    fn method(&mut self, name: &str, old: &'d Value, new: &'d Value) {
        // Each method lists every change that reaches it, shared types too.
        self.seen.clear();
        let old_structure = old["paramStructure"].as_str().unwrap_or("either");
        let new_structure = new["paramStructure"].as_str().unwrap_or("either");
        if old_structure != new_structure && new_structure != "either" {
            self.breaking(name, format!("params no longer passed {old_structure}"));
        }

        let old_params = params(self.released, old);
        let new_params = params(self.current, new);
        for (position, (param, old_param)) in old_params.iter().enumerate() {
            let at = format!("{name} param `{param}`");
            let Some(new_position) = new_params.iter().position(|(candidate, _)| candidate == param) else {
                self.breaking(&at, "removed");
                continue;
            };
            let new_param = new_params[new_position].1;
            if new_position != position {
                self.breaking(&at, format!("moved from position {position} to {new_position}"));
            }
            if !is_required(old_param) && is_required(new_param) {
                self.breaking(&at, "now required");
            }
            self.schema(&at, &old_param["schema"], &new_param["schema"], Direction::Param);
        }
        for (param, new_param) in new_params.iter().filter(|(param, _)| !old_params.iter().any(|(p, _)| p == param)) {
            let at = format!("{name} param `{param}`");
            if is_required(new_param) {
                self.breaking(&at, "new required param");
            } else {
                self.additive(&at, "new optional param");
            }
        }

        let old_result = resolve(self.released, &old["result"]);
        let new_result = resolve(self.current, &new["result"]);
        match (old_result.get("schema"), new_result.get("schema")) {
            (Some(old), Some(new)) => self.schema(&format!("{name} result"), old, new, Direction::Result),
            (Some(_), None) => self.breaking(name, "result removed"),
            _ => {}
        }
    }

    fn schema(&mut self, at: &str, old: &'d Value, new: &'d Value, direction: Direction) {
        if !self.enter(at, old, new, direction) {
            return;
        }
        let (old, old_nullable) = strip_null(resolve(self.released, old));
        let (new, new_nullable) = strip_null(resolve(self.current, new));
        if !self.enter(at, old, new, direction) {
            return;
        }
        let old = resolve(self.released, old);
        let new = resolve(self.current, new);
        match direction {
            Direction::Param if old_nullable && !new_nullable => self.breaking(at, "no longer accepts null"),
            Direction::Result if !old_nullable && new_nullable => self.breaking(at, "may now be null"),
            _ => {}
        }

        match (Shape::of(old), Shape::of(new)) {
            (Shape::Object(old), Shape::Object(new)) => self.object(at, old, new, direction),
            (Shape::Array(old), Shape::Array(new)) => self.schema(&format!("{at}[]"), old, new, direction),
            (Shape::Map(old), Shape::Map(new)) => self.schema(&format!("{at}{{}}"), old, new, direction),
            (Shape::Enum(old), Shape::Enum(new)) => {
                for value in old.iter().filter(|value| !new.contains(value)) {
                    self.breaking(at, format!("enum value {value} removed"));
                }
                for value in new.iter().filter(|value| !old.contains(value)) {
                    self.additive(at, format!("new enum value {value}"));
                }
            }
            (old_shape, new_shape) => {
                let widened = match direction {
                    // A param that takes more than it did.
                    Direction::Param => new_shape.admits(&old_shape),
                    // A result that gives less than it did.
                    Direction::Result => old_shape.admits(&new_shape),
                };
                if old_shape != new_shape && !widened {
                    self.breaking(at, format!("retyped from {} to {}", old_shape.name(), new_shape.name()));
                }
            }
        }
    }

    /// Whether to compare `old` and `new` further: not when both refer to
    /// components already being compared (a type that contains itself), nor
    /// when either refers outside the documents (then the names are compared).
    fn enter(&mut self, at: &str, old: &Value, new: &Value, direction: Direction) -> bool {
        let (Some(old_ref), Some(new_ref)) = (reference(old), reference(new)) else { return true };
        if !old_ref.starts_with('#') || !new_ref.starts_with('#') {
            if old_ref != new_ref {
                self.breaking(at, format!("retyped from {old_ref} to {new_ref}"));
            }
            return false;
        }
        self.seen.insert((old_ref.to_owned(), new_ref.to_owned(), direction))
    }

    fn object(&mut self, at: &str, old: &'d Map<String, Value>, new: &'d Map<String, Value>, direction: Direction) {
        let properties =
            |object: &'d Map<String, Value>| object.get("properties").and_then(Value::as_object).into_iter().flatten();
        let old_properties: BTreeMap<&'d String, &'d Value> = properties(old).collect();
        let new_properties: BTreeMap<&'d String, &'d Value> = properties(new).collect();
        let required = |object: &Map<String, Value>, name: &str| {
            object.get("required").and_then(Value::as_array).is_some_and(|names| names.iter().any(|n| n == name))
        };
        for (&name, &old_schema) in &old_properties {
            let field = format!("{at}.{name}");
            let Some(&new_schema) = new_properties.get(name) else {
                self.breaking(&field, "removed");
                continue;
            };
            match direction {
                Direction::Param if !required(old, name) && required(new, name) => {
                    self.breaking(&field, "now required")
                }
                Direction::Result if required(old, name) && !required(new, name) => {
                    self.breaking(&field, "no longer always present");
                }
                _ => {}
            }
            self.schema(&field, old_schema, new_schema, direction);
        }
        for name in new_properties.keys().filter(|name| !old_properties.contains_key(*name)) {
            let field = format!("{at}.{name}");
            match direction {
                Direction::Param if required(new, name) => self.breaking(&field, "new required field"),
                Direction::Param => self.additive(&field, "new optional field"),
                Direction::Result => self.additive(&field, "new field"),
            }
        }
    }
}

/// What a schema admits, as far as a client can tell the difference.
#[derive(Debug, PartialEq)]
enum Shape<'d> {
    /// Anything (`{}`).
    Any,
    Object(&'d Map<String, Value>),
    /// An object of any keys and one value type.
    Map(&'d Value),
    Array(&'d Value),
    /// Some strings only.
    Enum(Vec<&'d Value>),
    /// A scalar: its type and what narrows it (format, pattern, bounds).
    Scalar(BTreeMap<&'d str, &'d Value>),
    /// Anything else (a union, a tuple): equal or not.
    Other(&'d Value),
}

impl<'d> Shape<'d> {
    fn of(schema: &'d Value) -> Self {
        let Some(object) = schema.as_object() else { return Self::Other(schema) };
        if let Some(values) = object.get("enum").and_then(Value::as_array) {
            return Self::Enum(values.iter().collect());
        }
        match object.get("type").and_then(Value::as_str) {
            Some("object") => match object.get("additionalProperties") {
                Some(values @ Value::Object(_)) if !object.contains_key("properties") => Self::Map(values),
                _ => Self::Object(object),
            },
            Some("array") => match object.get("items") {
                Some(items @ Value::Object(_)) => Self::Array(items),
                _ => Self::Other(schema),
            },
            Some(_) => Self::Scalar(
                ["type", "format", "pattern", "minimum", "maximum", "minLength", "maxLength"]
                    .into_iter()
                    .filter_map(|key| object.get(key).map(|value| (key, value)))
                    .collect(),
            ),
            None if object.keys().all(|key| matches!(key.as_str(), "description" | "deprecated" | "title")) => {
                Self::Any
            }
            None => Self::Other(schema),
        }
    }

    /// Whether every value `other` admits, this admits too (as far as can be
    /// told without a solver: anything, or a plain string for some strings).
    fn admits(&self, other: &Self) -> bool {
        match (self, other) {
            (Self::Any, _) => true,
            (Self::Scalar(scalar), Self::Enum(_)) => {
                scalar.len() == 1 && scalar.get("type").is_some_and(|t| *t == "string")
            }
            _ => false,
        }
    }

    fn name(&self) -> String {
        match self {
            Self::Any => "anything".to_owned(),
            Self::Object(_) => "object".to_owned(),
            Self::Map(_) => "map".to_owned(),
            Self::Array(_) => "array".to_owned(),
            Self::Enum(values) => {
                format!("enum {}", values.iter().map(ToString::to_string).collect::<Vec<_>>().join("|"))
            }
            Self::Scalar(scalar) => {
                let mut name = scalar.get("type").and_then(|t| t.as_str()).unwrap_or("scalar").to_owned();
                for (key, value) in scalar.iter().filter(|(key, _)| **key != "type") {
                    let _ = write!(name, " {key}={value}");
                }
                name
            }
            Self::Other(schema) => schema.to_string(),
        }
    }
}

fn methods(document: &Value) -> BTreeMap<&str, &Value> {
    let methods = document["methods"].as_array().map(Vec::as_slice).unwrap_or_default();
    methods
        .iter()
        .map(|method| resolve(document, method))
        .filter_map(|method| Some((method["name"].as_str()?, method)))
        .collect()
}

/// A method's params by name, in order, their `$ref`s resolved.
fn params<'d>(document: &'d Value, method: &'d Value) -> Vec<(&'d str, &'d Value)> {
    let params = method["params"].as_array().map(Vec::as_slice).unwrap_or_default();
    params
        .iter()
        .map(|param| resolve(document, param))
        .filter_map(|param| Some((param["name"].as_str()?, param)))
        .collect()
}

fn is_required(param: &Value) -> bool {
    param["required"].as_bool().unwrap_or(false)
}

fn reference(schema: &Value) -> Option<&str> {
    schema.get("$ref").and_then(Value::as_str)
}

/// Follow local `$ref`s (`#/...`) to what they point at; anything else is
/// left as it is.
fn resolve<'d>(document: &'d Value, mut value: &'d Value) -> &'d Value {
    // A chain longer than this is a loop of references to references.
    for _ in 0..32 {
        match reference(value).and_then(|r| r.strip_prefix('#')).and_then(|pointer| document.pointer(pointer)) {
            Some(target) => value = target,
            None => break,
        }
    }
    value
}

/// A schema without its `null` branch, and whether it had one.
fn strip_null(schema: &Value) -> (&Value, bool) {
    let is_null = |branch: &Value| branch.get("type").is_some_and(|t| t == "null");
    match schema.get("anyOf").and_then(Value::as_array).map(Vec::as_slice) {
        Some([value, null] | [null, value]) if is_null(null) && !is_null(value) => (value, true),
        _ => (schema, false),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn document(methods: Value, schemas: Value) -> Value {
        json!({ "openrpc": "1.3.2", "info": { "title": "t", "version": "1" }, "methods": methods, "components": { "schemas": schemas } })
    }

    fn param(name: &str, required: bool, schema: Value) -> Value {
        json!({ "name": name, "required": required, "schema": schema })
    }

    fn method(name: &str, params: Value, result: Value) -> Value {
        json!({ "name": name, "paramStructure": "either", "params": params, "result": { "name": "r", "schema": result } })
    }

    fn string() -> Value {
        json!({ "type": "string" })
    }

    fn reference(name: &str) -> Value {
        json!({ "$ref": format!("#/components/schemas/{name}") })
    }

    fn object(properties: Value, required: &[&str]) -> Value {
        json!({ "type": "object", "properties": properties, "required": required, "additionalProperties": false })
    }

    /// One method `app.get(id: string, note?: string) -> Thing`.
    fn base() -> Value {
        document(
            json!([method(
                "app.get",
                json!([param("id", true, string()), param("note", false, string())]),
                reference("Thing")
            )]),
            json!({
                "Thing": object(json!({ "id": string(), "kind": reference("Kind"), "tags": { "type": "array", "items": reference("Tag") } }), &["id", "kind", "tags"]),
                "Kind": { "type": "string", "enum": ["a", "b"] },
                "Tag": object(json!({ "label": string() }), &["label"]),
            }),
        )
    }

    fn breaking(before: &Value, after: &Value) -> Vec<String> {
        compare(before, after).breaking
    }

    #[test]
    fn an_unchanged_document_has_no_changes() {
        assert_eq!(compare(&base(), &base()), Changes::default());
    }

    #[test]
    fn the_real_document_has_no_changes_against_itself() {
        let current: Value = serde_json::from_str(&crate::openrpc::render().unwrap()).unwrap();
        assert_eq!(compare(&current, &current), Changes::default());
    }

    #[test]
    fn a_removed_method_breaks_and_a_new_one_adds() {
        let mut after = base();
        after["methods"][0]["name"] = json!("app.fetch");
        let changes = compare(&base(), &after);
        assert_eq!(changes.breaking, ["app.get: method removed"]);
        assert_eq!(changes.additive, ["app.fetch: new method"]);
    }

    #[test]
    fn a_removed_param_breaks() {
        let mut after = base();
        after["methods"][0]["params"].as_array_mut().unwrap().pop();
        assert_eq!(breaking(&base(), &after), ["app.get param `note`: removed"]);
    }

    #[test]
    fn a_param_newly_required_breaks() {
        let mut after = base();
        after["methods"][0]["params"][1]["required"] = json!(true);
        assert_eq!(breaking(&base(), &after), ["app.get param `note`: now required"]);
    }

    #[test]
    fn a_new_optional_param_at_the_end_adds_and_a_required_one_breaks() {
        let mut after = base();
        after["methods"][0]["params"].as_array_mut().unwrap().push(param("limit", false, json!({ "type": "integer" })));
        let changes = compare(&base(), &after);
        assert!(changes.breaking.is_empty(), "{changes:?}");
        assert_eq!(changes.additive, ["app.get param `limit`: new optional param"]);

        after["methods"][0]["params"][2]["required"] = json!(true);
        assert_eq!(breaking(&base(), &after), ["app.get param `limit`: new required param"]);
    }

    #[test]
    fn a_param_moved_breaks_calls_by_position() {
        let mut after = base();
        after["methods"][0]["params"].as_array_mut().unwrap().reverse();
        assert_eq!(
            breaking(&base(), &after),
            ["app.get param `id`: moved from position 0 to 1", "app.get param `note`: moved from position 1 to 0"]
        );
    }

    #[test]
    fn a_retyped_param_breaks() {
        let mut after = base();
        after["methods"][0]["params"][0]["schema"] = json!({ "type": "string", "format": "uuid" });
        assert_eq!(breaking(&base(), &after), [r#"app.get param `id`: retyped from string to string format="uuid""#]);
    }

    #[test]
    fn a_param_that_no_longer_takes_null_breaks_and_one_that_does_not_care() {
        let nullable = json!({ "anyOf": [{ "type": "string" }, { "type": "null" }] });
        let mut before = base();
        before["methods"][0]["params"][1]["schema"] = nullable;
        assert_eq!(breaking(&before, &base()), ["app.get param `note`: no longer accepts null"]);
        assert!(breaking(&base(), &before).is_empty(), "taking null too only widens a param");
    }

    #[test]
    fn a_removed_result_field_breaks_and_a_new_one_adds() {
        let mut after = base();
        let thing = &mut after["components"]["schemas"]["Thing"];
        thing["properties"].as_object_mut().unwrap().remove("id");
        thing["properties"]["size"] = json!({ "type": "integer" });
        let changes = compare(&base(), &after);
        assert_eq!(changes.breaking, ["app.get result.id: removed"]);
        assert_eq!(changes.additive, ["app.get result.size: new field"]);
    }

    #[test]
    fn a_retyped_result_field_breaks_deep_in_arrays() {
        let mut after = base();
        after["components"]["schemas"]["Tag"]["properties"]["label"] = json!({ "type": "integer" });
        assert_eq!(breaking(&base(), &after), ["app.get result.tags[].label: retyped from string to integer"]);
    }

    #[test]
    fn a_result_field_that_may_be_missing_or_null_breaks() {
        let mut after = base();
        after["components"]["schemas"]["Thing"]["required"] = json!(["kind", "tags"]);
        after["components"]["schemas"]["Thing"]["properties"]["id"] =
            json!({ "anyOf": [{ "type": "string" }, { "type": "null" }] });
        assert_eq!(
            breaking(&base(), &after),
            ["app.get result.id: no longer always present", "app.get result.id: may now be null"]
        );
    }

    #[test]
    fn a_removed_enum_value_breaks_and_a_new_one_adds() {
        let mut after = base();
        after["components"]["schemas"]["Kind"]["enum"] = json!(["b", "c"]);
        let changes = compare(&base(), &after);
        assert_eq!(changes.breaking, [r#"app.get result.kind: enum value "a" removed"#]);
        assert_eq!(changes.additive, [r#"app.get result.kind: new enum value "c""#]);
    }

    #[test]
    fn fields_of_params_follow_the_param_rules() {
        let params = json!([param("thing", true, reference("Thing"))]);
        let before = document(json!([method("app.put", params, string())]), base()["components"]["schemas"].clone());
        let mut after = before.clone();
        after["components"]["schemas"]["Tag"]["properties"]["colour"] = string();
        let changes = compare(&before, &after);
        assert!(changes.breaking.is_empty());
        assert_eq!(changes.additive, ["app.put param `thing`.tags[].colour: new optional field"]);
        after["components"]["schemas"]["Tag"]["required"] = json!(["label", "colour"]);
        assert_eq!(breaking(&before, &after), ["app.put param `thing`.tags[].colour: new required field"]);
        // A param may take any string where it took some.
        let mut widened = before.clone();
        widened["components"]["schemas"]["Kind"] = string();
        assert!(breaking(&before, &widened).is_empty());
        assert_eq!(breaking(&widened, &before), [r#"app.put param `thing`.kind: retyped from string to enum "a"|"b""#]);
    }

    #[test]
    fn a_type_that_contains_itself_is_compared_once() {
        let node = object(
            json!({ "next": { "anyOf": [reference("Node"), { "type": "null" }] }, "label": string() }),
            &["label"],
        );
        let before = document(json!([method("app.walk", json!([]), reference("Node"))]), json!({ "Node": node }));
        let mut after = before.clone();
        after["components"]["schemas"]["Node"]["properties"]["label"] = json!({ "type": "integer" });
        assert_eq!(breaking(&before, &after), ["app.walk result.label: retyped from string to integer"]);
    }

    #[test]
    fn narrowing_how_params_are_passed_breaks() {
        let mut after = base();
        after["methods"][0]["paramStructure"] = json!("by-name");
        assert_eq!(breaking(&base(), &after), ["app.get: params no longer passed either"]);
    }
}
