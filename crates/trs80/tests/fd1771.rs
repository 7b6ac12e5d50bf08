//! The FD1771 against its data sheet: every command type, status bits per type, INTRQ and its
//! clear rules, polled DRQ, index pulses at 5 Hz, step and settle times, lost data, write
//! protect, the doublers and the drive-select latch — driven as a program would, with T-states
//! passing between register accesses.

use trs80_machine::devices::drives::MOTOR_T;
use trs80_machine::devices::fd1771::{status, Fd1771, REV_T, SETTLE_T, STEP_T_1771};
use trs80_machine::disk::{
    track, Density, Disk, DiskFormat, Layout, LayoutDensity, SectorImage, WriteFault,
};

const CMD: u16 = 0x37EC;
const TRK: u16 = 0x37ED;
const SEC: u16 = 0x37EE;
const DATA: u16 = 0x37EF;

/// A controller and a clock; every access costs `poll` T-states, like a tight Z80 loop.
struct Bench {
    fdc: Fd1771,
    t: u64,
}

impl Bench {
    fn new(disks: &[(usize, Disk)]) -> Bench {
        let mut fdc = Fd1771::new();
        for (n, d) in disks {
            fdc.insert(*n, d.clone(), false);
        }
        fdc.reset(0);
        let mut b = Bench { fdc, t: 100 };
        b.select(0x01);
        b
    }
    fn select(&mut self, v: u8) {
        self.t += 20;
        self.fdc.select(v, self.t);
    }
    fn rd(&mut self, a: u16) -> u8 {
        self.t += 20;
        self.fdc.read(a, self.t)
    }
    fn wr(&mut self, a: u16, v: u8) {
        self.t += 20;
        self.fdc.write(a, v, self.t);
    }
    /// Write a command and wait for BUSY to clear (watching INTRQ before the status read).
    fn run(&mut self, cmd: u8) -> (u8, u64) {
        self.wr(CMD, cmd);
        let start = self.t;
        loop {
            self.t += 40;
            self.fdc.advance(self.t);
            if self.fdc.intrq() {
                let s = self.rd(CMD);
                assert_eq!(
                    s & status::BUSY,
                    0,
                    "INTRQ comes with the end of the command"
                );
                assert!(!self.fdc.intrq(), "a status read clears INTRQ");
                return (s, self.t - start);
            }
            assert!(self.t - start < 20 * REV_T, "command {cmd:02X} never ended");
        }
    }
    /// A Type II/III read: poll DRQ, take each byte, until BUSY clears.
    fn read_bytes(&mut self, cmd: u8) -> (u8, Vec<u8>) {
        self.wr(CMD, cmd);
        let mut out = Vec::new();
        loop {
            let s = self.rd(CMD);
            if s & status::DRQ != 0 {
                out.push(self.rd(DATA));
            } else if s & status::BUSY == 0 {
                return (s, out);
            }
        }
    }
    /// A Type II/III write: feed `bytes` on DRQ until BUSY clears.
    fn write_bytes(&mut self, cmd: u8, bytes: &[u8]) -> u8 {
        self.wr(CMD, cmd);
        let mut it = bytes.iter();
        loop {
            let s = self.rd(CMD);
            if s & status::DRQ != 0 {
                self.wr(DATA, it.next().copied().unwrap_or(0));
            } else if s & status::BUSY == 0 {
                return s;
            }
        }
    }
    fn seek(&mut self, track: u8) -> u8 {
        self.wr(DATA, track);
        self.run(0x10).0
    }
    fn read_sector(&mut self, track: u8, sector: u8) -> (u8, Vec<u8>) {
        self.seek(track);
        self.wr(SEC, sector);
        self.read_bytes(0x88)
    }
    fn disk(&self, n: usize) -> &dyn SectorImage {
        self.fdc.drives.drive(n).disk.as_ref().unwrap().image()
    }
}

