//! The Expansion Interface's floppy disk controller, a Western Digital FD1771, at 37ECH–37EFH,
//! with a double-density doubler (FD1791) beside it.
//!
//! Follows the Western Digital FD1771 data sheet (command descriptions, "Status Register",
//! "Type I/II/III/IV Commands") and, for the doubler, the Radio Shack 26-1143 and Percom
//! doubler manuals as described in Tim Mann's disk-format notes. Every delay is counted in
//! CPU T-states (1,774,080 per second); the controller clock is 1 MHz.
//!
//! | address | read | write |
//! |---|---|---|
//! | 37ECH | status | command (Percom doubler: FEH = single density, FFH = double) |
//! | 37EDH | track register | track register |
//! | 37EEH | sector register | sector register (Radio Shack doubler: 80H = double, A0H = single; 40H–FFH are doubler codes) |
//! | 37EFH | data register | data register |
//! | 37E0H bit 6 (read) | INTRQ, cleared by reading status or writing a command | — |
//!
//! | status bit | Type I / IV | read sector | write sector | read address / track | write track |
//! |---|---|---|---|---|---|
//! | 7 | not ready | not ready | not ready | not ready | not ready |
//! | 6 | write protect | record type bit 1 | write protect | 0 | write protect |
//! | 5 | head loaded (= ready) | record type bit 0 | write fault | 0 | write fault |
//! | 4 | seek error | record not found | record not found | RNF (address) | 0 |
//! | 3 | CRC error | CRC error | CRC error | CRC error (address) | 0 |
//! | 2 | track 0 | lost data | lost data | lost data | lost data |
//! | 1 | index pulse | DRQ | DRQ | DRQ | DRQ |
//! | 0 | busy | busy | busy | busy | busy |
//!
//! Record type bits (6,5) after a single-density read: FBH 00, FAH 01, F9H 10, F8H 11; in
//! double density F8H/F9H read as 01. DRQ is not wired to the CPU on the Model I: programs
//! poll status bit 1. The disk turns at 300 rpm (354,816 T per revolution); the index hole
//! shows for the first 1 % of each turn. Step rates 12/12/20/40 ms (1791: 6/12/20/30 ms),
//! head settle 10 ms, one byte every 64 µs (single) or 32 µs (double). A record is not found
//! after 2 revolutions (1791: 5).
//!
//! Force Interrupt (DxH) ends any command; its condition bits ask for INTRQ at once (bit 3), at
//! each index pulse (bit 2), when READY comes (bit 0) or goes (bit 1). READY is the Expansion
//! Interface's "a drive with a disk is selected and the motor one-shot runs", so it comes with a
//! drive-select write and goes when the one-shot runs out or the select latch is cleared.
//!
//! A SEEK steps one track per count of the track register towards the data register; stepping
//! out with the head already on track 00 ends it with the track register 0, as the TR00 input
//! ends a RESTORE. That is how Hatari's WD1772 follows its data sheet's Type I flow; MAME's WD
//! core keeps stepping, and the FD1771 data sheet's own flow chart was not at hand to settle
//! it. So a DOS that loads FFH into the track register before its first seek (LDOS does) pays
//! for the steps to track 00, not 255 minus the target (238 steps at 40 ms, 9.5 s, for LDOS's
//! seek to its directory on track 17).
//!
//! Not emulated: the two controllers of a doubler keeping separate register sets (one set is
//! shared), write precompensation, non-IBM sector lengths, the inverted data bus (the
//! Expansion Interface inverts it back, so software sees true values).

use crate::devices::drives::{self, Drives};
use crate::formats::disk::{dam, track, Density, Disk, SectorId, WriteFault};

/// T-states per revolution (200 ms).
pub const REV_T: u64 = 354_816;
/// T-states the index hole is seen (1 % of a revolution).
pub const INDEX_T: u64 = 3_548;
/// Head-settle / head-engage delay, 10 ms.
pub const SETTLE_T: u64 = 17_741;
/// FD1771 step rates for codes 0–3 (12, 12, 20, 40 ms).
pub const STEP_T_1771: [u64; 4] = [21_289, 21_289, 35_482, 70_963];
/// FD1791 step rates for codes 0–3 (6, 12, 20, 30 ms).
pub const STEP_T_1791: [u64; 4] = [10_645, 21_289, 35_482, 53_222];
/// Time from a command write to the controller acting on it (a few controller cycles).
const DECODE_T: u64 = 50;
/// Recorded bytes from an ID address mark to the first data byte (ID, gap 2, sync, DAM).
const ID_TO_DATA: u64 = 25;
/// Byte times a WRITE SECTOR waits for the first data byte before giving up.
const WRITE_GRACE: u64 = 11;

