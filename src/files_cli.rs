//! Program files on the command line: `trs80 FILE` (a .CAS tape, a /CMD program or a BASIC
//! listing, recognised by content), `--cassette`, `--cassette-out`, `--fast-load`/`--real-load`,
//! `--no-run` and `--save-bas`.
//!
//! Front ends use [`FileSession`]: [`FileSession::start`] after building the machine, then
//! either [`FileSession::complete`] (load before the front end starts, progress on stderr) or
//! [`FileSession::tick`] once per frame (with [`FileSession::status_line`] for a title bar or
//! status line), and [`FileSession::finish`] on exit (writes `--save-bas` and
//! `--cassette-out`).

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use trs80_machine::cas;
use trs80_machine::cassette::Speed;
use trs80_machine::loader::{self, identify, LoadMode, LoadStatus, PendingLoad};
use trs80_machine::{Machine, RomKind};

use crate::outputs::{self, Report};

/// Command-line options for program files and the cassette deck.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct FileArgs {
    /// Put a cassette image (.CAS) in deck 1, ready for CLOAD, CLOAD? or SYSTEM
    /// (500 baud; 250 baud under a Level I ROM).
    #[arg(long, value_name = "FILE.cas")]
    pub cassette: Option<PathBuf>,
    /// Put a cassette image in deck 2 (Expansion Interface), which a program reaches by
    /// writing 02H to the deck select latch at 37E4H (POKE 14308,2; 1 selects deck 1 again).
    #[arg(long, value_name = "FILE.cas")]
    pub cassette2: Option<PathBuf>,
    /// Record: a blank tape with RECORD pressed, wired to the cassette port's output, takes
    /// whatever is written while the motor runs (CSAVE, a SYSTEM-tape writer) whichever deck
    /// is selected, so it works together with --cassette; written to this .CAS file on exit.
    #[arg(long, value_name = "FILE.cas")]
    pub cassette_out: Option<PathBuf>,
    /// Load FILE straight into memory, BASIC pointers fixed (the default).
    #[arg(long, conflicts_with = "real_load")]
    pub fast_load: bool,
    /// Load FILE as a user would: a tape is played at 500 baud for CLOAD or SYSTEM, a
    /// listing is typed on the keyboard (/CMD files always load fast).
    #[arg(long)]
    pub real_load: bool,
    /// Load FILE without running it (no RUN, no jump to the entry address).
    #[arg(long)]
    pub no_run: bool,
    /// On exit, save the BASIC program in memory as a text listing.
    #[arg(long, value_name = "FILE.bas")]
    pub save_bas: Option<PathBuf>,
}

/// Program-file work for one run of the emulator.
#[derive(Debug, Default)]
pub struct FileSession {
    load: Option<PendingLoad>,
    name: String,
    status: Option<LoadStatus>,
    save_bas: Option<PathBuf>,
    cassette_out: Option<PathBuf>,
    last_percent: Option<u32>,
}

