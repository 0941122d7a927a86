//! The identity provider the app signs people in with, and the verifier of
//! its access tokens: the same `TokenVerifier` (JWKS, issuer, audience,
//! expiry, `at+jwt`) the server checks bearer tokens with.

use std::time::Duration;

use sent_auth::{Jwks, TokenVerifier};

/// Clock skew tolerated on token expiry (the server's too).
const LEEWAY_SECS: u64 = 30;
/// Least time between two fetches of the provider's keys or metadata caused
/// by an unknown key.
pub const MIN_REFRESH: Duration = Duration::from_secs(30);

/// Where and as whom the app signs in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderSettings {
    /// Byte for byte as the provider writes it in tokens.
    pub issuer: String,
    /// The API's resource identifier: the `aud` of access tokens.
    pub audience: String,
    /// The app's public client id.
    pub client_id: String,
}

/// A verifier for the provider's access tokens, its keys found through
/// discovery and re-fetched (rate-limited) when a token names an unknown
/// key.
///
/// # Errors
/// When the provider cannot be reached or describes itself wrongly.
pub async fn verifier(
    settings: &ProviderSettings,
    http: &reqwest::Client,
) -> Result<TokenVerifier, sent_auth::jwks::JwksError> {
    let jwks = Jwks::discover(&settings.issuer, http.clone(), MIN_REFRESH).await?;
    // A public client may not introspect others' tokens, and the tokens it
    // gets are JWTs: nothing to introspect.
    Ok(TokenVerifier::new(&settings.issuer, &settings.audience, jwks).with_leeway(LEEWAY_SECS))
}
