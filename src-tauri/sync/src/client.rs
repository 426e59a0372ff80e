//! An analyst's desktop talking to the team's server: connecting, and one sync of a
//! store with an investigation (push what the store changed, then pull and apply what
//! the others did). What an operation means to a store is `dossier_core`'s business.

use crate::settings::Tls;
use crate::{server, Error, Result};
use dossier_core::store::sync::{Applied, IncomingOp};
use dossier_core::Store;
use openssl::error::ErrorStack;
use openssl::ssl::{SslConnector, SslFiletype, SslMethod, SslVerifyMode};
use openssl::x509::store::{X509Store, X509StoreBuilder};
use openssl::x509::X509;
use postgres::config::SslMode;
use postgres::fallible_iterator::FallibleIterator;
use postgres::Client;
use postgres_openssl::MakeTlsConnector;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Operations read from the server per query.
const PULL_PAGE: i64 = 500;

/// Connects to a server from a PostgreSQL connection string ("host=… user=… dbname=…"
/// or a postgresql:// address); a password not written in it is read from PGPASSWORD.
/// `sslmode=require` encrypts the connection; the server's certificate is then checked
/// when PGSSLROOTCERT names the authority that signed it, as libpq does, and
/// PGSSLCERT/PGSSLKEY give a client certificate.
pub fn connect(conninfo: &str) -> Result<Client> {
    let mut config: postgres::Config = conninfo
        .parse()
        .map_err(|e: postgres::Error| Error::Invalid(format!("the server's address: {}", crate::described(&e))))?;
    if config.get_password().is_none() {
        if let Some(password) = std::env::var_os("PGPASSWORD") {
            config.password(password.to_string_lossy().as_bytes());
        }
    }
    if config.get_connect_timeout().is_none() {
        config.connect_timeout(Duration::from_secs(10));
    }
    keep_alive(&mut config);
    let file = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty()).map(PathBuf::from);
    let security = match config.get_ssl_mode() {
        SslMode::Require => Security {
            tls: if file("PGSSLROOTCERT").is_some() { Tls::Verified } else { Tls::Encrypted },
            ca_file: file("PGSSLROOTCERT"),
            client_cert: file("PGSSLCERT"),
            client_key: file("PGSSLKEY"),
        },
        // "prefer", the default, stays in the clear, as Dossier always did: encryption is
        // asked for by name.
        _ => Security::default(),
    };
    connect_with(&config, &security)
}

/// A connection that the network lost is found out within about a minute, not the two
/// hours of the system's defaults: a sync never hangs on it.
pub fn keep_alive(config: &mut postgres::Config) {
    config
        .keepalives(true)
        .keepalives_idle(Duration::from_secs(30))
        .keepalives_interval(Duration::from_secs(10))
        .keepalives_retries(3)
        .tcp_user_timeout(Duration::from_secs(60));
}

/// How a connection is protected, and the files that prove who is who.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Security {
    pub tls: Tls,
    /// The authority that signed the server's certificate (PEM); else the system's.
    pub ca_file: Option<PathBuf>,
    /// A client certificate (PEM) to log in with, and its key (PEM; else in the same file).
    pub client_cert: Option<PathBuf>,
    pub client_key: Option<PathBuf>,
}

/// A store of trusted certificates holding the ones in the PEM file `ca` and no other.
fn only(ca: &Path) -> Result<X509Store> {
    let bytes =
        std::fs::read(ca).map_err(|e| Error::Invalid(format!("the certificate authority {}: {e}", ca.display())))?;
    let certificates = X509::stack_from_pem(&bytes).map_err(|e| unusable("the certificate authority", ca, e))?;
    if certificates.is_empty() {
        return Err(Error::Invalid(format!("{} holds no certificate", ca.display())));
    }
    let mut store = X509StoreBuilder::new().map_err(|e| unusable("the certificate authority", ca, e))?;
    for certificate in certificates {
        store.add_cert(certificate).map_err(|e| unusable("the certificate authority", ca, e))?;
    }
    Ok(store.build())
}

fn unusable(what: &str, path: &Path, error: ErrorStack) -> Error {
    Error::Invalid(format!("{what} {} cannot be used: {error}", path.display()))
}

/// Connects with a connection already described (`settings::TeamSettings::config`),
/// protected as `security` says.
pub fn connect_with(config: &postgres::Config, security: &Security) -> Result<Client> {
    let mut config = config.clone();
    if security.tls == Tls::Off {
        config.ssl_mode(SslMode::Disable);
        return Ok(config.connect(postgres::NoTls)?);
    }
    config.ssl_mode(SslMode::Require);
    let failed = |e: ErrorStack| Error::Invalid(format!("cannot set up encryption: {e}"));
    let mut builder = SslConnector::builder(SslMethod::tls()).map_err(failed)?;
    match (&security.tls, &security.ca_file) {
        (Tls::Encrypted, _) => builder.set_verify(SslVerifyMode::NONE),
        // The given authority alone: the system's are not trusted besides it.
        (_, Some(ca)) => builder.set_cert_store(only(ca)?),
        _ => {}
    }
    if let Some(cert) = &security.client_cert {
        builder.set_certificate_chain_file(cert).map_err(|e| unusable("the client certificate", cert, e))?;
        let key = security.client_key.as_ref().unwrap_or(cert);
        builder.set_private_key_file(key, SslFiletype::PEM).map_err(|e| unusable("the client key", key, e))?;
        builder.check_private_key().map_err(|e| unusable("the client key", key, e))?;
    }
    let mut connector = MakeTlsConnector::new(builder.build());
    if security.tls == Tls::Encrypted {
        connector.set_callback(|connection, _| {
            connection.set_verify_hostname(false);
            Ok(())
        });
    }
    Ok(config.connect(connector)?)
}

