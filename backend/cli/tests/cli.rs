//! `sent`, the real binary, against a live server: discovery, queries,
//! mutations and their audit rows, params refused before they are sent,
//! exit codes, output formats, and signing in through the local OpenID
//! provider.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use sent_server::testing::TestServer;
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt as _, AsyncReadExt as _, AsyncWriteExt as _, BufReader};
use uuid::Uuid;

/// What one run of `sent` did.
#[derive(Debug)]
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {self:?}"))
    }

    /// Exit `code`, and for a failure, one line on stderr starting `sent: <kind>:`.
    fn expect(&self, code: i32, kind: &str) -> &Self {
        assert_eq!(self.code, code, "{self:#?}");
        if code != 0 {
            assert_eq!(self.stderr.lines().count(), 1, "one line on stderr: {self:#?}");
            assert!(self.stderr.starts_with(&format!("sent: {kind}: ")), "{kind} in {self:#?}");
        }
        self
    }

    fn ok(&self) -> &Self {
        self.expect(0, "")
    }
}

/// `sent` with a configuration directory of its own and no settings from
/// the environment it runs in.
struct Sent {
    home: tempfile::TempDir,
    env: Vec<(String, String)>,
}

impl Sent {
    fn new(tarpc_addr: &str) -> Self {
        let home = tempfile::tempdir().expect("a temporary directory");
        Self { home, env: vec![("SENT_TARPC_ADDR".into(), tarpc_addr.into())] }
    }

    fn for_server(server: &TestServer) -> Self {
        Self::new(&server.tarpc_addr.to_string())
    }

    fn env(mut self, name: &str, value: &str) -> Self {
        self.env.push((name.into(), value.into()));
        self
    }

    fn config_dir(&self) -> PathBuf {
        self.home.path().join("config")
    }

    fn credentials(&self) -> PathBuf {
        self.config_dir().join("sent").join("credentials.json")
    }

    fn command(&self, args: &[&str]) -> tokio::process::Command {
        let mut command = tokio::process::Command::new(env!("CARGO_BIN_EXE_sent"));
        command
            .args(args)
            .env("HOME", self.home.path())
            .env("XDG_CONFIG_HOME", self.config_dir())
            .env("XDG_CACHE_HOME", self.home.path().join("cache"));
        for name in [
            "SENT_TARPC_ADDR",
            "SENT_ORG",
            "SENT_TOKEN",
            "SENT_OIDC_ISSUER",
            "SENT_TARPC_TLS_CA",
            "SENT_TARPC_TLS_NAME",
        ] {
            command.env_remove(name);
        }
        for (name, value) in &self.env {
            command.env(name, value);
        }
        command.kill_on_drop(true);
        command
    }

    async fn run(&self, args: &[&str]) -> Run {
        self.run_with_stdin(args, None).await
    }

    async fn run_with_stdin(&self, args: &[&str], stdin: Option<&str>) -> Run {
        let mut command = self.command(args);
        command.stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() });
        command.stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut child = command.spawn().expect("sent starts");
        if let (Some(text), Some(mut pipe)) = (stdin, child.stdin.take()) {
            pipe.write_all(text.as_bytes()).await.expect("stdin is written");
        }
        let output = tokio::time::timeout(Duration::from_secs(60), child.wait_with_output())
            .await
            .unwrap_or_else(|_| panic!("sent {args:?} did not finish in 60 s"))
            .expect("sent runs");
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

async fn count(server: &TestServer, sql: &str) -> i64 {
    server.superuser_query(sql).await[0].get(0)
}

async fn audit_rows(server: &TestServer, org: Uuid) -> i64 {
    count(server, &format!("SELECT count(*) FROM audit_log WHERE organization_id = '{org}'")).await
}

const CREATE_CASH: [&str; 10] = [
    "call",
    "ledger.createAccount",
    "--param",
    "code=1000",
    "--param",
    "name=Cash",
    "--param",
    "kind=asset",
    "--param",
    "currency=EUR",
];

