//! Terminal front end: the 64×16 screen drawn in a text terminal, keys read in raw mode.
//!
//! The screen is drawn in a box on the terminal's alternate screen with a status line
//! below (needs 66×19 cells). Block graphics appear as Unicode sextant characters (see
//! [`crate::screen`]); a font with the "Symbols for Legacy Computing" block shows them.
//! Only lines that changed are redrawn.
//!
//! Keys (a terminal reports presses only, so every key is typed through the machine's
//! key queue, which holds it long enough for the ROM to see):
//!
//! | host key | TRS-80 |
//! | --- | --- |
//! | letters | the letter (upper case; the Model I has no lower case) |
//! | digits, punctuation | the character, with SHIFT when the TRS-80 needs it (`"` = SHIFT+2) |
//! | Enter | ENTER |
//! | Backspace, ← | ← (backspace) |
//! | ↑ ↓ → , Tab | ↑ ↓ →, → |
//! | Esc, F1 | BREAK |
//! | Home, F2 | CLEAR |
//! | F5 | type the `--paste-file` |
//! | F9 | turbo on/off |
//! | F10 | RESET button |
//! | F12 | screenshot (`--screenshot` path, else `trs80-<T>.png`) |
//! | F8 | pause and open the monitor here (`x` resumes; see `monitor_cli`) |
//! | Ctrl-C | quit |
//!
//! Speed control is the same as the window's: an absolute-deadline throttle at
//! `--speed` percent, or `--turbo`. The terminal is restored on every exit path: normal
//! exit, error (a guard's `Drop`), panic (a panic hook, also with `panic = "abort"`),
//! and SIGTERM or SIGHUP, which end the run like Ctrl-C (exit status 128 + the signal;
//! not while the F8 monitor waits for a command line).

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::{bail, Context, Result};
use rustix::termios::{self, OptionalActions, Termios};
use signal_hook::consts::{SIGHUP, SIGTERM};
use trs80_machine::{Key, Machine, CPU_HZ};

use crate::cli::RunArgs;
use crate::run::{write_outputs, StopRule, Verdict};
use crate::screen::{screen_lines, COLS, ROWS};
use crate::throttle::{Clock, MonotonicClock, SpeedMeter, Throttle};

/// A key decoded from the terminal's input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermKey {
    /// A printable ASCII character.
    Char(char),
    /// Enter / Return.
    Enter,
    /// Backspace (and the left arrow): the TRS-80's ←.
    Left,
    /// Up arrow.
    Up,
    /// Down arrow.
    Down,
    /// Right arrow.
    Right,
    /// Esc or F1: BREAK.
    Break,
    /// Home or F2: CLEAR.
    Clear,
    /// F5: type the paste file.
    Paste,
    /// F9: turbo on/off.
    Turbo,
    /// F10: the RESET button.
    Reset,
    /// F12: screenshot.
    Screenshot,
    /// Ctrl-C: quit.
    Quit,
    /// F8: open the monitor (monitor hook).
    Monitor,
}

/// Decodes raw terminal input bytes (ASCII, CSI and SS3 escape sequences) into keys.
#[derive(Debug, Default)]
pub struct KeyDecoder {
    pending: Vec<u8>,
}

impl KeyDecoder {
    /// A decoder with nothing pending.
    pub fn new() -> Self {
        Self::default()
    }

    /// True when an incomplete escape sequence is waiting for more bytes.
    pub fn has_pending(&self) -> bool {
        !self.pending.is_empty()
    }

    /// Decodes `bytes`; an incomplete escape sequence at the end is kept for later.
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<TermKey> {
        self.pending.extend_from_slice(bytes);
        let mut keys = Vec::new();
        let mut i = 0;
        while i < self.pending.len() {
            match decode_one(&self.pending[i..]) {
                Decoded::Key(k, n) => {
                    keys.extend(k);
                    i += n;
                }
                Decoded::Incomplete => break,
            }
        }
        self.pending.drain(..i);
        keys
    }

    /// Called when no more bytes came for a while: a lone Esc is BREAK, any other
    /// unfinished sequence is dropped.
    pub fn flush(&mut self) -> Vec<TermKey> {
        let lone_esc = self.pending == [0x1B];
        self.pending.clear();
        if lone_esc {
            vec![TermKey::Break]
        } else {
            Vec::new()
        }
    }
}

