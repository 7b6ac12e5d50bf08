//! Level I BASIC (4 KB ROM, 4 KB RAM, no Expansion Interface). Set
//! `TRS80_LEVEL1_ROM` to the image's path; without it the test prints
//! `SKIPPED: …` and passes.

use trs80_machine::{Config, Machine, RomKind};

#[test]
fn level1_boots_and_prints_2_plus_2() {
    let Some(path) = std::env::var_os("TRS80_LEVEL1_ROM") else {
        println!("SKIPPED: level1_boots_and_prints_2_plus_2: TRS80_LEVEL1_ROM is not set");
        return;
    };
    let rom = std::fs::read(&path).expect("TRS80_LEVEL1_ROM");
    let config = Config {
        rom: &rom,
        ram_kib: 4,
        expansion_interface: false,
        ..Config::default()
    };
    let mut m = Machine::new(&config).unwrap();
    assert_eq!(m.rom_kind(), RomKind::Level1);
    assert!(m.run_until_text("READY", 300), "{}", m.screen_text());
    m.type_text("PRINT 2+2\n");
    assert!(m.run_until_typed(600));
    let lines: Vec<String> = m
        .screen_text()
        .lines()
        .map(|l| l.trim_end().to_string())
        .collect();
    let i = lines
        .iter()
        .position(|l| l == ">PRINT 2+2")
        .unwrap_or_else(|| panic!("{lines:#?}"));
    assert_eq!(lines[i + 1], " 4");
}
