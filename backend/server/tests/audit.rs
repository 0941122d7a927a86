//! Every mutation leaves exactly one audit row in its own transaction; a
//! failed one leaves none; nobody can change the log; the chain proves it.

mod common;

use common::{Books, audit_rows, books, id};
use sent_rpc::Kind;
use sent_server::testing::TestServer;
use serde_json::{Value, json};
use uuid::Uuid;

/// Who calls, params that succeed, and params that fail, for a mutation.
/// Every mutation in the registry must have a case: a new one without a case
/// fails here. A case may set up what it needs first (its audit rows come
/// before the count).
async fn cases(server: &TestServer, method: &str, books: &Books, new_user: Uuid) -> (&'static str, Value, Value) {
    let invite = |email: &'static str| async move {
        let params = json!({"email": email, "role": "member"});
        server.ok(Some("alice"), Some(books.org), "identity.inviteMember", params).await
    };
    let (good, bad) = match method {
        "identity.createOrganization" => (json!({"name": "Another"}), json!({"name": ""})),
        "identity.updateOrganization" => {
            (json!({"name": "Renamed", "version": 1}), json!({"name": "Renamed", "version": 99}))
        }
        "identity.addMember" => (
            json!({"userId": new_user, "email": "new@example.test", "displayName": "New", "role": "auditor"}),
            json!({"userId": new_user, "email": "not-an-email", "displayName": "New", "role": "auditor"}),
        ),
        "identity.updateMemberRole" => (
            json!({"userId": books.member_id, "role": "admin", "version": 1}),
            json!({"userId": books.member_id, "role": "admin", "version": 99}),
        ),
        "identity.removeMember" => {
            (json!({"userId": books.member_id, "version": 2}), json!({"userId": Uuid::now_v7(), "version": 1}))
        }
        "ledger.createAccount" => (
            json!({"code": "1100", "name": "Bank", "kind": "asset", "currency": "EUR"}),
            json!({"code": "1000", "name": "Duplicate code", "kind": "asset", "currency": "EUR"}),
        ),
        "ledger.updateAccount" => (
            json!({"accountId": books.cash, "name": "Cash on hand", "version": 1}),
            json!({"accountId": books.cash, "name": "Stale", "version": 99}),
        ),
        "ledger.postEntry" => (
            json!({"entryDate": "2026-02-01", "memo": "Sale", "lines": [
                {"accountId": books.cash, "debit": "5.00"}, {"accountId": books.revenue, "credit": "5.00"}]}),
            json!({"entryDate": "2026-02-01", "memo": "Unbalanced", "lines": [
                {"accountId": books.cash, "debit": "5.00"}, {"accountId": books.revenue, "credit": "4.99"}]}),
        ),
        "ledger.reverseEntry" => (json!({"entryId": books.entry}), json!({"entryId": Uuid::now_v7()})),
        "identity.inviteMember" => (
            json!({"email": "invited@example.test", "role": "member"}),
            json!({"email": "invited@example.test", "role": "member", "validDays": 365}),
        ),
        "identity.revokeInvitation" => {
            let issued = invite("revoked@example.test").await;
            let invitation_id = &issued["invitation"]["invitationId"];
            (json!({"invitationId": invitation_id, "version": 1}), json!({"invitationId": invitation_id, "version": 9}))
        }
        "identity.acceptInvitation" => {
            // The invitee accepts: the row is theirs, in the inviting
            // organization's chain.
            let issued = invite("dave@example.test").await;
            return ("dave", json!({"token": issued["token"]}), json!({"token": "not-a-token"}));
        }
        other => panic!("no audit case for mutation {other}: add one"),
    };
    ("alice", good, bad)
}

#[tokio::test]
async fn every_mutation_writes_exactly_one_audit_row_and_a_failed_one_none() {
    let server = TestServer::start().await;
    let books = books(&server, "alice", "bob", "Acme").await;
    let new_user = server.issuer.identity("carol").user_id;

    // Declaration order keeps each case's precondition (e.g. the member is
    // promoted before being removed, at the version that leaves).
    let mutations: Vec<_> = server.dispatcher.methods().into_iter().filter(|m| m.kind == Kind::Mutation).collect();
    assert!(mutations.len() >= 9, "the registry lists every mutation");
    let order = [
        "identity.createOrganization",
        "identity.updateOrganization",
        "identity.addMember",
        "identity.updateMemberRole",
        "identity.removeMember",
        "ledger.createAccount",
        "ledger.updateAccount",
        "ledger.postEntry",
        "ledger.reverseEntry",
        "identity.inviteMember",
        "identity.revokeInvitation",
        "identity.acceptInvitation",
    ];
    let mut ordered: Vec<_> = mutations.iter().map(|m| m.name).collect();
    ordered.sort_by_key(|name| order.iter().position(|o| o == name).unwrap_or(usize::MAX));

    for method in ordered {
        let (caller, good, bad) = cases(&server, method, &books, new_user).await;
        let before = audit_rows(&server, books.org).await;
        let failed = server.call(Some(caller), Some(books.org), method, bad).await;
        assert!(failed.get("error").is_some(), "{method}: the failing case succeeded: {failed}");
        assert_eq!(audit_rows(&server, books.org).await, before, "{method}: a failed mutation left an audit row");

        let response = server.call(Some(caller), Some(books.org), method, good).await;
        let result = response.get("result").unwrap_or_else(|| panic!("{method} failed: {response}"));
        if method == "identity.createOrganization" {
            // The new organization's own chain gets the row.
            let created = id(&result["organizationId"]);
            assert_eq!(audit_rows(&server, created).await, 1, "{method}");
            assert_eq!(audit_rows(&server, books.org).await, before, "{method}");
            continue;
        }
        assert_eq!(audit_rows(&server, books.org).await, before + 1, "{method}: not exactly one audit row");
        let last = server
            .superuser_query(&format!(
                "SELECT method, actor_id, request_id, cardinality(affected_ids) FROM audit_log \
                 WHERE organization_id = '{}' ORDER BY seq DESC LIMIT 1",
                books.org
            ))
            .await;
        assert_eq!(last[0].get::<_, String>(0), method);
        assert_eq!(last[0].get::<_, Uuid>(1), server.issuer.identity(caller).user_id);
        assert_eq!(last[0].get::<_, String>(2).len(), 32, "{method}: request id recorded");
        assert!(last[0].get::<_, i32>(3) >= 1, "{method}: affected ids recorded");
    }
}