/// Status bits.
pub mod status {
    /// Drive not ready.
    pub const NOT_READY: u8 = 0x80;
    /// Write protected (Type I, writes).
    pub const WRITE_PROTECT: u8 = 0x40;
    /// Head loaded (Type I) / write fault (writes) / record type bit 0 (reads).
    pub const HEAD_LOADED: u8 = 0x20;
    /// Seek error (Type I) / record not found (Type II/III).
    pub const SEEK_ERROR: u8 = 0x10;
    /// CRC error.
    pub const CRC_ERROR: u8 = 0x08;
    /// Track 0 (Type I) / lost data (Type II/III).
    pub const TRACK0: u8 = 0x04;
    /// Index pulse (Type I) / data request (Type II/III).
    pub const INDEX: u8 = 0x02;
    /// Busy.
    pub const BUSY: u8 = 0x01;
    /// Record not found.
    pub const RNF: u8 = SEEK_ERROR;
    /// Lost data.
    pub const LOST_DATA: u8 = TRACK0;
    /// Data request.
    pub const DRQ: u8 = INDEX;
    /// Write fault.
    pub const WRITE_FAULT: u8 = HEAD_LOADED;
}

/// What the controller is doing between events.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Op {
    Idle,
    /// A Type I command ends at the event.
    Type1,
    /// A command ends at the event with these status bits (RNF, write protect …).
    Fail(u8),
    /// A read transfers `bytes`; the next one arrives at the event.
    Read {
        bytes: Vec<u8>,
        pos: usize,
        multi: bool,
    },
    /// A write sector collects bytes; the next one is taken at the event.
    Write {
        index: usize,
        buf: Vec<u8>,
        size: usize,
        dam: u8,
        multi: bool,
    },
    /// WRITE TRACK collects a revolution of bytes.
    WriteTrack {
        buf: Vec<u8>,
        cap: usize,
    },
    /// The last byte of a read has gone; the CRC passes, then the command ends.
    Finish,
}

/// The controller's registers and drives, for the monitor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FdcState {
    /// Status as it would read now (without clearing INTRQ).
    pub status: u8,
    /// Last command written.
    pub command: u8,
    /// Track register.
    pub track: u8,
    /// Sector register.
    pub sector: u8,
    /// Data register.
    pub data: u8,
    /// INTRQ line.
    pub intrq: bool,
    /// Density the doubler has selected.
    pub density: Density,
    /// Selected drive and side.
    pub selected: Option<(usize, u8)>,
    /// Head positions of the four drives.
    pub cyl: [u8; drives::DRIVES],
    /// Motors running.
    pub motor_on: bool,
}

/// The FD1771 (and doubler) with its four drives.
#[derive(Clone, Debug)]
pub struct Fd1771 {
    /// The drives on the cable.
    pub drives: Drives,
    track: u8,
    sector: u8,
    data: u8,
    command: u8,
    /// Status bits kept for the last command (not the live ones).
    bits: u8,
    type1: bool,
    busy: bool,
    drq: bool,
    intrq: bool,
    index_irq: bool,
    /// Force Interrupt's READY conditions: bit 0 on not-ready to ready, bit 1 on ready to
    /// not-ready.
    ready_irq: u8,
    /// READY when the conditions were last looked at.
    was_ready: bool,
    step_in: bool,
    density: Density,
    /// Reads FFH ("no controller") until the next command: drive 0 was empty at reset.
    absent: bool,
    op: Op,
    event: u64,
    now: u64,
}

impl Default for Fd1771 {
    fn default() -> Self {
        Self::new()
    }
}

impl Fd1771 {
    /// A controller at power-on with four empty drives.
    pub fn new() -> Fd1771 {
        Fd1771 {
            drives: Drives::new(),
            track: 0,
            sector: 0,
            data: 0,
            command: 0x03,
            bits: 0,
            type1: true,
            busy: false,
            drq: false,
            intrq: false,
            index_irq: false,
            ready_irq: 0,
            was_ready: false,
            step_in: true,
            density: Density::Single,
            absent: true,
            op: Op::Idle,
            event: u64::MAX,
            now: 0,
        }
    }

