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
    /// Set for a cluster that also listens on loopback, encrypted connections only.
    tls: Option<TlsFiles>,
}

/// The certificates of a cluster started with [`Cluster::start_with_tls`] (PEM files in
/// its folder), and the loopback port it listens on.
#[derive(Debug, Clone)]
pub struct TlsFiles {
    pub port: u16,
    /// The test's own certificate authority, which signed the others.
    pub ca: PathBuf,
    /// A client certificate for [`CERTIFICATE_LOGIN`], and its key.
    pub client_cert: PathBuf,
    pub client_key: PathBuf,
}

/// The login that a TLS cluster lets in by client certificate alone.
pub const CERTIFICATE_LOGIN: &str = "carol";

fn openssl(dir: &Path, args: &[&str]) {
    let output = Command::new("openssl").current_dir(dir).args(args).output().expect("the openssl program");
    assert!(output.status.success(), "openssl {args:?}: {}", String::from_utf8_lossy(&output.stderr));
}

/// `NAME.key` and `NAME.pem` in `dir`: a key and a certificate for `subject`, signed by
/// the CA there (`extensions`: lines of an OpenSSL extensions file, the names it is for).
fn signed(dir: &Path, name: &str, subject: &str, extensions: &str) {
    let (key, request, cert, ext) =
        (format!("{name}.key"), format!("{name}.csr"), format!("{name}.pem"), format!("{name}.ext"));
    openssl(
        dir,
        &["req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
            .into_iter()
            .chain(["-keyout", &key, "-out", &request, "-subj", subject])
            .collect::<Vec<_>>(),
    );
    std::fs::write(dir.join(&ext), extensions).unwrap();
    openssl(
        dir,
        &["x509", "-req", "-in", &request, "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-days", "2"]
            .into_iter()
            .chain(["-extfile", &ext, "-out", &cert])
            .collect::<Vec<_>>(),
    );
}

/// A free loopback port (free a moment ago: the cluster takes it right after).
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
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
        Cluster::started(false)
    }

    /// A cluster that also listens on loopback (`localhost`, [`TlsFiles::port`]) for
    /// encrypted connections only, with a certificate for `localhost` signed by a test
    /// authority: passwords as usual, and [`CERTIFICATE_LOGIN`] by certificate alone.
    pub fn start_with_tls() -> Cluster {
        Cluster::started(true)
    }

    /// The certificates and port of a cluster started with TLS.
    pub fn tls(&self) -> Option<&TlsFiles> {
        self.tls.as_ref()
    }

    fn started(with_tls: bool) -> Cluster {
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
        let tls = with_tls.then(|| Cluster::certificates(folder.path(), &data));
        let cluster = Cluster { folder, bin, tls };
        cluster.restart();
        cluster
    }

    /// Makes the test authority and its certificates, and lets only encrypted
    /// connections in over loopback.
    fn certificates(dir: &Path, data: &str) -> TlsFiles {
        openssl(
            dir,
            &["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
                .into_iter()
                .chain(["-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=Dossier test authority"])
                .collect::<Vec<_>>(),
        );
        signed(dir, "server", "/CN=localhost", "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
        signed(dir, "client", &format!("/CN={CERTIFICATE_LOGIN}"), "extendedKeyUsage=clientAuth\n");
        let hba = format!(
            "local all all scram-sha-256\nhostssl all {CERTIFICATE_LOGIN} 127.0.0.1/32 cert\n\
             hostssl all all 127.0.0.1/32 scram-sha-256\n"
        );
        std::fs::write(Path::new(data).join("pg_hba.conf"), hba).unwrap();
        if is_root() {
            let owner = Command::new("id").args(["-u", "postgres"]).output().unwrap();
            let uid: u32 = String::from_utf8_lossy(&owner.stdout).trim().parse().expect("a postgres user");
            for file in ["server.key", "server.pem", "ca.pem"] {
                std::os::unix::fs::chown(dir.join(file), Some(uid), None).unwrap();
            }
            std::os::unix::fs::chown(Path::new(data).join("pg_hba.conf"), Some(uid), None).unwrap();
        }
        std::fs::set_permissions(dir.join("server.key"), std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
        TlsFiles {
            port: free_port(),
            ca: dir.join("ca.pem"),
            client_cert: dir.join("client.pem"),
            client_key: dir.join("client.key"),
        }
    }

    /// Starts the server (again, after [`Cluster::crash`]).
    pub fn restart(&self) {
        let dir = self.folder.path().to_str().unwrap();
        let mut options = format!("-k {dir} -c listen_addresses='' -c fsync=off");
        if let Some(tls) = &self.tls {
            options = format!(
                "-k {dir} -c fsync=off -c listen_addresses=127.0.0.1 -p {} -c ssl=on -c ssl_cert_file={dir}/server.pem \
                 -c ssl_key_file={dir}/server.key -c ssl_ca_file={dir}/ca.pem",
                tls.port
            );
        }
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
        let mut config = Config::new();
        // A cluster listening on a port of its own names its socket after it too.
        if let Some(tls) = &self.tls {
            config.port(tls.port);
        }
        config.host_path(self.folder.path()).user(user).password(password).dbname("postgres").connect(NoTls)
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