#[tokio::test]
async fn queries_write_no_audit_rows() {
    let server = TestServer::start().await;
    let books = books(&server, "alice", "bob", "Acme").await;
    let before = audit_rows(&server, books.org).await;
    server.ok(Some("alice"), Some(books.org), "ledger.listAccounts", json!({})).await;
    server.ok(Some("alice"), Some(books.org), "ledger.trialBalance", json!({"asOf": "2026-12-31"})).await;
    server.ok(Some("alice"), Some(books.org), "identity.listMembers", json!({})).await;
    assert_eq!(audit_rows(&server, books.org).await, before);
}

#[tokio::test]
async fn nobody_can_update_delete_or_truncate_the_log() {
    let server = TestServer::start().await;
    let books = books(&server, "alice", "bob", "Acme").await;
    for url in [&server.db.app_url, &server.db.owner_url] {
        let (client, conn) = tokio_postgres::connect(url, tokio_postgres::NoTls).await.unwrap();
        tokio::spawn(conn);
        for statement in [
            "UPDATE audit_log SET method = 'forged'",
            "DELETE FROM audit_log",
            "TRUNCATE audit_log",
            // A partition, reached directly, refuses too.
            "UPDATE audit_log_pCURRENT SET method = 'forged'",
        ] {
            let statement = statement.replace("CURRENT", &chrono_month());
            let sql = format!("BEGIN; SELECT set_config('app.org_id', '{}', true); {statement}", books.org);
            let error = client.batch_execute(&sql).await.expect_err(&statement);
            assert_eq!(error.code().map(|c| c.code()), Some("42501"), "{statement} as {url}: {error:?}");
            client.batch_execute("ROLLBACK").await.unwrap();
        }
    }
    assert!(audit_rows(&server, books.org).await >= 5);
}

#[tokio::test]
async fn the_chain_verifies_and_a_tampered_entry_is_found() {
    let server = TestServer::start().await;
    let books = books(&server, "alice", "bob", "Acme").await;
    let verified = server.ok(Some("alice"), Some(books.org), "audit.verify", json!({})).await;
    assert_eq!(verified["intact"], true, "{verified}");
    assert_eq!(verified["entries"], audit_rows(&server, books.org).await.to_string());

    let trail = server.ok(Some("alice"), Some(books.org), "audit.listEntries", json!({"limit": 2})).await;
    assert_eq!(trail["items"].as_array().unwrap().len(), 2);
    assert_eq!(trail["items"][0]["method"], "ledger.postEntry", "newest first");
    assert!(trail["nextCursor"].is_string());

    // Only a superuser with triggers off can change a row; the chain shows it.
    server
        .superuser_execute(&format!(
            "SET session_replication_role = replica; \
             UPDATE audit_log SET params = '{{\"forged\": true}}' WHERE organization_id = '{}' AND seq = 2",
            books.org
        ))
        .await;
    let verified = server.ok(Some("alice"), Some(books.org), "audit.verify", json!({})).await;
    assert_eq!(verified["intact"], false);
    assert_eq!(verified["firstBrokenSeq"], "2");
}

#[tokio::test]
async fn sensitive_params_never_reach_the_log_and_members_cannot_read_it() {
    let server = TestServer::start().await;
    let books = books(&server, "alice", "bob", "Acme").await;
    let response = server.call(Some("bob"), Some(books.org), "audit.listEntries", json!({})).await;
    assert_eq!(response["error"]["code"], -32003, "a member is not an admin: {response}");
    let params: Value = server
        .superuser_query(&format!(
            "SELECT params FROM audit_log WHERE organization_id = '{}' AND method = 'ledger.postEntry'",
            books.org
        ))
        .await[0]
        .get(0);
    assert_eq!(params["memo"], "Sale", "params are kept");
}

/// The current month as the log's partitions name it (`YYYYMM`).
fn chrono_month() -> String {
    chrono::Utc::now().format("%Y%m").to_string()
}
