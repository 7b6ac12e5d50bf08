//! One run of the emulator: the machine and everything attached to it.
//!
//! A [`Session`] owns the [`Machine`], the program file and cassette work
//! ([`FileSession`]), the serial ends and printers ([`SerialSession`]), the stop rule
//! (`--run-for`, `--until`), the typed input, the monitor kept between F8 visits, the pacing
//! of real-time front ends and the output files. Front ends only turn host input into a
//! [`HostCommand`] for [`Session::apply`], call [`Session::run_slice`], and show frames.
//!
//! [`Session::finish`] is the only code that writes output files (`--screen-out`,
//! `--screenshot`, the printers' paper, `--cassette-out`, `--save-bas`). `app.rs` calls it on
//! every way a run ends: the stop rule, Ctrl-C, SIGTERM/SIGHUP/SIGINT, the window closing,
//! `--monitor-script`, and a front end's error. Each output is attempted even when an
//! earlier one failed; the first failure is reported.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use anyhow::{bail, Context, Result};
use trs80_machine::monitor::Monitor;
use trs80_machine::{keyboard, rom, video, Config, Key, Machine, RomKind, CPU_HZ};

use crate::disk_cli::DiskSession;
use crate::files_cli::FileSession;
use crate::monitor_cli::front_end_monitor;
use crate::options::{Frontend, MachineArgs, Phosphor, RunArgs};
use crate::outputs;
use crate::serial_cli::SerialSession;
use crate::sound_cli::SoundSession;
use crate::state_cli::{load_state_file, save_state_file};
use crate::throttle::Pacer;
use crate::until::NewText;

/// Name of the built-in ROM in the `roms` crate.
pub const BUILTIN_ROM: &str = "free";

/// Emulated seconds a headless run lasts when neither `--run-for` nor `--until` is given.
pub const HEADLESS_SECONDS: f64 = 10.0;

/// The built-in free ROM image (assembled at build time).
pub fn builtin_rom() -> Result<Vec<u8>> {
    let rom = roms::get(BUILTIN_ROM).context("this build has no built-in ROM")?;
    Ok(rom.image.to_vec())
}

/// What the image's CRC cannot say: whether it is this build's own free ROM (as built, or
/// padded with FFH). The machine crate does not know our ROM; the program that built it does.
pub fn known_rom_kind(image: &[u8]) -> Option<RomKind> {
    let free = roms::get(BUILTIN_ROM).filter(|r| r.origin == 0)?;
    rom::matches_build(image, free.image).then_some(RomKind::Free)
}

/// Builds the machine `--rom`/`--ram` describe (the built-in ROM without `--rom`), with the
/// RS-232-C board when `rs232`.
pub fn build_machine(args: &MachineArgs, rs232: bool) -> Result<Machine> {
    let bytes = match &args.rom {
        Some(path) => {
            let mut bytes = std::fs::read(path)
                .with_context(|| format!("cannot read ROM image {}", path.display()))?;
            if let Some(size) = padded_rom_size(bytes.len()) {
                eprintln!(
                    "trs80: ROM image {} is {} bytes; padded with FFH to {} KB",
                    path.display(),
                    bytes.len(),
                    size / 1024
                );
                bytes.resize(size, 0xFF);
            }
            bytes
        }
        None => builtin_rom()?,
    };
    let config = Config {
        rom: &bytes,
        ram_kib: args.ram,
        expansion_interface: args.ram > 16,
        lowercase_mod: args.lowercase,
        rs232,
        rom_kind: known_rom_kind(&bytes),
    };
    let what = match &args.rom {
        Some(p) => format!("cannot boot ROM {}", p.display()),
        None => "cannot boot the built-in ROM".to_string(),
    };
    Machine::new(&config).context(what)
}

/// The size a ROM image of `len` bytes is padded to (with FFH, as an empty ROM socket
/// reads): the next size the Model I takes, or `None` when it is one already, empty or
/// above 12 KB.
pub fn padded_rom_size(len: usize) -> Option<usize> {
    const SIZES: [usize; 4] = [0x800, 0x1000, 0x2000, 0x3000];
    if len == 0 || SIZES.contains(&len) {
        return None;
    }
    SIZES.into_iter().find(|&s| len < s)
}

