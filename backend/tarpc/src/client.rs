//! The client end.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use tarpc::tokio_serde::formats::Json;
use tarpc::tokio_util::codec::{Framed, LengthDelimitedCodec};
use tarpc::{client, context};
use tokio::net::TcpStream;
use tokio_rustls::rustls::pki_types::ServerName;

use crate::tls::TlsConnector;

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

    /// Connect over TCP and TLS; the server's certificate must be valid for
    /// `server_name` and signed by a root `tls` trusts.
    ///
    /// # Errors
    /// When the server cannot be reached or its certificate is refused.
    pub async fn connect_tls(addr: SocketAddr, server_name: &str, tls: &TlsConnector) -> Result<Self, TransportError> {
        let name = ServerName::try_from(server_name.to_owned())
            .map_err(|e| TransportError::Connect(std::io::Error::new(std::io::ErrorKind::InvalidInput, e)))?;
        let tcp = TcpStream::connect(addr).await.map_err(TransportError::Connect)?;
        let stream = tls.connect(name, tcp).await.map_err(TransportError::Connect)?;
        let codec = LengthDelimitedCodec::builder().max_frame_length(crate::MAX_FRAME_BYTES).new_codec();
        let transport = tarpc::serde_transport::new(Framed::new(stream, codec), Json::default());
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
