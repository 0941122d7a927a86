//! Native sign-in (RFC 8252) against the local OpenID provider, without a
//! window: the app opens the "browser" (a program that records the URL),
//! the test types the password as a person would, the provider sends the
//! browser to the app's loopback redirect, and the app's calls then carry
//! the provider's access token, checked against its published keys.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::{Scratch, http_browser, opened_url, query_param, recording_browser, sign_in_at_provider, with_params};
use sent_app::config::Config;
use sent_app::desktop::{Desktop, SignInSettings};
use sent_app::session::RENEW_AHEAD;
use sent_app::sign_in::{Browser, SignInFailure};
use sent_auth::dev_provider::{DevProvider, DevProviderOptions};
use sent_db::testing::test_database;
use serde_json::{Value, json};

const WAIT: Duration = Duration::from_secs(30);
/// A little more than the provider's unit of time.
const SECOND: Duration = Duration::from_millis(1_100);

struct Harness {
    desktop: Arc<Desktop>,
    provider: DevProvider,
    url_file: std::path::PathBuf,
    _scratch: Scratch,
}

/// The app over a fresh database, trusting a fresh local provider (whose
/// access tokens last `access_token_ttl`, or its default), its browser
/// recorded.
async fn harness(test: &str, timeout: Duration, access_token_ttl: Option<Duration>) -> Harness {
    let scratch = Scratch::new(test);
    let provider = DevProvider::start(DevProviderOptions {
        port: None,
        state_dir: scratch.path("oidc"),
        web_redirects: Vec::new(),
        access_token_ttl,
    })
    .await
    .expect("the local provider starts");
    let db = test_database().await;
    let (browser, url_file) = recording_browser(&scratch);
    let config = <Config as clap::Parser>::try_parse_from([
        "sent-app",
        "--database-url",
        &db.app_url,
        "--migration-database-url",
        &db.owner_url,
        "--oidc-issuer",
        provider.issuer(),
        "--data-dir",
        scratch.path("data").to_str().expect("a UTF-8 path"),
    ])
    .expect("a configuration");
    let desktop =
        Desktop::new(SignInSettings { browser: Browser::Program(browser), timeout }).expect("the app's state");
    desktop.start(&config).await;
    Harness { desktop, provider, url_file, _scratch: scratch }
}

async fn me(desktop: &Desktop) -> Value {
    let request = json!({ "jsonrpc": "2.0", "id": 1, "method": "identity.me", "params": {} });
    let outcome = desktop.rpc(&request, None).await;
    serde_json::from_str(outcome.reply.expect("a reply").get()).expect("JSON")
}

#[tokio::test]
async fn a_person_signs_in_in_the_browser_and_the_apps_calls_carry_the_providers_token() {
    let harness = harness("signs-in", WAIT, None).await;
    let alice = harness.provider.user("alice@acme.test").expect("alice").clone();
    assert_eq!(me(&harness.desktop).await["error"]["code"], -32001);

    let desktop = Arc::clone(&harness.desktop);
    let signing_in = tokio::spawn(async move { desktop.sign_in().await });
    let authorize = opened_url(&harness.url_file, WAIT).await;
    assert!(authorize.starts_with(&format!("{}/", harness.provider.issuer())), "{authorize}");
    assert_eq!(query_param(&authorize, "client_id").as_deref(), Some("sent-desktop"));
    assert_eq!(query_param(&authorize, "code_challenge_method").as_deref(), Some("S256"));
    let redirect = query_param(&authorize, "redirect_uri").expect("a redirect URI");
    assert!(redirect.starts_with("http://127.0.0.1:") && redirect.ends_with("/callback"), "{redirect}");

    let browser = http_browser();
    let callback = sign_in_at_provider(&browser, &authorize, &alice.email, &alice.password).await;
    assert!(callback.starts_with(&redirect), "{callback} comes back to {redirect}");

    // A local program guessing at the port, without the state, changes
    // nothing.
    let stray = browser.get(with_params(&callback, &[("state", "guessed")])).send().await.expect("an answer");
    assert_eq!(stray.status(), 400);

    let landed = browser.get(&callback).send().await.expect("the app answers");
    assert_eq!(landed.status(), 200);
    let page = landed.text().await.expect("a page");
    assert!(page.contains("signed in to SENT as alice@acme.test"), "{page}");

    let session = signing_in.await.expect("the task").expect("signed in");
    assert!(session.signed_in);
    assert_eq!(session.email.as_deref(), Some("alice@acme.test"));
    let expected = sent_auth::user_id(harness.provider.issuer(), &alice.sub);
    assert_eq!(session.user_id, Some(expected.to_string()));

    let me = me(&harness.desktop).await;
    assert_eq!(me["result"]["email"], "alice@acme.test", "{me}");
    assert_eq!(me["result"]["userId"], expected.to_string());

    // The loopback port is closed once the sign-in is over.
    let closed = browser.get(&callback).send().await;
    assert!(closed.is_err(), "the loopback listener is gone: {closed:?}");
    harness.desktop.shutdown().await;
}

