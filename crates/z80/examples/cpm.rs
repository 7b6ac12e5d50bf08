//! Run a CP/M instruction exerciser (ZEXDOC, ZEXALL, …) on the core.
//!
//! `cargo run --release -p z80 --example cpm -- FILE.COM [MAX_T_STATES]`
//!
//! The optional second argument stops the run after that many T-states (for
//! profiling a slice of a long exerciser). Set `CPM_COUNT=1` to also count
//! instructions (slightly slower, so off when measuring speed).
//!
//! See `tests/support/cpm_host.rs` for the CP/M environment. Prints the
//! program's output, then the T-states counted from PC = 0100H to PC = 0000H,
//! the instruction count and the emulated speed.

use std::io::Write;
use std::time::Instant;

#[path = "../tests/support/cpm_host.rs"]
mod cpm_host;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: cpm FILE.COM [MAX_T_STATES]");
        std::process::exit(2);
    };
    let prog = match std::fs::read(&path) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("cpm: cannot read {path}: {e}");
            std::process::exit(1);
        }
    };
    let max_t = match std::env::args().nth(2).map(|s| s.parse::<u64>()) {
        None => u64::MAX,
        Some(Ok(n)) => n,
        Some(Err(e)) => {
            eprintln!("cpm: bad T-state limit: {e}");
            std::process::exit(2);
        }
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let start = Instant::now();
    let count = std::env::var_os("CPM_COUNT").is_some_and(|v| v == "1");
    let mut print = |c: u8| {
        let _ = out.write_all(&[c]);
        if c == b'\n' {
            let _ = out.flush();
        }
    };
    let result = if count {
        cpm_host::run_cpm::<true>(&prog, max_t, &mut print)
    } else {
        cpm_host::run_cpm::<false>(&prog, max_t, &mut print)
    };
    let secs = start.elapsed().as_secs_f64();
    match result {
        Ok(run) => {
            let _ = writeln!(out);
            let _ = writeln!(out, "T-states: {}", run.t_states);
            if count {
                let _ = writeln!(out, "instructions: {}", run.instructions);
            }
            let _ = writeln!(
                out,
                "wall: {secs:.2} s, emulated {:.3} GHz",
                run.t_states as f64 / secs / 1e9
            );
        }
        Err(e) => {
            let _ = out.flush();
            eprintln!("cpm: {path}: {e}");
            std::process::exit(1);
        }
    }
}
