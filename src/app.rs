//! The one dispatcher: what `trs80` does with its parsed command line.
//!
//! - no subcommand: build a [`Session`], then either run `--monitor-script` or hand the
//!   session to a front end (window when a display is available, else the terminal, or
//!   `--frontend`);
//! - `trs80 monitor`: a machine, the monitor on the terminal, and on `x` the same machine
//!   in a front end;
//! - `trs80 asm`: the assembler.
//!
//! Every run ends in [`Session::finish`], whatever ended it: the stop rule, Ctrl-C, a signal
//! (SIGINT, SIGTERM, SIGHUP set a flag the session checks every frame), the window closing,
//! the monitor script, or an error from the front end.

use std::process::ExitCode;

use anyhow::{anyhow, Context, Result};
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use trs80_machine::monitor::Monitor;

use crate::frontend::{headless, terminal, window};
use crate::line_edit::LineReader;
use crate::monitor_cli::{self, DirFiles};
use crate::options::{Cli, Command, Frontend, MonitorArgs, RunArgs};
use crate::session::{build_machine, unescape_typed, Session, Verdict};

/// Runs what the command line asks for.
pub fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Some(Command::Asm(args)) => crate::asm_cmd::run(args),
        Some(Command::Monitor(args)) => monitor(args),
        Some(Command::Disk(args)) => {
            crate::disk_cli::run(&args, &mut std::io::stdout())?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Web(args)) => {
            crate::web_serve::run(&args)?;
            Ok(ExitCode::SUCCESS)
        }
        None => emulate(&cli.run),
    }
}

/// True when an X11 or Wayland display is available for a window.
pub fn display_available() -> bool {
    ["DISPLAY", "WAYLAND_DISPLAY"]
        .iter()
        .any(|v| std::env::var_os(v).is_some_and(|s| !s.is_empty()))
}

/// Runs the emulator as the options say.
pub fn emulate(args: &RunArgs) -> Result<ExitCode> {
    let mut session = Session::from_args(args)?;
    if let Some(script) = &args.monitor_script {
        let result = monitor_cli::run_script_option(&mut session.machine, script, args.run_for);
        return end(&mut session, result);
    }
    let frontend = args.frontend.unwrap_or_else(default_frontend);
    run_frontend(&mut session, frontend, args.scale, args.frontend.is_none())
}

/// The window when a display is available, else the terminal.
fn default_frontend() -> Frontend {
    if display_available() {
        Frontend::Window
    } else {
        Frontend::Terminal
    }
}

/// Runs `session` in `frontend` with the signals watched, then finishes it. With
/// `fall_back` (the front end was not asked for), a window that cannot open gives way to
/// the terminal, with a note.
fn run_frontend(
    session: &mut Session,
    frontend: Frontend,
    scale: u32,
    fall_back: bool,
) -> Result<ExitCode> {
    let flag = session.signal_flag();
    let mut hooks = Vec::new();
    for sig in [SIGTERM, SIGHUP, SIGINT] {
        let id = signal_hook::flag::register_usize(sig, flag.clone(), sig as usize)
            .with_context(|| format!("cannot handle signal {sig}"))?;
        hooks.push(id);
    }
    let verdict = match frontend {
        Frontend::Headless => headless::run(session),
        Frontend::Terminal => terminal::run(session),
        Frontend::Window => match window::open(scale) {
            Ok(w) => window::run_in(session, w, scale),
            Err(e) if fall_back => {
                eprintln!(
                    "trs80: no usable display ({}); using the terminal",
                    e.root_cause()
                );
                terminal::run(session)
            }
            Err(e) => Err(e),
        },
    };
    for id in hooks {
        signal_hook::low_level::unregister(id);
    }
    let result = verdict.and_then(|v| match v {
        Verdict::Failed(msg) => Err(anyhow!(msg)),
        Verdict::Signalled(sig) => Ok(ExitCode::from(128 + sig)),
        Verdict::Continue | Verdict::Done => Ok(ExitCode::SUCCESS),
    });
    end(session, result)
}

/// Finishes the session (writing every output) and returns the run's result; the run's own
/// error comes first, then an output that could not be written.
fn end(session: &mut Session, result: Result<ExitCode>) -> Result<ExitCode> {
    let finished = session.finish();
    let code = result?;
    finished?;
    Ok(code)
}

/// `trs80 monitor`: the monitor on a fresh machine; `x` hands the machine to a front end.
fn monitor(args: MonitorArgs) -> Result<ExitCode> {
    let mut m = build_machine(&args.machine, false)?;
    let typed = args.type_text.as_deref().map(unescape_typed);
    monitor_cli::prepare(&mut m, args.boot, typed.as_deref())?;
    let mut mon = Monitor::new();
    let dir = match &args.dir {
        Some(d) => d.clone(),
        None => std::env::current_dir()?,
    };
    mon.set_files(Box::new(DirFiles::new(dir)));
    if let Some(path) = &args.symbols {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read symbol file {}", path.display()))?;
        let table = z80asm::SymbolTable::parse(&text)
            .map_err(|e| anyhow!("{} line {}: {}", path.display(), e.line, e.message))?;
        mon.add_symbols(table.iter());
    }
    if let Some(script) = &args.script {
        return monitor_cli::run_script(&mut m, &mut mon, script);
    }
    let mut reader = LineReader::new();
    if !monitor_cli::interactive(&mut m, &mut mon, &mut reader)? {
        return Ok(ExitCode::SUCCESS);
    }
    // `x`: the machine runs on in the usual front end; F8 comes back to this monitor.
    let run = RunArgs::defaults(args.machine.clone());
    let mut session = Session::with_machine(m, &run)?;
    session.set_monitor(mon);
    run_frontend(&mut session, default_frontend(), run.scale, true)
}
