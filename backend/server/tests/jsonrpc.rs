//! JSON-RPC 2.0 over `POST /api/rpc`, rule by rule: the specification's own
//! examples (section 7) with SENT's methods in place of `subtract`, and the
//! limits SENT adds.

use std::time::Duration;

use sent_runtime::DispatchOptions;
use sent_server::testing::{TestOptions, TestServer};
use serde_json::{Value, json};

async fn post(server: &TestServer, body: &str) -> (u16, Value) {
    let (status, text) = server.post(body.to_owned(), &[]).await;
    let value = if text.is_empty() { Value::Null } else { serde_json::from_str(&text).unwrap() };
    (status, value)
}

fn error_code(response: &Value) -> i64 {
    response["error"]["code"].as_i64().unwrap_or_else(|| panic!("not an error: {response}"))
}

#[tokio::test]
async fn calls_by_name_and_by_position_give_the_same_result() {
    let server = TestServer::start().await;
    let (status, named) =
        post(&server, r#"{"jsonrpc":"2.0","method":"system.echo","params":{"message":"hi"},"id":1}"#).await;
    assert_eq!(status, 200);
    assert_eq!(named, json!({"jsonrpc":"2.0","result":{"message":"hi"},"id":1}));
    let (_, positional) = post(&server, r#"{"jsonrpc":"2.0","method":"system.echo","params":["hi"],"id":1}"#).await;
    assert_eq!(positional, named);
}

#[tokio::test]
async fn ids_are_echoed_exactly() {
    let server = TestServer::start().await;
    for id in [r#""abc""#, "42", "-7", "1.5", "null", r#""""#, "12345678901234567890"] {
        let body = format!(r#"{{"jsonrpc":"2.0","method":"system.version","id":{id}}}"#);
        let (_, text) = server.post(body, &[]).await;
        assert!(text.ends_with(&format!(r#","id":{id}}}"#)), "id {id} came back as {text}");
    }
}

#[tokio::test]
async fn a_notification_gets_no_response_even_when_it_fails() {
    let server = TestServer::start().await;
    let (status, text) = server.post(r#"{"jsonrpc":"2.0","method":"system.echo","params":{"message":"x"}}"#, &[]).await;
    assert_eq!((status, text.as_str()), (204, ""));
    let (status, text) = server.post(r#"{"jsonrpc":"2.0","method":"no.such"}"#, &[]).await;
    assert_eq!((status, text.as_str()), (204, ""));
}

#[tokio::test]
async fn an_unknown_method_is_32601() {
    let server = TestServer::start().await;
    let (_, response) = post(&server, r#"{"jsonrpc":"2.0","method":"foobar","id":"1"}"#).await;
    assert_eq!(error_code(&response), -32601);
    assert_eq!(response["id"], "1");
    assert_eq!(response["error"]["data"]["kind"], "methodNotFound");
}

#[tokio::test]
async fn invalid_json_is_32700_with_a_null_id() {
    let server = TestServer::start().await;
    let (_, response) = post(&server, r#"{"jsonrpc": "2.0", "method": "foobar, "params": "bar", "baz]"#).await;
    assert_eq!(error_code(&response), -32700);
    assert_eq!(response["id"], Value::Null);
    let (_, response) = post(
        &server,
        r#"[{"jsonrpc": "2.0", "method": "sum", "params": [1,2,4], "id": "1"},{"jsonrpc": "2.0", "method""#,
    )
    .await;
    assert_eq!(error_code(&response), -32700, "an invalid batch is one parse error");
}

#[tokio::test]
async fn invalid_request_objects_are_32600() {
    let server = TestServer::start().await;
    for body in [
        r#"{"jsonrpc": "2.0", "method": 1, "params": "bar"}"#,
        r#"{"jsonrpc": "1.0", "method": "system.version", "id": 1}"#,
        r#"{"method": "system.version", "id": 1}"#,
        r#"{"jsonrpc": "2.0", "method": "system.echo", "params": "hi", "id": 1}"#,
        r#"{"jsonrpc": "2.0", "method": "system.version", "id": {"a": 1}}"#,
        r#""just a string""#,
    ] {
        let (status, response) = post(&server, body).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(error_code(&response), -32600, "{body}");
        assert_eq!(response["id"], Value::Null, "{body}");
    }
}

#[tokio::test]
async fn an_empty_batch_is_one_invalid_request() {
    let server = TestServer::start().await;
    let (_, response) = post(&server, "[]").await;
    assert!(response.is_object(), "{response}");
    assert_eq!(error_code(&response), -32600);
}

#[tokio::test]
async fn a_batch_of_non_objects_is_one_error_each() {
    let server = TestServer::start().await;
    let (_, response) = post(&server, "[1]").await;
    assert_eq!(response.as_array().unwrap().len(), 1);
    let (_, response) = post(&server, "[1,2,3]").await;
    let errors = response.as_array().unwrap();
    assert_eq!(errors.len(), 3);
    assert!(errors.iter().all(|e| error_code(e) == -32600 && e["id"].is_null()));
}

#[tokio::test]
async fn a_mixed_batch_answers_every_call_but_the_notifications_in_order() {
    let server = TestServer::start().await;
    let body = r#"[
        {"jsonrpc": "2.0", "method": "system.echo", "params": ["one"], "id": "1"},
        {"jsonrpc": "2.0", "method": "system.echo", "params": ["note"]},
        {"jsonrpc": "2.0", "method": "system.echo", "params": {"message": "two"}, "id": "2"},
        {"foo": "boo"},
        {"jsonrpc": "2.0", "method": "foo.get", "params": {"name": "myself"}, "id": "5"},
        {"jsonrpc": "2.0", "method": "system.version", "id": "9"}
    ]"#;
    let (status, response) = post(&server, body).await;
    assert_eq!(status, 200);
    let responses = response.as_array().unwrap();
    assert_eq!(responses.len(), 5, "{response}");
    assert_eq!(responses[0], json!({"jsonrpc":"2.0","result":{"message":"one"},"id":"1"}));
    assert_eq!(responses[1], json!({"jsonrpc":"2.0","result":{"message":"two"},"id":"2"}));
    assert_eq!(error_code(&responses[2]), -32600);
    assert_eq!(responses[2]["id"], Value::Null);
    assert_eq!(error_code(&responses[3]), -32601);
    assert_eq!(responses[3]["id"], "5");
    assert_eq!(responses[4]["id"], "9");
}

#[tokio::test]
async fn an_all_notification_batch_gets_204() {
    let server = TestServer::start().await;
    let body = r#"[
        {"jsonrpc": "2.0", "method": "system.echo", "params": ["a"]},
        {"jsonrpc": "2.0", "method": "system.version"}
    ]"#;
    let (status, text) = server.post(body, &[]).await;
    assert_eq!((status, text.as_str()), (204, ""));
}

#[tokio::test]
async fn params_are_checked_strictly_with_the_field_named() {
    let server = TestServer::start().await;
    let cases = [
        (r#"{"message":"hi","colour":"red"}"#, "colour"),
        (r#"{}"#, "."),
        (r#"{"message":42}"#, "message"),
        (r#"["hi","extra"]"#, "."),
    ];
    for (params, path) in cases {
        let body = format!(r#"{{"jsonrpc":"2.0","method":"system.echo","params":{params},"id":1}}"#);
        let (_, response) = post(&server, &body).await;
        assert_eq!(error_code(&response), -32602, "{params}: {response}");
        assert_eq!(response["error"]["data"]["path"], path, "{params}");
        assert_eq!(response["error"]["data"]["kind"], "invalidParams");
    }
    let (_, response) = post(&server, r#"{"jsonrpc":"2.0","method":"system.version","params":[1],"id":1}"#).await;
    assert_eq!(error_code(&response), -32602, "a method without params refuses some");
}

#[tokio::test]
async fn every_error_names_its_kind_and_request_id() {
    let server = TestServer::start().await;
    let (_, response) = post(&server, r#"{"jsonrpc":"2.0","method":"ledger.listAccounts","params":{},"id":1}"#).await;
    assert_eq!(error_code(&response), -32001);
    let data = &response["error"]["data"];
    assert_eq!(data["kind"], "unauthenticated");
    assert_eq!(data["requestId"].as_str().map(str::len), Some(32));
}

#[tokio::test]
async fn an_oversized_body_is_answered_with_an_error() {
    let server = TestServer::start_with(TestOptions { max_body_bytes: 1024, ..TestOptions::default() }).await;
    let message = "x".repeat(4096);
    let body = json!({"jsonrpc":"2.0","method":"system.echo","params":{"message": message},"id":1}).to_string();
    let (status, text) = server.post(body, &[]).await;
    assert_eq!(status, 413);
    let response: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(error_code(&response), -32600);
}

#[tokio::test]
async fn nesting_and_batch_size_are_limited() {
    let mut options = TestOptions::default();
    options.dispatch.limits.max_depth = 8;
    options.dispatch.limits.max_batch = 2;
    let server = TestServer::start_with(options).await;
    let deep = format!(
        r#"{{"jsonrpc":"2.0","method":"system.echo","params":{{"message":"x","n":{}1{}}},"id":1}}"#,
        "[".repeat(20),
        "]".repeat(20)
    );
    let (_, response) = post(&server, &deep).await;
    assert_eq!(error_code(&response), -32600);
    let three = r#"[{"jsonrpc":"2.0","method":"system.version","id":1},{"jsonrpc":"2.0","method":"system.version","id":2},{"jsonrpc":"2.0","method":"system.version","id":3}]"#;
    let (_, response) = post(&server, three).await;
    assert_eq!(error_code(&response), -32600);
}

#[tokio::test]
async fn a_malformed_authorization_or_organization_header_is_refused() {
    let server = TestServer::start().await;
    let body = r#"{"jsonrpc":"2.0","method":"system.version","id":1}"#;
    let (_, text) = server.post(body, &[("authorization", "Basic abc")]).await;
    assert!(text.contains("-32600"), "{text}");
    let (_, text) = server.post(body, &[("sent-organization", "not-a-uuid")]).await;
    assert!(text.contains("-32600"), "{text}");
}

#[tokio::test]
async fn a_call_past_its_deadline_is_cancelled_in_postgres_and_the_connection_comes_back_clean() {
    let options = TestOptions {
        dispatch: DispatchOptions { deadline: Duration::from_millis(700), ..DispatchOptions::default() },
        ..TestOptions::default()
    };
    let server = TestServer::start_with(options).await;
    let org = server.organization("alice", "Acme").await;

    // Another session holds a lock the call's query must wait for.
    let (blocker, conn) = tokio_postgres::connect(&server.db.superuser_url, tokio_postgres::NoTls).await.unwrap();
    tokio::spawn(conn);
    blocker.batch_execute("BEGIN; LOCK TABLE accounts IN ACCESS EXCLUSIVE MODE").await.unwrap();

    let response = server.call(Some("alice"), Some(org), "ledger.listAccounts", json!({})).await;
    assert_eq!(error_code(&response), -32031, "{response}");
    assert_eq!(response["error"]["data"]["kind"], "deadlineExceeded");

    // The cancelled query is gone from the server, not waiting behind the lock.
    let waiting = server
        .superuser_query(
            "SELECT count(*) FROM pg_stat_activity WHERE usename = 'sent_app' AND state = 'active' \
             AND query ILIKE '%FROM accounts%'",
        )
        .await;
    assert_eq!(waiting[0].get::<_, i64>(0), 0);

    blocker.batch_execute("ROLLBACK").await.unwrap();
    // Every pooled connection still works, outside any leftover transaction.
    for _ in 0..10 {
        let page = server.ok(Some("alice"), Some(org), "ledger.listAccounts", json!({})).await;
        assert_eq!(page["items"], json!([]));
    }
    // The last read-only transaction waits a few milliseconds for the next
    // call to send its COMMIT, then the runtime commits it: none is left.
    let deadline = std::time::Instant::now() + Duration::from_secs(2);
    loop {
        let idle_in_tx = server
            .superuser_query(
                "SELECT count(*) FROM pg_stat_activity WHERE usename = 'sent_app' AND state LIKE 'idle in transaction%'",
            )
            .await;
        if idle_in_tx[0].get::<_, i64>(0) == 0 {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "a transaction was left open on a pooled connection");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}
