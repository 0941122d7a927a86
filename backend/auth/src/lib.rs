//! Who is calling.
//!
//! # Layout
//!
//! - [`identity`]: the signed-in person or service account, and SENT's user
//!   id for it.
//! - [`access_token`]: bearer tokens: JWT access tokens checked against the
//!   provider's keys, opaque ones through [`introspection`]; `verified`
//!   keeps the tokens already checked, until their expiry (bounded).
//! - [`jwks`]: the provider's keys, cached, re-fetched (rate-limited) when a
//!   token names an unknown key.
//! - [`relying_party`]: sign-in with the authorization-code flow and PKCE
//!   (`openidconnect`), for the web host and native apps alike.
//! - [`renewal`]: a native app renews its sign-in with its refresh token.
//! - [`loopback`] (feature `loopback`): the loopback redirect a native app
//!   (the CLI, the desktop app) signs in through.
//! - [`http`]: the one HTTP client that talks to the provider (no redirects,
//!   timeouts).
//! - [`dev_provider`] (feature `dev-provider`): starts the local OpenID
//!   provider of `backend/dev-oidc` for development and tests.
//! - [`testing`] (feature `testing`): a token issuer for tests and benchmarks.
//!
//! Sessions and memberships live in the database and are the runtime's.

pub mod access_token;
#[cfg(feature = "dev-provider")]
pub mod dev_provider;
pub mod http;
pub mod identity;
pub mod introspection;
pub mod jwks;
#[cfg(feature = "loopback")]
pub mod loopback;
pub mod relying_party;
pub mod renewal;
#[cfg(feature = "testing")]
pub mod testing;
mod verified;

pub use access_token::TokenVerifier;
pub use identity::{Identity, user_id};
pub use introspection::Introspector;
pub use jwks::Jwks;
pub use relying_party::{
    AuthorizationResponse, LoginStart, ProviderClient, RelyingParty, RelyingPartyConfig, SignInError, SignedIn,
    describe, discover_client,
};
