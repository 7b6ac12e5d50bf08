//! The Model I keyboard: an 8 × 8 switch matrix read through 3800H–3BFFH, and a
//! timed key-event queue that types text into whatever program scans it.
//!
//! Follows the TRS-80 Model I Technical Reference Manual, "Keyboard" (the
//! matrix is wired to address lines A0–A7 and data lines D0–D7).
//!
//! A read from 3800H + n returns the OR of every row whose bit is set in the low
//! address byte n; a pressed key reads as 1. A8–A9 are not decoded, so
//! 3900H–3BFFH mirror 3800H–38FFH.
//!
//! | row | address | bit 0 | 1     | 2     | 3    | 4    | 5    | 6    | 7     |
//! |-----|---------|-------|-------|-------|------|------|------|------|-------|
//! | 0   | 3801H   | @     | A     | B     | C    | D    | E    | F    | G     |
//! | 1   | 3802H   | H     | I     | J     | K    | L    | M    | N    | O     |
//! | 2   | 3804H   | P     | Q     | R     | S    | T    | U    | V    | W     |
//! | 3   | 3808H   | X     | Y     | Z     | –    | –    | –    | –    | –     |
//! | 4   | 3810H   | 0     | 1 !   | 2 "   | 3 #  | 4 $  | 5 %  | 6 &  | 7 '   |
//! | 5   | 3820H   | 8 (   | 9 )   | : *   | ; +  | , <  | - =  | . >  | / ?   |
//! | 6   | 3840H   | ENTER | CLEAR | BREAK | ↑    | ↓    | ←    | →    | SPACE |
//! | 7   | 3880H   | SHIFT | –     | –     | –    | –    | –    | –    | –     |
//!
//! Both SHIFT keys are one switch (row 7 bit 0). The shifted symbols are made
//! by the ROM's keyboard driver, not by the hardware.
//!
//! # The key queue
//!
//! Typed text is turned into a list of matrix states (the keys of a character
//! down, then all up). A press is shown until [`DEFAULT_HOLD_T`] T-states, a
//! release until [`DEFAULT_RELEASE_T`] T-states have passed **since a keyboard
//! read first saw it**; the next state is applied by the first keyboard read
//! after that. So every press and every release is seen by at least one scan
//! however long the program is busy elsewhere (debounce delay, echoing,
//! scrolling, storing a line) — the queue runs at the program's own pace — and
//! a press outlasts the Level II ROM's scan plus debounce. See
//! [`DEFAULT_HOLD_T`] for the measured numbers.
//!
//! # Waiting for the program to ask
//!
//! Text typed as several lines must not run ahead of the program: keys that arrive
//! while BASIC runs a program are read by its BREAK check and lost, and a DOS throws
//! away keys typed ahead of its prompt. So [`Keyboard::type_text`] puts a wait after
//! every ENTER that more text follows, and [`Keyboard::await_input`] puts one anywhere:
//! the queue goes on only once the program is back waiting for a key, which shows as a
//! dense run of keyboard reads ([`INPUT_WAIT_READS`] reads within [`INPUT_WAIT_T`]
//! T-states). Measured in this emulator, reads per 29,568 T video frame:
//!
//! | state                                   | Level II 1.2/1.3 | our ROM | LDOS 5.3.1 |
//! |-----------------------------------------|------------------|---------|------------|
//! | waiting for a key (prompt, `Date ?`)    | 261–266          | 235–238 | 250–266    |
//! | running `10 :::::GOTO 10`               | 158–168          | 73–78   | –          |
//! | running `FOR`/`PRINT` loops, `INKEY$`   | 49–84            | 8–55    | –          |
//! | loading, DIR (disk busy)                | –                | –       | 0–9        |
//!
//! A program that polls `INKEY$` reads the keyboard too rarely to count as waiting, so
//! text typed after its `RUN` line waits until it ends or BREAK is pressed.
//!
//! Not emulated: key bounce, ghosting between pressed keys (the matrix has no
//! diodes, but the ROM never relies on it), the System-80's extra keys in row 3.

