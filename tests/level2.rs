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
