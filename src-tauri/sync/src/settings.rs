//! How a desktop reaches its team: per store, the server, the analyst's login and the
//! investigation, kept in one file of the app's data folder (`team.json`, readable by
//! this user only) and never in the store, so that a store copied or sent to someone
//! carries no password.

use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// One store's way to its team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamSettings {
    /// The server's host name or address, or a folder holding its Unix socket.
    pub host: String,
    pub port: u16,
    pub database: String,
    /// The analyst's own PostgreSQL login.
    pub user: String,
    /// None: the password comes from PGPASSWORD or the server needs none (a socket).
    #[serde(default)]
    pub password: Option<String>,
    /// The investigation's id, as `dossier team create-investigation` printed it.
    pub investigation: String,
    /// How the connection is protected (none: settings saved before there was a choice).
    #[serde(default)]
    pub tls: Tls,
    /// The authority that signed the server's certificate (PEM), when `tls` is Verified
    /// and the system does not trust it already.
    #[serde(default)]
    pub ca_file: Option<String>,
    /// A client certificate (PEM) to log in with instead of a password, and its key.
    #[serde(default)]
    pub client_cert: Option<String>,
    #[serde(default)]
    pub client_key: Option<String>,
}

/// How a connection to the team's server is protected.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Tls {
    /// Not encrypted: a Unix socket, or a server reached through an SSH tunnel or a VPN.
    #[default]
    Off,
    /// Encrypted, the server's certificate not checked (as with a self-signed one, such
    /// as the one Debian's postgresql package makes): safe from listeners, not from a
    /// server that pretends.
    Encrypted,
    /// Encrypted, and the server's certificate checked: signed by the given authority (or
    /// one the system trusts) and naming the server.
    Verified,
}

impl TeamSettings {
    /// The server in words for a status line, without the password: "ana@db.example.org:5432/dossier".
    pub fn described(&self) -> String {
        format!("{}@{}:{}/{}", self.user, self.host, self.port, self.database)
    }

    /// What is wrong with the settings as typed, before any connection is tried.
    pub fn check(&self) -> Result<()> {
        let missing = [
            ("the server", &self.host),
            ("the database", &self.database),
            ("your login", &self.user),
            ("the investigation", &self.investigation),
        ]
        .into_iter()
        .find(|(_, value)| value.trim().is_empty());
        if let Some((what, _)) = missing {
            return Err(Error::Invalid(format!("{what} is missing")));
        }
        let uuid = self.investigation.trim();
        let shaped = uuid.len() == 36
            && uuid
                .char_indices()
                .all(|(i, c)| if [8, 13, 18, 23].contains(&i) { c == '-' } else { c.is_ascii_hexdigit() });
        if !shaped {
            return Err(Error::Invalid(format!(
                "{uuid:?} is not an investigation id (it looks like 0190f1c2-5b7e-7a01-9c3d-2f4e6a8b0c1d)"
            )));
        }
        if self.tls != Tls::Off && self.host.trim().starts_with('/') {
            return Err(Error::Invalid(
                "a Unix socket is on this computer and is never encrypted: choose no encryption for it".into(),
            ));
        }
        if self.client_key.as_deref().is_some_and(|k| !k.trim().is_empty()) && self.client_cert.is_none() {
            return Err(Error::Invalid("a client key needs its certificate".into()));
        }
        if self.port == 0 {
            return Err(Error::Invalid("the port must be a number from 1 to 65535".into()));
        }
        Ok(())
    }

    /// How the connection is protected, as [`crate::client::connect_with`] takes it.
    pub fn security(&self) -> crate::client::Security {
        let path = |p: &Option<String>| p.as_deref().map(str::trim).filter(|p| !p.is_empty()).map(PathBuf::from);
        crate::client::Security {
            tls: self.tls,
            ca_file: path(&self.ca_file),
            client_cert: path(&self.client_cert),
            client_key: path(&self.client_key),
        }
    }

    /// The connection these settings describe (10 s to answer at most).
    pub fn config(&self) -> postgres::Config {
        let mut config = postgres::Config::new();
        config
            .host(self.host.trim())
            .port(self.port)
            .dbname(self.database.trim())
            .user(self.user.trim())
            .application_name("dossier")
            .connect_timeout(Duration::from_secs(10));
        crate::client::keep_alive(&mut config);
        match &self.password {
            Some(password) => {
                config.password(password.as_bytes());
            }
            None => {
                if let Some(password) = std::env::var_os("PGPASSWORD") {
                    config.password(password.to_string_lossy().as_bytes());
                }
            }
        }
        config
    }
}

