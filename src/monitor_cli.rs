//! The monitor in a terminal: the console session the window and terminal front ends open
//! on F8, `--monitor-script FILE`, and the pieces `trs80 monitor` is made of (the app puts
//! them together). Imports nothing of the application above it.
//!
//! The monitor itself ([`trs80_machine::monitor`]) is front-end free; this file
//! only moves lines between it and the terminal, and gives it file access
//! ([`DirFiles`]) relative to a directory.
//!
//! Where the window's monitor opens: in the terminal that launched the
//! emulator, not as an overlay. Hex dumps and listings are wide, people want
//! to copy and paste them, scroll back, and keep a history; a terminal gives
//! all of that, and the window stays live (it keeps showing the paused screen)
//! because the terminal is read on its own thread ([`Console`]).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};

use anyhow::{bail, Context, Result};
use trs80_machine::monitor::{FileStore, Monitor};
use trs80_machine::Machine;

use crate::line_edit::LineReader;

/// `load`/`save` on the host file system, relative to a directory.
pub struct DirFiles {
    dir: PathBuf,
}

impl DirFiles {
    /// Files relative to `dir`.
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        DirFiles { dir: dir.into() }
    }

    /// The host path for `name`. A TRS-80 style name `PROG/CMD` (a 1–3
    /// character extension after the last `/`, and no folder called `PROG`)
    /// is the host file `PROG.CMD`.
    fn path(&self, name: &str) -> PathBuf {
        if let Some((stem, ext)) = name.rsplit_once('/') {
            let trs_ext =
                (1..=3).contains(&ext.len()) && ext.chars().all(|c| c.is_ascii_alphanumeric());
            if trs_ext && !stem.is_empty() && !self.path(stem).is_dir() {
                return self.path(&format!("{stem}.{ext}"));
            }
        }
        let p = Path::new(name);
        if p.is_absolute() {
            p.to_path_buf()
        } else {
            self.dir.join(p)
        }
    }
}

impl FileStore for DirFiles {
    fn read(&mut self, name: &str) -> Result<Vec<u8>, String> {
        let p = self.path(name);
        let meta = std::fs::metadata(&p).map_err(|e| e.to_string())?;
        if meta.len() > 0x10000 {
            return Err(format!("{} bytes is more than 64 KB", meta.len()));
        }
        std::fs::read(&p).map_err(|e| e.to_string())
    }

    fn write(&mut self, name: &str, bytes: &[u8]) -> Result<(), String> {
        std::fs::write(self.path(name), bytes).map_err(|e| e.to_string())
    }
}

/// Runs the machine for `boot` seconds and types `text` (escapes already turned into keys).
pub fn prepare(m: &mut Machine, boot: f64, text: Option<&str>) -> Result<()> {
    if !(0.0..=3600.0).contains(&boot) {
        bail!("--boot must be 0..3600 seconds");
    }
    let t = (boot * trs80_machine::CPU_HZ as f64) as u64;
    if t > 0 {
        m.run_for(t);
    }
    if let Some(s) = text {
        m.type_text(s);
        if !m.run_until_typed(60 * 600) {
            bail!("typing did not finish within 600 emulated seconds");
        }
    }
    Ok(())
}

