//! `rpc.discover` as a registered method.

use std::sync::Arc;

use futures::executor::block_on;
use sent_openrpc::{DISCOVER, DISCOVER_METHOD, add_discovery};
use sent_rpc::{ErrorKind, Registry, RegistryError, RpcError};
use sent_rpc_schema::system::{Echo, ServerVersion, System, SystemApi};
use serde_json::Value;
use serde_json::value::RawValue;

struct Probe;

impl System<()> for Probe {
    async fn echo(&self, _cx: &mut (), params: Echo) -> Result<Echo, RpcError> {
        Ok(params)
    }

    async fn version(&self, _cx: &mut ()) -> Result<ServerVersion, RpcError> {
        Ok(ServerVersion { version: "0".into() })
    }
}

fn registry() -> Registry<()> {
    let mut registry = Registry::default();
    registry.add(SystemApi::handlers(Arc::new(Probe))).unwrap();
    add_discovery(&mut registry).unwrap();
    registry
}

fn discover(registry: &Registry<()>, params: Option<&str>) -> Result<Value, RpcError> {
    let params = params.map(|text| RawValue::from_string(text.to_owned()).unwrap());
    let handler = registry.get(DISCOVER).expect("rpc.discover is registered");
    let outcome = block_on(handler.call(&mut (), params.as_deref()))?;
    assert!(outcome.audit.is_none(), "a query writes no audit row");
    Ok(serde_json::from_str(outcome.result.get()).unwrap())
}

#[test]
fn it_answers_with_the_document_of_the_registry_and_itself() {
    let registry = registry();
    let answer = discover(&registry, None).unwrap();
    let expected = sent_openrpc::document(&registry.methods()).unwrap();
    assert_eq!(answer, expected);
    let names: Vec<&str> = answer["methods"].as_array().unwrap().iter().map(|m| m["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["rpc.discover", "system.echo", "system.version"]);
}

#[test]
fn it_is_described_as_the_specification_describes_it() {
    let answer = discover(&registry(), None).unwrap();
    let method = &answer["methods"][0];
    assert_eq!(method["description"], "Returns an OpenRPC schema as a description of this service");
    assert_eq!(method["params"], serde_json::json!([]));
    assert_eq!(method["result"]["name"], "OpenRPC Schema");
    assert!(method["result"]["schema"]["$ref"].as_str().unwrap().ends_with("/meta-schema/master/schema.json"));
    assert_eq!(method["x-sent"], serde_json::json!({ "kind": "query", "role": "public" }));
}

#[test]
fn it_takes_no_params() {
    let registry = registry();
    assert!(discover(&registry, Some("[]")).is_ok());
    assert!(discover(&registry, Some("{}")).is_ok());
    let error = discover(&registry, Some(r#"{"verbose":true}"#)).unwrap_err();
    assert_eq!(error.kind, ErrorKind::InvalidParams);
}

#[test]
fn it_is_registered_once() {
    let mut registry = registry();
    assert!(matches!(add_discovery(&mut registry), Err(RegistryError::Duplicate(DISCOVER))));
    assert_eq!(DISCOVER_METHOD.name, DISCOVER);
}

#[test]
fn a_document_that_cannot_be_built_fails_the_call_not_the_registry() {
    static PARAMS_WITHOUT_NAMES: sent_rpc::MethodMeta = sent_rpc::MethodMeta {
        name: "broken.method",
        params_type: Some(<sent_rpc::Role as specta::Type>::definition),
        ..DISCOVER_METHOD
    };
    let mut registry: Registry<()> = Registry::default();
    let handler = sent_rpc::Handler::new(&PARAMS_WITHOUT_NAMES, |_cx: &mut (), _params| {
        Box::pin(async { Err(RpcError::internal("never called")) })
    });
    registry.add(vec![handler]).unwrap();
    add_discovery(&mut registry).unwrap();
    let error = discover(&registry, None).unwrap_err();
    assert_eq!(error.kind, ErrorKind::Internal);
    assert!(error.log_detail().unwrap().contains("broken.method"), "{error}");
    assert!(!error.message.contains("broken.method"), "the cause stays in the log: {}", error.message);
}
