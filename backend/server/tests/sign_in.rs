//! Sign-in against the local OpenID provider, end to end: the browser code
//! flow without a browser, sessions and sign-out, bearer tokens from the
//! provider, forged tokens, removed members, and key rotation.

use std::path::{Path, PathBuf};
use std::time::Duration;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use reqwest::cookie::CookieStore as _;
use sent_auth::dev_provider::{DevProvider, DevProviderOptions};
use sent_server::testing::TestServer;
use serde_json::{Value, json};

/// A state directory of the provider's own for one test.
fn state_dir(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("sign-in").join(format!("{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// A browser: a cookie jar and no automatic redirects.
fn browser() -> (reqwest::Client, std::sync::Arc<reqwest::cookie::Jar>) {
    let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .cookie_provider(jar.clone())
        .timeout(Duration::from_secs(30))
        .build()
        .expect("an HTTP client");
    (client, jar)
}

/// Sign in through `/auth/login` as a person would, typing the password
/// into the provider's form; the session cookie's value.
async fn sign_in(server: &TestServer, email: &str, password: &str) -> String {
    try_sign_in(server, email, password).await.unwrap_or_else(|refused| panic!("{email} signs in: {refused}"))
}

/// The session cookie, or the provider's answer to the password.
async fn try_sign_in(server: &TestServer, email: &str, password: &str) -> Result<String, String> {
    let (client, jar) = browser();
    let mut url = server.url("/auth/login?returnTo=/after");
    for _ in 0..20 {
        let response = client.get(&url).send().await.expect("the hop answers");
        let status = response.status();
        if status.is_redirection() {
            let location = response.headers()["location"].to_str().expect("a location").to_owned();
            url = reqwest::Url::parse(&url).and_then(|base| base.join(&location)).expect("a URL").to_string();
            if url == server.url("/after") {
                let cookies = jar.cookies(&url.parse().expect("a URL")).expect("cookies after sign-in");
                return Ok(session_from(cookies.to_str().expect("ascii cookies")));
            }
            continue;
        }
        let page = response.text().await.expect("a page");
        assert_eq!(status, 200, "{url}: {page}");
        assert!(page.contains("name=\"password\""), "a login form at {url}: {page}");
        let action = reqwest::Url::parse(&url).and_then(|u| u.join(&format!("{}/login", u.path()))).expect("a URL");
        let posted = client
            .post(action)
            .form(&[("login", email), ("password", password)])
            .send()
            .await
            .expect("the form is posted");
        if !posted.status().is_redirection() {
            return Err(format!("{}: {}", posted.status(), posted.text().await.unwrap_or_default()));
        }
        let location = posted.headers()["location"].to_str().expect("a location").to_owned();
        url = reqwest::Url::parse(&url).and_then(|base| base.join(&location)).expect("a URL").to_string();
    }
    panic!("sign-in did not finish in 20 hops (at {url})");
}

fn session_from(cookie_header: &str) -> String {
    cookie_header
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == "sent_session")
        .map(|(_, value)| value.to_owned())
        .expect("a session cookie")
}

/// One call with the given headers; the whole response.
async fn rpc(server: &TestServer, headers: &[(&str, String)], method: &str, params: Value) -> Value {
    let pairs: Vec<(&str, &str)> = headers.iter().map(|(name, value)| (*name, value.as_str())).collect();
    let body = json!({ "jsonrpc": "2.0", "id": 1, "method": method, "params": params }).to_string();
    let (_, text) = server.post(body, &pairs).await;
    serde_json::from_str(&text).expect("a JSON response")
}

fn with_session(session: &str) -> Vec<(&'static str, String)> {
    vec![("cookie", format!("sent_session={session}")), ("x-sent-csrf", "1".to_owned())]
}

fn bearer(token: &str) -> Vec<(&'static str, String)> {
    vec![("authorization", format!("Bearer {token}"))]
}

fn error_code(response: &Value) -> i64 {
    response["error"]["code"].as_i64().unwrap_or_else(|| panic!("an error: {response}"))
}

async fn count(server: &TestServer, sql: &str) -> i64 {
    server.superuser_query(sql).await[0].get(0)
}

/// Sign `claims` with the provider's current RSA key (read from its state
/// directory), with header fields `header`: tokens a real provider would
/// never issue, for the verifier to refuse.
fn forge(state_dir: &Path, header: &Value, claims: &Value) -> String {
    const SIGN: &str = r"
        import { readFileSync } from 'node:fs';
        import { createPrivateKey, sign } from 'node:crypto';
        const [file, header, claims] = process.argv.slice(1);
        const key = JSON.parse(readFileSync(file, 'utf8')).keys.find((k) => k.alg === 'RS256');
        const part = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
        const input = `${part({ ...JSON.parse(header), kid: key.kid })}.${part(JSON.parse(claims))}`;
        const signature = sign('sha256', Buffer.from(input), createPrivateKey({ key, format: 'jwk' }));
        process.stdout.write(`${input}.${signature.toString('base64url')}`);
    ";
    let output = std::process::Command::new("node")
        .args(["--input-type=module", "-e", SIGN])
        .arg(state_dir.join("jwks.json"))
        .arg(header.to_string())
        .arg(claims.to_string())
        .output()
        .expect("node runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).expect("a token")
}

fn claims_of(token: &str) -> Value {
    let payload = token.split('.').nth(1).expect("a JWT");
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).expect("base64url")).expect("JSON claims")
}

fn header_of(token: &str) -> Value {
    let header = token.split('.').next().expect("a JWT");
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(header).expect("base64url")).expect("a JSON header")
}