use crate::formats::state::{self, Reader, Writer};
use std::collections::VecDeque;

/// Keyboard reads within [`INPUT_WAIT_T`] T-states that show the program is waiting for a
/// key (see the module docs for the measured rates).
pub const INPUT_WAIT_READS: u32 = 100;

/// The window (half a video frame) in which [`INPUT_WAIT_READS`] reads must fall.
pub const INPUT_WAIT_T: u64 = 14_784;

/// One entry of the key queue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    /// Show this matrix state.
    Keys([u8; 8]),
    /// Go on only once the program is waiting for a key.
    AwaitInput,
}

/// A key of the Model I keyboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Key {
    /// A key labelled with a character: `'@'`, `'A'`..=`'Z'`, `'0'`..=`'9'`,
    /// `':'`, `';'`, `','`, `'-'`, `'.'`, `'/'` (lower-case letters mean the
    /// same key as upper case).
    Char(u8),
    /// ENTER.
    Enter,
    /// CLEAR.
    Clear,
    /// BREAK.
    Break,
    /// Up arrow.
    Up,
    /// Down arrow.
    Down,
    /// Left arrow.
    Left,
    /// Right arrow.
    Right,
    /// Space bar.
    Space,
    /// SHIFT (both shift keys are one switch).
    Shift,
}

impl Key {
    /// The matrix position of the key: (row, bit), or `None` for a `Char`
    /// that has no key.
    pub fn position(self) -> Option<(usize, u8)> {
        Some(match self {
            Key::Char(c) => match c.to_ascii_uppercase() {
                b'@' => (0, 0),
                c @ b'A'..=b'G' => (0, c - b'A' + 1),
                c @ b'H'..=b'O' => (1, c - b'H'),
                c @ b'P'..=b'W' => (2, c - b'P'),
                c @ b'X'..=b'Z' => (3, c - b'X'),
                c @ b'0'..=b'7' => (4, c - b'0'),
                b'8' => (5, 0),
                b'9' => (5, 1),
                b':' => (5, 2),
                b';' => (5, 3),
                b',' => (5, 4),
                b'-' => (5, 5),
                b'.' => (5, 6),
                b'/' => (5, 7),
                _ => return None,
            },
            Key::Enter => (6, 0),
            Key::Clear => (6, 1),
            Key::Break => (6, 2),
            Key::Up => (6, 3),
            Key::Down => (6, 4),
            Key::Left => (6, 5),
            Key::Right => (6, 6),
            Key::Space => (6, 7),
            Key::Shift => (7, 0),
        })
    }
}

/// The keys that type an ASCII character on a stock Level II machine:
/// (`shift`, key). `'\n'` and `'\r'` are ENTER, `'\x08'` is ←, `'\t'` is →,
/// `'['`, `'^'` and `'↑'` are ↑ (the ROM's code 5BH, BASIC's exponent);
/// lower-case letters are SHIFT + letter (the ROM stores codes 61H–7AH for
/// them); shifted symbols follow the key caps.
/// Characters with no key give `None`.
pub fn keys_for_char(c: char) -> Option<(bool, Key)> {
    let k = |b: u8| Key::Char(b);
    Some(match c {
        '\n' | '\r' => (false, Key::Enter),
        '\x08' => (false, Key::Left),
        '\t' => (false, Key::Right),
        ' ' => (false, Key::Space),
        '[' | '^' | '↑' => (false, Key::Up),
        'A'..='Z' | '0'..='9' | '@' | ':' | ';' | ',' | '-' | '.' | '/' => (false, k(c as u8)),
        'a'..='z' => (true, k(c.to_ascii_uppercase() as u8)),
        '`' => (true, k(b'@')),
        '!' => (true, k(b'1')),
        '"' => (true, k(b'2')),
        '#' => (true, k(b'3')),
        '$' => (true, k(b'4')),
        '%' => (true, k(b'5')),
        '&' => (true, k(b'6')),
        '\'' => (true, k(b'7')),
        '(' => (true, k(b'8')),
        ')' => (true, k(b'9')),
        '*' => (true, k(b':')),
        '+' => (true, k(b';')),
        '<' => (true, k(b',')),
        '=' => (true, k(b'-')),
        '>' => (true, k(b'.')),
        '?' => (true, k(b'/')),
        _ => return None,
    })
}

