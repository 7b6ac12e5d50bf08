//! `trs80`: the command-line front end of the TRS-80 Model I emulator.
//!
//! This file only parses the command line and reports errors; the work is in the
//! `trs80` library, starting at `app::run`.

use std::process::ExitCode;

use clap::Parser;
use trs80::{app, options};

fn main() -> ExitCode {
    match app::run(options::Cli::parse()) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("trs80: error: {err:#}");
            ExitCode::FAILURE
        }
    }
}