fn jv1() -> Disk {
    let mut d = Disk::blank(
        DiskFormat::Jv1,
        Layout {
            tracks: 40,
            sides: 1,
            density: LayoutDensity::Single,
        },
    )
    .unwrap();
    for cyl in [0u8, 5, 17, 39] {
        for i in 0..10 {
            let sector = d.image().ids(cyl, 0)[i].sector;
            let data: Vec<u8> = (0..256).map(|k| (k as u8) ^ cyl ^ (sector << 4)).collect();
            let mark = d.image().read(cyl, 0, i).unwrap().dam; // FAH on 17, FBH elsewhere
            d.image_mut().write(cyl, 0, i, &data, mark).unwrap();
        }
    }
    d
}

fn expected(cyl: u8, sector: u8) -> Vec<u8> {
    (0..256).map(|k| (k as u8) ^ cyl ^ (sector << 4)).collect()
}

fn mixed(format: DiskFormat) -> Disk {
    Disk::blank(
        format,
        Layout {
            tracks: 4,
            sides: 2,
            density: LayoutDensity::Mixed,
        },
    )
    .unwrap()
}

#[test]
fn reset_reads_absent_without_drive_0_and_not_ready_with_it() {
    let mut f = Fd1771::new();
    f.reset(0);
    assert_eq!(
        f.read(CMD, 10),
        0xFF,
        "no disk in drive 0: the ROM boots BASIC"
    );
    f.insert(0, jv1(), false);
    f.reset(20);
    let s = f.read(CMD, 30);
    assert_eq!(s, status::NOT_READY, "no drive selected after reset");
    assert!(s != 0 && s != 0xFF, "the ROM's disk test must pass");
}

#[test]
fn restore_and_seek_take_the_step_time_and_set_type_1_bits() {
    let mut b = Bench::new(&[(0, jv1())]);
    let s = b.seek(5);
    assert_eq!(s & (status::TRACK0 | status::SEEK_ERROR | status::BUSY), 0);
    assert_eq!(b.rd(TRK), 5);
    assert_eq!(b.fdc.drives.drive(0).cyl, 5);
    // RESTORE with step code 3 from track 5: 5 × 40 ms.
    let (s, dt) = b.run(0x03);
    assert_eq!(s & status::TRACK0, status::TRACK0);
    assert_eq!(
        s & status::HEAD_LOADED,
        status::HEAD_LOADED,
        "head loaded mirrors READY"
    );
    assert!(
        (5 * STEP_T_1771[3]..5 * STEP_T_1771[3] + 400).contains(&dt),
        "{dt}"
    );
    // SEEK with verify to 17 at 12 ms steps: steps, settle, then an ID of track 17.
    b.wr(DATA, 17);
    let (s, dt) = b.run(0x14);
    assert_eq!(s & status::SEEK_ERROR, 0);
    let min = 17 * STEP_T_1771[0] + SETTLE_T;
    assert!((min..min + REV_T).contains(&dt), "{dt}");
    // Verify against a track register that does not match the disk: seek error.
    b.wr(TRK, 30);
    b.wr(DATA, 31);
    let (s, _) = b.run(0x14);
    assert_eq!(s & status::SEEK_ERROR, status::SEEK_ERROR);
    // STEP IN / STEP OUT with and without the update bit.
    b.run(0x03);
    b.run(0x50);
    b.run(0x40);
    assert_eq!((b.rd(TRK), b.fdc.drives.drive(0).cyl), (1, 2));
    b.run(0x70);
    b.run(0x20); // STEP repeats the last direction (out)
    assert_eq!((b.rd(TRK), b.fdc.drives.drive(0).cyl), (0, 0));
}

