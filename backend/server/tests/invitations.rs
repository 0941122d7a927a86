//! Invitations, end to end: only the invited address can accept, once;
//! revoked and lapsed ones cannot be used; the secret never reaches the log.

mod common;

use common::{books, code};
use sent_server::testing::TestServer;
use serde_json::json;

#[tokio::test]
async fn the_invited_person_joins_with_the_role_once() {
    let server = TestServer::start().await;
    let books = books(&server, "alice", "bob", "Acme").await;
    let issued = server
        .ok(
            Some("alice"),
            Some(books.org),
            "identity.inviteMember",
            json!({"email": "Carol@Example.test", "role": "admin"}),
        )
        .await;
    assert_eq!(issued["invitation"]["status"], "pending");
    let token = issued["token"].as_str().expect("a secret").to_owned();

    // Someone else with the secret cannot use it.
    let stolen = server.call(Some("mallory"), None, "identity.acceptInvitation", json!({"token": token})).await;
    assert_eq!(code(&stolen), -32003, "{stolen}");

    let joined = server.ok(Some("carol"), None, "identity.acceptInvitation", json!({"token": token})).await;
    assert_eq!(joined, json!({"organizationId": books.org, "organizationName": "Acme", "role": "admin"}));
    let listed = server.ok(Some("carol"), Some(books.org), "identity.listMembers", json!({})).await;
    assert!(listed["items"].as_array().expect("items").iter().any(|m| m["email"] == "Carol@Example.test"));

    let again = server.call(Some("carol"), None, "identity.acceptInvitation", json!({"token": token})).await;
    assert_eq!(code(&again), -32009, "{again}");
    let page = server.ok(Some("alice"), Some(books.org), "identity.listInvitations", json!({})).await;
    assert_eq!(page["items"][0]["status"], "accepted");

    // The secret is in no audit row, neither the issuing nor the accepting one.
    let rows = server
        .superuser_query(&format!("SELECT params::text FROM audit_log WHERE organization_id = '{}'", books.org))
        .await;
    let secret = token.split_once('.').expect("a dotted token").1;
    assert!(rows.iter().all(|row| !row.get::<_, String>(0).contains(secret)), "the secret leaked into the log");
}

#[tokio::test]
async fn revoked_forged_and_lapsed_invitations_do_not_let_anyone_in() {
    let server = TestServer::start().await;
    let books = books(&server, "alice", "bob", "Acme").await;
    let issue = |email: &'static str| {
        let server = &server;
        async move {
            server
                .ok(Some("alice"), Some(books.org), "identity.inviteMember", json!({"email": email, "role": "member"}))
                .await
        }
    };

    let revoked = issue("dave@example.test").await;
    let invitation_id = &revoked["invitation"]["invitationId"];
    let withdrawn = server
        .ok(
            Some("alice"),
            Some(books.org),
            "identity.revokeInvitation",
            json!({"invitationId": invitation_id, "version": 1}),
        )
        .await;
    assert_eq!(withdrawn["status"], "revoked");
    let refused =
        server.call(Some("dave"), None, "identity.acceptInvitation", json!({"token": revoked["token"]})).await;
    assert_eq!(code(&refused), -32009, "{refused}");

    // A made-up secret for a real organization is simply not found.
    let forged = format!("{}.{}", books.org.simple(), "A".repeat(43));
    let response = server.call(Some("dave"), None, "identity.acceptInvitation", json!({"token": forged})).await;
    assert_eq!(code(&response), -32004, "{response}");
    let response = server.call(Some("dave"), None, "identity.acceptInvitation", json!({"token": "junk"})).await;
    assert_eq!(code(&response), -32022, "{response}");

    let lapsed = issue("erin@example.test").await;
    server
        .superuser_execute(&format!(
            "UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE invitation_id = '{}'",
            lapsed["invitation"]["invitationId"].as_str().expect("an id")
        ))
        .await;
    let response =
        server.call(Some("erin"), None, "identity.acceptInvitation", json!({"token": lapsed["token"]})).await;
    assert_eq!(code(&response), -32009, "{response}");
    // A lapsed invitation no longer holds the address: it can be invited again.
    issue("erin@example.test").await;

    let members = server.ok(Some("alice"), Some(books.org), "identity.listMembers", json!({})).await;
    assert_eq!(members["items"].as_array().expect("items").len(), 2, "only alice and bob: {members}");
}

#[tokio::test]
async fn inviting_follows_the_roles() {
    let server = TestServer::start().await;
    let books = books(&server, "alice", "bob", "Acme").await;
    let member = server
        .call(
            Some("bob"),
            Some(books.org),
            "identity.inviteMember",
            json!({"email": "x@example.test", "role": "member"}),
        )
        .await;
    assert_eq!(code(&member), -32003, "a member cannot invite: {member}");
    books.make_member_admin(&server).await;
    let owner = server
        .call(
            Some("bob"),
            Some(books.org),
            "identity.inviteMember",
            json!({"email": "x@example.test", "role": "owner"}),
        )
        .await;
    assert_eq!(code(&owner), -32003, "an admin cannot invite an owner: {owner}");
    let existing = server
        .call(
            Some("alice"),
            Some(books.org),
            "identity.inviteMember",
            json!({"email": "bob@example.test", "role": "member"}),
        )
        .await;
    assert_eq!(code(&existing), -32009, "a member is not invited again: {existing}");
    server
        .ok(
            Some("alice"),
            Some(books.org),
            "identity.inviteMember",
            json!({"email": "x@example.test", "role": "member"}),
        )
        .await;
    let twice = server
        .call(
            Some("alice"),
            Some(books.org),
            "identity.inviteMember",
            json!({"email": "X@example.test", "role": "member"}),
        )
        .await;
    assert_eq!(code(&twice), -32009, "one open invitation per address: {twice}");
}
