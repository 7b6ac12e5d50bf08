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
        None => match &cli.run.monitor.monitor_script {
            // --monitor-script: boot as the options say, then run the monitor commands.
            Some(script) => trs80::monitor_cli::run_script_option(
                script,
                cli.run.rom.as_deref(),
                cli.run.ram,
                cli.run.run_for,
                cli.run.type_text.as_deref(),
            ),
            None => run::run(&cli.run),
        },
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("trs80: error: {err:#}");
            ExitCode::FAILURE
        }
    }
}
