//! PostgreSQL for SENT.
//!
//! # Layout
//!
//! - [`embedded`]: the embedded cluster that `make run` and the desktop app
//!   start (initdb as an unprivileged user, loopback only, SCRAM passwords).
//! - [`roles`]: the two roles: the schema owner, and the role calls run as,
//!   which row-level security always applies to.
//! - [`pool`]: the deadpool pool and the start-up checks on it.
//! - [`migrate`]: the versioned migrations in `migrations/` (refinery).
//! - [`open`]: what a host does at start: the external database or the
//!   embedded cluster, migrated and pooled.
//! - [`testing`] (feature `testing`): a throw-away cluster and a fresh
//!   database per test.
//!
//! Tenancy, audit and the call's transaction live in `sent-runtime`; this
//! crate knows nothing of calls.

pub mod embedded;
mod error;
pub mod migrate;
pub mod open;
pub mod pool;
pub mod roles;
#[cfg(feature = "testing")]
pub mod testing;

pub use deadpool_postgres::Pool;
pub use error::{DbError, EmbeddedError};
