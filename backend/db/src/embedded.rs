//! The embedded PostgreSQL cluster: one directory, one loopback port, started
//! and stopped by the process that needs it.
//!
//! `initdb` refuses to run as root, so when we are root every PostgreSQL
//! program runs as an unprivileged system user (`postgres` by default) that
//! owns the data directory. The cluster listens on 127.0.0.1 only, with no
//! Unix socket (its default directory belongs to the distribution's cluster),
//! and every role signs in with a SCRAM password kept beside the data
//! directory in a file only its owner can read.

use std::net::{Ipv4Addr, SocketAddrV4, TcpListener};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::Output;

use serde::{Deserialize, Serialize};
use tokio::process::Command;

use crate::error::EmbeddedError;
use crate::roles::{self, Credentials};

/// Where and as whom the cluster lives.
#[derive(Debug, Clone)]
pub struct ClusterSpec {
    /// The data directory (`PGDATA`). Created by `initdb` on first start.
    pub data_dir: PathBuf,
    /// The loopback port. `None` picks a free one (tests).
    pub port: Option<u16>,
    /// The system user that runs PostgreSQL when we are root.
    pub os_user: String,
    /// The database that holds SENT's schema.
    pub database: String,
}

/// A running cluster that this process started or adopted.
#[derive(Debug)]
pub struct Cluster {
    spec: ClusterSpec,
    bin_dir: PathBuf,
    port: u16,
    credentials: Credentials,
}

/// What is kept beside the data directory between runs.
#[derive(Debug, Serialize, Deserialize)]
struct State {
    credentials: Credentials,
}

impl Cluster {
    /// Initialise the cluster if its directory is new, start it unless it is
    /// already running (a previous run that was killed leaves it up), and make
    /// sure SENT's roles and database exist.
    pub async fn start(mut spec: ClusterSpec) -> Result<Self, EmbeddedError> {
        // PostgreSQL's programs run from `/`, so every path they get is absolute.
        spec.data_dir = std::path::absolute(&spec.data_dir)
            .map_err(|e| EmbeddedError::Io(format!("resolve {}", spec.data_dir.display()), e))?;
        let bin_dir = find_bin_dir()?;
        let state_path = state_path(&spec.data_dir);
        let as_root = running_as_root();

        if !spec.data_dir.join("PG_VERSION").exists() {
            init(&spec, &bin_dir, &state_path, as_root).await?;
        }
        check_ownership(&spec, as_root)?;
        let state = read_state(&state_path)?;

        let port = match running_port(&spec.data_dir) {
            Some(port) if pg_ctl_status(&spec, &bin_dir, as_root).await => {
                tracing::info!(port, data_dir = %spec.data_dir.display(), "adopting running PostgreSQL cluster");
                port
            }
            _ => {
                let port = match spec.port {
                    Some(port) => {
                        ensure_port_free(port)?;
                        port
                    }
                    None => free_port()?,
                };
                start_postmaster(&spec, &bin_dir, port, as_root).await?;
                port
            }
        };

        let cluster = Self { spec, bin_dir, port, credentials: state.credentials };
        roles::bootstrap(&cluster.superuser_url("postgres"), &cluster.credentials, &cluster.spec.database).await?;
        Ok(cluster)
    }

    /// Stop the cluster, waiting for a clean shutdown checkpoint.
    pub async fn stop(&self) -> Result<(), EmbeddedError> {
        let data_dir = self.spec.data_dir.display().to_string();
        let output = run_pg(
            &self.bin_dir.join("pg_ctl"),
            &["stop", "-D", &data_dir, "-m", "fast", "-w", "-t", "60"],
            &self.spec.os_user,
            running_as_root(),
        )
        .await?;
        if output.status.success() {
            Ok(())
        } else {
            Err(EmbeddedError::Stop(String::from_utf8_lossy(&output.stderr).trim().to_owned()))
        }
    }

    /// The loopback port the cluster listens on.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The data directory.
    pub fn data_dir(&self) -> &Path {
        &self.spec.data_dir
    }

    /// URL of the role that owns the schema (migrations run as it).
    pub fn owner_url(&self) -> String {
        self.url(roles::OWNER_ROLE, &self.credentials.owner_password, &self.spec.database)
    }

    /// URL of the role the server runs its calls as: it owns nothing and is
    /// subject to row-level security.
    pub fn app_url(&self) -> String {
        self.url(roles::APP_ROLE, &self.credentials.app_password, &self.spec.database)
    }

    /// URL of the cluster's superuser, on the given database.
    pub fn superuser_url(&self, database: &str) -> String {
        self.url("postgres", &self.credentials.superuser_password, database)
    }

    /// URL of `role` on another database of this cluster (the test harness
    /// gives each test its own database).
    pub fn url_for(&self, role: &str, database: &str) -> String {
        let password =
            if role == roles::OWNER_ROLE { &self.credentials.owner_password } else { &self.credentials.app_password };
        self.url(role, password, database)
    }

