//! The desktop app end to end, in a real window under Xvfb, driven over
//! WebDriver: sign in as a demo user through the "system browser", create
//! an organization and a ledger account through the UI, see the account
//! listed, and prove the calls went over IPC (the app's own counter), that
//! the page made no HTTP request and the app listens on no port. A
//! screenshot of the main window goes to `target/desktop-screenshots/`.
//! Then: a second start hands over to the running app, and the window's
//! size is remembered across a restart, which also finds the embedded
//! database stopped cleanly and starts it again.
//!
//! Both tests need a display server, the WebDriver and the built web UI,
//! so they are run by name: `make test-desktop` runs the end-to-end test,
//! `make bench-desktop` the measurements (the IPC round trip against HTTP
//! from the same webview, and cold start to first paint). With
//! `SENT_APP_BINARY=/usr/bin/sent-app` they drive the app the .deb installed.

mod common;
mod window;

use std::path::PathBuf;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use common::{Scratch, http_browser, opened_url, recording_browser, sign_in_at_provider};
use sent_auth::dev_provider::{DevProvider, DevProviderOptions};
use serde_json::{Value, json};
use window::{AppSetup, SessionBus, Window, Xvfb, is_running, screenshots_dir};

/// Generous: the first start of a debug build on a busy 2-core machine
/// runs initdb and the migrations.
const SLOW: Duration = Duration::from_secs(90);
const STEP: Duration = Duration::from_secs(30);

/// Everything one run needs, all of it its own.
struct Stack {
    provider: DevProvider,
    setup: AppSetup,
    url_file: PathBuf,
    // Dropped after any window, in this order: the bus, the display, then
    // the directory they all wrote to.
    _bus: SessionBus,
    _xvfb: Xvfb,
    scratch: Scratch,
}

async fn stack(test: &str, extra_env: &[(&str, String)]) -> Stack {
    let scratch = Scratch::new(test);
    let provider = DevProvider::start(DevProviderOptions {
        port: None,
        state_dir: scratch.path("oidc"),
        web_redirects: Vec::new(),
        access_token_ttl: None,
    })
    .await
    .expect("the local provider starts");
    let xvfb = Xvfb::start(&scratch.path("xvfb.log"));
    let bus = SessionBus::start(&scratch.0);
    let (browser, url_file) = recording_browser(&scratch);
    let data_dir = scratch.path("data");
    let mut env: Vec<(String, String)> = vec![
        ("DISPLAY".into(), xvfb.display.clone()),
        ("DBUS_SESSION_BUS_ADDRESS".into(), bus.address.clone()),
        ("XDG_CONFIG_HOME".into(), scratch.path("config").display().to_string()),
        ("XDG_DATA_HOME".into(), scratch.path("xdg-data").display().to_string()),
        ("XDG_CACHE_HOME".into(), scratch.path("cache").display().to_string()),
        ("NO_AT_BRIDGE".into(), "1".into()),
        ("GDK_BACKEND".into(), "x11".into()),
        ("SENT_DATA_DIR".into(), data_dir.display().to_string()),
        ("SENT_OIDC_ISSUER".into(), provider.issuer().to_owned()),
        ("SENT_DESKTOP_BROWSER".into(), browser.display().to_string()),
        ("SENT_LOG".into(), "info,sent_app=debug,sent_runtime=debug".into()),
        ("SENT_LOG_FORMAT".into(), "json".into()),
    ];
    env.extend(extra_env.iter().map(|(name, value)| ((*name).to_owned(), value.clone())));
    Stack { provider, setup: AppSetup { env, data_dir }, url_file, _bus: bus, _xvfb: xvfb, scratch }
}

impl Stack {
    async fn open(&self, name: &str) -> Window {
        Window::open(self.setup.clone(), &self.scratch.path(&format!("{name}.log"))).await
    }

    fn window_state_file(&self) -> PathBuf {
        self.scratch.path("config").join(sent_app::config::APP_IDENTIFIER).join(".window-state.json")
    }
}

