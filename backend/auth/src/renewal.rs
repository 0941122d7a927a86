//! Renewing a native app's sign-in with its refresh token (RFC 6749 §6), so
//! a person signs in once rather than each time an access token lapses.
//!
//! Providers rotate a public client's refresh token on each use and treat a
//! second use of a spent one as theft (the whole grant is revoked), so the
//! caller must keep the new one and never renew with the same token twice
//! at once.

use std::time::SystemTime;

use openidconnect::{OAuth2TokenResponse as _, RefreshToken, RequestTokenError};

use crate::relying_party::{SignInError, describe, discover_client};

/// The tokens a renewal gave.
#[derive(Clone)]
pub struct Renewed {
    /// A bearer token for SENT's API.
    pub access_token: String,
    /// The refresh token to use next time: the provider's new one, or the
    /// one just used when it sent none.
    pub refresh_token: String,
    /// When the access token stops being accepted, if the provider said.
    pub expires_at: Option<SystemTime>,
}

impl std::fmt::Debug for Renewed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Tokens stay out of logs.
        f.debug_struct("Renewed").field("expires_at", &self.expires_at).finish_non_exhaustive()
    }
}

/// As whom to renew.
#[derive(Debug, Clone)]
pub struct Client<'a> {
    pub issuer: &'a str,
    pub client_id: &'a str,
    /// `None` for a public client.
    pub client_secret: Option<&'a str>,
}

/// Trade `refresh_token` for a new access token at the provider's token
/// endpoint.
///
/// # Errors
/// [`SignInError::Renewal`] when the provider refuses the token (expired,
/// revoked, already used): the person must sign in again.
/// [`SignInError::Discovery`] when it cannot be reached or answers
/// otherwise than OAuth says: the token may still be good later.
pub async fn renew(client: &Client<'_>, refresh_token: &str, http: &reqwest::Client) -> Result<Renewed, SignInError> {
    let (oidc, _) = discover_client(client.issuer, client.client_id, client.client_secret, http).await?;
    let requested_at = SystemTime::now();
    let token = oidc
        .exchange_refresh_token(&RefreshToken::new(refresh_token.to_owned()))
        .map_err(|e| SignInError::Config(e.to_string()))?
        .request_async(http)
        .await
        .map_err(|e| match e {
            // The provider's answer: this refresh token is done for.
            RequestTokenError::ServerResponse(_) => SignInError::Renewal(describe(&e)),
            // No answer, or not one it meant: the token may still be good.
            other => SignInError::Discovery { issuer: client.issuer.to_owned(), reason: describe(&other) },
        })?;
    Ok(Renewed {
        access_token: token.access_token().secret().clone(),
        refresh_token: token.refresh_token().map_or_else(|| refresh_token.to_owned(), |t| t.secret().clone()),
        // Counted from before the request, as at sign-in.
        expires_at: token.expires_in().map(|lifetime| requested_at + lifetime),
    })
}

#[cfg(all(test, feature = "dev-provider"))]
mod tests {
    use super::*;
    use crate::dev_provider::{DevProvider, DevProviderOptions};

    #[tokio::test]
    async fn a_refused_token_and_an_unreachable_provider_are_told_apart() -> Result<(), Box<dyn std::error::Error>> {
        let state = std::env::temp_dir().join(format!("sent-renewal-{}", uuid::Uuid::new_v4().simple()));
        let provider = DevProvider::start(DevProviderOptions {
            port: None,
            state_dir: state.clone(),
            web_redirects: Vec::new(),
            access_token_ttl: None,
        })
        .await?;
        let http = crate::http::client()?;
        let cli = Client { issuer: provider.issuer(), client_id: "sent-cli", client_secret: None };

        // Refused for good: the person signs in again.
        let refused = renew(&cli, "not-a-refresh-token", &http).await;
        assert!(
            matches!(&refused, Err(SignInError::Renewal(reason)) if reason.contains("invalid_grant")),
            "{refused:?}"
        );

        // Nobody answered: the token is kept for a later try.
        let closed = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?;
        let gone = Client { issuer: &format!("http://{closed}"), ..cli };
        let unreachable = renew(&gone, "a-refresh-token", &http).await;
        assert!(matches!(unreachable, Err(SignInError::Discovery { .. })), "{unreachable:?}");

        provider.stop().await?;
        let _ = std::fs::remove_dir_all(state);
        Ok(())
    }
}
