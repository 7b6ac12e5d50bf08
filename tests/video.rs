//! Rendering: a known screen matches a stored frame hash, and the 2 × 3 block
//! graphics land on exactly the right dots, in 64- and 32-column mode.
//!
//! `UPDATE_SNAPSHOT=1 cargo test --test video` re-records
//! `tests/data/render_snapshot.txt` (and writes the frame as a PNG next to it
//! for a human to look at: `tests/data/render_snapshot.png`).

use trs80_machine::rom::crc32;
use trs80_machine::video::{BG, FG, SCREEN_H, SCREEN_W};
use trs80_machine::{Config, Machine};

fn machine(lowercase_mod: bool) -> Machine {
    let mut rom = vec![0xFF; 0x800];
    rom[..2].copy_from_slice(&[0x18, 0xFE]); // JR $
    Machine::new(&Config {
        rom: &rom,
        lowercase_mod,
        ..Config::default()
    })
    .unwrap()
}

fn frame(m: &Machine) -> Vec<u32> {
    let mut fb = vec![0x0012_3456; SCREEN_W * SCREEN_H];
    m.render(&mut fb);
    fb
}

/// Every character code on one screen: 00H–FFH in rows 0–3, then text.
fn known_screen(m: &mut Machine) {
    for code in 0..=255u8 {
        m.poke(0x3C00 + code as u16, code);
    }
    let text = b"READY  >PRINT 2+2   4  The quick brown fox jumps over the lazy dog.";
    m.load(0x3C00 + 6 * 64, text);
    let gfx: Vec<u8> = (0..64u32).map(|i| 0x80 | (i * 7 % 64) as u8).collect();
    m.load(0x3C00 + 8 * 64, &gfx);
}

fn frame_hash(fb: &[u32]) -> u32 {
    let bytes: Vec<u8> = fb.iter().flat_map(|p| p.to_le_bytes()).collect();
    crc32(&bytes)
}

fn write_png(path: &std::path::Path, fb: &[u32]) {
    let file = std::fs::File::create(path).unwrap();
    let mut enc = png::Encoder::new(
        std::io::BufWriter::new(file),
        SCREEN_W as u32,
        SCREEN_H as u32,
    );
    enc.set_color(png::ColorType::Rgb);
    enc.set_depth(png::BitDepth::Eight);
    let data: Vec<u8> = fb
        .iter()
        .flat_map(|p| [(p >> 16) as u8, (p >> 8) as u8, *p as u8])
        .collect();
    enc.write_header().unwrap().write_image_data(&data).unwrap();
}

#[test]
fn known_screen_matches_snapshot() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let snap = dir.join("render_snapshot.txt");
    let mut hashes = Vec::new();
    for (name, lc) in [("stock", false), ("lowercase_mod", true)] {
        let mut m = machine(lc);
        known_screen(&mut m);
        let fb = frame(&m);
        assert!(fb.iter().all(|&p| p == FG || p == BG), "every dot is drawn");
        hashes.push(format!("{name} {:08x}", frame_hash(&fb)));
        if std::env::var_os("UPDATE_SNAPSHOT").is_some() {
            write_png(&dir.join(format!("render_snapshot_{name}.png")), &fb);
        }
    }
    let got = hashes.join("\n") + "\n";
    if std::env::var_os("UPDATE_SNAPSHOT").is_some() {
        std::fs::write(&snap, &got).unwrap();
        println!("re-recorded {}", snap.display());
        return;
    }
    let want = std::fs::read_to_string(&snap)
        .expect("tests/data/render_snapshot.txt (UPDATE_SNAPSHOT=1 records it)");
    assert_eq!(
        got, want,
        "rendered frame changed; UPDATE_SNAPSHOT=1 re-records after checking the PNG"
    );
}

/// The dot at (x, y) of cell (row, col) for a graphics code, by the
/// definition: 2 × 3 blocks of 3 dots × 4 lines, bit = 2·band + (x ≥ 3).
fn expected_block_dot(code: u8, x: usize, y: usize) -> bool {
    let bit = 2 * (y / 4) + usize::from(x >= 3);
    code >> bit & 1 != 0
}

#[test]
fn block_graphics_geometry_is_pixel_exact() {
    let mut m = machine(false);
    // Codes 80H–BFH in row 5, columns 0–63; C0H–FFH in row 9 (same shapes).
    for i in 0..64u8 {
        m.poke(0x3C00 + 5 * 64 + i as u16, 0x80 | i);
        m.poke(0x3C00 + 9 * 64 + i as u16, 0xC0 | i);
    }
    let fb = frame(&m);
    for row in [5usize, 9] {
        for col in 0..64 {
            let code = 0x80 | col as u8;
            for y in 0..12 {
                for x in 0..6 {
                    let p = fb[(row * 12 + y) * SCREEN_W + col * 6 + x];
                    assert_eq!(
                        p == FG,
                        expected_block_dot(code, x, y),
                        "code {code:02X} dot ({x},{y})"
                    );
                }
            }
        }
    }
    // Blank rows around them stay blank (spaces).
    assert!(fb[4 * 12 * SCREEN_W..5 * 12 * SCREEN_W]
        .iter()
        .all(|&p| p == BG));
    assert!(fb[6 * 12 * SCREEN_W..7 * 12 * SCREEN_W]
        .iter()
        .all(|&p| p == BG));
}

#[test]
fn thirty_two_column_mode_doubles_even_cells() {
    let mut m = machine(false);
    m.poke(0x3C00 + 2, 0x80 | 0b01_10_01); // col 2: top-left, middle-right, bottom-left
    m.poke(0x3C00 + 3, 0xBF); // odd cell: not shown in 32-column mode
    let narrow = frame(&m);
    assert!(narrow[3 * 6..3 * 6 + 6].iter().all(|&p| p == FG));
    // Enter 32-column mode through port FFH like a program does: OUT (FFH),08H.
    m.load(0x4000, &[0x3E, 0x08, 0xD3, 0xFF, 0x18, 0xFE]);
    m.cpu_mut().regs.pc = 0x4000;
    m.run_for(100);
    assert!(m.wide_mode());
    let wide = frame(&m);
    for y in 0..12 {
        for x in 0..12 {
            // The cell at column 2 spans dots 12..24, each dot doubled.
            let p = wide[y * SCREEN_W + 12 + x];
            assert_eq!(
                p == FG,
                expected_block_dot(0x80 | 0b01_10_01, x / 2, y),
                "({x},{y})"
            );
            // Odd cell 3 is not shown: dots 24..36 are cell 4 (a space).
            assert_eq!(wide[y * SCREEN_W + 24 + x], BG);
        }
    }
}