const SIGN_IN_LINK: &str = "//a[starts-with(@href, '/auth/login')]";

fn in_dialog_field(tag: &str, label: &str) -> String {
    format!("//div[@role='dialog']//{tag}[@id=//div[@role='dialog']//label[normalize-space()='{label}']/@for]")
}

/// The app's IPC counters, read over IPC.
async fn ipc_stats(window: &Window) -> (u64, u64) {
    let stats = window
        .async_script(
            "const done = arguments[arguments.length - 1];
             window.__TAURI_INTERNALS__.invoke('ipc_stats').then(done, (e) => done({ error: String(e) }));",
            json!([]),
        )
        .await;
    let read = |name: &str| stats[name].as_u64().unwrap_or_else(|| panic!("{name} in {stats}"));
    (read("rpcRequests"), read("rpcCalls"))
}

#[tokio::test]
#[ignore = "needs Xvfb, WebKitWebDriver and a built web UI: make test-desktop"]
async fn window_sign_in_create_an_account_over_ipc_and_come_back() {
    let stack = stack("e2e", &[]).await;
    let alice = stack.provider.user("alice@acme.test").expect("alice").clone();
    let mut window = stack.open("first-run").await;

    // Nobody is signed in: the web UI's sign-in page, unchanged.
    window.click(SIGN_IN_LINK, SLOW).await;
    let authorize = opened_url(&stack.url_file, STEP).await;
    let browser = http_browser();
    let callback = sign_in_at_provider(&browser, &authorize, &alice.email, &alice.password).await;
    let landed = browser.get(&callback).send().await.expect("the app's loopback redirect answers");
    assert_eq!(landed.status(), 200, "{}", landed.text().await.unwrap_or_default());

    // Signed in, in a fresh database: no organization yet.
    window.click("//button[normalize-space()='New organization']", SLOW).await;
    window.type_into(&in_dialog_field("input", "Name"), "Acme Desktop", STEP).await;
    window.click("//div[@role='dialog']//button[normalize-space()='Create']", STEP).await;
    window.click("//nav[@aria-label='Ledger sections']//a[normalize-space()='Accounts']", STEP).await;
    window.find("//*[normalize-space()='No accounts yet']", STEP).await;

    let (requests_before, calls_before) = ipc_stats(&window).await;
    window.click("//button[normalize-space()='New account']", STEP).await;
    window.type_into(&in_dialog_field("input", "Code"), "1010", STEP).await;
    window.type_into(&in_dialog_field("input", "Name"), "Petty cash", STEP).await;
    window.click(&in_dialog_field("button", "Kind"), STEP).await;
    window.click("//*[@role='option'][normalize-space()='Asset']", STEP).await;
    window.click("//div[@role='dialog']//button[normalize-space()='Create account']", STEP).await;
    window.find("//table//tr[td[normalize-space()='1010'] and td[normalize-space()='Petty cash']]", STEP).await;
    let (requests_after, calls_after) = ipc_stats(&window).await;

    // The account's creation and the list's refresh came over IPC...
    assert!(requests_after >= requests_before + 2, "IPC requests {requests_before} -> {requests_after}");
    assert!(calls_after >= calls_before + 2, "IPC calls {calls_before} -> {calls_after}");
    let log = window.log_text();
    assert!(log.contains("rpc over IPC"), "the app logged its IPC calls");
    assert!(
        log.lines().any(|line| line.contains("call ok") && line.contains("ledger.createAccount")),
        "the shared dispatcher ran ledger.createAccount"
    );
    // ...and nothing went over HTTP: the page fetched nothing from an
    // http(s) URL, and the app listens on no port (the sign-in's loopback
    // listener closed with the sign-in).
    let fetched =
        window.script("return performance.getEntriesByType('resource').map((entry) => entry.name);", json!([])).await;
    let fetched: Vec<&str> = fetched.as_array().expect("resource entries").iter().filter_map(Value::as_str).collect();
    assert!(
        fetched.iter().all(|url| !url.starts_with("http:") && !url.starts_with("https:")),
        "the page made HTTP requests: {fetched:?}"
    );
    assert_eq!(window.app_listening_ports(), Vec::<u16>::new(), "the app listens on no port");

    let shot = window.screenshot_to(&screenshots_dir().join("main-window.png")).await.expect("a screenshot");
    let png = std::fs::read(&shot).expect("the screenshot");
    assert!(png.starts_with(b"\x89PNG") && png.len() > 10_000, "a real picture at {}", shot.display());

    // A second start hands over to this one and exits.
    let app_pid = window.app_pid.expect("the app runs");
    let mut second = std::process::Command::new(window::app_binary());
    second.envs(stack.setup.env.iter().map(|(k, v)| (k, v))).stdout(std::process::Stdio::null());
    let mut second = second.stderr(std::process::Stdio::null()).spawn().expect("a second start");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = second.try_wait().expect("wait") {
            break status;
        }
        if started.elapsed() > STEP {
            let _ = second.kill();
            panic!("the second start did not hand over within {STEP:?}");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert!(status.success(), "{status}");
    assert!(is_running(app_pid), "the first app still runs");
    assert_eq!(window.script("return document.title;", json!([])).await, "SENT");

    // Signing out from the page's own menu ends the app's session: its
    // `POST /auth/logout` is answered by the app, not by a server.
    window.click("//button[starts-with(@aria-label, 'Account: ')]", STEP).await;
    window.click("//*[@role='menuitem'][normalize-space()='Sign out']", STEP).await;
    window.find(SIGN_IN_LINK, STEP).await;
    let session = window
        .async_script(
            "const done = arguments[arguments.length - 1];
             window.__TAURI_INTERNALS__.invoke('session').then(done, (e) => done({ error: String(e) }));",
            json!([]),
        )
        .await;
    assert_eq!(session["signedIn"], false, "{session}");

    // The window's size is remembered across a restart.
    window.post("/window/rect", json!({ "width": 1000, "height": 700 })).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let rect = window.get("/window/rect").await;
    assert_eq!((rect["width"].as_u64(), rect["height"].as_u64()), (Some(1000), Some(700)), "{rect}");
    window.close().await;
    let saved = std::fs::read_to_string(stack.window_state_file())
        .unwrap_or_else(|e| panic!("the window state is saved on exit ({e}); the log:\n{}", window.log_text()));
    let saved: Value = serde_json::from_str(&saved).expect("JSON");
    assert_eq!((saved["main"]["width"].as_u64(), saved["main"]["height"].as_u64()), (Some(1000), Some(700)), "{saved}");
    // It quit cleanly: its database is stopped, not left running.
    assert!(!stack.setup.data_dir.join("pg/postmaster.pid").exists(), "the embedded PostgreSQL stopped");

    let mut again = stack.open("second-run").await;
    let rect = again.get("/window/rect").await;
    assert_eq!((rect["width"].as_u64(), rect["height"].as_u64()), (Some(1000), Some(700)), "{rect}");
    // Signed-in state is not kept across runs, the data is.
    again.find(SIGN_IN_LINK, SLOW).await;
    again.close().await;
}

/// Milliseconds since the Unix epoch.
fn epoch_ms() -> f64 {
    SystemTime::now().duration_since(UNIX_EPOCH).expect("a clock").as_secs_f64() * 1000.0
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, clippy::cast_precision_loss)]
    let index = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[index]
}

