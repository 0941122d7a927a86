//! SENT's OpenRPC document: every method with its params, result and
//! errors, and a JSON Schema of every type they carry.
//!
//! # Layout
//!
//! - [`document`] (in `document.rs`): the OpenRPC 1.3 document from the
//!   methods' [`MethodMeta`](sent_rpc::MethodMeta): method objects, content
//!   descriptors, and the [`errors`] each method can return.
//! - [`add_discovery`] (in `discover.rs`): `rpc.discover`, the document as a
//!   registered method, so that every transport serves it.
//! - `schema.rs`: JSON Schemas from specta's description of the types after
//!   serde's renames (`specta_serde::Format`): the mapping of Rust types to
//!   schemas and the naming of components, generic instantiations included.
//!
//! `sent-gen openrpc` writes the document to `frontend/sdk/openrpc.json`;
//! the server answers `rpc.discover` and `GET /api/openrpc.json` with it.
//!
//! # The document
//!
//! - One method object per method, sorted by wire name, `rpc.discover`
//!   included (described as the OpenRPC specification describes it). Params
//!   are listed by name in declaration order, which is also their order when
//!   passed by position (`paramStructure: "either"`).
//! - `errors` refer to `#/components/errors/<kind>`: the kinds a method
//!   declares and those its call path can return.
//! - `x-sent` holds what JSON-RPC has no word for: `kind` (`query` or
//!   `mutation`) and `role` (`public`, `authenticated`, or the least
//!   organization role).
//!
//! # Schema rules
//!
//! - A named type (a DTO struct or enum) is a component under
//!   `#/components/schemas/<Name>`, referred to by `$ref`. A generic type has
//!   one component per instantiation, its name followed by its arguments'
//!   (`Page<Account>` is `PageAccount`); two Rust types with one component
//!   name are refused. Every params DTO has its component.
//! - A struct is an object of its camelCase members, with no other members
//!   allowed.
//! - `Option<T>` is `T` or `null` (`anyOf`). serde reads a missing `Option`
//!   member as `null` and always writes it, so it is not required in params
//!   and required in results; a type used both ways does not require it.
//! - A DTO enum is a string `enum` of its camelCase values.
//! - `Vec<T>` is an array; `Uuid`, `DateTime<Utc>` and `NaiveDate` are strings
//!   of format `uuid`, `date-time` and `date`; `Decimal` a string matching
//!   [`DECIMAL_PATTERN`]; 64-bit and wider integers decimal strings
//!   ([`INTEGER_PATTERN`], [`UNSIGNED_PATTERN`]); narrower integers carry
//!   their width's bounds; `serde_json::Value` is `{}`, anything.
//! - Doc comments become `description`s; `#[deprecated]` becomes
//!   `deprecated`.

mod discover;
mod document;
mod schema;

pub use discover::add_discovery;
pub use document::{DISCOVER, DISCOVER_METHOD, OPENRPC_VERSION, TITLE, document, errors};
pub use schema::{DECIMAL_PATTERN, INTEGER_PATTERN, UNSIGNED_PATTERN};

/// Why the document could not be built. Each names the declaration to fix.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DocumentError {
    /// serde attributes that specta cannot describe in one shape for both
    /// directions.
    #[error("serde's view of the types{}: {message}", method.as_ref().map(|m| format!(" of `{m}`")).unwrap_or_default())]
    Serde { method: Option<String>, message: String },
    /// Params must be an object with named members, to be passed by name.
    #[error("the params of `{method}` are not an object with named members")]
    ParamsNotNamed { method: String },
    /// Two Rust types would be one component.
    #[error("two types on the wire are both named `{name}` ({first} and {second}): rename one")]
    DuplicateName { name: String, first: String, second: String },
    /// specta referred to a type it did not describe.
    #[error("specta referred to a type it did not register: {0}")]
    UnregisteredType(String),
    /// The document could not be encoded.
    #[error("the document does not encode: {0}")]
    Encode(String),
    /// Several of the above.
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Many(Vec<DocumentError>),
}

impl DocumentError {
    fn many(mut errors: Vec<Self>) -> Self {
        if errors.len() == 1 { errors.remove(0) } else { Self::Many(errors) }
    }
}

impl From<serde_json::Error> for DocumentError {
    fn from(error: serde_json::Error) -> Self {
        Self::Encode(error.to_string())
    }
}
