//! JSON-RPC 2.0 on the wire, exactly as the specification defines it.
//!
//! # Layout
//!
//! - [`code`]: the standard error codes and SENT's application codes.
//! - [`Message`] / [`parse`]: a body split into single calls or a batch,
//!   each call checked against the Request object's rules, borrowing from
//!   the body so params are decoded once, by the method that owns them.
//! - [`ErrorObject`] and the `write_*` functions: responses, written
//!   directly into one buffer with the request's id echoed byte for byte.
//!
//! This crate knows nothing of methods, transports or databases.

use std::borrow::Cow;

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::value::RawValue;

/// Error codes. -32768..-32000 is reserved by the specification; SENT's
/// application errors use -32000..-32099.
pub mod code {
    pub const PARSE_ERROR: i32 = -32700;
    pub const INVALID_REQUEST: i32 = -32600;
    pub const METHOD_NOT_FOUND: i32 = -32601;
    pub const INVALID_PARAMS: i32 = -32602;
    pub const INTERNAL_ERROR: i32 = -32603;

    pub const UNAUTHENTICATED: i32 = -32001;
    pub const FORBIDDEN: i32 = -32003;
    pub const NOT_FOUND: i32 = -32004;
    pub const CONFLICT: i32 = -32009;
    pub const VALIDATION: i32 = -32022;
    pub const RATE_LIMITED: i32 = -32029;
    pub const UNAVAILABLE: i32 = -32030;
    pub const DEADLINE_EXCEEDED: i32 = -32031;
}

/// The Error object of a response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorObject {
    pub code: i32,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<serde_json::Value>,
}

impl ErrorObject {
    pub fn new(code: i32, message: impl Into<String>) -> Self {
        Self { code, message: message.into(), data: None }
    }
}

/// One call of a body, as far as the envelope goes.
#[derive(Debug)]
pub enum Entry<'a> {
    /// A well-formed Request object (a notification when `id` is `None`).
    Call(Call<'a>),
    /// Not a valid Request object: answered with -32600 and a null id.
    Invalid(ErrorObject),
}

/// A well-formed call.
#[derive(Debug)]
pub struct Call<'a> {
    pub method: Cow<'a, str>,
    /// An Array or an Object, or absent.
    pub params: Option<&'a RawValue>,
    /// The id's JSON text, echoed as is; `None` for a notification.
    pub id: Option<&'a RawValue>,
}

impl Call<'_> {
    pub fn is_notification(&self) -> bool {
        self.id.is_none()
    }
}

/// A parsed body.
#[derive(Debug)]
pub enum Message<'a> {
    Single(Entry<'a>),
    Batch(Vec<Entry<'a>>),
}

/// Why a body could not be read at all: answered with a single error and a
/// null id.
#[derive(Debug, Clone, PartialEq)]
pub enum BodyError {
    /// Not JSON (-32700).
    Parse(String),
    /// JSON nested deeper than the limit (-32600).
    TooDeep(usize),
    /// An empty array (-32600).
    EmptyBatch,
    /// More calls than the limit (-32600).
    BatchTooLarge(usize),
    /// JSON, but neither an object nor an array (-32600).
    NotARequest,
}

impl BodyError {
    pub fn to_error_object(&self) -> ErrorObject {
        match self {
            Self::Parse(detail) => ErrorObject::new(code::PARSE_ERROR, format!("Parse error: {detail}")),
            Self::TooDeep(limit) => {
                ErrorObject::new(code::INVALID_REQUEST, format!("Invalid Request: nested deeper than {limit} levels"))
            }
            Self::EmptyBatch => ErrorObject::new(code::INVALID_REQUEST, "Invalid Request: empty batch"),
            Self::BatchTooLarge(limit) => ErrorObject::new(
                code::INVALID_REQUEST,
                format!("Invalid Request: a batch may hold at most {limit} calls"),
            ),
            Self::NotARequest => {
                ErrorObject::new(code::INVALID_REQUEST, "Invalid Request: expected an object or an array")
            }
        }
    }
}

/// Limits on what a body may hold.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_batch: usize,
    pub max_depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self { max_batch: 100, max_depth: 64 }
    }
}

/// Split a body into calls.
pub fn parse(body: &[u8], limits: Limits) -> Result<Message<'_>, BodyError> {
    // serde_json would stop at its own recursion limit with a parse error;
    // a body that is merely deep is valid JSON and deserves -32600.
    if nesting_depth(body) > limits.max_depth {
        // Only call it too deep if it is JSON at all.
        return match serde_json::from_slice::<serde::de::IgnoredAny>(body) {
            Err(e) if !e.to_string().contains("recursion limit") => Err(BodyError::Parse(e.to_string())),
            _ => Err(BodyError::TooDeep(limits.max_depth)),
        };
    }
    let raw: &RawValue = serde_json::from_slice(body).map_err(|e| BodyError::Parse(e.to_string()))?;
    let text = raw.get();
    match text.as_bytes().first() {
        Some(b'[') => {
            let items: Vec<&RawValue> = serde_json::from_str(text).map_err(|e| BodyError::Parse(e.to_string()))?;
            if items.is_empty() {
                return Err(BodyError::EmptyBatch);
            }
            if items.len() > limits.max_batch {
                return Err(BodyError::BatchTooLarge(limits.max_batch));
            }
            Ok(Message::Batch(items.into_iter().map(entry).collect()))
        }
        Some(b'{') => Ok(Message::Single(entry(raw))),
        _ => Err(BodyError::NotARequest),
    }
}

