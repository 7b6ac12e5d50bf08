//! The Expansion Interface (26-1140/1141/1142) registers at 37E0H–37EFH: the
//! 40 Hz real-time clock and its interrupt latch, the cassette select latch,
//! the drive select latch, and a floppy controller area that answers "no
//! controller".
//!
//! Follows the TRS-80 Expansion Interface Technical Manual, "Interrupts" and
//! "Memory Map".
//!
//! | address       | read                                  | write                 |
//! |---------------|---------------------------------------|-----------------------|
//! | 37E0H–37E3H   | interrupt latch: bit 7 = RTC tick pending, bit 6 = FDC INTRQ (follows the controller), others 0; reading clears bit 7 | drive select (also to `drives.rs`) |
//! | 37E4H–37E7H   | FFH (floating)                        | cassette select: bit 0 = deck 1, bit 1 = deck 2 |
//! | 37E8H–37EBH   | printer status (`printer.rs`)         | printer data          |
//! | 37ECH–37EFH   | FD1771 (`fd1771.rs`) once a disk is inserted; before that FFH, "no controller" (Level II then skips the disk boot) | FD1771 |
//!
//! The RTC sets latch bit 7 every 44,352 T-states (1,774,080 / 40), counted from
//! power-on; the latch drives the Z80 /INT line (level) until it is read. The
//! Model I has no interrupt mask register.
//!
//! Not emulated here: the FD1771 and drives (`fd1771.rs`, `drives.rs`), the RS-232/screen
//! printer-port options of the EI, the latch bit 2 "communications" source,
//! RAM parity. The clock is derived from the CPU clock (the real EI divides the
//! mains-independent crystal, so the rate is the same 40 Hz).

use crate::formats::state::{self, Reader, Writer};
/// T-states between two RTC ticks (1,774,080 / 40).
pub const RTC_PERIOD_T: u64 = crate::clock::CPU_HZ / 40;
/// Interrupt latch bit: real-time clock tick pending.
pub const LATCH_RTC: u8 = 0x80;
/// Interrupt latch bit: floppy controller INTRQ.
pub const LATCH_FDC: u8 = 0x40;
/// What the floppy controller status reads with no controller present.
pub const FDC_ABSENT: u8 = 0xFF;

/// The Expansion Interface's own registers.
#[derive(Clone, Debug)]
pub struct Expansion {
    latch: u8,
    next_tick: u64,
    cassette_select: u8,
    drive_select: u8,
    ticks: u64,
}

impl Default for Expansion {
    fn default() -> Self {
        Self::new()
    }
}

impl Expansion {
    /// An interface at power-on: latch clear, first tick one period away.
    pub fn new() -> Self {
        Expansion {
            latch: 0,
            next_tick: RTC_PERIOD_T,
            cassette_select: 0,
            drive_select: 0,
            ticks: 0,
        }
    }

    /// T-state of the next RTC tick.
    #[inline(always)]
    pub fn next_tick(&self) -> u64 {
        self.next_tick
    }

    /// Bring the clock up to T-state `t` (sets the latch for every tick passed).
    #[inline]
    pub fn advance(&mut self, t: u64) {
        if t >= self.next_tick {
            let n = (t - self.next_tick) / RTC_PERIOD_T + 1;
            self.next_tick += n * RTC_PERIOD_T;
            self.ticks += n;
            self.latch |= LATCH_RTC;
        }
    }

    /// True while the latch asserts /INT.
    #[inline(always)]
    pub fn int_pending(&self) -> bool {
        self.latch != 0
    }

    /// CPU read of 37E0H–37E3H at `t`: the latch; the RTC bit is cleared.
    pub fn read_latch(&mut self, t: u64) -> u8 {
        self.advance(t);
        let v = self.latch;
        self.latch &= !LATCH_RTC;
        v
    }

    /// Follow the floppy controller's INTRQ line (latch bit 6; reading the latch leaves it).
    #[inline]
    pub fn set_fdc_intrq(&mut self, on: bool) {
        if on {
            self.latch |= LATCH_FDC;
        } else {
            self.latch &= !LATCH_FDC;
        }
    }

    /// The latch as it reads now, without clearing it.
    pub fn peek_latch(&self) -> u8 {
        self.latch
    }

    /// CPU write of 37E0H–37E3H: drive select latch.
    pub fn write_drive_select(&mut self, v: u8) {
        self.drive_select = v;
    }

    /// The last drive select value.
    pub fn drive_select(&self) -> u8 {
        self.drive_select
    }

    /// CPU write of 37E4H–37E7H: cassette select latch.
    pub fn write_cassette_select(&mut self, v: u8) {
        self.cassette_select = v;
    }

    /// The last cassette select value (bit 0 = deck 1, bit 1 = deck 2).
    pub fn cassette_select(&self) -> u8 {
        self.cassette_select
    }

    /// True when the select latch routes the cassette port to deck 2: the last value written
    /// had bit 1 set and bit 0 clear ("D0 selects unit 1, D1 selects unit 2", as MAME's
    /// memory map puts it); at power-on, and for any other value, deck 1.
    pub fn deck2_selected(&self) -> bool {
        self.cassette_select & 3 == 2
    }

    /// RTC ticks since power-on (as brought up to date by the last access).
    pub fn ticks(&self) -> u64 {
        self.ticks
    }

    /// Restart the clock phase from T-state `t` (power-on reset).
    pub fn reset(&mut self, t: u64) {
        self.latch = 0;
        self.next_tick = t + RTC_PERIOD_T;
    }
}

/// Save states: the latches and the clock's phase.
impl Expansion {
    pub(crate) fn save_state(&self, w: &mut Writer) {
        w.u8(self.latch);
        w.u64(self.next_tick);
        w.u8(self.cassette_select);
        w.u8(self.drive_select);
        w.u64(self.ticks);
    }

    pub(crate) fn load_state(r: &mut Reader<'_>) -> state::Result<Expansion> {
        Ok(Expansion {
            latch: r.u8("interrupt latch")?,
            next_tick: r.t("next clock tick")?,
            cassette_select: r.u8("cassette select")?,
            drive_select: r.u8("drive select")?,
            ticks: r.t("clock ticks")?,
        })
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rtc_sets_latch_every_period_and_read_clears_it() {
        let mut e = Expansion::new();
        e.advance(RTC_PERIOD_T - 1);
        assert!(!e.int_pending());
        e.advance(RTC_PERIOD_T);
        assert!(e.int_pending());
        assert_eq!(e.read_latch(RTC_PERIOD_T + 10), LATCH_RTC);
        assert!(!e.int_pending());
        assert_eq!(e.read_latch(RTC_PERIOD_T + 20), 0);
        e.advance(40 * RTC_PERIOD_T);
        assert_eq!(e.ticks(), 40);
        assert_eq!(e.next_tick(), 41 * RTC_PERIOD_T);
    }
}
