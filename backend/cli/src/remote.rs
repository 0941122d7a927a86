//! The server at the other end of tarpc.

use std::net::SocketAddr;
use std::time::Duration;

use sent_tarpc::client::TransportError;
use sent_tarpc::{Call, Client};
use serde_json::Value;
use serde_json::value::RawValue;
use uuid::Uuid;

use crate::args::Global;
use crate::discovery::{DISCOVER, Document};
use crate::exit::{Exit, Failure};

/// A connected server.
#[derive(Debug)]
pub struct Remote {
    client: Client,
    /// As the user gave it, for messages.
    address: String,
    timeout: Duration,
}

/// Who calls, and where.
#[derive(Debug, Clone, Default)]
pub struct Caller {
    pub bearer: Option<String>,
    pub organization_id: Option<Uuid>,
    pub request_id: Option<String>,
}

impl Remote {
    /// Resolve `--server` (`host:port`) and connect, over TLS when
    /// `--tls-ca` is given.
    ///
    /// # Errors
    /// Exit 2 for an address that is not `host:port` or an unreadable CA
    /// file; exit 1 when nothing answers there or the TLS handshake fails.
    pub async fn connect(global: &Global, timeout: Duration) -> Result<Self, Failure> {
        let address = global.server.as_str();
        let socket = resolve(address).await?;
        let unreachable = |reason: String| {
            Failure::new(
                Exit::Other,
                "unavailable",
                format!(
                    "cannot reach the SENT server at {address} ({reason}); is it running? `make run` starts one, \
                     --server or SENT_TARPC_ADDR points elsewhere"
                ),
            )
        };
        let connecting = async {
            match &global.tls_ca {
                None => Client::connect(socket).await,
                Some(ca) => {
                    let tls = sent_tarpc::tls::connector(ca).map_err(|e| {
                        TransportError::Connect(std::io::Error::new(std::io::ErrorKind::InvalidInput, e.to_string()))
                    })?;
                    let host = address.rsplit_once(':').map_or(address, |(host, _)| host);
                    let name = global.tls_name.as_deref().unwrap_or(host.trim_start_matches('[').trim_end_matches(']'));
                    Client::connect_tls(socket, name, &tls).await
                }
            }
        };
        let client = match tokio::time::timeout(timeout, connecting).await {
            Ok(Ok(client)) => client,
            Ok(Err(TransportError::Connect(e))) => return Err(unreachable(io_reason(&e))),
            Ok(Err(other)) => return Err(unreachable(other.to_string())),
            Err(_) => return Err(unreachable(format!("no connection within {} s", timeout.as_secs()))),
        };
        Ok(Self { client, address: address.to_owned(), timeout })
    }

    /// The server's OpenRPC document.
    ///
    /// # Errors
    /// When the call fails or the answer is not an OpenRPC document.
    pub async fn discover(&self) -> Result<Document, Failure> {
        let params =
            RawValue::from_string("[]".into()).map_err(|e| Failure::new(Exit::Other, "internal", e.to_string()))?;
        let result = self.call(DISCOVER, params, &Caller::default()).await?;
        serde_json::from_str(result.get()).map_err(|e| {
            Failure::new(
                Exit::Other,
                "discovery",
                format!("the server at {} describes its methods in a form `sent` does not read: {e}", self.address),
            )
        })
    }

    /// Run one call.
    ///
    /// # Errors
    /// The server's error, or why no answer came.
    pub async fn call(&self, method: &str, params: Box<RawValue>, caller: &Caller) -> Result<Box<RawValue>, Failure> {
        let call = Call {
            method: method.to_owned(),
            params: Some(params),
            bearer: caller.bearer.clone(),
            organization_id: caller.organization_id,
            request_id: caller.request_id.clone(),
        };
        match self.client.call(call, self.timeout).await {
            Ok(Ok(result)) => Ok(result),
            Ok(Err(error)) => Err(Failure::from_server(&error)),
            Err(TransportError::Rpc(tarpc::client::RpcError::DeadlineExceeded)) => Err(Failure::new(
                Exit::Other,
                "deadlineExceeded",
                format!("no answer from {} within {} s (--timeout)", self.address, self.timeout.as_secs()),
            )
            .with_request(caller.request_id.as_deref())),
            Err(other) => Err(Failure::new(
                Exit::Other,
                "unavailable",
                format!("the call to {} failed in transit: {other}", self.address),
            )
            .with_request(caller.request_id.as_deref())),
        }
    }

    /// Call and decode the result as JSON.
    ///
    /// # Errors
    /// As [`Remote::call`].
    pub async fn call_value(&self, method: &str, params: &Value, caller: &Caller) -> Result<Value, Failure> {
        let params = serde_json::value::to_raw_value(params)
            .map_err(|e| Failure::new(Exit::Other, "internal", format!("the params cannot be encoded: {e}")))?;
        let result = self.call(method, params, caller).await?;
        serde_json::from_str(result.get())
            .map_err(|e| Failure::new(Exit::Other, "internal", format!("the server's answer is not JSON: {e}")))
    }
}

async fn resolve(address: &str) -> Result<SocketAddr, Failure> {
    if let Ok(socket) = address.parse() {
        return Ok(socket);
    }
    let has_port = address.rsplit_once(':').is_some_and(|(host, port)| !host.is_empty() && port.parse::<u16>().is_ok());
    if !has_port {
        return Err(Failure::usage(format!("--server {address:?} is not host:port")));
    }
    let mut found = tokio::net::lookup_host(address).await.map_err(|e| {
        Failure::new(Exit::Other, "unavailable", format!("cannot resolve the server address {address}: {e}"))
    })?;
    found.next().ok_or_else(|| Failure::new(Exit::Other, "unavailable", format!("{address} resolves to no address")))
}

fn io_reason(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::ConnectionRefused => "connection refused".to_owned(),
        std::io::ErrorKind::TimedOut => "timed out".to_owned(),
        _ => error.to_string(),
    }
}