/// The Request object's members, each kept as raw JSON so that its type can
/// be checked (and the id echoed) exactly.
#[derive(Deserialize)]
struct Envelope<'a> {
    #[serde(borrow, default, deserialize_with = "present")]
    jsonrpc: Option<&'a RawValue>,
    #[serde(borrow, default, deserialize_with = "present")]
    method: Option<&'a RawValue>,
    #[serde(borrow, default, deserialize_with = "present")]
    params: Option<&'a RawValue>,
    // `"id": null` is a call with a null id, not a notification: presence
    // is what counts.
    #[serde(borrow, default, deserialize_with = "present")]
    id: Option<&'a RawValue>,
}

fn present<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<&'de RawValue>, D::Error> {
    <&RawValue>::deserialize(deserializer).map(Some)
}

/// The error for params that are neither an array nor an object: every
/// transport refuses them the same way.
pub const PARAMS_NOT_STRUCTURED: &str = r#"Invalid Request: "params" must be an array or an object"#;

/// Whether params are by position (an array) or by name (an object), the
/// only two forms JSON-RPC 2.0 allows.
pub fn params_are_structured(params: &RawValue) -> bool {
    matches!(params.get().as_bytes().first(), Some(b'[' | b'{'))
}

fn invalid(reason: &str) -> Entry<'static> {
    Entry::Invalid(ErrorObject::new(code::INVALID_REQUEST, format!("Invalid Request: {reason}")))
}