#[test]
fn a_seek_outward_stops_at_track_00_with_the_track_register_0() {
    // LDOS's first access to a drive: FFH into the track register, then SEEK to 17 (step
    // code 3). The head is on track 2: two steps out reach track 00, where the seek ends with
    // the track register 0 instead of stepping 238 times.
    let mut b = Bench::new(&[(0, jv1())]);
    b.seek(2);
    b.wr(TRK, 0xFF);
    b.wr(DATA, 17);
    let (s, dt) = b.run(0x1B);
    assert_eq!(s & (status::TRACK0 | status::SEEK_ERROR), status::TRACK0);
    assert_eq!((b.rd(TRK), b.fdc.drives.drive(0).cyl), (0, 0));
    assert!(
        (2 * STEP_T_1771[3]..2 * STEP_T_1771[3] + 400).contains(&dt),
        "two steps: {dt}"
    );
    // From there the same seek steps in to 17 as usual.
    let (s, dt) = b.run(0x1B);
    assert_eq!(s & status::TRACK0, 0);
    assert_eq!((b.rd(TRK), b.fdc.drives.drive(0).cyl), (17, 17));
    assert!((17 * STEP_T_1771[3]..17 * STEP_T_1771[3] + 400).contains(&dt));
    // A step-out seek that reaches its target before track 00 is unchanged.
    b.wr(DATA, 3);
    b.run(0x18);
    assert_eq!((b.rd(TRK), b.fdc.drives.drive(0).cyl), (3, 3));
}

#[test]
fn index_pulses_at_5_hz_while_the_motor_runs() {
    let mut b = Bench::new(&[(0, jv1())]);
    b.wr(CMD, 0xD0);
    let (mut edges, mut last) = (0, false);
    let start = b.t;
    while b.t < start + 1_774_080 {
        let s = b.rd(CMD) & status::INDEX != 0;
        if s && !last {
            edges += 1;
        }
        last = s;
        b.t += 200;
    }
    assert_eq!(edges, 5);
    // After the motor one-shot runs out: no drive, NOT READY, no index.
    b.t += MOTOR_T;
    let s = b.rd(CMD);
    assert_eq!(s & (status::NOT_READY | status::INDEX), status::NOT_READY);
}

#[test]
fn read_sector_transfers_by_polled_drq_with_record_types() {
    let mut b = Bench::new(&[(0, jv1())]);
    let (s, data) = b.read_sector(5, 7);
    assert_eq!(s, 0);
    assert_eq!(data, expected(5, 7));
    // JV1's directory track reads with FAH: record type 01 (status bit 5).
    let (s, data) = b.read_sector(17, 0);
    assert_eq!(s, 0x20);
    assert_eq!(data, expected(17, 0));
    // A sector that is not there: RNF after two revolutions, no DRQ.
    b.wr(SEC, 12);
    let start = b.t;
    let (s, data) = b.read_bytes(0x88);
    assert_eq!((s, data.len()), (status::RNF, 0));
    assert!(b.t - start >= 2 * REV_T);
    // Multiple-sector read: sectors 8 and 9, then RNF at 10.
    b.wr(SEC, 8);
    let (s, data) = b.read_bytes(0x98);
    assert_eq!(s & status::RNF, status::RNF);
    assert_eq!(data.len(), 512);
    assert_eq!(&data[256..], &expected(17, 9)[..]);
}

#[test]
fn a_slow_reader_loses_data() {
    let mut b = Bench::new(&[(0, jv1())]);
    b.seek(5);
    b.wr(SEC, 1);
    b.wr(CMD, 0x88);
    // Let the whole sector pass without reading the data register.
    b.t += 2 * REV_T;
    let s = b.rd(CMD);
    assert_eq!(s & (status::LOST_DATA | status::BUSY), status::LOST_DATA);
}

#[test]
fn not_ready_ends_at_once_with_intrq() {
    let mut b = Bench::new(&[(0, jv1())]);
    b.select(0x02); // drive 1 is empty
    b.wr(CMD, 0x88);
    assert!(b.fdc.intrq());
    let s = b.rd(CMD);
    assert_eq!(s & (status::NOT_READY | status::BUSY), status::NOT_READY);
    assert!(!b.fdc.intrq());
}