    /// Put a disk in drive `n` (0–3), with the host's write-protect tab.
    pub fn insert(&mut self, n: usize, disk: Disk, protect_tab: bool) {
        let d = self.drives.drive_mut(n);
        d.disk = Some(disk);
        d.protect_tab = protect_tab;
        d.dirty = false;
        if n == 0 {
            self.absent = false;
        }
    }

    /// Master reset (power-on, and the RESET button's SYSRES): the controller restores, every
    /// head returns to track 0, and with drive 0 empty the controller reads as absent so the
    /// ROM goes to BASIC.
    pub fn reset(&mut self, t: u64) {
        self.now = t;
        self.track = 0;
        self.sector = 0;
        self.bits = 0;
        self.type1 = true;
        self.busy = false;
        self.drq = false;
        self.intrq = false;
        self.index_irq = false;
        self.ready_irq = 0;
        self.density = Density::Single;
        self.op = Op::Idle;
        self.event = u64::MAX;
        for n in 0..drives::DRIVES {
            self.drives.drive_mut(n).cyl = 0;
        }
        self.absent = self.drives.drive(0).disk.is_none();
    }

    /// INTRQ (Expansion Interface latch bit 6).
    #[inline(always)]
    pub fn intrq(&self) -> bool {
        self.intrq
    }

    /// T-state of the controller's next event (`u64::MAX` when idle).
    #[inline(always)]
    pub fn next_event(&self) -> u64 {
        self.event
    }

    /// The doubler's current density.
    pub fn density(&self) -> Density {
        self.density
    }

    fn byte_t(&self) -> u64 {
        match self.density {
            Density::Single => 114,
            Density::Double => 57,
        }
    }

    fn ready(&self, t: u64) -> bool {
        self.drives.ready(t)
    }

    /// Whether the index hole is under the sensor at `t`.
    pub fn index_pulse(&self, t: u64) -> bool {
        match self.drives.current() {
            None => false,
            // An empty drive lets the light through: the sensor sees the "hole" all the time.
            Some(d) if d.disk.is_none() => true,
            Some(_) => self.drives.motor_on(t) && t % REV_T < INDEX_T,
        }
    }

    /// The status register as it reads at `t` (no side effects).
    pub fn status_at(&self, t: u64) -> u8 {
        if self.absent {
            return 0xFF;
        }
        let mut s = if self.type1 {
            let mut s = self.bits & (status::SEEK_ERROR | status::CRC_ERROR);
            if self.drives.current().is_some_and(|d| d.write_protected()) {
                s |= status::WRITE_PROTECT;
            }
            if self.ready(t) {
                s |= status::HEAD_LOADED;
            }
            if self.drives.track0() {
                s |= status::TRACK0;
            }
            if self.index_pulse(t) {
                s |= status::INDEX;
            }
            s
        } else {
            self.bits | if self.drq { status::DRQ } else { 0 }
        };
        if !self.ready(t) {
            s |= status::NOT_READY;
        }
        if self.busy {
            s |= status::BUSY;
        }
        s
    }

    /// A CPU read of 37ECH–37EFH at `t`.
    pub fn read(&mut self, addr: u16, t: u64) -> u8 {
        self.advance(t);
        match addr & 3 {
            0 => {
                let s = self.status_at(t);
                self.intrq = false;
                s
            }
            1 => self.track,
            2 => self.sector,
            _ => {
                self.drq = false;
                self.data
            }
        }
    }

    /// What a read of 37ECH–37EFH would return, without side effects.
    pub fn peek(&self, addr: u16) -> u8 {
        match addr & 3 {
            0 => self.status_at(self.now),
            1 => self.track,
            2 => self.sector,
            _ => self.data,
        }
    }

    /// A CPU write of 37ECH–37EFH at `t`.
    pub fn write(&mut self, addr: u16, v: u8, t: u64) {
        self.advance(t);
        match addr & 3 {
            0 => self.command(v, t),
            1 => self.track = v,
            2 => match v & 0xE0 {
                // Radio Shack doubler codes in the top three bits.
                0x80 => self.density = Density::Double,
                0xA0 => self.density = Density::Single,
                0x40 | 0x60 | 0xC0 | 0xE0 => {}
                _ => self.sector = v,
            },
            _ => {
                self.data = v;
                self.drq = false;
            }
        }
    }

