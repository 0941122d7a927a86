//! Access tokens already verified, so that a client sending the same token
//! on every call pays for one signature check, not one per call.
//!
//! An entry is only ever a token that passed every check, kept under its
//! whole text (not a hash a forgery could collide with), and only until the
//! earlier of its `exp` and [`MAX_REUSE_SECS`] after it was checked: a key the
//! provider withdraws stops being trusted within that bound. Opaque tokens
//! are never kept: introspection is how a provider revokes them.

use std::collections::HashMap;
use std::sync::Mutex;

use crate::identity::Identity;

/// How long a verification is reused at most.
pub const MAX_REUSE_SECS: u64 = 60;

/// How many tokens are kept: at most a few hundred kilobytes of tokens.
const CAPACITY: usize = 1024;

/// Verified tokens and who they prove, until when.
#[derive(Debug, Default)]
pub(crate) struct VerifiedTokens {
    entries: Mutex<HashMap<Box<str>, Verified>>,
}

#[derive(Debug, Clone)]
struct Verified {
    identity: Identity,
    /// Unix seconds after which the entry is not used.
    until: u64,
}

impl VerifiedTokens {
    /// Who `token` proved when it was verified, if that is still to be
    /// trusted at `now` (Unix seconds).
    pub(crate) fn get(&self, token: &str, now: u64) -> Option<Identity> {
        let entries = self.entries.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        entries.get(token).filter(|verified| now < verified.until).map(|verified| verified.identity.clone())
    }

    /// Keep `token`, verified at `now`, which expires at `exp`.
    pub(crate) fn insert(&self, token: &str, identity: &Identity, exp: u64, now: u64) {
        let until = exp.min(now.saturating_add(MAX_REUSE_SECS));
        if until <= now {
            return;
        }
        let mut entries = self.entries.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if entries.len() >= CAPACITY {
            entries.retain(|_, verified| now < verified.until);
            if entries.len() >= CAPACITY {
                // More live tokens than the bound: start over rather than
                // grow; the cost is one verification per token again.
                entries.clear();
            }
        }
        entries.insert(token.into(), Verified { identity: identity.clone(), until });
    }
}

/// The current Unix time in seconds.
pub(crate) fn now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alice() -> Identity {
        Identity::new("https://id.example", "alice", None, None)
    }

    #[test]
    fn a_kept_token_is_trusted_until_its_expiry() {
        let kept = VerifiedTokens::default();
        kept.insert("a.b.c", &alice(), 1_030, 1_000);
        assert_eq!(kept.get("a.b.c", 1_029), Some(alice()));
        assert_eq!(kept.get("a.b.c", 1_030), None, "expired");
        assert_eq!(kept.get("a.b.x", 1_001), None, "only the exact token");
    }

    #[test]
    fn a_long_lived_token_is_verified_again_after_the_reuse_bound() {
        let kept = VerifiedTokens::default();
        kept.insert("a.b.c", &alice(), 100_000, 1_000);
        assert_eq!(kept.get("a.b.c", 1_000 + MAX_REUSE_SECS - 1), Some(alice()));
        assert_eq!(kept.get("a.b.c", 1_000 + MAX_REUSE_SECS), None);
    }

    #[test]
    fn an_expired_token_is_not_kept_and_the_map_stays_bounded() {
        let kept = VerifiedTokens::default();
        kept.insert("old", &alice(), 999, 1_000);
        assert_eq!(kept.get("old", 1_000), None);
        for i in 0..CAPACITY * 3 {
            kept.insert(&format!("token-{i}"), &alice(), 2_000, 1_000);
        }
        let len = kept.entries.lock().unwrap().len();
        assert!(len <= CAPACITY, "{len} entries");
        assert_eq!(kept.get(&format!("token-{}", CAPACITY * 3 - 1), 1_001), Some(alice()));
    }
}
