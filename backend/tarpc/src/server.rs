//! The server end: every call goes to the dispatcher, as from JSON-RPC.

use std::future::Future;
use std::net::SocketAddr;

use futures::StreamExt as _;
use sent_runtime::{Credentials, Dispatcher};
use tarpc::server::{BaseChannel, Channel as _};
use tarpc::tokio_serde::formats::Json;
use tarpc::tokio_util::codec::{Framed, LengthDelimitedCodec};
use tarpc::{ClientMessage, Response, context};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpListener;

use crate::tls::TlsAcceptor;

use crate::service::{Call, Reply, Sent, SentRequest, SentResponse};

/// A bound tarpc listener, not yet serving.
pub struct Listener {
    tcp: TcpListener,
    max_frame_bytes: usize,
    tls: Option<TlsAcceptor>,
}

impl std::fmt::Debug for Listener {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Listener").field("addr", &self.tcp.local_addr().ok()).field("tls", &self.tls.is_some()).finish()
    }
}

impl Listener {
    /// Bind `addr`; frames larger than `max_frame_bytes` (the request body
    /// limit) end the connection. With `tls`, every connection must open
    /// with a TLS handshake.
    ///
    /// # Errors
    /// When the address cannot be bound.
    pub async fn bind(addr: SocketAddr, max_frame_bytes: usize, tls: Option<TlsAcceptor>) -> std::io::Result<Self> {
        Ok(Self { tcp: TcpListener::bind(addr).await?, max_frame_bytes, tls })
    }

    /// The bound address.
    ///
    /// # Panics
    /// Never for a bound TCP listener.
    pub fn local_addr(&self) -> SocketAddr {
        self.tcp.local_addr().expect("a bound listener has an address")
    }

    /// Serve until `shutdown` completes. Each connection is served on its
    /// own task; its calls run concurrently.
    pub async fn serve(self, dispatcher: Dispatcher, shutdown: impl Future<Output = ()>) {
        let accept = async {
            loop {
                let (stream, peer) = match self.tcp.accept().await {
                    Ok(accepted) => accepted,
                    Err(error) => {
                        tracing::warn!(%error, "tarpc: a connection failed to open");
                        continue;
                    }
                };
                let endpoint = Endpoint { dispatcher: dispatcher.clone() };
                let max_frame_bytes = self.max_frame_bytes;
                match self.tls.clone() {
                    None => {
                        tokio::spawn(serve_connection(stream, max_frame_bytes, endpoint));
                    }
                    Some(tls) => {
                        tokio::spawn(async move {
                            match tls.accept(stream).await {
                                Ok(stream) => serve_connection(stream, max_frame_bytes, endpoint).await,
                                Err(error) => tracing::info!(%error, %peer, "tarpc: TLS handshake failed"),
                            }
                        });
                    }
                }
            }
        };
        tokio::select! {
            () = accept => {},
            () = shutdown => {},
        }
    }
}

/// One connection's calls, each on its own task.
async fn serve_connection<S>(stream: S, max_frame_bytes: usize, endpoint: Endpoint)
where
    S: AsyncRead + AsyncWrite + Send + Unpin + 'static,
{
    let framed = Framed::new(stream, LengthDelimitedCodec::builder().max_frame_length(max_frame_bytes).new_codec());
    let transport =
        tarpc::serde_transport::new(framed, Json::<ClientMessage<SentRequest>, Response<SentResponse>>::default());
    BaseChannel::with_defaults(transport)
        .execute(endpoint.serve())
        .for_each(|call| async move {
            tokio::spawn(call);
        })
        .await;
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
