//! The BASIC compatibility harness: each `tests/compat/NAME.bas` is run on a
//! freshly booted machine: its leading numbered lines are put into memory as a
//! fast load does, then a `CLS` and every later line (direct commands, answers
//! to INPUT, more program lines) are typed one by one. A file whose first line
//! is `'TYPED` is typed whole, program lines included (for the tests of line
//! entry). The final screen must equal the transcript `tests/compat/NAME.txt`. The transcripts are recorded from the real Level II
//! ROM by this harness (`TRS80_ROM` = a Level II image, `RECORD_LEVEL2=1`);
//! with `TRS80_ROM` set and no `RECORD_LEVEL2` the real ROM is checked against
//! them again. Our own ROM (`roms/free/`) is always compared with them.
//!
//! `COMPAT_ONLY=NAME` runs one program; `COMPAT_SHOW=1` prints the screens that differ.

mod common;
use common::level2_rom;
use std::path::{Path, PathBuf};
use trs80_machine::basic::Program;
use trs80_machine::{loader, Config, Machine};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/compat")
}

/// Power on with `rom`, answer MEMORY SIZE? with ENTER, wait for the prompt.
fn boot(rom: &[u8]) -> Machine {
    let mut m = Machine::new(&Config {
        rom,
        ..Config::default()
    })
    .expect("machine");
    assert!(
        m.run_until_text("SIZE?", 300),
        "no SIZE?\n{}",
        m.screen_text()
    );
    m.type_text("\n");
    assert!(
        m.run_until_text("READY", 600),
        "no READY\n{}",
        m.screen_text()
    );
    assert!(m.run_until_typed(60));
    m
}

/// The last non-blank screen line.
fn last_line(m: &Machine) -> String {
    m.screen_text()
        .lines()
        .map(|l| l.trim_end().to_string())
        .rfind(|l| !l.is_empty())
        .unwrap_or_default()
}

/// The screen without the blinking cursor, to tell when output has stopped.
fn settled(m: &Machine) -> String {
    m.screen_text().replace('_', " ")
}

/// Run `program` (its leading lines fast-loaded, the rest typed after CLS) and
/// return the final screen, lines trimmed.
fn transcript(rom: &[u8], program: &str) -> String {
    let mut m = boot(rom);
    let mut lines: Vec<&str> = program.lines().collect();
    if lines.first() != Some(&"'TYPED") {
        let n = lines
            .iter()
            .take_while(|l| l.trim_start().starts_with(|c: char| c.is_ascii_digit()))
            .count();
        if n > 0 {
            let text = lines[..n].join("\n");
            let listing = Program::from_text(&text).expect("a listing");
            loader::install_basic(&mut m, &listing).expect("fast load");
            lines.drain(..n);
        }
    }
    for line in std::iter::once("CLS").chain(lines) {
        m.type_text(line);
        m.type_text("\n");
        assert!(
            m.run_until_typed(3_000),
            "typing stalled at {line:?}:\n{}",
            m.screen_text()
        );
        // Wait for the next prompt (`>`, `?`, `??`) or give up after 20 s,
        // then until the screen stays the same for a few frames (a `?` may be
        // the start of an error message).
        m.run_until(1_200, |m| {
            let l = last_line(m);
            l == ">" || l.ends_with('?') || l.ends_with("? ")
        });
        let (mut last, mut same) = (settled(&m), 0);
        m.run_until(300, |m| {
            let now = settled(m);
            same = if now == last { same + 1 } else { 0 };
            last = now;
            same >= 8
        });
    }
    // The cursor blinks: a `_` ending the screen is left out.
    let screen = m.screen_text();
    let text = screen
        .lines()
        .map(|l| l.trim_end())
        .collect::<Vec<_>>()
        .join("\n");
    text.trim_end().trim_end_matches('_').trim_end().to_string() + "\n"
}

fn programs() -> Vec<(String, String)> {
    let only = std::env::var("COMPAT_ONLY").ok();
    let mut v: Vec<_> = std::fs::read_dir(dir())
        .expect("tests/compat")
        .filter_map(|e| {
            let p = e.ok()?.path();
            let name = p.file_stem()?.to_str()?.to_string();
            (p.extension()? == "bas" && only.as_ref().is_none_or(|o| *o == name))
                .then(|| (name, std::fs::read_to_string(&p).unwrap()))
        })
        .collect();
    v.sort();
    v
}

#[test]
fn level2_transcripts_recorded_or_rechecked() {
    let Some(rom) = level2_rom("compat") else {
        return;
    };
    let record = std::env::var_os("RECORD_LEVEL2").is_some();
    let mut bad = Vec::new();
    for (name, program) in programs() {
        let got = transcript(&rom, &program);
        let path = dir().join(format!("{name}.txt"));
        if record {
            std::fs::write(&path, &got).unwrap();
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(&got) {
            bad.push(name);
        }
    }
    assert!(
        bad.is_empty(),
        "Level II differs from the stored transcripts: {bad:?}"
    );
}

#[test]
fn our_rom_gives_level2_transcripts() {
    let rom = roms::get("free").expect("roms/free").image;
    let show = std::env::var_os("COMPAT_SHOW").is_some();
    let (mut same, mut differ) = (0, Vec::new());
    // The programs run on separate machines, a few threads at a time.
    let progs = programs();
    let got: Vec<String> = std::thread::scope(|s| {
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
    });
    for ((name, _), got) in progs.iter().zip(got) {
        let path = dir().join(format!("{name}.txt"));
        let Ok(want) = std::fs::read_to_string(&path) else {
            panic!("{name}: no transcript; record it with TRS80_ROM and RECORD_LEVEL2=1");
        };
        if show && got != want {
            println!("--- {name} (ours)\n{got}--- {name} (Level II)\n{want}");
        }
        if got == want {
            same += 1;
        } else {
            differ.push(name);
        }
    }
    println!(
        "compat: {same} of {} programs agree with Level II",
        same + differ.len()
    );
    assert!(differ.is_empty(), "differ from Level II: {differ:?}");
}
