//! Bearer access tokens: JWTs (RFC 9068) signed by a key of the provider's
//! JWKS, or opaque tokens checked by introspection (RFC 7662).
//!
//! Only asymmetric algorithms are accepted, and only the one the key's type
//! allows, so a token cannot choose `none` or turn a public RSA key into an
//! HMAC secret. Issuer, audience and expiry are checked with a small clock
//! skew, and the token must say it is an access token (`typ: at+jwt`): an ID
//! token is not a credential for an API.

use std::collections::HashSet;

use jsonwebtoken::jwk::{AlgorithmParameters, Jwk};
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use sent_rpc::RpcError;
use serde::Deserialize;

use crate::identity::Identity;
use crate::introspection::Introspector;
use crate::jwks::Jwks;
use crate::verified::{self, VerifiedTokens};

/// How access tokens are checked.
#[derive(Debug)]
pub struct TokenVerifier {
    issuer: String,
    audience: String,
    jwks: Jwks,
    /// Seconds of clock skew tolerated on `exp` and `nbf`.
    leeway_secs: u64,
    /// For opaque (non-JWT) tokens.
    introspector: Option<Introspector>,
    verified: VerifiedTokens,
}

#[derive(Debug, Deserialize)]
struct Claims {
    iss: String,
    sub: String,
    exp: u64,
    #[serde(default)]
    email: Option<String>,
    #[serde(default)]
    name: Option<String>,
}

/// The error every refused token gets: the reason goes to the log only.
pub(crate) fn refused(why: &str) -> RpcError {
    RpcError::unauthenticated("The bearer token is not valid").with_log_detail(why)
}

impl TokenVerifier {
    /// Trust JWT access tokens `issuer` signs for `audience` with a key of
    /// `jwks`; no clock skew and no introspection until set.
    pub fn new(issuer: impl Into<String>, audience: impl Into<String>, jwks: Jwks) -> Self {
        Self {
            issuer: issuer.into(),
            audience: audience.into(),
            jwks,
            leeway_secs: 0,
            introspector: None,
            verified: VerifiedTokens::default(),
        }
    }

    /// Tolerate `secs` of clock skew on `exp` and `nbf`.
    #[must_use]
    pub fn with_leeway(mut self, secs: u64) -> Self {
        self.leeway_secs = secs;
        self
    }

    /// Check opaque tokens at the provider's introspection endpoint.
    #[must_use]
    pub fn with_introspector(mut self, introspector: Option<Introspector>) -> Self {
        self.introspector = introspector;
        self
    }

    /// The identity a token proves, or -32001.
    pub async fn verify(&self, token: &str) -> Result<Identity, RpcError> {
        if let Some(identity) = self.verified.get(token, verified::now()) {
            return Ok(identity);
        }
        if token.split('.').count() != 3 {
            return match &self.introspector {
                Some(introspector) => introspector.verify(token, &self.issuer, &self.audience).await,
                None => Err(refused("not a JWT and no introspection endpoint is configured")),
            };
        }
        let header = jsonwebtoken::decode_header(token).map_err(|e| refused(&e.to_string()))?;
        if !matches!(
            header.typ.as_deref().map(str::to_ascii_lowercase).as_deref(),
            Some("at+jwt" | "application/at+jwt")
        ) {
            return Err(refused("not an access token (typ is not at+jwt)"));
        }
        let jwk = self.jwks.key(header.kid.as_deref()).await.ok_or_else(|| refused("no key with this kid"))?;
        let algorithm =
            allowed_algorithm(&jwk, header.alg).ok_or_else(|| refused("algorithm not allowed for this key"))?;
        let key = DecodingKey::from_jwk(&jwk).map_err(|e| refused(&e.to_string()))?;

        let mut validation = Validation::new(algorithm);
        validation.leeway = self.leeway_secs;
        validation.set_issuer(&[&self.issuer]);
        validation.set_audience(&[&self.audience]);
        validation.required_spec_claims = HashSet::from(["exp", "iss", "aud", "sub"].map(String::from));
        validation.validate_nbf = true;
        let data = jsonwebtoken::decode::<Claims>(token, &key, &validation).map_err(|e| refused(&e.to_string()))?;
        let claims = data.claims;
        let identity = Identity::new(&claims.iss, &claims.sub, claims.email, claims.name);
        self.verified.insert(token, &identity, claims.exp, verified::now());
        Ok(identity)
    }
}

/// The algorithm to verify with: the token's, if the key's type allows it
/// and the key (when it names one) agrees. Never a symmetric algorithm.
pub(crate) fn allowed_algorithm(jwk: &Jwk, requested: Algorithm) -> Option<Algorithm> {
    use Algorithm::{ES256, ES384, EdDSA, PS256, PS384, PS512, RS256, RS384, RS512};
    let family: &[Algorithm] = match &jwk.algorithm {
        AlgorithmParameters::RSA(_) => &[RS256, RS384, RS512, PS256, PS384, PS512],
        AlgorithmParameters::EllipticCurve(_) => &[ES256, ES384],
        AlgorithmParameters::OctetKeyPair(_) => &[EdDSA],
        AlgorithmParameters::OctetKey(_) => &[],
    };
    if !family.contains(&requested) {
        return None;
    }
    match jwk.common.key_algorithm {
        Some(declared) if format!("{declared:?}") != format!("{requested:?}") => None,
        _ => Some(requested),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symmetric_keys_and_cross_family_algorithms_are_refused() {
        let oct: Jwk = serde_json::from_value(serde_json::json!({"kty":"oct","k":"c2VjcmV0"})).unwrap();
        assert_eq!(allowed_algorithm(&oct, Algorithm::HS256), None);
        let okp: Jwk = serde_json::from_value(serde_json::json!({
            "kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"
        }))
        .unwrap();
        assert_eq!(allowed_algorithm(&okp, Algorithm::HS256), None);
        assert_eq!(allowed_algorithm(&okp, Algorithm::RS256), None);
        assert_eq!(allowed_algorithm(&okp, Algorithm::EdDSA), Some(Algorithm::EdDSA));
    }
}
