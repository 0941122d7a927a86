//! The real app in a real window, for end-to-end tests and measurements: a
//! private X server (Xvfb), a private D-Bus session bus (so the app's
//! single-instance lock is this run's alone), and WebKitWebDriver, which
//! launches `sent-app` and drives its webview over the W3C WebDriver API.
//!
//! WebKitWebDriver is driven directly rather than through `tauri-driver`:
//! `tauri-driver` (a proxy in front of it) dropped connections at random on
//! this kind of machine, the driver alone never did. The app must run with
//! `TAURI_WEBVIEW_AUTOMATION=true` or its webview refuses automation.
//!
//! Every process here is this run's own (its own display, bus, ports, data
//! directory) and none outlives it: dropping [`Window`] ends the app (and
//! its embedded PostgreSQL), the driver, the bus and the X server.

#![allow(dead_code)]

use std::collections::HashSet;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine as _;
use serde_json::{Value, json};

/// The key of an element reference in W3C WebDriver.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// A child process killed (and reaped) when dropped.
pub struct Owned(Child);

impl Owned {
    fn pid(&self) -> u32 {
        self.0.id()
    }
}

impl Drop for Owned {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A private X server.
pub struct Xvfb {
    _process: Owned,
    pub display: String,
}

impl Xvfb {
    /// Start on the first free display number from one derived from this
    /// process, so parallel runs do not collide.
    pub fn start(log: &Path) -> Self {
        let base = 100 + std::process::id() % 400;
        for number in (base..base + 50).chain(100..base) {
            if Path::new(&format!("/tmp/.X11-unix/X{number}")).exists()
                || Path::new(&format!("/tmp/.X{number}-lock")).exists()
            {
                continue;
            }
            let display = format!(":{number}");
            let child = Command::new("Xvfb")
                .args([&display, "-screen", "0", "1400x900x24", "-nolisten", "tcp", "-noreset"])
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(File::create(log).expect("the X server's log"))
                .spawn()
                .expect("Xvfb runs (apt-get install xvfb)");
            let mut process = Owned(child);
            let started = Instant::now();
            while started.elapsed() < Duration::from_secs(10) {
                if Path::new(&format!("/tmp/.X11-unix/X{number}")).exists() {
                    return Self { _process: process, display };
                }
                if process.0.try_wait().ok().flatten().is_some() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            drop(process);
        }
        panic!("no free X display for Xvfb");
    }
}

/// A private D-Bus session bus.
pub struct SessionBus {
    _process: Owned,
    pub address: String,
}

impl SessionBus {
    pub fn start(dir: &Path) -> Self {
        let socket = dir.join("bus");
        let mut child = Command::new("dbus-daemon")
            .args(["--session", "--nofork", "--nopidfile", "--print-address=1"])
            .arg(format!("--address=unix:path={}", socket.display()))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("dbus-daemon runs");
        let stdout = child.stdout.take().expect("stdout");
        let process = Owned(child);
        let mut address = String::new();
        BufReader::new(stdout).read_line(&mut address).expect("the bus address");
        Self { _process: process, address: address.trim().to_owned() }
    }
}

/// The app under test: this build's `sent-app`, or the program
/// `SENT_APP_BINARY` names (such as the one the .deb installed).
pub fn app_binary() -> PathBuf {
    std::env::var_os("SENT_APP_BINARY").map_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_sent-app")), PathBuf::from)
}

/// A free loopback port (free when asked; the driver binds it at once).
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a free port").port()
}

/// How the app is started.
#[derive(Clone, Debug, Default)]
pub struct AppSetup {
    /// Environment of the app (and of the driver that launches it).
    pub env: Vec<(String, String)>,
    /// Its data directory (`SENT_DATA_DIR`), whose embedded cluster is
    /// stopped when the window goes, whatever happened.
    pub data_dir: PathBuf,
}

/// WebKitWebDriver, the app it launched, and the session driving it.
pub struct Window {
    pub http: reqwest::Client,
    pub base: String,
    pub session: Option<String>,
    pub app_pid: Option<u32>,
    setup: AppSetup,
    driver: Owned,
    pub log: PathBuf,
}

/// What a WebDriver command answered wrong.
#[derive(Debug)]
pub struct DriverError {
    pub error: String,
    pub message: String,
}

impl Window {
    /// Start the driver with `env` (which it hands to the app), and open a
    /// session: the driver launches the app and waits for its webview.
    pub async fn open(setup: AppSetup, log: &Path) -> Self {
        let port = free_port();
        let mut command = Command::new("WebKitWebDriver");
        command
            .arg(format!("--port={port}"))
            .env("TAURI_WEBVIEW_AUTOMATION", "true")
            .stdin(Stdio::null())
            .stdout(File::create(log).expect("the driver's log"))
            .stderr(File::options().append(true).open(log).expect("the driver's log"));
        for (name, value) in &setup.env {
            command.env(name, value);
        }
        let driver = Owned(command.spawn().expect("WebKitWebDriver runs (apt-get install webkit2gtk-driver)"));
        let http = reqwest::Client::builder().timeout(Duration::from_secs(120)).build().expect("an HTTP client");
        let base = format!("http://127.0.0.1:{port}");
        let mut window = Self { http, base, session: None, app_pid: None, setup, driver, log: log.to_owned() };
        window.wait_for_driver().await;
        window.new_session().await;
        window
    }

