//! Sign-in: the authorization-code flow with PKCE against any standards-
//! compliant OpenID provider, through `openidconnect`.
//!
//! The provider's metadata (and with it the keys that sign ID tokens) is
//! discovered at start-up. `openidconnect` never re-fetches keys by itself,
//! so an ID token that fails its signature check triggers one rediscovery,
//! at most once per interval, and one more check: key rotation at the
//! provider needs no restart.

use std::time::{Duration, Instant, SystemTime};

use openidconnect::core::{CoreAuthPrompt, CoreClient, CoreProviderMetadata, CoreResponseType};
use openidconnect::{
    AuthenticationFlow, AuthorizationCode, ClientId, ClientSecret, CsrfToken, EndpointMaybeSet, EndpointNotSet,
    EndpointSet, IssuerUrl, Nonce, OAuth2TokenResponse as _, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope,
    TokenResponse,
};
use tokio::sync::RwLock;

use crate::identity::Identity;

/// A client of a provider, as its discovered metadata describes it.
pub type ProviderClient =
    CoreClient<EndpointSet, EndpointNotSet, EndpointNotSet, EndpointNotSet, EndpointMaybeSet, EndpointMaybeSet>;

/// What a relying party needs to know.
#[derive(Debug, Clone)]
pub struct RelyingPartyConfig {
    pub issuer: String,
    pub client_id: String,
    /// `None` for a public client (PKCE alone).
    pub client_secret: Option<String>,
    pub redirect_uri: String,
    /// Least time between two rediscoveries triggered by unknown keys.
    pub min_refresh: Duration,
    /// Ask for a refresh token (a native app, which renews its own sign-in;
    /// the web host keeps a session of its own instead).
    pub offline_access: bool,
}

/// Why sign-in failed. Each message is safe to show the person signing in.
#[derive(Debug, thiserror::Error)]
pub enum SignInError {
    #[error("the identity provider at {issuer} could not be reached or described itself wrongly: {reason}")]
    Discovery { issuer: String, reason: String },
    #[error("invalid sign-in configuration: {0}")]
    Config(String),
    #[error("the identity provider refused the sign-in code: {0}")]
    Exchange(String),
    #[error("the identity provider would not renew the sign-in: {0}")]
    Renewal(String),
    #[error("the identity provider's ID token is not valid: {0}")]
    IdToken(String),
    #[error("the identity provider did not sign you in ({error}{})", description.as_deref().map(|d| format!(": {d}")).unwrap_or_default())]
    Refused { error: String, description: Option<String> },
    #[error("the sign-in answer comes from another identity provider ({0})")]
    OtherIssuer(String),
    #[error("the sign-in answer does not name its identity provider")]
    NoIssuer,
    #[error("the sign-in answer has no code")]
    NoCode,
}

/// What the provider sends to the redirect URI (the query of the callback).
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct AuthorizationResponse {
    pub code: Option<String>,
    pub state: Option<String>,
    /// RFC 9207: the provider names itself.
    pub iss: Option<String>,
    pub error: Option<String>,
    pub error_description: Option<String>,
}

/// A sign-in begun: send the person to `url`; keep the rest until they come
/// back.
#[derive(Debug, Clone)]
pub struct LoginStart {
    pub url: String,
    pub state: String,
    pub nonce: String,
    pub pkce_verifier: String,
}

/// A finished sign-in: who signed in, and the tokens the provider issued.
#[derive(Clone)]
pub struct SignedIn {
    pub identity: Identity,
    /// A bearer token for SENT's API.
    pub access_token: String,
    /// Present when the provider granted offline access.
    pub refresh_token: Option<String>,
    /// When the access token stops being accepted, if the provider said.
    pub expires_at: Option<SystemTime>,
}

impl std::fmt::Debug for SignedIn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Tokens stay out of logs.
        f.debug_struct("SignedIn")
            .field("identity", &self.identity)
            .field("has_refresh_token", &self.refresh_token.is_some())
            .field("expires_at", &self.expires_at)
            .finish_non_exhaustive()
    }
}

/// An OpenID relying party.
#[derive(Debug)]
pub struct RelyingParty {
    config: RelyingPartyConfig,
    http: reqwest::Client,
    discovered: RwLock<Discovered>,
}

#[derive(Debug)]
struct Discovered {
    client: ProviderClient,
    jwks_uri: String,
    introspection_endpoint: Option<String>,
    sends_iss_parameter: bool,
    at: Instant,
}

