//! The OpenRPC document as the server serves it: `rpc.discover` through the
//! JSON-RPC endpoint, `GET /api/openrpc.json`, and the checked-in copy.

mod common;

use sent_server::testing::TestServer;
use serde_json::{Value, json};

/// The document `sent-gen openrpc` checked in.
fn checked_in() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../frontend/sdk/openrpc.json");
    let text = std::fs::read_to_string(path).expect("frontend/sdk/openrpc.json is checked in");
    serde_json::from_str(&text).expect("the checked-in document is JSON")
}

async fn get_document(server: &TestServer) -> (u16, Option<String>, String) {
    let response = reqwest::get(server.url("/api/openrpc.json")).await.expect("the server answers");
    let status = response.status().as_u16();
    let content_type = response.headers().get("content-type").and_then(|value| value.to_str().ok()).map(str::to_owned);
    (status, content_type, response.text().await.expect("a readable body"))
}

#[tokio::test]
async fn rpc_discover_and_the_http_route_serve_the_same_bytes() {
    let server = TestServer::start().await;
    let (status, text) = server.post(r#"{"jsonrpc":"2.0","method":"rpc.discover","id":7}"#, &[]).await;
    assert_eq!(status, 200);
    // The result is embedded verbatim in the response object.
    let result = text
        .strip_prefix(r#"{"jsonrpc":"2.0","result":"#)
        .and_then(|rest| rest.strip_suffix(r#","id":7}"#))
        .unwrap_or_else(|| panic!("not a result: {text}"));

    let (status, content_type, body) = get_document(&server).await;
    assert_eq!(status, 200);
    assert_eq!(content_type.as_deref(), Some("application/json"));
    assert_eq!(body, result, "GET /api/openrpc.json is rpc.discover's answer, byte for byte");

    let document: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(document["openrpc"], "1.3.2");
    assert_eq!(document["info"]["title"], "SENT");
    assert_eq!(document["info"]["version"], env!("CARGO_PKG_VERSION"));
}

#[tokio::test]
async fn rpc_discover_needs_no_sign_in_and_takes_params_by_position_or_name() {
    let server = TestServer::start().await;
    let by_position = server.ok(None, None, "rpc.discover", json!([])).await;
    let by_name = server.ok(None, None, "rpc.discover", json!({})).await;
    assert_eq!(by_position, by_name);
    let response = server.call(None, None, "rpc.discover", json!({ "verbose": true })).await;
    assert_eq!(response["error"]["code"], -32602, "{response}");
}

#[tokio::test]
async fn every_registered_method_is_described_with_its_params() {
    let server = TestServer::start().await;
    let document = server.ok(None, None, "rpc.discover", json!([])).await;
    let described: Vec<&Value> = document["methods"].as_array().unwrap().iter().collect();
    let registered = server.dispatcher.methods();
    assert_eq!(
        described.iter().map(|method| method["name"].as_str().unwrap()).collect::<Vec<_>>(),
        registered.iter().map(|method| method.name).collect::<Vec<_>>(),
    );
    for (method, meta) in described.iter().zip(&registered) {
        let params = method["params"].as_array().unwrap_or_else(|| panic!("{}: params", meta.name));
        assert_eq!(params.is_empty(), meta.params_type.is_none(), "{}", meta.name);
        assert_eq!(method["x-sent"]["kind"], meta.kind.name(), "{}", meta.name);
        assert_eq!(method["x-sent"]["role"], meta.access.name(), "{}", meta.name);
        for param in params {
            assert!(param["name"].is_string() && param["schema"].is_object(), "{}: {param}", meta.name);
        }
        if let Some(params_name) = meta.params {
            // The params DTO is a component whose members are the params.
            let component = &document["components"]["schemas"][params_name]["properties"];
            let members: Vec<&String> =
                component.as_object().unwrap_or_else(|| panic!("{params_name}")).keys().collect();
            assert_eq!(members.len(), params.len(), "{}", meta.name);
        }
    }
    let create_account = described.iter().find(|method| method["name"] == "ledger.createAccount").unwrap();
    assert_eq!(create_account["params"][2]["name"], "kind");
    assert_eq!(create_account["params"][2]["schema"]["$ref"], "#/components/schemas/AccountKind");
}

#[tokio::test]
async fn the_described_params_are_the_ones_the_server_takes() {
    let server = TestServer::start().await;
    let document = server.ok(None, None, "rpc.discover", json!([])).await;
    let echo = document["methods"].as_array().unwrap().iter().find(|method| method["name"] == "system.echo").unwrap();
    let names: Vec<&str> =
        echo["params"].as_array().unwrap().iter().map(|param| param["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["message"]);
    // By name and by position, as `paramStructure: either` says.
    assert_eq!(echo["paramStructure"], "either");
    let by_name = server.ok(None, None, "system.echo", json!({ names[0]: "hi" })).await;
    let by_position = server.ok(None, None, "system.echo", json!(["hi"])).await;
    assert_eq!(by_name, by_position);
}

#[tokio::test]
async fn the_checked_in_document_is_what_the_server_serves() {
    let server = TestServer::start().await;
    let (_, _, body) = get_document(&server).await;
    let served: Value = serde_json::from_str(&body).unwrap();
    assert!(served == checked_in(), "frontend/sdk/openrpc.json is out of date: run `make gen`");
}

/// Whether `value` is what `method`'s result schema in `document` says.
fn check_result(document: &Value, method: &str, value: &Value) {
    let described = document["methods"].as_array().unwrap().iter().find(|m| m["name"] == method).unwrap();
    // The components ride along so that the schema's `$ref`s resolve.
    let schema = json!({ "components": document["components"], "allOf": [described["result"]["schema"]] });
    let validator = jsonschema::draft7::options().should_validate_formats(true).build(&schema).unwrap();
    let errors: Vec<String> = validator.iter_errors(value).map(|e| format!("{e} at {}", e.instance_path())).collect();
    assert!(errors.is_empty(), "{method} returned {value}, which its schema refuses:\n{}", errors.join("\n"));
}

#[tokio::test]
async fn real_results_are_what_their_schemas_say() {
    let server = TestServer::start().await;
    let document = server.ok(None, None, "rpc.discover", json!([])).await;
    let books = common::books(&server, "alice", "bob", "Acme").await;
    let owner = Some(books.owner);
    let org = Some(books.org);
    let calls: [(Option<&str>, Option<uuid::Uuid>, &str, Value); 12] = [
        (None, None, "system.version", json!([])),
        (None, None, "system.echo", json!({ "message": "hi" })),
        (owner, None, "identity.me", json!([])),
        (owner, org, "identity.getOrganization", json!([])),
        (owner, org, "identity.listMembers", json!({})),
        (owner, org, "ledger.getAccount", json!({ "accountId": books.cash })),
        (owner, org, "ledger.listAccounts", json!({ "limit": 1 })),
        (owner, org, "ledger.getEntry", json!({ "entryId": books.entry })),
        (owner, org, "ledger.listEntries", json!({})),
        (owner, org, "ledger.trialBalance", json!({ "asOf": "2026-12-31" })),
        (owner, org, "audit.listEntries", json!({})),
        (owner, org, "audit.verify", json!([])),
    ];
    for (caller, organization, method, params) in calls {
        let result = server.ok(caller, organization, method, params).await;
        check_result(&document, method, &result);
    }
    // A mutation's result too, and one whose optional members are set.
    let reversal = server.ok(owner, org, "ledger.reverseEntry", json!({ "entryId": books.entry })).await;
    assert!(reversal["reversesEntryId"].is_string());
    check_result(&document, "ledger.reverseEntry", &reversal);
    // The schema is not vacuous.
    let mut broken = reversal.clone();
    broken.as_object_mut().unwrap().remove("reversedByEntryId");
    let refused = std::panic::catch_unwind(|| check_result(&document, "ledger.reverseEntry", &broken));
    assert!(refused.is_err(), "a result missing a member serde always writes is refused");
}
