//! A model of the GE TermiNet 300 serial band printer, as a device on an RS-232 line.
//!
//! Follows the GE operator's manual GEK-36150 (pp. 46, 51, 53: control codes, the time-delay and
//! fill-character chart) and programmer's manual GEK-15002 (p. 13, Tables 3 and 4: line speeds
//! and required intervals).
//!
//! | item | model |
//! | --- | --- |
//! | line speed switch | 110 (11-bit frames, 2 stop bits), 150, 300 baud; the receiver samples the line at this rate, so a different sender rate prints garbage ([`line`]) |
//! | frame | start + 7 data + parity/8th bit (ignored) + stop; bit 7 of a byte is not printed |
//! | print width | [`Config::width`] print positions, default **118** (one hammer per column, as an owner describes it; the terminfo entry says 120 — set `width: 120` for that) |
//! | pitch | 10 characters per inch, 6 lines per inch |
//! | page | [`Config::page_lines`] lines, default 66 (11-inch fan-fold form) |
//! | character set | [`Band::UpperCase`] (default): 60H–7EH print as 40H–5EH (`a` → `A`, `{` → `[`); [`Band::Full`]: 95 printable ASCII |
//! | CR 0DH | print position to column 1 |
//! | LF 0AH | paper up one line |
//! | FF 0CH | paper to the top of the next form |
//! | VT 0BH | one line, with the VT/FF timing (vertical tab stops are not modelled) |
//! | BS 08H | print position one column left (not past column 1) |
//! | HT 09H | ignored (the terminfo entry lists no tab capability) |
//! | BEL 07H | bell (counted in [`Stats::bells`]) |
//! | NUL 00H, DEL 7FH | fill characters: ignored |
//! | ESC x | two-character sequence: `ESC 3` red ribbon, `ESC 4` black (black code **unconfirmed**), `ESC h`/`ESC H` motor on (430 ms start-up); others ignored |
//! | other control codes | ignored |
//! | past the last column | printed on the last column (the automatic-CR option is not modelled) |
//!
//! Timing (all in ticks of [`Config::clock_hz`], never wall time), from the chart:
//!
//! | operation | interval |
//! | --- | --- |
//! | new line: last character of the old line → first character of the new one (after CR and/or LF) | 300 ms |
//! | repeated line feeds: last character → second LF | 350 ms |
//! | between later line feeds, and from the last of them to the next character | 67 ms |
//! | striking the same column again (backspace and overprint): hammer recovery | 230 ms |
//! | VT/FF → next character | 300 ms + 27 ms per line moved (50 ms + 27 ms/line if the line before printed nothing) |
//! | ESC h motor on → next character | 430 ms |
//!
//! A printable character (space included) or LF that arrives before its interval has passed
//! is **lost** in strict mode ([`Config::strict`]), as the manuals warn; the forgiving mode
//! (the default) holds it and prints it as soon as the mechanism is ready, one character time
//! apart. CR, BS and fills are never lost.
//!
//! Busy / handshake: the TermiNet 300 has no busy signal. Its On Line button raises RTS, which a
//! cable presents to the computer as CTS: [`Terminet::online`].
//!
//! Output: [`Terminet::text`] (what is on the paper, overprints as extra CR-separated layers,
//! pages separated by FF), [`Terminet::page_png`] (a picture of each page on green-bar
//! fan-fold paper at 120 dots per inch) and [`Terminet::pdf`] (all pages, Courier type).
//!
//! Not emulated: the keyboard and answerback, paper-tape/cassette accessories, the motor-off
//! code, parity error detection (the parity bit is ignored), the automatic carriage return
//! option, vertical tab stops, split platen.
//!
//! ```
//! use terminet::{Config, Terminet, line::{Frame, Format, Rate}};
//! let cfg = Config::default();
//! let mut p = Terminet::new(cfg.clone());
//! let mut t = 0;
//! for &b in b"HELLO\r\n" {
//!     let f = Frame { start: t, rate: Rate::new(cfg.clock_hz, 300), format: Format::EIGHT_N1, data: b };
//!     p.receive_frame(&f);
//!     t = f.end();
//! }
//! p.advance(t);
//! assert_eq!(p.text(), "HELLO\n");
//! ```
#![warn(missing_docs)]

pub mod font;
pub mod line;
mod page;
mod pdf;
pub mod state;

