//! SENT's RPC framework: a method is declared once, in a trait, and served
//! by every transport through one path.
//!
//! # Layout
//!
//! - [`service`] and [`dto`] (macros, from `sent-rpc-macros`): the
//!   declaration. `#[service]` turns a trait of `async fn name(params: P) -> R`
//!   into the server-side trait, the method metadata and the handlers;
//!   `#[dto]` fixes the wire conventions of a type.
//! - [`meta`]: what a method declares (name, docs, kind, access, errors).
//! - [`error`]: the one error type and its JSON-RPC codes.
//! - [`dto`](mod@dto): what every wire type can do (redaction, affected ids).
//! - [`params`]: strict params decoding, by name or by position.
//! - [`handler`]: a method bound to its implementation.
//! - [`registry`]: every method of every app, by wire name.
//!
//! Transports, authentication and the database live in `sent-runtime`.

pub mod dto;
pub mod error;
pub mod handler;
pub mod meta;
pub mod params;
pub mod registry;

pub use dto::{CollectIds, Dto, Page};
pub use error::{ErrorKind, RpcError};
pub use handler::{AuditFacts, CallFuture, Handler, Outcome};
pub use meta::{Access, Kind, MethodMeta, Role, TypeFn};
pub use registry::{Api, Registry, RegistryError};
pub use sent_rpc_macros::{dto, service};

/// What generated code names; not part of the API.
#[doc(hidden)]
pub mod __private {
    pub use futures::future::BoxFuture;
    pub use serde;
    pub use serde_json;
    pub use specta;
    pub use uuid;

    pub use crate::dto::redact_members;
}