    /// A CPU write of the drive-select latch (37E0H–37E3H) at `t`.
    pub fn select(&mut self, v: u8, t: u64) {
        self.advance(t);
        self.drives.select(v, t);
        self.ready_change(t);
        self.reschedule();
    }

    /// Registers and drive state for the monitor.
    pub fn state(&self) -> FdcState {
        let mut cyl = [0; drives::DRIVES];
        for (n, c) in cyl.iter_mut().enumerate() {
            *c = self.drives.drive(n).cyl;
        }
        FdcState {
            status: self.status_at(self.now),
            command: self.command,
            track: self.track,
            sector: self.sector,
            data: self.data,
            intrq: self.intrq,
            density: self.density,
            selected: self.drives.selected(),
            cyl,
            motor_on: self.drives.motor_on(self.now),
        }
    }

    /// Bring the controller up to T-state `t`: every byte, step and timeout due by then.
    pub fn advance(&mut self, t: u64) {
        while self.event <= t {
            let at = self.event;
            self.now = at;
            self.drives.advance(at);
            if self.busy && !matches!(self.op, Op::Type1) && !self.ready(at) {
                // The motor stopped under a transfer.
                self.finish(at, status::LOST_DATA);
                continue;
            }
            self.on_event(at);
        }
        self.now = self.now.max(t);
        self.drives.advance(t);
    }

    fn reschedule(&mut self) {
        if self.index_irq && !self.busy {
            let next = (self.now / REV_T + 1) * REV_T;
            self.event = next;
        }
        if self.busy && !matches!(self.op, Op::Type1) {
            self.event = self.event.min(self.drives.motor_off_at());
        }
        if self.ready_irq & 0x02 != 0 && !self.busy && self.was_ready {
            // The motor one-shot running out drops READY.
            self.event = self.event.min(self.drives.motor_off_at());
        }
    }

    /// Force Interrupt's READY conditions: INTRQ when READY changed the armed way.
    fn ready_change(&mut self, t: u64) {
        if self.ready_irq == 0 || self.busy {
            return;
        }
        let now = self.ready(t);
        if now != self.was_ready {
            let armed = if now { 0x01 } else { 0x02 };
            if self.ready_irq & armed != 0 {
                self.intrq = true;
            }
            self.was_ready = now;
        }
    }

    fn finish(&mut self, _t: u64, bits: u8) {
        self.bits |= bits;
        self.busy = false;
        self.intrq = true;
        self.op = Op::Idle;
        self.event = u64::MAX;
        self.reschedule();
    }

    fn schedule(&mut self, op: Op, at: u64) {
        self.op = op;
        self.event = at;
        self.reschedule();
    }

    fn command(&mut self, v: u8, t: u64) {
        if v == 0xFE {
            self.density = Density::Single;
            return;
        }
        if v == 0xFF {
            self.density = Density::Double;
            return;
        }
        self.absent = false;
        if v & 0xF0 == 0xD0 {
            self.force_interrupt(v, t);
            return;
        }
        if self.busy {
            return; // Only Force Interrupt reaches a busy controller.
        }
        self.command = v;
        self.intrq = false;
        self.index_irq = false;
        self.ready_irq = 0;
        self.bits = 0;
        self.busy = true;
        self.drq = false;
        match v >> 4 {
            0x0..=0x7 => self.type_one(v, t),
            0x8..=0xB => self.type_two(v, t),
            0xC => self.read_address(v, t),
            0xE => self.read_track(v, t),
            _ => self.write_track(v, t),
        }
    }

    fn force_interrupt(&mut self, v: u8, t: u64) {
        self.command = v;
        self.busy = false;
        self.drq = false;
        self.type1 = true;
        self.op = Op::Idle;
        self.event = u64::MAX;
        self.intrq = v & 0x08 != 0;
        self.index_irq = v & 0x04 != 0;
        self.ready_irq = v & 0x03;
        self.was_ready = self.ready(t);
        self.now = t;
        self.reschedule();
    }

    fn step_t(&self, code: u8) -> u64 {
        match self.density {
            Density::Single => STEP_T_1771[code as usize & 3],
            Density::Double => STEP_T_1791[code as usize & 3],
        }
    }