#[test]
fn write_sector_marks_and_write_protect() {
    let mut b = Bench::new(&[(0, mixed(DiskFormat::Jv3)), (1, mixed(DiskFormat::Dmk))]);
    for drive in [0x01, 0x02] {
        b.select(drive);
        b.run(0x03);
        b.wr(SEC, 3);
        let payload: Vec<u8> = (0..=255).rev().collect();
        // 1771 DAM bits a1a0 = 11: deleted data (F8H).
        let s = b.write_bytes(0xAB, &payload);
        assert_eq!(s, 0);
        let (s, back) = b.read_bytes(0x88);
        assert_eq!(s, 0x60, "F8H reads as record type 11");
        assert_eq!(back, payload);
        // a1a0 = 01: FAH; 00: FBH.
        assert_eq!(b.write_bytes(0xA9, &payload), 0);
        assert_eq!(b.read_bytes(0x88).0, 0x20);
        assert_eq!(b.write_bytes(0xA8, &payload), 0);
        assert_eq!(b.read_bytes(0x88).0, 0x00);
    }
    assert!(b.fdc.drives.drive(0).dirty && b.fdc.drives.drive(1).dirty);
    // The host's tab refuses writes with WRITE PROTECT and changes nothing.
    let before = b.disk(1).to_bytes();
    b.fdc.drives.drive_mut(1).protect_tab = true;
    let s = b.write_bytes(0xA8, &[0x55; 256]);
    assert_eq!(
        s & (status::WRITE_PROTECT | status::BUSY),
        status::WRITE_PROTECT
    );
    assert_eq!(b.disk(1).to_bytes(), before);
    b.wr(CMD, 0xD0);
    assert_eq!(b.rd(CMD) & status::WRITE_PROTECT, status::WRITE_PROTECT);
    // A writer that never supplies the first byte: lost data, nothing written.
    b.fdc.drives.drive_mut(1).protect_tab = false;
    b.wr(CMD, 0xA8);
    b.t += REV_T;
    let s = b.rd(CMD);
    assert_eq!(s & (status::LOST_DATA | status::BUSY), status::LOST_DATA);
    assert_eq!(b.disk(1).to_bytes(), before);
}

#[test]
fn jv1_refuses_a_mark_it_cannot_keep_and_says_why() {
    let mut b = Bench::new(&[(0, jv1())]);
    b.run(0x03);
    let payload = vec![0x5A; 256];
    // Track 5 keeps FBH only: a deleted-data write (F8H) is a write fault, nothing changes.
    b.seek(5);
    b.wr(SEC, 2);
    let before = b.disk(0).to_bytes();
    let s = b.write_bytes(0xAB, &payload);
    assert_eq!(
        s & (status::WRITE_FAULT | status::BUSY),
        status::WRITE_FAULT
    );
    assert_eq!(b.disk(0).to_bytes(), before);
    let fault = b
        .fdc
        .drives
        .drive(0)
        .refused
        .expect("the refusal is kept for the host");
    assert_eq!(
        fault,
        WriteFault::MarkNotKept {
            track: 5,
            mark: 0xF8,
            kept: 0xFB
        }
    );
    let why = fault.to_string();
    assert!(why.contains("JV1") && why.contains("JV3"), "{why}");
    // FBH is kept there.
    assert_eq!(b.write_bytes(0xA8, &payload), 0);
    assert_eq!(b.read_bytes(0x88), (0, payload.clone()));
    // Track 17 reads FAH: FAH and the 1791's directory mark F8H are taken, FBH is refused.
    b.seek(17);
    assert_eq!(b.write_bytes(0xA9, &payload), 0);
    assert_eq!(b.read_bytes(0x88).0, 0x20, "FAH: record type 01");
    assert_eq!(b.write_bytes(0xAB, &payload), 0);
    let s = b.write_bytes(0xA8, &payload);
    assert_eq!(s & status::WRITE_FAULT, status::WRITE_FAULT);
    // Formatting track 17 with FBH data marks (as LDOS formats a data disk): refused too.
    let mut stream = vec![0xFF; 12];
    for sector in track::interleave(10) {
        stream.extend([0u8; 6]);
        stream.extend([0xFE, 17, 0, sector, 1, 0xF7]);
        stream.extend([0xFF; 11]);
        stream.extend([0u8; 6]);
        stream.push(0xFB);
        stream.extend([0xE5; 256]);
        stream.push(0xF7);
        stream.extend([0xFF; 12]);
    }
    let before = b.disk(0).to_bytes();
    let s = b.write_bytes(0xF4, &stream);
    assert_eq!(s & status::WRITE_FAULT, status::WRITE_FAULT);
    assert_eq!(b.disk(0).to_bytes(), before);
    assert_eq!(
        b.fdc.drives.drive(0).refused,
        Some(WriteFault::MarkNotKept {
            track: 17,
            mark: 0xFB,
            kept: 0xFA
        })
    );
}

