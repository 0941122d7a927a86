//! A token issuer for tests and benchmarks: its own Ed25519 key, the JWKS
//! that publishes it, and tokens signed with it, shaped as a real provider
//! shapes them.

use base64::Engine;
use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use ring::signature::{Ed25519KeyPair, KeyPair};
use serde_json::{Value, json};

use crate::access_token::TokenVerifier;
use crate::identity::Identity;
use crate::jwks::Jwks;

/// An issuer with one signing key.
#[derive(Debug)]
pub struct TestIssuer {
    pub issuer: String,
    pub audience: String,
    pub kid: String,
    encoding: EncodingKeyDebug,
    public_x: String,
}

struct EncodingKeyDebug(EncodingKey);

impl std::fmt::Debug for EncodingKeyDebug {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("EncodingKey(..)")
    }
}

impl TestIssuer {
    /// A new issuer with a fresh key.
    ///
    /// # Panics
    /// If the system's random source fails.
    pub fn new(issuer: &str, audience: &str) -> Self {
        let rng = ring::rand::SystemRandom::new();
        let pkcs8 = Ed25519KeyPair::generate_pkcs8(&rng).expect("generate an Ed25519 key");
        let pair = Ed25519KeyPair::from_pkcs8(pkcs8.as_ref()).expect("read the generated key");
        let public_x = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(pair.public_key().as_ref());
        Self {
            issuer: issuer.to_owned(),
            audience: audience.to_owned(),
            kid: format!("test-{}", &uuid::Uuid::new_v4().simple().to_string()[..8]),
            encoding: EncodingKeyDebug(EncodingKey::from_ed_der(pkcs8.as_ref())),
            public_x,
        }
    }

    /// The JWKS publishing this issuer's key.
    ///
    /// # Panics
    /// Never: the JWKS is built from known-good parts.
    pub fn jwks(&self) -> JwkSet {
        serde_json::from_value(self.jwks_json()).expect("a valid JWKS")
    }

    /// The JWKS as JSON.
    pub fn jwks_json(&self) -> Value {
        json!({ "keys": [{ "kty": "OKP", "crv": "Ed25519", "alg": "EdDSA", "use": "sig", "kid": self.kid, "x": self.public_x }] })
    }

    /// A verifier that trusts this issuer.
    pub fn verifier(&self) -> TokenVerifier {
        TokenVerifier::new(&self.issuer, &self.audience, Jwks::fixed(self.jwks())).with_leeway(30)
    }

    /// The identity a token for `subject` proves.
    pub fn identity(&self, subject: &str) -> Identity {
        Identity::new(&self.issuer, subject, Some(format!("{subject}@example.test")), Some(subject.to_owned()))
    }

    /// A valid access token for `subject`, for one hour.
    pub fn token(&self, subject: &str) -> String {
        let now = chrono_now();
        self.sign(&json!({
            "iss": self.issuer,
            "aud": self.audience,
            "sub": subject,
            "email": format!("{subject}@example.test"),
            "name": subject,
            "iat": now,
            "exp": now + 3600,
        }))
    }

    /// A token with exactly these claims, signed with this issuer's key.
    ///
    /// # Panics
    /// If signing fails (it does not, for a JSON object of claims).
    pub fn sign(&self, claims: &Value) -> String {
        self.sign_with_type(claims, "at+jwt")
    }

    /// A token with these claims and this `typ` header.
    ///
    /// # Panics
    /// If signing fails (it does not, for a JSON object of claims).
    pub fn sign_with_type(&self, claims: &Value, typ: &str) -> String {
        let mut header = Header::new(Algorithm::EdDSA);
        header.typ = Some(typ.to_owned());
        header.kid = Some(self.kid.clone());
        jsonwebtoken::encode(&header, claims, &self.encoding.0).expect("sign a token")
    }
}

fn chrono_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn tokens_verify_and_tampering_or_another_issuer_does_not() {
        let issuer = TestIssuer::new("https://issuer.test", "sent");
        let verifier = issuer.verifier();
        let token = issuer.token("alice");
        assert_eq!(verifier.verify(&token).await.unwrap(), issuer.identity("alice"));

        let mut tampered = token.clone();
        tampered.replace_range(tampered.len() - 3.., "AAA");
        assert!(verifier.verify(&tampered).await.is_err());

        let other = TestIssuer::new("https://issuer.test", "sent");
        assert!(verifier.verify(&other.token("alice")).await.is_err(), "unknown key");

        let now = chrono_now();
        let expired = issuer.sign(&json!({"iss": issuer.issuer, "aud": "sent", "sub": "a", "exp": now - 3600}));
        assert!(verifier.verify(&expired).await.is_err(), "expired");
        let wrong_audience = issuer.sign(&json!({"iss": issuer.issuer, "aud": "other", "sub": "a", "exp": now + 60}));
        assert!(verifier.verify(&wrong_audience).await.is_err(), "audience");
        let wrong_issuer =
            issuer.sign(&json!({"iss": "https://evil.test", "aud": "sent", "sub": "a", "exp": now + 60}));
        assert!(verifier.verify(&wrong_issuer).await.is_err(), "issuer");
        let no_exp = issuer.sign(&json!({"iss": issuer.issuer, "aud": "sent", "sub": "a"}));
        assert!(verifier.verify(&no_exp).await.is_err(), "exp required");
        let id_token =
            issuer.sign_with_type(&json!({"iss": issuer.issuer, "aud": "sent", "sub": "a", "exp": now + 60}), "JWT");
        assert!(verifier.verify(&id_token).await.is_err(), "an ID token is not an access token");
    }

    #[tokio::test]
    async fn unsigned_tokens_are_refused() {
        let issuer = TestIssuer::new("https://issuer.test", "sent");
        let engine = base64::engine::general_purpose::URL_SAFE_NO_PAD;
        let header = engine.encode(json!({"alg": "none", "typ": "at+jwt", "kid": issuer.kid}).to_string());
        let claims = engine
            .encode(json!({"iss": issuer.issuer, "aud": "sent", "sub": "a", "exp": chrono_now() + 60}).to_string());
        assert!(issuer.verifier().verify(&format!("{header}.{claims}.")).await.is_err());
    }
}