#[tokio::test]
async fn methods_and_their_descriptions_come_from_the_server() {
    let server = TestServer::start().await;
    let sent = Sent::for_server(&server);

    let methods = sent.run(&["methods"]).await;
    methods.ok();
    let listed = methods.json();
    let create = listed
        .as_array()
        .and_then(|all| all.iter().find(|m| m["name"] == "ledger.createAccount"))
        .unwrap_or_else(|| panic!("ledger.createAccount is listed: {listed}"));
    assert_eq!(create["kind"], "mutation");
    assert_eq!(create["role"], "admin");
    assert_eq!(create["summary"], "Open an account.");
    assert!(listed.as_array().is_some_and(|all| all.iter().any(|m| m["name"] == "identity.me")));

    let ledger = sent.run(&["methods", "--app", "ledger", "--output", "table"]).await;
    ledger.ok();
    assert!(ledger.stdout.lines().any(|l| l.contains("ledger.createAccount") && l.contains("admin")), "{ledger:?}");
    assert!(!ledger.stdout.contains("identity.me"), "{ledger:?}");
    sent.run(&["methods", "--app", "nothing"]).await.expect(4, "notFound");

    let described = sent.run(&["describe", "ledger.createAccount", "--output", "json"]).await;
    described.ok();
    let described = described.json();
    let names: Vec<&str> =
        described["params"].as_array().into_iter().flatten().filter_map(|p| p["name"].as_str()).collect();
    assert_eq!(names, ["code", "name", "kind", "currency"]);
    assert_eq!(described["params"][2]["type"], "AccountKind");
    assert_eq!(described["result"]["type"], "Account");
    assert_eq!(described["paramsSchema"]["additionalProperties"], false);
    assert_eq!(described["paramsSchema"]["required"], json!(["code", "name", "kind", "currency"]));
    assert_eq!(described["paramsSchema"]["components"]["schemas"]["AccountKind"]["type"], "string");
    assert!(described["errors"].as_array().is_some_and(|e| e.iter().any(|e| e["kind"] == "forbidden")), "{described}");

    let text = sent.run(&["describe", "ledger.createAccount", "--output", "table"]).await;
    text.ok();
    for expected in [
        "ledger.createAccount: mutation, role admin",
        "Open an account.",
        "One of: asset, liability, equity, income, expense.",
        "ISO 4217 code",
        "Result: Account",
        "forbidden (-32003)",
        "Call: sent call ledger.createAccount --param code=<string>",
    ] {
        assert!(text.stdout.contains(expected), "{expected:?} in {}", text.stdout);
    }

    sent.run(&["describe", "ledger.nothing"]).await.expect(4, "methodNotFound");
    sent.run(&["call", "ledger.nothing"]).await.expect(4, "methodNotFound");
}

