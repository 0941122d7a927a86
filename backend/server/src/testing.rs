//! The whole server on a loopback port, over a fresh database, trusting a
//! test token issuer (or the local OpenID provider): what the end-to-end
//! suites and benchmarks run against.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use clap::Parser as _;
use sent_auth::RelyingParty;
use sent_auth::dev_provider::{DevProvider, DevProviderOptions};
use sent_runtime::testing::TestIssuer;
use sent_runtime::{DispatchOptions, Dispatcher, Sessions, TokenVerifier};
use serde_json::{Value, json};

use crate::config::Config;
use crate::identity_provider;
use crate::sign_in::WebSignIn;
use crate::{AppState, app};

/// A running server.
#[derive(Debug)]
pub struct TestServer {
    pub addr: SocketAddr,
    /// The tarpc endpoint, serving the same dispatcher.
    pub tarpc_addr: SocketAddr,
    pub issuer: TestIssuer,
    pub db: sent_db::testing::TestDb,
    pub pool: sent_db::Pool,
    pub dispatcher: Dispatcher,
    client: reqwest::Client,
}

/// Settings a test may change.
#[derive(Clone)]
pub struct TestOptions {
    pub dispatch: DispatchOptions,
    pub max_body_bytes: usize,
    /// TLS for the tarpc endpoint.
    pub tarpc_tls: Option<sent_tarpc::tls::TlsAcceptor>,
    /// Most connections the server's pool opens. Fewer than the shipped
    /// default, so that many test servers fit one cluster at once.
    pub pool_size: usize,
}

impl Default for TestOptions {
    fn default() -> Self {
        Self { dispatch: DispatchOptions::default(), max_body_bytes: 1024 * 1024, tarpc_tls: None, pool_size: 8 }
    }
}

impl std::fmt::Debug for TestOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TestOptions")
            .field("dispatch", &self.dispatch)
            .field("max_body_bytes", &self.max_body_bytes)
            .field("tarpc_tls", &self.tarpc_tls.is_some())
            .field("pool_size", &self.pool_size)
            .finish()
    }
}

impl TestServer {
    /// Start with default settings.
    pub async fn start() -> Self {
        Self::start_with(TestOptions::default()).await
    }

