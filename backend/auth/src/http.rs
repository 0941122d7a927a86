//! The HTTP client every request to the provider goes through.

use std::time::Duration;

/// Redirects off (a provider response that redirects is an error, not a
/// request to follow: following them opens the door to SSRF) and bounded
/// timeouts.
///
/// # Errors
/// When the TLS backend cannot be set up.
pub fn client() -> Result<reqwest::Client, reqwest::Error> {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(Duration::from_secs(5))
        .timeout(Duration::from_secs(10))
        .build()
}
