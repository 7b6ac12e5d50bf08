//! Window front end (minifb, X11): the Model I screen at its real dot geometry and speed.
//!
//! Geometry: the Model I draws 384×192 dots. Its dots are taller than wide (about 1:1.75
//! from the raster timing on a 4:3 tube, see [`crate::png_out`]); the window uses 1:2, so
//! at `--scale N` each dot is N×2N host pixels and the window is 384N×384N. Scaling is
//! integer (nearest neighbour), done here so the window shows exact dots.
//!
//! Speed: minifb's own frame limiter is off (`set_target_fps(0)`); an absolute-deadline
//! [`Throttle`] runs 29,568 T-states per 1/60 s at `--speed` percent. The title shows the
//! measured speed once a second. Turbo (F9 or `--turbo`) runs frames for 16 ms of wall
//! time between screen updates.
//!
//! Keyboard: *logical* mapping for a US keyboard: a host key types the character on its
//! keycap, with SHIFT added or removed as the TRS-80 needs (host `"` → SHIFT+2, host `=`
//! → SHIFT+-, host SHIFT+; `:` → the TRS-80's unshifted `:` key). Every press goes
//! through the machine's key queue, so even a tap is held long enough for the ROM to see
//! it; keys whose TRS-80 shift state matches the host's (letters, digits, ENTER, arrows,
//! space, BREAK, CLEAR) are also held down for as long as the host key is held.
//!
//! | host key | TRS-80 |
//! | --- | --- |
//! | A–Z, 0–9, punctuation | the same character (letters upper case) |
//! | Enter | ENTER |
//! | Backspace, ← | ← |
//! | ↑ ↓ → | ↑ ↓ → |
//! | Esc, F1, Pause, End | BREAK |
//! | Home, F2, Delete | CLEAR |
//! | `@` (SHIFT+2 on a US keyboard) | @ |
//! | F5 | type the `--paste-file` (runs in turbo until it is typed) |
//! | F6 / F7 | save the machine's state (`--save-state` path, else `trs80-<T>.state`) / load it back |
//! | F9 | turbo on/off |
//! | F10 / SHIFT+F10 | RESET button (NMI) / power-on reset |
//! | F12 | screenshot (`--screenshot` path, else `trs80-<T>.png`) |
//! | F8 | pause and open the monitor in the launching terminal (`x` resumes; see `monitor_cli`) |

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use anyhow::{anyhow, Context, Result};
use minifb::{InputCallback, Key as HostKey, Window, WindowOptions};
use trs80_host::keys::{char_press, HeldKeys, TrsPress};
use trs80_machine::{video, Key};

use crate::monitor_cli::Console;
use crate::screen::{scale_tint, Phosphor};
use crate::session::{HostCommand, Reply, Session, Verdict};

/// Window title prefix (tests find the window by it).
pub const TITLE: &str = "TRS-80 Model I";

/// What a host key press does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Press {
    /// Press a key on the TRS-80.
    Trs {
        /// With SHIFT.
        shift: bool,
        /// The key.
        key: Key,
        /// The key may stay down while the host key is held (its SHIFT state matches
        /// the host's).
        hold: bool,
    },
    /// An emulator command.
    Command(HostCommand),
}

/// The character on a US keyboard's keycap, unshifted or shifted.
pub fn us_char(key: HostKey, shift: bool) -> Option<char> {
    use HostKey::*;
    let pair = match key {
        Key0 => ('0', ')'),
        Key1 => ('1', '!'),
        Key2 => ('2', '@'),
        Key3 => ('3', '#'),
        Key4 => ('4', '$'),
        Key5 => ('5', '%'),
        Key6 => ('6', '^'),
        Key7 => ('7', '&'),
        Key8 => ('8', '*'),
        Key9 => ('9', '('),
        Apostrophe => ('\'', '"'),
        Backquote => ('`', '~'),
        Backslash => ('\\', '|'),
        Comma => (',', '<'),
        Equal => ('=', '+'),
        LeftBracket => ('[', '{'),
        Minus => ('-', '_'),
        Period => ('.', '>'),
        RightBracket => (']', '}'),
        Semicolon => (';', ':'),
        Slash => ('/', '?'),
        NumPad0 => ('0', '0'),
        NumPad1 => ('1', '1'),
        NumPad2 => ('2', '2'),
        NumPad3 => ('3', '3'),
        NumPad4 => ('4', '4'),
        NumPad5 => ('5', '5'),
        NumPad6 => ('6', '6'),
        NumPad7 => ('7', '7'),
        NumPad8 => ('8', '8'),
        NumPad9 => ('9', '9'),
        NumPadDot => ('.', '.'),
        NumPadSlash => ('/', '/'),
        NumPadAsterisk => ('*', '*'),
        NumPadMinus => ('-', '-'),
        NumPadPlus => ('+', '+'),
        k => {
            let i = k as u8;
            if (HostKey::A as u8..=HostKey::Z as u8).contains(&i) {
                let c = (b'A' + i - HostKey::A as u8) as char;
                (c, c)
            } else {
                return None;
            }
        }
    };
    Some(if shift { pair.1 } else { pair.0 })
}