/// The access token's expiry the page sees, after a call.
async fn expiry_after_a_call(desktop: &Desktop) -> String {
    assert_eq!(me(desktop).await["result"]["email"], "alice@acme.test");
    desktop.session_info().expires_at.expect("the provider says when tokens lapse")
}

#[tokio::test]
async fn an_access_token_about_to_lapse_is_renewed_with_the_refresh_token_before_a_call() {
    // Tokens that last less than the renewal margin: every call renews first.
    let harness = harness("renews", WAIT, Some(RENEW_AHEAD / 2)).await;
    let alice = harness.provider.user("alice@acme.test").expect("alice").clone();
    let desktop = Arc::clone(&harness.desktop);
    let signing_in = tokio::spawn(async move { desktop.sign_in().await });
    let authorize = opened_url(&harness.url_file, WAIT).await;
    let scope = query_param(&authorize, "scope").expect("a scope");
    assert!(scope.split(' ').any(|s| s == "offline_access"), "{scope}");
    assert_eq!(query_param(&authorize, "prompt").as_deref(), Some("consent"), "offline access needs consent");
    let browser = http_browser();
    let callback = sign_in_at_provider(&browser, &authorize, &alice.email, &alice.password).await;
    assert_eq!(browser.get(&callback).send().await.expect("the app answers").status(), 200);
    let signed_in = signing_in.await.expect("the task").expect("signed in");
    let mut expiry = signed_in.expires_at.expect("the provider says when tokens lapse");

    for _ in 0..2 {
        // The provider counts lifetimes in whole seconds; let one go by.
        tokio::time::sleep(SECOND).await;
        let renewed = expiry_after_a_call(&harness.desktop).await;
        assert!(renewed > expiry, "renewed: {renewed} after {expiry}");
        expiry = renewed;
    }

    // Calls at once renew one after the other, each with the refresh token
    // the last renewal gave: a spent one used again would make the provider
    // revoke the sign-in, and the renewal after would fail.
    let (one, two) = tokio::join!(me(&harness.desktop), me(&harness.desktop));
    assert_eq!(
        (&one["result"]["email"], &two["result"]["email"]),
        (&json!("alice@acme.test"), &json!("alice@acme.test"))
    );
    let expiry = harness.desktop.session_info().expires_at.expect("an expiry");
    tokio::time::sleep(SECOND).await;
    assert!(expiry_after_a_call(&harness.desktop).await > expiry, "the sign-in still renews");
    harness.desktop.shutdown().await;
}

#[tokio::test]
async fn a_refusal_or_a_response_from_another_issuer_signs_nobody_in() {
    let harness = harness("refused", WAIT, None).await;
    let browser = http_browser();

    for (params, expected) in [
        (vec![("error", "access_denied"), ("error_description", "the person said no")], "access_denied"),
        (vec![("code", "stolen"), ("iss", "http://evil.test")], "another identity provider"),
    ] {
        let desktop = Arc::clone(&harness.desktop);
        let signing_in = tokio::spawn(async move { desktop.sign_in().await });
        let authorize = opened_url(&harness.url_file, WAIT).await;
        let state = query_param(&authorize, "state").expect("a state");
        let redirect = query_param(&authorize, "redirect_uri").expect("a redirect URI");
        let mut answer: Vec<(&str, &str)> = vec![("state", &state)];
        answer.extend(params);
        let response = browser.get(with_params(&redirect, &answer)).send().await.expect("the app answers");
        assert_eq!(response.status(), 400);
        let page = response.text().await.expect("a page");
        assert!(page.contains("Sign-in failed"), "{page}");
        let failure = signing_in.await.expect("the task").expect_err("nobody is signed in");
        assert!(failure.to_string().contains(expected), "{failure}");
        assert!(!harness.desktop.session_info().signed_in);
    }
    harness.desktop.shutdown().await;
}

#[tokio::test]
async fn a_sign_in_nobody_finishes_times_out_and_a_newer_one_takes_over() {
    let harness = harness("timeout", Duration::from_secs(2), None).await;
    let desktop = Arc::clone(&harness.desktop);
    let first = tokio::spawn(async move { desktop.sign_in().await });
    let first_url = opened_url(&harness.url_file, WAIT).await;
    let desktop = Arc::clone(&harness.desktop);
    let second = tokio::spawn(async move { desktop.sign_in().await });
    let second_url = opened_url(&harness.url_file, WAIT).await;
    assert_ne!(query_param(&first_url, "state"), query_param(&second_url, "state"));

    assert!(matches!(first.await.expect("the task"), Err(SignInFailure::Superseded)));
    assert!(matches!(second.await.expect("the task"), Err(SignInFailure::TimedOut(_))));
    // The superseded sign-in's loopback port is closed.
    let redirect = query_param(&first_url, "redirect_uri").expect("a redirect URI");
    assert!(http_browser().get(&redirect).send().await.is_err());
    harness.desktop.shutdown().await;
}
