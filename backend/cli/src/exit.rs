//! Exit codes scripts can rely on, and the one-line error report.

use std::process::ExitCode;

use sent_wire::{ErrorObject, code};
use serde_json::{Value, json};

/// What a run ended with. The numbers are part of the command line's
/// interface: scripts branch on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Anything not covered below: the server unreachable, an internal
    /// error, a conflict.
    Other = 1,
    /// The command line or the params are wrong; sending it again unchanged
    /// fails again.
    Usage = 2,
    /// No token, an expired or refused one, or not allowed.
    Auth = 3,
    /// The method or the thing asked for does not exist.
    NotFound = 4,
}

impl Exit {
    /// The exit for a server's error code.
    pub fn for_code(error_code: i32) -> Self {
        match error_code {
            code::INVALID_PARAMS | code::INVALID_REQUEST | code::VALIDATION => Self::Usage,
            code::UNAUTHENTICATED | code::FORBIDDEN => Self::Auth,
            code::NOT_FOUND | code::METHOD_NOT_FOUND => Self::NotFound,
            _ => Self::Other,
        }
    }
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> Self {
        Self::from(exit as u8)
    }
}

/// Why a command failed: said in one line, with the whole story for
/// `--verbose`.
#[derive(Debug, Clone)]
pub struct Failure {
    pub exit: Exit,
    /// A short name of the case, the server's `data.kind` where there is one.
    pub kind: String,
    pub message: String,
    /// The server's request id, to find the call in its log.
    pub request_id: Option<String>,
    /// Everything known, as JSON (the server's whole error object, or the
    /// local violations).
    pub detail: Value,
}

impl Failure {
    pub fn new(exit: Exit, kind: &str, message: impl Into<String>) -> Self {
        let message = message.into();
        let detail = json!({ "kind": kind, "message": message });
        Self { exit, kind: kind.to_owned(), message, request_id: None, detail }
    }

    pub fn usage(message: impl Into<String>) -> Self {
        Self::new(Exit::Usage, "usage", message)
    }

    pub fn with_detail(mut self, detail: Value) -> Self {
        self.detail = detail;
        self
    }

    /// The call's request id, for failures the server did not report.
    pub fn with_request(mut self, request_id: Option<&str>) -> Self {
        self.request_id = request_id.map(str::to_owned);
        self
    }

    /// A server's error object.
    pub fn from_server(error: &ErrorObject) -> Self {
        let data = error.data.as_ref();
        let text = |key: &str| data.and_then(|d| d.get(key)).and_then(Value::as_str).map(str::to_owned);
        let kind = text("kind").unwrap_or_else(|| format!("error {}", error.code));
        let mut message = error.message.clone();
        // A validation error names its field in `data`; say it unless the
        // message already does.
        if let Some(field) = text("field").filter(|field| !message.contains(field.as_str())) {
            message.push_str(&format!(" (field {field})"));
        }
        Self {
            exit: Exit::for_code(error.code),
            kind,
            message,
            request_id: text("requestId"),
            detail: serde_json::to_value(error).unwrap_or(Value::Null),
        }
    }

    /// Add advice after the message.
    pub fn hint(mut self, hint: &str) -> Self {
        self.message.push_str("; ");
        self.message.push_str(hint);
        self
    }

    /// The one line: `sent: <kind>: <message> (request <id>)`.
    pub fn line(&self) -> String {
        // One line whatever the message holds, so `2>&1 | tail -1` and log
        // scrapers see all of it.
        let message = self.message.split_whitespace().collect::<Vec<_>>().join(" ");
        match &self.request_id {
            Some(id) => format!("sent: {}: {message} (request {id})", self.kind),
            None => format!("sent: {}: {message}", self.kind),
        }
    }

    /// Print to stderr: the line, and with `verbose` the detail as JSON.
    pub fn report(&self, verbose: bool) {
        eprintln!("{}", self.line());
        if verbose {
            let detail = serde_json::to_string_pretty(&self.detail).unwrap_or_else(|_| self.detail.to_string());
            eprintln!("{detail}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_codes_map_to_the_documented_exits() {
        assert_eq!(Exit::for_code(code::INVALID_PARAMS), Exit::Usage);
        assert_eq!(Exit::for_code(code::INVALID_REQUEST), Exit::Usage);
        assert_eq!(Exit::for_code(code::VALIDATION), Exit::Usage);
        assert_eq!(Exit::for_code(code::UNAUTHENTICATED), Exit::Auth);
        assert_eq!(Exit::for_code(code::FORBIDDEN), Exit::Auth);
        assert_eq!(Exit::for_code(code::NOT_FOUND), Exit::NotFound);
        assert_eq!(Exit::for_code(code::METHOD_NOT_FOUND), Exit::NotFound);
        assert_eq!(Exit::for_code(code::CONFLICT), Exit::Other);
        assert_eq!(Exit::for_code(code::INTERNAL_ERROR), Exit::Other);
    }

    #[test]
    fn a_server_error_is_one_line_with_its_kind_and_request() {
        let error = ErrorObject {
            code: code::VALIDATION,
            message: "The code is not valid\nbecause".into(),
            data: Some(json!({ "kind": "validation", "requestId": "abc12345", "field": "code" })),
        };
        let failure = Failure::from_server(&error);
        assert_eq!(failure.exit, Exit::Usage);
        assert_eq!(failure.line(), "sent: validation: The code is not valid because (request abc12345)");
        let error = ErrorObject {
            code: code::VALIDATION,
            message: "Not valid".into(),
            data: Some(json!({ "kind": "validation", "field": "currency" })),
        };
        assert_eq!(Failure::from_server(&error).line(), "sent: validation: Not valid (field currency)");
    }
}
