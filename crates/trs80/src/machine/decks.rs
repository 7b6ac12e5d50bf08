//! The cassette decks seen from the machine: deck 1, deck 2 (selected through the
//! Expansion Interface's latch at 37E4H), a recorder wired to the port's output, and the
//! port's signal kept as sound.

use super::Machine;
use crate::devices::cassette::Cassette;

impl Machine {
    /// Cassette deck 1 (the one port FFH reaches unless a program selects deck 2 through
    /// the Expansion Interface's latch at 37E4H).
    pub fn cassette(&mut self) -> &mut Cassette {
        &mut self.board.cassette
    }

    /// Cassette deck 2 (Expansion Interface).
    pub fn cassette2(&mut self) -> &mut Cassette {
        &mut self.board.cassette2
    }

    /// Which deck the cassette port is connected to: 1 or 2.
    pub fn selected_deck(&self) -> u8 {
        if self.board.deck2_connected() {
            2
        } else {
            1
        }
    }

    /// Wires a recorder (a blank tape with RECORD pressed) to the cassette port's output:
    /// whatever is written while the motor runs is recorded, whichever deck is selected.
    pub fn attach_recorder(&mut self) {
        let mut r = Cassette::new();
        r.set_speed(self.board.cassette.speed());
        r.insert_blank();
        let bits = self.board.deck().port_bits();
        r.connect(true, bits, self.cpu.t);
        self.board.recorder = Some(Box::new(r));
    }

    /// The recorder [`Machine::attach_recorder`] wired in, if any.
    pub fn recorder(&mut self) -> Option<&mut Cassette> {
        self.board.recorder.as_deref_mut()
    }

    /// Sets the tape speed of both decks and the recorder.
    pub fn set_tape_speed(&mut self, speed: crate::devices::cassette::Speed) {
        self.board.cassette.set_speed(speed);
        self.board.cassette2.set_speed(speed);
        if let Some(r) = self.board.recorder.as_deref_mut() {
            r.set_speed(speed);
        }
    }

    /// Start or stop keeping the cassette port's signal for the host to play or record
    /// ([`Machine::take_sound`]). Off by default.
    pub fn set_sound(&mut self, on: bool) {
        self.board.cassette.set_sound(on);
        self.board.cassette2.set_sound(on);
        // Deck 2 logs only while it is connected: not the level it starts from.
        self.board.cassette2.take_sound(self.cpu.t);
    }

    /// The cassette port's signal since the last call, up to the current T-state, from
    /// whichever deck was connected; see [`crate::audio`] for turning it into samples.
    pub fn take_sound(&mut self) -> crate::devices::cassette::SoundLog {
        let mut log = self.board.cassette.take_sound(self.cpu.t);
        let two = self.board.cassette2.take_sound(self.cpu.t);
        if !two.port.is_empty() || !two.tape.is_empty() {
            log.port.extend(two.port);
            log.port.sort_by_key(|&(t, _, _)| t);
            log.tape.extend(two.tape);
            log.tape.sort_unstable();
        }
        log
    }
}