    async fn wait_for_driver(&self) {
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(20) {
            if self.http.get(format!("{}/status", self.base)).send().await.is_ok() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("WebKitWebDriver did not answer within 20 s; its log:\n{}", self.log_text());
    }

    async fn new_session(&mut self) {
        let capabilities = json!({
            "capabilities": { "alwaysMatch": {
                "webkitgtk:browserOptions": { "binary": app_binary(), "args": [] },
            } }
        });
        let answer = self.http.post(format!("{}/session", self.base)).json(&capabilities).send().await;
        let answer: Value = match answer {
            Ok(answer) => answer.json().await.expect("a JSON answer"),
            Err(error) => panic!("no session: {error}; the log:\n{}", self.log_text()),
        };
        let id = answer["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {answer}; the log:\n{}", self.log_text()))
            .to_owned();
        self.session = Some(id);
        self.app_pid = children_of(self.driver.pid()).into_iter().find(|pid| {
            std::fs::read_link(format!("/proc/{pid}/exe"))
                .is_ok_and(|exe| exe.file_name().is_some_and(|name| name == "sent-app"))
        });
        assert!(self.app_pid.is_some(), "the driver launched no sent-app");
    }

    /// The driver's log, with the app's own output in it.
    pub fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    fn url(&self, path: &str) -> String {
        format!("{}/session/{}{path}", self.base, self.session.as_deref().expect("an open session"))
    }

    /// One WebDriver command.
    ///
    /// # Errors
    /// The driver's error, such as `no such element`.
    pub async fn command(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
    ) -> Result<Value, DriverError> {
        let mut request = self.http.request(method, self.url(path));
        if let Some(body) = body {
            request = request.json(&body);
        }
        let answer: Value = request
            .send()
            .await
            .map_err(|e| DriverError { error: "transport".into(), message: e.to_string() })?
            .json()
            .await
            .map_err(|e| DriverError { error: "transport".into(), message: e.to_string() })?;
        match answer["value"].get("error") {
            Some(error) => Err(DriverError {
                error: error.as_str().unwrap_or_default().to_owned(),
                message: answer["value"]["message"].as_str().unwrap_or_default().to_owned(),
            }),
            None => Ok(answer["value"].clone()),
        }
    }

    pub async fn post(&self, path: &str, body: Value) -> Value {
        self.command(reqwest::Method::POST, path, Some(body))
            .await
            .unwrap_or_else(|e| panic!("POST {path}: {e:?}; the log:\n{}", self.log_text()))
    }

    pub async fn get(&self, path: &str) -> Value {
        self.command(reqwest::Method::GET, path, None)
            .await
            .unwrap_or_else(|e| panic!("GET {path}: {e:?}; the log:\n{}", self.log_text()))
    }

