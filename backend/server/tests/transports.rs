//! One conformance table, run over JSON-RPC (HTTP) and over tarpc: the same
//! calls give the same results and the same errors, because both hand every
//! call to the one dispatcher.

mod common;

use std::time::Duration;

use sent_server::testing::TestServer;
use sent_tarpc::{Call, Client};
use serde_json::{Value, json};
use uuid::Uuid;

/// The caller and organization of a case: the org's owner, its member, a
/// stranger (signed in, not a member) or nobody.
#[derive(Debug, Clone, Copy)]
enum Who {
    Owner,
    Member,
    Stranger,
    Anonymous,
}

struct Case {
    name: &'static str,
    who: Who,
    in_org: bool,
    method: &'static str,
    params: fn(&common::Books) -> Value,
    succeeds: bool,
}

fn table() -> Vec<Case> {
    let case = |name, who, in_org, method, params, succeeds| Case { name, who, in_org, method, params, succeeds };
    vec![
        case("no-database echo", Who::Anonymous, false, "system.echo", |_| json!({ "message": "über ✓ 1e400" }), true),
        case("by position", Who::Anonymous, false, "system.echo", |_| json!(["by position"]), true),
        case("version", Who::Anonymous, false, "system.version", |_| json!({}), true),
        case("me", Who::Owner, false, "identity.me", |_| json!({}), true),
        case("a query", Who::Member, true, "ledger.getAccount", |b| json!({ "accountId": b.cash }), true),
        case("a list", Who::Owner, true, "ledger.listAccounts", |_| json!({}), true),
        case(
            "a mutation",
            Who::Owner,
            true,
            "ledger.createAccount",
            |_| json!({ "code": "1200", "name": "Bank", "kind": "asset", "currency": "EUR" }),
            true,
        ),
        case("trial balance", Who::Owner, true, "ledger.trialBalance", |_| json!({ "asOf": "2030-01-01" }), true),
        case("unknown method", Who::Owner, true, "ledger.nothing", |_| json!({}), false),
        case(
            "unknown field",
            Who::Owner,
            true,
            "ledger.getAccount",
            |b| json!({ "accountId": b.cash, "extra": 1 }),
            false,
        ),
        case("wrong type", Who::Owner, true, "ledger.getAccount", |_| json!({ "accountId": 7 }), false),
        case("a scalar for params", Who::Owner, true, "ledger.getAccount", |_| json!(7), false),
        case("not signed in", Who::Anonymous, true, "ledger.listAccounts", |_| json!({}), false),
        case("not a member", Who::Stranger, true, "ledger.listAccounts", |_| json!({}), false),
        case(
            "a member may not change the chart",
            Who::Member,
            true,
            "ledger.createAccount",
            |_| json!({ "code": "9", "name": "X", "kind": "asset", "currency": "EUR" }),
            false,
        ),
        case("not found", Who::Owner, true, "ledger.getAccount", |_| json!({ "accountId": Uuid::nil() }), false),
        case(
            "an unbalanced entry",
            Who::Owner,
            true,
            "ledger.postEntry",
            |b| {
                json!({ "entryDate": "2030-01-01", "memo": "x", "lines": [
                    { "accountId": b.cash, "debit": "10.00" }, { "accountId": b.revenue, "credit": "9.99" }
                ]})
            },
            false,
        ),
    ]
}

/// What may differ between two runs of the same case: generated ids, times,
/// request ids.
fn normalized(value: &Value) -> Value {
    match value {
        Value::String(s) if Uuid::parse_str(s).is_ok() => json!("<uuid>"),
        Value::String(s) if chrono::DateTime::parse_from_rfc3339(s).is_ok() => json!("<time>"),
        // The two organizations' people differ only by their transport's suffix.
        Value::String(s) => json!(
            s.replace("-h", "-x").replace("-t@", "-x@").replace("owner-t", "owner-x").replace("member-t", "member-x")
        ),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), if k == "requestId" { json!("<request id>") } else { normalized(v) }))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(normalized).collect()),
        other => other.clone(),
    }
}

async fn over_http(
    server: &TestServer,
    caller: Option<&str>,
    org: Option<Uuid>,
    case: &Case,
    books: &common::Books,
) -> Value {
    let response = server.call(caller, org, case.method, (case.params)(books)).await;
    match response.get("result") {
        Some(result) => json!({ "result": result }),
        None => json!({ "error": response["error"] }),
    }
}

async fn over_tarpc(
    server: &TestServer,
    client: &Client,
    caller: Option<&str>,
    org: Option<Uuid>,
    case: &Case,
    books: &common::Books,
) -> Value {
    let params = serde_json::value::to_raw_value(&(case.params)(books)).expect("params");
    let call = Call {
        method: case.method.to_owned(),
        params: Some(params),
        bearer: caller.map(|subject| server.issuer.token(subject)),
        organization_id: org,
        request_id: None,
    };
    match client.call(call, Duration::from_secs(30)).await.expect("tarpc answers") {
        Ok(result) => json!({ "result": serde_json::from_str::<Value>(result.get()).expect("JSON") }),
        Err(error) => json!({ "error": serde_json::to_value(error).expect("JSON") }),
    }
}

