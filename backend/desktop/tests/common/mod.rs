//! What the desktop suites share: scratch directories, a stand-in for the
//! system browser, and a person typing their password into the local
//! provider's form.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A scratch directory of one test under the target directory, removed when
/// dropped. It is world-traversable so that PostgreSQL, run as its own
/// system user when the tests run as root, can reach a cluster inside it.
pub struct Scratch(pub PathBuf);

impl Scratch {
    pub fn new(test: &str) -> Self {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("desktop").join(format!(
            "{test}-{}-{}",
            std::process::id(),
            uuid_fragment()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create the scratch directory");
        for ancestor in dir.ancestors().take(3) {
            set_mode(ancestor, 0o755);
        }
        Self(dir)
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        // A helper process that just ended (a webview's, the database's)
        // may still be writing its last files: try again briefly.
        for _ in 0..20 {
            if std::fs::remove_dir_all(&self.0).is_ok() || !self.0.exists() {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

fn uuid_fragment() -> String {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
    format!("{nanos:08x}")
}

pub fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode));
}

/// A "browser" for the app: a program that writes the URL it is given to
/// `url_file`, so the test can take over as the person.
pub fn recording_browser(scratch: &Scratch) -> (PathBuf, PathBuf) {
    let url_file = scratch.path("browser-url");
    let program = scratch.path("browser.sh");
    let script = format!(
        "#!/bin/sh\nprintf '%s\\n' \"$1\" > '{file}.part' && mv '{file}.part' '{file}'\n",
        file = url_file.display()
    );
    std::fs::write(&program, script).expect("write the browser script");
    set_mode(&program, 0o755);
    (program, url_file)
}

/// The URL the app opened, once it has (the file is consumed).
pub async fn opened_url(url_file: &Path, timeout: Duration) -> String {
    let started = Instant::now();
    loop {
        if let Ok(url) = std::fs::read_to_string(url_file) {
            let _ = std::fs::remove_file(url_file);
            return url.trim().to_owned();
        }
        assert!(started.elapsed() < timeout, "the app opened no browser within {timeout:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// A browser: a cookie jar and no automatic redirects.
pub fn http_browser() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .cookie_store(true)
        .timeout(Duration::from_secs(30))
        .build()
        .expect("an HTTP client")
}

/// Follow the provider's pages from `authorize_url` as a person would,
/// typing `email` and `password` into its login form; the URL it finally
/// sends the browser to (the app's loopback redirect), not yet visited.
///
/// # Panics
/// When the provider refuses or the pages are not what a person would see.
pub async fn sign_in_at_provider(
    browser: &reqwest::Client,
    authorize_url: &str,
    email: &str,
    password: &str,
) -> String {
    let mut url = authorize_url.to_owned();
    for _ in 0..20 {
        if url.starts_with("http://127.0.0.1:") && url.contains("/callback?") {
            return url;
        }
        let response = browser.get(&url).send().await.expect("the provider answers");
        let status = response.status();
        if status.is_redirection() {
            url = follow(&url, &response);
            continue;
        }
        let page = response.text().await.expect("a page");
        assert_eq!(status, 200, "{url}: {page}");
        assert!(page.contains("name=\"password\""), "a login form at {url}: {page}");
        let action = reqwest::Url::parse(&url).and_then(|u| u.join(&format!("{}/login", u.path()))).expect("a URL");
        let posted = browser
            .post(action)
            .form(&[("login", email), ("password", password)])
            .send()
            .await
            .expect("the form is posted");
        assert!(posted.status().is_redirection(), "the password is accepted: {}", posted.status());
        url = follow(&url, &posted);
    }
    panic!("the provider did not send the browser back within 20 pages (at {url})");
}

fn follow(from: &str, response: &reqwest::Response) -> String {
    let location = response.headers()["location"].to_str().expect("a location");
    reqwest::Url::parse(from).and_then(|base| base.join(location)).expect("a URL").to_string()
}

/// A query parameter of `url`.
pub fn query_param(url: &str, name: &str) -> Option<String> {
    reqwest::Url::parse(url).ok()?.query_pairs().find(|(key, _)| key == name).map(|(_, value)| value.into_owned())
}

/// Replace (or add) query parameters of `url`.
pub fn with_params(url: &str, params: &[(&str, &str)]) -> String {
    let mut parsed = reqwest::Url::parse(url).expect("a URL");
    let kept: Vec<(String, String)> = parsed
        .query_pairs()
        .filter(|(key, _)| !params.iter().any(|(name, _)| name == key))
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    parsed.query_pairs_mut().clear().extend_pairs(kept).extend_pairs(params);
    parsed.to_string()
}
