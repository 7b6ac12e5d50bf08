//! The emulator in a web browser: one Model I ([`trs80_machine`]) with a GE TermiNet 300 on
//! its RS-232-C board, driven by the page's JavaScript (`web/trs80.js`) through the small
//! C-ABI surface of [`ffi`].
//!
//! Everything the page does goes through [`WebMachine`], plain safe Rust that the host's
//! `cargo test` checks natively; [`ffi`] only moves numbers and byte buffers across the wasm
//! boundary. The pieces the desktop front ends also use come from [`trs80_host`]: the
//! phosphor tint and scaling, the absolute-deadline [`Throttle`] and the logical key map; the
//! screen text is [`Machine::screen_text`], as the headless `--screen-out` writes it.
//!
//! Pacing: the page calls [`WebMachine::run_due`] with its clock (`performance.now()`) from
//! a timer set to [`WebMachine::wait`]; it runs the 1/60 s frames (29,568 T-states) whose
//! start is due by then, so emulated time keeps an absolute deadline and never drifts; a
//! stall of more than 100 ms (a hidden tab) re-anchors instead of racing. The canvas is
//! drawn from `requestAnimationFrame` when [`WebMachine::render`] says the screen changed.
//! Turbo runs frames for 12 ms of every timer turn ([`WebMachine::run_frames`]).
//!
//! The printer: Level II sends LPRINT/LLIST to the parallel port unless a driver points the
//! printer DCB (4025H) elsewhere. When BASIC first shows its prompt after power-on, the page
//! puts our driver (`roms/examples/terminet_driver.asm`, 7F00H–7F50H) into RAM, sets the
//! UART up as its INIT does (300 baud, 8N1, DTR and RTS on) and points the DCB at it, so
//! LPRINT and LLIST print on the TermiNet's paper. Answer `MEMORY SIZE?` with 32511 to keep
//! a large program from overwriting it.
//!
//! Disks: an opened disk image goes into drive 0 and the machine is powered on again, so
//! the ROM boots it; what the DOS writes stays in the page until the image is downloaded
//! ([`WebMachine::disk_image`]).
#![warn(missing_docs)]

pub mod ffi;

use std::time::Duration;

use terminet::Terminet;
use trs80_host::keys::{char_press, same_key, HeldKeys};
use trs80_host::screen::{scale_tint, Phosphor};
use trs80_host::throttle::{SpeedMeter, Throttle};
use trs80_machine::disk::{looks_like_disk, Disk};
use trs80_machine::keyboard::untypable;
use trs80_machine::loader::{self, identify, LoadMode, LoadStatus, PendingLoad};
use trs80_machine::serial::TerminetEnd;
use trs80_machine::{video, Config, Key, Machine, RomKind, CPU_HZ};

/// The built-in ROM's name in the `roms` crate.
pub const BUILTIN_ROM: &str = "free";
/// RAM fitted, as the desktop's default `--ram`.
pub const RAM_KIB: u16 = 48;
/// Most frames one call of [`WebMachine::run_due`] runs (a late host catches up over
/// several animation frames; a stall re-anchors).
pub const MAX_FRAMES_PER_CALL: u32 = 6;
/// Pixels of the picture [`WebMachine::render`] makes: each dot 1 wide and 2 tall, as the
/// window draws it.
pub const PICTURE_W: usize = video::SCREEN_W;
/// See [`PICTURE_W`].
pub const PICTURE_H: usize = video::SCREEN_H * 2;

/// A key the page names by number (the same key on both machines), or a character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKey {
    /// ENTER.
    Enter,
    /// ← (the host's Backspace and ←).
    Left,
    /// →.
    Right,
    /// ↑.
    Up,
    /// ↓.
    Down,
    /// The space bar.
    Space,
    /// BREAK (Esc, F1, Pause, End).
    Break,
    /// CLEAR (Home, F2, Delete).
    Clear,
    /// A character as the host's keyboard typed it (its `KeyboardEvent.key`).
    Char(char),
}