use line::{Format, Frame, Parity, Rate, Receiver};
pub use page::{CELL_H, CELL_W, PAGE_DPI};

/// The speed switch on the printer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LineSpeed {
    /// 110 baud, 10 characters per second (2 stop bits).
    B110,
    /// 150 baud, 15 characters per second.
    B150,
    /// 300 baud, 30 characters per second.
    #[default]
    B300,
}

impl LineSpeed {
    /// Bits per second.
    pub fn baud(self) -> u32 {
        match self {
            LineSpeed::B110 => 110,
            LineSpeed::B150 => 150,
            LineSpeed::B300 => 300,
        }
    }

    /// The switch position for a baud rate, if the printer has one.
    pub fn from_baud(baud: u32) -> Option<LineSpeed> {
        match baud {
            110 => Some(LineSpeed::B110),
            150 => Some(LineSpeed::B150),
            300 => Some(LineSpeed::B300),
            _ => None,
        }
    }

    fn format(self) -> Format {
        Format {
            data_bits: 8,
            parity: Parity::None,
            stop_bits: if self == LineSpeed::B110 { 2 } else { 1 },
        }
    }
}

/// Which print belt is fitted. Which belts GE shipped with which model is not settled by
/// the sources: one owner describes upper and lower case, so [`Band::Full`] is there too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Band {
    /// 64 characters (20H–5FH); lower case 60H–7EH prints as the matching 40H–5EH.
    #[default]
    UpperCase,
    /// 95 printable ASCII characters.
    Full,
}

/// Printer settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Ticks per second of the clock all times are given in (1,774,080 for the TRS-80 Model I).
    pub clock_hz: u64,
    /// The line speed switch.
    pub speed: LineSpeed,
    /// Print positions per line (118 by default; terminfo says 120).
    pub width: u16,
    /// Lines per form (66 = 11 inches at 6 lines per inch).
    pub page_lines: u16,
    /// Lose characters that arrive too early, as the real printer does (default: hold them).
    pub strict: bool,
    /// The print belt.
    pub band: Band,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            clock_hz: 1_774_080,
            speed: LineSpeed::B300,
            width: 118,
            page_lines: 66,
            strict: false,
            band: Band::UpperCase,
        }
    }
}

/// Counters and times of what happened on the printer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    /// Characters decoded from the line (fills included).
    pub received: u64,
    /// Characters struck on the paper (spaces not counted).
    pub printed: u64,
    /// Characters lost because they arrived while the mechanism was busy (strict mode).
    pub lost: u64,
    /// Characters held back until the mechanism was ready (forgiving mode).
    pub held: u64,
    /// Characters received with a framing error (they are still acted on).
    pub framing_errors: u64,
    /// BEL codes received.
    pub bells: u64,
    /// Tick of the first printed character.
    pub first_print: Option<u64>,
    /// Tick of the last printed character.
    pub last_print: Option<u64>,
}

/// One strike of a type finger on the paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Strike {
    /// The 7-bit character code printed.
    pub code: u8,
    /// Printed with the red half of the ribbon.
    pub red: bool,
}

/// One form of paper: for each line, for each column, the strikes in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Page {
    /// `lines[l][c]` = strikes at line `l`, column `c` (rows are grown as needed).
    pub lines: Vec<Vec<Vec<Strike>>>,
}

impl Page {
    fn strike(&mut self, line: usize, col: usize, s: Strike) {
        if self.lines.len() <= line {
            self.lines.resize(line + 1, Vec::new());
        }
        let row = &mut self.lines[line];
        if row.len() <= col {
            row.resize(col + 1, Vec::new());
        }
        row[col].push(s);
    }

    /// The page as text: one line per printed line, overprints as CR-separated layers.
    pub fn text(&self) -> String {
        let used = self
            .lines
            .iter()
            .rposition(|r| r.iter().any(|c| !c.is_empty()));
        let Some(last) = used else {
            return String::new();
        };
        let mut out = String::new();
        for row in &self.lines[..=last] {
            let layers = row.iter().map(Vec::len).max().unwrap_or(0);
            for k in 0..layers {
                if k > 0 {
                    out.push('\r');
                }
                let s: String = row
                    .iter()
                    .map(|cell| cell.get(k).map_or(' ', |s| char::from(s.code)))
                    .collect();
                out.push_str(s.trim_end());
            }
            out.push('\n');
        }
        out
    }
}