#[tokio::test]
async fn a_mutation_leaves_its_audit_row_and_queries_read_it_back() {
    let server = TestServer::start().await;
    let org = server.organization("owner", "Acme").await;
    let sent =
        Sent::for_server(&server).env("SENT_TOKEN", &server.issuer.token("owner")).env("SENT_ORG", &org.to_string());

    let mut create = CREATE_CASH.to_vec();
    create.extend(["--request-id", "cli-create-cash-1"]);
    let created = sent.run(&create).await;
    created.ok();
    let cash = created.json();
    assert_eq!(cash["name"], "Cash");
    assert_eq!(cash["kind"], "asset");
    let cash_id = cash["accountId"].as_str().expect("an account id").to_owned();
    let audited = count(
        &server,
        &format!(
            "SELECT count(*) FROM audit_log WHERE organization_id = '{org}' AND method = 'ledger.createAccount' \
             AND request_id = 'cli-create-cash-1'"
        ),
    )
    .await;
    assert_eq!(audited, 1, "the mutation's audit row, under the request id given");

    // The same params as JSON, and from stdin.
    let revenue = r#"{"code": "4000", "name": "Revenue", "kind": "income", "currency": "EUR"}"#;
    sent.run(&["call", "ledger.createAccount", "--json", revenue]).await.ok();
    let bank = r#"{"code": "1200", "name": "Bank", "kind": "asset", "currency": "EUR"}"#;
    sent.run_with_stdin(&["call", "ledger.createAccount"], Some(bank)).await.ok();
    let read = sent
        .run_with_stdin(
            &["call", "ledger.getAccount", "--json", "-"],
            Some(&json!({ "accountId": cash_id }).to_string()),
        )
        .await;
    read.ok();
    assert_eq!(read.json()["name"], "Cash");
    // By position, as the document's paramStructure allows.
    let read = sent.run(&["call", "ledger.getAccount", "--json", &json!([cash_id]).to_string()]).await;
    read.ok();
    assert_eq!(read.json()["code"], "1000");

    let listed = sent.run(&["call", "ledger.listAccounts"]).await;
    listed.ok();
    let names: Vec<String> = listed.json()["items"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|a| a["name"].as_str().map(str::to_owned))
        .collect();
    assert_eq!(names.len(), 3, "{names:?}");
    for name in ["Cash", "Revenue", "Bank"] {
        assert!(names.iter().any(|n| n == name), "{name} in {names:?}");
    }

    let table = sent.run(&["call", "ledger.listAccounts", "--output", "table", "--param", "limit=2"]).await;
    table.ok();
    let lines: Vec<&str> = table.stdout.lines().collect();
    assert!(lines.iter().any(|l| l.contains("accountId") && l.contains("code") && l.contains("name")), "{table:?}");
    assert_eq!(lines.iter().filter(|l| l.contains("EUR")).count(), 2, "two rows: {table:?}");
    assert!(lines.last().is_some_and(|l| l.starts_with("nextCursor: ")), "{table:?}");
    let one = sent.run(&["call", "ledger.getAccount", "--param", &format!("accountId={cash_id}"), "-o", "table"]).await;
    one.ok();
    assert!(one.stdout.lines().any(|l| l.contains("name") && l.contains("Cash")), "{one:?}");

    // The server's own refusals keep their exit codes.
    let missing = format!("accountId={}", Uuid::nil());
    sent.run(&["call", "ledger.getAccount", "--param", &missing]).await.expect(4, "notFound");
    let again = sent.run(&CREATE_CASH).await;
    again.expect(1, "conflict");
    assert!(again.stderr.contains("(request "), "the request id is named: {again:?}");
}

#[tokio::test]
async fn bad_params_are_refused_before_anything_is_sent() {
    let server = TestServer::start().await;
    let org = server.organization("owner", "Acme").await;
    let sent =
        Sent::for_server(&server).env("SENT_TOKEN", &server.issuer.token("owner")).env("SENT_ORG", &org.to_string());
    let before = audit_rows(&server, org).await;

    let with = |extra: &[&'static str]| {
        let mut args = CREATE_CASH.to_vec();
        args.extend_from_slice(extra);
        args
    };
    let unknown = sent.run(&with(&["--param", "colour=red"])).await;
    unknown.expect(2, "invalidParams");
    assert!(unknown.stderr.contains("unknown param `colour`"), "{unknown:?}");
    assert!(unknown.stderr.contains("takes code, name, kind, currency"), "{unknown:?}");

    let wrong_enum = sent
        .run(&[
            "call",
            "ledger.createAccount",
            "--json",
            r#"{"code":"1","name":"X","kind":"sideways","currency":"EUR"}"#,
        ])
        .await;
    wrong_enum.expect(2, "invalidParams");
    assert!(wrong_enum.stderr.contains("kind: "), "{wrong_enum:?}");

    let wrong_type = sent.run(&["call", "ledger.getAccount", "--param", "accountId:=7"]).await;
    wrong_type.expect(2, "invalidParams");
    assert!(wrong_type.stderr.contains("accountId: 7 is not of type"), "{wrong_type:?}");
    let not_a_uuid = sent.run(&["call", "ledger.getAccount", "--param", "accountId=seven"]).await;
    not_a_uuid.expect(2, "invalidParams");
    assert!(not_a_uuid.stderr.contains("accountId: "), "{not_a_uuid:?}");

    let missing = sent.run(&["call", "ledger.createAccount", "--param", "name=Cash"]).await;
    missing.expect(2, "invalidParams");
    assert!(missing.stderr.contains("code: required") && missing.stderr.contains("currency: required"), "{missing:?}");

    let nested = sent
        .run(&[
            "call",
            "ledger.postEntry",
            "--param",
            "entryDate=2030-01-01",
            "--param",
            "memo=x",
            "--param",
            r#"lines=[{"accountId": "00000000-0000-0000-0000-000000000000", "debit": "1.00", "side": "left"}]"#,
        ])
        .await;
    nested.expect(2, "invalidParams");
    assert!(nested.stderr.contains("lines[0]: unknown field `side`"), "{nested:?}");

    let verbose = sent.run(&with(&["--param", "colour=red", "--verbose"])).await;
    assert_eq!(verbose.code, 2);
    let (line, detail) = verbose.stderr.split_once('\n').expect("a line, then the detail");
    assert!(line.starts_with("sent: invalidParams: "), "{line}");
    let detail: Value = serde_json::from_str(detail).expect("the detail is JSON");
    assert!(detail["violations"].as_array().is_some_and(|v| v.len() == 1), "{detail}");

    sent.run(&["call", "ledger.createAccount", "--json", "{not json"]).await.expect(2, "usage");
    sent.run(&["call", "ledger.createAccount", "--param", "just-a-word"]).await.expect(2, "usage");
    // clap's usage errors are 2 too.
    assert_eq!(sent.run(&["call"]).await.code, 2);
    assert_eq!(sent.run(&["call", "system.version", "--org", "not-a-uuid"]).await.code, 2);
    assert_eq!(sent.run(&["frobnicate"]).await.code, 2);
    assert_eq!(sent.run(&["call", "system.version", "--request-id", "has space"]).await.code, 2);
    assert_eq!(sent.run(&["call", "system.version", "--timeout", "0"]).await.code, 2);

    // The server's own check of values (-32022) is a usage error as well.
    sent.run(&with(&[])).await.ok();
    let bad_code = sent
        .run(&[
            "call",
            "ledger.createAccount",
            "--json",
            r#"{"code":"has space","name":"X","kind":"asset","currency":"EUR"}"#,
        ])
        .await;
    bad_code.expect(2, "validation");
    assert!(bad_code.stderr.contains("code"), "{bad_code:?}");

    assert_eq!(audit_rows(&server, org).await, before + 1, "only the one valid call reached the server");
}

