//! Identity and ledger, end to end: their rules hold on the server.

mod common;

use common::{books, code, id};
use sent_server::testing::TestServer;
use serde_json::{Value, json};

#[tokio::test]
async fn the_creator_of_an_organization_owns_it_and_sees_it_in_me() {
    let server = TestServer::start().await;
    let org = server.organization("alice", "Acme").await;
    let me = server.ok(Some("alice"), None, "identity.me", json!({})).await;
    assert_eq!(me["userId"], server.issuer.identity("alice").user_id.to_string());
    assert_eq!(me["memberships"], json!([{"organizationId": org, "organizationName": "Acme", "role": "owner"}]));
    let other = server.ok(Some("bob"), None, "identity.me", json!({})).await;
    assert_eq!(other["memberships"], json!([]), "bob belongs nowhere yet");
}

#[tokio::test]
async fn updates_use_optimistic_concurrency() {
    let server = TestServer::start().await;
    let org = server.organization("alice", "Acme").await;
    let renamed = server
        .ok(Some("alice"), Some(org), "identity.updateOrganization", json!({"name": "Acme Ltd", "version": 1}))
        .await;
    assert_eq!(renamed["version"], 2);
    let stale =
        server.call(Some("alice"), Some(org), "identity.updateOrganization", json!({"name": "X", "version": 1})).await;
    assert_eq!(code(&stale), -32009);
    assert_eq!(stale["error"]["data"]["currentVersion"], 2);
    let got = server.ok(Some("alice"), Some(org), "identity.getOrganization", json!({})).await;
    assert_eq!(got["name"], "Acme Ltd");
}

#[tokio::test]
async fn roles_decide_who_may_do_what() {
    let server = TestServer::start().await;
    let books = books(&server, "alice", "bob", "Acme").await;
    // A member posts entries but cannot administer.
    let denied = server
        .call(
            Some("bob"),
            Some(books.org),
            "ledger.createAccount",
            json!({"code": "9", "name": "X", "kind": "asset", "currency": "EUR"}),
        )
        .await;
    assert_eq!(code(&denied), -32003);
    assert_eq!(denied["error"]["data"]["requiredRole"], "admin");
    // An auditor reads everything and changes nothing.
    let carol = server.issuer.identity("carol").user_id;
    server
        .ok(
            Some("alice"),
            Some(books.org),
            "identity.addMember",
            json!({"userId": carol, "email": "carol@example.test", "displayName": "Carol", "role": "auditor"}),
        )
        .await;
    server.ok(Some("carol"), Some(books.org), "audit.verify", json!({})).await;
    server.ok(Some("carol"), Some(books.org), "ledger.listAccounts", json!({})).await;
    let post = server
        .call(
            Some("carol"),
            Some(books.org),
            "ledger.postEntry",
            json!({"entryDate": "2026-01-01", "memo": "", "lines": []}),
        )
        .await;
    assert_eq!(code(&post), -32003);
    // Only an owner grants ownership; an admin cannot.
    books.make_member_admin(&server).await;
    let grant = server
        .call(
            Some("bob"),
            Some(books.org),
            "identity.updateMemberRole",
            json!({"userId": carol, "role": "owner", "version": 1}),
        )
        .await;
    assert_eq!(code(&grant), -32003);
    // A stranger is no member at all.
    let stranger = server.call(Some("mallory"), Some(books.org), "ledger.listAccounts", json!({})).await;
    assert_eq!(code(&stranger), -32003);
}

#[tokio::test]
async fn the_last_owner_stays() {
    let server = TestServer::start().await;
    let org = server.organization("alice", "Acme").await;
    let alice = server.issuer.identity("alice").user_id;
    let demote = server
        .call(
            Some("alice"),
            Some(org),
            "identity.updateMemberRole",
            json!({"userId": alice, "role": "admin", "version": 1}),
        )
        .await;
    assert_eq!(code(&demote), -32009);
    let remove =
        server.call(Some("alice"), Some(org), "identity.removeMember", json!({"userId": alice, "version": 1})).await;
    assert_eq!(code(&remove), -32009);
}