fn now() -> i64 {
    i64::try_from(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).expect("a clock").as_secs())
        .expect("a timestamp")
}

#[tokio::test]
async fn a_person_signs_in_with_the_code_flow_and_the_session_carries_their_calls() {
    let dir = state_dir("code-flow");
    let (server, provider) = TestServer::start_with_local_provider(&dir).await;
    let alice = provider.user("alice@acme.test").expect("alice").clone();
    let session = sign_in(&server, &alice.email, &alice.password).await;

    let me = rpc(&server, &with_session(&session), "identity.me", json!({})).await;
    assert_eq!(me["result"]["email"], "alice@acme.test", "{me}");
    let expected_id = sent_auth::user_id(provider.issuer(), &alice.sub);
    assert_eq!(me["result"]["userId"], expected_id.to_string());
    // The first sign-in provisioned her.
    let provisioned = count(
        &server,
        &format!("SELECT count(*) FROM users WHERE user_id = '{expected_id}' AND email = 'alice@acme.test'"),
    )
    .await;
    assert_eq!(provisioned, 1);

    // Her session works for mutations too, and they are hers.
    let org = rpc(&server, &with_session(&session), "identity.createOrganization", json!({ "name": "Acme" })).await;
    assert!(org.get("result").is_some(), "{org}");

    // A wrong password signs no one in.
    let refused = try_sign_in(&server, &alice.email, "not-her-password").await;
    assert!(refused.as_ref().is_err_and(|answer| answer.starts_with("401")), "{refused:?}");
    assert_eq!(count(&server, "SELECT count(*) FROM sessions").await, 1);
}

#[tokio::test]
async fn a_cookie_without_the_anti_forgery_header_is_refused_and_changes_nothing() {
    let dir = state_dir("csrf");
    let (server, provider) = TestServer::start_with_local_provider(&dir).await;
    let alice = provider.user("alice@acme.test").expect("alice").clone();
    let session = sign_in(&server, &alice.email, &alice.password).await;

    let forged = vec![("cookie", format!("sent_session={session}")), ("origin", "https://evil.test".to_owned())];
    let response = rpc(&server, &forged, "identity.createOrganization", json!({ "name": "Hijacked" })).await;
    assert_eq!(error_code(&response), -32003, "{response}");
    assert_eq!(response["error"]["data"]["kind"], "forbidden");
    assert_eq!(count(&server, "SELECT count(*) FROM organizations").await, 0);
    assert_eq!(count(&server, "SELECT count(*) FROM audit_log").await, 0);

    // Signing out needs the header too.
    let (client, _) = browser();
    let logout = client
        .post(server.url("/auth/logout"))
        .header("cookie", format!("sent_session={session}"))
        .send()
        .await
        .expect("logout answers");
    assert_eq!(logout.status(), 403);
    let me = rpc(&server, &with_session(&session), "identity.me", json!({})).await;
    assert!(me.get("result").is_some(), "still signed in: {me}");
}

