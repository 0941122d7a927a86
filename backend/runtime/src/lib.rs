//! The call path every transport shares.
//!
//! # Layout
//!
//! - [`dispatcher`]: lookup, authentication, tenant and role, the method in
//!   its transaction, audit, commit, deadline. The only way into a method.
//! - [`ctx`]: what a method implementation is given: the caller, the tenant,
//!   and a transaction that begins on first use with row-level security set.
//! - `connections`: where a call's connection comes from, and where a
//!   read-only transaction waits for its `COMMIT` to ride with the next
//!   call's `BEGIN`.
//! - `audit`: the audit row of every mutation, in its transaction.
//! - [`secret`]: the secrets people carry (session tokens, invitation
//!   links) and the digests the database keeps of them.
//! - [`sessions`]: server-side sessions behind browser cookies, and
//!   sign-ins under way, in PostgreSQL so every host shares them.
//! - [`jsonrpc`]: JSON-RPC 2.0 bodies (single, batch, notifications) on top
//!   of the dispatcher, for any transport that carries bytes.
//!
//! Who is calling (tokens, sign-in) is `sent-auth`'s.

mod audit;
mod connections;
pub mod ctx;
pub mod dispatcher;
pub mod jsonrpc;
pub mod secret;
pub mod sessions;
/// A token issuer for tests and benchmarks.
#[cfg(feature = "testing")]
pub use sent_auth::testing;

pub use ctx::{Ctx, Tenant};
/// The connection a method's queries run on, inside the call's transaction.
pub use deadpool_postgres::Client as Db;
pub use dispatcher::{Credentials, DispatchOptions, Dispatcher};
pub use jsonrpc::{Reply, error_response};
pub use sent_auth::{Identity, TokenVerifier};
pub use sessions::{PendingSignIn, Sessions};

/// The error every call gets when no pooled connection can be had.
pub(crate) fn database_unavailable(error: deadpool_postgres::PoolError) -> sent_rpc::RpcError {
    sent_rpc::RpcError::new(sent_rpc::ErrorKind::Unavailable, "The database is unavailable").with_log_detail(error)
}