/// Turns the escapes of `--type` (for `trs80` and `trs80 monitor` alike) into keys: `\n` and
/// `\r` are ENTER, `\\` is a backslash; any other backslash stays as it is.
pub fn unescape_typed(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') | Some('r') => out.push('\n'),
            Some('\\') => out.push('\\'),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// The keystrokes to type after boot: `--type` then the contents of `--type-file`; a
/// character that no key types is an error naming it.
pub fn typed_input(args: &RunArgs) -> Result<String> {
    let mut text = String::new();
    if let Some(t) = &args.type_text {
        text = unescape_typed(t);
        check_typable(&text, "--type")?;
    }
    if let Some(path) = &args.type_file {
        let file = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read --type-file {}", path.display()))?;
        check_typable(&file, &format!("--type-file {}", path.display()))?;
        text.push_str(&file);
    }
    Ok(text)
}

/// The text of `--paste-file`, every character of it typable.
pub fn paste_text(path: &Path) -> Result<String> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read --paste-file {}", path.display()))?;
    check_typable(&text, &format!("--paste-file {}", path.display()))?;
    Ok(text)
}

/// An error naming the first character of `text` (from `what`) that no key types.
pub fn check_typable(text: &str, what: &str) -> Result<()> {
    match keyboard::untypable(text) {
        None => Ok(()),
        Some((line, col, c)) => bail!(
            "{what}: line {line} column {col}: {c:?} (U+{:04X}) has no key on the Model I \
             keyboard (it types A-Z a-z 0-9 space ENTER and !\"#$%&'()*+,-./:;<=>?@ \
             with ^ [ ↑ for the up arrow, TAB for the right arrow, backspace for the left)",
            c as u32
        ),
    }
}

/// Converts `--run-for` seconds into emulated T-states.
pub fn seconds_to_t(seconds: f64) -> Result<u64> {
    if !seconds.is_finite() || !(0.0..=1.0e7).contains(&seconds) {
        bail!("--run-for {seconds}: give a number of seconds between 0 and 10000000");
    }
    Ok((seconds * CPU_HZ as f64).round() as u64)
}

/// When a run stops on its own.
#[derive(Debug, Clone)]
pub struct StopRule {
    /// Stop (successfully, unless `until` is set) at this T-state.
    pub limit_t: Option<u64>,
    /// Stop successfully when this text appears on the screen after the typing is done.
    pub until: Option<NewText>,
}

/// What the session says after a slice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Keep running.
    Continue,
    /// Stop; the run succeeded.
    Done,
    /// Stop; the run failed with this message.
    Failed(String),
    /// Stop: the process got this signal (the exit status is 128 + the signal).
    Signalled(u8),
}

impl StopRule {
    /// The stop rule from the options; `default_secs` applies when neither `--run-for`
    /// nor `--until` is given (headless), and as the timeout of `--until`.
    pub fn from_args(args: &RunArgs, default_secs: Option<f64>, start_t: u64) -> Result<Self> {
        let secs = match (args.run_for, &args.until) {
            (Some(s), _) => Some(s),
            (None, Some(_)) => default_secs.map(|d| d.max(60.0)),
            (None, None) => default_secs,
        };
        let limit_t = match secs {
            Some(s) => Some(start_t + seconds_to_t(s)?),
            None => None,
        };
        if let Some(u) = &args.until {
            if u.is_empty() {
                bail!("--until needs a non-empty text");
            }
        }
        Ok(Self {
            limit_t,
            until: args.until.as_deref().map(NewText::new),
        })
    }