    fn type_one(&mut self, v: u8, t: u64) {
        self.type1 = true;
        let steps: u32 = match v >> 4 {
            0x0 => {
                // RESTORE: step out until TRACK 00 (at most 255 steps).
                let from = self.drives.current().map_or(255, |d| d.cyl as u32);
                self.step_in = false;
                for _ in 0..from {
                    self.drives.step(false);
                }
                if !self.drives.track0() {
                    self.bits |= status::SEEK_ERROR;
                }
                self.track = 0;
                from
            }
            0x1 => {
                // SEEK to the data register, one step per track-register count. Stepping out
                // with the head already on track 00 ends the seek with the track register 0
                // (the TR00 input stops a step-out, as it stops RESTORE).
                let target = self.data;
                self.step_in = target > self.track;
                let mut n = 0;
                while self.track != target {
                    if !self.step_in && self.drives.track0() {
                        self.track = 0;
                        break;
                    }
                    self.drives.step(self.step_in);
                    self.track = if self.step_in {
                        self.track + 1
                    } else {
                        self.track - 1
                    };
                    n += 1;
                }
                n
            }
            op => {
                // STEP (repeat direction), STEP IN, STEP OUT; bit 4 updates the track register.
                match op >> 1 {
                    2 => self.step_in = true,
                    3 => self.step_in = false,
                    _ => {}
                }
                self.drives.step(self.step_in);
                if v & 0x10 != 0 {
                    self.track = if self.step_in {
                        self.track.wrapping_add(1)
                    } else {
                        self.track.wrapping_sub(1)
                    };
                }
                1
            }
        };
        let mut done = t + DECODE_T + steps as u64 * self.step_t(v & 3);
        if v & 0x04 != 0 {
            // Verify: after the settle time, an ID on this track must carry the track number.
            let from = done + SETTLE_T;
            let track = self.track;
            match self.find_id(from, |id| id.track == track) {
                Some((at, _, id)) => {
                    done = at + 7 * self.byte_t();
                    if id.id_crc_error {
                        self.bits |= status::CRC_ERROR;
                    }
                }
                None => {
                    self.bits |= status::SEEK_ERROR;
                    done = from + self.give_up_t();
                }
            }
        }
        self.schedule(Op::Type1, done);
    }

    fn give_up_t(&self) -> u64 {
        match self.density {
            Density::Single => 2 * REV_T,
            Density::Double => 5 * REV_T,
        }
    }

    /// The first ID of the controller's density passing the head at or after `from` for which
    /// `pred` holds, within the give-up time: (time, index on the track, ID).
    fn find_id(
        &self,
        from: u64,
        pred: impl Fn(&SectorId) -> bool,
    ) -> Option<(u64, usize, SectorId)> {
        let (n, side) = self.drives.selected()?;
        let drive = self.drives.drive(n);
        let ids = drive.disk.as_ref()?.image().ids(drive.cyl, side);
        let revs = self.give_up_t() / REV_T + 1;
        let base = from / REV_T * REV_T;
        let limit = from + self.give_up_t();
        for r in 0..=revs {
            for (i, id) in ids.iter().enumerate() {
                let at = base + r * REV_T + id.angle as u64 * REV_T / 65536;
                if at >= from && at < limit && id.density == self.density && pred(id) {
                    return Some((at, i, *id));
                }
            }
        }
        None
    }

    fn start_delay(&self, v: u8, t: u64) -> u64 {
        t + DECODE_T + if v & 0x04 != 0 { SETTLE_T } else { 0 }
    }

    fn type_two(&mut self, v: u8, t: u64) {
        self.type1 = false;
        if !self.ready(t) {
            self.finish(t, 0);
            return;
        }
        let write = v & 0x20 != 0;
        if write && self.drives.current().is_some_and(|d| d.write_protected()) {
            self.finish(t, status::WRITE_PROTECT);
            return;
        }
        let from = self.start_delay(v, t);
        self.find_sector(v, from);
    }

