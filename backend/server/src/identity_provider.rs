//! The identity provider this server trusts, from its configuration: the
//! verifier for bearer tokens, browser sign-in, and, for development, the
//! local provider with its demo users.

use std::sync::Arc;
use std::time::Duration;

use sent_auth::dev_provider::{DevProvider, DevProviderOptions};
use sent_auth::{Introspector, Jwks, RelyingParty, RelyingPartyConfig, TokenVerifier};

use crate::config::Config;

/// Clock skew tolerated on token expiry.
const LEEWAY_SECS: u64 = 30;
/// The client id of the web host at the local provider.
const DEV_WEB_CLIENT: &str = "sent-web";

/// What the server knows about its identity provider.
#[derive(Debug, Default)]
pub struct IdentityProvider {
    pub verifier: Option<Arc<TokenVerifier>>,
    pub relying_party: Option<RelyingParty>,
    /// The local provider, when the server started it; it stops with the
    /// server.
    pub dev: Option<DevProvider>,
}

/// Why the identity provider could not be set up.
#[derive(Debug, thiserror::Error)]
pub enum ProviderError {
    #[error("cannot read the JWKS file {path}: {reason}")]
    JwksFile { path: std::path::PathBuf, reason: String },
    #[error("{0}; check SENT_OIDC_ISSUER and that the provider is running")]
    Keys(#[from] sent_auth::jwks::JwksError),
    #[error("{0}; check SENT_OIDC_ISSUER, SENT_OIDC_CLIENT_ID and SENT_PUBLIC_URL")]
    SignIn(#[from] sent_auth::SignInError),
    #[error("the local OpenID provider did not start: {0}")]
    Dev(#[from] sent_auth::dev_provider::DevProviderError),
    #[error("cannot build the HTTP client for the identity provider: {0}")]
    Http(#[from] reqwest::Error),
}

struct Settings {
    issuer: String,
    audience: String,
    client_id: Option<String>,
    client_secret: Option<String>,
}

/// Set up from the configuration. Without an issuer (and without
/// `--dev-provider`) the server accepts no credentials: every method but the
/// public ones answers -32001.
///
/// # Errors
/// When a configured provider cannot be reached or described.
pub async fn configure(config: &Config) -> Result<IdentityProvider, ProviderError> {
    let http = sent_auth::http::client()?;
    let min_refresh = Duration::from_secs(config.jwks_min_refresh_secs);
    let (settings, dev) = match (&config.oidc_issuer, config.dev_provider) {
        (Some(issuer), _) => (
            Settings {
                issuer: issuer.clone(),
                audience: config.oidc_audience.clone(),
                client_id: config.oidc_client_id.clone(),
                client_secret: config.oidc_client_secret.clone(),
            },
            None,
        ),
        (None, true) => {
            let dev = DevProvider::start(DevProviderOptions {
                port: Some(config.dev_provider_port),
                state_dir: config.data_dir.join("oidc"),
                web_redirects: vec![format!("{}/auth/callback", config.public_url())],
                access_token_ttl: None,
            })
            .await?;
            let settings = Settings {
                issuer: dev.issuer().to_owned(),
                audience: dev.audience().to_owned(),
                client_id: Some(DEV_WEB_CLIENT.to_owned()),
                client_secret: dev.client_secret(DEV_WEB_CLIENT).map(str::to_owned),
            };
            (settings, Some(dev))
        }
        (None, false) => return Ok(IdentityProvider::default()),
    };

    let relying_party = match &settings.client_id {
        Some(client_id) => Some(
            RelyingParty::discover(
                RelyingPartyConfig {
                    issuer: settings.issuer.clone(),
                    client_id: client_id.clone(),
                    client_secret: settings.client_secret.clone(),
                    redirect_uri: format!("{}/auth/callback", config.public_url()),
                    min_refresh,
                    offline_access: false,
                },
                http.clone(),
            )
            .await?,
        ),
        None => None,
    };
    let jwks = match &config.jwks_file {
        Some(path) => Jwks::fixed(read_jwks_file(path)?),
        None => match &relying_party {
            Some(rp) => Jwks::remote(rp.jwks_uri().await, http.clone(), min_refresh).await?,
            None => Jwks::discover(&settings.issuer, http.clone(), min_refresh).await?,
        },
    };
    // Opaque tokens can be checked only by asking the provider, as a client
    // it knows.
    let introspector = match (&relying_party, &settings.client_id, &settings.client_secret) {
        (Some(rp), Some(client_id), Some(client_secret)) => {
            rp.introspection_endpoint().await.map(|endpoint| Introspector {
                endpoint,
                client_id: client_id.clone(),
                client_secret: client_secret.clone(),
                http: http.clone(),
            })
        }
        _ => None,
    };
    let verifier = TokenVerifier::new(settings.issuer, settings.audience, jwks)
        .with_leeway(LEEWAY_SECS)
        .with_introspector(introspector);
    Ok(IdentityProvider { verifier: Some(Arc::new(verifier)), relying_party, dev })
}

fn read_jwks_file(path: &std::path::Path) -> Result<sent_auth::jwks::JwkSet, ProviderError> {
    let failed = |reason: String| ProviderError::JwksFile { path: path.to_owned(), reason };
    let text = std::fs::read_to_string(path).map_err(|e| failed(e.to_string()))?;
    serde_json::from_str(&text).map_err(|e| failed(e.to_string()))
}