    /// Checks the machine after a frame.
    pub fn check(&mut self, m: &Machine) -> Verdict {
        if let Some(until) = &mut self.until {
            let screen = m.screen_text();
            if m.keyboard().presses_queued() {
                until.remember(&screen);
            } else if !m.typing_pending() && until.appears(&screen) {
                return Verdict::Done;
            }
        }
        match self.limit_t {
            Some(limit) if m.t_states() >= limit => match &self.until {
                Some(until) => Verdict::Failed(format!(
                    "--until: {:?} did not appear on the screen within {:.1} emulated seconds{}; the screen shows:\n{}",
                    until.text(),
                    limit as f64 / CPU_HZ as f64,
                    if m.typing_pending() {
                        " (typing was still waiting for the machine to ask for a key)"
                    } else {
                        ""
                    },
                    m.screen_text()
                )),
                None => Verdict::Done,
            },
            _ => Verdict::Continue,
        }
    }
}

/// The machine's screen as a PNG.
pub fn screenshot_png(m: &Machine, phosphor: Phosphor, scale: u32) -> Result<Vec<u8>> {
    let mut fb = vec![0u32; video::SCREEN_W * video::SCREEN_H];
    m.render(&mut fb);
    let (w, h) = (video::SCREEN_W, video::SCREEN_H);
    crate::png_out::screenshot_png(&fb, w, h, phosphor, scale as usize)
}

/// Writes a PNG screenshot of the machine's screen (temporary file + rename).
pub fn save_screenshot(path: &Path, m: &Machine, phosphor: Phosphor, scale: u32) -> Result<()> {
    let png = screenshot_png(m, phosphor, scale)?;
    outputs::write_atomically(path, &png)
        .with_context(|| format!("cannot write screenshot {}", path.display()))
}

/// True for the output name `-` (standard output).
fn is_stdout(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Checks every output path of `args` before the machine starts (see [`outputs::check`]).
pub fn check_outputs(args: &RunArgs) -> Result<()> {
    if let Some(path) = args.screen_out.as_ref().filter(|p| !is_stdout(p)) {
        outputs::check(path, "--screen-out")?;
    }
    if let Some(path) = &args.screenshot {
        outputs::check(path, "--screenshot")?;
    }
    if let Some(path) = &args.state.save_state {
        outputs::check(path, "--save-state")?;
    }
    if let Some(path) = &args.sound.sound_out {
        outputs::check(path, "--sound-out")?;
    }
    FileSession::check_outputs(&args.files)
}

/// What a front end asks of the session. Every front end maps its own host input (minifb
/// keys, terminal escape sequences, signals) to these; the session decides what they do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HostCommand {
    /// Type one TRS-80 key through the key queue (a terminal reports presses only).
    Key(Key),
    /// Type text through the key queue.
    Type(String),
    /// F5: type the `--paste-file` (the run goes fast until it is typed).
    Paste,
    /// F9: turbo on or off.
    Turbo,
    /// F10: the RESET button (NMI).
    Reset,
    /// SHIFT+F10: power-on reset.
    PowerOn,
    /// F12: save a screenshot.
    Screenshot,
    /// F6: save the machine's state (to `--save-state`, else `trs80-<T>.state`).
    SaveState,
    /// F7: load the state F6 saved last (or `--load-state`).
    LoadState,
    /// F8: pause and open the monitor.
    Monitor,
    /// Ctrl-C, or the window closed: end the run.
    Quit,
}

/// What the front end should do after [`Session::apply`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// Nothing to show.
    None,
    /// A short message for the status line or title.
    Note(String),
    /// Pause and run a monitor session (the front end owns the console).
    OpenMonitor,
    /// End the run.
    Quit,
}

/// The machine and everything attached to it for one run.
pub struct Session {
    /// The emulated computer.
    pub machine: Machine,
    files: FileSession,
    disks: DiskSession,
    serial: SerialSession,
    sound: SoundSession,
    rule: StopRule,
    /// `--save-state`: written at the end, and by F6.
    save_state: Option<PathBuf>,
    /// The state F7 loads: the last one F6 saved, or `--load-state`.
    last_state: Option<PathBuf>,
    screen_out: Option<PathBuf>,
    screenshot: Option<PathBuf>,
    paste_file: Option<PathBuf>,
    /// Colour of screenshots and the window.
    pub phosphor: Phosphor,
    /// Screenshot scale (`--scale`, as the window).
    pub scale: u32,
    /// Turbo: run as fast as the host allows.
    pub turbo: bool,
    pasting: bool,
    monitor: Option<Monitor>,
    pacer: Pacer,
    signal: Arc<AtomicUsize>,
    finished: bool,
}

