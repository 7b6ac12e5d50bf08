//! The key-by-key compatibility harness, the sibling of `tests/compat.rs` for
//! what a line-at-a-time script cannot type: the EDIT line editor. Each
//! `tests/compat_keys/NAME.keys` is typed into a freshly booted machine (after
//! `CLS`); a new line is ENTER and `{…}` names a key with no character:
//! `{ESC}` SHIFT ↑ (1BH), `{BS}` ← (08H), `{SBS}` SHIFT ← (18H), `{BRK}` BREAK,
//! `{CLR}` CLEAR, `{DN}` ↓ (0AH), `{RT}` → (09H); `{REC}` puts a blank tape in the deck and presses RECORD,
//! `{PLAY}` rewinds what was recorded (once the motor is off) and plays it; `{WAIT}` waits (30 s at
//! most) for the `>` prompt. After every ENTER the harness waits until the screen has not
//! changed for a few frames. The final screen must equal `NAME.txt`, recorded
//! from the real Level II ROM by this harness (`TRS80_ROM` = a Level II image,
//! `RECORD_LEVEL2=1`; with `TRS80_ROM` alone Level II is checked against them
//! again). Our own ROM (`roms/free/`) is always compared with them.
//!
//! Our ROM is checked against every folder: the EDIT scripts, the PRINT USING
//! programs and the scripts of `tests/compat_more`.
//!
//! `COMPAT_ONLY=NAME` runs one script; `COMPAT_SHOW=1` prints the screens that differ.

mod common;
use common::level2_rom;
use std::path::{Path, PathBuf};
use trs80_machine::cassette::DeckMode;
use trs80_machine::{Config, Key, Machine};

fn dir(set: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(set)
}

/// Power on with `rom`, answer MEMORY SIZE? with ENTER, wait for the prompt.
fn boot(rom: &[u8]) -> Machine {
    let mut m = Machine::new(&Config {
        rom,
        ..Config::default()
    })
    .expect("machine");
    assert!(m.run_until_text("SIZE?", 300), "no SIZE?");
    m.type_text("\n");
    assert!(m.run_until_text("READY", 600), "no READY");
    assert!(m.run_until_typed(60));
    m
}

/// Queue the keys of `script` one by one; returns after each ENTER once the
/// screen has settled.
fn type_script(m: &mut Machine, script: &str) {
    let mut rest = script;
    while let Some(c) = rest.chars().next() {
        rest = &rest[c.len_utf8()..];
        if c == '{' {
            let end = rest.find('}').expect("an unclosed {");
            match &rest[..end] {
                "REC" => {
                    m.cassette().insert_blank();
                    m.cassette().set_mode(DeckMode::Record);
                }
                "PLAY" => {
                    // A recording still under way (the motor on) ends first.
                    for _ in 0..1_800 {
                        if !m.cassette().motor_on() {
                            break;
                        }
                        m.run_frame();
                    }
                    let tape = m.cassette().eject().unwrap_or_default();
                    m.cassette().insert(tape);
                }
                "WAIT" => {
                    m.run_until(1_800, |m| {
                        let s = m.screen_text();
                        let last = s.lines().map(str::trim_end).rfind(|l| !l.is_empty());
                        last.is_some_and(|l| l == ">" || l == ">_")
                    });
                }
                _ => {}
            }
            let (shift, key) = match &rest[..end] {
                "REC" | "PLAY" | "WAIT" => {
                    rest = &rest[end + 1..];
                    continue;
                }
                "ESC" => (true, Key::Up),
                "BS" => (false, Key::Left),
                "SBS" => (true, Key::Left),
                "BRK" => (false, Key::Break),
                "CLR" => (false, Key::Clear),
                "DN" => (false, Key::Down),
                "RT" => (false, Key::Right),
                k => panic!("unknown key {{{k}}}"),
            };
            m.keyboard_mut().queue_keys(shift, &[key]);
            rest = &rest[end + 1..];
            continue;
        }
        m.type_text(&c.to_string());
        if c == '\n' {
            settle(m);
        }
    }
    settle(m);
}

/// Run until the typing is done and the screen has stayed the same for
/// 8 frames (at most 20 emulated seconds).
fn settle(m: &mut Machine) {
    assert!(
        m.run_until_typed(3_000),
        "typing stalled:\n{}",
        m.screen_text()
    );
    let mut last = m.screen_text();
    let mut same = 0;
    m.run_until(1_200, |m| {
        let now = m.screen_text();
        same = if now == last { same + 1 } else { 0 };
        last = now;
        same >= 8
    });
}

