//! `--load-state` and `--save-state`: the whole machine from and to a save state file (the
//! layout is in `docs/SAVE_STATES.md`). F6 and F7 in the window and terminal save and load
//! the same file during a run (see [`crate::session::HostCommand`]).

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use trs80_machine::Machine;

use crate::outputs::write_atomically;

/// Command-line options for save states.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct StateArgs {
    /// Start from a save state (made by --save-state, F6, or the monitor's `save FILE`). The
    /// ROM must be the one it was saved with. FILE, --disk0..3 and --cassette apply on top.
    #[arg(long, value_name = "FILE")]
    pub load_state: Option<PathBuf>,
    /// Save the whole machine to FILE when the run ends (F6 also saves there; F7 loads it).
    #[arg(long, value_name = "FILE")]
    pub save_state: Option<PathBuf>,
}

/// Replaces the machine with the save state in `path`; on any error the machine is unchanged.
pub fn load_state_file(m: &mut Machine, path: &Path) -> Result<()> {
    let bytes = std::fs::read(path)
        .with_context(|| format!("cannot read save state {}", path.display()))?;
    m.load_state(&bytes)
        .with_context(|| format!("cannot load save state {}", path.display()))?;
    if let Some(note) = m.serial_state_note() {
        eprintln!("trs80: {}: {note}", path.display());
    }
    Ok(())
}

/// Writes the machine's save state to `path` (a temporary file, then a rename).
pub fn save_state_file(m: &Machine, path: &Path) -> Result<()> {
    write_atomically(path, &m.save_state())
        .with_context(|| format!("cannot write save state {}", path.display()))
}
