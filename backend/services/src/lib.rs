//! The implementations of every app's methods.
//!
//! # Layout
//!
//! One module per app, named as in `rpc-schema` and `sql/`: each implements
//! its app's trait for the runtime's [`Ctx`] with the queries cornucopia
//! generated from `sql/<app>.sql` (`invitations` is identity's, in a module
//! of its own). [`registry`] binds them all; it is the one list of apps the
//! server needs.
//!
//! Implementations enforce the domain's rules; who may call, the tenant's
//! transaction and the audit row are the dispatcher's job, done once for
//! every method.

pub mod audit;
pub mod identity;
mod invitations;
pub mod ledger;
mod paging;
pub mod system;

use std::sync::Arc;

use sent_rpc::{Registry, RegistryError};
use sent_rpc_schema::{audit::AuditApi, identity::IdentityApi, ledger::LedgerApi, system::SystemApi};
use sent_runtime::Ctx;

/// Every app's methods, bound to their implementations, and `rpc.discover`,
/// which describes them all (added last, so that it sees them).
pub fn registry() -> Result<Registry<Ctx>, RegistryError> {
    let mut registry = Registry::default();
    registry
        .add(SystemApi::handlers(Arc::new(system::SystemService)))?
        .add(IdentityApi::handlers(Arc::new(identity::IdentityService)))?
        .add(LedgerApi::handlers(Arc::new(ledger::LedgerService)))?
        .add(AuditApi::handlers(Arc::new(audit::AuditService)))?;
    sent_openrpc::add_discovery(&mut registry)?;
    Ok(registry)
}
