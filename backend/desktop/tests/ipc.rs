//! The IPC call path without a window: the `rpc` command's body runs every
//! call through the same dispatcher as `POST /api/rpc`, as the signed-in
//! person's bearer token, in the organization the page names; the counters
//! count it; mutations are audited and announced.

use std::sync::Arc;
use std::time::Duration;

use sent_app::backend::Backend;
use sent_app::desktop::{Desktop, RpcOutcome, Services, SignInSettings};
use sent_app::sign_in::Browser;
use sent_auth::SignedIn;
use sent_auth::testing::TestIssuer;
use sent_db::open::Database;
use sent_db::testing::{TestDb, test_database};
use sent_runtime::DispatchOptions;
use serde_json::{Value, json};

struct Harness {
    desktop: Arc<Desktop>,
    issuer: TestIssuer,
    db: TestDb,
}

async fn harness() -> Harness {
    let db = test_database().await;
    let issuer = TestIssuer::new("https://issuer.sent.test", "urn:sent:api");
    let pool = sent_db::pool::connect(&sent_db::pool::PoolOptions { url: db.app_url.clone(), max_size: 4 })
        .await
        .expect("a pool");
    let backend = Backend::new(
        Database { pool, cluster: None },
        sent_services::registry().expect("the registry"),
        Some(Arc::new(issuer.verifier())),
        DispatchOptions::default(),
    );
    let desktop = Desktop::new(SignInSettings {
        browser: Browser::Program("/bin/false".into()),
        timeout: Duration::from_secs(5),
    })
    .expect("the app's state");
    desktop.ready(Services { backend, provider: None, dev_provider: None });
    Harness { desktop, issuer, db }
}

fn sign_in_as(harness: &Harness, subject: &str) {
    harness.desktop.set_session(SignedIn {
        identity: harness.issuer.identity(subject),
        access_token: harness.issuer.token(subject),
        refresh_token: None,
        expires_at: None,
    });
}

fn reply(outcome: &RpcOutcome) -> Value {
    let raw = outcome.reply.as_ref().expect("a reply");
    serde_json::from_str(raw.get()).expect("JSON")
}

async fn call(harness: &Harness, organization: Option<&str>, method: &str, params: Value) -> Value {
    let request = json!({ "jsonrpc": "2.0", "id": 7, "method": method, "params": params });
    reply(&harness.desktop.rpc(&request, organization).await)
}

fn result(response: &Value) -> &Value {
    response.get("result").unwrap_or_else(|| panic!("a result: {response}"))
}

fn error_code(response: &Value) -> i64 {
    response["error"]["code"].as_i64().unwrap_or_else(|| panic!("an error: {response}"))
}

async fn superuser_count(db: &TestDb, sql: &str) -> i64 {
    let (client, connection) =
        tokio_postgres::connect(&db.superuser_url, tokio_postgres::NoTls).await.expect("connect");
    tokio::spawn(connection);
    client.query_one(sql, &[]).await.expect("the count").get(0)
}

#[tokio::test]
async fn calls_run_as_the_signed_in_person_in_the_chosen_organization_and_are_audited() {
    let harness = harness().await;

    let anonymous = call(&harness, None, "identity.me", json!({})).await;
    assert_eq!(error_code(&anonymous), -32001, "{anonymous}");
    assert_eq!(anonymous["id"], 7);

    sign_in_as(&harness, "alice");
    let me = call(&harness, None, "identity.me", json!({})).await;
    assert_eq!(result(&me)["email"], "alice@example.test", "{me}");
    assert_eq!(result(&me)["userId"], harness.issuer.identity("alice").user_id.to_string());

    let organization = call(&harness, None, "identity.createOrganization", json!({ "name": "Acme" })).await;
    let organization_id = result(&organization)["organizationId"].as_str().expect("an id").to_owned();

    let request = json!({
        "jsonrpc": "2.0", "id": "acct", "method": "ledger.createAccount",
        "params": { "code": "1000", "name": "Cash", "kind": "asset", "currency": "EUR" },
    });
    let created = harness.desktop.rpc(&request, Some(&organization_id)).await;
    assert_eq!(result(&reply(&created))["code"], "1000", "{:?}", created.reply);
    assert_eq!(created.changed, vec!["ledger.createAccount".to_owned()]);

    // Without the organization the same call is refused, as over HTTP
    // without the Sent-Organization header.
    let unscoped = harness.desktop.rpc(&request, None).await;
    assert_eq!(error_code(&reply(&unscoped)), -32003);
    assert!(unscoped.changed.is_empty());

    let alice = harness.issuer.identity("alice").user_id;
    let audited = superuser_count(
        &harness.db,
        &format!(
            "SELECT count(*) FROM audit_log WHERE actor_id = '{alice}' AND method IN \
             ('identity.createOrganization', 'ledger.createAccount')"
        ),
    )
    .await;
    assert_eq!(audited, 2);
}

