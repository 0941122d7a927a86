//! Who the provider says is calling.

use uuid::Uuid;

/// A signed-in person or service account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    /// SENT's id for the user: a UUIDv5 of the issuer and subject, so the
    /// same account at the same provider always has the same id, on every
    /// host, before any row about it exists.
    pub user_id: Uuid,
    pub issuer: String,
    pub subject: String,
    pub email: Option<String>,
    pub name: Option<String>,
}

impl Identity {
    pub fn new(issuer: &str, subject: &str, email: Option<String>, name: Option<String>) -> Self {
        Self { user_id: user_id(issuer, subject), issuer: issuer.to_owned(), subject: subject.to_owned(), email, name }
    }
}

/// SENT's user id for a provider's (issuer, subject).
pub fn user_id(issuer: &str, subject: &str) -> Uuid {
    // The issuer is a URL and cannot hold a newline, so the pair is
    // unambiguous.
    Uuid::new_v5(&Uuid::NAMESPACE_URL, format!("{issuer}\n{subject}").as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_ids_are_stable_and_distinct_per_issuer() {
        assert_eq!(user_id("https://a", "1"), user_id("https://a", "1"));
        assert_ne!(user_id("https://a", "1"), user_id("https://b", "1"));
        assert_ne!(user_id("https://a", "1"), user_id("https://a", "2"));
    }
}
