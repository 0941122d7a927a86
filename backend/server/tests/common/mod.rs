//! A populated organization for end-to-end suites.

#![allow(dead_code)]

use sent_server::testing::TestServer;
use serde_json::{Value, json};
use uuid::Uuid;

/// One organization with an owner, a member, two accounts and one entry.
pub struct Books {
    pub org: Uuid,
    pub owner: &'static str,
    pub member: &'static str,
    pub member_id: Uuid,
    pub cash: Uuid,
    pub revenue: Uuid,
    pub entry: Uuid,
}

/// The error code of a response that must be an error.
pub fn code(response: &Value) -> i64 {
    response["error"]["code"].as_i64().unwrap_or_else(|| panic!("expected an error: {response}"))
}

pub fn id(value: &Value) -> Uuid {
    value.as_str().and_then(|s| s.parse().ok()).unwrap_or_else(|| panic!("not a uuid: {value}"))
}

/// Build `Books` for `owner` (and `member`) in a new organization.
pub async fn books(server: &TestServer, owner: &'static str, member: &'static str, name: &str) -> Books {
    let org = server.organization(owner, name).await;
    let member_id = server.issuer.identity(member).user_id;
    server
        .ok(
            Some(owner),
            Some(org),
            "identity.addMember",
            json!({"userId": member_id, "email": format!("{member}@example.test"), "displayName": member, "role": "member"}),
        )
        .await;
    let cash = server
        .ok(
            Some(owner),
            Some(org),
            "ledger.createAccount",
            json!({"code": "1000", "name": "Cash", "kind": "asset", "currency": "EUR"}),
        )
        .await;
    let revenue = server
        .ok(
            Some(owner),
            Some(org),
            "ledger.createAccount",
            json!({"code": "4000", "name": "Revenue", "kind": "income", "currency": "EUR"}),
        )
        .await;
    let (cash, revenue) = (id(&cash["accountId"]), id(&revenue["accountId"]));
    let entry = server
        .ok(
            Some(member),
            Some(org),
            "ledger.postEntry",
            json!({"entryDate": "2026-01-15", "memo": "Sale", "lines": [
                {"accountId": cash, "debit": "100.00"},
                {"accountId": revenue, "credit": "100.00"}
            ]}),
        )
        .await;
    Books { org, owner, member, member_id, cash, revenue, entry: id(&entry["entryId"]) }
}

impl Books {
    /// The owner makes the member an admin (the member's first change:
    /// version 1).
    pub async fn make_member_admin(&self, server: &TestServer) {
        server
            .ok(
                Some(self.owner),
                Some(self.org),
                "identity.updateMemberRole",
                json!({"userId": self.member_id, "role": "admin", "version": 1}),
            )
            .await;
    }
}

/// The number of audit rows of an organization, read behind row-level security.
pub async fn audit_rows(server: &TestServer, org: Uuid) -> i64 {
    server.superuser_query(&format!("SELECT count(*) FROM audit_log WHERE organization_id = '{org}'")).await[0].get(0)
}
