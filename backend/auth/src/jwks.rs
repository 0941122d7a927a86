//! The provider's signing keys, cached. A token signed by a key the cache
//! does not know triggers one re-fetch, at most once per interval, so key
//! rotation at the provider works without a restart and a flood of tokens
//! with made-up key ids cannot flood the provider.

use std::time::{Duration, Instant};

use jsonwebtoken::jwk::Jwk;
pub use jsonwebtoken::jwk::JwkSet;
use tokio::sync::RwLock;

/// Where keys come from.
#[derive(Debug)]
pub struct Jwks {
    source: Source,
    cache: RwLock<Cache>,
    min_refresh: Duration,
}

#[derive(Debug)]
enum Source {
    Fixed,
    Remote { uri: String, http: reqwest::Client },
}

#[derive(Debug)]
struct Cache {
    keys: JwkSet,
    fetched_at: Option<Instant>,
}

/// Why keys could not be had.
#[derive(Debug, thiserror::Error)]
pub enum JwksError {
    #[error("fetching the JWKS from {uri} failed: {reason}")]
    Fetch { uri: String, reason: String },
}

impl Jwks {
    /// A fixed set (a configured file; tests).
    pub fn fixed(keys: JwkSet) -> Self {
        Self { source: Source::Fixed, cache: RwLock::new(Cache { keys, fetched_at: None }), min_refresh: Duration::MAX }
    }

    /// The provider's `jwks_uri`, fetched now and re-fetched on an unknown
    /// key id at most once per `min_refresh`.
    ///
    /// # Errors
    /// When the first fetch fails.
    pub async fn remote(uri: String, http: reqwest::Client, min_refresh: Duration) -> Result<Self, JwksError> {
        let keys = fetch(&http, &uri).await?;
        Ok(Self {
            source: Source::Remote { uri, http },
            cache: RwLock::new(Cache { keys, fetched_at: Some(Instant::now()) }),
            min_refresh,
        })
    }

    /// The keys of the provider at `issuer`, found through its discovery
    /// document (which must name the same issuer, byte for byte).
    ///
    /// # Errors
    /// When discovery or the first fetch fails.
    pub async fn discover(issuer: &str, http: reqwest::Client, min_refresh: Duration) -> Result<Self, JwksError> {
        #[derive(serde::Deserialize)]
        struct Metadata {
            issuer: String,
            jwks_uri: String,
        }
        let url = format!("{}/.well-known/openid-configuration", issuer.trim_end_matches('/'));
        let failed = |reason: String| JwksError::Fetch { uri: url.clone(), reason };
        let response = http.get(&url).send().await.map_err(|e| failed(e.to_string()))?;
        if !response.status().is_success() {
            return Err(failed(format!("HTTP {}", response.status())));
        }
        let metadata: Metadata = response.json().await.map_err(|e| failed(e.to_string()))?;
        if metadata.issuer != issuer {
            return Err(failed(format!("the document names another issuer: {}", metadata.issuer)));
        }
        Self::remote(metadata.jwks_uri, http, min_refresh).await
    }

    /// The key for `kid` (or the only key, when the token names none).
    pub async fn key(&self, kid: Option<&str>) -> Option<Jwk> {
        if let Some(key) = find(&self.cache.read().await.keys, kid) {
            return Some(key);
        }
        let Source::Remote { uri, http } = &self.source else { return None };
        let mut cache = self.cache.write().await;
        // Another caller may have refreshed while this one waited.
        if let Some(key) = find(&cache.keys, kid) {
            return Some(key);
        }
        if cache.fetched_at.is_some_and(|at| at.elapsed() < self.min_refresh) {
            return None;
        }
        cache.fetched_at = Some(Instant::now());
        match fetch(http, uri).await {
            Ok(keys) => {
                tracing::info!(keys = keys.keys.len(), "refreshed the provider's signing keys");
                cache.keys = keys;
            }
            Err(error) => tracing::warn!(%error, "could not refresh the provider's signing keys"),
        }
        find(&cache.keys, kid)
    }
}

fn find(keys: &JwkSet, kid: Option<&str>) -> Option<Jwk> {
    match kid {
        Some(kid) => keys.keys.iter().find(|k| k.common.key_id.as_deref() == Some(kid)).cloned(),
        // Without a kid, only an unambiguous set will do.
        None if keys.keys.len() == 1 => keys.keys.first().cloned(),
        None => None,
    }
}

async fn fetch(http: &reqwest::Client, uri: &str) -> Result<JwkSet, JwksError> {
    let failed = |reason: String| JwksError::Fetch { uri: uri.to_owned(), reason };
    let response = http.get(uri).send().await.map_err(|e| failed(e.to_string()))?;
    if !response.status().is_success() {
        return Err(failed(format!("HTTP {}", response.status())));
    }
    let bytes = response.bytes().await.map_err(|e| failed(e.to_string()))?;
    let document: serde_json::Value = serde_json::from_slice(&bytes).map_err(|e| failed(e.to_string()))?;
    let listed = document.get("keys").and_then(|k| k.as_array()).ok_or_else(|| failed("no `keys` array".into()))?;
    // A provider may publish keys this library cannot read (another key
    // type, an encryption key); they are no reason to refuse the rest.
    let keys = listed
        .iter()
        .filter_map(|key| serde_json::from_value::<Jwk>(key.clone()).ok())
        .filter(|k| k.common.public_key_use.as_ref().is_none_or(|u| *u == jsonwebtoken::jwk::PublicKeyUse::Signature))
        .collect();
    Ok(JwkSet { keys })
}
