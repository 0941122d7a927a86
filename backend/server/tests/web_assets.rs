//! The web UI as a browser meets it: the page at `/` and at every app path,
//! hashed assets cached for good, the page always revalidated, and the
//! server's own paths never answered with the page.

use sent_server::testing::TestServer;

struct Fetched {
    status: u16,
    content_type: String,
    cache_control: String,
    etag: String,
    body: String,
}

async fn get(server: &TestServer, path: &str, if_none_match: Option<&str>) -> Fetched {
    let mut request = reqwest::Client::new().get(server.url(path));
    if let Some(tag) = if_none_match {
        request = request.header("if-none-match", tag);
    }
    let response = request.send().await.expect("the server answers");
    let header =
        |name: &str| response.headers().get(name).and_then(|value| value.to_str().ok()).unwrap_or_default().to_owned();
    let (content_type, cache_control, etag) = (header("content-type"), header("cache-control"), header("etag"));
    let status = response.status().as_u16();
    Fetched { status, content_type, cache_control, etag, body: response.text().await.expect("a readable body") }
}

/// The first `/assets/...` file the page links to.
fn first_asset(page: &str) -> String {
    let start = page.find("/assets/").expect("the page links to a built asset");
    let rest = &page[start..];
    let end = rest.find('"').expect("the link is quoted");
    rest[..end].to_owned()
}

#[tokio::test]
async fn the_page_is_served_at_the_root_and_at_every_app_path() {
    let server = TestServer::start().await;
    let root = get(&server, "/", None).await;
    assert_eq!(root.status, 200);
    assert_eq!(root.content_type, "text/html; charset=utf-8");
    assert_eq!(root.cache_control, "no-cache", "the page is revalidated on every load");
    assert!(root.body.contains("<html"), "{}", root.body);

    for path in ["/index.html", "/orgs/0190a8e2-0000-7000-8000-000000000000/ledger", "/identity/members?x=1"] {
        let page = get(&server, path, None).await;
        assert_eq!(page.status, 200, "{path}");
        assert_eq!(page.body, root.body, "{path} is the app's page");
        assert_eq!(page.cache_control, "no-cache", "{path}");
    }
}

#[tokio::test]
async fn hashed_assets_are_immutable_and_typed() {
    let server = TestServer::start().await;
    let page = get(&server, "/", None).await;
    let asset = first_asset(&page.body);
    let fetched = get(&server, &asset, None).await;
    assert_eq!(fetched.status, 200, "{asset}");
    assert_eq!(fetched.cache_control, "public, max-age=31536000, immutable", "{asset}");
    let expected_type = if asset.ends_with(".css") { "text/css" } else { "javascript" };
    assert!(fetched.content_type.contains(expected_type), "{asset}: {}", fetched.content_type);
    assert!(!fetched.body.contains("<html"), "{asset} is the asset, not the page");

    let missing = get(&server, "/assets/index-00000000.js", None).await;
    assert_eq!(missing.status, 404, "a missing asset is not answered with the page");
}

#[tokio::test]
async fn an_unchanged_page_is_not_sent_again() {
    let server = TestServer::start().await;
    let page = get(&server, "/", None).await;
    assert!(page.etag.starts_with('"'), "the page has an ETag: {:?}", page.etag);
    let again = get(&server, "/", Some(&page.etag)).await;
    assert_eq!(again.status, 304);
    assert!(again.body.is_empty());
    let changed = get(&server, "/", Some("\"something-else\"")).await;
    assert_eq!(changed.status, 200);
}

#[tokio::test]
async fn server_paths_never_fall_back_to_the_page() {
    let server = TestServer::start().await;
    for path in ["/api/nothing", "/api", "/auth/nothing", "/healthz/extra"] {
        let answer = get(&server, path, None).await;
        assert_eq!(answer.status, 404, "{path}");
        assert!(!answer.body.contains("<html"), "{path}");
    }
    let health = get(&server, "/healthz", None).await;
    assert_eq!(health.status, 200);
    assert!(health.content_type.starts_with("application/json"));

    let (status, body) =
        server.post(r#"{"jsonrpc":"2.0","method":"system.echo","params":{"message":"hi"},"id":1}"#, &[]).await;
    assert_eq!(status, 200);
    assert!(body.contains(r#""message":"hi""#), "{body}");

    let posted = reqwest::Client::new().post(server.url("/orgs/x")).send().await.expect("the server answers");
    assert_eq!(posted.status().as_u16(), 405, "the app's pages are only read");
}
