//! Typed text (`--type`, `--type-file`) waits for the machine: the first key goes when the
//! ROM or DOS first asks for one, each later line only once it asks again, and `--until`
//! looks only at what appears after the typing is done. A character with no key is an
//! error before the run starts.
//!
//! On our own ROM always; on Level II with `TRS80_ROM`; LDOS with `TRS80_ROM` and
//! `TRS80_DISK_DIR` (holding `ld1-531.dsk`), as `tests/ldos.rs`.

use std::path::PathBuf;
use std::process::{Command, Output};

use trs80_machine::monitor::loader::{basic_loader, Hook, LoaderOptions};

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("trs80-typing-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// Runs the binary headless with `rom` (`None`: our own ROM).
fn run(rom: Option<&str>, args: &[&str]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_trs80"));
    c.env_remove("TRS80_ROM");
    if let Some(rom) = rom {
        c.args(["--rom", rom]);
    }
    c.args(["--frontend", "headless"]).args(args);
    c.output().expect("run trs80")
}

fn ok(out: &Output) -> String {
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(out.status.success(), "{err}");
    err
}

fn level2() -> Option<String> {
    match std::env::var("TRS80_ROM") {
        Ok(p) => Some(p),
        Err(_) => {
            println!("SKIPPED: Level II half: TRS80_ROM is not set");
            None
        }
    }
}

/// The README's printer story as one file: MEMORY SIZE?, the driver's BASIC loader, RUN,
/// NEW, a program, LLIST. Every line must reach BASIC, so the paper holds the program.
fn printer_story(rom: Option<&str>, name: &str) {
    let driver = roms::get("examples/terminet_driver").expect("driver assembled");
    let opts = LoaderOptions {
        first_line: 10,
        step: 10,
        hook: Hook::Usr,
        entry: driver.origin,
    };
    let program: Vec<String> = (1..=8)
        .map(|i| format!("{} PRINT \"LINE {i}\";{i}^2", i * 10))
        .collect();
    let mut story = String::from("32511\n");
    story += &basic_loader(driver.origin, driver.image, &opts).expect("loader");
    story += "RUN\nNEW\n";
    for l in &program {
        story += l;
        story += "\n";
    }
    story += "LLIST\n";
    let file = tmp(&format!("{name}-story.txt"));
    std::fs::write(&file, &story).unwrap();
    let paper = tmp(&format!("{name}-paper.txt"));
    let screen = tmp(&format!("{name}-screen.txt"));
    let out = run(
        rom,
        &[
            "--type-file",
            file.to_str().unwrap(),
            &format!("--printer=terminet:{},full", paper.display()),
            "--until",
            "READY",
            "--run-for",
            "600",
            "--screen-out",
            screen.to_str().unwrap(),
        ],
    );
    ok(&out);
    // ↑ is code 5BH, which the printer's ASCII belt prints as `[`.
    let want: String = program
        .iter()
        .map(|l| format!("{}\n", l.replace('^', "[")))
        .collect();
    let got = std::fs::read_to_string(&paper).unwrap();
    assert_eq!(
        got,
        want,
        "{name}: the paper; screen:\n{}",
        std::fs::read_to_string(&screen).unwrap()
    );
}

#[test]
fn the_printer_story_typed_as_one_file_on_our_rom() {
    printer_story(None, "free");
}

#[test]
fn the_printer_story_typed_as_one_file_on_level2() {
    if let Some(rom) = level2() {
        printer_story(Some(&rom), "level2");
    }
}

/// A program that runs for a while, typed with RUN: `--until READY` waits for the READY
/// after its output, not the one already on the screen, and the line typed after RUN is
/// not swallowed by the running program.
fn until_after_typing(rom: Option<&str>, name: &str) {
    let screen = tmp(&format!("{name}-until.txt"));
    let out = run(
        rom,
        &[
            "--type",
            r"\n10 FOR I=1 TO 400:NEXT\n20 PRINT 6*7\nRUN\nPRINT 5*5\n",
            "--until",
            "READY",
            "--screen-out",
            screen.to_str().unwrap(),
        ],
    );
    ok(&out);
    let text = std::fs::read_to_string(&screen).unwrap();
    let after = text.rsplit_once(">RUN").map(|x| x.1).unwrap_or("");
    assert!(after.contains(" 42"), "{name}: RUN's output\n{text}");
    let after = text.rsplit_once(">PRINT 5*5").map(|x| x.1).unwrap_or("");
    assert!(
        after.contains(" 25") && after.contains("READY"),
        "{name}: the line after RUN\n{text}"
    );
}

#[test]
fn until_waits_for_new_text_and_lines_wait_for_the_prompt_on_our_rom() {
    until_after_typing(None, "free");
}

#[test]
fn until_waits_for_new_text_and_lines_wait_for_the_prompt_on_level2() {
    if let Some(rom) = level2() {
        until_after_typing(Some(&rom), "level2");
    }
}

#[test]
fn a_character_with_no_key_is_an_error_naming_it() {
    let file = tmp("braces.bas");
    std::fs::write(&file, "10 PRINT 1\n20 PRINT \"{}\"\n").unwrap();
    let out = run(
        None,
        &["--type-file", file.to_str().unwrap(), "--run-for", "1"],
    );
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("line 2 column 11") && err.contains("'{'") && err.contains("braces.bas"),
        "{err}"
    );
    // Before the run starts: a run that had started would write its screen at the end
    // (every exit path writes every output), so no screen file means no run.
    let screen = tmp("never_run.txt");
    let _ = std::fs::remove_file(&screen);
    let out = run(
        None,
        &[
            "--type",
            "A~B",
            "--run-for",
            "1",
            "--screen-out",
            screen.to_str().unwrap(),
        ],
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success() && err.contains("--type") && err.contains("'~'"),
        "{err}"
    );
    assert!(!screen.exists(), "the machine ran before the error");
    // The same screen file is written when the text is typable, so the check above can fail.
    let out = run(
        None,
        &[
            "--type",
            "AB",
            "--run-for",
            "1",
            "--screen-out",
            screen.to_str().unwrap(),
        ],
    );
    assert!(out.status.success() && screen.exists());
    let out = run(
        None,
        &["--paste-file", file.to_str().unwrap(), "--run-for", "1"],
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success() && err.contains("--paste-file"),
        "{err}"
    );
}

/// LDOS throws away keys typed before it asks: `--type` with the disk at boot answers the
/// date and time and runs DIR all the same.
#[test]
fn type_with_ldos_at_boot_loses_no_keys() {
    let (Some(rom), Ok(dir)) = (level2(), std::env::var("TRS80_DISK_DIR")) else {
        println!("SKIPPED: TRS80_ROM and TRS80_DISK_DIR must both be set");
        return;
    };
    let disk = std::path::Path::new(&dir).join("ld1-531.dsk");
    if !disk.exists() {
        println!("SKIPPED: {} not found", disk.display());
        return;
    }
    let screen = tmp("ldos.txt");
    let out = run(
        Some(&rom),
        &[
            disk.to_str().unwrap(),
            "--type",
            r"12/02/86\n13:45:00\nDIR\n",
            "--until",
            "LDOS READY",
            "--run-for",
            "120",
            "--screen-out",
            screen.to_str().unwrap(),
        ],
    );
    ok(&out);
    let text = std::fs::read_to_string(&screen).unwrap();
    println!("{text}");
    assert!(text.contains("DIR") && text.contains("CMD"), "{text}");
}
