//! `rpc.discover`: the document as a method like any other, so that every
//! transport serves it through the one call path.

use serde_json::value::RawValue;

use sent_rpc::{Handler, Outcome, Registry, RegistryError, RpcError};

use crate::document::{DISCOVER_METHOD, document};

/// Register `rpc.discover` on `registry`: a public query that answers with
/// the document of every method registered so far and of itself. The
/// document is built here, once; each call hands out a copy of its bytes.
///
/// A document that cannot be built does not stop the registry: the method
/// then fails with an internal error whose cause goes to the log.
///
/// # Errors
///
/// When `registry` already has a method named `rpc.discover`.
pub fn add_discovery<C: Send + 'static>(registry: &mut Registry<C>) -> Result<&mut Registry<C>, RegistryError> {
    let mut methods = registry.methods();
    methods.push(&DISCOVER_METHOD);
    let answer: Result<Box<RawValue>, RpcError> = document(&methods)
        .and_then(|document| serde_json::value::to_raw_value(&document).map_err(Into::into))
        .map_err(|error| RpcError::internal(format!("the OpenRPC document: {error}")));
    let handler = Handler::new(&DISCOVER_METHOD, move |_cx: &mut C, params| {
        let answer = answer.clone();
        Box::pin(async move {
            sent_rpc::params::decode_none(params)?;
            Ok(Outcome { result: answer?, audit: None })
        })
    });
    registry.add(vec![handler])
}
