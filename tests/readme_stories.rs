//! The README's stories on the built-in ROM (no `--rom`, no `TRS80_ROM`), through the
//! binary as a user runs it:
//! - the monitor's hand-assembly session (`trs80 monitor --script`) prints the BASIC
//!   DATA/POKE loader; typed into our ROM's BASIC and RUN, its `X=USR(0)` fills the top
//!   screen line with stars;
//! - `trs80 FILE.bas` loads a listing fast and runs it; `--real-load` types it instead,
//!   and plays a BASIC tape (`.cas`) through the cassette port for our ROM's CLOAD.
//!
//! The TermiNet story (loader typed in, USR hooks the driver, LLIST on paper) is
//! `tests/terminet_story.rs` and `tests/typing_waits.rs`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use trs80_machine::basic::Program;
use trs80_machine::cas;

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("trs80-stories-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// Run the binary with the built-in ROM (`TRS80_ROM` removed from its environment).
fn trs80(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_trs80"))
        .args(args)
        .env_remove("TRS80_ROM")
        .env_remove("DISPLAY")
        .output()
        .expect("run trs80")
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "trs80 failed: {}\n{}",
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(&out.stdout)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The README's monitor session, command for command.
const SESSION: &str = "a 7000
start: ld hl,3C00H
  ld b,64
loop: ld (hl),'*'
  inc hl
  djnz loop
done: ret
.
b done
g start
d 3C00 L10
basic 7000 700A
";

#[test]
fn the_monitor_sessions_loader_runs_on_our_rom() {
    let script = scratch("session.txt");
    std::fs::write(&script, SESSION).unwrap();
    let transcript = ok(&trs80(&["monitor", "--script", script.to_str().unwrap()]));
    assert!(
        transcript.contains("stopped: breakpoint at 700AH"),
        "{transcript}"
    );
    // The loader: the numbered lines after the `basic` command.
    let after = transcript
        .split("> basic 7000 700A")
        .nth(1)
        .expect("the basic command's output");
    let loader: Vec<&str> = after
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with(|c: char| c.is_ascii_digit()))
        .collect();
    assert_eq!(loader.len(), 5, "{after}");
    assert_eq!(loader[3], "40 POKE 16526,0:POKE 16527,112:X=USR(0)");

    // Typed into BASIC as its owner would: MEMORY SIZE? 28671, the lines, RUN.
    let mut typed = String::from("28671\n");
    for l in &loader {
        typed += l;
        typed += "\n";
    }
    typed += "RUN\nPRINT PEEK(16561)+256*PEEK(16562)\n";
    let file = scratch("loader.txt");
    std::fs::write(&file, &typed).unwrap();
    let screen = scratch("loader-screen.txt");
    ok(&trs80(&[
        "--frontend",
        "headless",
        "--type-file",
        file.to_str().unwrap(),
        "--until",
        "READY",
        "--run-for",
        "60",
        "--screen-out",
        screen.to_str().unwrap(),
    ]));
    let text = std::fs::read_to_string(&screen).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "*".repeat(64),
        "no stars on the top line:\n{text}"
    );
    // RUN printed nothing (no DATA ERROR, no error of BASIC's) before READY.
    assert!(
        lines
            .windows(2)
            .any(|w| w[0].trim_end() == ">RUN" && w[1].trim_end() == "READY"),
        "{text}"
    );
    // MEMORY SIZE? 28671 kept the code out of BASIC's way: the top of BASIC's memory
    // (40B1H) is then 28669, as Level II 1.2 has it.
    assert!(
        lines
            .windows(2)
            .any(|w| w[0].starts_with(">PRINT PEEK") && w[1].trim_end() == " 28669"),
        "{text}"
    );
}

const PROGRAM: &str =
    "10 CLS:PRINT \"FILE RUN\";\n20 FOR I=1 TO 3:PRINT I;:NEXT\n30 PRINT:PRINT \"SUM\";1+2+3\n";

/// `trs80 FILE` headless until `SUM 6` appears; the screen text.
fn run_file(file: &Path, extra: &[&str], name: &str) -> String {
    let screen = scratch(&format!("{name}-screen.txt"));
    let mut args = vec![
        "--frontend",
        "headless",
        "--until",
        "SUM 6",
        "--run-for",
        "120",
        "--screen-out",
        screen.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    args.push(file.to_str().unwrap());
    let out = trs80(&args);
    let text = std::fs::read_to_string(&screen).unwrap_or_default();
    assert!(
        out.status.success(),
        "{name}: {}\n{text}",
        String::from_utf8_lossy(&out.stderr)
    );
    text
}

fn ran(text: &str) -> bool {
    let l: Vec<&str> = text.lines().map(str::trim_end).collect();
    l.windows(2)
        .any(|w| w[0] == "FILE RUN 1  2  3" && w[1] == "SUM 6")
}

#[test]
fn a_listing_loads_fast_and_runs() {
    let bas = scratch("prog.bas");
    std::fs::write(&bas, PROGRAM).unwrap();
    let text = run_file(&bas, &[], "fast");
    assert!(ran(&text), "{text}");
}

#[test]
fn real_load_types_a_listing_and_plays_a_tape() {
    let bas = scratch("typed.bas");
    std::fs::write(&bas, PROGRAM).unwrap();
    let text = run_file(&bas, &["--real-load"], "typed");
    assert!(ran(&text), "{text}");

    // The same program as a BASIC tape, CLOADed by our ROM at 500 baud.
    let program = Program::from_text(PROGRAM).unwrap();
    let tape = scratch("prog.cas");
    std::fs::write(&tape, cas::write_basic(b'P', &program)).unwrap();
    let text = run_file(&tape, &["--real-load"], "tape");
    assert!(ran(&text), "{text}");
}
