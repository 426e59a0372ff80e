//! The subcommands, a module per subcommand or family of them: each holds what its
//! subcommands take (clap's arguments) beside what they do.

pub mod actors;
pub mod changes;
pub mod copies;
pub mod dev;
pub mod export;
pub mod grade;
pub mod hypotheses;
pub mod import;
pub mod list;
pub mod measure;
pub mod store;
pub mod suggestions;
pub mod sync;
pub mod team;
