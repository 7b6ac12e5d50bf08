//! Headless front end: no display and no terminal control, for scripts, CI and tests.
//!
//! Runs the machine as fast as the host allows (timing is in emulated T-states, so runs
//! are deterministic), types the `--type`/`--type-file` keys, stops at `--until` text or
//! after `--run-for` emulated seconds (default 10 s; with `--until`, at most 60 s unless
//! `--run-for` says otherwise), then writes `--screen-out` and `--screenshot`.
//! Exit status 0 on success; non-zero with a message when the `--until` text never
//! appeared (the output files are still written, to help find out why).

use std::process::ExitCode;

use anyhow::{bail, Result};
use trs80_machine::Machine;

use crate::cli::RunArgs;
use crate::run::{write_outputs, StopRule, Verdict};

/// Emulated seconds a headless run lasts when neither `--run-for` nor `--until` is given.
pub const DEFAULT_SECONDS: f64 = 10.0;

/// Runs headless until the stop rule says so.
pub fn run(args: &RunArgs, machine: &mut Machine) -> Result<ExitCode> {
    let rule = StopRule::from_args(args, Some(DEFAULT_SECONDS), machine.t_states())?;
    let verdict = loop {
        machine.run_frame();
        match rule.check(machine) {
            Verdict::Continue => {}
            v => break v,
        }
    };
    write_outputs(args, machine)?;
    match verdict {
        Verdict::Failed(msg) => bail!(msg),
        _ => Ok(ExitCode::SUCCESS),
    }
}