    fn url(&self, user: &str, password: &str, database: &str) -> String {
        format!("postgres://{user}:{password}@127.0.0.1:{}/{database}", self.port)
    }
}

async fn init(spec: &ClusterSpec, bin_dir: &Path, state_path: &Path, as_root: bool) -> Result<(), EmbeddedError> {
    let dir = &spec.data_dir;
    if dir.exists() && std::fs::read_dir(dir).map(|mut d| d.next().is_some()).unwrap_or(true) {
        return Err(EmbeddedError::NotACluster(dir.clone()));
    }
    std::fs::create_dir_all(dir).map_err(|e| EmbeddedError::Io(format!("create {}", dir.display()), e))?;
    if as_root {
        let status = Command::new("chown")
            .arg(format!("{0}:", spec.os_user))
            .arg(dir)
            .status()
            .await
            .map_err(|e| EmbeddedError::Io("chown".into(), e))?;
        if !status.success() {
            return Err(EmbeddedError::NoSuchUser(spec.os_user.clone()));
        }
    }
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
        .map_err(|e| EmbeddedError::Io(format!("chmod {}", dir.display()), e))?;

    let credentials = Credentials::generate();
    // initdb reads the superuser password from a file. It must sit outside
    // the (still empty) data directory and be readable by the cluster user;
    // it lives only as long as initdb runs.
    let pwfile = dir.with_extension("initdb-pw");
    std::fs::write(&pwfile, &credentials.superuser_password)
        .map_err(|e| EmbeddedError::Io("write password file".into(), e))?;
    std::fs::set_permissions(&pwfile, std::fs::Permissions::from_mode(0o644))
        .map_err(|e| EmbeddedError::Io("chmod password file".into(), e))?;

    let data_dir = dir.display().to_string();
    let pw_arg = format!("--pwfile={}", pwfile.display());
    let output = run_pg(
        &bin_dir.join("initdb"),
        &["-D", &data_dir, "-U", "postgres", "--auth=scram-sha-256", &pw_arg, "--encoding=UTF8", "--no-locale"],
        &spec.os_user,
        as_root,
    )
    .await;
    let _ = std::fs::remove_file(&pwfile);
    let output = output?;
    if !output.status.success() {
        return Err(EmbeddedError::Init(tail(&output.stderr)));
    }

    let state = serde_json::to_vec_pretty(&State { credentials }).map_err(|e| EmbeddedError::State(e.to_string()))?;
    std::fs::write(state_path, state).map_err(|e| EmbeddedError::Io(format!("write {}", state_path.display()), e))?;
    std::fs::set_permissions(state_path, std::fs::Permissions::from_mode(0o600))
        .map_err(|e| EmbeddedError::Io("chmod state file".into(), e))?;
    Ok(())
}

fn check_ownership(spec: &ClusterSpec, as_root: bool) -> Result<(), EmbeddedError> {
    let meta = std::fs::metadata(&spec.data_dir)
        .map_err(|e| EmbeddedError::Io(format!("read {}", spec.data_dir.display()), e))?;
    let expected = if as_root { uid_of(&spec.os_user)? } else { own_uid() };
    if meta.uid() != expected {
        return Err(EmbeddedError::WrongOwner { dir: spec.data_dir.clone(), owner: meta.uid(), expected });
    }
    Ok(())
}

async fn start_postmaster(spec: &ClusterSpec, bin_dir: &Path, port: u16, as_root: bool) -> Result<(), EmbeddedError> {
    let data_dir = spec.data_dir.display().to_string();
    let log = log_path(&spec.data_dir);
    // The log sits beside the data directory, so it must be writable by the
    // cluster user: create it and hand it over.
    if !log.exists() {
        std::fs::write(&log, b"").map_err(|e| EmbeddedError::Io(format!("create {}", log.display()), e))?;
    }
    if as_root {
        let _ = Command::new("chown").arg(&spec.os_user).arg(&log).status().await;
    }
    let options = format!("-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''");
    let log_arg = log.display().to_string();
    let output = run_pg(
        &bin_dir.join("pg_ctl"),
        &["start", "-D", &data_dir, "-l", &log_arg, "-o", &options, "-w", "-t", "60"],
        &spec.os_user,
        as_root,
    )
    .await?;
    if !output.status.success() {
        let log_tail = std::fs::read(&log).map(|l| tail(&l)).unwrap_or_default();
        return Err(EmbeddedError::Start { port, log: log_tail });
    }
    Ok(())
}

async fn pg_ctl_status(spec: &ClusterSpec, bin_dir: &Path, as_root: bool) -> bool {
    let data_dir = spec.data_dir.display().to_string();
    run_pg(&bin_dir.join("pg_ctl"), &["status", "-D", &data_dir], &spec.os_user, as_root)
        .await
        .map(|o| o.status.success())
        .unwrap_or(false)
}