#[tokio::test]
async fn another_organization_and_a_malformed_one_are_refused() {
    let harness = harness().await;
    sign_in_as(&harness, "bob");
    let bobs = call(&harness, None, "identity.createOrganization", json!({ "name": "Globex" })).await;
    let bobs = result(&bobs)["organizationId"].as_str().expect("an id").to_owned();

    sign_in_as(&harness, "mallory");
    let listed = call(&harness, Some(&bobs), "ledger.listAccounts", json!({})).await;
    assert_eq!(error_code(&listed), -32003, "{listed}");

    let malformed = call(&harness, Some("not-an-id"), "identity.me", json!({})).await;
    assert_eq!(error_code(&malformed), -32600, "{malformed}");
    assert_eq!(malformed["id"], Value::Null);
    assert_eq!(malformed["error"]["data"]["kind"], "invalidRequest");
}

#[tokio::test]
async fn batches_notifications_and_counters_behave_as_over_http() {
    let harness = harness().await;
    let before = harness.desktop.ipc_stats();

    let batch = json!([
        { "jsonrpc": "2.0", "id": 1, "method": "system.echo", "params": { "message": "one" } },
        { "jsonrpc": "2.0", "id": 2, "method": "system.echo", "params": { "message": "two" } },
        { "jsonrpc": "2.0", "method": "system.echo", "params": { "message": "not answered" } },
    ]);
    let answered = reply(&harness.desktop.rpc(&batch, None).await);
    let answers = answered.as_array().expect("an array");
    assert_eq!(answers.len(), 2, "{answered}");
    assert_eq!(answers[0]["result"]["message"], "one");
    assert_eq!(answers[1]["result"]["message"], "two");

    let notification = json!({ "jsonrpc": "2.0", "method": "system.echo", "params": { "message": "x" } });
    assert!(harness.desktop.rpc(&notification, None).await.reply.is_none());

    let unknown = call(&harness, None, "ledger.noSuchMethod", json!({})).await;
    assert_eq!(error_code(&unknown), -32601);

    let after = harness.desktop.ipc_stats();
    assert_eq!(after.rpc_requests - before.rpc_requests, 3);
    assert_eq!(after.rpc_calls - before.rpc_calls, 5);
}

#[tokio::test]
async fn a_token_from_another_issuer_or_a_signed_out_app_gets_no_access() {
    let harness = harness().await;
    let forger = TestIssuer::new("https://issuer.sent.test", "urn:sent:api");
    harness.desktop.set_session(SignedIn {
        identity: forger.identity("alice"),
        access_token: forger.token("alice"),
        refresh_token: None,
        expires_at: None,
    });
    let forged = call(&harness, None, "identity.me", json!({})).await;
    assert_eq!(error_code(&forged), -32001, "{forged}");

    sign_in_as(&harness, "alice");
    assert!(harness.desktop.session_info().signed_in);
    harness.desktop.sign_out();
    assert!(!harness.desktop.session_info().signed_in);
    let after = call(&harness, None, "identity.me", json!({})).await;
    assert_eq!(error_code(&after), -32001, "{after}");
}

#[tokio::test]
async fn a_database_that_cannot_be_opened_is_answered_to_every_call() {
    let desktop = Desktop::new(SignInSettings {
        browser: Browser::Program("/bin/false".into()),
        timeout: Duration::from_secs(5),
    })
    .expect("the app's state");
    let scratch = std::env::temp_dir().join(format!("sent-app-unopened-{}", std::process::id()));
    let config = <sent_app::config::Config as clap::Parser>::try_parse_from([
        "sent-app",
        "--database-url",
        "postgres://sent:sent@127.0.0.1:1/sent",
        "--data-dir",
        scratch.to_str().expect("a UTF-8 path"),
    ])
    .expect("a configuration");
    desktop.start(&config).await;
    let request = json!({ "jsonrpc": "2.0", "id": 1, "method": "system.echo", "params": { "message": "x" } });
    let answer = reply(&desktop.rpc(&request, None).await);
    assert_eq!(answer["error"]["data"]["kind"], "unavailable", "{answer}");
    assert!(answer["error"]["message"].as_str().is_some_and(|m| m.contains("not available")), "{answer}");
    // Shutting down a failed app is quick and harmless.
    tokio::time::timeout(Duration::from_secs(5), desktop.shutdown()).await.expect("shutdown returns");
}

#[tokio::test]
async fn shutting_down_twice_at_once_closes_once_and_later_calls_are_refused() {
    let harness = harness().await;
    tokio::time::timeout(Duration::from_secs(10), async {
        tokio::join!(harness.desktop.shutdown(), harness.desktop.shutdown());
    })
    .await
    .expect("both shutdowns return");
    let answer = call(&harness, None, "system.echo", json!({ "message": "late" })).await;
    assert_eq!(answer["error"]["data"]["kind"], "unavailable", "{answer}");
    assert!(answer["error"]["message"].as_str().is_some_and(|m| m.contains("shutting down")), "{answer}");
}
