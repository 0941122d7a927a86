//! One organization can neither read nor change another's rows: through
//! every method of the registry, and in the database itself.

mod common;

use common::{Books, books};
use sent_rpc::{Access, Kind};
use sent_server::testing::TestServer;
use serde_json::{Value, json};

/// Everything of an organization, read behind row-level security, so a test
/// can prove nothing of it changed.
async fn snapshot(server: &TestServer, books: &Books) -> Vec<String> {
    let mut lines = Vec::new();
    for table in ["organizations", "members", "accounts", "journal_entries", "journal_lines", "audit_log"] {
        let rows = server
            .superuser_query(&format!(
                "SELECT t::text FROM {table} t WHERE organization_id = '{}' ORDER BY t::text",
                books.org
            ))
            .await;
        lines.extend(rows.iter().map(|r| format!("{table}: {}", r.get::<_, String>(0))));
    }
    lines
}

#[tokio::test]
async fn every_tenant_method_refuses_an_organization_the_caller_is_not_in() {
    let server = TestServer::start().await;
    let _acme = books(&server, "alice", "bob", "Acme").await;
    let globex = books(&server, "grace", "heidi", "Globex").await;
    let before = snapshot(&server, &globex).await;

    let methods = server.dispatcher.methods();
    let tenant_methods: Vec<_> = methods.iter().filter(|m| matches!(m.access, Access::Member(_))).collect();
    assert!(tenant_methods.len() >= 15, "the registry is iterated, not a hand-written list");
    for method in tenant_methods {
        // Params aimed at Globex's own rows; they must not matter.
        let params = json!({});
        let response = server.call(Some("alice"), Some(globex.org), method.name, params).await;
        assert_eq!(response["error"]["code"], -32003, "{}: {response}", method.name);
    }
    // Organization-free methods that take an organization check it too.
    for method in methods.iter().filter(|m| m.access == Access::Authenticated && m.kind == Kind::Query) {
        let response = server.call(Some("alice"), Some(globex.org), method.name, json!({})).await;
        assert_eq!(response["error"]["code"], -32003, "{}: {response}", method.name);
    }
    assert_eq!(snapshot(&server, &globex).await, before, "nothing of Globex changed");
}

#[tokio::test]
async fn ids_of_another_organization_are_not_found_from_your_own() {
    let server = TestServer::start().await;
    let acme = books(&server, "alice", "bob", "Acme").await;
    let globex = books(&server, "grace", "heidi", "Globex").await;
    let before = snapshot(&server, &globex).await;

    let probes: [(&str, Value); 6] = [
        ("ledger.getAccount", json!({"accountId": globex.cash})),
        ("ledger.getEntry", json!({"entryId": globex.entry})),
        ("ledger.updateAccount", json!({"accountId": globex.cash, "name": "Mine now", "version": 1})),
        ("ledger.reverseEntry", json!({"entryId": globex.entry})),
        ("identity.getMember", json!({"userId": globex.member_id})),
        ("identity.removeMember", json!({"userId": globex.member_id, "version": 1})),
    ];
    for (method, params) in probes {
        let response = server.call(Some("alice"), Some(acme.org), method, params).await;
        assert_eq!(response["error"]["code"], -32004, "{method}: {response}");
    }
    let posting = server
        .call(
            Some("alice"),
            Some(acme.org),
            "ledger.postEntry",
            json!({"entryDate": "2026-03-01", "memo": "x", "lines": [
            {"accountId": acme.cash, "debit": "1"}, {"accountId": globex.revenue, "credit": "1"}]}),
        )
        .await;
    assert_eq!(posting["error"]["code"], -32004, "{posting}");
    let lists = server.ok(Some("alice"), Some(acme.org), "ledger.listAccounts", json!({})).await;
    assert!(!lists.to_string().contains(&globex.cash.to_string()));
    assert_eq!(snapshot(&server, &globex).await, before, "nothing of Globex changed");
}

#[tokio::test]
async fn row_level_security_is_a_second_wall_that_fails_closed() {
    let server = TestServer::start().await;
    let acme = books(&server, "alice", "bob", "Acme").await;
    let globex = books(&server, "grace", "heidi", "Globex").await;
    let (client, conn) = tokio_postgres::connect(&server.db.app_url, tokio_postgres::NoTls).await.unwrap();
    tokio::spawn(conn);

    // No tenant set: every tenant table looks empty.
    for table in
        ["organizations", "members", "accounts", "journal_entries", "journal_lines", "audit_log", "audit_heads"]
    {
        let count: i64 = client.query_one(&format!("SELECT count(*) FROM {table}"), &[]).await.unwrap().get(0);
        assert_eq!(count, 0, "{table} without a tenant");
    }

    // Acme's tenant set: a query that forgets its filter still sees Acme only.
    client.batch_execute(&format!("BEGIN; SELECT set_config('app.org_id', '{}', true)", acme.org)).await.unwrap();
    let orgs: Vec<uuid::Uuid> = client
        .query("SELECT DISTINCT organization_id FROM accounts", &[])
        .await
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(orgs, vec![acme.org]);
    let updated =
        client.execute("UPDATE accounts SET name = 'x' WHERE organization_id = $1", &[&globex.org]).await.unwrap();
    assert_eq!(updated, 0, "Globex's rows are invisible to an update");
    let insert = client
        .execute(
            "INSERT INTO accounts (organization_id, account_id, code, name, kind, currency) VALUES ($1, gen_random_uuid(), 'X', 'x', 'asset', 'EUR')",
            &[&globex.org],
        )
        .await
        .unwrap_err();
    assert_eq!(insert.code().map(|c| c.code()), Some("42501"), "{insert:?}");
    client.batch_execute("ROLLBACK").await.unwrap();

    // After the transaction the tenant is gone from the connection.
    let count: i64 = client.query_one("SELECT count(*) FROM accounts", &[]).await.unwrap().get(0);
    assert_eq!(count, 0);
}

#[tokio::test]
async fn the_server_refuses_a_role_that_bypasses_row_level_security() {
    let server = TestServer::start().await;
    let pool =
        sent_db::pool::connect(&sent_db::pool::PoolOptions { url: server.db.superuser_url.clone(), max_size: 1 })
            .await
            .unwrap();
    let error = sent_db::pool::ensure_role_is_subject_to_rls(&pool).await.unwrap_err();
    assert!(error.to_string().contains("bypass row-level security"), "{error}");
    sent_db::pool::ensure_role_is_subject_to_rls(&server.pool).await.unwrap();
    let owns: i64 = server
        .superuser_query(
            "SELECT count(*) FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner WHERE r.rolname = 'sent_app'",
        )
        .await[0]
        .get(0);
    assert_eq!(owns, 0, "the server's role owns nothing");
}