#[tokio::test]
async fn signing_out_ends_the_session_and_signing_out_everywhere_ends_them_all() {
    let dir = state_dir("sign-out");
    let (server, provider) = TestServer::start_with_local_provider(&dir).await;
    let alice = provider.user("alice@acme.test").expect("alice").clone();
    let laptop = sign_in(&server, &alice.email, &alice.password).await;
    let phone = sign_in(&server, &alice.email, &alice.password).await;
    let tablet = sign_in(&server, &alice.email, &alice.password).await;
    let (client, _) = browser();
    let sign_out = |session: String, everywhere: bool| {
        let client = client.clone();
        let url = server.url(if everywhere { "/auth/logout?everywhere=true" } else { "/auth/logout" });
        async move {
            let response = client
                .post(url)
                .header("cookie", format!("sent_session={session}"))
                .header("x-sent-csrf", "1")
                .send()
                .await
                .expect("logout answers");
            assert_eq!(response.status(), 200);
            let cleared = response.headers()["set-cookie"].to_str().expect("a cookie").to_owned();
            assert!(cleared.starts_with("sent_session=;") && cleared.contains("Max-Age=0"), "{cleared}");
        }
    };

    sign_out(laptop.clone(), false).await;
    let me = rpc(&server, &with_session(&laptop), "identity.me", json!({})).await;
    assert_eq!(error_code(&me), -32001, "{me}");
    let me = rpc(&server, &with_session(&phone), "identity.me", json!({})).await;
    assert!(me.get("result").is_some(), "the other sessions live on: {me}");

    sign_out(phone.clone(), true).await;
    for session in [phone, tablet] {
        let me = rpc(&server, &with_session(&session), "identity.me", json!({})).await;
        assert_eq!(error_code(&me), -32001, "{me}");
    }
}

#[tokio::test]
async fn the_callback_refuses_a_sign_in_it_did_not_start_or_from_another_issuer() {
    let dir = state_dir("callback");
    let (server, provider) = TestServer::start_with_local_provider(&dir).await;
    let (client, _) = browser();
    let start = client.get(server.url("/auth/login")).send().await.expect("login answers");
    let location = reqwest::Url::parse(start.headers()["location"].to_str().expect("a location")).expect("a URL");
    let state = location.query_pairs().find(|(k, _)| k == "state").map(|(_, v)| v.into_owned()).expect("a state");
    let issuer = provider.issuer().to_owned();

    let cases = [
        // A state this browser never started (a login-CSRF attempt).
        (browser().0, format!("/auth/callback?code=x&state=other&iss={issuer}")),
        // The right browser and state, but a response from another provider.
        (client.clone(), format!("/auth/callback?code=x&state={state}&iss=https://evil.test")),
        // No issuer named by a provider that always names itself.
        (client.clone(), format!("/auth/callback?code=x&state={state}")),
        // The right everything but a code the provider never issued.
        (client.clone(), format!("/auth/callback?code=forged&state={state}&iss={issuer}")),
    ];
    for (client, path) in cases {
        let response = client.get(server.url(&path)).send().await.expect("the callback answers");
        assert_eq!(response.status(), 400, "{path}");
        assert!(
            response.headers().get("set-cookie").is_none_or(|c| !c.to_str().unwrap_or("").contains("sent_session="))
        );
    }
    assert_eq!(count(&server, "SELECT count(*) FROM sessions").await, 0);
}

#[tokio::test]
async fn provider_tokens_work_and_forged_ones_are_refused_without_changing_anything() {
    let dir = state_dir("tokens");
    let (server, provider) = TestServer::start_with_local_provider(&dir).await;
    let token = provider.client_credentials_token("acme-service").await.expect("a service token");
    let created = rpc(&server, &bearer(&token), "identity.createOrganization", json!({ "name": "Acme" })).await;
    assert!(created.get("result").is_some(), "{created}");
    let audit_rows = count(&server, "SELECT count(*) FROM audit_log").await;

    let claims = claims_of(&token);
    let header = header_of(&token);
    let at_jwt = json!({ "alg": "RS256", "typ": "at+jwt" });
    let with = |changes: Value| {
        let mut forged = claims.clone();
        for (key, value) in changes.as_object().expect("an object") {
            forged[key] = value.clone();
        }
        forged
    };
    let tampered = {
        let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
        parts[1] = URL_SAFE_NO_PAD.encode(with(json!({ "sub": "globex-service" })).to_string());
        parts.join(".")
    };
    let unsigned = format!(
        "{}.{}.",
        URL_SAFE_NO_PAD.encode(json!({ "alg": "none", "typ": "at+jwt", "kid": header["kid"] }).to_string()),
        token.split('.').nth(1).expect("claims")
    );
    let foreign = server.issuer.sign(&json!({
        "iss": provider.issuer(), "aud": provider.audience(), "sub": "acme-service",
        "exp": now() + 600, "iat": now(),
    }));
    let cases = [
        ("expired", forge(&dir, &at_jwt, &with(json!({ "exp": now() - 3600, "iat": now() - 7200 })))),
        ("another audience", forge(&dir, &at_jwt, &with(json!({ "aud": "urn:another:api" })))),
        ("another issuer", forge(&dir, &at_jwt, &with(json!({ "iss": "https://evil.test" })))),
        ("an ID token", forge(&dir, &json!({ "alg": "RS256", "typ": "JWT" }), &claims)),
        ("signed by an unknown key", foreign),
        ("alg none", unsigned),
        ("tampered", tampered),
        ("not a token", "not-a-token".to_owned()),
    ];
    for (what, forged) in cases {
        let response = rpc(&server, &bearer(&forged), "identity.createOrganization", json!({ "name": what })).await;
        assert_eq!(error_code(&response), -32001, "{what}: {response}");
        assert!(!response.to_string().contains("InvalidSignature"), "no internals leak: {response}");
    }
    assert_eq!(count(&server, "SELECT count(*) FROM organizations").await, 1);
    assert_eq!(count(&server, "SELECT count(*) FROM audit_log").await, audit_rows);
}

