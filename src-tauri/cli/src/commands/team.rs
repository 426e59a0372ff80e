//! `team init|create-team|add-member|create-investigation`: setting up a team's server,
//! run by an administrator of that PostgreSQL server (a superuser).

use clap::Subcommand;
use dossier_core::Error;
use dossier_sync::server;
use std::io::{BufRead, Write};
use std::process::ExitCode;

/// What `dossier team` takes.
#[derive(Debug, clap::Args)]
pub struct TeamArgs {
    /// The team server as a PostgreSQL connection string, for a superuser: "host=db.example.org
    /// user=postgres dbname=dossier", or a postgresql:// address. A password not written in it is
    /// read from PGPASSWORD.
    #[arg(long)]
    pub server: String,
    #[command(subcommand)]
    pub action: TeamAction,
}

#[derive(Debug, Subcommand)]
pub enum TeamAction {
    /// Create Dossier's schema and the dossier_member role on the server (once; again is harmless).
    Init,
    /// Create a team.
    CreateTeam { name: String },
    /// Make a PostgreSQL login an analyst of a team, creating the login when it does not exist (its
    /// password read from the first line of standard input).
    AddMember {
        #[arg(long)]
        team: String,
        /// Lower-case letters, digits and _, starting with a letter.
        login: String,
    },
    /// Create an investigation of a team; prints its id, which the analysts' desktops sync.
    CreateInvestigation {
        #[arg(long)]
        team: String,
        name: String,
    },
}

fn refused(error: dossier_sync::Error) -> Error {
    Error::Invalid(error.to_string())
}

fn connect(server: &str) -> Result<postgres::Client, Error> {
    dossier_sync::client::connect(server).map_err(refused)
}

pub(crate) fn run(args: TeamArgs, out: &mut impl Write) -> Result<ExitCode, Error> {
    let mut admin = connect(&args.server)?;
    match args.action {
        TeamAction::Init => {
            server::init(&mut admin).map_err(refused)?;
            writeln!(out, "the server is ready for Dossier (schema version {})", server::SCHEMA_VERSION)?;
        }
        TeamAction::CreateTeam { name } => {
            let id = server::create_team(&mut admin, &name).map_err(refused)?;
            writeln!(out, "team #{id} {:?} created", name.trim())?;
        }
        TeamAction::AddMember { team, login } => {
            let team_id = server::team_id(&mut admin, &team).map_err(refused)?;
            let mut password = String::new();
            std::io::stdin().lock().read_line(&mut password)?;
            let password = password.trim_end_matches(['\r', '\n']);
            server::add_member(&mut admin, team_id, &login, Some(password).filter(|p| !p.is_empty()))
                .map_err(refused)?;
            writeln!(out, "{login} is an analyst of {team:?}")?;
        }
        TeamAction::CreateInvestigation { team, name } => {
            let team_id = server::team_id(&mut admin, &team).map_err(refused)?;
            let id = server::create_investigation(&mut admin, team_id, &name).map_err(refused)?;
            writeln!(out, "{id}")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
