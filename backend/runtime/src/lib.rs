//! The call path every transport shares.
//!
//! # Layout
//!
//! - [`dispatcher`]: lookup, authentication, tenant and role, the method in
//!   its transaction, audit, commit, deadline. The only way into a method.
//! - [`ctx`]: what a method implementation is given: the caller, the tenant,
//!   and a transaction that begins on first use with row-level security set.
//! - [`auth`]: bearer tokens checked against the provider's JWKS.
//! - `audit`: the audit row of every mutation, in its transaction.
//! - [`jsonrpc`]: JSON-RPC 2.0 bodies (single, batch, notifications) on top
//!   of the dispatcher, for any transport that carries bytes.
//! - [`testing`] (feature `testing`): a token issuer for tests and
//!   benchmarks.

mod audit;
pub mod auth;
pub mod ctx;
pub mod dispatcher;
pub mod jsonrpc;
#[cfg(feature = "testing")]
pub mod testing;

pub use auth::{Identity, TokenVerifier, VerifierConfig};
pub use ctx::{Ctx, Tenant};
/// The connection a method's queries run on, inside the call's transaction.
pub use deadpool_postgres::Client as Db;
pub use dispatcher::{Credentials, DispatchOptions, Dispatcher};
pub use jsonrpc::{Reply, error_response};