#[tokio::test]
async fn roles_come_from_membership_and_a_removed_member_is_refused_at_once() {
    let dir = state_dir("membership");
    let (server, provider) = TestServer::start_with_local_provider(&dir).await;
    let acme = provider.client_credentials_token("acme-service").await.expect("a token");
    let globex = provider.client_credentials_token("globex-service").await.expect("a token");
    let org = rpc(&server, &bearer(&acme), "identity.createOrganization", json!({ "name": "Acme" })).await;
    let org = org["result"]["organizationId"].as_str().expect("an id").to_owned();
    let globex_id = sent_auth::user_id(provider.issuer(), claims_of(&globex)["sub"].as_str().expect("a subject"));
    let in_acme = |token: &str| {
        let mut headers = bearer(token);
        headers.push(("sent-organization", org.clone()));
        headers
    };

    let added = rpc(
        &server,
        &in_acme(&acme),
        "identity.addMember",
        json!({ "userId": globex_id, "email": "globex-service@globex.test", "displayName": "Globex service", "role": "member" }),
    )
    .await;
    assert!(added.get("result").is_some(), "{added}");
    let listed = rpc(&server, &in_acme(&globex), "identity.listMembers", json!({})).await;
    assert!(listed.get("result").is_some(), "a member reads: {listed}");

    // A member cannot do an admin's work.
    let refused = rpc(
        &server,
        &in_acme(&globex),
        "identity.addMember",
        json!({ "userId": uuid::Uuid::now_v7(), "email": "x@acme.test", "displayName": "X", "role": "member" }),
    )
    .await;
    assert_eq!(error_code(&refused), -32003, "{refused}");

    let version = added["result"]["version"].clone();
    let removed =
        rpc(&server, &in_acme(&acme), "identity.removeMember", json!({ "userId": globex_id, "version": version }))
            .await;
    assert!(removed.get("result").is_some(), "{removed}");
    // The same, still valid, token is refused in Acme from the next call on.
    let after = rpc(&server, &in_acme(&globex), "identity.listMembers", json!({})).await;
    assert_eq!(error_code(&after), -32003, "{after}");
}

#[tokio::test]
async fn key_rotation_at_the_provider_is_picked_up_without_a_restart() {
    let dir = state_dir("rotation");
    let (server, provider) = TestServer::start_with_local_provider(&dir).await;
    let before = provider.client_credentials_token("acme-service").await.expect("a token");
    let me = rpc(&server, &bearer(&before), "identity.me", json!({})).await;
    assert!(me.get("result").is_some(), "{me}");

    let port = reqwest::Url::parse(provider.issuer()).expect("a URL").port().expect("a port");
    let redirects = vec![server.url("/auth/callback")];
    provider.stop().await.expect("the provider stops");
    let rotated = std::process::Command::new("node")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("../dev-oidc/provider.mjs"))
        .args(["rotate-keys", "--state-dir"])
        .arg(&dir)
        .output()
        .expect("node runs");
    assert!(rotated.status.success(), "{}", String::from_utf8_lossy(&rotated.stderr));
    let provider = DevProvider::start(DevProviderOptions {
        port: Some(port),
        state_dir: dir.clone(),
        web_redirects: redirects,
        access_token_ttl: None,
    })
    .await
    .expect("the provider restarts");
    let after = provider.client_credentials_token("acme-service").await.expect("a token");
    assert_ne!(header_of(&after)["kid"], header_of(&before)["kid"], "signed with the new key");

    // The server still holds the old key set; the unknown key id makes it
    // look again (at most once a second here).
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let me = rpc(&server, &bearer(&after), "identity.me", json!({})).await;
    assert!(me.get("result").is_some(), "the new key is picked up: {me}");
    let me = rpc(&server, &bearer(&before), "identity.me", json!({})).await;
    assert!(me.get("result").is_some(), "tokens signed before the rotation still verify: {me}");
    provider.stop().await.expect("the provider stops");
}