/// Where the team settings of this user's stores are kept.
pub fn settings_file() -> Option<PathBuf> {
    dossier_core::paths::app_data_dir().map(|dir| dir.join("team.json"))
}

#[derive(Default, Serialize, Deserialize)]
struct File {
    /// By the store's absolute path.
    stores: BTreeMap<String, TeamSettings>,
}

fn key(store: &Path) -> Result<String> {
    let absolute = std::path::absolute(store)
        .map_err(|e| Error::Invalid(format!("cannot tell where {} is: {e}", store.display())))?;
    Ok(absolute.display().to_string())
}

fn read(file: &Path) -> Result<File> {
    match std::fs::read_to_string(file) {
        Ok(text) => serde_json::from_str(&text)
            .map_err(|e| Error::Invalid(format!("{} does not read as team settings: {e}", file.display()))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(File::default()),
        Err(e) => Err(Error::Invalid(format!("cannot read {}: {e}", file.display()))),
    }
}

/// Writes through a file of this user only (0600) renamed over the old one, so that a
/// crash leaves the old settings whole and the password is never readable by others.
fn write(file: &Path, contents: &File) -> Result<()> {
    let failed =
        |e: std::io::Error| Error::Invalid(format!("cannot save the team settings in {}: {e}", file.display()));
    if let Some(parent) = file.parent() {
        dossier_core::paths::create_private_dir_all(parent).map_err(failed)?;
    }
    let text = serde_json::to_vec_pretty(contents).map_err(|e| Error::Invalid(e.to_string()))?;
    let temporary = file.with_extension(format!("json.{}.new", std::process::id()));
    // (Unique per process; the lock keeps threads and processes one at a time.)
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let written = options.open(&temporary).and_then(|mut out| {
        out.write_all(&text)?;
        out.sync_all()?;
        std::fs::rename(&temporary, file)
    });
    if written.is_err() {
        // Never leave a copy of the password behind.
        let _ = std::fs::remove_file(&temporary);
    }
    written.map_err(failed)
}

/// The team settings of `store`, if it has any.
pub fn load(file: &Path, store: &Path) -> Result<Option<TeamSettings>> {
    Ok(read(file)?.stores.remove(&key(store)?))
}

/// Held while the file is read, changed and written again: windows on other stores
/// share the file, and one's change must not undo another's. A lock file made
/// exclusively, removed when done (or found stale after 10 s: a process that died).
struct Lock(PathBuf);

impl Lock {
    fn take(file: &Path) -> Result<Lock> {
        let path = file.with_extension("json.lock");
        if let Some(parent) = path.parent() {
            dossier_core::paths::create_private_dir_all(parent)
                .map_err(|e| Error::Invalid(format!("cannot save the team settings in {}: {e}", parent.display())))?;
        }
        let started = std::time::Instant::now();
        loop {
            match std::fs::OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(_) => return Ok(Lock(path)),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    let stale = std::fs::metadata(&path)
                        .and_then(|m| m.modified())
                        .is_ok_and(|at| at.elapsed().is_ok_and(|age| age > Duration::from_secs(10)));
                    if stale || started.elapsed() > Duration::from_secs(10) {
                        let _ = std::fs::remove_file(&path);
                    }
                    std::thread::sleep(Duration::from_millis(5));
                }
                Err(e) => return Err(Error::Invalid(format!("cannot lock {}: {e}", path.display()))),
            }
        }
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// Keeps `settings` as `store`'s way to its team.
pub fn save(file: &Path, store: &Path, settings: &TeamSettings) -> Result<()> {
    let _lock = Lock::take(file)?;
    let mut contents = read(file)?;
    contents.stores.insert(key(store)?, settings.clone());
    write(file, &contents)
}

/// Forgets `store`'s team settings (the store keeps its investigation and its changes).
pub fn forget(file: &Path, store: &Path) -> Result<()> {
    let _lock = Lock::take(file)?;
    let mut contents = read(file)?;
    if contents.stores.remove(&key(store)?).is_some() {
        write(file, &contents)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ana() -> TeamSettings {
        TeamSettings {
            host: "db.example.org".into(),
            port: 5432,
            database: "dossier".into(),
            user: "ana".into(),
            password: Some("s3cret".into()),
            investigation: "0190f1c2-0000-7000-8000-000000000001".into(),
            tls: Tls::Verified,
            ca_file: Some("/etc/ssl/team-ca.pem".into()),
            client_cert: None,
            client_key: None,
        }
    }

    #[test]
    fn settings_are_kept_per_store_readable_by_this_user_only_and_forgotten() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("data/team.json");
        let (first, second) = (dir.path().join("a.dossier"), dir.path().join("b.dossier"));
        assert_eq!(load(&file, &first).unwrap(), None, "no file yet: no settings");
        save(&file, &first, &ana()).unwrap();
        let ben = TeamSettings { user: "ben".into(), password: None, ..ana() };
        save(&file, &second, &ben).unwrap();
        assert_eq!(load(&file, &first).unwrap(), Some(ana()));
        assert_eq!(load(&file, &second).unwrap(), Some(ben));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&file).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "the password is for this user's eyes");
            let folder = std::fs::metadata(file.parent().unwrap()).unwrap().permissions().mode();
            assert_eq!(folder & 0o777, 0o700);
        }
        forget(&file, &first).unwrap();
        assert_eq!(load(&file, &first).unwrap(), None);
        assert!(load(&file, &second).unwrap().is_some(), "another store's settings stay");
        let leftovers: Vec<_> = std::fs::read_dir(file.parent().unwrap()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary file is left behind");
    }

    /// Windows on different stores saving at the same moment each keep their settings.
    #[test]
    fn stores_saving_their_settings_at_once_all_keep_them() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("team.json");
        std::thread::scope(|scope| {
            for n in 0..4 {
                let (file, dir) = (&file, dir.path());
                scope.spawn(move || {
                    for round in 0..25 {
                        let store = dir.join(format!("store-{n}-{round}.dossier"));
                        save(file, &store, &TeamSettings { user: format!("analyst{n}"), ..ana() }).unwrap();
                    }
                });
            }
        });
        let kept = read(&file).unwrap().stores;
        assert_eq!(kept.len(), 100, "every store's settings are there");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no lock or temporary file is left behind");
    }

    #[test]
    fn a_damaged_settings_file_is_an_error_not_a_silent_reset() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("team.json");
        std::fs::write(&file, "{not json").unwrap();
        let err = load(&file, &dir.path().join("a.dossier")).unwrap_err().to_string();
        assert!(err.contains("does not read as team settings"), "{err}");
        assert!(save(&file, &dir.path().join("a.dossier"), &ana()).is_err(), "nothing is overwritten");
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "{not json");
    }

    #[test]
    fn settings_missing_a_field_say_which() {
        let err = TeamSettings { user: " ".into(), ..ana() }.check().unwrap_err().to_string();
        assert_eq!(err, "your login is missing");
        assert!(TeamSettings { port: 0, ..ana() }.check().is_err());
        let err = TeamSettings { investigation: "dossier-iran".into(), ..ana() }.check().unwrap_err().to_string();
        assert!(err.contains("is not an investigation id"), "{err}");
        assert!(ana().check().is_ok());
        assert_eq!(ana().described(), "ana@db.example.org:5432/dossier");
        let socket = TeamSettings { host: "/run/postgresql".into(), ..ana() };
        assert!(socket.check().unwrap_err().to_string().contains("never encrypted"));
        assert!(TeamSettings { tls: Tls::Off, ..socket }.check().is_ok());
    }

    #[test]
    fn settings_saved_before_encryption_was_a_choice_still_read() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("team.json");
        let store = dir.path().join("a.dossier");
        let key = std::path::absolute(&store).unwrap().display().to_string();
        let old = serde_json::json!({"stores": {key: {"host": "db", "port": 5432, "database": "dossier", "user": "ana",
            "password": null, "investigation": "0190f1c2-0000-7000-8000-000000000001"}}});
        std::fs::write(&file, old.to_string()).unwrap();
        let read = load(&file, &store).unwrap().unwrap();
        assert_eq!((read.tls, read.ca_file), (Tls::Off, None));
    }
}