#[tokio::test]
async fn auth_failures_exit_3() {
    let server = TestServer::start().await;
    let org = server.organization("owner", "Acme").await;
    let sent = Sent::for_server(&server);

    let bad = sent.run(&["call", "identity.me", "--token", "not-a-token"]).await;
    bad.expect(3, "unauthenticated");
    let anonymous = sent.run(&["call", "identity.me"]).await;
    anonymous.expect(3, "unauthenticated");
    assert!(anonymous.stderr.contains("sent login"), "{anonymous:?}");

    let stranger = server.issuer.token("stranger");
    let org_flag = org.to_string();
    let forbidden = sent.run(&["call", "ledger.listAccounts", "--token", &stranger, "--org", &org_flag]).await;
    forbidden.expect(3, "forbidden");
    let no_org = sent.run(&["call", "ledger.listAccounts", "--token", &server.issuer.token("owner")]).await;
    no_org.expect(3, "forbidden");
    assert!(no_org.stderr.contains("--org"), "{no_org:?}");

    // A token saved by `sent login`: used while valid, refused by `sent`
    // itself once expired.
    let save = |token: &str, expires_at: u64| {
        let saved = json!({ "servers": { server.tarpc_addr.to_string(): {
            "accessToken": token, "expiresAt": expires_at, "issuer": "https://issuer.sent.test",
            "clientId": "sent-cli", "signedInAs": "owner@example.test"
        } } });
        std::fs::create_dir_all(sent.credentials().parent().expect("a directory")).expect("a directory");
        std::fs::write(sent.credentials(), saved.to_string()).expect("credentials written");
    };
    save(&server.issuer.token("owner"), 4_000_000_000);
    let me = sent.run(&["call", "identity.me"]).await;
    me.ok();
    assert_eq!(me.json()["email"], "owner@example.test");
    save(&server.issuer.token("owner"), 1);
    let expired = sent.run(&["call", "identity.me"]).await;
    expired.expect(3, "unauthenticated");
    assert!(expired.stderr.contains("expired") && expired.stderr.contains("run `sent login`"), "{expired:?}");
    // Public methods need no token.
    sent.run(&["call", "system.version"]).await.ok();
}