impl PageKey {
    /// Decodes the page's number: 1–8 the named keys, 32 and up a Unicode character.
    pub fn from_code(code: u32) -> Option<PageKey> {
        Some(match code {
            1 => PageKey::Enter,
            2 => PageKey::Left,
            3 => PageKey::Right,
            4 => PageKey::Up,
            5 => PageKey::Down,
            6 => PageKey::Space,
            7 => PageKey::Break,
            8 => PageKey::Clear,
            32 => PageKey::Space,
            c if c > 32 => PageKey::Char(char::from_u32(c)?),
            _ => return None,
        })
    }
}

/// Why the page's request failed (shown to the user as one line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebError(pub String);

impl std::fmt::Display for WebError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for WebError {}

fn err(e: impl std::fmt::Display) -> WebError {
    WebError(e.to_string())
}

/// The page's machine and everything attached to it.
pub struct WebMachine {
    m: Machine,
    throttle: Throttle,
    meter: SpeedMeter,
    held: HeldKeys<u32>,
    load: Option<PendingLoad>,
    load_error: Option<String>,
    driver_installed: bool,
    phosphor: Phosphor,
    dots: Vec<u32>,
    last_vram: [u8; 1024],
    last_wide: bool,
    redraw: bool,
    rgba: Vec<u8>,
}

impl WebMachine {
    /// A powered-on machine with `rom` (our built-in ROM when `None`), 48 KB, the RS-232-C
    /// board with a TermiNet on it, and a blank tape in the deck for CSAVE. `now` is the
    /// page's clock.
    pub fn new(rom: Option<&[u8]>, now: Duration) -> Result<WebMachine, WebError> {
        let builtin = roms::get(BUILTIN_ROM).ok_or_else(|| err("no built-in ROM"))?;
        let (bytes, kind) = match rom {
            Some(b) => (b, None),
            None => (builtin.image, Some(RomKind::Free)),
        };
        let mut m = Machine::new(&Config {
            rom: bytes,
            ram_kib: RAM_KIB,
            expansion_interface: true,
            rs232: true,
            rom_kind: kind,
            ..Config::default()
        })
        .map_err(|e| err(format!("cannot boot this ROM: {e}")))?;
        let t = m.t_states();
        if let Some(board) = m.rs232() {
            board.attach(Box::new(TerminetEnd::new(terminet::Config::default())), t);
        }
        m.cassette().insert_blank();
        Ok(WebMachine {
            m,
            throttle: Throttle::new(CPU_HZ, 100, now, t),
            meter: SpeedMeter::new(CPU_HZ, Duration::from_secs(1), now, t),
            held: HeldKeys::default(),
            load: None,
            load_error: None,
            driver_installed: false,
            phosphor: Phosphor::White,
            dots: vec![0; video::SCREEN_W * video::SCREEN_H],
            last_vram: [0; 1024],
            last_wide: false,
            redraw: true,
            rgba: vec![0; PICTURE_W * PICTURE_H * 4],
        })
    }

    /// The machine.
    pub fn machine(&mut self) -> &mut Machine {
        &mut self.m
    }

    /// Runs the frames due by `now` at real speed (at most [`MAX_FRAMES_PER_CALL`]); returns
    /// how many ran.
    pub fn run_due(&mut self, now: Duration) -> u32 {
        let mut frames = 0;
        while frames < MAX_FRAMES_PER_CALL && self.throttle.pace(self.m.t_states(), now).is_zero() {
            self.frame();
            frames += 1;
        }
        self.meter.update(self.m.t_states(), now);
        frames
    }

    /// How long from `now` until the next frame is due at real speed (zero: due now).
    pub fn wait(&self, now: Duration) -> Duration {
        self.throttle
            .deadline(self.m.t_states())
            .saturating_sub(now)
    }

    /// Runs `n` frames at once (turbo).
    pub fn run_frames(&mut self, n: u32) {
        for _ in 0..n {
            self.frame();
        }
    }

    /// Real speed again from `now` (turbo ended): no catching up.
    pub fn reanchor(&mut self, now: Duration) {
        let t = self.m.t_states();
        self.throttle.reanchor(now, t);
        self.meter = SpeedMeter::new(CPU_HZ, Duration::from_secs(1), now, t);
    }

    /// Measures the speed at `now`: percent of 1.774 MHz over the last second, if a second
    /// has passed since the last measure.
    pub fn measure(&mut self, now: Duration) -> Option<f64> {
        self.meter.update(self.m.t_states(), now);
        self.meter.percent()
    }

