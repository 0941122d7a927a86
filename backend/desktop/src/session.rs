//! The signed-in person and their tokens: the access token each call
//! carries, renewed with the refresh token before it lapses, so a person
//! signs in once rather than every few minutes.

use std::sync::{PoisonError, RwLock};
use std::time::{Duration, SystemTime};

use sent_auth::renewal::{self, Renewed};
use sent_auth::{Identity, SignInError, SignedIn};

use crate::provider::ProviderSettings;

/// An access token is renewed when it has less than this left: a call never
/// sets out with a token that lapses on the way.
pub const RENEW_AHEAD: Duration = Duration::from_secs(60);

/// The signed-in person, as the page may learn it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SessionInfo {
    pub signed_in: bool,
    pub email: Option<String>,
    pub name: Option<String>,
    /// SENT's id of the user (a UUID).
    pub user_id: Option<String>,
    /// When the access token lapses (RFC 3339), if the provider said; it is
    /// renewed before then while a refresh token lasts.
    pub expires_at: Option<String>,
}

struct Tokens {
    identity: Identity,
    access_token: String,
    refresh_token: Option<String>,
    expires_at: Option<SystemTime>,
}

impl Tokens {
    fn lapsing(&self, now: SystemTime) -> bool {
        self.expires_at.is_some_and(|at| at <= now + RENEW_AHEAD)
    }
}

/// Who is signed in, if anyone.
#[derive(Default)]
pub struct Session {
    tokens: RwLock<Option<Tokens>>,
    /// One renewal at a time: a rotated refresh token spent twice makes the
    /// provider revoke the sign-in.
    renewing: tokio::sync::Mutex<()>,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Tokens stay out of logs.
        f.debug_struct("Session").field("info", &self.info()).finish_non_exhaustive()
    }
}

impl Session {
    /// Hold `signed_in`'s tokens for the calls from now on.
    pub fn set(&self, signed_in: SignedIn) {
        *self.write() = Some(Tokens {
            identity: signed_in.identity,
            access_token: signed_in.access_token,
            refresh_token: signed_in.refresh_token,
            expires_at: signed_in.expires_at,
        });
    }

    /// Forget the signed-in person; who that was.
    pub fn clear(&self) -> Option<Identity> {
        self.write().take().map(|tokens| tokens.identity)
    }

    /// Who is signed in.
    pub fn info(&self) -> SessionInfo {
        match &*self.tokens.read().unwrap_or_else(PoisonError::into_inner) {
            Some(tokens) => SessionInfo {
                signed_in: true,
                email: tokens.identity.email.clone(),
                name: tokens.identity.name.clone(),
                user_id: Some(tokens.identity.user_id.to_string()),
                expires_at: tokens.expires_at.map(|at| {
                    chrono::DateTime::<chrono::Utc>::from(at).to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
                }),
            },
            None => SessionInfo { signed_in: false, email: None, name: None, user_id: None, expires_at: None },
        }
    }

    /// The access token for a call: renewed first when it is about to lapse
    /// and a refresh token allows. A renewal that fails leaves the current
    /// token, which the dispatcher then refuses as any lapsed one, and the
    /// page asks the person to sign in.
    pub async fn bearer(&self, provider: Option<&ProviderSettings>, http: &reqwest::Client) -> Option<String> {
        if self.due().is_none() {
            return self.access_token();
        }
        let Some(provider) = provider else { return self.access_token() };
        let _renewing = self.renewing.lock().await;
        // Another call may have renewed, or the person signed out, meanwhile.
        let Some(refresh_token) = self.due() else { return self.access_token() };
        let client = renewal::Client { issuer: &provider.issuer, client_id: &provider.client_id, client_secret: None };
        match renewal::renew(&client, &refresh_token, http).await {
            Ok(Renewed { access_token, refresh_token: next, expires_at }) => {
                let mut current = self.write();
                // Only the sign-in the refresh token came from.
                if let Some(tokens) = current.as_mut().filter(|t| t.refresh_token.as_ref() == Some(&refresh_token)) {
                    tracing::debug!(user = %tokens.identity.user_id, "renewed the sign-in");
                    tokens.access_token = access_token;
                    tokens.refresh_token = Some(next);
                    tokens.expires_at = expires_at;
                }
            }
            Err(error) => {
                tracing::warn!(%error, "could not renew the sign-in");
                if matches!(error, SignInError::Renewal(_)) {
                    // Refused for good (expired, revoked): no retry per call.
                    if let Some(tokens) = self.write().as_mut() {
                        tokens.refresh_token.take_if(|token| *token == refresh_token);
                    }
                }
            }
        }
        self.access_token()
    }

    fn access_token(&self) -> Option<String> {
        self.tokens.read().unwrap_or_else(PoisonError::into_inner).as_ref().map(|t| t.access_token.clone())
    }

    /// The refresh token, when the access token is about to lapse and one
    /// is held.
    fn due(&self) -> Option<String> {
        let tokens = self.tokens.read().unwrap_or_else(PoisonError::into_inner);
        tokens.as_ref().filter(|t| t.lapsing(SystemTime::now())).and_then(|t| t.refresh_token.clone())
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, Option<Tokens>> {
        self.tokens.write().unwrap_or_else(PoisonError::into_inner)
    }
}
