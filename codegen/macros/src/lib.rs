//! The attribute macros of SENT's RPC framework.
//!
//! # Layout
//!
//! - [`service`](macro@service) (`service.rs`): a trait of method
//!   declarations becomes the server-side trait, the metadata and the
//!   handlers.
//! - [`dto`](macro@dto) (`dto.rs`): a wire type gets serde with SENT's
//!   conventions and the `Dto` trait (redaction, ids).
//! - `case.rs`: the one rule that turns Rust names into wire names.
//!
//! The macros only parse and render; every piece of behaviour they name lives
//! in `sent-rpc`, reached by absolute paths (`::sent_rpc::...`).

mod case;
mod dto;
mod service;

use proc_macro::TokenStream;

/// Declare an app's methods.
///
/// ```ignore
/// /// The chart of accounts and the journal.
/// #[sent_rpc::service(app = "ledger")]
/// pub trait Ledger {
///     /// Open an account.
///     #[rpc(mutation, role = "admin", errors(conflict, validation))]
///     async fn create_account(params: CreateAccount) -> Account;
/// }
/// ```
///
/// Each method needs `#[rpc(query | mutation, role = "...")]`, where the role
/// is `public`, `authenticated`, `auditor`, `member`, `admin` or `owner`. The
/// wire name is `app.methodName`; `name = "..."` overrides the method part.
#[proc_macro_attribute]
pub fn service(args: TokenStream, input: TokenStream) -> TokenStream {
    service::expand(args.into(), input.into()).unwrap_or_else(syn::Error::into_compile_error).into()
}

/// Declare a type that crosses the wire: serde with camelCase names and
/// unknown fields refused, and the `Dto` trait. Fields may be marked
/// `#[sensitive]` (never written to the audit log) and `#[id]` (a row the
/// value names, recorded as affected by a mutation).
#[proc_macro_attribute]
pub fn dto(args: TokenStream, input: TokenStream) -> TokenStream {
    dto::expand(args.into(), input.into()).unwrap_or_else(syn::Error::into_compile_error).into()
}
