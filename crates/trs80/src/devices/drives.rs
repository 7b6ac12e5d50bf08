//! The Expansion Interface's four floppy drives: the drive-select latch, the motor one-shot,
//! head positions, sides and write protection.
//!
//! Follows the TRS-80 Expansion Interface Technical Manual (drive select latch and motor timer
//! in the disk interface section) and the schematic readings of the EI boards: a 74LS175 latch
//! takes data bits 0–3 on any write to 37E0H–37E3H; each write also retriggers a 74LS123
//! one-shot (≈ 2.97 s) that runs the motors and, when it runs out, clears the latch.
//!
//! | latch bit (write 37E0H–37E3H) | meaning |
//! |---|---|
//! | 0 | select drive 0 |
//! | 1 | select drive 1 |
//! | 2 | select drive 2 |
//! | 3 | select drive 3 — or, together with one of bits 0–2, side 1 of that drive |
//! | 4–7 | not latched |
//!
//! The stock cable has no side-select line; double-sided set-ups re-used DS3 as the side
//! signal, which is what the Model I DOSes drive, so bit 3 with another drive bit means side 1
//! (drive 3 then cannot be double-sided). READY, which the FD1771 also takes as head loaded,
//! is "a drive is selected and the motor runs"; an empty drive is treated as not ready.
//!
//! Not emulated: selecting several drives at once (the lowest selected one answers), drive
//! mechanics (head load solenoid, door switch), drive sounds.

use crate::formats::disk::{Disk, WriteFault};
use crate::formats::state::{self, Reader, Writer};

/// T-states of the motor one-shot: 2.97 s at 1,774,080 Hz.
pub const MOTOR_T: u64 = 5_269_018;
/// Drives on the cable.
pub const DRIVES: usize = 4;
/// Farthest track a drive's head can reach.
pub const MAX_CYL: u8 = 95;

/// One drive and the disk in it.
#[derive(Clone, Debug, Default)]
pub struct Drive {
    /// The disk inserted, if any.
    pub disk: Option<Disk>,
    /// Track the head is over.
    pub cyl: u8,
    /// The host's write-protect tab (on top of the image's own flag).
    pub protect_tab: bool,
    /// The machine wrote to the disk since it was inserted or last saved.
    pub dirty: bool,
    /// The last write the image could not hold (the program saw a write fault), for the host
    /// to tell the user why.
    pub refused: Option<WriteFault>,
}

impl Drive {
    /// Whether writes are refused (tab or image flag).
    pub fn write_protected(&self) -> bool {
        self.protect_tab
            || self
                .disk
                .as_ref()
                .is_some_and(|d| d.image().write_protected())
    }
}

/// The four drives and the select latch.
#[derive(Clone, Debug, Default)]
pub struct Drives {
    drive: [Drive; DRIVES],
    latch: u8,
    motor_off_at: u64,
}

impl Drives {
    /// Four empty drives, none selected, motors off.
    pub fn new() -> Drives {
        Drives::default()
    }

    /// A write to 37E0H–37E3H at T-state `t`: latch bits 0–3, restart the motor timer.
    pub fn select(&mut self, v: u8, t: u64) {
        self.latch = v & 0x0F;
        self.motor_off_at = t + MOTOR_T;
    }

    /// Bring the motor timer up to `t`: when it has run out, the latch is cleared.
    pub fn advance(&mut self, t: u64) {
        if t >= self.motor_off_at {
            self.latch = 0;
        }
    }

    /// T-state at which the motors stop (meaningful while one is running).
    pub fn motor_off_at(&self) -> u64 {
        self.motor_off_at
    }

    /// Whether the motors run at `t`.
    pub fn motor_on(&self, t: u64) -> bool {
        self.latch != 0 && t < self.motor_off_at
    }

    /// The latched select bits.
    pub fn latch(&self) -> u8 {
        self.latch
    }

    /// The selected drive and side, decoded as the Model I DOSes use the latch.
    pub fn selected(&self) -> Option<(usize, u8)> {
        let low = self.latch & 0x07;
        match (low, self.latch & 0x08 != 0) {
            (0, false) => None,
            (0, true) => Some((3, 0)),
            (low, side) => Some((low.trailing_zeros() as usize, side as u8)),
        }
    }