impl FileSession {
    /// Read and check FILE (if any), mount `--cassette`/`--cassette-out`, and plan the load.
    /// Bad files are refused here, before the machine is touched.
    pub fn start(args: &FileArgs, file: Option<&Path>, m: &mut Machine) -> Result<FileSession> {
        let mut session = FileSession {
            save_bas: args.save_bas.clone(),
            cassette_out: args.cassette_out.clone(),
            ..FileSession::default()
        };
        let level1 = m.rom_kind() == RomKind::Level1;
        m.set_tape_speed(if level1 { Speed::Level1 } else { Speed::Level2 });
        let read_tape = |path: &Path| -> Result<Vec<u8>> {
            let bytes =
                std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
            let checked = if level1 {
                cas::check_sync(&bytes)
            } else {
                cas::parse(&bytes).map(|_| ())
            };
            checked.with_context(|| format!("cannot use {} as a cassette", path.display()))?;
            Ok(bytes)
        };
        let tapes = (
            args.cassette.as_deref().map(read_tape).transpose()?,
            args.cassette2.as_deref().map(read_tape).transpose()?,
        );
        if let Some(bytes) = tapes.0 {
            m.cassette().insert(bytes);
        }
        if let Some(bytes) = tapes.1 {
            m.cassette2().insert(bytes);
        }
        if args.cassette_out.is_some() {
            m.attach_recorder();
        }
        if let Some(path) = file {
            let bytes =
                std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
            let ext = path.extension().and_then(|e| e.to_str());
            let what = || format!("cannot load {}", path.display());
            let program = identify(&bytes, ext).with_context(what)?;
            let mode = if args.real_load {
                LoadMode::Real
            } else {
                LoadMode::Fast
            };
            let load = PendingLoad::new(&program, &bytes, mode, !args.no_run).with_context(what)?;
            session.load = Some(load);
            session.name = path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into(),
            );
        }
        Ok(session)
    }

    /// Advance the load; call once per frame. Errors end the load (the machine keeps running).
    pub fn tick(&mut self, m: &mut Machine) -> Result<()> {
        let Some(load) = self.load.as_mut() else {
            return Ok(());
        };
        match load.poll(m) {
            Ok(LoadStatus::Done) => {
                self.load = None;
                self.status = None;
                Ok(())
            }
            Ok(status) => {
                self.status = Some(status);
                Ok(())
            }
            Err(e) => {
                self.load = None;
                self.status = None;
                Err(e).with_context(|| format!("cannot load {}", self.name))
            }
        }
    }

    /// True while a load is under way.
    pub fn is_loading(&self) -> bool {
        self.load.is_some()
    }

    /// Fraction of a real-speed load done (tape played or listing typed), 0.0–1.0.
    pub fn progress(&self) -> Option<f32> {
        match self.status {
            Some(LoadStatus::Loading(f)) => Some(f),
            _ => None,
        }
    }

    /// A short text for a title bar or status line while loading, e.g. `loading GAME.CAS 42%`.
    pub fn status_line(&self) -> Option<String> {
        self.load.as_ref()?;
        Some(match self.status {
            Some(LoadStatus::Loading(f)) => {
                format!("loading {} {:.0}%", self.name, f * 100.0)
            }
            _ => format!("loading {}: waiting for BASIC", self.name),
        })
    }

    /// Run the machine until the load is done, writing progress to stderr when `report`.
    pub fn complete(&mut self, m: &mut Machine, report: bool) -> Result<()> {
        while self.is_loading() {
            self.tick(m)?;
            if report {
                self.report_progress();
            }
            if self.is_loading() {
                m.run_frame();
            }
        }
        if report && self.last_percent.is_some() {
            eprintln!("\rloaded {}      ", self.name);
        }
        Ok(())
    }

    fn report_progress(&mut self) {
        if let Some(f) = self.progress() {
            let pct = (f * 100.0) as u32;
            if self.last_percent != Some(pct) {
                self.last_percent = Some(pct);
                eprint!("\rloading {} {pct:3}%", self.name);
            }
        }
    }

    /// Checks the output paths (`--save-bas`, `--cassette-out`) before the run.
    pub fn check_outputs(args: &FileArgs) -> Result<()> {
        if let Some(path) = &args.save_bas {
            outputs::check(path, "--save-bas")?;
        }
        if let Some(path) = &args.cassette_out {
            outputs::check(path, "--cassette-out")?;
        }
        Ok(())
    }

    /// On exit: write `--save-bas` and `--cassette-out`, each on its own; one with nothing
    /// to write (no program, nothing recorded) leaves its file as it was, with a note.
    pub fn finish(&mut self, m: &mut Machine, report: &mut Report) {
        if let Some(path) = &self.save_bas {
            match basic_listing(m) {
                Ok(Some(text)) => report.write(path, text.as_bytes(), "--save-bas"),
                Ok(None) => report.unchanged(path, "--save-bas", "no BASIC program in memory"),
                Err(e) => report.add(Err(e.context(format!("--save-bas {}", path.display())))),
            }
        }
        if let Some(path) = &self.cassette_out {
            match m.recorder().and_then(|r| r.eject()) {
                Some(tape) if !tape.is_empty() => report.write(path, &tape, "--cassette-out"),
                _ => report.unchanged(path, "--cassette-out", "nothing was recorded on the tape"),
            }
        }
    }
}

/// The BASIC program in memory as a text listing (`None`: no program lines).
pub fn basic_listing(m: &Machine) -> Result<Option<String>> {
    let program = loader::read_basic(m).context("cannot save the BASIC program")?;
    Ok((!program.lines.is_empty()).then(|| program.to_text()))
}

