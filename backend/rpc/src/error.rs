//! The one error type every method returns, and its JSON-RPC form.

use std::fmt;

use sent_wire::{ErrorObject, code};
use serde_json::{Map, Value, json};

/// What went wrong, as a client can act on it. Each kind has one JSON-RPC
/// code and one name (`data.kind`), which the TypeScript SDK turns into a
/// discriminated union.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    ParseError,
    InvalidRequest,
    MethodNotFound,
    InvalidParams,
    Internal,
    Unauthenticated,
    Forbidden,
    NotFound,
    Conflict,
    Validation,
    RateLimited,
    Unavailable,
    DeadlineExceeded,
}

impl ErrorKind {
    /// Every kind, in code order.
    pub const ALL: [Self; 13] = [
        Self::ParseError,
        Self::InvalidRequest,
        Self::MethodNotFound,
        Self::InvalidParams,
        Self::Internal,
        Self::Unauthenticated,
        Self::Forbidden,
        Self::NotFound,
        Self::Conflict,
        Self::Validation,
        Self::RateLimited,
        Self::Unavailable,
        Self::DeadlineExceeded,
    ];

    pub const fn code(self) -> i32 {
        match self {
            Self::ParseError => code::PARSE_ERROR,
            Self::InvalidRequest => code::INVALID_REQUEST,
            Self::MethodNotFound => code::METHOD_NOT_FOUND,
            Self::InvalidParams => code::INVALID_PARAMS,
            Self::Internal => code::INTERNAL_ERROR,
            Self::Unauthenticated => code::UNAUTHENTICATED,
            Self::Forbidden => code::FORBIDDEN,
            Self::NotFound => code::NOT_FOUND,
            Self::Conflict => code::CONFLICT,
            Self::Validation => code::VALIDATION,
            Self::RateLimited => code::RATE_LIMITED,
            Self::Unavailable => code::UNAVAILABLE,
            Self::DeadlineExceeded => code::DEADLINE_EXCEEDED,
        }
    }

    /// The name in `data.kind`.
    pub const fn name(self) -> &'static str {
        match self {
            Self::ParseError => "parseError",
            Self::InvalidRequest => "invalidRequest",
            Self::MethodNotFound => "methodNotFound",
            Self::InvalidParams => "invalidParams",
            Self::Internal => "internal",
            Self::Unauthenticated => "unauthenticated",
            Self::Forbidden => "forbidden",
            Self::NotFound => "notFound",
            Self::Conflict => "conflict",
            Self::Validation => "validation",
            Self::RateLimited => "rateLimited",
            Self::Unavailable => "unavailable",
            Self::DeadlineExceeded => "deadlineExceeded",
        }
    }

    /// The specification's message for its own codes; ours for the rest.
    pub const fn title(self) -> &'static str {
        match self {
            Self::ParseError => "Parse error",
            Self::InvalidRequest => "Invalid Request",
            Self::MethodNotFound => "Method not found",
            Self::InvalidParams => "Invalid params",
            Self::Internal => "Internal error",
            Self::Unauthenticated => "Unauthenticated",
            Self::Forbidden => "Forbidden",
            Self::NotFound => "Not found",
            Self::Conflict => "Conflict",
            Self::Validation => "Validation failed",
            Self::RateLimited => "Rate limited",
            Self::Unavailable => "Unavailable",
            Self::DeadlineExceeded => "Deadline exceeded",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// A method's failure. The message is safe to show a client; anything that
/// is not (SQL, internals) goes in `log_detail`, which only the log sees.
#[derive(Debug, Clone)]
pub struct RpcError {
    pub kind: ErrorKind,
    pub message: String,
    /// Extra members of `data`, beside `kind` and `requestId`.
    pub details: Map<String, Value>,
    log_detail: Option<String>,
}

impl RpcError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self { kind, message: message.into(), details: Map::new(), log_detail: None }
    }

    /// An internal failure: the client sees only "Internal error"; the cause
    /// goes to the log with the request id.
    pub fn internal(cause: impl fmt::Display) -> Self {
        let mut error = Self::new(ErrorKind::Internal, ErrorKind::Internal.title());
        error.log_detail = Some(cause.to_string());
        error
    }

    pub fn not_found(what: impl fmt::Display) -> Self {
        Self::new(ErrorKind::NotFound, format!("{what} not found"))
    }

    pub fn conflict(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Conflict, message)
    }

    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Forbidden, message)
    }

    pub fn unauthenticated(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Unauthenticated, message)
    }

    /// A rule of the domain was broken by the input; `field` is its path.
    pub fn validation(field: &str, message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Validation, message).with("field", field)
    }

    pub fn invalid_params(path: &str, message: impl Into<String>) -> Self {
        Self::new(ErrorKind::InvalidParams, message).with("path", path)
    }

    /// Add a member to `data`.
    #[must_use]
    pub fn with(mut self, key: &str, value: impl Into<Value>) -> Self {
        self.details.insert(key.to_owned(), value.into());
        self
    }

    /// Attach what only the log may see.
    #[must_use]
    pub fn with_log_detail(mut self, detail: impl fmt::Display) -> Self {
        self.log_detail = Some(detail.to_string());
        self
    }

    /// What only the log may see.
    pub fn log_detail(&self) -> Option<&str> {
        self.log_detail.as_deref()
    }

    /// The error object sent to the client.
    pub fn to_error_object(&self, request_id: &str) -> ErrorObject {
        let mut data = self.details.clone();
        data.insert("kind".into(), json!(self.kind.name()));
        data.insert("requestId".into(), json!(request_id));
        ErrorObject { code: self.kind.code(), message: self.message.clone(), data: Some(Value::Object(data)) }
    }
}

