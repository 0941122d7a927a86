//! Bearer tokens: a JWT signed by a key of the provider's JWKS.
//!
//! Only asymmetric algorithms are accepted, and only the one the key's type
//! allows, so a token cannot choose `none` or turn a public RSA key into an
//! HMAC secret. Issuer, audience and expiry are checked with a small clock
//! skew.

use std::collections::HashSet;

use jsonwebtoken::jwk::{AlgorithmParameters, Jwk, JwkSet};
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde::Deserialize;
use uuid::Uuid;

use sent_rpc::RpcError;

/// Who the provider says is calling.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    /// SENT's id for the user: a UUIDv5 of the issuer and subject, so the
    /// same person at the same provider always has the same id.
    pub user_id: Uuid,
    pub issuer: String,
    pub subject: String,
    pub email: Option<String>,
    pub name: Option<String>,
}

impl Identity {
    pub fn new(issuer: &str, subject: &str, email: Option<String>, name: Option<String>) -> Self {
        Self { user_id: user_id(issuer, subject), issuer: issuer.to_owned(), subject: subject.to_owned(), email, name }
    }
}

/// SENT's user id for a provider's (issuer, subject).
pub fn user_id(issuer: &str, subject: &str) -> Uuid {
    // The issuer is a URL and the subject opaque; a newline cannot appear in
    // a URL, so the pair is unambiguous.
    Uuid::new_v5(&Uuid::NAMESPACE_URL, format!("{issuer}\n{subject}").as_bytes())
}

/// How tokens are checked.
#[derive(Debug, Clone)]
pub struct VerifierConfig {
    pub issuer: String,
    pub audience: String,
    pub jwks: JwkSet,
    /// Seconds of clock skew tolerated on `exp` and `nbf`.
    pub leeway_secs: u64,
}

/// Verifies bearer tokens.
#[derive(Debug, Clone)]
pub struct TokenVerifier {
    config: VerifierConfig,
}

#[derive(Debug, Deserialize)]
struct Claims {
    iss: String,
    sub: String,
    #[serde(default)]
    email: Option<String>,
    #[serde(default)]
    name: Option<String>,
}

impl TokenVerifier {
    pub fn new(config: VerifierConfig) -> Self {
        Self { config }
    }

    /// The identity a token proves, or -32001.
    pub fn verify(&self, token: &str) -> Result<Identity, RpcError> {
        let refused = |why: &str| RpcError::unauthenticated("The bearer token is not valid").with_log_detail(why);
        let header = jsonwebtoken::decode_header(token).map_err(|e| refused(&e.to_string()))?;
        let jwk = self.key_for(header.kid.as_deref()).ok_or_else(|| refused("no key with this kid"))?;
        let algorithm =
            allowed_algorithm(jwk, header.alg).ok_or_else(|| refused("algorithm not allowed for this key"))?;
        let key = DecodingKey::from_jwk(jwk).map_err(|e| refused(&e.to_string()))?;

        let mut validation = Validation::new(algorithm);
        validation.leeway = self.config.leeway_secs;
        validation.set_issuer(&[&self.config.issuer]);
        validation.set_audience(&[&self.config.audience]);
        validation.required_spec_claims = HashSet::from(["exp", "iss", "aud", "sub"].map(String::from));
        validation.validate_nbf = true;
        let data = jsonwebtoken::decode::<Claims>(token, &key, &validation).map_err(|e| refused(&e.to_string()))?;
        let claims = data.claims;
        Ok(Identity::new(&claims.iss, &claims.sub, claims.email, claims.name))
    }

    fn key_for(&self, kid: Option<&str>) -> Option<&Jwk> {
        let keys = &self.config.jwks.keys;
        match kid {
            Some(kid) => keys.iter().find(|k| k.common.key_id.as_deref() == Some(kid)),
            // Without a kid, only an unambiguous set will do.
            None if keys.len() == 1 => keys.first(),
            None => None,
        }
    }
}

/// The algorithm to verify with: the token's, if the key's type allows it
/// and the key (when it names one) agrees. Never a symmetric algorithm.
fn allowed_algorithm(jwk: &Jwk, requested: Algorithm) -> Option<Algorithm> {
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
    fn user_ids_are_stable_and_distinct_per_issuer() {
        assert_eq!(user_id("https://a", "1"), user_id("https://a", "1"));
        assert_ne!(user_id("https://a", "1"), user_id("https://b", "1"));
    }

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
