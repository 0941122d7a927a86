//! Tokens saved by `sent login`, one per server, in
//! `$XDG_CONFIG_HOME/sent/credentials.json` (`~/.config/sent` by default).
//!
//! The file is only ever created with mode 0600 (a new file written next to
//! it and renamed over it), so there is no moment when another user could
//! read a token.

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::exit::{Exit, Failure};

/// A token is treated as expired this long before it is, so it does not
/// expire in flight.
const EXPIRY_MARGIN: Duration = Duration::from_secs(10);

/// What `sent login` saved for one server.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Saved {
    pub access_token: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
    /// Unix seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<u64>,
    pub issuer: String,
    pub client_id: String,
    /// Who signed in: an email, or the provider's subject.
    pub signed_in_as: String,
}

impl std::fmt::Debug for Saved {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Tokens stay out of logs and panics.
        f.debug_struct("Saved")
            .field("expires_at", &self.expires_at)
            .field("issuer", &self.issuer)
            .field("client_id", &self.client_id)
            .field("signed_in_as", &self.signed_in_as)
            .finish_non_exhaustive()
    }
}

impl Saved {
    pub fn is_expired(&self, now: SystemTime) -> bool {
        self.expires_at.is_some_and(|at| UNIX_EPOCH + Duration::from_secs(at) <= now + EXPIRY_MARGIN)
    }

    /// The expiry as RFC 3339, for messages.
    pub fn expiry_text(&self) -> Option<String> {
        let at = i64::try_from(self.expires_at?).ok()?;
        chrono::DateTime::from_timestamp(at, 0).map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
    }
}