    /// Look for the sector the registers name, from `from`, and start its transfer.
    fn find_sector(&mut self, v: u8, from: u64) {
        let (track, sector) = (self.track, self.sector);
        let multi = v & 0x10 != 0;
        let found = self.find_id(from, |id| {
            id.track == track && id.sector == sector && !id.id_crc_error
        });
        let Some((at, index, id)) = found else {
            self.schedule(Op::Fail(status::RNF), from + self.give_up_t());
            return;
        };
        let (n, side) = self.drives.selected().unwrap_or((0, 0));
        let drive = self.drives.drive(n);
        let b = self.byte_t();
        if v & 0x20 == 0 {
            let Some(sd) = drive
                .disk
                .as_ref()
                .and_then(|d| d.image().read(drive.cyl, side, index))
            else {
                self.schedule(Op::Fail(status::RNF), from + self.give_up_t());
                return;
            };
            self.bits = (self.bits & !0x60) | self.record_type(sd.dam);
            if sd.crc_error {
                self.bits |= status::CRC_ERROR;
            }
            let op = Op::Read {
                bytes: sd.data,
                pos: 0,
                multi,
            };
            self.schedule(op, at + ID_TO_DATA * b);
        } else {
            let dam = match (self.density, v & 3) {
                (Density::Single, 0) => dam::NORMAL,
                (Density::Single, 1) => dam::USER_FA,
                (Density::Single, 2) => dam::USER_F9,
                (Density::Single, _) => dam::DELETED,
                (Density::Double, a) if a & 1 != 0 => dam::DELETED,
                (Density::Double, _) => dam::NORMAL,
            };
            self.drq = true;
            let op = Op::Write {
                index,
                buf: Vec::with_capacity(id.size()),
                size: id.size(),
                dam,
                multi,
            };
            self.schedule(op, at + (7 + WRITE_GRACE) * b);
        }
    }

    fn record_type(&self, mark: u8) -> u8 {
        match (self.density, mark) {
            (Density::Single, dam::USER_FA) => 0x20,
            (Density::Single, dam::USER_F9) => 0x40,
            (Density::Single, dam::DELETED) => 0x60,
            (Density::Double, dam::DELETED | dam::USER_F9) => 0x20,
            _ => 0,
        }
    }

    fn read_address(&mut self, v: u8, t: u64) {
        self.type1 = false;
        if !self.ready(t) {
            self.finish(t, 0);
            return;
        }
        let from = self.start_delay(v, t);
        let Some((at, _, id)) = self.find_id(from, |_| true) else {
            self.schedule(Op::Fail(status::RNF), from + self.give_up_t());
            return;
        };
        let pre = match self.density {
            Density::Single => 0xFFFF,
            Density::Double => track::CRC_AFTER_SYNC,
        };
        let fields = [0xFE, id.track, id.side, id.sector, id.size_code];
        let mut crc = track::crc16(pre, &fields);
        if id.id_crc_error {
            crc ^= 0xFFFF;
            self.bits |= status::CRC_ERROR;
        }
        let mut bytes = fields[1..].to_vec();
        bytes.extend_from_slice(&crc.to_be_bytes());
        // The FD1771 puts the ID's sector number in the sector register, the FD1791 the track.
        self.sector = match self.density {
            Density::Single => id.sector,
            Density::Double => id.track,
        };
        let op = Op::Read {
            bytes,
            pos: 0,
            multi: false,
        };
        self.schedule(op, at + self.byte_t());
    }

    fn read_track(&mut self, v: u8, t: u64) {
        self.type1 = false;
        if !self.ready(t) {
            self.finish(t, 0);
            return;
        }
        let from = self.start_delay(v, t);
        let index = from.div_ceil(REV_T) * REV_T;
        let bytes = self
            .drives
            .selected()
            .and_then(|(n, side)| {
                let d = self.drives.drive(n);
                Some(d.disk.as_ref()?.image().read_track(d.cyl, side))
            })
            .unwrap_or_default();
        let cap = track::capacity(self.density);
        let mut bytes = bytes;
        bytes.resize(cap, 0xFF);
        let op = Op::Read {
            bytes,
            pos: 0,
            multi: false,
        };
        self.schedule(op, index);
    }

    fn write_track(&mut self, v: u8, t: u64) {
        self.type1 = false;
        if !self.ready(t) {
            self.finish(t, 0);
            return;
        }
        if self.drives.current().is_some_and(|d| d.write_protected()) {
            self.finish(t, status::WRITE_PROTECT);
            return;
        }
        self.drq = true;
        let from = self.start_delay(v, t);
        let index = from.div_ceil(REV_T) * REV_T;
        let cap = track::capacity(self.density);
        self.schedule(
            Op::WriteTrack {
                buf: Vec::with_capacity(cap),
                cap,
            },
            index,
        );
    }