/// The first character of `s` that no key types, as (line, column, character), both
/// counted from 1, or `None` when [`Keyboard::type_text`] can type all of it.
pub fn untypable(s: &str) -> Option<(usize, usize, char)> {
    let (mut line, mut col) = (1, 0);
    for c in s.chars() {
        col += 1;
        if c == '\n' {
            (line, col) = (line + 1, 0);
        } else if keys_for_char(c).is_none() {
            return Some((line, col, c));
        }
    }
    None
}

/// How long (T-states) the key queue holds each key press down, counted from
/// the first keyboard read that sees it: 50,000 T ≈ 28 ms.
///
/// Measured by typing 2,056 characters of BASIC (`tests/keyboard_queue.rs`)
/// into the real ROMs and comparing the stored program:
///
/// | ROM          | shortest press that loses nothing | ROM's own time per character |
/// |--------------|-----------------------------------|------------------------------|
/// | Level II 1.2 | ≤ 2,000 T (no re-check after its delay) | ≈ 93,000 T (≈ 19 chars/s) |
/// | Level II 1.3 | 35,000 T (34,000 T drops SHIFT or keys: 1.3 re-reads the key after its debounce delay) | ≈ 127,000 T (≈ 14 chars/s) |
///
/// 50,000 T leaves a 40 % margin over the 1.3 debounce and costs no speed:
/// the ROM is busy (delay loop, echo) for longer than that after each key, and
/// the release is applied only at its next scan anyway.
pub const DEFAULT_HOLD_T: u64 = 50_000;

/// How long (T-states) the key queue keeps all keys up between two characters,
/// counted from the first keyboard read that sees the release: 5,000 T ≈ 2.8 ms.
/// Both Level II revisions lose nothing down to 500 T (one scan sees the
/// release); 5,000 T is a tenfold margin for slower scanners and costs ≈ 4 %
/// of the typing rate.
pub const DEFAULT_RELEASE_T: u64 = 5_000;

/// The keyboard matrix plus the typing queue.
#[derive(Clone, Debug)]
pub struct Keyboard {
    /// Keys held by the host (`key_down`/`key_up`).
    live: [u8; 8],
    /// Keys held by the queue's current state.
    queued: [u8; 8],
    /// States still to show, and waits for the program to ask.
    queue: VecDeque<Step>,
    /// T-state from which the next queued state may be applied.
    next_t: u64,
    /// Hold time of a state with keys down.
    hold: u64,
    /// Hold time of the all-released state between two characters.
    release_hold: u64,
    /// Keyboard reads by the CPU so far.
    reads: u64,
    /// While an [`Step::AwaitInput`] is first: the T-state of the window's first read and
    /// the reads since.
    window: Option<(u64, u32)>,
}

impl Default for Keyboard {
    fn default() -> Self {
        Self::new()
    }
}

impl Keyboard {
    /// A keyboard with no key down and an empty queue.
    pub fn new() -> Self {
        Keyboard {
            live: [0; 8],
            queued: [0; 8],
            queue: VecDeque::new(),
            next_t: 0,
            hold: DEFAULT_HOLD_T,
            release_hold: DEFAULT_RELEASE_T,
            reads: 0,
            window: None,
        }
    }

    /// Press a key (host side). Keys without a matrix position are ignored.
    pub fn key_down(&mut self, k: Key) {
        if let Some((row, bit)) = k.position() {
            self.live[row] |= 1 << bit;
        }
    }

    /// Release a key (host side).
    pub fn key_up(&mut self, k: Key) {
        if let Some((row, bit)) = k.position() {
            self.live[row] &= !(1 << bit);
        }
    }

    /// Release every host-held key.
    pub fn release_all(&mut self) {
        self.live = [0; 8];
    }

