//! Audit: the trail of every mutation and the proof that it is whole.

use chrono::{DateTime, Utc};
use sent_rpc::{Page, dto, service};
use uuid::Uuid;

/// One audit entry.
#[dto]
#[derive(Debug, Clone, PartialEq)]
pub struct AuditEntry {
    /// Position in the organization's chain, from 1. A decimal string: it is
    /// a 64-bit integer.
    pub seq: String,
    pub occurred_at: DateTime<Utc>,
    pub actor_id: Uuid,
    pub method: String,
    pub request_id: String,
    /// The params, with sensitive fields redacted.
    pub params: serde_json::Value,
    pub affected_ids: Vec<Uuid>,
    /// Hex SHA-256 of the previous entry and this one's content.
    pub hash: String,
}

/// Which page of the trail, newest first.
#[dto]
#[derive(Debug, Clone, Default)]
pub struct ListAuditEntries {
    pub cursor: Option<String>,
    pub limit: Option<u32>,
}

/// The result of checking the chain.
#[dto]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainVerification {
    /// Whether every entry links to the one before and its hash matches.
    pub intact: bool,
    /// How many entries were checked (a decimal string).
    pub entries: String,
    /// The first entry that does not match, when the chain is broken.
    pub first_broken_seq: Option<String>,
}

/// The audit trail.
#[service(app = "audit")]
pub trait Audit {
    /// The call's organization's audit trail, newest first.
    #[rpc(query, role = "admin", errors(validation))]
    async fn list_entries(params: ListAuditEntries) -> Page<AuditEntry>;

    /// Recompute the organization's hash chain and report the first break.
    #[rpc(query, role = "admin")]
    async fn verify() -> ChainVerification;
}
