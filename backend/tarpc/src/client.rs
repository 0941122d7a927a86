//! The client end.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use tarpc::tokio_serde::formats::Json;
use tarpc::{client, context};

use crate::service::{Call, Reply, SentClient};

/// A connection to a server's tarpc endpoint.
#[derive(Debug, Clone)]
pub struct Client {
    inner: SentClient,
}

/// Why a call did not get an answer.
#[derive(Debug)]
pub enum TransportError {
    Connect(std::io::Error),
    Rpc(tarpc::client::RpcError),
}

impl std::fmt::Display for TransportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Connect(e) => write!(f, "cannot connect: {e}"),
            Self::Rpc(e) => write!(f, "the call failed in transit: {e}"),
        }
    }
}

impl std::error::Error for TransportError {}

impl Client {
    /// Connect over TCP.
    ///
    /// # Errors
    /// When the server cannot be reached.
    pub async fn connect(addr: SocketAddr) -> Result<Self, TransportError> {
        let mut connecting = tarpc::serde_transport::tcp::connect(addr, Json::default);
        connecting.config_mut().max_frame_length(crate::MAX_FRAME_BYTES);
        let transport = connecting.await.map_err(TransportError::Connect)?;
        Ok(Self { inner: SentClient::new(client::Config::default(), transport).spawn() })
    }

    /// Run one call; `timeout` bounds the whole round trip.
    ///
    /// # Errors
    /// When the call gets no answer (the server's own errors are in
    /// [`Reply`]).
    pub async fn call(&self, call: Call, timeout: Duration) -> Result<Reply, TransportError> {
        let mut cx = context::current();
        cx.deadline = Instant::now() + timeout;
        self.inner.call(cx, call).await.map_err(TransportError::Rpc)
    }
}