impl RelyingParty {
    /// Discover the provider.
    ///
    /// # Errors
    /// When the provider cannot be reached or its metadata is invalid.
    pub async fn discover(config: RelyingPartyConfig, http: reqwest::Client) -> Result<Self, SignInError> {
        let discovered = discover(&config, &http).await?;
        Ok(Self { config, http, discovered: RwLock::new(discovered) })
    }

    pub fn issuer(&self) -> &str {
        &self.config.issuer
    }

    /// The provider's key set URL (access tokens are checked against it too).
    pub async fn jwks_uri(&self) -> String {
        self.discovered.read().await.jwks_uri.clone()
    }

    /// The provider's introspection endpoint, when it has one.
    pub async fn introspection_endpoint(&self) -> Option<String> {
        self.discovered.read().await.introspection_endpoint.clone()
    }

    /// Whether the provider names itself in every authorization response
    /// (RFC 9207), so a response without `iss` must be refused.
    pub async fn sends_iss_parameter(&self) -> bool {
        self.discovered.read().await.sends_iss_parameter
    }

    /// Begin a sign-in.
    pub async fn start_login(&self) -> LoginStart {
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let discovered = self.discovered.read().await;
        let mut request = discovered
            .client
            .authorize_url(
                AuthenticationFlow::<CoreResponseType>::AuthorizationCode,
                CsrfToken::new_random,
                Nonce::new_random,
            )
            .add_scope(Scope::new("email".into()))
            .add_scope(Scope::new("profile".into()))
            .set_pkce_challenge(challenge);
        if self.config.offline_access {
            // OpenID Connect Core §11: a provider grants offline access only
            // when the request also asks for consent.
            request = request.add_scope(Scope::new("offline_access".into())).add_prompt(CoreAuthPrompt::Consent);
        }
        let (url, state, nonce) = request.url();
        LoginStart {
            url: url.to_string(),
            state: state.secret().clone(),
            nonce: nonce.secret().clone(),
            pkce_verifier: verifier.secret().clone(),
        }
    }

    /// Finish a sign-in: exchange the code and check the ID token (issuer,
    /// audience, expiry, signature, nonce); the identity and the tokens.
    ///
    /// # Errors
    /// When the code is refused or the ID token is not valid.
    pub async fn finish_login(&self, code: &str, pkce_verifier: &str, nonce: &str) -> Result<SignedIn, SignInError> {
        let requested_at = SystemTime::now();
        let token = {
            let discovered = self.discovered.read().await;
            discovered
                .client
                .exchange_code(AuthorizationCode::new(code.to_owned()))
                .map_err(|e| SignInError::Config(e.to_string()))?
                .set_pkce_verifier(PkceCodeVerifier::new(pkce_verifier.to_owned()))
                .request_async(&self.http)
                .await
                .map_err(|e| SignInError::Exchange(describe(&e)))?
        };
        let id_token = token.id_token().ok_or_else(|| SignInError::IdToken("the provider sent no ID token".into()))?;
        let nonce = Nonce::new(nonce.to_owned());
        let first = {
            let discovered = self.discovered.read().await;
            id_token.claims(&discovered.client.id_token_verifier(), &nonce).map(identity_of)
        };
        let identity = match first {
            Ok(identity) => identity,
            Err(openidconnect::ClaimsVerificationError::SignatureVerification(reason)) => {
                // Perhaps the provider rotated its keys: look again, once.
                if !self.rediscover().await {
                    return Err(SignInError::IdToken(reason.to_string()));
                }
                let discovered = self.discovered.read().await;
                id_token
                    .claims(&discovered.client.id_token_verifier(), &nonce)
                    .map(identity_of)
                    .map_err(|e| SignInError::IdToken(e.to_string()))?
            }
            Err(other) => return Err(SignInError::IdToken(other.to_string())),
        };
        Ok(SignedIn {
            identity,
            access_token: token.access_token().secret().clone(),
            refresh_token: token.refresh_token().map(|t| t.secret().clone()),
            // Counted from before the request, so the token is never thought
            // valid for longer than it is.
            expires_at: token.expires_in().map(|lifetime| requested_at + lifetime),
        })
    }