/// Runs a script and prints the transcript. Fails (exit code 1) at the first
/// rejected line, naming it.
pub fn run_script(m: &mut Machine, mon: &mut Monitor, path: &Path) -> Result<ExitCode> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read monitor script {}", path.display()))?;
    let mut out = std::io::stdout().lock();
    match mon.run_script(m, &text) {
        Ok(transcript) => {
            out.write_all(transcript.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Err((transcript, line, err)) => {
            out.write_all(transcript.as_bytes())?;
            writeln!(out, "? {err}")?;
            out.flush()?;
            eprintln!("trs80: {} line {line}: {err}", path.display());
            Ok(ExitCode::FAILURE)
        }
    }
}

/// Runs the monitor on the terminal until `x` or end of input. Returns true
/// when the user asked to leave with `x` (the machine should run on).
pub fn interactive(m: &mut Machine, mon: &mut Monitor, reader: &mut LineReader) -> Result<bool> {
    println!("TRS-80 monitor: `help` lists the commands, `x` leaves.");
    println!("{}", mon.exec(m, "r").unwrap_or_default());
    loop {
        let Some(line) = reader.read_line(&mon.prompt())? else {
            return Ok(false);
        };
        print_reply(mon.exec(m, &line));
        if mon.take_leave_request() {
            return Ok(true);
        }
    }
}

fn print_reply(r: trs80_machine::monitor::Reply) {
    match r {
        Ok(t) if t.is_empty() => {}
        Ok(t) => println!("{t}"),
        Err(e) => println!("? {e}"),
    }
}

/// A monitor
/// session whose input is read on a separate thread, for front ends that must keep
/// their own loop running (the window): call [`Console::poll`] every frame.
pub struct Console {
    prompts: Sender<String>,
    lines: Receiver<Option<String>>,
    waiting: bool,
}

impl Console {
    /// Opens the session: prints the banner and the registers, starts reading.
    pub fn open(m: &mut Machine, mon: &mut Monitor) -> Console {
        let (ptx, prx) = mpsc::channel::<String>();
        let (ltx, lrx) = mpsc::channel::<Option<String>>();
        std::thread::spawn(move || {
            let mut reader = LineReader::new();
            while let Ok(prompt) = prx.recv() {
                let line = reader.read_line(&prompt).ok().flatten();
                let end = line.is_none();
                if ltx.send(line).is_err() || end {
                    break;
                }
            }
        });
        println!("\nTRS-80 monitor (machine paused): `help` lists the commands, `x` resumes.");
        println!("{}", mon.exec(m, "r").unwrap_or_default());
        Console {
            prompts: ptx,
            lines: lrx,
            waiting: false,
        }
    }

    /// Handles any line typed since the last call. Returns false when the
    /// session is over (`x`, or end of input) and the machine should run.
    pub fn poll(&mut self, m: &mut Machine, mon: &mut Monitor) -> bool {
        if !self.waiting {
            if self.prompts.send(mon.prompt()).is_err() {
                return false;
            }
            self.waiting = true;
        }
        match self.lines.try_recv() {
            Ok(Some(line)) => {
                self.waiting = false;
                print_reply(mon.exec(m, &line));
                let _ = std::io::stdout().flush();
                !mon.take_leave_request()
            }
            Ok(None) | Err(TryRecvError::Disconnected) => false,
            Err(TryRecvError::Empty) => true,
        }
    }
}

/// `--monitor-script FILE` (called by the app once the session is built,
/// FILE loaded and `--type` queued): runs until the typing is done and for
/// `--run-for` seconds, then runs the script instead of a front end.
pub fn run_script_option(m: &mut Machine, script: &Path, run_for: Option<f64>) -> Result<ExitCode> {
    if m.typing_pending() && !m.run_until_typed(60 * 600) {
        bail!("typing did not finish within 600 emulated seconds");
    }
    prepare(m, run_for.unwrap_or(0.0), None)?;
    let mut mon = Monitor::new();
    mon.set_files(Box::new(DirFiles::new(std::env::current_dir()?)));
    run_script(m, &mut mon, script)
}

/// A monitor for a front end's session key: file access in the current directory.
pub fn front_end_monitor() -> Monitor {
    let mut mon = Monitor::new();
    if let Ok(dir) = std::env::current_dir() {
        mon.set_files(Box::new(DirFiles::new(dir)));
    }
    mon
}

/// The terminal front end's monitor key: runs a session in the same terminal
/// while the machine is paused. The terminal stays in the front end's raw
/// mode, so output lines end in CR LF; the caller redraws its screen after.
pub fn terminal_session(m: &mut Machine, mon: &mut Monitor) -> Result<()> {
    let mut out = std::io::stdout();
    // Leave the alternate screen and show the cursor.
    out.write_all(b"\x1b[?1049l\x1b[?25h")?;
    let say = |out: &mut std::io::Stdout, text: &str| -> Result<()> {
        if !text.is_empty() {
            out.write_all(text.replace('\n', "\r\n").as_bytes())?;
            out.write_all(b"\r\n")?;
        }
        out.flush()?;
        Ok(())
    };
    say(
        &mut out,
        "TRS-80 monitor (machine paused): `help` lists the commands, `x` resumes.",
    )?;
    say(&mut out, &mon.exec(m, "r").unwrap_or_default())?;
    let mut reader = LineReader::new();
    while let Some(line) = reader.read_line(&mon.prompt())? {
        match mon.exec(m, &line) {
            Ok(t) => say(&mut out, &t)?,
            Err(e) => say(&mut out, &format!("? {e}"))?,
        }
        if mon.take_leave_request() {
            break;
        }
    }
    out.write_all(b"\x1b[?1049h\x1b[?25l")?;
    out.flush()?;
    Ok(())
}
