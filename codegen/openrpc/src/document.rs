//! The OpenRPC document: methods, content descriptors and errors.

use std::collections::BTreeMap;

use sent_rpc::{Access, ErrorKind, Kind, MethodMeta};
use serde_json::{Map, Value, json};
use specta::Format as _;
use specta::Types;
use specta::datatype::DataType;

use crate::DocumentError;
use crate::schema::{Direction, Member, Schemas, doc_text};

/// The version of the OpenRPC specification the document follows.
pub const OPENRPC_VERSION: &str = "1.3.2";

/// The title of the API in the document's `info`.
pub const TITLE: &str = "SENT";

/// The wire name of the service discovery method, fixed by the OpenRPC
/// specification.
pub const DISCOVER: &str = "rpc.discover";

/// The meta-schema the discovery method's result follows, as the OpenRPC
/// specification names it.
const META_SCHEMA: &str = "https://raw.githubusercontent.com/open-rpc/meta-schema/master/schema.json";

/// Where a `$ref` to an error component points.
const ERRORS: &str = "#/components/errors/";

/// The service discovery method: it answers with this document. It is one
/// of the methods the document lists, described as the specification
/// describes it.
pub static DISCOVER_METHOD: MethodMeta = MethodMeta {
    name: DISCOVER,
    app: "rpc",
    docs: "Returns an OpenRPC schema as a description of this service",
    kind: Kind::Query,
    access: Access::Public,
    deprecated: None,
    params: None,
    result: "OpenRPC",
    errors: &[],
    params_type: None,
    // Never read: the document describes this result by the meta-schema.
    result_type: <Value as specta::Type>::definition,
};

/// The OpenRPC document describing `methods`, sorted by wire name.
///
/// # Errors
///
/// When a type cannot be described: serde attributes specta cannot put in
/// one shape for both directions, params that are not an object with named
/// members, or two types on the wire with one name. `#[sent_rpc::dto]` types
/// meet none of these but the last.
pub fn document(methods: &[&MethodMeta]) -> Result<Value, DocumentError> {
    let mut types = Types::default();
    let mut declared: Vec<(&MethodMeta, Option<DataType>, Option<DataType>)> = methods
        .iter()
        .map(|method| {
            if method.name == DISCOVER {
                return (*method, None, None);
            }
            let params = method.params_type.map(|params| params(&mut types));
            (*method, params, Some((method.result_type)(&mut types)))
        })
        .collect();
    declared.sort_by_key(|(method, ..)| method.name);

    let format_error = |method: Option<&str>, error: &dyn std::fmt::Display| DocumentError::Serde {
        method: method.map(str::to_owned),
        message: error.to_string(),
    };
    let types = specta_serde::Format.map_types(&types).map_err(|error| format_error(None, &error))?.into_owned();
    let mut schemas = Schemas::new(&types);
    let mut method_objects = Vec::with_capacity(declared.len());
    for (method, params, result) in &declared {
        let serde_view = |dt: &DataType| {
            specta_serde::Format
                .map_type(&types, dt)
                .map(std::borrow::Cow::into_owned)
                .map_err(|error| format_error(Some(method.name), &error))
        };
        let params = params.as_ref().map(serde_view).transpose()?;
        let result = result.as_ref().map(serde_view).transpose()?;
        method_objects.push(method_object(&mut schemas, method, params.as_ref(), result.as_ref())?);
    }
    let schemas = schemas.into_components().map_err(DocumentError::many)?;

    let errors: BTreeMap<&str, Value> = ErrorKind::ALL
        .into_iter()
        .map(|kind| {
            (kind.name(), json!({ "code": kind.code(), "message": kind.title(), "data": { "kind": kind.name() } }))
        })
        .collect();

    Ok(json!({
        "openrpc": OPENRPC_VERSION,
        "info": {
            "title": TITLE,
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Every method of every SENT app, served as JSON-RPC 2.0 at `POST /api/rpc`.\n\n\
                A method whose `x-sent.role` is not `public` needs a signed-in caller; one whose role is \
                an organization role (`auditor`, `member`, `admin`, `owner`) acts in the organization \
                named by the `Sent-Organization` header. A failed call's `error.data.kind` names the \
                error (see `components.errors`) and `error.data.requestId` finds it in the server's log.",
        },
        "methods": method_objects,
        "components": { "schemas": schemas, "errors": errors },
        "x-generated": "generated from the service declarations by sent-openrpc, do not edit",
    }))
}