/// The GE TermiNet 300.
#[derive(Debug, Clone)]
pub struct Terminet {
    cfg: Config,
    rx: Receiver,
    pages: Vec<Page>,
    line: usize,
    col: usize,
    red: bool,
    esc: bool,
    stats: Stats,
    /// Effective time of the last character that waited for the mechanism.
    last_t: Option<u64>,
    /// Earliest tick for the next printable character.
    ready_print: u64,
    /// Earliest tick for the next line feed (when one has already been given).
    ready_lf: u64,
    /// Tick of the last character printed on the current line (cleared by LF/VT/FF).
    line_last_print: Option<u64>,
    /// Line feeds since the last printable character.
    lf_run: u32,
    /// Last strike time of each column (hammer recovery).
    strike_t: Vec<Option<u64>>,
}

impl Terminet {
    /// A printer at the top of a fresh form, motor on, on line.
    pub fn new(cfg: Config) -> Terminet {
        let rate = Rate::new(cfg.clock_hz, cfg.speed.baud());
        let width = usize::from(cfg.width.max(1));
        Terminet {
            rx: Receiver::new(rate, cfg.speed.format()),
            pages: vec![Page::default()],
            line: 0,
            col: 0,
            red: false,
            esc: false,
            stats: Stats::default(),
            last_t: None,
            ready_print: 0,
            ready_lf: 0,
            line_last_print: None,
            lf_run: 0,
            strike_t: vec![None; width],
            cfg,
        }
    }

    /// The settings.
    pub fn config(&self) -> &Config {
        &self.cfg
    }

    /// The On Line state, seen by the computer as CTS (and DSR, CD). Always on line.
    pub fn online(&self) -> bool {
        true
    }

    /// A character frame arriving on the printer's receive line (call in time order; it is
    /// acted on by [`Terminet::advance`]).
    pub fn receive_frame(&mut self, f: &Frame) {
        self.rx.line.push_frame(f);
    }

    /// The sender starts or ends a break (line held at space) at tick `t`.
    pub fn set_break(&mut self, t: u64, on: bool) {
        self.rx.line.set_break(t, on);
    }

    /// Acts on every character complete by tick `t`.
    pub fn advance(&mut self, t: u64) {
        while let Some(r) = self.rx.poll(t) {
            self.stats.received += 1;
            self.stats.framing_errors += u64::from(r.framing_error);
            self.byte(r.data & 0x7F, r.t);
        }
    }

    /// Counters so far.
    pub fn stats(&self) -> &Stats {
        &self.stats
    }

    /// The forms printed on so far (the last one is the current form).
    pub fn pages(&self) -> &[Page] {
        &self.pages
    }

    /// Current print position: (form index, line on the form, column), all from 0.
    pub fn position(&self) -> (usize, usize, usize) {
        (self.pages.len() - 1, self.line, self.col)
    }