    /// Start with the given settings.
    ///
    /// # Panics
    /// When any part cannot start: a test cannot run without it.
    pub async fn start_with(options: TestOptions) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind a loopback port");
        let issuer = TestIssuer::new("https://issuer.sent.test", "sent");
        let verifier = Some(Arc::new(issuer.verifier()));
        Self::launch(listener, options, issuer, verifier, None).await
    }

    /// The server trusting the local OpenID provider the way `make run`
    /// does: bearer tokens are checked against the provider's published keys
    /// (re-fetched at most once a second here), and browser sign-in goes
    /// through it. The provider is the caller's, to stop, rotate and restart.
    ///
    /// # Panics
    /// When the provider or the server cannot start.
    pub async fn start_with_local_provider(state_dir: &Path) -> (Self, DevProvider) {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind a loopback port");
        let public_url = format!("http://{}", listener.local_addr().expect("local address"));
        let provider = DevProvider::start(DevProviderOptions {
            port: None,
            state_dir: state_dir.to_owned(),
            web_redirects: vec![format!("{public_url}/auth/callback")],
            access_token_ttl: None,
        })
        .await
        .unwrap_or_else(|e| panic!("the local OpenID provider: {e}"));
        let secret = provider.client_secret("sent-web").expect("sent-web has a secret");
        let config = Config::try_parse_from([
            "sent-server",
            "--oidc-issuer",
            provider.issuer(),
            "--oidc-audience",
            provider.audience(),
            "--oidc-client-id",
            "sent-web",
            // `=`: a secret may start with `-`.
            &format!("--oidc-client-secret={secret}"),
            "--public-url",
            &public_url,
            "--jwks-min-refresh-secs",
            "1",
        ])
        .expect("a valid configuration");
        let configured = identity_provider::configure(&config).await.expect("the provider is discovered");
        let issuer = TestIssuer::new("https://issuer.sent.test", "sent");
        let server =
            Self::launch(listener, TestOptions::default(), issuer, configured.verifier, configured.relying_party).await;
        (server, provider)
    }

    async fn launch(
        listener: tokio::net::TcpListener,
        options: TestOptions,
        issuer: TestIssuer,
        verifier: Option<Arc<TokenVerifier>>,
        relying_party: Option<RelyingParty>,
    ) -> Self {
        // Failures of a call are logged, not answered in detail: show them
        // with the failing test's output.
        let _ = tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::new("warn,sent_runtime=info"))
            .with_test_writer()
            .try_init();
        let db = sent_db::testing::test_database().await;
        let pool = sent_db::pool::connect(&sent_db::pool::PoolOptions {
            url: db.app_url.clone(),
            max_size: options.pool_size,
        })
        .await
        .expect("connect to the test database");
        let registry = sent_services::registry().expect("a registry without duplicates");
        let dispatcher = Dispatcher::new(registry, pool.clone(), verifier, options.dispatch);
        let sign_in = relying_party.map(|relying_party| {
            let sessions = Sessions::new(pool.clone(), Duration::from_secs(3600));
            Arc::new(WebSignIn { relying_party, sessions, secure_cookies: false })
        });
        let state = AppState { pool: pool.clone(), dispatcher: dispatcher.clone(), sign_in };
        let addr = listener.local_addr().expect("local address");
        let tarpc = sent_tarpc::server::Listener::bind(
            "127.0.0.1:0".parse().expect("an address"),
            options.max_body_bytes,
            options.tarpc_tls.clone(),
        )
        .await
        .expect("bind a loopback port for tarpc");
        let tarpc_addr = tarpc.local_addr();
        tokio::spawn(tarpc.serve(dispatcher.clone(), std::future::pending()));
        let router = app(state, options.max_body_bytes);
        tokio::spawn(async move {
            let _ = axum::serve(listener, router).await;
        });
        Self {
            addr,
            tarpc_addr,
            issuer,
            db,
            pool,
            dispatcher,
            client: reqwest::Client::builder().timeout(Duration::from_secs(60)).build().expect("an HTTP client"),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// POST a raw body to `/api/rpc`; the status and the body as text.
    ///
    /// # Panics
    /// When the server does not answer.
    pub async fn post(&self, body: impl Into<reqwest::Body>, headers: &[(&str, &str)]) -> (u16, String) {
        let mut request = self.client.post(self.url("/api/rpc")).header("content-type", "application/json").body(body);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let response = request.send().await.expect("the server answers");
        let status = response.status().as_u16();
        (status, response.text().await.expect("a readable body"))
    }

    /// Call one method as `caller` (a subject at the test issuer; `None` for
    /// anonymous) in `organization`; the whole response object.
    ///
    /// # Panics
    /// When the response is not JSON.
    pub async fn call(
        &self,
        caller: Option<&str>,
        organization: Option<uuid::Uuid>,
        method: &str,
        params: Value,
    ) -> Value {
        let token = caller.map(|subject| format!("Bearer {}", self.issuer.token(subject)));
        let org = organization.map(|o| o.to_string());
        let mut headers = Vec::new();
        if let Some(token) = &token {
            headers.push(("authorization", token.as_str()));
        }
        if let Some(org) = &org {
            headers.push(("sent-organization", org.as_str()));
        }
        let body = json!({ "jsonrpc": "2.0", "method": method, "params": params, "id": 1 }).to_string();
        let (_, text) = self.post(body, &headers).await;
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{method}: not JSON ({e}): {text}"))
    }

    /// Call and expect a result.
    ///
    /// # Panics
    /// When the call fails.
    pub async fn ok(
        &self,
        caller: Option<&str>,
        organization: Option<uuid::Uuid>,
        method: &str,
        params: Value,
    ) -> Value {
        let response = self.call(caller, organization, method, params).await;
        match response.get("result") {
            Some(result) => result.clone(),
            None => panic!("{method} failed: {response}"),
        }
    }

    /// A new organization owned by `owner`; its id.
    ///
    /// # Panics
    /// When it cannot be created.
    pub async fn organization(&self, owner: &str, name: &str) -> uuid::Uuid {
        let org = self.ok(Some(owner), None, "identity.createOrganization", json!({ "name": name })).await;
        org["organizationId"].as_str().and_then(|s| s.parse().ok()).expect("an organization id")
    }

    /// Run SQL as the cluster's superuser (to look behind row-level security).
    ///
    /// # Panics
    /// When the query fails.
    pub async fn superuser_query(&self, sql: &str) -> Vec<tokio_postgres::Row> {
        let (client, conn) = self.superuser().await;
        let rows = client.query(sql, &[]).await.unwrap_or_else(|e| panic!("{sql}: {e:?}"));
        drop(client);
        let _ = conn.await;
        rows
    }

    /// Run statements as the cluster's superuser.
    ///
    /// # Panics
    /// When a statement fails.
    pub async fn superuser_execute(&self, sql: &str) {
        let (client, conn) = self.superuser().await;
        client.batch_execute(sql).await.unwrap_or_else(|e| panic!("{sql}: {e:?}"));
        drop(client);
        let _ = conn.await;
    }

    async fn superuser(&self) -> (tokio_postgres::Client, tokio::task::JoinHandle<Result<(), tokio_postgres::Error>>) {
        let (client, conn) =
            tokio_postgres::connect(&self.db.superuser_url, tokio_postgres::NoTls).await.expect("connect as superuser");
        (client, tokio::spawn(conn))
    }
}