/// Load `path` into the machine before the front end starts (progress on stderr for
/// real-speed loads), returning the session for [`FileSession::finish`].
pub fn load_program(m: &mut Machine, path: Option<&Path>, args: &FileArgs) -> Result<FileSession> {
    let mut session = FileSession::start(args, path, m)?;
    session.complete(m, true)?;
    Ok(session)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    /// The file options as `trs80` parses them.
    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        files: FileArgs,
        file: Option<PathBuf>,
    }
    use trs80_machine::{cmd, Config};

    fn temp(name: &str, bytes: &[u8]) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("trs80-files-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }

    fn idle_machine() -> Machine {
        let mut rom = vec![0u8; 12 * 1024];
        rom[..2].copy_from_slice(&[0x18, 0xFE]); // JR $
        Machine::new(&Config {
            rom: &rom,
            ..Config::default()
        })
        .unwrap()
    }

    #[test]
    fn options_parse_and_conflict() {
        let cli = Cli::try_parse_from([
            "trs80",
            "--real-load",
            "--no-run",
            "--save-bas",
            "out.bas",
            "game.cas",
        ])
        .unwrap();
        assert!(cli.files.real_load && cli.files.no_run);
        assert_eq!(cli.files.save_bas, Some(PathBuf::from("out.bas")));
        assert!(Cli::try_parse_from(["trs80", "--real-load", "--fast-load"]).is_err());
        let both = Cli::try_parse_from(["trs80", "--cassette", "a.cas", "--cassette-out", "b.cas"])
            .unwrap();
        assert_eq!(both.files.cassette, Some(PathBuf::from("a.cas")));
        assert_eq!(both.files.cassette_out, Some(PathBuf::from("b.cas")));
    }

    #[test]
    fn bad_files_are_refused_with_the_file_name_and_nothing_loaded() {
        let mut m = idle_machine();
        let before: Vec<u8> = (0x4000..=0xFFFFu16).map(|a| m.peek(a)).collect();
        let bad = temp("broken.cas", &[0, 0, 0, 0xA5, 0x55, b'X']);
        let err = FileSession::start(&FileArgs::default(), Some(&bad), &mut m).unwrap_err();
        let msg = format!("{err:#}");
        assert!(
            msg.contains("broken.cas") && msg.contains("truncated"),
            "{msg}"
        );
        let args = FileArgs {
            cassette: Some(temp("text.cas", b"hello")),
            ..FileArgs::default()
        };
        let msg = format!("{:#}", FileSession::start(&args, None, &mut m).unwrap_err());
        assert!(
            msg.contains("text.cas") && msg.contains("not a cassette"),
            "{msg}"
        );
        let after: Vec<u8> = (0x4000..=0xFFFFu16).map(|a| m.peek(a)).collect();
        assert_eq!(before, after);
        assert!(m.cassette().tape().is_none());
    }

    #[test]
    fn a_cmd_file_loads_and_runs_and_cassette_out_is_written() {
        // LD A,'K' : LD (3C00H),A : JR $
        let img = cmd::MemoryImage {
            blocks: vec![cmd::Block {
                addr: 0x7000,
                data: vec![0x3E, b'K', 0x32, 0x00, 0x3C, 0x18, 0xFE],
            }],
            entry: Some(0x7000),
        };
        let path = temp("k.cmd", &cmd::write(&img, None));
        let out = temp("out.cas", b"");
        let args = FileArgs {
            cassette_out: Some(out.clone()),
            ..FileArgs::default()
        };
        let mut m = idle_machine();
        let mut session = load_program(&mut m, Some(&path), &args).unwrap();
        assert!(!session.is_loading());
        m.run_frame();
        assert_eq!(m.peek(0x3C00), b'K');
        let mut report = Report::default();
        session.finish(&mut m, &mut report);
        // Nothing recorded: the file is left as it was, and the report says so.
        assert_eq!(std::fs::read(&out).unwrap(), b"");
        assert!(
            report.notes[0].contains("nothing was recorded"),
            "{report:?}"
        );
        // No BASIC in this ROM: --save-bas says so.
        let msg = format!("{:#}", basic_listing(&m).unwrap_err());
        assert!(msg.contains("BASIC"), "{msg}");
    }
}
