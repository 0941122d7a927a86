//! The server's OpenRPC document (`rpc.discover`): its methods, their params
//! and the JSON Schema a method's params must satisfy.
//!
//! It is asked of the server on every run rather than built into `sent`, so
//! `sent` always agrees with the server it talks to.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;
use serde_json::{Map, Value, json};

/// The method that describes all the others.
pub const DISCOVER: &str = "rpc.discover";

/// The parts of an OpenRPC document `sent` uses.
#[derive(Debug, Clone, Deserialize)]
pub struct Document {
    pub info: Info,
    pub methods: Vec<Method>,
    #[serde(default)]
    pub components: Components,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Info {
    pub title: String,
    pub version: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct Components {
    #[serde(default)]
    pub schemas: Map<String, Value>,
    #[serde(default)]
    pub errors: Map<String, Value>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Method {
    pub name: String,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub params: Vec<Param>,
    #[serde(default)]
    pub result: Option<Described>,
    #[serde(default)]
    pub errors: Vec<Value>,
    #[serde(rename = "x-sent", default)]
    pub sent: Option<SentExtension>,
    #[serde(default)]
    pub deprecated: bool,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Param {
    pub name: String,
    #[serde(default)]
    pub required: bool,
    #[serde(default = "any_schema")]
    pub schema: Value,
    #[serde(default)]
    pub description: Option<String>,
}

/// A result: its name and schema.
#[derive(Debug, Clone, Deserialize)]
pub struct Described {
    pub name: String,
    #[serde(default = "any_schema")]
    pub schema: Value,
}

/// SENT's own facts about a method.
#[derive(Debug, Clone, Deserialize)]
pub struct SentExtension {
    /// `query` or `mutation`.
    pub kind: String,
    /// The least role that may call it; `public` needs no sign-in.
    pub role: String,
}

/// An error a method may answer with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MethodError {
    pub kind: String,
    pub code: Option<i64>,
}

fn any_schema() -> Value {
    json!({})
}

const SCHEMA_REF_PREFIX: &str = "#/components/schemas/";

impl Document {
    pub fn method(&self, name: &str) -> Option<&Method> {
        self.methods.iter().find(|method| method.name == name)
    }

    /// The apps, from the methods' names (`ledger` of `ledger.createAccount`).
    pub fn apps(&self) -> BTreeSet<&str> {
        self.methods.iter().map(Method::app).collect()
    }

    /// `schema` with a `$ref` to a component replaced by the component.
    pub fn resolve<'a>(&'a self, schema: &'a Value) -> &'a Value {
        let mut current = schema;
        // Bounded: a cycle of plain aliases must not hang the command line.
        for _ in 0..16 {
            match ref_target(current).and_then(|name| self.components.schemas.get(name)) {
                Some(target) => current = target,
                None => break,
            }
        }
        current
    }

    /// Whether `schema` takes a JSON string (so `--param key=value` passes
    /// `value` as text).
    pub fn accepts_string(&self, schema: &Value) -> bool {
        let schema = self.resolve(schema);
        let type_says = match schema.get("type") {
            Some(Value::String(t)) => t == "string",
            Some(Value::Array(types)) => types.iter().any(|t| t == "string"),
            _ => false,
        };
        let enum_says = schema.get("enum").and_then(Value::as_array).is_some_and(|v| v.iter().any(Value::is_string));
        let const_says = schema.get("const").is_some_and(Value::is_string);
        let branches_say = ["anyOf", "oneOf"].iter().any(|keyword| {
            schema.get(*keyword).and_then(Value::as_array).is_some_and(|b| b.iter().any(|s| self.accepts_string(s)))
        });
        type_says || enum_says || const_says || branches_say
    }

    /// A short human name for a schema's type: `string (uuid)`,
    /// `AccountKind`, `NewJournalLine[]`, `integer?` (may be null).
    pub fn type_name(&self, schema: &Value) -> String {
        if let Some(name) = ref_target(schema) {
            return name.to_owned();
        }
        if let Some(branches) = schema.get("anyOf").and_then(Value::as_array) {
            let (nulls, others): (Vec<&Value>, Vec<&Value>) =
                branches.iter().partition(|branch| branch.get("type").and_then(Value::as_str) == Some("null"));
            let names: Vec<String> = others.iter().map(|branch| self.type_name(branch)).collect();
            let joined = names.join(" | ");
            return if nulls.is_empty() { joined } else { format!("{joined}?") };
        }
        match schema.get("type") {
            Some(Value::String(t)) if t == "array" => {
                let items = schema.get("items").map_or_else(|| "any".to_owned(), |items| self.type_name(items));
                format!("{items}[]")
            }
            Some(Value::String(t)) => match schema.get("format").and_then(Value::as_str) {
                Some(format) => format!("{t} ({format})"),
                None => t.clone(),
            },
            Some(Value::Array(types)) => types.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(" | "),
            _ => "any".to_owned(),
        }
    }

    /// The values an enum (perhaps behind a `$ref`) allows.
    pub fn enum_values(&self, schema: &Value) -> Option<Vec<String>> {
        let values = self.resolve(schema).get("enum")?.as_array()?;
        Some(values.iter().map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned)).collect())
    }

    /// The errors a method may answer with, from the document's error
    /// components.
    pub fn errors_of(&self, method: &Method) -> Vec<MethodError> {
        method
            .errors
            .iter()
            .map(|error| {
                let error = error
                    .get("$ref")
                    .and_then(Value::as_str)
                    .and_then(|r| r.strip_prefix("#/components/errors/"))
                    .and_then(|name| self.components.errors.get(name))
                    .unwrap_or(error);
                let kind = error
                    .pointer("/data/kind")
                    .and_then(Value::as_str)
                    .or_else(|| error.get("message").and_then(Value::as_str))
                    .unwrap_or("error")
                    .to_owned();
                MethodError { kind, code: error.get("code").and_then(Value::as_i64) }
            })
            .collect()
    }

    /// The JSON Schema (draft 2020-12) a method's params object must
    /// satisfy: its params as properties, the required ones required, no
    /// others, and the components its `$ref`s reach, at the same place as in
    /// the document so the references resolve unchanged.
    pub fn params_schema(&self, method: &Method) -> Value {
        let mut properties = Map::new();
        let mut required = Vec::new();
        let mut referenced = BTreeMap::new();
        for param in &method.params {
            let mut schema = param.schema.clone();
            if let (Some(description), Value::Object(map)) = (&param.description, &mut schema)
                && !map.contains_key("description")
                && !map.contains_key("$ref")
            {
                map.insert("description".into(), json!(description));
            }
            self.collect_refs(&schema, &mut referenced);
            properties.insert(param.name.clone(), schema);
            if param.required {
                required.push(json!(param.name));
            }
        }
        let mut schema = json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": format!("{} params", method.name),
            "type": "object",
            "properties": properties,
            "required": required,
            "additionalProperties": false,
        });
        if !referenced.is_empty() {
            schema["components"] = json!({ "schemas": referenced });
        }
        schema
    }

    /// Every component `schema` reaches, directly or through others.
    fn collect_refs(&self, schema: &Value, found: &mut BTreeMap<String, Value>) {
        match schema {
            Value::Object(map) => {
                if let Some(name) = ref_target(schema)
                    && !found.contains_key(name)
                    && let Some(target) = self.components.schemas.get(name)
                {
                    found.insert(name.to_owned(), target.clone());
                    self.collect_refs(target, found);
                }
                for value in map.values() {
                    self.collect_refs(value, found);
                }
            }
            Value::Array(items) => items.iter().for_each(|item| self.collect_refs(item, found)),
            _ => {}
        }
    }
}