impl Session {
    /// Builds the machine the options describe, loads FILE and the cassettes, plugs in the
    /// printers and serial ends, then waits for the boot screen and queues `--type`.
    pub fn from_args(args: &RunArgs) -> Result<Session> {
        let machine = build_machine(&args.machine, args.serial.needs_rs232())?;
        Session::with_machine(machine, args)
    }

    /// The same around a machine that already exists (`trs80 monitor` handing its machine to
    /// a front end).
    pub fn with_machine(mut machine: Machine, args: &RunArgs) -> Result<Session> {
        check_outputs(args)?;
        // --printer, --serial: ends plugged in before the run.
        let serial = args.serial.attach(&mut machine)?;
        // --load-state: the state keeps what is plugged in (it must be the same kind); the
        // disks, FILE and cassettes below go in on top of it.
        if let Some(path) = &args.state.load_state {
            load_state_file(&mut machine, path)?;
        }
        // --disk0..3 (and FILE when it is a disk image): in the drives before the ROM looks.
        let (disks, file_is_disk) =
            DiskSession::start(&args.disks, args.file.as_deref(), &mut machine)?;
        disks.tune_typing(&mut machine);
        // FILE, --cassette, --cassette-out: loaded before the front end starts.
        let file = if file_is_disk {
            None
        } else {
            args.file.as_deref()
        };
        let files = crate::files_cli::load_program(&mut machine, file, &args.files)?;
        // --sound-out, live sound in the window and terminal.
        let live = args.frontend != Some(Frontend::Headless) && args.monitor_script.is_none();
        let (sound, note) = SoundSession::start(&args.sound, &mut machine, live)?;
        if let Some(note) = note {
            eprintln!("{note}");
        }
        let typed = typed_input(args)?;
        if let Some(path) = &args.paste_file {
            paste_text(path)?;
        }
        if !typed.is_empty() {
            // The first key goes when the ROM (or DOS) first asks for one.
            machine.keyboard_mut().await_input();
            machine.type_text(&typed);
        }
        let headless = args.frontend == Some(Frontend::Headless);
        let rule = StopRule::from_args(
            args,
            headless.then_some(HEADLESS_SECONDS),
            machine.t_states(),
        )?;
        let pacer = Pacer::new(CPU_HZ, args.speed, machine.t_states());
        Ok(Session {
            machine,
            files,
            disks,
            serial,
            sound,
            rule,
            save_state: args.state.save_state.clone(),
            last_state: args
                .state
                .save_state
                .clone()
                .or(args.state.load_state.clone()),
            screen_out: args.screen_out.clone(),
            screenshot: args.screenshot.clone(),
            paste_file: args.paste_file.clone(),
            phosphor: args.phosphor,
            scale: args.scale,
            turbo: args.turbo,
            pasting: false,
            monitor: None,
            pacer,
            signal: Arc::new(AtomicUsize::new(0)),
            finished: false,
        })
    }

    /// The flag signal handlers set (to the signal's number) to end the run.
    pub fn signal_flag(&self) -> Arc<AtomicUsize> {
        Arc::clone(&self.signal)
    }

    /// Drive activity for the status line or title bar (`disk :0 T17` while a motor runs).
    pub fn drive_activity(&self) -> Option<String> {
        self.disks.status_line(&self.machine)
    }

    /// True while the run should go as fast as the host allows (turbo, or pasting).
    pub fn fast(&self) -> bool {
        self.turbo || self.pasting
    }

    /// True while F5's paste is being typed.
    pub fn pasting(&self) -> bool {
        self.pasting
    }

    /// Runs one video frame, moves the serial line and printers on, and says whether the run
    /// goes on.
    pub fn run_slice(&mut self) -> Verdict {
        match self.signal.load(Ordering::Relaxed) {
            0 => {}
            sig => return Verdict::Signalled(sig as u8),
        }
        self.machine.run_frame();
        self.serial.pump(&mut self.machine);
        let fast = self.fast();
        self.sound.pump(&mut self.machine, fast);
        if self.pasting && !self.machine.typing_pending() {
            self.pasting = false;
            self.repace();
        }
        self.rule.check(&self.machine)
    }