enum Decoded {
    /// A key (or nothing, for an ignored sequence) and the bytes it used.
    Key(Option<TermKey>, usize),
    Incomplete,
}

fn decode_one(b: &[u8]) -> Decoded {
    use TermKey::*;
    let key = |k: TermKey, n: usize| Decoded::Key(Some(k), n);
    match b[0] {
        0x03 => key(Quit, 1),
        b'\r' | b'\n' => key(Enter, 1),
        0x7F | 0x08 => key(Left, 1),
        b'\t' => key(Right, 1),
        0x1B => decode_escape(b),
        c @ 0x20..=0x7E => key(Char(c as char), 1),
        _ => Decoded::Key(None, 1),
    }
}

fn decode_escape(b: &[u8]) -> Decoded {
    use TermKey::*;
    if b.len() < 2 {
        return Decoded::Incomplete;
    }
    match b[1] {
        b'O' => {
            // SS3: ESC O x (application cursor keys, F1-F4).
            let Some(&x) = b.get(2) else {
                return Decoded::Incomplete;
            };
            let k = match x {
                b'A' => Some(Up),
                b'B' => Some(Down),
                b'C' => Some(Right),
                b'D' => Some(Left),
                b'H' => Some(Clear),
                b'P' => Some(Break),
                b'Q' => Some(Clear),
                _ => None,
            };
            Decoded::Key(k, 3)
        }
        b'[' => {
            // CSI: ESC [ parameters final (final byte 40H-7EH).
            let Some(end) = b[2..].iter().position(|c| (0x40..=0x7E).contains(c)) else {
                return if b.len() > 16 {
                    Decoded::Key(None, b.len())
                } else {
                    Decoded::Incomplete
                };
            };
            let params = &b[2..2 + end];
            let fin = b[2 + end];
            let first: u32 = std::str::from_utf8(params)
                .ok()
                .and_then(|s| s.split(';').next())
                .and_then(|s| s.parse().ok())
                .unwrap_or(0);
            let k = match (fin, first) {
                (b'A', _) => Some(Up),
                (b'B', _) => Some(Down),
                (b'C', _) => Some(Right),
                (b'D', _) => Some(Left),
                (b'H', _) => Some(Clear),
                (b'~', 1) | (b'~', 7) => Some(Clear),
                (b'~', 11) => Some(Break),
                (b'~', 12) => Some(Clear),
                (b'~', 15) => Some(Paste),
                (b'~', 20) => Some(Turbo),
                (b'~', 21) => Some(Reset),
                (b'~', 24) => Some(Screenshot),
                (b'~', 19) => Some(Monitor),
                _ => None,
            };
            Decoded::Key(k, 3 + end)
        }
        // Esc followed by an ordinary byte: BREAK, then that byte on its own.
        _ => Decoded::Key(Some(Break), 1),
    }
}

/// Draws the screen as terminal escape sequences, redrawing only what changed.
#[derive(Debug, Default)]
pub struct TermScreen {
    drawn: Vec<String>,
    status: String,
}

impl TermScreen {
    /// A screen with nothing drawn yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Everything to draw the box and blank contents (first frame, or after a resize).
    pub fn frame(&mut self) -> String {
        self.drawn.clear();
        self.status.clear();
        let bar = "─".repeat(COLS);
        let mut s = String::from("\x1b[0m\x1b[2J\x1b[H");
        s.push_str(&format!("┌{bar}┐"));
        for r in 0..ROWS {
            s.push_str(&format!("\x1b[{};1H│\x1b[{};{}H│", r + 2, r + 2, COLS + 2));
        }
        s.push_str(&format!("\x1b[{};1H└{bar}┘", ROWS + 2));
        s
    }