    /// Finish a sign-in from the provider's answer at the redirect URI. The
    /// caller has already matched `state` to a sign-in it began; this refuses
    /// an error answer, an answer from another provider (RFC 9207: a mix-up
    /// attack is stopped before its code is used) and one without a code,
    /// then redeems the code.
    ///
    /// # Errors
    /// Each refusal above, or those of [`Self::finish_login`].
    pub async fn finish_response(
        &self,
        response: AuthorizationResponse,
        pkce_verifier: &str,
        nonce: &str,
    ) -> Result<SignedIn, SignInError> {
        if let Some(error) = response.error {
            return Err(SignInError::Refused { error, description: response.error_description });
        }
        match response.iss {
            Some(iss) if iss != self.issuer() => return Err(SignInError::OtherIssuer(iss)),
            None if self.sends_iss_parameter().await => return Err(SignInError::NoIssuer),
            _ => {}
        }
        let code = response.code.ok_or(SignInError::NoCode)?;
        self.finish_login(&code, pkce_verifier, nonce).await
    }

    /// Rediscover unless that was done less than `min_refresh` ago.
    async fn rediscover(&self) -> bool {
        let mut discovered = self.discovered.write().await;
        if discovered.at.elapsed() < self.config.min_refresh {
            return false;
        }
        match discover(&self.config, &self.http).await {
            Ok(fresh) => {
                *discovered = fresh;
                true
            }
            Err(error) => {
                tracing::warn!(%error, "rediscovery failed");
                discovered.at = Instant::now();
                false
            }
        }
    }
}

fn identity_of(claims: &openidconnect::core::CoreIdTokenClaims) -> Identity {
    Identity::new(
        claims.issuer().as_str(),
        claims.subject().as_str(),
        claims.email().map(|e| e.as_str().to_owned()),
        claims.name().and_then(|n| n.get(None)).map(|n| n.as_str().to_owned()),
    )
}

async fn discover(config: &RelyingPartyConfig, http: &reqwest::Client) -> Result<Discovered, SignInError> {
    let (client, jwks_uri) =
        discover_client(&config.issuer, &config.client_id, config.client_secret.as_deref(), http).await?;
    // The core metadata type does not carry RFC 8414 and RFC 9207 extras;
    // read the ones we use from the document itself.
    let extras = metadata_extras(&config.issuer, http).await;
    let redirect = RedirectUrl::new(config.redirect_uri.clone()).map_err(|e| SignInError::Config(e.to_string()))?;
    Ok(Discovered {
        client: client.set_redirect_uri(redirect),
        jwks_uri,
        introspection_endpoint: extras.introspection_endpoint,
        sends_iss_parameter: extras.authorization_response_iss_parameter_supported,
        at: Instant::now(),
    })
}

/// Discover the provider at `issuer` and make a client of it as
/// `client_id` (`None` for a public client's secret); also the provider's
/// key set URL.
///
/// # Errors
/// [`SignInError::Config`] when `issuer` is not a URL;
/// [`SignInError::Discovery`] when the provider cannot be reached or its
/// metadata is not valid.
pub async fn discover_client(
    issuer: &str,
    client_id: &str,
    client_secret: Option<&str>,
    http: &reqwest::Client,
) -> Result<(ProviderClient, String), SignInError> {
    let issuer_url = IssuerUrl::new(issuer.to_owned()).map_err(|e| SignInError::Config(e.to_string()))?;
    let metadata = CoreProviderMetadata::discover_async(issuer_url, http)
        .await
        .map_err(|e| SignInError::Discovery { issuer: issuer.to_owned(), reason: describe(&e) })?;
    let jwks_uri = metadata.jwks_uri().url().to_string();
    let client = CoreClient::from_provider_metadata(
        metadata,
        ClientId::new(client_id.to_owned()),
        client_secret.map(|secret| ClientSecret::new(secret.to_owned())),
    );
    Ok((client, jwks_uri))
}

#[derive(Debug, Default, serde::Deserialize)]
struct MetadataExtras {
    #[serde(default)]
    introspection_endpoint: Option<String>,
    #[serde(default)]
    authorization_response_iss_parameter_supported: bool,
}

async fn metadata_extras(issuer: &str, http: &reqwest::Client) -> MetadataExtras {
    let url = format!("{}/.well-known/openid-configuration", issuer.trim_end_matches('/'));
    let fetched = async { http.get(url).send().await.ok()?.json::<MetadataExtras>().await.ok() };
    fetched.await.unwrap_or_default()
}

/// An error and its causes, on one line.
pub fn describe(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}
