//! `sent-app --mode=worker --service=NAME` runs headless: no display is
//! needed (initialising GTK without one would abort), it says it is up, and
//! SIGTERM stops it cleanly. An unknown service is a clear error.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

fn worker(service: &str) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_sent-app"));
    command
        .args(["--mode=worker", &format!("--service={service}")])
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env("SENT_LOG", "info")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    command
}

#[test]
fn a_worker_runs_without_a_display_and_stops_cleanly_on_sigterm() {
    let mut child = worker("ledger").spawn().expect("the worker starts");
    let stderr = child.stderr.take().expect("stderr");
    let (lines_tx, lines) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if lines_tx.send(line).is_err() {
                break;
            }
        }
    });
    let up = lines.recv_timeout(Duration::from_secs(20));
    let up = match up {
        Ok(line) => line,
        Err(error) => {
            let _ = child.kill();
            panic!("the worker said nothing: {error}");
        }
    };
    assert!(up.contains("worker up") && up.contains("ledger"), "{up}");

    let killed = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().expect("kill runs");
    assert!(killed.success());
    let status = wait_with_timeout(&mut child, Duration::from_secs(10));
    assert!(status.success(), "{status}");
    let rest: Vec<String> = lines.try_iter().collect();
    assert!(rest.iter().any(|line| line.contains("worker stopped") && line.contains("SIGTERM")), "{rest:?}");
}

#[test]
fn an_unknown_service_is_refused_with_the_known_ones() {
    let output = worker("nope").output().expect("the worker runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("unknown service `nope`") && stderr.contains("ledger"), "{stderr}");
}

#[test]
fn worker_mode_without_a_service_is_a_usage_error() {
    let output = Command::new(env!("CARGO_BIN_EXE_sent-app"))
        .arg("--mode=worker")
        .env_remove("DISPLAY")
        .output()
        .expect("the app runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--service"));
}

fn wait_with_timeout(child: &mut std::process::Child, timeout: Duration) -> std::process::ExitStatus {
    let started = std::time::Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            return status;
        }
        if started.elapsed() > timeout {
            let _ = child.kill();
            panic!("the worker did not stop within {timeout:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}
