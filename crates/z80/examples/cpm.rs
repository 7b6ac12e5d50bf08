//! Run a CP/M instruction exerciser (ZEXDOC, ZEXALL, …) on the core.
//!
//! `cargo run --release -p z80 --example cpm -- FILE.COM`
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
        eprintln!("usage: cpm FILE.COM");
        std::process::exit(2);
    };
    let prog = match std::fs::read(&path) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("cpm: cannot read {path}: {e}");
            std::process::exit(1);
        }
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let start = Instant::now();
    let result = cpm_host::run_cpm(&prog, &mut |c| {
        let _ = out.write_all(&[c]);
        if c == b'\n' {
            let _ = out.flush();
        }
    });
    let secs = start.elapsed().as_secs_f64();
    match result {
        Ok(run) => {
            let _ = writeln!(out);
            let _ = writeln!(out, "T-states: {}", run.t_states);
            let _ = writeln!(out, "instructions: {}", run.instructions);
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