#[tokio::test]
async fn without_a_server_the_failure_names_the_address() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
    let address = closed.local_addr().expect("an address").to_string();
    drop(closed);
    let sent = Sent::new(&address);
    let run = sent.run(&["methods"]).await;
    run.expect(1, "unavailable");
    assert!(run.stderr.contains(&address) && run.stderr.contains("make run"), "{run:?}");
    let run = sent.run(&["call", "system.version", "--server", "no-port"]).await;
    run.expect(2, "usage");

    let login = sent.run(&["login", "--no-browser", "--issuer", &format!("http://{address}")]).await;
    login.expect(1, "unavailable");
    assert!(login.stderr.contains(&address), "{login:?}");
}

#[tokio::test]
async fn calls_go_over_tls_when_the_server_asks_for_it() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let certified = rcgen::generate_simple_self_signed(vec!["localhost".to_owned()]).expect("a certificate");
    let (cert, key) = (dir.path().join("server.pem"), dir.path().join("server.key"));
    std::fs::write(&cert, certified.cert.pem()).expect("write the certificate");
    std::fs::write(&key, certified.key_pair.serialize_pem()).expect("write the key");
    let options = sent_server::testing::TestOptions {
        tarpc_tls: Some(sent_tarpc::tls::acceptor(&cert, &key).expect("an acceptor")),
        ..sent_server::testing::TestOptions::default()
    };
    let server = TestServer::start_with(options).await;
    let sent = Sent::new(&format!("localhost:{}", server.tarpc_addr.port()));
    let ca = cert.to_str().expect("a UTF-8 path");
    let run = sent.run(&["call", "system.echo", "--param", "message=sealed", "--tls-ca", ca, "--output", "json"]).await;
    run.ok();
    assert_eq!(run.json(), serde_json::json!({ "message": "sealed" }));
    // Without TLS the server never answers; with the wrong name the
    // certificate is refused.
    let plain = sent.run(&["call", "system.echo", "--param", "message=x", "--timeout", "3"]).await;
    plain.expect(1, "unavailable");
    let wrong_name =
        sent.run(&["call", "system.echo", "--param", "message=x", "--tls-ca", ca, "--tls-name", "evil.test"]).await;
    wrong_name.expect(1, "unavailable");
}

#[tokio::test]
async fn completions_are_printed_for_a_shell() {
    let sent = Sent::new("127.0.0.1:1");
    let bash = sent.run(&["completions", "bash"]).await;
    bash.ok();
    assert!(bash.stdout.contains("describe") && bash.stdout.contains("--param"), "{}", bash.stdout);
    assert_eq!(sent.run(&["completions", "tcsh"]).await.code, 2);
}

/// A state directory for the provider, removed at the end.
fn provider_state() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary directory")
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::metadata(path).expect("the file exists").permissions().mode() & 0o777
}

/// A browser: a cookie jar and no automatic redirects.
fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .cookie_store(true)
        .timeout(Duration::from_secs(30))
        .build()
        .expect("an HTTP client")
}

/// Follow the sign-in from `url` as a person would, typing the password
/// into the provider's form, until the provider sends the browser to the
/// command line's loopback address; that page.
async fn sign_in_at(url: &str, provider_issuer: &str, email: &str, password: &str) -> (u16, String) {
    let client = browser();
    let mut url = reqwest::Url::parse(url).expect("a URL");
    for _ in 0..20 {
        let response = client.get(url.clone()).send().await.expect("the hop answers");
        let status = response.status();
        if !url.as_str().starts_with(provider_issuer) {
            // The provider let go: this is `sent login` answering.
            assert_eq!(url.path(), "/callback", "{url}");
            return (status.as_u16(), response.text().await.expect("a page"));
        }
        if status.is_redirection() {
            let location = response.headers()["location"].to_str().expect("a location").to_owned();
            url = url.join(&location).expect("a URL");
            continue;
        }
        let page = response.text().await.expect("a page");
        assert_eq!(status, 200, "{url}: {page}");
        assert!(page.contains("name=\"password\""), "a login form at {url}: {page}");
        let action = url.join(&format!("{}/login", url.path())).expect("a URL");
        let posted =
            client.post(action).form(&[("login", email), ("password", password)]).send().await.expect("posted");
        assert!(posted.status().is_redirection(), "the password is taken: {}", posted.status());
        let location = posted.headers()["location"].to_str().expect("a location").to_owned();
        url = url.join(&location).expect("a URL");
    }
    panic!("sign-in did not finish in 20 hops (at {url})");
}

