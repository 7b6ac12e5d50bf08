//! The monitor from the command line, on the built-in ROM (no Tandy ROM):
//! `trs80 monitor --script`, `--monitor-script`, file access for load/save,
//! and (in tmux, SKIPPED without it) interactive line editing with history
//! and the terminal front end's F8 key.

use std::path::PathBuf;
use std::process::Command;

mod common;
use common::tmux::{have_tmux, Tmux};

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("trs80-mon-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn trs80(args: &[&str], dir: &PathBuf) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_trs80"))
        .args(args)
        .current_dir(dir)
        .env_remove("TRS80_ROM")
        .output()
        .expect("run trs80");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const SCRIPT: &str = "\
a 7000
start: ld hl,3C00H
  ld (hl),'A'
done: jr done
.
b done
g start
peek 3C00
save demo/cmd 7000 7005
save demo.bin 7000 7005
";

#[test]
fn monitor_script_runs_and_saves_files() {
    let dir = scratch("script");
    std::fs::write(dir.join("s.txt"), SCRIPT).unwrap();
    let (rc, out, err) = trs80(&["monitor", "--ram", "16", "--script", "s.txt"], &dir);
    assert_eq!(rc, 0, "{out}\n{err}");
    for want in [
        "7000  21 00 3C     LD HL,3C00H",
        "7003  36 41        LD (HL),41H",
        "7005  18 FE        JR DONE",
        "stopped: breakpoint at 7005H",
        "3C00H (15360): byte 41H (65)",
    ] {
        assert!(out.contains(want), "missing `{want}` in:\n{out}");
    }
    assert_eq!(
        std::fs::read(dir.join("demo.bin")).unwrap(),
        [0x21, 0x00, 0x3C, 0x36, 0x41, 0x18]
    );
    // The TRS-80 name DEMO/CMD is the host file demo.cmd.
    let cmd = std::fs::read(dir.join("demo.cmd")).unwrap();
    assert_eq!(&cmd[..6], &[0x05, 4, b'D', b'E', b'M', b'O']);
    assert_eq!(&cmd[cmd.len() - 4..], &[0x02, 0x02, 0x00, 0x70]);
}

#[test]
fn monitor_script_option_and_cmd_round_trip() {
    let dir = scratch("option");
    std::fs::write(
        dir.join("s.txt"),
        "e 7000 3E 41 C9\nsave DEMO.CMD 7000 7002\nf 7000 7002 0\nload DEMO.CMD\nu 7000 2\n",
    )
    .unwrap();
    let (rc, out, err) = trs80(
        &[
            "--frontend",
            "headless",
            "--ram",
            "16",
            "--monitor-script",
            "s.txt",
        ],
        &dir,
    );
    assert_eq!(rc, 0, "{out}\n{err}");
    assert!(out.contains("entry 7000H"), "{out}");
    assert!(
        out.contains("7000  3E 41        LD A,41H\n7002  C9           RET"),
        "{out}"
    );
    let file = std::fs::read(dir.join("DEMO.CMD")).unwrap();
    assert_eq!(file[0], 0x05, "name header first");
}

#[test]
fn a_bad_line_stops_the_script_with_its_number() {
    let dir = scratch("bad");
    std::fs::write(dir.join("s.txt"), "e 7000 01\nd 7000 L1\nfrob\nd 7000\n").unwrap();
    let (rc, out, err) = trs80(&["monitor", "--ram", "16", "--script", "s.txt"], &dir);
    assert_eq!(rc, 1);
    assert!(out.contains("? unknown command `frob`"), "{out}");
    assert!(
        !out.contains("> d 7000\n"),
        "stopped at the bad line: {out}"
    );
    assert!(err.contains("line 3"), "{err}");
    let (rc, _, err) = trs80(&["monitor", "--script", "missing.txt"], &dir);
    assert_eq!(rc, 1);
    assert!(err.contains("missing.txt"), "{err}");
}

/// The monitor (or the emulator) in a 100×40 tmux pane.
fn start(name: &str, command: &str) -> Tmux {
    let socket = format!("trs80-mon-{}-{name}", std::process::id());
    Tmux::start(&socket, (100, 40), &format!("{command}; sleep 30"))
}

#[test]
fn interactive_line_editing_and_history() {
    if !have_tmux() {
        println!("SKIPPED: tmux is not installed (.ci/run installs it)");
        return;
    }
    let bin = env!("CARGO_BIN_EXE_trs80");
    let t = start("edit", &format!("{bin} monitor --ram 16"));
    t.wait_for("`x` leaves", "monitor");
    t.text("e 7000 3E 41");
    t.keys(&["Enter"]);
    t.wait_for("2 bytes stored", "monitor");
    // Recall the line, change the last byte, move into the middle and insert.
    t.keys(&["Up", "BSpace", "2", "Home", "Right", "Right"]);
    t.text("7");
    t.keys(&["BSpace", "Enter"]);
    t.wait_for("> e 7000 3E 42", "monitor");
    t.text("d 7000 L2");
    t.keys(&["Enter"]);
    t.wait_for("7000  3E 42", "monitor");
    // Several lines typed ahead in one burst are all taken.
    t.text("a 7002\rnop\rret\r.\ru 7000 3\r");
    let s = t.wait_for("7003  C9           RET\n", "monitor");
    assert!(s.contains("7002  00           NOP"), "{s}");
}

#[test]
fn f8_in_the_terminal_front_end_opens_the_monitor_and_x_resumes() {
    if !have_tmux() {
        println!("SKIPPED: tmux is not installed (.ci/run installs it)");
        return;
    }
    let bin = env!("CARGO_BIN_EXE_trs80");
    let t = start("f8", &format!("{bin} --frontend terminal --ram 16"));
    t.wait_for("SIZE?", "monitor");
    t.keys(&["Enter"]);
    t.wait_for("READY", "monitor");
    t.keys(&["F8"]);
    t.wait_for("machine paused", "monitor");
    t.text("e 3C00 'M' 'O' 'N'");
    t.keys(&["Enter"]);
    t.wait_for("3 bytes stored", "monitor");
    t.text("x");
    t.keys(&["Enter"]);
    let s = t.wait_for("F8 monitor", "monitor");
    assert!(
        s.contains("MON"),
        "the poked bytes show on the resumed screen:\n{s}"
    );
}

#[test]
fn symbols_from_an_assembler_symbol_file() {
    let dir = scratch("syms");
    std::fs::write(dir.join("p.sym"), "START EQU 7000H\nBUFFER EQU 7100H\n").unwrap();
    std::fs::write(dir.join("s.txt"), "e buffer 2A\npeek buffer\nsym\n").unwrap();
    let (rc, out, err) = trs80(
        &[
            "monitor",
            "--ram",
            "16",
            "--symbols",
            "p.sym",
            "--script",
            "s.txt",
        ],
        &dir,
    );
    assert_eq!(rc, 0, "{out}\n{err}");
    assert!(out.contains("7100H (28928): byte 2AH"), "{out}");
    assert!(out.contains("7000  START\n7100  BUFFER"), "{out}");
    std::fs::write(dir.join("bad.sym"), "START EQU\n").unwrap();
    let (rc, _, err) = trs80(
        &["monitor", "--symbols", "bad.sym", "--script", "s.txt"],
        &dir,
    );
    assert_eq!(rc, 1);
    assert!(err.contains("bad.sym line 1"), "{err}");
}