    /// Run `script` in the page; its return value.
    pub async fn script(&self, script: &str, args: Value) -> Value {
        self.post("/execute/sync", json!({ "script": script, "args": args })).await
    }

    /// Run `script` in the page, which calls its last argument with the
    /// value to return.
    pub async fn async_script(&self, script: &str, args: Value) -> Value {
        self.post("/execute/async", json!({ "script": script, "args": args })).await
    }

    /// The first displayed element `xpath` finds, waiting up to `timeout`
    /// for one.
    pub async fn find(&self, xpath: &str, timeout: Duration) -> String {
        let started = Instant::now();
        loop {
            let found = self
                .command(reqwest::Method::POST, "/elements", Some(json!({ "using": "xpath", "value": xpath })))
                .await;
            match found {
                Ok(elements) => {
                    for element in elements.as_array().into_iter().flatten() {
                        let id = element[ELEMENT].as_str().expect("an element reference");
                        let shown = self.command(reqwest::Method::GET, &format!("/element/{id}/displayed"), None).await;
                        if shown.is_ok_and(|shown| shown == Value::Bool(true)) {
                            return id.to_owned();
                        }
                    }
                }
                Err(error) if error.error != "no such element" => {
                    panic!("looking for {xpath}: {error:?}; the log:\n{}", self.log_text());
                }
                Err(_) => {}
            }
            if started.elapsed() > timeout {
                let name = self.log.file_stem().map_or_else(|| "window".into(), |s| s.to_string_lossy().into_owned());
                let shot = self.screenshot_to(&screenshots_dir().join(format!("failure-{name}.png"))).await;
                panic!("{xpath} not shown within {timeout:?} (screenshot {shot:?}); the log:\n{}", self.log_text());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Click the element `xpath` finds, once it is there.
    pub async fn click(&self, xpath: &str, timeout: Duration) {
        let element = self.find(xpath, timeout).await;
        self.post(&format!("/element/{element}/click"), json!({})).await;
    }

    /// Type into the element `xpath` finds, once it is there.
    pub async fn type_into(&self, xpath: &str, text: &str, timeout: Duration) {
        let element = self.find(xpath, timeout).await;
        self.post(&format!("/element/{element}/value"), json!({ "text": text })).await;
    }

    /// A PNG of the window, written to `path`.
    pub async fn screenshot_to(&self, path: &Path) -> Option<PathBuf> {
        let encoded = self.command(reqwest::Method::GET, "/screenshot", None).await.ok()?;
        let png = base64::engine::general_purpose::STANDARD.decode(encoded.as_str()?).ok()?;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).ok()?;
        }
        std::fs::write(path, png).ok()?;
        Some(path.to_owned())
    }

    /// Quit the app as the system does at log-out (SIGTERM): it saves its
    /// window state and stops its database. Then end the session (the
    /// driver would SIGKILL an app still running, which no user does).
    pub async fn close(&mut self) {
        if let Some(pid) = self.app_pid.take() {
            end_process(pid, Duration::from_secs(30));
        }
        if self.session.is_some() {
            let _ = self.command(reqwest::Method::DELETE, "", None).await;
            self.session = None;
        }
    }

    /// The TCP ports the app's own process listens on, less the one
    /// WebKitWebDriver's automation connects through.
    pub fn app_listening_ports(&self) -> Vec<u16> {
        let pid = self.app_pid.expect("the app runs");
        let inspector = std::fs::read(format!("/proc/{pid}/environ")).ok().and_then(|environ| {
            environ.split(|b| *b == 0).find_map(|entry| {
                let entry = String::from_utf8_lossy(entry);
                entry.strip_prefix("WEBKIT_INSPECTOR_SERVER=").and_then(|v| v.rsplit(':').next()?.parse().ok())
            })
        });
        listening_ports(pid).into_iter().filter(|port| Some(*port) != inspector).collect()
    }
}

impl Drop for Window {
    fn drop(&mut self) {
        // Whatever happened, nothing of this run stays behind: the app,
        // then its database (the driver goes when `driver` drops).
        if let Some(pid) = self.app_pid.take() {
            end_process(pid, Duration::from_secs(15));
        }
        stop_cluster(&self.setup.data_dir.join("pg"));
    }
}

/// SIGTERM, then SIGKILL after `grace`.
pub fn end_process(pid: u32, grace: Duration) {
    let alive = || Path::new(&format!("/proc/{pid}")).exists() && !is_zombie(pid);
    if !alive() {
        return;
    }
    let _ = Command::new("kill").args(["-TERM", &pid.to_string()]).status();
    let started = Instant::now();
    while alive() && started.elapsed() < grace {
        std::thread::sleep(Duration::from_millis(50));
    }
    if alive() {
        let _ = Command::new("kill").args(["-KILL", &pid.to_string()]).status();
    }
}

fn is_zombie(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|stat| stat.rsplit_once(')').map(|(_, rest)| rest.trim_start().starts_with('Z')))
        .unwrap_or(false)
}

/// Whether `pid` still runs.
pub fn is_running(pid: u32) -> bool {
    Path::new(&format!("/proc/{pid}")).exists() && !is_zombie(pid)
}

fn children_of(parent: u32) -> Vec<u32> {
    let Ok(entries) = std::fs::read_dir("/proc") else { return Vec::new() };
    entries
        .filter_map(|entry| entry.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| {
            std::fs::read_to_string(format!("/proc/{pid}/stat")).ok().is_some_and(|stat| {
                stat.rsplit_once(')').and_then(|(_, rest)| rest.split_whitespace().nth(1)?.parse::<u32>().ok())
                    == Some(parent)
            })
        })
        .collect()
}

/// The TCP ports `pid` has listening sockets on.
fn listening_ports(pid: u32) -> Vec<u16> {
    let inodes: HashSet<String> = std::fs::read_dir(format!("/proc/{pid}/fd"))
        .map(|fds| {
            fds.filter_map(|fd| {
                let target = std::fs::read_link(fd.ok()?.path()).ok()?;
                let target = target.to_str()?;
                Some(target.strip_prefix("socket:[")?.strip_suffix(']')?.to_owned())
            })
            .collect()
        })
        .unwrap_or_default();
    let mut ports = Vec::new();
    for table in ["tcp", "tcp6"] {
        let Ok(text) = std::fs::read_to_string(format!("/proc/{pid}/net/{table}")) else { continue };
        for line in text.lines().skip(1) {
            let fields: Vec<&str> = line.split_whitespace().collect();
            // local_address, state (0A is LISTEN), inode.
            if fields.len() > 9
                && fields[3] == "0A"
                && inodes.contains(fields[9])
                && let Some(port) = fields[1].rsplit(':').next().and_then(|hex| u16::from_str_radix(hex, 16).ok())
            {
                ports.push(port);
            }
        }
    }
    ports
}

/// Stop an embedded cluster left running in `data_dir`, if any.
pub fn stop_cluster(data_dir: &Path) {
    if !data_dir.join("postmaster.pid").exists() {
        return;
    }
    let Some(bin) = std::fs::read_dir("/usr/lib/postgresql").ok().and_then(|versions| {
        versions.filter_map(|v| Some(v.ok()?.path().join("bin/pg_ctl"))).filter(|p| p.exists()).max()
    }) else {
        return;
    };
    let dir = data_dir.display().to_string();
    let as_root = std::fs::metadata("/proc/self").is_ok_and(|m| std::os::unix::fs::MetadataExt::uid(&m) == 0);
    let mut command = if as_root {
        let mut command = Command::new("runuser");
        command.args(["-u", "postgres", "--"]).arg(&bin);
        command
    } else {
        Command::new(&bin)
    };
    let _ = command.args(["stop", "-D", &dir, "-m", "immediate"]).stdout(Stdio::null()).stderr(Stdio::null()).status();
}

/// Where the suite writes its screenshots: `target/desktop-screenshots/`.
pub fn screenshots_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).parent().expect("the target directory").join("desktop-screenshots")
}