impl Method {
    /// The app: what comes before the first dot.
    pub fn app(&self) -> &str {
        self.name.split_once('.').map_or(self.name.as_str(), |(app, _)| app)
    }

    pub fn kind(&self) -> &str {
        self.sent.as_ref().map_or("", |sent| sent.kind.as_str())
    }

    pub fn role(&self) -> &str {
        self.sent.as_ref().map_or("", |sent| sent.role.as_str())
    }

    /// Callable without signing in.
    pub fn is_public(&self) -> bool {
        self.role() == "public"
    }
}

/// `X` of `{"$ref": "#/components/schemas/X"}`.
fn ref_target(schema: &Value) -> Option<&str> {
    schema.get("$ref")?.as_str()?.strip_prefix(SCHEMA_REF_PREFIX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document() -> Document {
        serde_json::from_value(json!({
            "openrpc": "1.3.2",
            "info": { "title": "SENT", "version": "0.1.0" },
            "methods": [{
                "name": "ledger.createAccount",
                "summary": "Open an account.",
                "params": [
                    { "name": "code", "required": true, "schema": { "type": "string" } },
                    { "name": "kind", "required": true, "schema": { "$ref": "#/components/schemas/AccountKind" } },
                    { "name": "limit", "schema": { "anyOf": [{ "type": "integer" }, { "type": "null" }] } },
                    { "name": "lines", "required": true,
                      "schema": { "type": "array", "items": { "$ref": "#/components/schemas/Line" } } }
                ],
                "errors": [{ "$ref": "#/components/errors/conflict" }],
                "x-sent": { "kind": "mutation", "role": "admin" }
            }],
            "components": {
                "schemas": {
                    "AccountKind": { "type": "string", "enum": ["asset", "income"] },
                    "Line": { "type": "object", "properties": { "kind": { "$ref": "#/components/schemas/AccountKind" } } },
                    "Unused": { "type": "string" }
                },
                "errors": { "conflict": { "code": -32009, "message": "Conflict", "data": { "kind": "conflict" } } }
            }
        }))
        .unwrap_or_else(|e| panic!("a document: {e}"))
    }

    #[test]
    fn strings_are_told_from_other_types_through_refs_and_unions() {
        let doc = document();
        let method = doc.method("ledger.createAccount").unwrap_or_else(|| panic!("the method"));
        let accepts: Vec<bool> = method.params.iter().map(|p| doc.accepts_string(&p.schema)).collect();
        assert_eq!(accepts, [true, true, false, false]);
        assert!(doc.accepts_string(&json!({ "anyOf": [{ "type": "string" }, { "type": "null" }] })));
    }

    #[test]
    fn types_have_short_names() {
        let doc = document();
        let method = doc.method("ledger.createAccount").unwrap_or_else(|| panic!("the method"));
        let names: Vec<String> = method.params.iter().map(|p| doc.type_name(&p.schema)).collect();
        assert_eq!(names, ["string", "AccountKind", "integer?", "Line[]"]);
        assert_eq!(doc.type_name(&json!({ "type": "string", "format": "uuid" })), "string (uuid)");
        assert_eq!(doc.enum_values(&method.params[1].schema), Some(vec!["asset".to_owned(), "income".to_owned()]));
        assert_eq!(doc.errors_of(method), [MethodError { kind: "conflict".into(), code: Some(-32009) }]);
    }

    #[test]
    fn the_params_schema_carries_only_the_components_it_reaches() {
        let doc = document();
        let method = doc.method("ledger.createAccount").unwrap_or_else(|| panic!("the method"));
        let schema = doc.params_schema(method);
        assert_eq!(schema["required"], json!(["code", "kind", "lines"]));
        assert_eq!(schema["additionalProperties"], json!(false));
        let components: Vec<&String> =
            schema["components"]["schemas"].as_object().map(|m| m.keys().collect()).unwrap_or_default();
        assert_eq!(components, ["AccountKind", "Line"]);
    }
}
