//! Opaque access tokens, checked by the provider's introspection endpoint
//! (RFC 7662), authenticated as the resource server.

use sent_rpc::RpcError;
use serde::Deserialize;

use crate::access_token::refused;
use crate::identity::Identity;

/// The provider's introspection endpoint and this server's credentials there.
#[derive(Debug, Clone)]
pub struct Introspector {
    pub endpoint: String,
    pub client_id: String,
    pub client_secret: String,
    pub http: reqwest::Client,
}

#[derive(Debug, Deserialize)]
struct Introspection {
    active: bool,
    #[serde(default)]
    sub: Option<String>,
    #[serde(default)]
    iss: Option<String>,
    #[serde(default)]
    aud: Option<serde_json::Value>,
    #[serde(default)]
    token_type: Option<String>,
    #[serde(default)]
    email: Option<String>,
    #[serde(default)]
    name: Option<String>,
}

impl Introspector {
    /// The identity an opaque token proves, or -32001.
    pub async fn verify(&self, token: &str, issuer: &str, audience: &str) -> Result<Identity, RpcError> {
        let response = self
            .http
            .post(&self.endpoint)
            .basic_auth(&self.client_id, Some(&self.client_secret))
            .form(&[("token", token), ("token_type_hint", "access_token")])
            .send()
            .await
            .map_err(|e| {
                RpcError::new(sent_rpc::ErrorKind::Unavailable, "The identity provider is unavailable")
                    .with_log_detail(e)
            })?;
        if !response.status().is_success() {
            return Err(RpcError::new(sent_rpc::ErrorKind::Unavailable, "The identity provider is unavailable")
                .with_log_detail(format!("introspection answered HTTP {}", response.status())));
        }
        let result: Introspection = response.json().await.map_err(|e| refused(&e.to_string()))?;
        if !result.active {
            return Err(refused("introspection: inactive"));
        }
        if result.token_type.as_deref().is_some_and(|t| !t.eq_ignore_ascii_case("bearer") && t != "access_token") {
            return Err(refused("introspection: not an access token"));
        }
        if result.iss.as_deref().is_some_and(|iss| iss != issuer) {
            return Err(refused("introspection: another issuer"));
        }
        let audience_ok = match &result.aud {
            None => true,
            Some(serde_json::Value::String(a)) => a == audience,
            Some(serde_json::Value::Array(list)) => list.iter().any(|a| a == audience),
            Some(_) => false,
        };
        if !audience_ok {
            return Err(refused("introspection: another audience"));
        }
        let subject = result.sub.ok_or_else(|| refused("introspection: no subject"))?;
        Ok(Identity::new(issuer, &subject, result.email, result.name))
    }
}