/// Sequential round trips of `system.echo` from the page: `transport` is
/// `ipc` or `http`. The page's clock ticks in whole milliseconds, so calls
/// are timed in runs of `run` and each run gives one per-call figure; the
/// figures in milliseconds, sorted.
async fn echo_round_trips(window: &Window, transport: &str, url: &str, runs: u32, run: u32) -> Vec<f64> {
    let timings = window
        .async_script(
            "const [transport, url, runs, run] = arguments;
             const done = arguments[arguments.length - 1];
             const body = (id) => ({ jsonrpc: '2.0', id, method: 'system.echo', params: { message: 'ping' } });
             const once = transport === 'ipc'
               ? (id) => window.__TAURI_INTERNALS__.invoke('rpc', { request: body(id) })
               : (id) => fetch(url, { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' },
                                      body: JSON.stringify(body(id)) }).then((r) => r.arrayBuffer());
             (async () => {
               for (let i = 0; i < 100; i++) await once(i);
               const perCall = [];
               for (let r = 0; r < runs; r++) {
                 const start = performance.now();
                 for (let i = 0; i < run; i++) await once(i);
                 perCall.push((performance.now() - start) / run);
               }
               return perCall;
             })().then(done, (e) => done({ error: String(e) }));",
            json!([transport, url, runs, run]),
        )
        .await;
    let mut times: Vec<f64> = timings
        .as_array()
        .unwrap_or_else(|| panic!("{transport} timings: {timings}"))
        .iter()
        .filter_map(Value::as_f64)
        .collect();
    times.sort_by(f64::total_cmp);
    times
}

