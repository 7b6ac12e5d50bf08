//! The logical keyboard map every front end shares: a host key types the character on its
//! keycap, with SHIFT added or removed as the TRS-80 needs (host `"` → SHIFT+2, host `=` →
//! SHIFT+-, host SHIFT+; `:` → the TRS-80's unshifted `:` key), and the host keys held down
//! on the TRS-80's matrix.
//!
//! Every press goes through the machine's key queue, so even a tap is held long enough for
//! the ROM to see it; a key whose TRS-80 SHIFT state matches the host's (letters, digits,
//! ENTER, arrows, space, BREAK, CLEAR) is also held down for as long as the host key is,
//! when no earlier press is still waiting in the queue.

use std::collections::HashMap;
use std::hash::Hash;

use trs80_machine::keyboard::keys_for_char;
use trs80_machine::{Key, Machine};

/// A press on the TRS-80's keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TrsPress {
    /// With SHIFT.
    pub shift: bool,
    /// The key.
    pub key: Key,
    /// The key may stay down while the host key is held (its SHIFT state matches the
    /// host's).
    pub hold: bool,
}

/// The press that types character `c` when the host's SHIFT is `host_shift` (letters are
/// the same key whatever the case, the host's SHIFT passing through).
pub fn char_press(c: char, host_shift: bool) -> Option<TrsPress> {
    if c.is_ascii_alphabetic() {
        return Some(TrsPress {
            shift: host_shift,
            key: Key::Char(c.to_ascii_uppercase() as u8),
            hold: true,
        });
    }
    let (shift, key) = keys_for_char(c)?;
    Some(TrsPress {
        shift,
        key,
        hold: shift == host_shift,
    })
}

/// A key that is the same key on both machines (ENTER, arrows, BREAK…), with the host's
/// SHIFT passed through.
pub fn same_key(key: Key, host_shift: bool) -> TrsPress {
    TrsPress {
        shift: host_shift,
        key,
        hold: true,
    }
}

/// Host keys (named by the front end's own key type `K`) currently held down on the
/// TRS-80, and the matching matrix updates.
#[derive(Debug)]
pub struct HeldKeys<K> {
    held: HashMap<K, (bool, Key)>,
}

impl<K> Default for HeldKeys<K> {
    fn default() -> Self {
        Self {
            held: HashMap::new(),
        }
    }
}

impl<K: Hash + Eq + Copy> HeldKeys<K> {
    /// A press: queue it (so a tap is seen) and, if holdable, hold it down. A key pressed
    /// while earlier presses are still being played from the queue (fast typing, a
    /// WebDriver's or xdotool's burst) is only queued: held at once in the matrix, it would
    /// be seen together with the queued keys before it, and its SHIFT would shift them.
    pub fn press(&mut self, m: &mut Machine, host: K, p: TrsPress) {
        let busy = m.typing_pending();
        m.keyboard_mut().queue_keys(p.shift, &[p.key]);
        if p.hold && !busy {
            self.held.insert(host, (p.shift, p.key));
            m.key_down(p.key);
            if p.shift {
                m.key_down(Key::Shift);
            }
        }
    }

    /// A release: let go of the key (and of SHIFT when no held key needs it).
    pub fn release(&mut self, m: &mut Machine, host: K) {
        if let Some((_, key)) = self.held.remove(&host) {
            if !self.held.values().any(|&(_, k)| k == key) {
                m.key_up(key);
            }
            if !self.held.values().any(|&(s, _)| s) {
                m.key_up(Key::Shift);
            }
        }
    }

    /// Lets go of every held key (the window lost the focus, so releases may not come).
    pub fn release_all(&mut self, m: &mut Machine) {
        let keys: Vec<K> = self.held.keys().copied().collect();
        for k in keys {
            self.release(m, k);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_map_logically() {
        let p = |c, s| char_press(c, s).map(|p| (p.shift, p.key, p.hold));
        assert_eq!(p('a', false), Some((false, Key::Char(b'A'), true)));
        assert_eq!(p('A', true), Some((true, Key::Char(b'A'), true)));
        // Host " (SHIFT+') is SHIFT+2; host @ (SHIFT+2) is the unshifted @ key.
        assert_eq!(p('"', true), Some((true, Key::Char(b'2'), true)));
        assert_eq!(p('@', true), Some((false, Key::Char(b'@'), false)));
        // Host = is SHIFT+-; host : (SHIFT+;) is the unshifted : key.
        assert_eq!(p('=', false), Some((true, Key::Char(b'-'), false)));
        assert_eq!(p(':', true), Some((false, Key::Char(b':'), false)));
        assert_eq!(p('\\', false), None);
    }
}
