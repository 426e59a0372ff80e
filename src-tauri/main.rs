//! The `dossier` binary: the command line when given a subcommand, else the window.

// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use dossier_cli::Invocation;
use std::process::ExitCode;

fn main() -> ExitCode {
    match dossier_cli::parse(std::env::args_os()) {
        Invocation::Command { db, command } => dossier_cli::execute(db, command),
        Invocation::Window { db, files } => dossier_app::run(db, files),
        Invocation::Exit(code) => code,
    }
}
