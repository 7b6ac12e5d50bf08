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
//! | F6 / F7 | save the machine's state (`--save-state` path, else `trs80-<T>.state`) / load it back |
//! | F9 | turbo on/off |
//! | F10 | RESET button |
//! | F12 | screenshot (`--screenshot` path, else `trs80-<T>.png`) |
//! | F8 | pause and open the monitor here (`x` resumes; see `monitor_cli`) |
//! | Ctrl-C | quit |
//!
//! Keys become [`HostCommand`]s for the session, which decides what the function keys do;
//! this file only decodes the terminal's bytes and draws. Speed control is the session's
//! pacing at `--speed` percent, or `--turbo`. The terminal is restored on every exit path:
//! normal exit, error (a guard's `Drop`), panic (a panic hook, also with
//! `panic = "abort"`), and SIGTERM or SIGHUP, which the app turns into the end of the run
//! (exit status 128 + the signal; not while the F8 monitor waits for a command line).

use std::io::{IsTerminal, Write};
use std::sync::Mutex;
use std::time::Duration;

use anyhow::{bail, Context, Result};
use rustix::termios::{self, OptionalActions, Termios};
use trs80_machine::Key;

use crate::screen::{screen_lines, COLS, ROWS};
use crate::session::{HostCommand, Reply, Session, Verdict};

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
    /// F6: save state.
    SaveState,
    /// F7: load state.
    LoadState,
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
                (b'~', 17) => Some(SaveState),
                (b'~', 18) => Some(LoadState),
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

/// Runs the machine in the terminal until the session stops or Ctrl-C.
pub fn run(session: &mut Session) -> Result<Verdict> {
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        bail!("the terminal front end needs a terminal on stdin and stdout; use --frontend headless for scripts");
    }
    let _raw = RawTerminal::enter()?;
    run_loop(session)
}

/// The session's command for a decoded key.
fn command(k: TermKey) -> HostCommand {
    match k {
        TermKey::Char(c) => HostCommand::Type(c.to_ascii_uppercase().to_string()),
        TermKey::Enter => HostCommand::Key(Key::Enter),
        TermKey::Left => HostCommand::Key(Key::Left),
        TermKey::Up => HostCommand::Key(Key::Up),
        TermKey::Down => HostCommand::Key(Key::Down),
        TermKey::Right => HostCommand::Key(Key::Right),
        TermKey::Break => HostCommand::Key(Key::Break),
        TermKey::Clear => HostCommand::Key(Key::Clear),
        TermKey::Paste => HostCommand::Paste,
        TermKey::Turbo => HostCommand::Turbo,
        TermKey::Reset => HostCommand::Reset,
        TermKey::Screenshot => HostCommand::Screenshot,
        TermKey::SaveState => HostCommand::SaveState,
        TermKey::LoadState => HostCommand::LoadState,
        TermKey::Quit => HostCommand::Quit,
        TermKey::Monitor => HostCommand::Monitor,
    }
}

fn run_loop(session: &mut Session) -> Result<Verdict> {
    let mut screen = TermScreen::new();
    let mut decoder = KeyDecoder::new();
    let mut out = std::io::stdout();
    let mut message = String::new();
    let mut last_draw: Option<std::time::Instant> = None;
    let mut size = terminal_size();
    out.write_all(screen.frame().as_bytes())?;
    loop {
        // Emulate: one frame, or when fast about 20 ms worth of frames.
        let verdict = session.run_burst(Duration::from_millis(20));
        if let Some(p) = session.measure() {
            message.clear();
            message.push_str(&format!("{p:.0}%"));
        }
        if verdict != Verdict::Continue
            || last_draw.is_none_or(|d| d.elapsed() >= Duration::from_millis(33))
        {
            last_draw = Some(std::time::Instant::now());
            // The terminal was resized: draw everything again.
            let new_size = terminal_size();
            if new_size != size {
                size = new_size;
                out.write_all(screen.frame().as_bytes())?;
            }
            let m = &session.machine;
            let lines = screen_lines(m.video_ram(), m.wide_mode(), m.lowercase_mod());
            let small = matches!(size, Some((c, r)) if c < 66 || r < 19);
            let status = if small {
                format!(" {message:>5} the terminal needs 66x19 cells; Ctrl-C quits")
            } else {
                format!(
                    " {:>5} {} {} Esc/F1 BREAK  Home/F2 CLEAR  F6/F7 state  F9 turbo  F8 monitor  F10 reset  F12 shot  Ctrl-C quit",
                    message,
                    if session.turbo { "TURBO" } else { "" },
                    session.drive_activity().unwrap_or_default()
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
        // Wait for the frame's deadline, handling keys meanwhile.
        loop {
            let wait = session.wait();
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
                match session.apply(command(k))? {
                    Reply::Quit => return Ok(Verdict::Done),
                    Reply::Note(note) => message = note,
                    // F8 pauses and opens the monitor here.
                    Reply::OpenMonitor => {
                        let (m, mon) = session.machine_and_monitor();
                        crate::monitor_cli::terminal_session(m, mon)?;
                        screen = TermScreen::new();
                        out.write_all(screen.frame().as_bytes())?;
                        session.repace();
                    }
                    Reply::None => {}
                }
            }
            if bytes.is_empty() || session.fast() {
                break;
            }
        }
    }
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
            d.feed(b"\x1bOP\x1b[H\x1b[15~\x1b[24~\x1b[17~\x1b[18~"),
            vec![Break, Clear, Paste, Screenshot, SaveState, LoadState]
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