/// Every error a call to `method` can return, in code order: those it
/// declares, those of the call path (params that do not decode, an internal
/// failure, the deadline) and, for a method that is not public, those of the
/// caller's identity and rights and of the database that holds them.
/// Errors of the request itself (unparsable, not a request, no such method)
/// belong to no method.
pub fn errors(method: &MethodMeta) -> Vec<ErrorKind> {
    ErrorKind::ALL.into_iter().filter(|kind| method.errors.contains(kind) || call_path_error(*kind, method)).collect()
}

fn call_path_error(kind: ErrorKind, method: &MethodMeta) -> bool {
    match kind {
        ErrorKind::InvalidParams | ErrorKind::Internal | ErrorKind::DeadlineExceeded => true,
        ErrorKind::Unauthenticated | ErrorKind::Forbidden | ErrorKind::Unavailable => method.access != Access::Public,
        _ => false,
    }
}

fn method_object(
    schemas: &mut Schemas<'_>,
    method: &MethodMeta,
    params: Option<&DataType>,
    result: Option<&DataType>,
) -> Result<Value, DocumentError> {
    let mut object = Map::new();
    object.insert("name".into(), json!(method.name));
    let docs = doc_text(method.docs);
    if let Some(summary) = docs.as_deref().and_then(summary) {
        object.insert("summary".into(), json!(summary));
    }
    let description = match (docs, method.deprecated) {
        (Some(docs), Some(note)) => Some(format!("{docs}\n\nDeprecated: {note}")),
        (None, Some(note)) => Some(format!("Deprecated: {note}")),
        (docs, None) => docs,
    };
    if let Some(description) = description {
        object.insert("description".into(), json!(description));
    }
    // `sent_rpc::params::decode` takes an object or an array alike.
    object.insert("paramStructure".into(), json!("either"));
    let params = match params {
        Some(params) => params_of(schemas, method, params)?,
        None => Vec::new(),
    };
    object.insert("params".into(), Value::Array(params));
    let result = match result {
        Some(result) => {
            json!({ "name": schemas.name(result), "schema": schemas.schema(result, Direction::Result) })
        }
        None => json!({ "name": "OpenRPC Schema", "schema": { "$ref": META_SCHEMA } }),
    };
    object.insert("result".into(), result);
    let errors: Vec<Value> =
        errors(method).into_iter().map(|kind| json!({ "$ref": format!("{ERRORS}{}", kind.name()) })).collect();
    object.insert("errors".into(), Value::Array(errors));
    if method.deprecated.is_some() {
        object.insert("deprecated".into(), json!(true));
    }
    object.insert("x-sent".into(), json!({ "kind": method.kind.name(), "role": method.access.name() }));
    Ok(Value::Object(object))
}

/// One content descriptor per member of the params DTO, in declaration
/// order, which is also the order of params passed by position.
fn params_of(schemas: &mut Schemas<'_>, method: &MethodMeta, params: &DataType) -> Result<Vec<Value>, DocumentError> {
    let members = schemas
        .members(params, Direction::Param)
        .ok_or_else(|| DocumentError::ParamsNotNamed { method: method.name.to_owned() })?;
    // The params DTO gets its component too, for clients that build it whole.
    schemas.schema(params, Direction::Param);
    Ok(members.into_iter().map(content_descriptor).collect())
}

fn content_descriptor(member: Member) -> Value {
    let mut descriptor =
        json!({ "name": member.name, "required": member.required(Direction::Param), "schema": member.schema });
    if let Some(description) = member.description {
        descriptor["description"] = json!(description);
    }
    if member.deprecated {
        descriptor["deprecated"] = json!(true);
    }
    descriptor
}

/// The first paragraph of a doc comment, its source line breaks undone.
fn summary(docs: &str) -> Option<String> {
    let paragraph = docs.split("\n\n").next()?;
    let summary = paragraph.lines().map(str::trim).collect::<Vec<_>>().join(" ");
    (!summary.is_empty()).then_some(summary)
}
