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
//! Not emulated: key bounce, ghosting between pressed keys (the matrix has no
//! diodes, but the ROM never relies on it), the System-80's extra keys in row 3.

use crate::formats::state::{self, Reader, Writer};
use std::collections::VecDeque;

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
    /// States still to show.
    queue: VecDeque<[u8; 8]>,
    /// T-state from which the next queued state may be applied.
    next_t: u64,
    /// Hold time of a state with keys down.
    hold: u64,
    /// Hold time of the all-released state between two characters.
    release_hold: u64,
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

    /// Queue `s` to be typed. Characters with no key are skipped; `"\r\n"`
    /// counts as one ENTER.
    pub fn type_text(&mut self, s: &str) {
        let mut prev_cr = false;
        for c in s.chars() {
            if c == '\n' && prev_cr {
                prev_cr = false;
                continue;
            }
            prev_cr = c == '\r';
            if let Some((shift, key)) = keys_for_char(c) {
                self.queue_keys(shift, &[key]);
            }
        }
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
        self.queue.push_back(m);
        self.queue.push_back([0; 8]);
    }

    /// Set how long (T-states) each queued key press is held.
    pub fn set_hold(&mut self, t: u64) {
        self.hold = t;
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

    /// Drop everything queued and release the queue's keys.
    pub fn clear_queue(&mut self) {
        self.queue.clear();
        self.queued = [0; 8];
        self.next_t = 0;
    }

    /// A CPU read of the matrix at `addr` (3800H–3BFFH) at T-state `t`:
    /// advances the queue, then returns the OR of the selected rows.
    #[inline]
    pub fn read(&mut self, addr: u16, t: u64) -> u8 {
        if t >= self.next_t {
            if let Some(m) = self.queue.pop_front() {
                self.queued = m;
                let hold = if m == [0; 8] {
                    self.release_hold
                } else {
                    self.hold
                };
                self.next_t = t + hold;
            }
        }
        self.peek(addr)
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

/// Save states: the held keys, the queue and its timing.
impl Keyboard {
    pub(crate) fn save_state(&self, w: &mut Writer) {
        w.raw(&self.live);
        w.raw(&self.queued);
        w.u32(self.queue.len() as u32);
        for s in &self.queue {
            w.raw(s);
        }
        w.u64(self.next_t);
        w.u64(self.hold);
        w.u64(self.release_hold);
    }

    pub(crate) fn load_state(r: &mut Reader<'_>) -> state::Result<Keyboard> {
        let mut k = Keyboard::new();
        k.live.copy_from_slice(r.raw(8, "keys held")?);
        k.queued.copy_from_slice(r.raw(8, "queued keys")?);
        let n = r.u32("key queue length")? as usize;
        if n > r.remaining() / 8 {
            return Err(r.invalid(4, "key queue length beyond the section"));
        }
        for _ in 0..n {
            let mut s = [0; 8];
            s.copy_from_slice(r.raw(8, "queued key state")?);
            k.queue.push_back(s);
        }
        k.next_t = r.t("key queue time")?;
        k.hold = r.t("key hold time")?;
        k.release_hold = r.t("key release time")?;
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
        assert_eq!(kb.queue.len(), 6); // '1', ENTER, '2': press + release each

        // `^` types ↑ (row 6 bit 3, 3840H), no SHIFT.
        let mut kb = Keyboard::new();
        kb.type_text("^");
        assert_eq!(kb.read(0x3840, 0), 0x08);
        assert_eq!(kb.read(0x3880, 1), 0x00);
    }
}
