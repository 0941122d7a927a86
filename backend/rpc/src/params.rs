//! Params decoding: by name (an object) or by position (an array), strictly,
//! with the path of the offending field in the error.

use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

use crate::error::RpcError;

/// Decode a method's params.
pub fn decode<T: DeserializeOwned>(params: Option<&RawValue>) -> Result<T, RpcError> {
    // Absent params read as an empty object: a method whose params are all
    // optional can be called without them.
    let text = params.map_or("{}", RawValue::get);
    let mut deserializer = serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let inner = error.inner().to_string();
        // For an unknown field the path already ends with its name.
        let path = error.path().to_string();
        let message = strip_position(&inner);
        RpcError::invalid_params(&path, format!("Invalid params: {path}: {message}"))
    })
}

/// Decode the params of a method that takes none: absent, `[]` or `{}`.
pub fn decode_none(params: Option<&RawValue>) -> Result<(), RpcError> {
    match params.map(|p| p.get().split_whitespace().collect::<String>()) {
        None => Ok(()),
        Some(text) if text == "[]" || text == "{}" => Ok(()),
        Some(_) => Err(RpcError::invalid_params(".", "Invalid params: this method takes no params")),
    }
}

/// serde_json appends " at line 1 column 42" to its messages; a client has
/// the path instead.
fn strip_position(message: &str) -> &str {
    message.find(" at line ").map_or(message, |at| &message[..at])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize, PartialEq)]
    #[serde(deny_unknown_fields, rename_all = "camelCase")]
    struct Params {
        name: String,
        lines: Vec<Line>,
        note: Option<String>,
    }

    #[derive(Debug, serde::Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Line {
        amount: u32,
    }

    fn raw(text: &str) -> Box<RawValue> {
        RawValue::from_string(text.to_owned()).unwrap()
    }

    #[test]
    fn by_name_and_by_position_decode_the_same() {
        let named: Params = decode(Some(&raw(r#"{"name":"a","lines":[{"amount":1}],"note":null}"#))).unwrap();
        let positional: Params = decode(Some(&raw(r#"["a",[{"amount":1}],null]"#))).unwrap();
        assert_eq!(named, positional);
    }

    #[test]
    fn errors_name_the_field_path() {
        let error = decode::<Params>(Some(&raw(r#"{"name":"a","lines":[{"amount":1},{"amount":"x"}]}"#))).unwrap_err();
        assert_eq!(error.details["path"], "lines[1].amount");
        assert!(!error.message.contains("line 1 column"), "{}", error.message);
    }

    #[test]
    fn unknown_fields_are_refused_by_name() {
        let error = decode::<Params>(Some(&raw(r#"{"name":"a","lines":[],"colour":"red"}"#))).unwrap_err();
        assert_eq!(error.details["path"], "colour");
        let error = decode::<Params>(Some(&raw(r#"{"name":"a","lines":[{"amount":1,"x":2}]}"#))).unwrap_err();
        assert_eq!(error.details["path"], "lines[0].x");
    }

    #[test]
    fn too_many_positional_params_are_refused() {
        assert!(decode::<Params>(Some(&raw(r#"["a",[],null,"extra"]"#))).is_err());
    }

    #[test]
    fn a_method_without_params_takes_nothing_or_empty() {
        assert!(decode_none(None).is_ok());
        assert!(decode_none(Some(&raw("[ ]"))).is_ok());
        assert!(decode_none(Some(&raw("{}"))).is_ok());
        assert!(decode_none(Some(&raw("[1]"))).is_err());
    }
}