#[test]
fn sides_and_double_density_through_both_doublers() {
    let mut b = Bench::new(&[(0, mixed(DiskFormat::Dmk))]);
    b.seek(2);
    // Track 2 is double density: the 1771 cannot find its sectors.
    b.wr(SEC, 12);
    assert_eq!(b.read_bytes(0x88).0 & status::RNF, status::RNF);
    // Radio Shack doubler: 80H to the sector register selects the FD1791.
    b.wr(SEC, 0x80);
    assert_eq!(b.fdc.density(), Density::Double);
    b.wr(SEC, 12);
    assert_eq!(b.rd(SEC), 12);
    let (s, data) = b.read_bytes(0x88);
    assert_eq!((s, data), (0, vec![0xE5; 256]));
    // Side 1: drive bit plus DS3. Write there, read back, side 0 unchanged.
    b.select(0x09);
    assert_eq!(b.write_bytes(0xA8, &[0x11; 256]), 0);
    assert_eq!(b.read_bytes(0x88).1, vec![0x11; 256]);
    b.select(0x01);
    assert_eq!(b.read_bytes(0x88).1, vec![0xE5; 256]);
    // Percom doubler: FEH on the command register back to single density.
    b.wr(CMD, 0xFE);
    assert_eq!(b.fdc.density(), Density::Single);
    b.wr(SEC, 0xA0);
    assert_eq!(b.fdc.density(), Density::Single);
    b.wr(CMD, 0xFF);
    assert_eq!(b.fdc.density(), Density::Double);
}

#[test]
fn read_address_and_read_track() {
    let mut b = Bench::new(&[(0, jv1())]);
    b.seek(5);
    b.wr(SEC, 0xEE);
    let (s, id) = b.read_bytes(0xC0);
    assert_eq!(s, 0);
    assert_eq!(id.len(), 6);
    assert_eq!((id[0], id[1], id[3]), (5, 0, 1));
    let crc = track::crc16(0xFFFF, &[0xFE, id[0], id[1], id[2], id[3]]);
    assert_eq!(u16::from_be_bytes([id[4], id[5]]), crc);
    assert_eq!(b.rd(SEC), id[2], "the 1771 loads the ID's sector number");
    let (s, raw) = b.read_bytes(0xE4);
    assert_eq!(s & !status::LOST_DATA, 0);
    assert_eq!(raw.len(), track::capacity(Density::Single));
    assert!(raw.windows(2).filter(|w| w == &[0x00, 0xFE]).count() >= 10);
}