/// `sent login --no-browser` under way, and the sign-in address it printed.
struct LoginUnderWay {
    child: tokio::process::Child,
    stderr: tokio::io::Lines<BufReader<tokio::process::ChildStderr>>,
    said: String,
    url: String,
}

impl LoginUnderWay {
    async fn start(sent: &Sent, provider_issuer: &str) -> Self {
        let mut login = sent.command(&["login", "--no-browser"]);
        login.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut child = login.spawn().expect("sent login starts");
        let mut stderr = BufReader::new(child.stderr.take().expect("stderr")).lines();
        let mut said = String::new();
        let url = loop {
            let line = tokio::time::timeout(Duration::from_secs(30), stderr.next_line())
                .await
                .unwrap_or_else(|_| panic!("no sign-in address within 30 s: {said}"))
                .expect("stderr is readable")
                .unwrap_or_else(|| panic!("sent login ended without a sign-in address: {said}"));
            said.push_str(&line);
            said.push('\n');
            if line.starts_with(provider_issuer) {
                break line;
            }
        };
        Self { child, stderr, said, url }
    }

    /// Wait for `sent login` to end; everything it said.
    async fn finish(mut self) -> String {
        let status = tokio::time::timeout(Duration::from_secs(30), self.child.wait())
            .await
            .expect("login ends")
            .expect("login ran");
        let mut rest = String::new();
        let _ = self.stderr.into_inner().read_to_string(&mut rest).await;
        assert!(status.success(), "{status}: {}{rest}", self.said);
        rest
    }
}

/// The entry `sent login` saved for `server`.
fn saved_entry(sent: &Sent, server: &TestServer) -> Value {
    let saved: Value = serde_json::from_slice(&std::fs::read(sent.credentials()).expect("saved")).expect("JSON");
    saved["servers"][server.tarpc_addr.to_string()].clone()
}

/// Change the entry `sent login` saved for `server`.
fn edit_entry(sent: &Sent, server: &TestServer, edit: impl FnOnce(&mut Value)) {
    let mut saved: Value = serde_json::from_slice(&std::fs::read(sent.credentials()).expect("saved")).expect("JSON");
    edit(&mut saved["servers"][server.tarpc_addr.to_string()]);
    std::fs::write(sent.credentials(), saved.to_string()).expect("credentials written");
}

fn unix_now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).expect("a clock").as_secs()
}

#[tokio::test]
async fn a_person_signs_in_in_the_browser_and_the_saved_token_carries_calls() {
    let state = provider_state();
    let (server, provider) = TestServer::start_with_local_provider(state.path()).await;
    let alice = provider.user("alice@acme.test").expect("alice").clone();
    let sent = Sent::for_server(&server).env("SENT_OIDC_ISSUER", provider.issuer());

    let login = LoginUnderWay::start(&sent, provider.issuer()).await;
    let url = login.url.clone();
    assert!(url.contains("client_id=sent-cli") && url.contains("code_challenge="), "{url}");

    // A request to the loopback address without this sign-in's state is
    // refused, and the sign-in goes on waiting for the real answer.
    let redirect = reqwest::Url::parse(&url)
        .expect("a URL")
        .query_pairs()
        .find(|(key, _)| key == "redirect_uri")
        .map(|(_, value)| value.into_owned())
        .expect("a redirect_uri");
    assert!(redirect.starts_with("http://127.0.0.1:") && redirect.ends_with("/callback"), "{redirect}");
    let forged = browser().get(format!("{redirect}?code=forged&state=forged")).send().await.expect("sent answers");
    assert_eq!(forged.status(), 400);

    let (status, page) = sign_in_at(&url, provider.issuer(), &alice.email, &alice.password).await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("signed in to SENT as alice@acme.test"), "{page}");
    let rest = login.finish().await;
    assert!(rest.contains("Signed in as alice@acme.test"), "{rest}");

    #[cfg(unix)]
    assert_eq!(mode(&sent.credentials()), 0o600, "only its owner may read the credentials");
    let entry = saved_entry(&sent, &server);
    assert_eq!(entry["clientId"], "sent-cli");
    assert_eq!(entry["signedInAs"], "alice@acme.test");
    assert!(entry["expiresAt"].as_u64().is_some_and(|at| at > unix_now()), "{entry}");

    let me = sent.run(&["call", "identity.me"]).await;
    me.ok();
    assert_eq!(me.json()["email"], "alice@acme.test");

    sent.run(&["logout"]).await.ok();
    assert!(!sent.credentials().exists(), "signing out removes the saved token");
    sent.run(&["call", "identity.me"]).await.expect(3, "unauthenticated");
}