    /// The escape sequences that bring the terminal from what was drawn to `lines` and
    /// `status` (empty when nothing changed).
    pub fn update(&mut self, lines: &[String], status: &str) -> String {
        let mut s = String::new();
        for (r, line) in lines.iter().enumerate().take(ROWS) {
            if self.drawn.get(r) != Some(line) {
                s.push_str(&format!("\x1b[{};2H{line}", r + 2));
            }
        }
        self.drawn = lines.to_vec();
        if status != self.status {
            s.push_str(&format!("\x1b[{};1H\x1b[2K{status}", ROWS + 3));
            self.status = status.to_string();
        }
        s
    }
}

/// Terminal settings saved before raw mode, for the panic hook.
static SAVED: Mutex<Option<Termios>> = Mutex::new(None);

/// Escape sequences that leave the alternate screen and show the cursor again.
const LEAVE: &str = "\x1b[0m\x1b[?25h\x1b[?1049l";

fn restore_terminal() {
    if let Ok(mut saved) = SAVED.lock() {
        if let Some(t) = saved.take() {
            let _ = termios::tcsetattr(std::io::stdin(), OptionalActions::Now, &t);
            let mut out = std::io::stdout();
            let _ = out.write_all(LEAVE.as_bytes());
            let _ = out.flush();
        }
    }
}

/// Raw mode and the alternate screen for as long as it lives.
struct RawTerminal;

impl RawTerminal {
    fn enter() -> Result<Self> {
        let stdin = std::io::stdin();
        let original = termios::tcgetattr(&stdin).context("cannot read the terminal settings")?;
        let mut raw = original.clone();
        raw.make_raw();
        *SAVED.lock().unwrap_or_else(|e| e.into_inner()) = Some(original);
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore_terminal();
            previous(info);
        }));
        termios::tcsetattr(&stdin, OptionalActions::Now, &raw)
            .context("cannot switch the terminal to raw mode")?;
        let mut out = std::io::stdout();
        out.write_all(b"\x1b[?1049h\x1b[?25l")?;
        out.flush()?;
        Ok(RawTerminal)
    }
}

impl Drop for RawTerminal {
    fn drop(&mut self) {
        restore_terminal();
    }
}

/// The terminal's size in (columns, rows), if it can be read.
fn terminal_size() -> Option<(u16, u16)> {
    termios::tcgetwinsize(std::io::stdout())
        .ok()
        .map(|w| (w.ws_col, w.ws_row))
}

/// Waits up to `timeout` for input on stdin and returns what was read.
fn read_input(timeout: Duration) -> Result<Vec<u8>> {
    let stdin = std::io::stdin();
    let mut fds = [rustix::event::PollFd::new(
        &stdin,
        rustix::event::PollFlags::IN,
    )];
    let ts = rustix::event::Timespec {
        tv_sec: timeout.as_secs() as _,
        tv_nsec: timeout.subsec_nanos() as _,
    };
    match rustix::event::poll(&mut fds, Some(&ts)) {
        Ok(0) => return Ok(Vec::new()),
        Ok(_) => {}
        Err(rustix::io::Errno::INTR) => return Ok(Vec::new()),
        Err(e) => return Err(e).context("cannot wait for terminal input"),
    }
    let revents = fds[0].revents();
    if revents.intersects(rustix::event::PollFlags::HUP | rustix::event::PollFlags::ERR)
        && !revents.contains(rustix::event::PollFlags::IN)
    {
        bail!("the terminal went away");
    }
    let mut buf = [0u8; 256];
    // Read the descriptor directly: std's buffered Stdin could keep bytes that poll()
    // would then not report.
    let n = rustix::io::read(&stdin, &mut buf).context("cannot read the terminal")?;
    if n == 0 {
        bail!("the terminal closed its input");
    }
    Ok(buf[..n].to_vec())
}

/// What the terminal loop should do after a key.
enum Action {
    None,
    Quit,
    Monitor,
}