/// Type `script` (after CLS) and return the final screen, lines trimmed.
fn transcript(rom: &[u8], script: &str) -> String {
    let mut m = boot(rom);
    type_script(&mut m, "CLS\n");
    type_script(&mut m, script);
    let screen = m.screen_text();
    let text = screen
        .lines()
        .map(|l| l.trim_end())
        .collect::<Vec<_>>()
        .join("\n");
    let mut out = text.trim_end().trim_end_matches('_').trim_end().to_string() + "\n";
    let printed = m.take_printer_output();
    if !printed.is_empty() {
        out += &format!(
            "printer: {}\n",
            String::from_utf8_lossy(&printed).escape_debug()
        );
    }
    out
}

fn scripts(set: &str) -> Vec<(String, String)> {
    let only = std::env::var("COMPAT_ONLY").ok();
    let mut v: Vec<_> = std::fs::read_dir(dir(set))
        .expect("a script folder")
        .filter_map(|e| {
            let p = e.ok()?.path();
            let name = p.file_stem()?.to_str()?.to_string();
            (p.extension()? == "keys" && only.as_ref().is_none_or(|o| *o == name))
                .then(|| (name, std::fs::read_to_string(&p).unwrap()))
        })
        .collect();
    v.sort();
    v
}

/// The transcripts of every script under `rom`, a few machines at a time.
fn transcripts(rom: &[u8], progs: &[(String, String)]) -> Vec<String> {
    std::thread::scope(|s| {
        let chunks: Vec<_> = progs
            .chunks(progs.len().div_ceil(4).max(1))
            .map(|c| {
                s.spawn(move || {
                    c.iter()
                        .map(|(_, p)| transcript(rom, p))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        chunks.into_iter().flat_map(|h| h.join().unwrap()).collect()
    })
}

/// Compare `rom`'s transcripts of the scripts in `tests/SET` with the stored
/// ones (or store them).
fn check(set: &str, rom: &[u8], who: &str, record: bool) {
    let show = std::env::var_os("COMPAT_SHOW").is_some();
    let progs = scripts(set);
    let mut differ = Vec::new();
    for ((name, _), got) in progs.iter().zip(transcripts(rom, &progs)) {
        let path = dir(set).join(format!("{name}.txt"));
        if record {
            std::fs::write(&path, &got).unwrap();
            continue;
        }
        let Ok(want) = std::fs::read_to_string(&path) else {
            panic!("{name}: no transcript; record it with TRS80_ROM and RECORD_LEVEL2=1");
        };
        if show && got != want {
            println!("--- {name} ({who})\n{got}--- {name} (stored)\n{want}");
        }
        if got != want {
            differ.push(name.clone());
        }
    }
    println!(
        "{set}: {} of {} scripts agree ({who})",
        progs.len() - differ.len(),
        progs.len()
    );
    assert!(differ.is_empty(), "{who} differs from Level II: {differ:?}");
}

/// The script folders: EDIT sessions, PRINT USING programs, and the rest of
/// Level II's statements and functions (`tests/compat_coverage.rs`).
const SETS: [&str; 3] = ["compat_keys", "compat_using", "compat_more"];

#[test]
fn level2_transcripts_recorded_or_rechecked() {
    let Some(rom) = level2_rom("compat_keys") else {
        return;
    };
    let record = std::env::var_os("RECORD_LEVEL2").is_some();
    for set in SETS {
        check(set, &rom, "Level II", record);
    }
}

#[test]
fn our_rom_gives_level2_edit_transcripts() {
    let rom = roms::get("free").expect("roms/free");
    assert!(rom.symbol("EDITST").is_some(), "roms/free has no EDIT");
    check("compat_keys", rom.image, "our ROM", false);
}

#[test]
fn our_rom_gives_level2_using_transcripts() {
    let rom = roms::get("free").expect("roms/free");
    assert!(
        rom.symbol("USING").is_some(),
        "roms/free has no PRINT USING"
    );
    check("compat_using", rom.image, "our ROM", false);
}

#[test]
fn our_rom_gives_level2_more_transcripts() {
    let rom = roms::get("free").expect("roms/free");
    check("compat_more", rom.image, "our ROM", false);
}