/// The port recorded by a postmaster that is (or was) running.
fn running_port(data_dir: &Path) -> Option<u16> {
    let pid_file = std::fs::read_to_string(data_dir.join("postmaster.pid")).ok()?;
    pid_file.lines().nth(3)?.trim().parse().ok()
}

async fn run_pg(program: &Path, args: &[&str], os_user: &str, as_root: bool) -> Result<Output, EmbeddedError> {
    let mut command = if as_root {
        let mut c = Command::new("runuser");
        c.arg("-u").arg(os_user).arg("--").arg(program);
        c
    } else {
        Command::new(program)
    };
    command
        .args(args)
        // pg_ctl start must not inherit our stdout: a daemon holding the pipe
        // would keep `make` waiting for output that never ends.
        .stdin(std::process::Stdio::null())
        .env("LC_ALL", "C.UTF-8")
        .current_dir("/");
    command.output().await.map_err(|e| EmbeddedError::Io(format!("run {}", program.display()), e))
}

/// The newest PostgreSQL (15 or later) on this machine: `SENT_PG_BINDIR`,
/// else Debian's versioned directories, else `PATH`.
fn find_bin_dir() -> Result<PathBuf, EmbeddedError> {
    if let Some(dir) = std::env::var_os("SENT_PG_BINDIR") {
        return Ok(PathBuf::from(dir));
    }
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let version = entry.file_name().to_str()?.parse::<u32>().ok()?;
            let bin = entry.path().join("bin");
            (version >= 15 && bin.join("initdb").exists()).then_some((version, bin))
        })
        .collect();
    versions.sort();
    if let Some((_, bin)) = versions.pop() {
        return Ok(bin);
    }
    std::env::var_os("PATH")
        .into_iter()
        .flat_map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .find(|dir| dir.join("initdb").exists() && dir.join("pg_ctl").exists())
        .ok_or(EmbeddedError::NotInstalled)
}

fn ensure_port_free(port: u16) -> Result<(), EmbeddedError> {
    TcpListener::bind(SocketAddrV4::new(Ipv4Addr::LOCALHOST, port))
        .map(drop)
        .map_err(|_| EmbeddedError::PortInUse(port))
}

fn free_port() -> Result<u16, EmbeddedError> {
    let listener = TcpListener::bind(SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0))
        .map_err(|e| EmbeddedError::Io("find a free port".into(), e))?;
    listener.local_addr().map(|a| a.port()).map_err(|e| EmbeddedError::Io("find a free port".into(), e))
}

fn read_state(path: &Path) -> Result<State, EmbeddedError> {
    let bytes = std::fs::read(path).map_err(|e| EmbeddedError::Io(format!("read {}", path.display()), e))?;
    serde_json::from_slice(&bytes).map_err(|e| EmbeddedError::State(format!("{}: {e}", path.display())))
}

fn state_path(data_dir: &Path) -> PathBuf {
    data_dir.with_extension("credentials.json")
}

fn log_path(data_dir: &Path) -> PathBuf {
    data_dir.with_extension("log")
}

fn running_as_root() -> bool {
    own_uid() == 0
}

fn own_uid() -> u32 {
    // The owner of our own /proc entry is our effective user: no libc call.
    std::fs::metadata("/proc/self").map(|m| m.uid()).unwrap_or(u32::MAX)
}

fn uid_of(user: &str) -> Result<u32, EmbeddedError> {
    let passwd = std::fs::read_to_string("/etc/passwd").map_err(|e| EmbeddedError::Io("read /etc/passwd".into(), e))?;
    passwd
        .lines()
        .map(|line| line.split(':').collect::<Vec<_>>())
        .find(|fields| fields.first() == Some(&user))
        .and_then(|fields| fields.get(2)?.parse().ok())
        .ok_or_else(|| EmbeddedError::NoSuchUser(user.to_owned()))
}

fn tail(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    lines[lines.len().saturating_sub(5)..].join(" | ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tail_keeps_the_last_five_non_empty_lines() {
        let log = b"1\n2\n\n3\n4\n5\n6\n7\n";
        assert_eq!(tail(log), "3 | 4 | 5 | 6 | 7");
    }

    #[test]
    fn running_port_reads_the_fourth_line_of_postmaster_pid() {
        let dir = std::env::temp_dir().join(format!("sent-pid-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("postmaster.pid"), "123\n/data\n1700000000\n55432\n\n").unwrap();
        assert_eq!(running_port(&dir), Some(55432));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_port_in_use_is_reported_as_such() {
        let listener = TcpListener::bind(SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0)).unwrap();
        let port = listener.local_addr().unwrap().port();
        assert!(matches!(ensure_port_free(port), Err(EmbeddedError::PortInUse(p)) if p == port));
    }
}