fn entry(raw: &RawValue) -> Entry<'_> {
    let text = raw.get();
    if !text.starts_with('{') {
        return invalid("a call must be an object");
    }
    let Ok(envelope) = serde_json::from_str::<Envelope<'_>>(text) else {
        return invalid("duplicate or malformed members");
    };
    match envelope.jsonrpc.map(|v| serde_json::from_str::<Cow<'_, str>>(v.get())) {
        Some(Ok(version)) if version == "2.0" => {}
        _ => return invalid(r#""jsonrpc" must be "2.0""#),
    }
    let method = match envelope.method.map(|v| serde_json::from_str::<Cow<'_, str>>(v.get())) {
        Some(Ok(method)) => method,
        _ => return invalid(r#""method" must be a string"#),
    };
    if let Some(params) = envelope.params
        && !params_are_structured(params)
    {
        return Entry::Invalid(ErrorObject::new(code::INVALID_REQUEST, PARAMS_NOT_STRUCTURED));
    }
    if let Some(id) = envelope.id
        && !matches!(id.get().as_bytes().first(), Some(b'"' | b'-' | b'0'..=b'9' | b'n'))
    {
        return invalid(r#""id" must be a string, a number or null"#);
    }
    Entry::Call(Call { method, params: envelope.params, id: envelope.id })
}

/// The deepest nesting of arrays and objects, found without parsing.
fn nesting_depth(body: &[u8]) -> usize {
    let (mut depth, mut deepest, mut in_string, mut escaped) = (0usize, 0usize, false, false);
    for &byte in body {
        if in_string {
            match (escaped, byte) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

const NULL_ID: &str = "null";

/// Append a success response.
pub fn write_result(out: &mut String, id: Option<&RawValue>, result: &RawValue) {
    out.push_str(r#"{"jsonrpc":"2.0","result":"#);
    out.push_str(result.get());
    out.push_str(r#","id":"#);
    out.push_str(id.map_or(NULL_ID, RawValue::get));
    out.push('}');
}

/// Append an error response.
pub fn write_error(out: &mut String, id: Option<&RawValue>, error: &ErrorObject) {
    out.push_str(r#"{"jsonrpc":"2.0","error":"#);
    // An ErrorObject is plain data: serialising it cannot fail.
    out.push_str(
        &serde_json::to_string(error).unwrap_or_else(|_| r#"{"code":-32603,"message":"Internal error"}"#.to_owned()),
    );
    out.push_str(r#","id":"#);
    out.push_str(id.map_or(NULL_ID, RawValue::get));
    out.push('}');
}

/// A response as a client reads it (for clients and tests).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Response {
    pub jsonrpc: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorObject>,
    pub id: serde_json::Value,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn single(body: &str) -> Entry<'_> {
        match parse(body.as_bytes(), Limits::default()).unwrap() {
            Message::Single(entry) => entry,
            Message::Batch(_) => panic!("expected a single call"),
        }
    }

    fn invalid_reason(body: &str) -> String {
        match single(body) {
            Entry::Invalid(e) => {
                assert_eq!(e.code, code::INVALID_REQUEST);
                e.message
            }
            Entry::Call(c) => panic!("accepted {c:?}"),
        }
    }

    #[test]
    fn a_well_formed_call_keeps_its_id_text_exactly() {
        let Entry::Call(call) = single(r#"{"jsonrpc":"2.0","method":"a.b","params":[1],"id":1.50}"#) else { panic!() };
        assert_eq!(call.method, "a.b");
        assert_eq!(call.params.unwrap().get(), "[1]");
        assert_eq!(call.id.unwrap().get(), "1.50");
    }

    #[test]
    fn a_null_id_is_a_call_and_a_missing_id_a_notification() {
        let Entry::Call(call) = single(r#"{"jsonrpc":"2.0","method":"m","id":null}"#) else { panic!() };
        assert_eq!(call.id.unwrap().get(), "null");
        let Entry::Call(call) = single(r#"{"jsonrpc":"2.0","method":"m"}"#) else { panic!() };
        assert!(call.is_notification());
    }

    #[test]
    fn escaped_method_names_are_decoded() {
        let Entry::Call(call) = single(r#"{"jsonrpc":"2\u002e0","method":"a\u002eb","id":"x"}"#) else { panic!() };
        assert_eq!(call.method, "a.b");
    }

    #[test]
    fn envelope_rules_are_enforced() {
        assert!(invalid_reason(r#"{"jsonrpc":"1.0","method":"m","id":1}"#).contains("jsonrpc"));
        assert!(invalid_reason(r#"{"method":"m","id":1}"#).contains("jsonrpc"));
        assert!(invalid_reason(r#"{"jsonrpc":"2.0","method":1,"params":"bar"}"#).contains("method"));
        assert!(invalid_reason(r#"{"jsonrpc":"2.0","method":"m","params":"bar","id":1}"#).contains("params"));
        assert!(invalid_reason(r#"{"jsonrpc":"2.0","method":"m","params":null,"id":1}"#).contains("params"));
        assert!(invalid_reason(r#"{"jsonrpc":"2.0","method":"m","id":{}}"#).contains("id"));
        assert!(invalid_reason(r#"{"jsonrpc":"2.0","method":"m","id":true}"#).contains("id"));
        assert!(invalid_reason(r#"{"jsonrpc":"2.0","method":"m","method":"n","id":1}"#).contains("duplicate"));
    }

    #[test]
    fn bodies_that_are_not_requests() {
        let limits = Limits::default();
        assert!(matches!(
            parse(br#"{"jsonrpc": "2.0", "method": "foobar, "params": "bar", "baz]"#, limits),
            Err(BodyError::Parse(_))
        ));
        assert_eq!(parse(b"[]", limits).unwrap_err(), BodyError::EmptyBatch);
        assert_eq!(parse(b"1", limits).unwrap_err(), BodyError::NotARequest);
        assert!(matches!(parse(b"", limits), Err(BodyError::Parse(_))));
    }

    #[test]
    fn a_batch_of_non_objects_is_a_batch_of_invalid_requests() {
        let Message::Batch(entries) = parse(b"[1,2,3]", Limits::default()).unwrap() else { panic!() };
        assert_eq!(entries.len(), 3);
        assert!(entries.iter().all(|e| matches!(e, Entry::Invalid(_))));
    }

    #[test]
    fn batch_and_depth_limits() {
        let limits = Limits { max_batch: 2, max_depth: 4 };
        let three =
            br#"[{"jsonrpc":"2.0","method":"m"},{"jsonrpc":"2.0","method":"m"},{"jsonrpc":"2.0","method":"m"}]"#;
        assert_eq!(parse(three, limits).unwrap_err(), BodyError::BatchTooLarge(2));
        let deep = br#"{"jsonrpc":"2.0","method":"m","params":[[[[1]]]],"id":1}"#;
        assert_eq!(parse(deep, limits).unwrap_err(), BodyError::TooDeep(4));
        // Brackets inside strings do not count.
        let strings = br#"{"jsonrpc":"2.0","method":"m","params":["[[[[[\"{{{{"],"id":1}"#;
        assert!(parse(strings, limits).is_ok());
        // A deep body that is not JSON is still a parse error.
        assert!(matches!(parse(b"[[[[[[[[", limits), Err(BodyError::Parse(_))));
    }

    #[test]
    fn responses_echo_the_id_text() {
        let id = RawValue::from_string("1.50".into()).unwrap();
        let result = RawValue::from_string(r#"{"a":1}"#.into()).unwrap();
        let mut out = String::new();
        write_result(&mut out, Some(&id), &result);
        assert_eq!(out, r#"{"jsonrpc":"2.0","result":{"a":1},"id":1.50}"#);
        out.clear();
        write_error(&mut out, None, &ErrorObject::new(code::INVALID_REQUEST, "Invalid Request"));
        assert_eq!(out, r#"{"jsonrpc":"2.0","error":{"code":-32600,"message":"Invalid Request"},"id":null}"#);
    }
}
