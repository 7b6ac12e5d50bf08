//! Whole-machine tests with a real Level II ROM (not in the repository).
//!
//! Set `TRS80_ROM` to the path of a Level II image (revision 1.2 or 1.3) to run
//! them; without it each test prints `SKIPPED: …` and passes. Run twice to cover
//! both revisions:
//!
//! ```text
//! TRS80_ROM=/path/M1L2_1.2.bin cargo test --test level2 --test keyboard_queue
//! TRS80_ROM=/path/M1L2_1.3.bin cargo test --test level2 --test keyboard_queue
//! ```

mod common;
use common::{boot_level2, level2_rom, lines, run_until_ready_after};
use trs80_machine::{Config, Machine, RomKind};

#[test]
fn identifies_the_rom_revision() {
    let Some(rom) = level2_rom("identifies_the_rom_revision") else {
        return;
    };
    let m = Machine::new(&Config {
        rom: &rom,
        ..Config::default()
    })
    .unwrap();
    assert!(matches!(
        m.rom_kind(),
        RomKind::Level2Rev1_2 | RomKind::Level2Rev1_3
    ));
}

#[test]
fn boots_to_ready_and_prints_2_plus_2() {
    let Some(rom) = level2_rom("boots_to_ready_and_prints_2_plus_2") else {
        return;
    };
    let mut m = boot_level2(&rom);
    m.type_text("PRINT 2+2\n");
    assert!(m.run_until_typed(600));
    assert!(
        run_until_ready_after(&mut m, ">PRINT 2+2", 600),
        "{}",
        m.screen_text()
    );
    let l = lines(&m);
    let i = l
        .iter()
        .position(|s| s == ">PRINT 2+2")
        .unwrap_or_else(|| panic!("{l:#?}"));
    assert_eq!(l[i + 1], " 4", "{l:#?}");
    assert_eq!(l[i + 2], "READY");
}

#[test]
fn runs_a_five_line_for_next_program() {
    let Some(rom) = level2_rom("runs_a_five_line_for_next_program") else {
        return;
    };
    let mut m = boot_level2(&rom);
    m.type_text("10 S=0\n20 FOR I=1 TO 5\n30 S=S+I*I\n40 PRINT I;S\n50 NEXT I\nRUN\n");
    assert!(m.run_until_typed(2000));
    assert!(
        run_until_ready_after(&mut m, ">RUN", 600),
        "{}",
        m.screen_text()
    );
    let l = lines(&m);
    let i = l
        .iter()
        .position(|s| s == ">RUN")
        .unwrap_or_else(|| panic!("{l:#?}"));
    assert_eq!(
        &l[i + 1..i + 7],
        &[" 1  1", " 2  5", " 3  14", " 4  30", " 5  55", "READY"],
        "{l:#?}"
    );
}

#[test]
fn break_key_stops_a_running_program() {
    let Some(rom) = level2_rom("break_key_stops_a_running_program") else {
        return;
    };
    let mut m = boot_level2(&rom);
    m.type_text("10 GOTO 10\nRUN\n");
    assert!(m.run_until_typed(600));
    assert!(!m.screen_text().contains("BREAK"));
    m.keyboard_mut()
        .queue_keys(false, &[trs80_machine::Key::Break]);
    assert!(m.run_until_text("BREAK IN 10", 120), "{}", m.screen_text());
}

#[test]
fn bare_16k_machine_without_expansion_interface_boots() {
    let Some(rom) = level2_rom("bare_16k_machine_without_expansion_interface_boots") else {
        return;
    };
    let config = Config {
        rom: &rom,
        ram_kib: 16,
        expansion_interface: false,
        ..Config::default()
    };
    let mut m = Machine::new(&config).unwrap();
    assert!(m.run_until_text("SIZE?", 300), "{}", m.screen_text());
    m.type_text("\nPRINT MEM\n");
    assert!(m.run_until_typed(600));
    assert!(
        run_until_ready_after(&mut m, ">PRINT MEM", 600),
        "{}",
        m.screen_text()
    );
    let l = lines(&m);
    let i = l.iter().position(|s| s == ">PRINT MEM").unwrap();
    // Free bytes on a 16 KB machine right after boot: 15572 with v1.2 (the
    // figure recorded when the team first ran that ROM). v1.3 reports 2 bytes fewer
    // with the same pointers (TXTTAB 42E9H, MEMSIZ 7FFFH): observed here,
    // not confirmed on hardware.
    let want = match m.rom_kind() {
        RomKind::Level2Rev1_3 => " 15570",
        _ => " 15572",
    };
    assert_eq!(l[i + 1], want, "{l:#?}");
}

#[test]
fn lprint_goes_to_the_printer_port() {
    let Some(rom) = level2_rom("lprint_goes_to_the_printer_port") else {
        return;
    };
    let mut m = boot_level2(&rom);
    m.type_text("LPRINT \"HELLO\";2+2\n");
    assert!(m.run_until_typed(600));
    assert!(
        run_until_ready_after(&mut m, ">LPRINT \"HELLO\";2+2", 600),
        "{}",
        m.screen_text()
    );
    assert_eq!(m.take_printer_output(), b"HELLO 4 \r");
}

#[test]
fn set_lights_the_documented_graphics_block() {
    let Some(rom) = level2_rom("set_lights_the_documented_graphics_block") else {
        return;
    };
    let mut m = boot_level2(&rom);
    // x = 3 is the right half of column 1; y = 5 is the bottom third of row 1.
    m.type_text("CLS:SET(3,5):FOR I=1 TO 500:NEXT\n");
    assert!(m.run_until_typed(600));
    assert_eq!(m.peek(0x3C00 + 64 + 1), 0x80 | 0x20, "bit 5 = bottom right");
    let mut fb = vec![0; trs80_machine::video::SCREEN_W * trs80_machine::video::SCREEN_H];
    m.render(&mut fb);
    let lit: Vec<(usize, usize)> = (0..48)
        .flat_map(|y| (0..24).map(move |x| (x, y)))
        .filter(|&(x, y)| fb[y * trs80_machine::video::SCREEN_W + x] != 0)
        .collect();
    // Graphics block (3,5) = dots x 9..12, lines 20..24.
    let want: Vec<(usize, usize)> = (20..24)
        .flat_map(|y| (9..12).map(move |x| (x, y)))
        .collect();
    let mut lit = lit;
    lit.sort_by_key(|&(x, y)| (y, x));
    assert_eq!(lit, want);
}
