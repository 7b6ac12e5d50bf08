//! Headless front end: no display and no terminal control, for scripts, CI and tests.
//!
//! Runs the machine as fast as the host allows (timing is in emulated T-states, so runs
//! are deterministic), types the `--type`/`--type-file` keys, stops at `--until` text or
//! after `--run-for` emulated seconds (default 10 s; with `--until`, at most 60 s unless
//! `--run-for` says otherwise); the session then writes `--screen-out`, `--screenshot` and
//! the rest. Exit status 0 on success; non-zero with a message when the `--until` text never
//! appeared (the output files are still written, to help find out why); 128 + the signal
//! when SIGINT, SIGTERM or SIGHUP ended the run.

use anyhow::Result;

use crate::session::{Session, Verdict};

/// Runs headless until the session says to stop.
pub fn run(session: &mut Session) -> Result<Verdict> {
    loop {
        match session.run_slice() {
            Verdict::Continue => {}
            v => return Ok(v),
        }
    }
}
