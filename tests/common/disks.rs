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
