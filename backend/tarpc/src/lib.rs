//! SENT over tarpc.
//!
//! # Layout
//!
//! - [`service`]: the tarpc service: one `call` that carries a method name,
//!   its JSON params and the caller's credentials. It is generic on purpose:
//!   the registry, not this crate, knows the methods, so a new method needs
//!   nothing here and every call runs the dispatcher's one path (auth,
//!   tenancy, audit) exactly as JSON-RPC does.
//! - [`client`]: connecting, and a call that returns the result or the
//!   error object, the same objects JSON-RPC carries.
//! - [`server`] (feature `server`): accepting connections and handing each
//!   call to the dispatcher.
//! - [`tls`]: optional TLS (rustls) for both ends.
//!
//! Frames are length-delimited JSON, so params and results cross this
//! transport byte for byte as they cross HTTP.

pub mod client;
#[cfg(feature = "server")]
pub mod server;
pub mod service;
pub mod tls;

pub use client::Client;

/// Largest frame a client accepts: a page of results, with room.
pub const MAX_FRAME_BYTES: usize = 16 * 1024 * 1024;
pub use service::{Call, Reply};