#[test]
fn write_track_formats_every_format() {
    for (format, d) in [
        (DiskFormat::Jv1, jv1()),
        (DiskFormat::Jv3, mixed(DiskFormat::Jv3)),
        (DiskFormat::Dmk, mixed(DiskFormat::Dmk)),
    ] {
        let mut b = Bench::new(&[(0, d)]);
        b.seek(1);
        // The stream a FORMAT program sends: gaps, ID fields, data fields, F7H for the CRCs.
        let mut s = vec![0xFF; 12];
        for sector in track::interleave(10) {
            s.extend([0u8; 6]);
            s.extend([0xFE, 1, 0, sector, 1, 0xF7]);
            s.extend([0xFF; 11]);
            s.extend([0u8; 6]);
            s.push(0xFB);
            s.extend([sector + 0x30; 256]);
            s.push(0xF7);
            s.extend([0xFF; 12]);
        }
        let st = b.write_bytes(0xF4, &s);
        assert_eq!(st & !status::LOST_DATA, 0, "{format}");
        for sector in [0u8, 4, 9] {
            b.wr(SEC, sector);
            let (st, data) = b.read_bytes(0x88);
            assert_eq!((st, data), (0, vec![sector + 0x30; 256]), "{format}");
        }
        // A track JV1 cannot hold (ids 0–4 only): write fault; JV3/DMK take it.
        let short: Vec<u8> = s[..12 + 5 * 311].to_vec();
        let st = b.write_bytes(0xF4, &short);
        let fault = st & status::WRITE_FAULT != 0;
        assert_eq!(fault, format == DiskFormat::Jv1, "{format}: {st:02X}");
    }
}

#[test]
fn force_interrupt_variants() {
    let mut b = Bench::new(&[(0, jv1())]);
    b.wr(CMD, 0x03);
    b.wr(CMD, 0xD0);
    let s = b.rd(CMD);
    assert_eq!(s & status::BUSY, 0);
    assert!(!b.fdc.intrq(), "D0 ends without an interrupt");
    b.wr(CMD, 0xD8);
    assert!(b.fdc.intrq(), "D8 interrupts at once");
    b.rd(CMD);
    // D4: INTRQ at the next index pulse.
    b.wr(CMD, 0xD4);
    assert!(!b.fdc.intrq());
    let next = (b.t / REV_T + 1) * REV_T;
    b.fdc.advance(next - 1);
    assert!(!b.fdc.intrq());
    b.fdc.advance(next);
    assert!(b.fdc.intrq());
    assert_eq!(b.fdc.next_event(), next + REV_T);
    b.wr(CMD, 0xD0);
    assert_eq!(b.fdc.next_event(), u64::MAX);
}

#[test]
fn force_interrupt_on_ready_changes() {
    let mut b = Bench::new(&[(0, jv1())]);
    b.run(0x03);
    // D2: INTRQ when READY goes — here when the motor one-shot runs out.
    b.wr(CMD, 0xD2);
    assert!(!b.fdc.intrq());
    let off = b.fdc.drives.motor_off_at();
    assert_eq!(b.fdc.next_event(), off, "the one-shot's end is an event");
    b.fdc.advance(off - 1);
    assert!(!b.fdc.intrq());
    b.fdc.advance(off);
    assert!(b.fdc.intrq(), "ready to not-ready");
    b.t = off + 100;
    b.rd(CMD);
    assert!(!b.fdc.intrq());
    // D1: INTRQ when READY comes — a drive-select write starts the motor.
    b.wr(CMD, 0xD1);
    assert!(!b.fdc.intrq());
    b.select(0x01);
    assert!(b.fdc.intrq(), "not-ready to ready");
    b.rd(CMD);
    // D1 does not fire when READY goes, D2 fires on a deselect.
    b.select(0x00);
    assert!(!b.fdc.intrq());
    b.select(0x01);
    b.wr(CMD, 0xD2);
    b.select(0x00);
    assert!(b.fdc.intrq());
    // A new command disarms the conditions.
    b.rd(CMD);
    b.select(0x01);
    b.wr(CMD, 0xD2);
    b.run(0x03);
    b.select(0x00);
    assert!(!b.fdc.intrq());
}

#[test]
fn motor_stopping_under_a_read_ends_it_with_lost_data() {
    let mut b = Bench::new(&[(0, jv1())]);
    b.seek(5);
    b.wr(SEC, 1);
    b.wr(CMD, 0x8C);
    b.t += MOTOR_T;
    let s = b.rd(CMD);
    assert_eq!(s & status::BUSY, 0);
    assert_eq!(s & status::LOST_DATA, status::LOST_DATA);
    assert_eq!(s & status::NOT_READY, status::NOT_READY);
}
