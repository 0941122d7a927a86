//! Getting a token from the OpenID provider.
//!
//! A person signs in in a browser, with the authorization-code flow and PKCE
//! as the public client `sent-cli` and a loopback redirect (RFC 8252): `sent`
//! listens on `127.0.0.1` on a port of the system's choosing and the
//! provider sends the browser back there. A service account uses the
//! client-credentials grant with its own id and secret.
//!
//! A person's sign-in comes with a refresh token, with which a lapsed access
//! token is renewed; a service account signs in again (its secret is never
//! saved).

use std::time::{Duration, SystemTime};

use openidconnect::OAuth2TokenResponse as _;
use sent_auth::loopback::{Loopback, LoopbackError};
use sent_auth::renewal::{self, Renewed};
use sent_auth::{RelyingParty, RelyingPartyConfig, SignInError, describe, discover_client};

use crate::credentials::{Saved, Store, unix_seconds};
use crate::exit::{Exit, Failure};

/// The provider's client id for this command line (a public client: PKCE,
/// no secret).
pub const CLI_CLIENT_ID: &str = "sent-cli";

/// Sign a person in through their browser.
///
/// # Errors
/// Exit 1 when the provider cannot be reached; exit 3 when sign-in is
/// refused, fails or is not finished within `wait`.
pub async fn in_browser(issuer: &str, open_browser: bool, wait: Duration) -> Result<Saved, Failure> {
    let loopback = Loopback::bind().await.map_err(|e| Failure::new(Exit::Other, "login", e.to_string()))?;
    let http = http_client()?;
    let config = RelyingPartyConfig {
        issuer: issuer.to_owned(),
        client_id: CLI_CLIENT_ID.to_owned(),
        client_secret: None,
        redirect_uri: loopback.redirect_uri(),
        min_refresh: Duration::from_secs(60),
        offline_access: true,
    };
    let relying_party = RelyingParty::discover(config, http).await.map_err(|e| match e {
        SignInError::Discovery { reason, .. } => provider_unreachable(issuer, &reason),
        other => Failure::usage(format!("cannot sign in with --issuer {issuer}: {other}")),
    })?;
    let start = relying_party.start_login().await;

    eprintln!("To sign in, open this address in a browser:\n{}", start.url);
    if open_browser {
        open_in_browser(&start.url);
    }
    let signed_in = loopback.wait(relying_party, start, "the terminal", wait).await.map_err(|e| match e {
        LoopbackError::TimedOut(_) => Failure::new(
            Exit::Auth,
            "login",
            format!("the browser did not come back within {} s; run `sent login` again", wait.as_secs()),
        ),
        LoopbackError::SignIn(e) => Failure::new(Exit::Auth, "login", format!("sign-in failed: {e}")),
        other @ (LoopbackError::Listen(_) | LoopbackError::Stopped) => {
            Failure::new(Exit::Other, "login", other.to_string())
        }
    })?;
    Ok(Saved {
        signed_in_as: signed_in.identity.email.clone().unwrap_or_else(|| signed_in.identity.subject.clone()),
        access_token: signed_in.access_token,
        refresh_token: signed_in.refresh_token,
        expires_at: signed_in.expires_at.map(unix_seconds),
        issuer: issuer.to_owned(),
        client_id: CLI_CLIENT_ID.to_owned(),
    })
}