    /// Queue `s` to be typed: `"\r\n"` counts as one ENTER, and after each ENTER that
    /// more text follows the queue waits until the program asks for a key again (see the
    /// module docs). Characters with no key are skipped: check the text first with
    /// [`untypable`].
    pub fn type_text(&mut self, s: &str) {
        let mut prev_cr = false;
        let mut after_enter = false;
        for c in s.chars() {
            if c == '\n' && prev_cr {
                prev_cr = false;
                continue;
            }
            prev_cr = c == '\r';
            if let Some((shift, key)) = keys_for_char(c) {
                if after_enter {
                    self.await_input();
                }
                self.queue_keys(shift, &[key]);
                after_enter = key == Key::Enter;
            }
        }
    }

    /// Queue a wait: keys queued after it go only once the program is waiting for a key
    /// (a dense run of keyboard reads), e.g. at the first prompt after boot.
    pub fn await_input(&mut self) {
        self.queue.push_back(Step::AwaitInput);
    }

    /// Queue one press of `keys` together (with SHIFT if `shift`), then a release.
    pub fn queue_keys(&mut self, shift: bool, keys: &[Key]) {
        let mut m = [0u8; 8];
        for k in keys {
            if let Some((row, bit)) = k.position() {
                m[row] |= 1 << bit;
            }
        }
        if shift {
            m[7] |= 1;
        }
        self.queue.push_back(Step::Keys(m));
        self.queue.push_back(Step::Keys([0; 8]));
    }

    /// Set how long (T-states) each queued key press is held.
    pub fn set_hold(&mut self, t: u64) {
        self.hold = t;
    }

    /// Holds typed keys long enough for a DOS keyboard driver: LDOS scans from its 40 Hz
    /// interrupt and wants a key seen by two scans and the release by one, so a key is held
    /// for three ticks (3 × 44,352 T-states) and released for two (Level II alone takes much
    /// shorter ones).
    pub fn hold_for_dos(&mut self) {
        const TICK: u64 = 44_352;
        self.set_hold(3 * TICK);
        self.set_release_hold(2 * TICK);
    }

    /// How long each queued key press is held (T-states).
    pub fn hold(&self) -> u64 {
        self.hold
    }

    /// Set how long (T-states) all keys stay up between two queued characters.
    pub fn set_release_hold(&mut self, t: u64) {
        self.release_hold = t;
    }

    /// How long all keys stay up between two queued characters (T-states).
    pub fn release_hold(&self) -> u64 {
        self.release_hold
    }

    /// True while queued key states remain to be shown, or the last one has
    /// not yet been held for the hold time at T-state `t`.
    pub fn typing_pending(&self, t: u64) -> bool {
        !self.queue.is_empty() || t < self.next_t
    }

    /// True while a key press is still queued (not yet shown to the program).
    pub fn presses_queued(&self) -> bool {
        self.queue
            .iter()
            .any(|s| matches!(s, Step::Keys(m) if *m != [0; 8]))
    }

    /// Drop everything queued and release the queue's keys.
    pub fn clear_queue(&mut self) {
        self.queue.clear();
        self.queued = [0; 8];
        self.next_t = 0;
        self.window = None;
    }

    /// A CPU read of the matrix at `addr` (3800H–3BFFH) at T-state `t`:
    /// advances the queue, then returns the OR of the selected rows.
    #[inline]
    pub fn read(&mut self, addr: u16, t: u64) -> u8 {
        self.reads += 1;
        if t >= self.next_t {
            self.advance(t);
        }
        self.peek(addr)
    }

    /// The queue's step at a keyboard read at T-state `t`: passes a wait once the program
    /// is seen waiting for a key, then shows the next state.
    fn advance(&mut self, t: u64) {
        loop {
            match self.queue.front() {
                None => return,
                Some(Step::AwaitInput) => {
                    let (start, n) = match self.window {
                        Some((start, n)) if t.saturating_sub(start) <= INPUT_WAIT_T => {
                            (start, n + 1)
                        }
                        _ => (t, 1),
                    };
                    if n < INPUT_WAIT_READS {
                        self.window = Some((start, n));
                        return;
                    }
                    self.window = None;
                    self.queue.pop_front();
                }
                Some(&Step::Keys(m)) => {
                    self.queue.pop_front();
                    self.queued = m;
                    let hold = if m == [0; 8] {
                        self.release_hold
                    } else {
                        self.hold
                    };
                    self.next_t = t + hold;
                    return;
                }
            }
        }
    }

