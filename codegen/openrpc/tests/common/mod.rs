//! The OpenRPC meta-schema, from the vendored copies in `meta-schema/`.

use jsonschema::{Draft, Registry, Validator};
use serde_json::Value;

/// Where the OpenRPC meta-schema refers to for every schema in a document.
const JSON_SCHEMA_META: &str = "https://meta.json-schema.tools";

fn vendored(text: &str) -> Value {
    let mut schema: Value = serde_json::from_str(text).expect("a vendored meta-schema is JSON");
    // Both name themselves as their own `$schema`; they are draft 7, which
    // the validator is told instead.
    schema.as_object_mut().expect("a meta-schema is an object").remove("$schema");
    schema
}

/// A validator of OpenRPC documents, schemas included, that fetches nothing.
pub fn openrpc_validator() -> Validator {
    let json_schema = vendored(include_str!("../meta-schema/json-schema-tools.json"));
    let registry = Registry::new()
        .add(JSON_SCHEMA_META, json_schema)
        .expect("a valid URI")
        .prepare()
        .expect("the JSON Schema meta-schema resolves");
    jsonschema::options()
        .with_draft(Draft::Draft7)
        .with_registry(&registry)
        .build(&vendored(include_str!("../meta-schema/openrpc.json")))
        .expect("the OpenRPC meta-schema compiles")
}

/// Every way `document` breaks the meta-schema, one per line.
pub fn violations(document: &Value) -> Vec<String> {
    openrpc_validator().iter_errors(document).map(|error| format!("{} at {}", error, error.instance_path())).collect()
}
