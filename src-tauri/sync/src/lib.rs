//! Team sync through PostgreSQL: each desktop keeps its SQLite store and works offline;
//! a team shares an append-only log of operations per investigation on a PostgreSQL
//! server it already runs. This crate owns the server side (`server`: the schema, the
//! roles and their row-level security, pushing to and pulling from the log) and the
//! desktop's (`client`: connecting, one sync of a store; `settings`: how each store
//! reaches its team, kept outside the store). What an operation means to a
//! store is the core's business; this crate never sees SQLite.

pub mod client;
pub mod server;
pub mod settings;
#[cfg(feature = "testing")]
pub mod testing;

/// What can go wrong talking to the team's server.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("the team server refused or failed: {}", described(.0))]
    Server(#[from] postgres::Error),
    #[error("{0}")]
    Invalid(String),
    #[error(transparent)]
    Store(#[from] dossier_core::Error),
}

/// A connection to the team's server.
pub use postgres::Client;

pub type Result<T> = std::result::Result<T, Error>;

/// A server error in words: the server's own message when it sent one (the client
/// library's `Display` says only "db error").
pub fn described(error: &postgres::Error) -> String {
    if let Some(db) = error.as_db_error() {
        return db.message().to_string();
    }
    // "error performing TLS handshake" says little; the causes say why (a certificate
    // not trusted, a name that does not match, a connection refused).
    let mut words = error.to_string();
    let mut cause = std::error::Error::source(error);
    while let Some(reason) = cause {
        let said = reason.to_string();
        if !said.is_empty() && !words.contains(&said) {
            words = format!("{words}: {said}");
        }
        cause = reason.source();
    }
    words
}
