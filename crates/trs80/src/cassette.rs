//! The cassette interface of the Model I (port FFH) and a cassette deck.
//!
//! Placeholder: the deck model lands with the cassette issue. The machine calls
//! exactly these methods from its port FFH decode.

/// A cassette deck wired to port FFH.
#[derive(Debug, Default)]
pub struct Cassette {
    latch: bool,
    motor: bool,
}

impl Cassette {
    /// A deck with no tape.
    pub fn new() -> Self {
        Self::default()
    }

    /// OUT FFH at T-state `t`: bits 0–1 output level, bit 2 motor relay.
    /// Any write clears the input latch.
    pub fn port_out(&mut self, value: u8, t: u64) {
        let _ = t;
        self.motor = value & 0x04 != 0;
        self.latch = false;
    }

    /// IN FFH bit 7 at T-state `t`: the input latch set by a pulse from the tape.
    pub fn input_latch(&mut self, t: u64) -> bool {
        let _ = t;
        self.latch
    }

    /// True while the motor relay is closed.
    pub fn motor_on(&self) -> bool {
        self.motor
    }
}