/// Unix seconds of a time.
pub fn unix_seconds(time: SystemTime) -> u64 {
    time.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct File {
    /// By server address, as given to `--server`.
    #[serde(default)]
    servers: BTreeMap<String, Saved>,
}

/// The credentials file.
#[derive(Debug, Clone)]
pub struct Store {
    path: PathBuf,
}

impl Store {
    /// The file at its usual place.
    ///
    /// # Errors
    /// When neither `XDG_CONFIG_HOME` nor `HOME` says where that is.
    pub fn locate() -> Result<Self, Failure> {
        let absolute = |var: &str| std::env::var_os(var).map(PathBuf::from).filter(|path| path.is_absolute());
        let config = absolute("XDG_CONFIG_HOME")
            .or_else(|| absolute("HOME").map(|home| home.join(".config")))
            .ok_or_else(|| {
                Failure::new(
                    Exit::Other,
                    "credentials",
                    "cannot tell where to keep credentials: set HOME or XDG_CONFIG_HOME (absolute paths)",
                )
            })?;
        Ok(Self::at(config.join("sent").join("credentials.json")))
    }

    pub fn at(path: PathBuf) -> Self {
        Self { path }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// What is saved for `server`.
    ///
    /// # Errors
    /// When the file exists but cannot be read or is not valid.
    pub fn get(&self, server: &str) -> Result<Option<Saved>, Failure> {
        Ok(self.read()?.servers.remove(server))
    }

    /// Save `saved` for `server`, keeping the other servers' entries.
    ///
    /// # Errors
    /// When the file cannot be written.
    pub fn put(&self, server: &str, saved: Saved) -> Result<(), Failure> {
        let mut file = self.read()?;
        file.servers.insert(server.to_owned(), saved);
        self.write(&file)
    }

    /// Forget `server`'s entry, removing the file when none is left; whether
    /// there was one.
    ///
    /// # Errors
    /// When the file cannot be read or written.
    pub fn remove(&self, server: &str) -> Result<bool, Failure> {
        let mut file = self.read()?;
        if file.servers.remove(server).is_none() {
            return Ok(false);
        }
        if file.servers.is_empty() {
            std::fs::remove_file(&self.path).map_err(|e| self.failed("remove", &e))?;
        } else {
            self.write(&file)?;
        }
        Ok(true)
    }

    /// Hold the store for oneself until the guard is dropped: two `sent`s
    /// renewing at once would spend the same refresh token twice, which a
    /// provider takes for theft.
    ///
    /// # Errors
    /// When the lock file cannot be made or locked.
    pub async fn lock(&self) -> Result<std::fs::File, Failure> {
        let dir = self.path.parent().unwrap_or_else(|| Path::new(".")).to_owned();
        let path = dir.join(".credentials.lock");
        let locked = tokio::task::spawn_blocking(move || {
            create_private_dir(&dir)?;
            let file = open_private_lock(&path)?;
            file.lock()?;
            Ok::<_, std::io::Error>(file)
        })
        .await
        .map_err(std::io::Error::other)
        .and_then(|locked| locked);
        locked.map_err(|e| self.failed("lock", &e))
    }

    fn read(&self) -> Result<File, Failure> {
        match std::fs::read(&self.path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| {
                Failure::new(
                    Exit::Other,
                    "credentials",
                    format!("{} is not a valid credentials file ({e}); remove it and run `sent login`", self.display()),
                )
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(File::default()),
            Err(e) => Err(self.failed("read", &e)),
        }
    }

    fn write(&self, file: &File) -> Result<(), Failure> {
        let dir = self.path.parent().unwrap_or_else(|| Path::new("."));
        create_private_dir(dir).map_err(|e| self.failed("create the directory of", &e))?;
        let bytes = serde_json::to_vec_pretty(file).map_err(|e| self.failed("encode", &std::io::Error::other(e)))?;
        let temporary = dir.join(format!(".credentials.{}.{}.tmp", std::process::id(), uuid::Uuid::new_v4().simple()));
        let written = (|| {
            let mut out = create_private_file(&temporary)?;
            out.write_all(&bytes)?;
            out.write_all(b"\n")?;
            out.sync_all()?;
            std::fs::rename(&temporary, &self.path)
        })();
        if let Err(e) = written {
            let _ = std::fs::remove_file(&temporary);
            return Err(self.failed("write", &e));
        }
        Ok(())
    }

    fn display(&self) -> String {
        self.path.display().to_string()
    }

    fn failed(&self, doing: &str, error: &std::io::Error) -> Failure {
        Failure::new(Exit::Other, "credentials", format!("cannot {doing} {}: {error}", self.display()))
    }
}

#[cfg(unix)]
fn create_private_file(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt as _;
    std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(path)
}

#[cfg(not(unix))]
fn create_private_file(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::OpenOptions::new().write(true).create_new(true).open(path)
}

#[cfg(unix)]
fn open_private_lock(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt as _;
    std::fs::OpenOptions::new().write(true).create(true).truncate(false).mode(0o600).open(path)
}

#[cfg(not(unix))]
fn open_private_lock(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::OpenOptions::new().write(true).create(true).truncate(false).open(path)
}

#[cfg(unix)]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt as _;
    std::fs::DirBuilder::new().recursive(true).mode(0o700).create(dir)
}

#[cfg(not(unix))]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn saved(token: &str, expires_at: Option<u64>) -> Saved {
        Saved {
            access_token: token.into(),
            refresh_token: None,
            expires_at,
            issuer: "http://127.0.0.1:8081".into(),
            client_id: "sent-cli".into(),
            signed_in_as: "alice@acme.test".into(),
        }
    }

    #[test]
    fn entries_are_kept_per_server_in_a_private_file() -> Result<(), Failure> {
        let dir = std::env::temp_dir().join(format!("sent-cli-credentials-{}", uuid::Uuid::new_v4().simple()));
        let store = Store::at(dir.join("sent").join("credentials.json"));
        assert_eq!(store.get("a:1")?, None);
        store.put("a:1", saved("one", None))?;
        store.put("b:2", saved("two", Some(1)))?;
        assert_eq!(store.get("a:1")?, Some(saved("one", None)));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(store.path()).map(|m| m.permissions().mode() & 0o777).unwrap_or(0);
            assert_eq!(mode, 0o600);
        }
        assert!(store.remove("a:1")?);
        assert!(!store.remove("a:1")?);
        assert!(store.path().exists(), "b:2 is still there");
        assert!(store.remove("b:2")?);
        assert!(!store.path().exists(), "the last entry takes the file with it");
        let _ = std::fs::remove_dir_all(dir);
        Ok(())
    }

    #[test]
    fn expiry_counts_a_margin() {
        let now = UNIX_EPOCH + Duration::from_secs(1_000);
        assert!(!saved("t", None).is_expired(now));
        assert!(saved("t", Some(1_005)).is_expired(now));
        assert!(!saved("t", Some(1_100)).is_expired(now));
        assert_eq!(saved("t", Some(0)).expiry_text().as_deref(), Some("1970-01-01T00:00:00Z"));
    }
}
