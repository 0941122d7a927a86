//! The web UI at `/`: the built app (`frontend/app/dist`) embedded in the
//! binary, so one file is the whole server.
//!
//! - Files under `/assets/` have content-hashed names: cached for a year as
//!   immutable. A missing one is a 404, never the page (a stale page asking
//!   for an asset of an older build should fail loudly, not get HTML as
//!   JavaScript).
//! - `index.html` and the other files are `no-cache`: always revalidated
//!   (by `ETag`), so a new build is picked up on the next load.
//! - Any other path that is not the server's own (`/api/`, `/auth/`,
//!   `/healthz`, `/readyz`) is a page of the single-page app: it gets
//!   `index.html`, and the app's router takes it from there.

use std::borrow::Cow;
use std::fmt::Write as _;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};

use crate::AppState;

#[derive(rust_embed::Embed)]
#[folder = "$CARGO_MANIFEST_DIR/../../frontend/app/dist"]
struct Dist;

const INDEX: &str = "index.html";
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const REVALIDATE: &str = "no-cache";

/// Paths the server answers itself; an unknown one under them is a 404, not
/// a page of the app.
const SERVER_PATHS: [&str; 4] = ["/api", "/auth", "/healthz", "/readyz"];

/// The web UI, as the router's fallback: every path no other route claims.
pub fn routes() -> Router<AppState> {
    Router::new().fallback(serve)
}

/// What a request for `path` gets.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Target {
    /// A file of the build, by its path inside `dist`.
    File(String),
    /// A page of the app: `index.html`.
    AppPage,
    /// Nothing here.
    NotFound,
}

fn target(path: &str, exists: impl Fn(&str) -> bool) -> Target {
    if SERVER_PATHS
        .iter()
        .any(|prefix| path == *prefix || path.strip_prefix(prefix).is_some_and(|r| r.starts_with('/')))
    {
        return Target::NotFound;
    }
    let file = path.trim_start_matches('/');
    if !file.is_empty() && file != INDEX && exists(file) {
        return Target::File(file.to_owned());
    }
    if file.starts_with("assets/") {
        return Target::NotFound;
    }
    Target::AppPage
}

fn cache_control(file: &str) -> &'static str {
    if file.starts_with("assets/") { IMMUTABLE } else { REVALIDATE }
}

/// The content type, with the charset for text (the build writes UTF-8).
fn content_type(mimetype: &str) -> Cow<'_, str> {
    let textual = mimetype.starts_with("text/")
        || matches!(
            mimetype,
            "application/javascript" | "application/json" | "image/svg+xml" | "application/manifest+json"
        );
    if textual && !mimetype.contains("charset") {
        Cow::Owned(format!("{mimetype}; charset=utf-8"))
    } else {
        Cow::Borrowed(mimetype)
    }
}

async fn serve(method: Method, uri: Uri, headers: HeaderMap) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return (StatusCode::METHOD_NOT_ALLOWED, [(header::ALLOW, HeaderValue::from_static("GET, HEAD"))])
            .into_response();
    }
    let file = match target(uri.path(), |file| Dist::get(file).is_some()) {
        Target::File(file) => file,
        Target::AppPage => INDEX.to_owned(),
        Target::NotFound => return not_found(),
    };
    let Some(embedded) = Dist::get(&file) else { return not_found() };
    let etag = etag(&embedded.metadata.sha256_hash());
    let mut response = if if_none_match(&headers, &etag) {
        StatusCode::NOT_MODIFIED.into_response()
    } else if method == Method::HEAD {
        let mut response = StatusCode::OK.into_response();
        response.headers_mut().insert(header::CONTENT_LENGTH, HeaderValue::from(embedded.data.len()));
        response
    } else {
        Response::new(Body::from(embedded.data))
    };
    let response_headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&content_type(embedded.metadata.mimetype())) {
        response_headers.insert(header::CONTENT_TYPE, value);
    }
    response_headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache_control(&file)));
    if let Ok(value) = HeaderValue::from_str(&etag) {
        response_headers.insert(header::ETAG, value);
    }
    response_headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    if file == INDEX {
        // The app is never to be framed by another site (clickjacking).
        response_headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("frame-ancestors 'none'"));
    }
    response
}

/// A strong validator from the content's hash (its first 128 bits).
fn etag(sha256: &[u8; 32]) -> String {
    let mut tag = String::with_capacity(34);
    tag.push('"');
    for byte in &sha256[..16] {
        let _ = write!(tag, "{byte:02x}");
    }
    tag.push('"');
    tag
}

/// Whether the browser's copy (`If-None-Match`) is this version.
fn if_none_match(headers: &HeaderMap, etag: &str) -> bool {
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(|tag| tag.trim().trim_start_matches("W/"))
        .any(|tag| tag == etag || tag == "*")
}

fn not_found() -> Response {
    (
        StatusCode::NOT_FOUND,
        [(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=utf-8"))],
        "Not found",
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn built(file: &str) -> bool {
        matches!(file, "index.html" | "favicon.svg" | "assets/index-3f2a.js")
    }

    #[test]
    fn files_of_the_build_are_served_as_themselves() {
        assert_eq!(target("/assets/index-3f2a.js", built), Target::File("assets/index-3f2a.js".into()));
        assert_eq!(target("/favicon.svg", built), Target::File("favicon.svg".into()));
    }

    #[test]
    fn app_paths_get_the_page() {
        for path in ["/", "/index.html", "/orgs/0190/ledger", "/identity", "/apix", "/authors", "/healthzz"] {
            assert_eq!(target(path, built), Target::AppPage, "{path}");
        }
    }

    #[test]
    fn server_paths_and_missing_assets_are_not_found() {
        for path in ["/api", "/api/", "/api/nothing", "/auth/nothing", "/healthz/x", "/readyz", "/assets/old-1.js"] {
            assert_eq!(target(path, built), Target::NotFound, "{path}");
        }
    }

    #[test]
    fn only_hashed_assets_are_immutable() {
        assert_eq!(cache_control("assets/index-3f2a.js"), IMMUTABLE);
        assert_eq!(cache_control("index.html"), REVALIDATE);
        assert_eq!(cache_control("favicon.svg"), REVALIDATE);
    }

    #[test]
    fn text_gets_a_charset() {
        assert_eq!(content_type("text/html"), "text/html; charset=utf-8");
        assert_eq!(content_type("application/javascript"), "application/javascript; charset=utf-8");
        assert_eq!(content_type("image/png"), "image/png");
    }

    #[test]
    fn if_none_match_accepts_lists_and_weak_tags() {
        let mut headers = HeaderMap::new();
        headers.insert(header::IF_NONE_MATCH, HeaderValue::from_static("\"a\", W/\"b\""));
        assert!(if_none_match(&headers, "\"b\""));
        assert!(!if_none_match(&headers, "\"c\""));
    }

    #[test]
    fn the_build_has_a_page() {
        // The real build or the placeholder build.rs writes: either way a page.
        assert!(Dist::get(INDEX).is_some());
    }
}