#[tokio::test]
async fn a_lapsed_token_is_renewed_with_the_refresh_token_once_even_by_two_sents_at_once() {
    let state = provider_state();
    let (server, provider) = TestServer::start_with_local_provider(state.path()).await;
    let alice = provider.user("alice@acme.test").expect("alice").clone();
    let sent = Sent::for_server(&server).env("SENT_OIDC_ISSUER", provider.issuer());
    let login = LoginUnderWay::start(&sent, provider.issuer()).await;
    assert!(login.url.contains("offline_access") && login.url.contains("prompt=consent"), "{}", login.url);
    sign_in_at(&login.url, provider.issuer(), &alice.email, &alice.password).await;
    login.finish().await;
    let first = saved_entry(&sent, &server);
    let first_refresh = first["refreshToken"].as_str().expect("a person's sign-in has a refresh token").to_owned();

    // The access token lapses (and would be refused): the call renews it.
    let lapse = |entry: &mut Value| {
        entry["accessToken"] = json!("lapsed");
        entry["expiresAt"] = json!(unix_now() - 60);
    };
    edit_entry(&sent, &server, lapse);
    let me = sent.run(&["call", "identity.me"]).await;
    me.ok();
    assert_eq!(me.json()["email"], "alice@acme.test");
    let renewed = saved_entry(&sent, &server);
    assert_ne!(renewed["accessToken"], "lapsed");
    assert!(renewed["expiresAt"].as_u64().is_some_and(|at| at > unix_now()), "{renewed}");
    assert_ne!(renewed["refreshToken"], first_refresh, "the provider rotates a public client's refresh token");
    #[cfg(unix)]
    assert_eq!(mode(&sent.credentials()), 0o600);

    // Two at once: one renews, the other waits and uses its token. Spending
    // the refresh token twice would make the provider revoke the grant.
    edit_entry(&sent, &server, lapse);
    let (one, two) = tokio::join!(sent.run(&["call", "identity.me"]), sent.run(&["call", "identity.me"]));
    one.ok();
    two.ok();
    edit_entry(&sent, &server, lapse);
    sent.run(&["call", "identity.me"]).await.ok();

    // A refresh token the provider does not know: sign in again.
    edit_entry(&sent, &server, |entry| {
        lapse(entry);
        entry["refreshToken"] = json!("forged");
    });
    let refused = sent.run(&["call", "identity.me"]).await;
    refused.expect(3, "unauthenticated");
    assert!(
        refused.stderr.contains("could not be renewed") && refused.stderr.contains("run `sent login`"),
        "{refused:?}"
    );
}

#[tokio::test]
async fn a_service_account_signs_in_with_its_client_secret() {
    let state = provider_state();
    let (server, provider) = TestServer::start_with_local_provider(state.path()).await;
    let secret = provider.client_secret("acme-service").expect("acme-service has a secret");
    let sent = Sent::for_server(&server).env("SENT_OIDC_ISSUER", provider.issuer());

    let login = ["login", "--client-id", "acme-service", "--client-secret-env", "ACME_SECRET"];
    sent.run(&login).await.expect(2, "usage");
    let refused = Sent::for_server(&server).env("SENT_OIDC_ISSUER", provider.issuer()).env("ACME_SECRET", "wrong");
    refused.run(&login).await.expect(3, "login");
    assert!(!refused.credentials().exists());

    let sent = sent.env("ACME_SECRET", secret);
    let signed_in = sent.run(&login).await;
    signed_in.ok();
    assert!(signed_in.stderr.contains("Signed in as acme-service"), "{signed_in:?}");
    #[cfg(unix)]
    assert_eq!(mode(&sent.credentials()), 0o600);

    let me = sent.run(&["call", "identity.me"]).await;
    me.ok();
    assert!(me.json()["userId"].is_string(), "{me:?}");
}
