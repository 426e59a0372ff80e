//! A throwaway PostgreSQL cluster for tests (feature `testing`): `initdb` into a
//! temporary folder, a Unix socket there, password logins (SCRAM), stopped with
//! `pg_ctl stop -m immediate` when dropped. As root, the server programs run as the
//! `postgres` user, since PostgreSQL refuses to run as root.

use postgres::{Client, Config, NoTls};
use std::path::{Path, PathBuf};
use std::process::Command;

pub const ADMIN: &str = "dossier_admin";
pub const ADMIN_PASSWORD: &str = "admin secret";

/// A PostgreSQL cluster living in a temporary folder for one test.
pub struct Cluster {
    folder: tempfile::TempDir,
    bin: PathBuf,
}

/// Where PostgreSQL's server programs are: `pg_config --bindir`, else Debian's folders.
fn server_programs() -> PathBuf {
    let from_pg_config = Command::new("pg_config")
        .arg("--bindir")
        .output()
        .ok()
        .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()))
        .filter(|bin| bin.join("initdb").exists());
    let debian = || {
        let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path().join("bin"))
            .filter(|bin| bin.join("initdb").exists())
            .collect();
        found.sort();
        found.pop()
    };
    from_pg_config.or_else(debian).expect(
        "these tests run a throwaway PostgreSQL cluster: install Debian's `postgresql` package (make test does)",
    )
}

fn is_root() -> bool {
    let id = Command::new("id").arg("-u").output().expect("id -u");
    String::from_utf8_lossy(&id.stdout).trim() == "0"
}

/// Runs a server program; as root, as the `postgres` user (PostgreSQL refuses root).
fn run(bin: &Path, program: &str, args: &[&str]) {
    let mut command = if is_root() {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(bin.join(program));
        c
    } else {
        Command::new(bin.join(program))
    };
    let output = command.args(args).output().unwrap_or_else(|e| panic!("{program}: {e}"));
    assert!(
        output.status.success(),
        "{program} failed: {}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

impl Cluster {
    /// The folder holding the server's socket: the `host` of a connection string.
    pub fn socket_folder(&self) -> &Path {
        self.folder.path()
    }

    pub fn start() -> Cluster {
        let bin = server_programs();
        let folder = tempfile::tempdir().unwrap();
        if is_root() {
            let owner = Command::new("id").args(["-u", "postgres"]).output().unwrap();
            let uid: u32 = String::from_utf8_lossy(&owner.stdout).trim().parse().expect("a postgres user");
            std::os::unix::fs::chown(folder.path(), Some(uid), None).unwrap();
        }
        let dir = folder.path().to_str().unwrap().to_string();
        let password_file = format!("{dir}/admin-password");
        std::fs::write(&password_file, ADMIN_PASSWORD).unwrap();
        if is_root() {
            std::fs::set_permissions(&password_file, std::os::unix::fs::PermissionsExt::from_mode(0o644)).unwrap();
        }
        let data = format!("{dir}/data");
        run(
            &bin,
            "initdb",
            &["-D", &data, "-U", ADMIN, "--pwfile", &password_file, "--auth=scram-sha-256", "-E", "UTF8", "--no-sync"],
        );
        let cluster = Cluster { folder, bin };
        cluster.restart();
        cluster
    }

    /// Starts the server (again, after [`Cluster::crash`]).
    pub fn restart(&self) {
        let dir = self.folder.path().to_str().unwrap();
        let options = format!("-k {dir} -c listen_addresses='' -c fsync=off");
        let data = format!("{dir}/data");
        run(&self.bin, "pg_ctl", &["-D", &data, "-o", &options, "-l", &format!("{dir}/server.log"), "-w", "start"]);
    }

    /// Kills the server as a power cut would (`pg_ctl stop -m immediate`): what it had
    /// not committed is lost, what it had is recovered when it starts again.
    pub fn crash(&self) {
        let data = self.folder.path().join("data");
        run(&self.bin, "pg_ctl", &["-D", data.to_str().unwrap(), "-m", "immediate", "stop"]);
    }

    pub fn connect(&self, user: &str, password: &str) -> Result<Client, postgres::Error> {
        Config::new().host_path(self.folder.path()).user(user).password(password).dbname("postgres").connect(NoTls)
    }

    pub fn admin(&self) -> Client {
        self.connect(ADMIN, ADMIN_PASSWORD).unwrap()
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let data = self.folder.path().join("data");
        let mut stop = if is_root() {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(self.bin.join("pg_ctl"));
            c
        } else {
            Command::new(self.bin.join("pg_ctl"))
        };
        let _ = stop.args(["-D", data.to_str().unwrap(), "-m", "immediate", "stop"]).output();
    }
}
