//! `trs80`: the command-line front end of the TRS-80 Model I emulator.

use clap::Parser;

/// TRS-80 Model I emulator with a hand-assembly monitor.
#[derive(Parser, Debug)]
#[command(name = "trs80", version, about)]
struct Cli {}

fn main() -> anyhow::Result<()> {
    let _cli = Cli::parse();
    Ok(())
}
