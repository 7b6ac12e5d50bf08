//! Runs the emulator with the chosen front end (window, terminal or headless).

use std::process::ExitCode;

use anyhow::{bail, Context, Result};

use crate::cli::RunArgs;

/// Reads the ROM image named by `--rom`/`TRS80_ROM`, or `None` for the built-in ROM.
pub fn read_rom(args: &RunArgs) -> Result<Option<Vec<u8>>> {
    match &args.rom {
        Some(path) => {
            let bytes = std::fs::read(path)
                .with_context(|| format!("cannot read ROM image {}", path.display()))?;
            Ok(Some(bytes))
        }
        None => Ok(None),
    }
}

/// Runs the emulator as the options say.
pub fn run(args: &RunArgs) -> Result<ExitCode> {
    let _rom = read_rom(args)?;
    bail!("the emulated machine is not available in this build yet")
}