/// Runs the machine in the terminal.
pub fn run(args: &RunArgs, machine: &mut Machine) -> Result<ExitCode> {
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        bail!("the terminal front end needs a terminal on stdin and stdout; use --frontend headless for scripts");
    }
    let rule = StopRule::from_args(args, None, machine.t_states())?;
    // SIGTERM or SIGHUP (the terminal closed) end the run like Ctrl-C does, so
    // the terminal gets its settings back; the exit status is 128 + the signal.
    let stop = Arc::new(AtomicUsize::new(0));
    let mut hooks = Vec::new();
    for sig in [SIGTERM, SIGHUP] {
        let id = signal_hook::flag::register_usize(sig, Arc::clone(&stop), sig as usize)
            .with_context(|| format!("cannot handle signal {sig}"))?;
        hooks.push(id);
    }
    let verdict = {
        let _raw = RawTerminal::enter()?;
        run_loop(args, machine, &rule, &stop)
    };
    for id in hooks {
        signal_hook::low_level::unregister(id);
    }
    let verdict = verdict?;
    write_outputs(args, machine)?;
    match (verdict, stop.load(Ordering::Relaxed)) {
        (Verdict::Failed(msg), _) => bail!(msg),
        (_, 0) => Ok(ExitCode::SUCCESS),
        (_, sig) => Ok(ExitCode::from(128 + sig as u8)),
    }
}

fn run_loop(
    args: &RunArgs,
    machine: &mut Machine,
    rule: &StopRule,
    stop: &AtomicUsize,
) -> Result<Verdict> {
    let clock = MonotonicClock::new();
    let mut throttle = Throttle::new(CPU_HZ, args.speed, clock.now(), machine.t_states());
    let mut meter = SpeedMeter::new(
        CPU_HZ,
        Duration::from_secs(1),
        clock.now(),
        machine.t_states(),
    );
    let mut turbo = args.turbo;
    let mut screen = TermScreen::new();
    let mut decoder = KeyDecoder::new();
    let mut out = std::io::stdout();
    let mut message = String::new();
    let mut last_draw = Duration::ZERO;
    let mut size = terminal_size();
    let mut monitor = None; // monitor hook: kept between F8 sessions (symbols, breakpoints)
    out.write_all(screen.frame().as_bytes())?;
    loop {
        // Emulate: one frame, or in turbo about 20 ms worth of frames.
        let start = clock.now();
        loop {
            machine.run_frame();
            if !turbo || clock.now() - start >= Duration::from_millis(20) {
                break;
            }
        }
        let verdict = rule.check(machine);
        let now = clock.now();
        if let Some(p) = meter.update(machine.t_states(), now) {
            message.clear();
            message.push_str(&format!("{p:.0}%"));
        }
        if verdict != Verdict::Continue || now - last_draw >= Duration::from_millis(33) {
            last_draw = now;
            // The terminal was resized: draw everything again.
            let new_size = terminal_size();
            if new_size != size {
                size = new_size;
                out.write_all(screen.frame().as_bytes())?;
            }
            let lines = screen_lines(machine.video_ram(), machine.wide_mode(), false);
            let small = matches!(size, Some((c, r)) if c < 66 || r < 19);
            let status = if small {
                format!(" {message:>5} the terminal needs 66x19 cells; Ctrl-C quits")
            } else {
                format!(
                    " {:>5} {}  Esc/F1 BREAK  Home/F2 CLEAR  F9 turbo  F8 monitor  F10 reset  F12 shot  Ctrl-C quit",
                    message,
                    if turbo { "TURBO" } else { "" }
                )
            };
            let update = screen.update(&lines, &status);
            if !update.is_empty() {
                out.write_all(update.as_bytes())?;
                out.flush()?;
            }
        }
        if verdict != Verdict::Continue {
            return Ok(verdict);
        }
        if stop.load(Ordering::Relaxed) != 0 {
            return Ok(Verdict::Done);
        }
        // Wait for the frame's deadline, handling keys meanwhile.
        loop {
            let wait = if turbo {
                Duration::ZERO
            } else {
                throttle.pace(machine.t_states(), clock.now())
            };
            let wait = if decoder.has_pending() {
                wait.max(Duration::from_millis(30))
            } else {
                wait
            };
            let bytes = read_input(wait)?;
            let keys = if bytes.is_empty() && decoder.has_pending() {
                decoder.flush()
            } else {
                decoder.feed(&bytes)
            };
            for k in keys {
                let was_turbo = turbo;
                match apply_key(k, args, machine, &mut turbo, &mut message)? {
                    Action::Quit => return Ok(Verdict::Done),
                    // --- monitor hook (monitor_cli): F8 pauses and opens the monitor here.
                    Action::Monitor => {
                        let mon = monitor.get_or_insert_with(crate::monitor_cli::front_end_monitor);
                        crate::monitor_cli::terminal_session(machine, mon)?;
                        screen = TermScreen::new();
                        out.write_all(screen.frame().as_bytes())?;
                        throttle.reanchor(clock.now(), machine.t_states());
                    }
                    // --- end of monitor hook.
                    Action::None => {}
                }
                if was_turbo && !turbo {
                    throttle.reanchor(clock.now(), machine.t_states());
                }
            }
            if bytes.is_empty() || turbo {
                break;
            }
        }
    }
}

