//! Page sizes and cursors, the same for every list.

use sent_rpc::RpcError;
use sent_rpc_schema::{DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE};

/// The page size a call asked for, checked; as the row count to fetch, one
/// more than the page so the extra row tells whether another page follows.
pub fn limit(requested: Option<u32>) -> Result<(usize, i64), RpcError> {
    let limit = requested.unwrap_or(DEFAULT_PAGE_SIZE);
    if limit == 0 || limit > MAX_PAGE_SIZE {
        return Err(RpcError::validation("limit", format!("limit must be between 1 and {MAX_PAGE_SIZE}")));
    }
    Ok((limit as usize, i64::from(limit) + 1))
}

/// A cursor this server did not write.
pub fn bad_cursor() -> RpcError {
    RpcError::validation("cursor", "cursor is not one this list returned")
}