    /// Everything on the paper as text: lines end in `\n`; a line with overprints has its extra
    /// layers after `\r` (the second strike of each column, then the third …); forms are
    /// separated by FF (`\x0C`). Trailing spaces and blank lines at a form's end are left out.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for (i, p) in self.pages.iter().enumerate() {
            if i > 0 {
                out.push('\x0C');
            }
            out.push_str(&p.text());
        }
        out
    }

    /// A PNG picture of form `index` (see [`PAGE_DPI`]), or `None` past the last form.
    pub fn page_png(&self, index: usize) -> Option<Vec<u8>> {
        let p = self.pages.get(index)?;
        Some(page::render_png(
            p,
            usize::from(self.cfg.width),
            usize::from(self.cfg.page_lines),
        ))
    }

    /// All forms as a PDF document (Courier 12 pt = 10 characters per inch, 6 lines per inch,
    /// green-bar paper), one PDF page per form.
    pub fn pdf(&self) -> Vec<u8> {
        pdf::render_pdf(
            &self.pages,
            usize::from(self.cfg.width),
            usize::from(self.cfg.page_lines),
        )
    }

    fn ms(&self, ms: u64) -> u64 {
        ms * self.cfg.clock_hz / 1000
    }

    fn char_time(&self) -> u64 {
        Rate::new(self.cfg.clock_hz, self.cfg.speed.baud())
            .ticks(u64::from(self.cfg.speed.format().frame_bits()))
    }

    /// Decides when a character that must wait until `ready` is acted on: `Some(tick)`, or
    /// `None` when it is lost.
    fn schedule(&mut self, t: u64, ready: u64) -> Option<u64> {
        let te = if self.cfg.strict {
            if t < ready {
                self.stats.lost += 1;
                return None;
            }
            t
        } else {
            // In order, at most one character per character time.
            let after_last = self.last_t.map_or(0, |l| l + self.char_time());
            t.max(ready).max(after_last)
        };
        if te > t {
            self.stats.held += 1;
        }
        self.last_t = Some(te);
        Some(te)
    }

    fn byte(&mut self, code: u8, t: u64) {
        if self.esc {
            self.esc = false;
            match code {
                b'3' => self.red = true,
                b'4' => self.red = false,
                b'h' | b'H' => self.ready_print = self.ready_print.max(t + self.ms(430)),
                _ => {}
            }
            return;
        }
        match code {
            0x00 | 0x7F => {}
            0x07 => self.stats.bells += 1,
            0x08 => self.col = self.col.saturating_sub(1),
            0x0A => self.line_feed(t, false),
            0x0B => self.line_feed(t, true),
            0x0C => self.form_feed(t),
            0x0D => {
                self.col = 0;
                if let Some(tp) = self.line_last_print {
                    self.ready_print = self.ready_print.max(tp + self.ms(300));
                }
            }
            0x1B => self.esc = true,
            0x20..=0x7E => self.printable(code, t),
            _ => {}
        }
    }

    fn printable(&mut self, code: u8, t: u64) {
        let col = self.col.min(self.strike_t.len() - 1);
        let mut ready = self.ready_print;
        if code != b' ' {
            if let Some(ts) = self.strike_t[col] {
                ready = ready.max(ts + self.ms(230));
            }
        }
        let Some(te) = self.schedule(t, ready) else {
            return;
        };
        let code = match (self.cfg.band, code) {
            (Band::UpperCase, 0x60..=0x7E) => code - 0x20,
            _ => code,
        };
        if code != b' ' {
            self.strike_t[col] = Some(te);
            let line = self.line;
            let red = self.red;
            self.pages
                .last_mut()
                .expect("a form")
                .strike(line, col, Strike { code, red });
            self.stats.printed += 1;
            self.stats.first_print.get_or_insert(te);
            self.stats.last_print = Some(te);
        }
        self.line_last_print = Some(te);
        self.lf_run = 0;
        if self.col < self.strike_t.len() - 1 {
            self.col += 1;
        }
    }

    fn line_feed(&mut self, t: u64, vertical_tab: bool) {
        let ready = if self.lf_run == 0 { 0 } else { self.ready_lf };
        let Some(te) = self.schedule(t, ready) else {
            return;
        };
        if vertical_tab {
            self.after_vertical_move(te, 1);
        } else {
            match (self.lf_run, self.line_last_print) {
                (0, Some(tp)) => {
                    self.ready_print = self.ready_print.max(tp + self.ms(300));
                    self.ready_lf = tp + self.ms(350);
                }
                _ => {
                    self.ready_print = self.ready_print.max(te + self.ms(67));
                    self.ready_lf = te + self.ms(67);
                }
            }
            self.line_last_print = None;
        }
        self.lf_run += 1;
        self.advance_lines(1);
    }

    fn form_feed(&mut self, t: u64) {
        let ready = if self.lf_run == 0 { 0 } else { self.ready_lf };
        let Some(te) = self.schedule(t, ready) else {
            return;
        };
        let lines = usize::from(self.cfg.page_lines.max(1)) - self.line;
        self.after_vertical_move(te, lines as u64);
        self.lf_run += 1;
        self.pages.push(Page::default());
        self.line = 0;
    }

    fn after_vertical_move(&mut self, te: u64, lines: u64) {
        let base = if self.line_last_print.is_some() {
            300
        } else {
            50
        };
        let done = te + self.ms(base + 27 * lines);
        self.ready_print = self.ready_print.max(done);
        self.ready_lf = self.ready_lf.max(done);
        self.line_last_print = None;
    }

    fn advance_lines(&mut self, n: usize) {
        for _ in 0..n {
            self.line += 1;
            if self.line >= usize::from(self.cfg.page_lines.max(1)) {
                self.pages.push(Page::default());
                self.line = 0;
            }
        }
    }
}

#[cfg(test)]
mod tests;