impl fmt::Display for RpcError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}): {}", self.kind.name(), self.kind.code(), self.message)?;
        if let Some(detail) = &self.log_detail {
            write!(f, " [{detail}]")?;
        }
        Ok(())
    }
}

impl std::error::Error for RpcError {}

/// A database failure, as a client may see it: constraint violations become
/// the typed errors they mean; everything else is internal. The server's
/// message (which names tables and constraints) goes to the log only.
#[cfg(feature = "postgres")]
impl From<tokio_postgres::Error> for RpcError {
    fn from(error: tokio_postgres::Error) -> Self {
        let Some(code) = error.code() else {
            let kind = if error.is_closed() { ErrorKind::Unavailable } else { ErrorKind::Internal };
            return Self::new(kind, kind.title()).with_log_detail(&error);
        };
        let (kind, message) = match code.code() {
            "23505" => (ErrorKind::Conflict, "A row with the same key already exists"),
            "23503" => (ErrorKind::Validation, "A referenced row does not exist"),
            "23502" | "23514" | "23P01" => (ErrorKind::Validation, "A value breaks a rule of the data"),
            c if c.starts_with("22") => (ErrorKind::Validation, "A value is not valid for its field"),
            "42501" => (ErrorKind::Forbidden, "Not allowed by the data's access rules"),
            "57014" => (ErrorKind::DeadlineExceeded, "The call ran past its deadline"),
            "40001" | "40P01" => (ErrorKind::Unavailable, "The call collided with another; retry it"),
            c if c.starts_with("08") || c.starts_with("53") || c.starts_with("57P") => {
                (ErrorKind::Unavailable, "The database is unavailable")
            }
            _ => (ErrorKind::Internal, ErrorKind::Internal.title()),
        };
        let detail = error
            .as_db_error()
            .map_or_else(|| error.to_string(), |db| format!("{}: {}", db.code().code(), db.message()));
        Self::new(kind, message).with_log_detail(detail)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_standard_or_in_the_application_range_and_unique() {
        let mut seen = std::collections::HashSet::new();
        for kind in ErrorKind::ALL {
            let code = kind.code();
            assert!((-32768..=-32000).contains(&code), "{kind:?}");
            assert!(seen.insert(code), "{kind:?} repeats {code}");
            assert_eq!(ErrorKind::from_name(kind.name()), Some(kind));
        }
    }

    #[test]
    fn internal_details_never_reach_the_client() {
        let error = RpcError::internal("relation \"accounts\" does not exist");
        let object = error.to_error_object("req-1");
        let text = serde_json::to_string(&object).unwrap();
        assert!(!text.contains("accounts"), "{text}");
        assert_eq!(object.code, -32603);
        assert_eq!(object.data.unwrap()["requestId"], "req-1");
        assert!(error.to_string().contains("accounts"));
    }
}
