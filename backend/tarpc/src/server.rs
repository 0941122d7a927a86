//! The server end: every call goes to the dispatcher, as from JSON-RPC.

use std::future::Future;
use std::net::SocketAddr;

use futures::StreamExt as _;
use sent_runtime::{Credentials, Dispatcher};
use tarpc::context;
use tarpc::server::{BaseChannel, Channel as _};
use tarpc::tokio_serde::formats::Json;

use crate::service::{Call, Reply, Sent, SentRequest, SentResponse};

type Incoming = tarpc::ClientMessage<SentRequest>;
type Outgoing = tarpc::Response<SentResponse>;
type Codec = Json<Incoming, Outgoing>;

/// A bound tarpc listener, not yet serving.
pub struct Listener {
    incoming: tarpc::serde_transport::tcp::Incoming<Incoming, Outgoing, Codec, fn() -> Codec>,
}

impl std::fmt::Debug for Listener {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Listener").field("addr", &self.incoming.local_addr()).finish()
    }
}

impl Listener {
    /// Bind `addr`; frames larger than `max_frame_bytes` (the request body
    /// limit) end the connection.
    ///
    /// # Errors
    /// When the address cannot be bound.
    pub async fn bind(addr: SocketAddr, max_frame_bytes: usize) -> std::io::Result<Self> {
        let codec: fn() -> Codec = Json::default;
        let mut incoming = tarpc::serde_transport::tcp::listen(addr, codec).await?;
        incoming.config_mut().max_frame_length(max_frame_bytes);
        Ok(Self { incoming })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.incoming.local_addr()
    }

    /// Serve until `shutdown` completes. Each connection is served on its
    /// own task; its calls run concurrently.
    pub async fn serve(self, dispatcher: Dispatcher, shutdown: impl Future<Output = ()>) {
        let accept = self
            .incoming
            .filter_map(|accepted| async move {
                accepted.map_err(|error| tracing::warn!(%error, "tarpc: a connection failed to open")).ok()
            })
            .for_each(|transport| {
                let endpoint = Endpoint { dispatcher: dispatcher.clone() };
                async move {
                    let channel = BaseChannel::with_defaults(transport);
                    tokio::spawn(channel.execute(endpoint.serve()).for_each(|call| async move {
                        tokio::spawn(call);
                    }));
                }
            });
        tokio::select! {
            () = accept => {},
            () = shutdown => {},
        }
    }
}

#[derive(Clone)]
struct Endpoint {
    dispatcher: Dispatcher,
}

impl Sent for Endpoint {
    async fn call(self, _: context::Context, call: Call) -> Reply {
        let request_id = call.request_id.filter(|id| usable_request_id(id)).unwrap_or_else(Dispatcher::new_request_id);
        let credentials =
            Credentials { bearer: call.bearer, organization_id: call.organization_id, ..Credentials::default() };
        self.dispatcher
            .call(&call.method, call.params.as_deref(), &credentials, request_id.clone())
            .await
            .map_err(|error| error.to_error_object(&request_id))
    }
}

/// A client's request id goes into logs and audit rows: only short, plain
/// ones are taken.
fn usable_request_id(id: &str) -> bool {
    (8..=64).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_request_ids_are_taken_from_clients() {
        assert!(usable_request_id("0192f1c0-cli-7"));
        assert!(!usable_request_id("short"));
        assert!(!usable_request_id("has space in it"));
        assert!(!usable_request_id("line\nbreak-injected"));
        assert!(!usable_request_id(&"x".repeat(65)));
    }
}
