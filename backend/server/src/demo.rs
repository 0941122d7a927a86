//! The demo data set that `make run` loads once, through the same call path
//! as every client (so it is audited like any other change):
//!
//! - Acme: alice@acme.test is its owner, the `acme-service` account an
//!   admin; a small chart of accounts and one posted entry.
//! - Globex: the `globex-service` account owns it, bob@globex.test is a
//!   member.

use sent_auth::Identity;
use sent_auth::dev_provider::DevProvider;
use sent_runtime::{Credentials, Dispatcher};
use serde_json::{Value, json};
use uuid::Uuid;

const ALICE: &str = "alice@acme.test";
const BOB: &str = "bob@globex.test";

/// Load the demo data unless alice already belongs to Acme.
///
/// # Errors
/// A call that failed, described.
pub async fn load_once(dispatcher: &Dispatcher, dev: &DevProvider) -> Result<(), String> {
    let alice = person(dev, ALICE)?;
    let bob = person(dev, BOB)?;
    let acme_service = service_account(dev, "acme-service", "acme.test", "Acme service account");
    let globex_service = service_account(dev, "globex-service", "globex.test", "Globex service account");

    let me = call(dispatcher, &alice, None, "identity.me", json!({})).await?;
    let loaded = me["memberships"].as_array().is_some_and(|m| m.iter().any(|m| m["organizationName"] == "Acme"));
    if loaded {
        return Ok(());
    }

    let acme = organization(dispatcher, &alice, "Acme").await?;
    add_member(dispatcher, &alice, acme, &acme_service, "admin").await?;
    let mut accounts = Vec::new();
    for (code, name, kind) in [
        ("1000", "Cash", "asset"),
        ("1100", "Accounts receivable", "asset"),
        ("2000", "Accounts payable", "liability"),
        ("3000", "Owner's equity", "equity"),
        ("4000", "Sales", "income"),
        ("5000", "Rent", "expense"),
    ] {
        let params = json!({ "code": code, "name": name, "kind": kind, "currency": "EUR" });
        let account = call(dispatcher, &alice, Some(acme), "ledger.createAccount", params).await?;
        accounts.push(account["accountId"].clone());
    }
    let opening = json!({
        "entryDate": chrono::Utc::now().date_naive(),
        "memo": "Opening capital",
        "lines": [
            { "accountId": accounts[0], "debit": "10000.00" },
            { "accountId": accounts[3], "credit": "10000.00" },
        ],
    });
    call(dispatcher, &alice, Some(acme), "ledger.postEntry", opening).await?;

    let globex = organization(dispatcher, &globex_service, "Globex").await?;
    add_member(dispatcher, &globex_service, globex, &bob, "member").await?;
    tracing::info!("demo data loaded: Acme and Globex");
    Ok(())
}

/// How to sign in as the demo users, for the ready line.
pub fn accounts(dev: &DevProvider) -> String {
    let password = |email| dev.user(email).map_or_else(|| "?".to_owned(), |u| u.password.clone());
    format!("{ALICE} / {} (owner of Acme) or {BOB} / {} (member of Globex)", password(ALICE), password(BOB))
}

fn person(dev: &DevProvider, email: &str) -> Result<Identity, String> {
    let user = dev.user(email).ok_or_else(|| format!("the local provider has no user {email}"))?;
    Ok(Identity::new(dev.issuer(), &user.sub, Some(user.email.clone()), None))
}

/// A client of the provider acting for an organization: its tokens name the
/// client id as their subject.
fn service_account(dev: &DevProvider, client_id: &str, domain: &str, name: &str) -> Identity {
    Identity::new(dev.issuer(), client_id, Some(format!("{client_id}@{domain}")), Some(name.to_owned()))
}

async fn organization(dispatcher: &Dispatcher, owner: &Identity, name: &str) -> Result<Uuid, String> {
    let created = call(dispatcher, owner, None, "identity.createOrganization", json!({ "name": name })).await?;
    serde_json::from_value(created["organizationId"].clone()).map_err(|e| format!("createOrganization: {e}"))
}

async fn add_member(
    dispatcher: &Dispatcher,
    by: &Identity,
    organization: Uuid,
    member: &Identity,
    role: &str,
) -> Result<(), String> {
    let email = member.email.clone().unwrap_or_else(|| member.subject.clone());
    let params = json!({
        "userId": member.user_id,
        "email": email,
        "displayName": member.name.clone().unwrap_or_else(|| email.clone()),
        "role": role,
    });
    call(dispatcher, by, Some(organization), "identity.addMember", params).await.map(drop)
}

async fn call(
    dispatcher: &Dispatcher,
    caller: &Identity,
    organization_id: Option<Uuid>,
    method: &str,
    params: Value,
) -> Result<Value, String> {
    let credentials = Credentials { identity: Some(caller.clone()), organization_id, ..Credentials::default() };
    let params = serde_json::value::to_raw_value(&params).map_err(|e| e.to_string())?;
    let result = dispatcher
        .call(method, Some(&params), &credentials, Dispatcher::new_request_id())
        .await
        .map_err(|e| format!("{method}: {e}"))?;
    serde_json::from_str(result.get()).map_err(|e| format!("{method}: {e}"))
}
