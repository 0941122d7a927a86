//! The service definition shared by both ends.

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use uuid::Uuid;

/// One call: what a JSON-RPC request and its HTTP headers carry.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Call {
    /// Wire name, e.g. `ledger.createAccount`.
    pub method: String,
    /// By name (an object) or by position (an array), as in JSON-RPC.
    pub params: Option<Box<RawValue>>,
    /// An access token from the identity provider.
    pub bearer: Option<String>,
    /// The organization the call acts in.
    pub organization_id: Option<Uuid>,
    /// The caller's id for this call, so its log lines and audit row can be
    /// found from the client's side; the server makes one when it is absent
    /// or unusable.
    pub request_id: Option<String>,
}

/// The result, or the error object JSON-RPC would carry (standard codes,
/// `data.kind`, `data.requestId`).
pub type Reply = Result<Box<RawValue>, sent_wire::ErrorObject>;

/// SENT's methods, all of them, through one generic entry.
#[tarpc::service]
pub trait Sent {
    /// Run one method.
    async fn call(call: Call) -> Reply;
}
