//! `dossier-cli`: the command line without the window, for headless machines and tests.

use dossier_cli::Invocation;
use std::process::ExitCode;

fn main() -> ExitCode {
    match dossier_cli::parse(std::env::args_os()) {
        Invocation::Command { db, command } => dossier_cli::execute(db, command),
        Invocation::Exit(code) => code,
        Invocation::Window { .. } => {
            eprintln!("dossier-cli: no subcommand given (this build has no window; see dossier-cli --help)");
            ExitCode::from(1)
        }
    }
}
