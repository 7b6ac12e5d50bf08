//! The Model I parallel printer port at 37E8H–37EBH (Centronics-style, in the
//! Expansion Interface), with a host-side sink that collects the bytes.
//!
//! Follows the TRS-80 Model I Technical Reference Manual / Expansion Interface
//! manual, "Line Printer".
//!
//! | access        | meaning                                                  |
//! |---------------|----------------------------------------------------------|
//! | write 37E8H   | data byte latched and strobed to the printer             |
//! | read 37E8H    | status: bit 7 BUSY (1 = busy), bit 6 PAPER EMPTY (1 = out), bit 5 SELECT (1 = on line), bit 4 FAULT (1 = no fault), bits 0–3 float high |
//!
//! The printer here is always on line, has paper and is never busy, so the
//! status reads [`STATUS_READY`] = 3FH, which both the Level II driver (it
//! looks at the top bits: not busy, paper, selected, no fault) and the
//! manuals' `PEEK(14312)` loops accept. With the printer marked offline the
//! status reads [`STATUS_OFFLINE`] (busy, not selected) and the ROM waits.
//!
//! Not emulated: print timing (the printer accepts a byte instantly), the
//! strobe pulse width.

use crate::formats::state::{self, Reader, Writer};
/// Status of an idle printer: not busy, paper in, selected, no fault; bits
/// 0–3 float high.
pub const STATUS_READY: u8 = 0x3F;
/// Status with no printer on line: busy, not selected.
pub const STATUS_OFFLINE: u8 = 0x8F;

/// The printer port plus the host-side sink.
#[derive(Clone, Debug)]
pub struct Printer {
    out: Vec<u8>,
    online: bool,
}

impl Default for Printer {
    fn default() -> Self {
        Self::new()
    }
}

impl Printer {
    /// A ready printer with an empty sink.
    pub fn new() -> Self {
        Printer {
            out: Vec::new(),
            online: true,
        }
    }

    /// CPU read of the status at T-state `t`.
    pub fn read_status(&self, _t: u64) -> u8 {
        if self.online {
            STATUS_READY
        } else {
            STATUS_OFFLINE
        }
    }

    /// CPU write of a data byte at T-state `t`.
    pub fn write_data(&mut self, v: u8, _t: u64) {
        if self.online {
            self.out.push(v);
        }
    }

    /// Put the printer on or off line.
    pub fn set_online(&mut self, online: bool) {
        self.online = online;
    }

    /// Take the bytes printed so far.
    pub fn take_output(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.out)
    }

    /// The bytes printed so far (not taken).
    pub fn output(&self) -> &[u8] {
        &self.out
    }
}

/// Save states: on line or not, and the paper not yet taken by the host.
impl Printer {
    pub(crate) fn save_state(&self, w: &mut Writer) {
        w.bool(self.online);
        w.bytes(&self.out);
    }

    pub(crate) fn load_state(r: &mut Reader<'_>) -> state::Result<Printer> {
        let online = r.bool("printer on line")?;
        let out = r.bytes(r.remaining(), "printer paper")?.to_vec();
        Ok(Printer { out, online })
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collects_bytes_and_reports_ready() {
        let mut p = Printer::new();
        assert_eq!(p.read_status(0) & 0xF0, 0x30);
        p.write_data(b'H', 0);
        p.write_data(b'I', 10);
        assert_eq!(p.take_output(), b"HI");
        assert!(p.take_output().is_empty());
        p.set_online(false);
        assert_eq!(p.read_status(0) & 0x80, 0x80);
    }
}