#[tokio::test]
#[ignore = "a measurement: make bench-desktop"]
async fn desktop_benchmarks() {
    // The same dispatcher over HTTP, for the page to time against IPC.
    let server = sent_server::testing::TestServer::start().await;
    let rpc_url = server.url("/api/rpc");
    let origin = rpc_url.trim_end_matches("/api/rpc").to_owned();
    let stack = stack("bench", &[("SENT_DESKTOP_EXTRA_CONNECT_ORIGIN", origin)]).await;

    let mut report = String::from("| measurement | p50 | p95 | mean |\n|---|---|---|---|\n");
    let window = stack.open("bench").await;
    window.find(SIGN_IN_LINK, SLOW).await;
    for transport in ["ipc", "http"] {
        let (runs, run) = (100, 25);
        let times = echo_round_trips(&window, transport, &rpc_url, runs, run).await;
        assert_eq!(times.len(), 100, "{transport} timings");
        #[allow(clippy::cast_precision_loss)]
        let mean = times.iter().sum::<f64>() / times.len() as f64;
        report.push_str(&format!(
            "| `system.echo` round trip over {transport} ({runs} runs of {run} calls) | {:.3} ms | {:.3} ms | {:.3} ms |\n",
            percentile(&times, 0.5),
            percentile(&times, 0.95),
            mean
        ));
    }
    drop(window);

    // Cold start to first paint: from asking the driver for a session
    // (which launches the app) to the page's first contentful paint. The
    // first start also creates the embedded cluster; the window does not
    // wait for it.
    let mut starts = Vec::new();
    for run in 0..5 {
        let asked = epoch_ms();
        let mut window = stack.open(&format!("cold-{run}")).await;
        window.find(SIGN_IN_LINK, SLOW).await;
        // WebKit may file the paint entry a moment after the paint.
        let painted = window
            .async_script(
                "const done = arguments[arguments.length - 1];
                 const started = Date.now();
                 const look = () => {
                   const paint = performance.getEntriesByName('first-contentful-paint')[0]
                     ?? performance.getEntriesByType('paint')[0];
                   if (paint) done(performance.timeOrigin + paint.startTime);
                   else if (Date.now() - started > 10000) done(null);
                   else setTimeout(look, 50);
                 };
                 look();",
                json!([]),
            )
            .await;
        let painted = painted.as_f64().unwrap_or_else(|| panic!("no paint timing within 10 s: {painted}"));
        starts.push(painted - asked);
        window.close().await;
    }
    let first = starts[0];
    let mut later = starts[1..].to_vec();
    later.sort_by(f64::total_cmp);
    report.push_str(&format!(
        "| cold start to first contentful paint, first start (new data directory) | {first:.0} ms | | |\n"
    ));
    report.push_str(&format!(
        "| cold start to first contentful paint, later starts ({} runs) | {:.0} ms | {:.0} ms | |\n",
        later.len(),
        percentile(&later, 0.5),
        percentile(&later, 1.0)
    ));
    println!("{report}");
}
