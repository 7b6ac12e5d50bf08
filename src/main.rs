//! `trs80`: the command-line front end of the TRS-80 Model I emulator.
//!
//! This file only parses the command line and reports errors; the work is in the
//! `trs80` library: `cli` (options, subcommand dispatch) and `run` (front ends).

use std::process::ExitCode;

use clap::Parser;
use trs80::{cli, run};

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let result = match cli.command {
        Some(command) => command.run(),
        None => run::run(&cli.run),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("trs80: error: {err:#}");
            ExitCode::FAILURE
        }
    }
}
