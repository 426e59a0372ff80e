//! The IPC commands, one module per domain; each turns its arguments into one
//! dossier-core call on a blocking thread. The list of them is `list.rs`.

pub(crate) mod actors;
pub(crate) mod claims;
pub(crate) mod files;
pub(crate) mod hypotheses;
pub(crate) mod library;
pub(crate) mod notes;
pub(crate) mod review;
pub(crate) mod team;