/// What one sync did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Operations pushed (this store's changes), and the changed rows they held.
    pub pushed: usize,
    pub pushed_entries: usize,
    /// Originals uploaded and downloaded.
    pub originals_up: usize,
    pub originals_down: usize,
    /// What applying the pulled operations did.
    pub applied: Applied,
    /// The last operation of the log now applied here.
    pub cursor: i64,
}

/// Syncs `store` with `investigation` once: joins it (the first time: the whole library
/// is queued), pushes what the store changed, pulls what the log holds past the
/// store's cursor and applies it (pushing again first what was changed meanwhile). Safe to cut short anywhere: pushing again is
/// harmless, and pulled operations are applied with the cursor in one transaction.
pub fn sync_once(store: &mut Store, analyst: &mut Client, investigation: &str) -> Result<Report> {
    store.join_investigation(investigation)?;
    let device = store.sync_status()?.device.ok_or_else(|| Error::Invalid("the store has no device id".into()))?;
    let mut report = Report::default();
    push(store, analyst, investigation, &device, &mut report)?;
    loop {
        let cursor = store.sync_status()?.cursor;
        // Everything past the cursor, applied at once: this store's own operations are
        // all in it, so it never has to make them again past a batch.
        let mut ops: Vec<IncomingOp> = Vec::new();
        loop {
            let after = ops.last().map_or(cursor, |op| op.seq);
            let page = server::pull(analyst, investigation, after, PULL_PAGE)?;
            if page.is_empty() {
                break;
            }
            ops.extend(page.into_iter().map(|op| IncomingOp {
                seq: op.seq,
                op_id: op.op_id,
                author: op.author,
                payload: op.payload,
            }));
        }
        if ops.is_empty() {
            report.cursor = cursor;
            break;
        }
        let mut originals = HashMap::new();
        for sha in store.originals_wanted(&ops)? {
            if let Some(bytes) = server::blob(analyst, investigation, &sha)? {
                originals.insert(sha, bytes);
                report.originals_down += 1;
            }
        }
        match store.apply_pulled(&ops, &originals)? {
            Some(applied) => {
                report.applied.ops += applied.ops;
                report.applied.own += applied.own;
                report.applied.entries += applied.entries;
                report.applied.conflicts += applied.conflicts;
                report.applied.dropped.extend(applied.dropped);
            }
            // The person changed something meanwhile: it goes first.
            None => push(store, analyst, investigation, &device, &mut report)?,
        }
    }
    Ok(report)
}

/// Pushes every operation this store has sealed, and what it changed since.
fn push(store: &mut Store, analyst: &mut Client, investigation: &str, device: &str, report: &mut Report) -> Result<()> {
    for op in store.seal_outbox()? {
        for sha in &op.originals {
            if let Some(bytes) = store.original_by_sha256(sha)? {
                if server::put_blob(analyst, investigation, sha, &bytes)? {
                    report.originals_up += 1;
                }
            }
        }
        let seq = server::push(
            analyst,
            investigation,
            &server::NewOp { op_id: &op.op_id, device, based_on: op.based_on, payload: &op.payload },
        )?;
        store.mark_pushed(&op.op_id, seq)?;
        report.pushed += 1;
        report.pushed_entries += op.entries;
    }
    Ok(())
}

/// Waits until the server says the investigation's log grew, or `timeout` passes: the
/// number of the newest operation it told of (None when it said nothing). `analyst`
/// must have run [`listen`] first. A desktop is told of its own pushes too.
pub fn wait_for_change(analyst: &mut Client, timeout: Duration) -> Result<Option<i64>> {
    let mut notifications = analyst.notifications();
    let mut waiting = notifications.timeout_iter(timeout);
    let number = |n: &postgres::Notification| n.payload().trim().parse::<i64>().unwrap_or(i64::MAX);
    let Some(first) = waiting.next()? else { return Ok(None) };
    let mut newest = number(&first);
    // Several pushes may have been told at once; one pull takes them all.
    drop(waiting);
    let mut rest = notifications.iter();
    while let Some(more) = rest.next()? {
        newest = newest.max(number(&more));
    }
    Ok(Some(newest))
}

/// Asks the server to tell this connection when the investigation's log grows.
pub fn listen(analyst: &mut Client, investigation: &str) -> Result<()> {
    analyst.batch_execute(&format!("LISTEN {}", server::channel_of(investigation)))?;
    Ok(())
}