    fn frame(&mut self) {
        self.m.run_frame();
        let t = self.m.t_states();
        if let Some(board) = self.m.rs232() {
            board.advance(t);
        }
        if let Some(load) = self.load.as_mut() {
            match load.poll(&mut self.m) {
                Ok(LoadStatus::Done) => self.load = None,
                Ok(_) => {}
                Err(e) => {
                    self.load = None;
                    self.load_error = Some(format!("cannot load: {e}"));
                }
            }
        }
        if !self.driver_installed && loader::at_prompt(&self.m.screen_text()) {
            self.install_printer_driver();
        }
    }

    /// Puts our TermiNet driver into RAM and hooks it into Level II's printer DCB (see the
    /// crate's documentation).
    fn install_printer_driver(&mut self) {
        self.driver_installed = true;
        let Some(driver) = roms::get("examples/terminet_driver") else {
            return;
        };
        let Some(entry) = driver.symbol("DRIVER") else {
            return;
        };
        self.m.load(driver.origin, driver.image);
        let t = self.m.t_states();
        if let Some(board) = self.m.rs232() {
            board.io_write(0xE8, 0, t); // UART master reset
            board.io_write(0xE9, 0x55, t); // 300 baud both ways
            board.io_write(0xEA, 0x6F, t); // 8 bits, no parity, 1 stop, DTR, RTS
        }
        let [lo, hi] = entry.to_le_bytes();
        self.m.poke(0x4026, lo);
        self.m.poke(0x4027, hi);
    }

    /// A host key went down: `id` names the host key (for its release), `key` what it types,
    /// `shift` the host's SHIFT.
    pub fn key_down(&mut self, id: u32, key: PageKey, shift: bool) {
        let p = match key {
            PageKey::Enter => same_key(Key::Enter, shift),
            PageKey::Left => same_key(Key::Left, shift),
            PageKey::Right => same_key(Key::Right, shift),
            PageKey::Up => same_key(Key::Up, shift),
            PageKey::Down => same_key(Key::Down, shift),
            PageKey::Space => same_key(Key::Space, shift),
            PageKey::Break => same_key(Key::Break, shift),
            PageKey::Clear => same_key(Key::Clear, shift),
            PageKey::Char(c) => match char_press(c, shift) {
                Some(p) => p,
                None => return,
            },
        };
        self.held.press(&mut self.m, id, p);
    }

    /// The host key `id` went up.
    pub fn key_up(&mut self, id: u32) {
        self.held.release(&mut self.m, id);
    }

    /// The page lost the focus: let go of every key.
    pub fn release_all(&mut self) {
        self.held.release_all(&mut self.m);
    }

    /// Types `text` (newlines are ENTER) as fast as the ROM reads the keyboard. Refused,
    /// typing nothing, when a character has no key.
    pub fn paste(&mut self, text: &str) -> Result<(), WebError> {
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        if let Some((line, col, c)) = untypable(&text) {
            return Err(err(format!(
                "cannot paste: no key types {:?} (line {line}, column {col})",
                c
            )));
        }
        self.m.type_text(&text);
        Ok(())
    }

    /// Opens a program file (`.bas`, `.cas`, `.cmd`, recognised by its contents; `name`'s
    /// extension only picks the error message), loading it fast or at real speed and RUNning
    /// it; or a disk image (JV1, JV3, DMK, by its signature), put in drive 0 for the ROM to
    /// boot after a power-on reset. Nothing changes when the file is refused.
    pub fn open(&mut self, name: &str, bytes: &[u8], real: bool) -> Result<String, WebError> {
        let ext = name.rsplit_once('.').map(|(_, e)| e);
        let disk_ext = ext.is_some_and(|e| {
            ["dsk", "dmk", "jv1", "jv3"]
                .iter()
                .any(|d| e.eq_ignore_ascii_case(d))
        });
        if disk_ext || looks_like_disk(bytes) {
            let disk = Disk::parse(bytes).map_err(|e| err(format!("cannot open {name}: {e}")))?;
            let what = format!("{:?} disk image in drive 0, booting", disk.format());
            self.m
                .insert_disk(0, disk, false)
                .map_err(|e| err(format!("cannot open {name}: {e}")))?;
            self.m.keyboard_mut().hold_for_dos();
            self.reset(true);
            return Ok(what);
        }
        let file = identify(bytes, ext).map_err(|e| err(format!("cannot open {name}: {e}")))?;
        let mode = if real { LoadMode::Real } else { LoadMode::Fast };
        let load = PendingLoad::new(&file, bytes, mode, true)
            .map_err(|e| err(format!("cannot open {name}: {e}")))?;
        self.load = Some(load);
        self.load_error = None;
        Ok(file.describe())
    }

