//! Our own test disks for `roms/tests/disktest.asm` (booted by `roms/tests/diskboot.asm` or
//! Level II): drive 0 a 40-track JV1 with the program on track 0, drive 1 an 80-track
//! two-sided JV3, drive 2 an 80-track two-sided mixed-density DMK, drive 3 a write-protected
//! 40-track JV3.

use trs80_machine::disk::{Disk, DiskFormat, Layout, LayoutDensity};

/// What disktest.asm logs for its six drive/side entries (see the program's header).
pub const EXPECTED_LOG: &[u8] = &[
    // drive 0, JV1, 40 tracks: RESTORE, SEEK+verify, READ ADDRESS (+ track), WRITE, READ, compare
    0x24, 0x20, 0x00, 39, 0x00, 0x00, 0,
    // drive 1 side 0, JV3, 80 tracks, then WRITE TRACK, READ sector 5, compare
    0x24, 0x20, 0x00, 79, 0x00, 0x00, 0, 0x00, 0x00, 0, // drive 1 side 1
    0x24, 0x20, 0x00, 79, 0x00, 0x00, 0,
    // drive 2 sides 0 and 1, DMK, double density through the Radio Shack doubler
    0x24, 0x20, 0x00, 79, 0x00, 0x00, 0, 0x24, 0x20, 0x00, 79, 0x00, 0x00, 0,
    // drive 3, write protected: WRITE PROTECT in Type I and on the write, data unchanged
    0x64, 0x60, 0x00, 39, 0x40, 0x00, 1,
];

fn blank(format: DiskFormat, tracks: u8, sides: u8, density: LayoutDensity) -> Disk {
    Disk::blank(
        format,
        Layout {
            tracks,
            sides,
            density,
        },
    )
    .unwrap()
}

/// Drive 0: a 40-track JV1 whose track 0 holds disktest.asm; drives 1-3 as the program expects.
pub fn test_disks() -> [Disk; 4] {
    let prog = roms::get("tests/disktest").expect("roms/tests/disktest.asm is built");
    assert_eq!(prog.origin, 0x4200);
    assert!(prog.image.len() <= 2560, "the program fits track 0");
    let mut boot = blank(DiskFormat::Jv1, 40, 1, LayoutDensity::Single);
    let img = boot.image_mut();
    for (i, id) in img.ids(0, 0).into_iter().enumerate() {
        let at = id.sector as usize * 256;
        let mut data = vec![0u8; 256];
        if at < prog.image.len() {
            let n = (prog.image.len() - at).min(256);
            data[..n].copy_from_slice(&prog.image[at..at + n]);
        }
        img.write(0, 0, i, &data, 0xFB).unwrap();
    }
    let mut protected = blank(DiskFormat::Jv3, 40, 1, LayoutDensity::Single);
    protected.image_mut().set_write_protected(true);
    [
        boot,
        blank(DiskFormat::Jv3, 80, 2, LayoutDensity::Single),
        blank(DiskFormat::Dmk, 80, 2, LayoutDensity::Mixed),
        protected,
    ]
}

/// The data of the sector with ID `sector` on a track.
pub fn sector(disk: &Disk, cyl: u8, side: u8, sector: u8) -> Vec<u8> {
    let img = disk.image();
    let i = img
        .ids(cyl, side)
        .iter()
        .position(|id| id.sector == sector)
        .unwrap();
    img.read(cyl, side, i).unwrap().data
}

/// What disktest.asm leaves on the four disks: its pattern (k + sector + select + track) on
/// drive 0 track 39 sector 3 and drive 2 side 1 track 79 sector 3, the WRITE TRACK fill on
/// drive 1 track 79 sector 5; drive 3 (protected) as made.
pub fn check_written(disks: &[Disk]) {
    let pattern = |data: Vec<u8>, base: u8| {
        data.iter()
            .enumerate()
            .all(|(k, &b)| b == (k as u8).wrapping_add(base))
    };
    assert!(
        pattern(sector(&disks[0], 39, 0, 3), 3 + 0x01 + 39),
        "drive 0"
    );
    assert_eq!(sector(&disks[1], 79, 0, 5), vec![0x35; 256], "drive 1");
    assert!(
        pattern(sector(&disks[2], 79, 1, 3), 3 + 0x0C + 79),
        "drive 2 side 1"
    );
    assert_eq!(sector(&disks[3], 39, 0, 3), vec![0xE5; 256], "drive 3");
}