    /// One slice, or while the run is fast (turbo, pasting) as many as fit in `budget` of
    /// wall time, so a real-time front end still shows frames and reads keys in turbo.
    pub fn run_burst(&mut self, budget: std::time::Duration) -> Verdict {
        let start = std::time::Instant::now();
        loop {
            let v = self.run_slice();
            if v != Verdict::Continue || !self.fast() || start.elapsed() >= budget {
                return v;
            }
        }
    }

    /// Real-time pacing: how long to wait before the next slice (zero when fast).
    pub fn wait(&mut self) -> std::time::Duration {
        if self.fast() {
            return std::time::Duration::ZERO;
        }
        let t = self.machine.t_states();
        self.pacer.wait(t)
    }

    /// The measured speed in percent of a real Model I, once a second.
    pub fn measure(&mut self) -> Option<f64> {
        let t = self.machine.t_states();
        self.pacer.measure(t)
    }

    /// Pace from now on without catching up (after a pause or the end of turbo).
    pub fn repace(&mut self) {
        let t = self.machine.t_states();
        self.pacer.reanchor(t);
    }

    /// The machine and the monitor kept between F8 visits (made on first use, with file
    /// access in the current directory).
    pub fn machine_and_monitor(&mut self) -> (&mut Machine, &mut Monitor) {
        let mon = self.monitor.get_or_insert_with(front_end_monitor);
        (&mut self.machine, mon)
    }

    /// Keeps `mon` (its symbols and breakpoints) for the F8 visits.
    pub fn set_monitor(&mut self, mon: Monitor) {
        self.monitor = Some(mon);
    }

    /// Does what a front end asks: the one place the function keys are handled.
    pub fn apply(&mut self, cmd: HostCommand) -> Result<Reply> {
        let m = &mut self.machine;
        Ok(match cmd {
            HostCommand::Key(key) => {
                m.keyboard_mut().queue_keys(false, &[key]);
                Reply::None
            }
            HostCommand::Type(text) => {
                check_typable(&text, "typed text")?;
                m.type_text(&text);
                Reply::None
            }
            HostCommand::Paste => match self.paste_file.as_deref().map(paste_text) {
                Some(Ok(text)) => {
                    m.type_text(&text);
                    self.pasting = true;
                    Reply::None
                }
                Some(Err(e)) => Reply::Note(format!("F5: {e:#}")),
                None => Reply::Note("F5: no --paste-file given".into()),
            },
            HostCommand::Turbo => {
                self.turbo = !self.turbo;
                self.repace();
                Reply::None
            }
            HostCommand::Reset => {
                m.reset_button();
                Reply::None
            }
            HostCommand::PowerOn => {
                m.power_on_reset();
                Reply::None
            }
            HostCommand::Screenshot => {
                let path = self
                    .screenshot
                    .clone()
                    .unwrap_or_else(|| PathBuf::from(format!("trs80-{}.png", m.t_states())));
                save_screenshot(&path, m, self.phosphor, self.scale)?;
                Reply::Note(format!("saved {}", path.display()))
            }
            HostCommand::SaveState => {
                let path = self
                    .save_state
                    .clone()
                    .unwrap_or_else(|| PathBuf::from(format!("trs80-{}.state", m.t_states())));
                save_state_file(m, &path)?;
                self.last_state = Some(path.clone());
                Reply::Note(format!("saved state {}", path.display()))
            }
            HostCommand::LoadState => match self.last_state.clone() {
                Some(path) => {
                    load_state_file(m, &path)?;
                    self.repace();
                    Reply::Note(format!("loaded state {}", path.display()))
                }
                None => Reply::Note("F7: no state saved yet (F6 saves one)".into()),
            },
            HostCommand::Monitor => Reply::OpenMonitor,
            HostCommand::Quit => Reply::Quit,
        })
    }

