//! Period BASIC listings give the same final screen under Level II and our
//! ROM. The listings are David Ahl's "BASIC Computer Games" (Creative
//! Computing, 1978), as kept in the public `coding-horror/basic-computer-games`
//! repository (`NN_Name/name.bas`); they are not ours to ship, so
//! `TRS80_BASIC_DIR` names a folder holding them (and `TRS80_ROM` a Level II
//! image). Without either the test prints `SKIPPED`.
//!
//! Each listing is fast-loaded as written (no adaptation: these ones use only
//! what Level II has), `RUN` is typed and then the scripted answers, each
//! when the program waits for one; the final screens must be equal. Programs
//! that call RND get the same numbers under both ROMs (the same generator and
//! seed), so their games go the same way.

mod common;
use common::{boot_level2, level2_rom};
use std::path::Path;
use trs80_machine::basic::Program;
use trs80_machine::{loader, Machine};

/// (file, answers typed one per prompt, emulated seconds to wait at most for
/// the end or the next prompt).
const LISTINGS: [(&str, &[&str], u32); 14] = [
    ("diamond.bas", &["9"], 60),
    ("sinewave.bas", &[], 60),
    ("calendar.bas", &[], 120),
    ("bunny.bas", &[], 60),
    ("love.bas", &["TRS-80 MODEL I"], 120),
    ("nicomachus.bas", &["2", "3", "2", "YES"], 30),
    ("change.bas", &["3.17", "5"], 30),
    ("name.bas", &["JOHN SMITH", "YES"], 30),
    ("dice.bas", &["500", "NO"], 120),
    (
        "guess.bas",
        &["100", "50", "25", "37", "43", "40", "41"],
        30,
    ),
    ("stars.bas", &["NO", "50", "25", "12", "6", "3", "1"], 30),
    ("23matches.bas", &["3", "3", "3", "3", "3", "3", "3"], 30),
    ("bounce.bas", &["0.1", "30", "0.9"], 600),
    ("banner.bas", &["10", "6", "N", "ALL", "TRS", "N"], 600),
];

/// The screen with the cursor blanked, lines trimmed.
fn screen(m: &Machine) -> String {
    m.screen_text()
        .replace('_', " ")
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Run until the program waits for a line (`?` ends the last line) or ends
/// (`>`), at most `secs` emulated seconds, then until the screen is still.
fn wait_for_prompt(m: &mut Machine, secs: u32) {
    m.run_until(secs * 60, |m| {
        let s = screen(m);
        let last = s.lines().rfind(|l| !l.is_empty()).unwrap_or("");
        last == ">" || last.ends_with('?')
    });
    let (mut last, mut same) = (screen(m), 0);
    m.run_until(300, |m| {
        let now = screen(m);
        same = if now == last { same + 1 } else { 0 };
        last = now;
        same >= 8
    });
}

/// The final screen of `listing` run under `rom` with `answers`.
fn final_screen(rom: &[u8], listing: &Program, answers: &[&str], secs: u32) -> String {
    let mut m = boot_level2(rom);
    loader::install_basic(&mut m, listing).expect("fast load");
    for line in ["CLS", "RUN"].iter().chain(answers) {
        m.type_text(line);
        m.type_text("\n");
        assert!(m.run_until_typed(3_000), "typing stalled at {line:?}");
        wait_for_prompt(&mut m, secs);
    }
    screen(&m)
}

#[test]
fn vintage_listings_give_level2_screens() {
    let Some(dir) = std::env::var_os("TRS80_BASIC_DIR") else {
        println!("SKIPPED: TRS80_BASIC_DIR is not set (a folder of period BASIC listings)");
        return;
    };
    let Some(level2) = level2_rom("vintage_listings") else {
        return;
    };
    let ours = roms::get("free").expect("roms/free").image;
    let mut differ = Vec::new();
    let mut ran = 0;
    for (file, answers, secs) in LISTINGS {
        let path = Path::new(&dir).join(file);
        let Ok(text) = std::fs::read_to_string(&path) else {
            println!("SKIPPED: {file}: not in {}", path.display());
            continue;
        };
        let listing = Program::from_text(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
        let want = final_screen(&level2, &listing, answers, secs);
        let got = final_screen(ours, &listing, answers, secs);
        ran += 1;
        if got == want {
            println!("{file}: same screen");
        } else {
            println!("{file}: differs\n--- Level II\n{want}\n--- ours\n{got}");
            differ.push(file);
        }
    }
    println!(
        "{} of {ran} listings give Level II's screen",
        ran - differ.len()
    );
    assert!(
        differ.is_empty(),
        "our ROM differs from Level II: {differ:?}"
    );
}
