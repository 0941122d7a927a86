//! JSON-RPC 2.0 over any byte transport: a body in, a body (or nothing) out.
//! Every call in it goes through [`Dispatcher::call`].

use sent_rpc::ErrorKind;
use sent_wire::{Entry, ErrorObject, Message};

use crate::dispatcher::{Credentials, Dispatcher};

/// What to send back for a body.
#[derive(Debug, PartialEq, Eq)]
pub enum Reply {
    /// A response (single) or an array of responses (batch).
    Body(String),
    /// Only notifications: nothing to send.
    Nothing,
}

impl Dispatcher {
    /// Serve a JSON-RPC body. Calls of a batch run concurrently; their
    /// responses come back in the batch's order.
    pub async fn handle_jsonrpc(&self, body: &[u8], credentials: &Credentials) -> Reply {
        let message = match sent_wire::parse(body, self.options().limits) {
            Ok(message) => message,
            Err(error) => return Reply::Body(error_response(error.to_error_object())),
        };
        match message {
            Message::Single(entry) => match self.entry(entry, credentials).await {
                Some(response) => Reply::Body(response),
                None => Reply::Nothing,
            },
            Message::Batch(entries) => {
                let responses =
                    futures::future::join_all(entries.into_iter().map(|e| self.entry(e, credentials))).await;
                let responses: Vec<String> = responses.into_iter().flatten().collect();
                if responses.is_empty() { Reply::Nothing } else { Reply::Body(format!("[{}]", responses.join(","))) }
            }
        }
    }

    async fn entry(&self, entry: Entry<'_>, credentials: &Credentials) -> Option<String> {
        let mut out = String::new();
        match entry {
            Entry::Invalid(error) => Some(error_response(error)),
            Entry::Call(call) => {
                let request_id = Dispatcher::new_request_id();
                let result = self.call(&call.method, call.params, credentials, request_id.clone()).await;
                // A notification is run, and its outcome (even an error) is
                // not sent.
                if call.is_notification() {
                    return None;
                }
                match result {
                    Ok(result) => sent_wire::write_result(&mut out, call.id, &result),
                    Err(error) => sent_wire::write_error(&mut out, call.id, &error.to_error_object(&request_id)),
                }
                Some(out)
            }
        }
    }
}

/// The response to a body or call that never reached a method (null id).
/// Such errors carry `data.kind` and a request id like every other error.
pub fn error_response(error: ErrorObject) -> String {
    let kind = ErrorKind::ALL.into_iter().find(|k| k.code() == error.code).unwrap_or(ErrorKind::InvalidRequest);
    let error = sent_rpc::RpcError::new(kind, error.message).to_error_object(&Dispatcher::new_request_id());
    let mut out = String::new();
    sent_wire::write_error(&mut out, None, &error);
    out
}
