//! The document of the real apps: valid OpenRPC, and as reviewed.

mod common;

use sent_rpc::{Api, MethodMeta};
use sent_rpc_schema::{audit::AuditApi, identity::IdentityApi, ledger::LedgerApi, system::SystemApi};
use serde_json::Value;

fn document() -> Value {
    let mut methods: Vec<&'static MethodMeta> =
        [LedgerApi::METHODS, IdentityApi::METHODS, AuditApi::METHODS, SystemApi::METHODS]
            .into_iter()
            .flatten()
            .collect();
    methods.push(&sent_openrpc::DISCOVER_METHOD);
    sent_openrpc::document(&methods).expect("the apps' types describe")
}

#[test]
fn the_document_is_valid_against_the_openrpc_meta_schema() {
    let violations = common::violations(&document());
    assert!(violations.is_empty(), "{}", violations.join("\n"));
}

#[test]
fn the_document_is_as_reviewed() {
    insta::assert_json_snapshot!("openrpc", document());
}

#[test]
fn every_ref_points_at_a_component() {
    let document = document();
    let mut refs = Vec::new();
    collect_refs(&document, &mut refs);
    assert!(refs.len() > 50, "refs are used: {}", refs.len());
    for reference in refs {
        if reference.starts_with("https://") {
            continue;
        }
        let pointer = reference.strip_prefix('#').unwrap_or_else(|| panic!("not a local ref: {reference}"));
        assert!(document.pointer(pointer).is_some(), "dangling {reference}");
    }
}

#[test]
fn the_meta_schema_refuses_what_it_must() {
    let mut broken = document();
    let create_account = broken["methods"]
        .as_array_mut()
        .and_then(|methods| methods.iter_mut().find(|method| method["name"] == "ledger.createAccount"))
        .expect("ledger.createAccount is described");
    create_account["params"][0]["schema"] = serde_json::json!({ "anyOf": [{ "type": "string" }, null] });
    assert!(!common::violations(&broken).is_empty(), "a schema that is not a schema");
    let mut broken = document();
    broken.as_object_mut().unwrap().remove("info");
    assert!(!common::violations(&broken).is_empty(), "a document without info");
    let mut broken = document();
    broken["methods"][0]["paramStructure"] = "by-guess".into();
    assert!(!common::violations(&broken).is_empty(), "an unknown param structure");
}

fn collect_refs(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(object) => {
            if let Some(Value::String(reference)) = object.get("$ref") {
                out.push(reference.clone());
            }
            object.values().for_each(|value| collect_refs(value, out));
        }
        Value::Array(items) => items.iter().for_each(|value| collect_refs(value, out)),
        _ => {}
    }
}