#[tokio::test]
async fn members_page_with_a_cursor() {
    let server = TestServer::start().await;
    let org = server.organization("alice", "Acme").await;
    for name in ["bob", "carol", "dave"] {
        let user = server.issuer.identity(name).user_id;
        server
            .ok(
                Some("alice"),
                Some(org),
                "identity.addMember",
                json!({"userId": user, "email": format!("{name}@example.test"), "displayName": name, "role": "member"}),
            )
            .await;
    }
    let mut emails = Vec::new();
    let mut cursor = Value::Null;
    loop {
        let page =
            server.ok(Some("alice"), Some(org), "identity.listMembers", json!({"limit": 3, "cursor": cursor})).await;
        emails.extend(page["items"].as_array().unwrap().iter().map(|m| m["email"].as_str().unwrap().to_owned()));
        cursor = page["nextCursor"].clone();
        if cursor.is_null() {
            break;
        }
    }
    assert_eq!(emails, ["alice@example.test", "bob@example.test", "carol@example.test", "dave@example.test"]);
    let too_big = server.call(Some("alice"), Some(org), "identity.listMembers", json!({"limit": 1000})).await;
    assert_eq!(code(&too_big), -32022);
}

#[tokio::test]
async fn entries_must_balance_per_currency_to_the_cent() {
    let server = TestServer::start().await;
    let books = books(&server, "alice", "bob", "Acme").await;
    let unbalanced = server
        .call(
            Some("bob"),
            Some(books.org),
            "ledger.postEntry",
            json!({"entryDate": "2026-01-02", "memo": "x", "lines": [
            {"accountId": books.cash, "debit": "10.00"}, {"accountId": books.revenue, "credit": "9.99"}]}),
        )
        .await;
    assert_eq!(code(&unbalanced), -32022);
    assert_eq!(unbalanced["error"]["data"]["currency"], "EUR");
    let fraction = server
        .call(
            Some("bob"),
            Some(books.org),
            "ledger.postEntry",
            json!({"entryDate": "2026-01-02", "memo": "x", "lines": [
            {"accountId": books.cash, "debit": "0.001"}, {"accountId": books.revenue, "credit": "0.001"}]}),
        )
        .await;
    assert_eq!(fraction["error"]["data"]["field"], "lines[0].debit");
    let unknown = server
        .call(
            Some("bob"),
            Some(books.org),
            "ledger.postEntry",
            json!({"entryDate": "2026-01-02", "memo": "x", "lines": [
            {"accountId": books.cash, "debit": "1"}, {"accountId": uuid::Uuid::now_v7(), "credit": "1"}]}),
        )
        .await;
    assert_eq!(code(&unknown), -32004);
    assert_eq!(unknown["error"]["data"]["field"], "lines[1].accountId");
    let float = server
        .call(
            Some("bob"),
            Some(books.org),
            "ledger.postEntry",
            json!({"entryDate": "2026-01-02", "memo": "x", "lines": [
            {"accountId": books.cash, "debit": 1.5}, {"accountId": books.revenue, "credit": "1.50"}]}),
        )
        .await;
    assert_eq!(code(&float), -32602, "money is a decimal string, never a float");
}

#[tokio::test]
async fn the_database_refuses_an_unbalanced_entry_even_without_the_service() {
    let server = TestServer::start().await;
    let books = books(&server, "alice", "bob", "Acme").await;
    let (client, conn) = tokio_postgres::connect(&server.db.app_url, tokio_postgres::NoTls).await.unwrap();
    tokio::spawn(conn);
    let error = client
        .batch_execute(&format!(
            "BEGIN; SELECT set_config('app.org_id', '{org}', true);
             INSERT INTO journal_entries (organization_id, entry_id, entry_date, memo, posted_by)
                  VALUES ('{org}', '{e}', '2026-01-01', 'direct', '{e}');
             INSERT INTO journal_lines (organization_id, entry_id, line_no, account_id, currency, debit)
                  VALUES ('{org}', '{e}', 1, '{cash}', 'EUR', 5);
             COMMIT;",
            org = books.org,
            e = uuid::Uuid::now_v7(),
            cash = books.cash
        ))
        .await
        .unwrap_err();
    assert_eq!(error.code().map(|c| c.code()), Some("23514"), "{error:?}");
    let changed = client
        .batch_execute(&format!(
            "ROLLBACK; BEGIN; SELECT set_config('app.org_id', '{}', true); UPDATE journal_lines SET debit = 1",
            books.org
        ))
        .await
        .unwrap_err();
    assert_eq!(changed.code().map(|c| c.code()), Some("42501"), "posted lines are never changed: {changed:?}");
}