    fn on_event(&mut self, at: u64) {
        let b = self.byte_t();
        match std::mem::replace(&mut self.op, Op::Idle) {
            Op::Idle => {
                // Force Interrupt on index: INTRQ at each index pulse.
                self.event = u64::MAX;
                if self.index_irq && self.drives.motor_on(at) {
                    self.intrq = true;
                }
                self.ready_change(at);
                self.reschedule();
            }
            Op::Type1 => self.finish(at, 0),
            Op::Fail(bits) => self.finish(at, bits),
            Op::Finish => self.finish(at, 0),
            Op::Read {
                bytes,
                mut pos,
                multi,
            } => {
                if self.drq {
                    self.bits |= status::LOST_DATA;
                }
                self.data = bytes[pos];
                self.drq = true;
                pos += 1;
                if pos < bytes.len() {
                    self.schedule(Op::Read { bytes, pos, multi }, at + b);
                } else if multi {
                    self.sector = self.sector.wrapping_add(1);
                    self.find_sector(self.command, at + 3 * b);
                } else {
                    self.schedule(Op::Finish, at + 2 * b);
                }
            }
            Op::Write {
                index,
                mut buf,
                size,
                dam: mark,
                multi,
            } => {
                if !self.take_byte(&mut buf, at) {
                    return;
                }
                if buf.len() < size {
                    self.drq = true;
                    let op = Op::Write {
                        index,
                        buf,
                        size,
                        dam: mark,
                        multi,
                    };
                    self.schedule(op, at + b);
                    return;
                }
                if !self.commit_sector(index, &buf, mark) {
                    self.finish(at, status::WRITE_FAULT);
                } else if multi {
                    self.sector = self.sector.wrapping_add(1);
                    let cmd = self.command;
                    self.find_sector(cmd, at + 3 * b);
                } else {
                    self.schedule(Op::Finish, at + 2 * b);
                }
            }
            Op::WriteTrack { mut buf, cap } => {
                if !self.take_byte(&mut buf, at) {
                    return;
                }
                if buf.len() < cap {
                    self.drq = true;
                    self.schedule(Op::WriteTrack { buf, cap }, at + b);
                    return;
                }
                self.drq = false;
                let raw = track::encode(&buf, self.density);
                let ok = self.with_disk(|d, cyl, side| d.image_mut().write_track(cyl, side, &raw));
                self.finish(at, if ok { 0 } else { status::WRITE_FAULT });
            }
        }
    }

    /// A write takes the data register's byte at `at`; a byte the program did not supply in
    /// time is written as 00H with LOST DATA. When the first byte never came, the command ends
    /// with nothing written (false).
    fn take_byte(&mut self, buf: &mut Vec<u8>, at: u64) -> bool {
        if !self.drq {
            buf.push(self.data);
        } else if buf.is_empty() {
            self.drq = false;
            self.finish(at, status::LOST_DATA);
            return false;
        } else {
            self.bits |= status::LOST_DATA;
            buf.push(0);
        }
        true
    }

    /// Run `f` on the selected drive's disk; marks the drive dirty when it succeeds, and keeps
    /// a fault the image format cannot avoid for the host to report.
    fn with_disk(&mut self, f: impl FnOnce(&mut Disk, u8, u8) -> Result<(), WriteFault>) -> bool {
        let Some((_, side)) = self.drives.selected() else {
            return false;
        };
        let Some(drive) = self.drives.current_mut() else {
            return false;
        };
        let cyl = drive.cyl;
        let Some(disk) = drive.disk.as_mut() else {
            return false;
        };
        match f(disk, cyl, side) {
            Ok(()) => {
                drive.dirty = true;
                true
            }
            Err(fault) => {
                if matches!(
                    fault,
                    WriteFault::NotRepresentable | WriteFault::MarkNotKept { .. }
                ) {
                    drive.refused = Some(fault);
                }
                false
            }
        }
    }

    fn commit_sector(&mut self, index: usize, buf: &[u8], mark: u8) -> bool {
        self.with_disk(|d, cyl, side| d.image_mut().write(cyl, side, index, buf, mark))
    }
}

mod state;