    /// READY as the FD1771 sees it: a selected drive with a disk, motor running.
    pub fn ready(&self, t: u64) -> bool {
        self.motor_on(t)
            && self
                .selected()
                .is_some_and(|(d, _)| self.drive[d].disk.is_some())
    }

    /// The selected drive (whatever the motor does).
    pub fn current(&self) -> Option<&Drive> {
        self.selected().map(|(d, _)| &self.drive[d])
    }

    /// The selected drive, for writing.
    pub fn current_mut(&mut self) -> Option<&mut Drive> {
        self.selected().map(|(d, _)| &mut self.drive[d])
    }

    /// Drive `n` (0–3).
    pub fn drive(&self, n: usize) -> &Drive {
        &self.drive[n]
    }

    /// Drive `n` (0–3), for inserting and ejecting.
    pub fn drive_mut(&mut self, n: usize) -> &mut Drive {
        &mut self.drive[n]
    }

    /// Step the selected drive's head one track in (+1) or out (−1).
    pub fn step(&mut self, inward: bool) {
        if let Some(d) = self.current_mut() {
            d.cyl = if inward {
                (d.cyl + 1).min(MAX_CYL)
            } else {
                d.cyl.saturating_sub(1)
            };
        }
    }

    /// The TRACK 00 sensor of the selected drive.
    pub fn track0(&self) -> bool {
        self.current().is_some_and(|d| d.cyl == 0)
    }

    /// Any disk inserted in any drive.
    pub fn any_disk(&self) -> bool {
        self.drive.iter().any(|d| d.disk.is_some())
    }
}

/// Save states: each drive's head, tab, changed flag and disk (as its image file's bytes),
/// and the select latch with the motor timer.
impl Drives {
    pub(crate) fn save_state(&self, w: &mut Writer) {
        for d in &self.drive {
            w.u8(d.cyl);
            w.bool(d.protect_tab);
            w.bool(d.dirty);
            w.bool(d.disk.is_some());
            w.bytes(&d.disk.as_ref().map_or(Vec::new(), |k| k.image().to_bytes()));
        }
        w.u8(self.latch);
        w.u64(self.motor_off_at);
    }

    pub(crate) fn load_state(r: &mut Reader<'_>) -> state::Result<Drives> {
        let mut ds = Drives::new();
        for d in ds.drive.iter_mut() {
            d.cyl = r.u8("drive head position")?;
            if d.cyl > MAX_CYL {
                return Err(r.invalid(1, "drive head position (0-95)"));
            }
            d.protect_tab = r.bool("write-protect tab")?;
            d.dirty = r.bool("disk changed")?;
            let present = r.bool("disk inserted")?;
            let bytes = r.bytes(r.remaining(), "disk image")?;
            if present {
                let disk = Disk::parse(bytes)
                    .map_err(|_| r.invalid(bytes.len(), "disk image (not JV1, JV3 or DMK)"))?;
                d.disk = Some(disk);
            } else if !bytes.is_empty() {
                return Err(r.invalid(bytes.len(), "disk bytes in an empty drive"));
            }
        }
        ds.latch = r.u8("drive select latch")? & 0x0F;
        ds.motor_off_at = r.t("drive motor timer")?;
        Ok(ds)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latch_decoding_and_motor_one_shot() {
        let mut d = Drives::new();
        assert_eq!(d.selected(), None);
        d.select(0x01, 100);
        assert_eq!(d.selected(), Some((0, 0)));
        d.select(0x0A, 100);
        assert_eq!(d.selected(), Some((1, 1)));
        d.select(0x08, 100);
        assert_eq!(d.selected(), Some((3, 0)));
        d.select(0xF4, 100);
        assert_eq!((d.latch(), d.selected()), (0x04, Some((2, 0))));
        assert!(d.motor_on(100 + MOTOR_T - 1));
        assert!(!d.ready(200), "no disk in drive 2");
        d.advance(100 + MOTOR_T);
        assert_eq!(d.selected(), None, "the one-shot clears the latch");
        assert!(!d.motor_on(100 + MOTOR_T));
    }

    #[test]
    fn head_stays_between_track_0_and_the_last_track() {
        let mut d = Drives::new();
        d.select(1, 0);
        d.step(false);
        assert!(d.track0());
        for _ in 0..200 {
            d.step(true);
        }
        assert_eq!(d.drive(0).cyl, MAX_CYL);
        assert!(!d.track0());
    }
}