#[tokio::test]
async fn reversal_mirrors_an_entry_once_and_the_trial_balance_follows_the_date() {
    let server = TestServer::start().await;
    let books = books(&server, "alice", "bob", "Acme").await;
    let balance =
        |as_of: &'static str| server.ok(Some("bob"), Some(books.org), "ledger.trialBalance", json!({"asOf": as_of}));
    let before = balance("2026-01-14").await;
    assert_eq!(before["totals"], json!([{"currency": "EUR", "debit": "0.00", "credit": "0.00"}]));
    let after = balance("2026-01-15").await;
    assert_eq!(after["totals"], json!([{"currency": "EUR", "debit": "100.00", "credit": "100.00"}]));
    assert_eq!(after["rows"][0]["balance"], "100.00", "cash is debited");

    let reversal = server
        .ok(
            Some("bob"),
            Some(books.org),
            "ledger.reverseEntry",
            json!({"entryId": books.entry, "entryDate": "2026-02-01"}),
        )
        .await;
    assert_eq!(reversal["reversesEntryId"], books.entry.to_string());
    assert_eq!(reversal["lines"][0]["credit"], "100.00");
    let again = server.call(Some("bob"), Some(books.org), "ledger.reverseEntry", json!({"entryId": books.entry})).await;
    assert_eq!(code(&again), -32009);
    let of_reversal =
        server.call(Some("bob"), Some(books.org), "ledger.reverseEntry", json!({"entryId": reversal["entryId"]})).await;
    assert_eq!(code(&of_reversal), -32009);
    let original = server.ok(Some("bob"), Some(books.org), "ledger.getEntry", json!({"entryId": books.entry})).await;
    assert_eq!(original["reversedByEntryId"], reversal["entryId"]);

    let settled = balance("2026-02-01").await;
    assert_eq!(settled["rows"][0]["balance"], "0.00");
    let page = server.ok(Some("bob"), Some(books.org), "ledger.listEntries", json!({"limit": 1})).await;
    assert_eq!(page["items"][0]["entryId"], reversal["entryId"], "newest first");
    let next = server
        .ok(Some("bob"), Some(books.org), "ledger.listEntries", json!({"limit": 1, "cursor": page["nextCursor"]}))
        .await;
    assert_eq!(id(&next["items"][0]["entryId"]), books.entry);
    assert!(next["nextCursor"].is_null());
}

#[tokio::test]
async fn account_codes_are_unique_per_organization_only() {
    let server = TestServer::start().await;
    let acme = books(&server, "alice", "bob", "Acme").await;
    let duplicate = server
        .call(
            Some("alice"),
            Some(acme.org),
            "ledger.createAccount",
            json!({"code": "1000", "name": "Again", "kind": "asset", "currency": "EUR"}),
        )
        .await;
    assert_eq!(code(&duplicate), -32009);
    assert_eq!(duplicate["error"]["data"]["field"], "code");
    let globex = server.organization("bob", "Globex").await;
    server
        .ok(
            Some("bob"),
            Some(globex),
            "ledger.createAccount",
            json!({"code": "1000", "name": "Cash", "kind": "asset", "currency": "USD"}),
        )
        .await;
}

#[tokio::test]
async fn a_posted_entry_reads_back_exactly_as_it_was_answered() {
    let server = TestServer::start().await;
    let books = books(&server, "alice", "bob", "Acme").await;
    let posted = server
        .ok(
            Some("alice"),
            Some(books.org),
            "ledger.postEntry",
            json!({"entryDate": "2030-01-02", "memo": "cents", "lines": [
                {"accountId": books.cash, "debit": "10.5"},
                {"accountId": books.revenue, "credit": "10.50"}
            ]}),
        )
        .await;
    assert_eq!(posted["lines"][0]["debit"], "10.50");
    assert_eq!(posted["lines"][0]["credit"], "0.00");
    let read =
        server.ok(Some("alice"), Some(books.org), "ledger.getEntry", json!({"entryId": posted["entryId"]})).await;
    assert_eq!(read, posted);
}