    /// True while a program is being loaded.
    pub fn loading(&self) -> bool {
        self.load.is_some()
    }

    /// Why the last load stopped, once.
    pub fn take_load_error(&mut self) -> Option<String> {
        self.load_error.take()
    }

    /// The RESET button (NMI), or a power-on reset with `power` (the printer driver is put
    /// back at the next prompt).
    pub fn reset(&mut self, power: bool) {
        if power {
            self.m.power_on_reset();
            self.load = None;
            self.driver_installed = false;
        } else {
            self.m.reset_button();
        }
    }

    /// Sets the phosphor: 0 white, 1 green, 2 amber.
    pub fn set_phosphor(&mut self, p: u32) {
        self.phosphor = match p {
            1 => Phosphor::Green,
            2 => Phosphor::Amber,
            _ => Phosphor::White,
        };
        self.redraw = true;
    }

    /// Draws the screen into the RGBA picture ([`PICTURE_W`]×[`PICTURE_H`]); false when
    /// nothing changed since the last call (the page then leaves the canvas alone). The
    /// picture is only made again when the video RAM or the column mode changed: the
    /// 1,024-byte comparison costs far less than drawing 73,728 dots 60 times a second.
    pub fn render(&mut self) -> bool {
        let wide = self.m.wide_mode();
        if !self.redraw && self.last_vram == *self.m.video_ram() && self.last_wide == wide {
            return false;
        }
        self.redraw = false;
        self.last_vram = *self.m.video_ram();
        self.last_wide = wide;
        self.m.render(&mut self.dots);
        let px = scale_tint(
            &self.dots,
            video::SCREEN_W,
            video::SCREEN_H,
            1,
            2,
            self.phosphor,
        );
        for (out, p) in self.rgba.chunks_exact_mut(4).zip(px) {
            out.copy_from_slice(&[(p >> 16) as u8, (p >> 8) as u8, p as u8, 0xFF]);
        }
        true
    }

    /// The picture [`render`](Self::render) drew.
    pub fn picture(&self) -> &[u8] {
        &self.rgba
    }

    /// The screen as text, exactly as `--screen-out` writes it (16 lines of 64 characters,
    /// [`Machine::screen_text`]).
    pub fn screen_text(&self) -> String {
        self.m.screen_text() + "\n"
    }

    fn printer(&mut self) -> Option<&Terminet> {
        let board = self.m.rs232()?;
        let end = board.end().as_any().downcast_ref::<TerminetEnd>()?;
        Some(&end.printer)
    }

    /// The TermiNet's paper as text (forms separated by FF).
    pub fn paper_text(&mut self) -> String {
        self.printer().map(Terminet::text).unwrap_or_default()
    }

    /// The TermiNet's paper as a PDF document.
    pub fn paper_pdf(&mut self) -> Vec<u8> {
        self.printer().map(Terminet::pdf).unwrap_or_default()
    }

    /// What CSAVE recorded on the tape, as a `.cas` image (empty when nothing was).
    pub fn tape(&mut self) -> Vec<u8> {
        self.m
            .cassette()
            .tape()
            .map(<[u8]>::to_vec)
            .unwrap_or_default()
    }

    /// The disk in drive 0 as an image file (with what the machine wrote to it), if any.
    pub fn disk_image(&self) -> Option<Vec<u8>> {
        let disk = self.m.fdc()?.drives.drive(0).disk.as_ref()?;
        Some(disk.image().to_bytes())
    }

    /// The BASIC program in memory as a listing.
    pub fn listing(&self) -> Result<String, WebError> {
        let p = loader::read_basic(&self.m).map_err(|e| err(format!("no listing: {e}")))?;
        if p.lines.is_empty() {
            return Err(err("no BASIC program in memory"));
        }
        Ok(p.to_text())
    }
}

#[cfg(test)]
mod tests;
