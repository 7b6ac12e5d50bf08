//! Helpers shared by the whole-machine tests.
#![allow(dead_code)]

pub mod disks;
pub mod tmux;
pub mod webdriver;

use trs80_machine::{Config, Machine, RomKind};

/// The Level II ROM named by `TRS80_ROM`, or `None` after printing `SKIPPED`.
pub fn level2_rom(test: &str) -> Option<Vec<u8>> {
    let Some(path) = std::env::var_os("TRS80_ROM") else {
        println!("SKIPPED: {test}: TRS80_ROM is not set (path of a Level II ROM image)");
        return None;
    };
    match std::fs::read(&path) {
        Ok(rom) => Some(rom),
        Err(e) => panic!("TRS80_ROM={}: {e}", path.to_string_lossy()),
    }
}

/// Power on with a Level II ROM or our own (48 KB, Expansion Interface) and
/// answer the memory size question with ENTER; returns at the `>` prompt.
pub fn boot_level2(rom: &[u8]) -> Machine {
    let mut m = Machine::new(&Config {
        rom,
        ..Config::default()
    })
    .expect("machine");
    let prompt = match m.rom_kind() {
        RomKind::Level2Rev1_2 => "MEMORY SIZE?",
        RomKind::Level2Rev1_3 => "MEM SIZE?",
        _ if rom == roms::get("free").expect("our ROM").image => "MEMORY SIZE?",
        k => panic!("TRS80_ROM is not a known Level II ROM: {k}"),
    };
    assert!(
        m.run_until_text(prompt, 300),
        "no {prompt:?}:\n{}",
        m.screen_text()
    );
    m.type_text("\n");
    assert!(
        m.run_until_text("READY", 600),
        "no READY:\n{}",
        m.screen_text()
    );
    assert!(m.run_until_typed(60));
    m
}

/// The screen lines, trailing spaces removed.
pub fn lines(m: &Machine) -> Vec<String> {
    m.screen_text()
        .lines()
        .map(|l| l.trim_end().to_string())
        .collect()
}

/// The BASIC program Level II has stored: (line number, tokenised bytes).
/// Follows the line links from the start-of-program pointer at 40A4H.
pub fn stored_program(m: &Machine) -> Vec<(u16, Vec<u8>)> {
    let word = |a: u16| u16::from_le_bytes([m.peek(a), m.peek(a.wrapping_add(1))]);
    let mut p = word(0x40A4);
    let mut out = Vec::new();
    while word(p) != 0 && out.len() < 10_000 {
        let number = word(p.wrapping_add(2));
        let mut q = p.wrapping_add(4);
        let mut bytes = Vec::new();
        while m.peek(q) != 0 && bytes.len() < 256 {
            bytes.push(m.peek(q));
            q = q.wrapping_add(1);
        }
        out.push((number, bytes));
        p = word(p);
    }
    out
}

/// Run until a line `READY` appears below the (last) line `after`.
pub fn run_until_ready_after(m: &mut Machine, after: &str, max_frames: u32) -> bool {
    m.run_until(max_frames, |m| {
        let l = lines(m);
        l.iter()
            .rposition(|s| s == after)
            .is_some_and(|i| l[i + 1..].iter().any(|s| s == "READY"))
    })
}
