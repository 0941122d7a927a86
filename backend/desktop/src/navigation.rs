//! Where the window may go. The page is the same build the web serves, and
//! it reaches the server's own paths in two places: the "Sign in" link
//! (`/auth/login?returnTo=...`, a navigation) and sign-out (`POST
//! /auth/logout`, a request). The app answers both itself, so the page
//! needs no desktop-specific code; it starts no HTTP server for them.

use std::borrow::Cow;

use tauri::http::{Method, Request, Response, StatusCode, header};
use tauri::{AppHandle, Manager, Runtime, Url};

use crate::commands::{announce_session, announce_sign_in, desktop};

/// The label of the app's one window.
pub const MAIN_WINDOW: &str = "main";

/// What a navigation of the window becomes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Navigation {
    /// A page of the app.
    Allow,
    /// The sign-in link: sign in with the system browser, then show
    /// `return_to`.
    SignIn { return_to: String },
    /// A link out of the app: it opens in the system browser.
    OpenOutside,
    /// Nowhere the window should go.
    Deny,
}

/// Whether `url` is the app's own origin (`tauri://localhost` on Linux and
/// macOS, `http(s)://tauri.localhost` on Windows).
pub fn is_app_url(url: &Url) -> bool {
    match url.scheme() {
        "tauri" => url.host_str() == Some("localhost"),
        "http" | "https" => url.host_str() == Some("tauri.localhost"),
        _ => false,
    }
}

/// Where a navigation to `url` leads.
pub fn classify(url: &Url) -> Navigation {
    if is_app_url(url) {
        return match url.path() {
            "/auth/login" => Navigation::SignIn { return_to: return_to(url) },
            path if path.starts_with("/auth/") || path.starts_with("/api/") => Navigation::Deny,
            _ => Navigation::Allow,
        };
    }
    match url.scheme() {
        "about" => Navigation::Allow,
        "http" | "https" | "mailto" => Navigation::OpenOutside,
        _ => Navigation::Deny,
    }
}

/// The page to show after signing in: a path of the app, never another
/// origin (`//host`) or a server path.
fn return_to(url: &Url) -> String {
    let asked = url.query_pairs().find(|(name, _)| name == "returnTo").map(|(_, value)| value.into_owned());
    match asked {
        Some(path)
            if path.starts_with('/')
                && !path.starts_with("//")
                && !path.starts_with("/\\")
                && !path.starts_with("/auth/") =>
        {
            path
        }
        _ => "/".to_owned(),
    }
}

/// The window's navigation handler: `true` lets the navigation happen.
pub fn on_navigation<R: Runtime>(app: &AppHandle<R>, url: &Url) -> bool {
    match classify(url) {
        Navigation::Allow => true,
        Navigation::SignIn { return_to } => {
            sign_in_then_show(app.clone(), return_to);
            false
        }
        Navigation::OpenOutside => {
            if let Err(error) = tauri_plugin_opener::open_url(url.as_str(), None::<&str>) {
                tracing::warn!(%url, %error, "cannot open the link in the browser");
            }
            false
        }
        Navigation::Deny => {
            tracing::warn!(%url, "refused a navigation out of the app");
            false
        }
    }
}

fn sign_in_then_show<R: Runtime>(app: AppHandle<R>, return_to: String) {
    tauri::async_runtime::spawn(async move {
        let outcome = desktop(&app).sign_in().await;
        announce_sign_in(&app, &outcome);
        if outcome.is_ok() {
            show(&app, &return_to);
        }
    });
}

/// Load `path` of the app in the main window (a fresh load, so the page
/// asks again who is signed in).
fn show<R: Runtime>(app: &AppHandle<R>, path: &str) {
    let Some(window) = app.get_webview_window(MAIN_WINDOW) else { return };
    let target = match window.url() {
        Ok(current) => current.join(path).map_err(|e| e.to_string()),
        Err(error) => Err(error.to_string()),
    };
    let shown = target.and_then(|target| window.navigate(target).map_err(|e| e.to_string()));
    if let Err(error) = shown {
        tracing::warn!(%error, path, "cannot show the page after sign-in");
    }
    let _ = window.set_focus();
}

/// The window's request handler, after the app's files were looked up:
/// `POST /auth/logout` signs out here; other server paths are not served
/// (the page has no HTTP server to reach, and must not think it has).
pub fn on_request<R: Runtime>(
    app: &AppHandle<R>,
    request: &Request<Vec<u8>>,
    response: &mut Response<Cow<'static, [u8]>>,
) {
    let path = request.uri().path();
    if request.method() == Method::POST && path == "/auth/logout" {
        let desktop = desktop(app);
        desktop.sign_out();
        announce_session(app, desktop.session_info());
        answer(response, StatusCode::NO_CONTENT);
    } else if path.starts_with("/auth/") || path.starts_with("/api/") {
        tracing::warn!(method = %request.method(), path, "the page asked for a server path; the desktop has none");
        answer(response, StatusCode::NOT_FOUND);
    }
}

fn answer(response: &mut Response<Cow<'static, [u8]>>, status: StatusCode) {
    *response.status_mut() = status;
    *response.body_mut() = Cow::Borrowed(&[]);
    response.headers_mut().remove(header::CONTENT_TYPE);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(text: &str) -> Url {
        Url::parse(text).expect("a URL")
    }

    #[test]
    fn the_sign_in_link_signs_in_and_comes_back_to_a_page_of_the_app() {
        assert_eq!(
            classify(&url("tauri://localhost/auth/login?returnTo=%2Forgs%2F1%2Fledger%3Fx%3D1")),
            Navigation::SignIn { return_to: "/orgs/1/ledger?x=1".into() }
        );
        assert_eq!(classify(&url("http://tauri.localhost/auth/login")), Navigation::SignIn { return_to: "/".into() });
        for hostile in ["//evil.test/x", "https://evil.test", "/\\evil.test", "/auth/login", "orgs"] {
            let link = Url::parse_with_params("tauri://localhost/auth/login", [("returnTo", hostile)]).expect("a URL");
            assert_eq!(classify(&link), Navigation::SignIn { return_to: "/".into() }, "{hostile}");
        }
    }

    #[test]
    fn pages_stay_other_sites_open_outside_and_server_paths_are_refused() {
        assert_eq!(classify(&url("tauri://localhost/")), Navigation::Allow);
        assert_eq!(classify(&url("tauri://localhost/orgs/1/ledger/accounts")), Navigation::Allow);
        assert_eq!(classify(&url("https://example.com/help")), Navigation::OpenOutside);
        assert_eq!(classify(&url("http://127.0.0.1:8080/")), Navigation::OpenOutside);
        assert_eq!(classify(&url("tauri://localhost/api/rpc")), Navigation::Deny);
        assert_eq!(classify(&url("tauri://localhost/auth/logout")), Navigation::Deny);
        assert_eq!(classify(&url("file:///etc/passwd")), Navigation::Deny);
        assert_eq!(classify(&url("tauri://elsewhere/")), Navigation::Deny);
    }
}