/// Maps a host key press (with the host's SHIFT state) to what the TRS-80 gets.
pub fn map_key(key: HostKey, shift: bool) -> Option<Press> {
    use HostKey::*;
    let trs = |key: Key| {
        Some(Press::Trs {
            shift,
            key,
            hold: true,
        })
    };
    match key {
        Enter | NumPadEnter => trs(Key::Enter),
        Backspace | Left => trs(Key::Left),
        Right => trs(Key::Right),
        Up => trs(Key::Up),
        Down => trs(Key::Down),
        Space => trs(Key::Space),
        Escape | F1 | Pause | End => trs(Key::Break),
        Home | F2 | Delete => trs(Key::Clear),
        F5 => Some(Press::Command(HostCommand::Paste)),
        F6 => Some(Press::Command(HostCommand::SaveState)),
        F7 => Some(Press::Command(HostCommand::LoadState)),
        F9 => Some(Press::Command(HostCommand::Turbo)),
        F10 if shift => Some(Press::Command(HostCommand::PowerOn)),
        F10 => Some(Press::Command(HostCommand::Reset)),
        F12 => Some(Press::Command(HostCommand::Screenshot)),
        F8 => Some(Press::Command(HostCommand::Monitor)),
        A | B | C | D | E | F | G | H | I | J | K | L | M | N | O | P | Q | R | S | T | U | V
        | W | X | Y | Z => {
            let c = us_char(key, false)?;
            trs(Key::Char(c as u8))
        }
        _ => {
            let p = char_press(us_char(key, shift)?, shift)?;
            Some(Press::Trs {
                shift: p.shift,
                key: p.key,
                hold: p.hold,
            })
        }
    }
}

/// Runs the machine in a window until it is closed or the session stops.
pub fn run(session: &mut Session, scale: u32) -> Result<Verdict> {
    let window = open(scale)?;
    run_in(session, window, scale)
}

/// Opens the window at `scale` (fails when there is no usable display).
pub fn open(scale: u32) -> Result<Window> {
    let scale = scale as usize;
    let (w, h) = (video::SCREEN_W * scale, video::SCREEN_H * 2 * scale);
    Window::new(TITLE, w, h, WindowOptions::default())
        .map_err(|e| anyhow!("{e}"))
        .context("cannot open a window (no display? try --frontend terminal)")
}

/// Runs `session` in a window [`open`] made.
pub fn run_in(session: &mut Session, mut window: Window, scale: u32) -> Result<Verdict> {
    let scale = scale as usize;
    let phosphor = session.phosphor;
    window.set_target_fps(0);
    let mut held: HeldKeys<HostKey> = HeldKeys::default();
    let events = KeyEvents::default();
    window.set_input_callback(Box::new(events.clone()));
    let mut down = std::collections::HashSet::new();
    let mut shifts = [false; 2];
    let mut dots = vec![0u32; video::SCREEN_W * video::SCREEN_H];
    let mut last_shown: Option<([u8; 1024], bool)> = None;
    let mut note = String::new();
    // F8 pauses the machine and opens the monitor in the launching terminal; the window
    // keeps showing the paused screen until `x`.
    let mut console: Option<Console> = None;

    loop {
        if !window.is_open() {
            if console.is_some() {
                crate::line_edit::restore_terminal();
            }
            return Ok(Verdict::Done);
        }
        if let Some(c) = console.as_mut() {
            let (m, mon) = session.machine_and_monitor();
            if c.poll(m, mon) {
                events.take(); // keys pressed in the paused window go nowhere
                m.render(&mut dots);
                present(&mut window, &dots, scale, phosphor)?;
                std::thread::sleep(Duration::from_millis(16));
                continue;
            }
            console = None;
            window.set_title(TITLE);
            session.repace();
        }
        // Keys, every press and release in order (a held key's repeats are ignored).
        for (k, is_down) in events.take() {
            if matches!(k, HostKey::LeftShift | HostKey::RightShift) {
                shifts[usize::from(k == HostKey::RightShift)] = is_down;
            }
            if !is_down {
                down.remove(&k);
                held.release(&mut session.machine, k);
                continue;
            }
            if !down.insert(k) {
                continue;
            }
            match map_key(k, shifts[0] || shifts[1]) {
                Some(Press::Trs { shift, key, hold }) => {
                    held.press(&mut session.machine, k, TrsPress { shift, key, hold })
                }
                Some(Press::Command(c)) => match session.apply(c)? {
                    Reply::None => {}
                    Reply::Note(n) => note = n,
                    Reply::Quit => return Ok(Verdict::Done),
                    Reply::OpenMonitor => {
                        held.release_all(&mut session.machine);
                        window.set_title(&format!(
                            "{TITLE} - PAUSED: monitor in the terminal (x resumes)"
                        ));
                        let (m, mon) = session.machine_and_monitor();
                        console = Some(Console::open(m, mon));
                    }
                },
                None => {}
            }
        }
        if !window.is_active() {
            held.release_all(&mut session.machine);
        }
        if console.is_some() {
            continue; // paused from this frame on
        }

        // Emulate: one frame, or when fast 16 ms worth of frames.
        let verdict = session.run_burst(Duration::from_millis(16));
        if verdict != Verdict::Continue {
            return Ok(verdict);
        }

        // Show: draw and upload only when the video RAM or the mode changed (comparing
        // the 1 KB of video RAM costs far less than drawing 73,728 dots each frame).
        let shown = (*session.machine.video_ram(), session.machine.wide_mode());
        if last_shown != Some(shown) {
            session.machine.render(&mut dots);
            present(&mut window, &dots, scale, phosphor)?;
            last_shown = Some(shown);
        } else {
            window.update();
        }
        if let Some(p) = session.measure() {
            let mode = if session.turbo {
                " TURBO"
            } else if session.pasting() {
                " pasting"
            } else {
                ""
            };
            let disk = session
                .drive_activity()
                .map(|d| format!(" - {d}"))
                .unwrap_or_default();
            window.set_title(&format!(
                "{TITLE} - {p:.1}% of 1.774 MHz{mode}{disk}{}{note}",
                if note.is_empty() { "" } else { " - " }
            ));
            note.clear();
        }

        // Pace.
        let wait = session.wait();
        if !wait.is_zero() {
            std::thread::sleep(wait);
        }
    }
}

