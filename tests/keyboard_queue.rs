//! Typing 2,000+ characters of BASIC through the timed key queue into the real
//! Level II ROM loses or doubles nothing: the program the ROM stores is
//! compared byte for byte with what was typed. Needs `TRS80_ROM` (see
//! `tests/level2.rs`); prints `SKIPPED: …` without it.
//!
//! The lines are `REM` statements, whose text Level II stores verbatim after
//! the REM token (93H), so the comparison needs no detokeniser. The text mixes
//! every typeable character, shifted symbols, lower case (SHIFT + letter) and
//! repeated keys (`LL`, `00`, two spaces), the hard cases for a key queue.

mod common;
use common::{boot_level2, level2_rom, stored_program};

/// The text to type and the program Level II should store for it.
fn program() -> (String, Vec<(u16, Vec<u8>)>) {
    let alphabet: Vec<char> = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 !\"#$%&'()*+,-./:;<=>?@LLOO00  "
        .chars()
        .collect();
    let mut seed = 12_345u32;
    let mut text = String::new();
    let mut lines = Vec::new();
    let mut number = 10u16;
    while text.len() < 2000 {
        let mut body = String::new();
        for _ in 0..50 {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            body.push(alphabet[(seed >> 16) as usize % alphabet.len()]);
        }
        text.push_str(&format!("{number} REM {body}\n"));
        let mut stored = vec![0x93u8]; // the REM token, then the text as typed
        stored.extend(format!(" {body}").bytes());
        lines.push((number, stored));
        number += 10;
    }
    (text, lines)
}

#[test]
fn typing_2000_characters_loses_and_doubles_nothing() {
    let Some(rom) = level2_rom("typing_2000_characters_loses_and_doubles_nothing") else {
        return;
    };
    let (text, expected) = program();
    assert!(text.len() >= 2000);
    let mut m = boot_level2(&rom);
    let t0 = m.t_states();
    m.type_text(&text);
    assert!(m.run_until_typed(20_000), "queue did not drain");
    let per_char = (m.t_states() - t0) / text.len() as u64;
    println!(
        "{} characters, {per_char} T-states per character",
        text.len()
    );
    let got = stored_program(&m);
    assert_eq!(got.len(), expected.len(), "line count");
    for (g, e) in got.iter().zip(&expected) {
        assert_eq!(
            g,
            e,
            "line {}: stored {:?}, typed {:?}",
            e.0,
            String::from_utf8_lossy(&g.1),
            String::from_utf8_lossy(&e.1)
        );
    }
}

#[test]
fn caret_types_the_up_arrow() {
    let Some(rom) = level2_rom("caret_types_the_up_arrow") else {
        return;
    };
    let mut m = boot_level2(&rom);
    // `^` (modern listings' exponent) and `[` are both the ↑ key, Level II's 5BH.
    m.type_text("10 A=2^3\n20 A=2[3\n30 REM ^\n");
    assert!(m.run_until_typed(20_000), "queue did not drain");
    let got = stored_program(&m);
    assert_eq!(got.len(), 3, "line count: {got:?}");
    assert_eq!(got[0].1, got[1].1, "`^` and `[` store the same line");
    assert_eq!(got[0].1.len(), 5, "A = 2 ↑ 3: {:?}", got[0].1);
    assert_eq!(got[2].1, vec![0x93, b' ', 0x5B], "REM keeps ↑ as 5BH");
}
