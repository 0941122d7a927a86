//! Every SENT service method, declared once.
//!
//! # Layout
//!
//! One module per app, each holding one `#[sent_rpc::service]` trait and its
//! DTOs, and nothing else. A method's trait is here, its SQL in
//! `sql/<app>.sql`, its implementation in `backend/services/src/<app>.rs`,
//! and its generated client in `frontend/sdk`, all under the app's name.
//!
//! Wire conventions (set by `#[sent_rpc::dto]`): members are camelCase,
//! unknown members are refused, ids are UUIDs, money is a decimal string,
//! dates are `YYYY-MM-DD` and timestamps RFC 3339 UTC.

pub mod audit;
pub mod identity;
pub mod ledger;
pub mod system;

pub use sent_rpc::{Page, Role};

/// The largest page any list returns.
pub const MAX_PAGE_SIZE: u32 = 200;
/// The page size when a list call does not say.
pub const DEFAULT_PAGE_SIZE: u32 = 50;