    /// Writes every output of the run, once (later calls do nothing): the printers' paper and
    /// the serial line's last bytes, `--cassette-out` and `--save-bas`, changed disks,
    /// `--screen-out` and `--screenshot`. Each is written on its own (temporary file +
    /// rename) even if another failed; an output with nothing to write is left as it was,
    /// with a note on stderr; the error lists every output that failed.
    pub fn finish(&mut self) -> Result<()> {
        if std::mem::replace(&mut self.finished, true) {
            return Ok(());
        }
        let m = &mut self.machine;
        let mut report = outputs::Report::default();
        // The state first, before the printers' paper is taken out of the machine.
        if let Some(path) = &self.save_state {
            report.add(save_state_file(m, path));
        }
        report.add(self.sound.finish());
        self.serial.finish(m, &mut report);
        self.files.finish(m, &mut report);
        self.disks.finish(m, &mut report);
        if let Some(path) = &self.screen_out {
            let mut text = m.screen_text();
            text.push('\n');
            if is_stdout(path) {
                use std::io::Write;
                let mut out = std::io::stdout().lock();
                let written = out.write_all(text.as_bytes()).and_then(|_| out.flush());
                report.add(written.context("cannot write --screen-out to standard output"));
            } else {
                report.write(path, text.as_bytes(), "--screen-out");
            }
        }
        if let Some(path) = &self.screenshot {
            match screenshot_png(m, self.phosphor, self.scale) {
                Ok(png) => report.write(path, &png, "--screenshot"),
                Err(e) => report.add(Err(e)),
            }
        }
        for note in &report.notes {
            eprintln!("trs80: {note}");
        }
        report.into_result()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unescape() {
        assert_eq!(unescape_typed(r"PRINT 1\nLIST\n"), "PRINT 1\nLIST\n");
        assert_eq!(unescape_typed(r"A\\B\x"), r"A\B\x");
        assert_eq!(unescape_typed("tail\\"), "tail\\");
        assert_eq!(unescape_typed(r"CR\r"), "CR\n");
    }

    #[test]
    fn the_builtin_rom_is_known_as_ours() {
        let free = builtin_rom().unwrap();
        assert_eq!(known_rom_kind(&free), Some(RomKind::Free));
        let mut padded = free.clone();
        padded.resize(0x3000, 0xFF);
        assert_eq!(known_rom_kind(&padded), Some(RomKind::Free));
        padded[0] ^= 1;
        assert_eq!(known_rom_kind(&padded), None);
        let m = build_machine(&MachineArgs::default(), false).unwrap();
        assert_eq!(m.rom_kind(), RomKind::Free);
    }

    #[test]
    fn run_for_bounds() {
        assert_eq!(seconds_to_t(1.0).unwrap(), CPU_HZ);
        assert_eq!(seconds_to_t(0.5).unwrap(), CPU_HZ / 2);
        assert!(seconds_to_t(-1.0).is_err());
        assert!(seconds_to_t(f64::NAN).is_err());
    }

    #[test]
    fn finish_writes_every_output_once_and_a_signal_ends_the_run() {
        let dir = std::env::temp_dir().join(format!("trs80-session-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let screen = dir.join("screen.txt");
        let paper = dir.join("paper.txt");
        let mut args = RunArgs::defaults(MachineArgs::default());
        args.frontend = Some(Frontend::Headless);
        args.screen_out = Some(screen.clone());
        args.serial.printer = vec![format!("parallel:{}", paper.display()).parse().unwrap()];
        let mut s = Session::from_args(&args).unwrap();
        assert_eq!(s.run_slice(), Verdict::Continue);
        s.signal_flag().store(15, Ordering::Relaxed);
        assert_eq!(s.run_slice(), Verdict::Signalled(15));
        s.finish().unwrap();
        let text = std::fs::read_to_string(&screen).unwrap();
        assert_eq!(text.lines().count(), 16);
        // Nothing was printed: the paper is not created (an existing one would be left).
        assert!(!paper.exists());
        std::fs::remove_file(&screen).unwrap();
        s.finish().unwrap();
        assert!(!screen.exists(), "finish writes once");
    }
}