    /// How many times the CPU has read the keyboard.
    pub fn reads(&self) -> u64 {
        self.reads
    }

    /// The value a read at `addr` would give now, without advancing the queue.
    pub fn peek(&self, addr: u16) -> u8 {
        let sel = addr as u8;
        let mut v = 0;
        for row in 0..8 {
            if sel & (1 << row) != 0 {
                v |= self.live[row] | self.queued[row];
            }
        }
        v
    }
}

/// Save states: the held keys, the queue and its timing, the wait for the program to read.
impl Keyboard {
    pub(crate) fn save_state(&self, w: &mut Writer) {
        w.raw(&self.live);
        w.raw(&self.queued);
        w.u32(self.queue.len() as u32);
        for s in &self.queue {
            match s {
                Step::Keys(k) => {
                    w.u8(0);
                    w.raw(k);
                }
                Step::AwaitInput => w.u8(1),
            }
        }
        w.u64(self.next_t);
        w.u64(self.hold);
        w.u64(self.release_hold);
        w.u64(self.reads);
        w.opt_u64(self.window.map(|(t, _)| t));
        w.u32(self.window.map_or(0, |(_, n)| n));
    }

    pub(crate) fn load_state(r: &mut Reader<'_>) -> state::Result<Keyboard> {
        let mut k = Keyboard::new();
        k.live.copy_from_slice(r.raw(8, "keys held")?);
        k.queued.copy_from_slice(r.raw(8, "queued keys")?);
        let n = r.u32("key queue length")? as usize;
        if n > r.remaining() {
            return Err(r.invalid(4, "key queue length beyond the section"));
        }
        for _ in 0..n {
            k.queue.push_back(match r.tag(2, "key queue entry")? {
                0 => {
                    let mut s = [0; 8];
                    s.copy_from_slice(r.raw(8, "queued key state")?);
                    Step::Keys(s)
                }
                _ => Step::AwaitInput,
            });
        }
        k.next_t = r.t("key queue time")?;
        k.hold = r.t("key hold time")?;
        k.release_hold = r.t("key release time")?;
        k.reads = r.u64("keyboard reads")?;
        let window = r.opt_u64("key wait window")?;
        let reads = r.u32("key wait reads")?;
        k.window = match window {
            Some(t) if t <= state::MAX_T => Some((t, reads)),
            Some(_) => return Err(r.invalid(12, "key wait window time")),
            None => None,
        };
        Ok(k)
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_selected_by_address_bits_and_ored() {
        let mut kb = Keyboard::new();
        kb.key_down(Key::Char(b'A')); // row 0 bit 1
        kb.key_down(Key::Char(b'J')); // row 1 bit 2
        kb.key_down(Key::Shift); // row 7 bit 0
        assert_eq!(kb.read(0x3801, 0), 0x02);
        assert_eq!(kb.read(0x3802, 0), 0x04);
        assert_eq!(kb.read(0x3803, 0), 0x06);
        assert_eq!(kb.read(0x3880, 0), 0x01);
        assert_eq!(kb.read(0x38FF, 0), 0x07);
        assert_eq!(kb.read(0x3800, 0), 0x00);
        // A8/A9 are not decoded.
        assert_eq!(kb.read(0x3B01, 0), 0x02);
        kb.key_up(Key::Char(b'A'));
        assert_eq!(kb.read(0x3801, 0), 0x00);
    }

    #[test]
    fn every_key_has_a_distinct_position() {
        let mut seen = std::collections::HashSet::new();
        let mut keys: Vec<Key> = b"@ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789:;,-./"
            .iter()
            .map(|&c| Key::Char(c))
            .collect();
        keys.extend([
            Key::Enter,
            Key::Clear,
            Key::Break,
            Key::Up,
            Key::Down,
            Key::Left,
            Key::Right,
            Key::Space,
            Key::Shift,
        ]);
        for k in keys {
            assert!(seen.insert(k.position().unwrap()), "{k:?}");
        }
        assert_eq!(Key::Char(b'a').position(), Key::Char(b'A').position());
        assert_eq!(Key::Char(b'!').position(), None);
    }

    #[test]
    fn queue_holds_each_state_from_first_read() {
        let mut kb = Keyboard::new();
        kb.set_hold(1000);
        kb.set_release_hold(1000);
        kb.type_text("A!");
        // Nothing happens without reads.
        assert!(kb.typing_pending(5000));
        assert_eq!(kb.read(0x3801, 5000), 0x02); // A down, seen at 5000
        assert_eq!(kb.read(0x3801, 5999), 0x02); // still held
        assert_eq!(kb.read(0x3801, 6000), 0x00); // released at 6000
        assert_eq!(kb.read(0x38FF, 50_000), 0x03); // '1' (row 4 bit 1) with SHIFT (row 7 bit 0)
        assert_eq!(kb.read(0x3880, 50_001), 0x01);
        assert_eq!(kb.read(0x38FF, 51_000), 0x00);
        assert!(kb.typing_pending(51_999));
        assert!(!kb.typing_pending(52_000));
    }

    #[test]
    fn ascii_mapping() {
        assert_eq!(keys_for_char('a'), Some((true, Key::Char(b'A'))));
        assert_eq!(keys_for_char('A'), Some((false, Key::Char(b'A'))));
        assert_eq!(keys_for_char('"'), Some((true, Key::Char(b'2'))));
        assert_eq!(keys_for_char('?'), Some((true, Key::Char(b'/'))));
        assert_eq!(keys_for_char('\n'), Some((false, Key::Enter)));
        assert_eq!(keys_for_char('~'), None);
        for c in ['^', '[', '↑'] {
            assert_eq!(keys_for_char(c), Some((false, Key::Up)), "{c}");
        }
        let mut kb = Keyboard::new();
        kb.type_text("1\r\n2~");
        // '1', ENTER, a wait for the next prompt, '2': press + release each key.
        assert_eq!(kb.queue.len(), 7);
        assert_eq!(kb.queue[4], Step::AwaitInput);
        assert_eq!(untypable("1\r\n2~"), Some((2, 2, '~')));
        assert_eq!(untypable("ab\n\tC^?"), None);

        // `^` types ↑ (row 6 bit 3, 3840H), no SHIFT.
        let mut kb = Keyboard::new();
        kb.type_text("^");
        assert_eq!(kb.read(0x3840, 0), 0x08);
        assert_eq!(kb.read(0x3880, 1), 0x00);
    }

    #[test]
    fn a_line_after_enter_waits_for_dense_keyboard_reads() {
        let mut kb = Keyboard::new();
        kb.set_hold(100);
        kb.set_release_hold(100);
        kb.type_text("A\nB");
        assert_eq!(kb.read(0x3801, 0), 0x02); // A
        assert_eq!(kb.read(0x3840, 100), 0x00); // released
        assert_eq!(kb.read(0x3840, 200), 0x01); // ENTER
        assert_eq!(kb.read(0x3840, 300), 0x00); // released
                                                // A program running: a read every 500 T is not waiting for a key.
        let mut t = 400;
        for _ in 0..200 {
            assert_eq!(kb.read(0x38FF, t), 0x00, "B is not typed at {t}");
            t += 500;
        }
        assert!(kb.typing_pending(t));
        // Waiting for a key: INPUT_WAIT_READS reads within INPUT_WAIT_T (a window that
        // began among the sparse reads may have to run out first).
        let gap = INPUT_WAIT_T / u64::from(INPUT_WAIT_READS);
        let dense = (1..=2 * INPUT_WAIT_READS)
            .find(|_| {
                t += gap;
                kb.read(0x3801, t) == 0x04
            })
            .expect("B once the program asks");
        assert!(dense >= INPUT_WAIT_READS, "{dense}");
        assert!(!kb.presses_queued() && kb.typing_pending(t));
    }
}