/// Key presses and releases in the order X delivered them. minifb's key state alone (what
/// is down at each frame) loses a key pressed and released between two frames, as fast
/// typists and `xdotool type` do; the queue keeps every edge.
#[derive(Clone, Default)]
struct KeyEvents(Rc<RefCell<Vec<(HostKey, bool)>>>);

impl InputCallback for KeyEvents {
    fn add_char(&mut self, _uni_char: u32) {}

    fn set_key_state(&mut self, key: HostKey, state: bool) {
        self.0.borrow_mut().push((key, state));
    }
}

impl KeyEvents {
    fn take(&self) -> Vec<(HostKey, bool)> {
        std::mem::take(&mut *self.0.borrow_mut())
    }
}

/// Scale and tint the machine's dots and show them in the window.
fn present(window: &mut Window, dots: &[u32], scale: usize, phosphor: Phosphor) -> Result<()> {
    let (w, h) = (video::SCREEN_W * scale, video::SCREEN_H * 2 * scale);
    let buffer = scale_tint(
        dots,
        video::SCREEN_W,
        video::SCREEN_H,
        scale,
        2 * scale,
        phosphor,
    );
    window
        .update_with_buffer(&buffer, w, h)
        .map_err(|e| anyhow!("{e}"))
        .context("cannot draw the window")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trs(shift: bool, c: u8) -> Option<Press> {
        Some(Press::Trs {
            shift,
            key: Key::Char(c),
            hold: true,
        })
    }

    #[test]
    fn keycaps_map_logically() {
        // Letters and digits: same key, host shift passes through.
        assert_eq!(map_key(HostKey::A, false), trs(false, b'A'));
        assert_eq!(map_key(HostKey::Key7, false), trs(false, b'7'));
        // Host " (SHIFT+') is SHIFT+2 on the TRS-80; host @ (SHIFT+2) is the @ key.
        assert_eq!(
            map_key(HostKey::Apostrophe, true),
            Some(Press::Trs {
                shift: true,
                key: Key::Char(b'2'),
                hold: true
            })
        );
        assert_eq!(
            map_key(HostKey::Key2, true),
            Some(Press::Trs {
                shift: false,
                key: Key::Char(b'@'),
                hold: false
            })
        );
        // Host = is SHIFT+- ; host : (SHIFT+;) is the unshifted : key.
        assert_eq!(
            map_key(HostKey::Equal, false),
            Some(Press::Trs {
                shift: true,
                key: Key::Char(b'-'),
                hold: false
            })
        );
        assert_eq!(
            map_key(HostKey::Semicolon, true),
            Some(Press::Trs {
                shift: false,
                key: Key::Char(b':'),
                hold: false
            })
        );
        assert_eq!(
            map_key(HostKey::Key8, true),
            Some(Press::Trs {
                shift: true,
                key: Key::Char(b':'),
                hold: true
            })
        );
    }

    #[test]
    fn special_keys() {
        let k = |h, s| match map_key(h, s) {
            Some(Press::Trs { key, .. }) => Some(key),
            _ => None,
        };
        assert_eq!(k(HostKey::Escape, false), Some(Key::Break));
        assert_eq!(k(HostKey::F1, false), Some(Key::Break));
        assert_eq!(k(HostKey::Home, false), Some(Key::Clear));
        assert_eq!(k(HostKey::Backspace, false), Some(Key::Left));
        assert_eq!(k(HostKey::Enter, false), Some(Key::Enter));
        assert_eq!(k(HostKey::Up, false), Some(Key::Up));
        assert_eq!(
            map_key(HostKey::F9, false),
            Some(Press::Command(HostCommand::Turbo))
        );
        assert_eq!(
            map_key(HostKey::F10, true),
            Some(Press::Command(HostCommand::PowerOn))
        );
        assert_eq!(map_key(HostKey::Backslash, false), None);
    }
}