/// Sign a service account in with the client-credentials grant.
///
/// # Errors
/// Exit 1 when the provider cannot be reached; exit 3 when it refuses the
/// client.
pub async fn as_service(issuer: &str, client_id: &str, client_secret: String) -> Result<Saved, Failure> {
    let http = http_client()?;
    let (client, _) = discover_client(issuer, client_id, Some(&client_secret), &http).await.map_err(|e| match e {
        SignInError::Config(reason) => Failure::usage(format!("--issuer {issuer:?} is not a URL: {reason}")),
        SignInError::Discovery { reason, .. } => provider_unreachable(issuer, &reason),
        other => Failure::usage(format!("cannot sign in with --issuer {issuer}: {other}")),
    })?;
    let requested_at = SystemTime::now();
    let token = client
        .exchange_client_credentials()
        .map_err(|e| {
            Failure::new(Exit::Other, "login", format!("the provider at {issuer} has no token endpoint: {e}"))
        })?
        .request_async(&http)
        .await
        .map_err(|e| {
            Failure::new(Exit::Auth, "login", format!("the provider refused client {client_id}: {}", describe(&e)))
        })?;
    Ok(Saved {
        access_token: token.access_token().secret().clone(),
        refresh_token: token.refresh_token().map(|t| t.secret().clone()),
        // Counted from before the request: never thought valid for longer
        // than it is.
        expires_at: token.expires_in().map(|lifetime| unix_seconds(requested_at + lifetime)),
        issuer: issuer.to_owned(),
        client_id: client_id.to_owned(),
        signed_in_as: client_id.to_owned(),
    })
}

/// The access token saved for `server`, renewed first when it has lapsed.
/// Under the store's lock: a `sent` running meanwhile either renewed it
/// already (its token is used) or waits for this one.
///
/// # Errors
/// Exit 3 when nothing is saved, the token lapsed without a refresh token,
/// or the provider refuses to renew; exit 1 when it cannot be reached.
pub async fn renewed(store: &Store, server: &str) -> Result<String, Failure> {
    let _lock = store.lock().await?;
    let saved = store.get(server)?.ok_or_else(|| {
        Failure::new(Exit::Auth, "unauthenticated", format!("nobody is signed in to {server}; run `sent login`"))
    })?;
    if !saved.is_expired(SystemTime::now()) {
        return Ok(saved.access_token);
    }
    let Some(refresh_token) = saved.refresh_token.as_deref() else { return Err(expired(server, &saved, None)) };
    let client = renewal::Client { issuer: &saved.issuer, client_id: &saved.client_id, client_secret: None };
    let Renewed { access_token, refresh_token, expires_at } =
        renewal::renew(&client, refresh_token, &http_client()?).await.map_err(|e| match e {
            SignInError::Discovery { reason, .. } => provider_unreachable(&saved.issuer, &reason),
            refused => expired(server, &saved, Some(&refused)),
        })?;
    let access = access_token.clone();
    store.put(
        server,
        Saved { access_token, refresh_token: Some(refresh_token), expires_at: expires_at.map(unix_seconds), ..saved },
    )?;
    Ok(access)
}

/// The saved token lapsed and cannot be renewed (`why`, when it was tried).
fn expired(server: &str, saved: &Saved, why: Option<&SignInError>) -> Failure {
    let when = saved.expiry_text().map(|at| format!(" at {at}")).unwrap_or_default();
    let why = why.map(|e| format!(" and could not be renewed ({e})")).unwrap_or_default();
    Failure::new(
        Exit::Auth,
        "unauthenticated",
        format!("the token `sent login` saved for {server} expired{when}{why}; run `sent login` again"),
    )
}

fn open_in_browser(url: &str) {
    let opened = std::process::Command::new("xdg-open")
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if let Err(e) = opened {
        eprintln!("sent: could not start xdg-open ({e}); open the address above yourself");
    }
}

fn http_client() -> Result<reqwest::Client, Failure> {
    sent_auth::http::client()
        .map_err(|e| Failure::new(Exit::Other, "login", format!("cannot set up HTTP: {}", describe(&e))))
}

fn provider_unreachable(issuer: &str, reason: &str) -> Failure {
    Failure::new(
        Exit::Other,
        "unavailable",
        format!(
            "cannot reach the identity provider at {issuer} ({reason}); `make run` starts a local one, --issuer or \
             SENT_OIDC_ISSUER points elsewhere"
        ),
    )
}