#[tokio::test]
async fn tarpc_and_json_rpc_give_the_same_answers_to_the_same_calls() {
    let server = TestServer::start().await;
    let client = Client::connect(server.tarpc_addr).await.expect("tarpc connects");
    // Two identical organizations, one per transport, so mutations meet
    // the same state on both.
    let for_http = common::books(&server, "owner-h", "member-h", "Books").await;
    let for_tarpc = common::books(&server, "owner-t", "member-t", "Books").await;

    for case in table() {
        let mut answers = Vec::new();
        for (books, transport) in [(&for_http, "http"), (&for_tarpc, "tarpc")] {
            let caller = match case.who {
                Who::Owner => Some(books.owner),
                Who::Member => Some(books.member),
                Who::Stranger => Some("stranger"),
                Who::Anonymous => None,
            };
            let org = case.in_org.then_some(books.org);
            let answer = if transport == "http" {
                over_http(&server, caller, org, &case, books).await
            } else {
                over_tarpc(&server, &client, caller, org, &case, books).await
            };
            answers.push(answer);
        }
        assert_eq!(normalized(&answers[0]), normalized(&answers[1]), "{}: http vs tarpc", case.name);
        let succeeded = answers[1].get("result").is_some();
        assert_eq!(succeeded, case.succeeds, "{}: {}", case.name, answers[1]);
        if let Some(error) = answers[1].get("error") {
            assert!(error["data"]["requestId"].is_string(), "{}: a request id on every error", case.name);
        }
    }
}

#[tokio::test]
async fn a_tarpc_mutation_is_audited_with_the_callers_request_id() {
    let server = TestServer::start().await;
    let client = Client::connect(server.tarpc_addr).await.expect("tarpc connects");
    let org = server.organization("alice", "Acme").await;
    let call = Call {
        method: "ledger.createAccount".into(),
        params: Some(
            serde_json::value::to_raw_value(
                &json!({ "code": "1000", "name": "Cash", "kind": "asset", "currency": "EUR" }),
            )
            .expect("params"),
        ),
        bearer: Some(server.issuer.token("alice")),
        organization_id: Some(org),
        request_id: Some("cli-0000000000000001".into()),
    };
    let reply = client.call(call, Duration::from_secs(30)).await.expect("tarpc answers");
    assert!(reply.is_ok(), "{reply:?}");
    let rows = server
        .superuser_query(&format!(
            "SELECT count(*) FROM audit_log WHERE organization_id = '{org}' AND method = 'ledger.createAccount' \
             AND request_id = 'cli-0000000000000001'"
        ))
        .await;
    assert_eq!(rows[0].get::<_, i64>(0), 1);
}

/// A self-signed certificate for `localhost`, as PEM files.
fn certificate(dir: &std::path::Path, name: &str) -> (std::path::PathBuf, std::path::PathBuf) {
    let certified = rcgen::generate_simple_self_signed(vec!["localhost".to_owned()]).expect("a certificate");
    let cert = dir.join(format!("{name}.pem"));
    let key = dir.join(format!("{name}.key"));
    std::fs::write(&cert, certified.cert.pem()).expect("write the certificate");
    std::fs::write(&key, certified.key_pair.serialize_pem()).expect("write the key");
    (cert, key)
}

#[tokio::test]
async fn tarpc_over_tls_serves_trusting_clients_only() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let (cert, key) = certificate(dir.path(), "server");
    let (other_ca, _) = certificate(dir.path(), "other");
    let options = sent_server::testing::TestOptions {
        tarpc_tls: Some(sent_tarpc::tls::acceptor(&cert, &key).expect("an acceptor")),
        ..sent_server::testing::TestOptions::default()
    };
    let server = TestServer::start_with(options).await;
    let echo = || Call {
        method: "system.echo".into(),
        params: Some(serde_json::value::to_raw_value(&json!({ "message": "over TLS" })).expect("params")),
        bearer: None,
        organization_id: None,
        request_id: None,
    };

    let trusted = sent_tarpc::tls::connector(&cert).expect("a connector");
    let client = Client::connect_tls(server.tarpc_addr, "localhost", &trusted).await.expect("a TLS connection");
    let reply = client.call(echo(), Duration::from_secs(10)).await.expect("an answer").expect("a result");
    assert_eq!(serde_json::from_str::<Value>(reply.get()).expect("JSON"), json!({ "message": "over TLS" }));

    // A client that trusts another authority does not get through the handshake.
    let untrusting = sent_tarpc::tls::connector(&other_ca).expect("a connector");
    assert!(Client::connect_tls(server.tarpc_addr, "localhost", &untrusting).await.is_err());
    // Nor does one that skips TLS: its call never gets an answer.
    let plain = Client::connect(server.tarpc_addr).await.expect("TCP connects");
    assert!(plain.call(echo(), Duration::from_secs(3)).await.is_err());
}