fn apply_key(
    k: TermKey,
    args: &RunArgs,
    machine: &mut Machine,
    turbo: &mut bool,
    message: &mut String,
) -> Result<Action> {
    let kb = |m: &mut Machine, key: Key| m.keyboard_mut().queue_keys(false, &[key]);
    match k {
        TermKey::Char(c) => machine.type_text(&c.to_ascii_uppercase().to_string()),
        TermKey::Enter => kb(machine, Key::Enter),
        TermKey::Left => kb(machine, Key::Left),
        TermKey::Up => kb(machine, Key::Up),
        TermKey::Down => kb(machine, Key::Down),
        TermKey::Right => kb(machine, Key::Right),
        TermKey::Break => kb(machine, Key::Break),
        TermKey::Clear => kb(machine, Key::Clear),
        TermKey::Paste => match &args.paste_file {
            Some(p) => {
                let text = std::fs::read_to_string(p)
                    .with_context(|| format!("cannot read --paste-file {}", p.display()))?;
                machine.type_text(&text);
            }
            None => *message = "no --paste-file".into(),
        },
        TermKey::Turbo => *turbo = !*turbo,
        TermKey::Reset => machine.reset_button(),
        TermKey::Screenshot => {
            let path = args
                .screenshot
                .clone()
                .unwrap_or_else(|| PathBuf::from(format!("trs80-{}.png", machine.t_states())));
            crate::run::save_screenshot(&path, machine, args)?;
            *message = format!("saved {}", path.display());
        }
        TermKey::Quit => return Ok(Action::Quit),
        TermKey::Monitor => return Ok(Action::Monitor),
    }
    Ok(Action::None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use TermKey::*;

    #[test]
    fn decodes_plain_keys_and_sequences() {
        let mut d = KeyDecoder::new();
        assert_eq!(
            d.feed(b"a\"\r\x7f\x1b[A\x1bOB\x1b[21~\x1b[1;5C\x03"),
            vec![
                Char('a'),
                Char('"'),
                Enter,
                Left,
                Up,
                Down,
                Reset,
                Right,
                Quit
            ]
        );
        assert!(!d.has_pending());
    }

    #[test]
    fn split_sequences_and_lone_escape() {
        let mut d = KeyDecoder::new();
        assert_eq!(d.feed(b"\x1b"), vec![]);
        assert!(d.has_pending());
        assert_eq!(d.feed(b"[2"), vec![]);
        assert_eq!(d.feed(b"0~x"), vec![Turbo, Char('x')]);
        assert_eq!(d.feed(b"\x1b"), vec![]);
        assert_eq!(d.flush(), vec![Break]);
        assert_eq!(
            d.feed(b"\x1bOP\x1b[H\x1b[15~\x1b[24~"),
            vec![Break, Clear, Paste, Screenshot]
        );
        // Unknown sequences are swallowed whole.
        assert_eq!(d.feed(b"\x1b[99zq"), vec![Char('q')]);
    }

    #[test]
    fn redraws_only_changed_lines() {
        let mut s = TermScreen::new();
        let f = s.frame();
        assert!(f.contains("┌") && f.contains("┘"));
        let mut lines = vec![" ".repeat(64); 16];
        let first = s.update(&lines, "st");
        assert_eq!(first.matches("\x1b[").count(), 16 + 2);
        assert_eq!(s.update(&lines, "st"), "");
        lines[3] = format!("{:<64}", "READY");
        let u = s.update(&lines, "st");
        assert_eq!(u, format!("\x1b[5;2H{}", lines[3]));
    }
}
