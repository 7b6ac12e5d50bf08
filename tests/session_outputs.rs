//! The session from the outside: the serial line moves while the program ignores it, and every
//! way a run ends writes the outputs (`--monitor-script`, SIGTERM, SIGINT), each on its own,
//! with every path checked before the run and nothing written over when there is nothing to
//! write.

use std::io::Read;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A scratch directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("trs80-session-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Assembles `src` at 0000H into a 2 KB ROM image file in `dir`.
fn rom(dir: &Path, src: &str) -> PathBuf {
    let asm = z80asm::assemble_str("rom.asm", src, &z80asm::Options::default()).unwrap();
    let mut image = asm.image.clone();
    image.resize(0x800, 0xFF);
    let path = dir.join("rom.bin");
    std::fs::write(&path, image).unwrap();
    path
}

fn trs80() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_trs80"));
    c.env_remove("TRS80_ROM");
    c
}

/// Sends one character at 300 baud, then spins without touching a port again.
const SEND_ONE: &str = "
        ORG 0
        DI
        LD A,55H        ; 300 baud both ways
        OUT (0E9H),A
        LD A,6FH        ; 8 bits, no parity, 1 stop bit, DTR, RTS, no BREAK
        OUT (0EAH),A
        LD A,'Q'
        OUT (0EBH),A
SPIN:   JR SPIN
";

#[test]
fn a_tcp_peer_gets_the_character_while_the_program_loops_and_sigterm_finishes_the_run() {
    let dir = scratch("tcp");
    let rom = rom(&dir, SEND_ONE);
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let screen = dir.join("screen.txt");
    let mut child = trs80()
        .args(["--frontend", "headless", "--run-for", "1000000", "--rom"])
        .arg(&rom)
        .arg("--serial")
        .arg(format!("tcp:127.0.0.1:{port}"))
        .arg("--screen-out")
        .arg(&screen)
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    listener.set_nonblocking(true).unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut peer = loop {
        match listener.accept() {
            Ok((s, _)) => break s,
            Err(_) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => {
                let _ = child.kill();
                panic!("the emulator did not connect: {e}");
            }
        }
    };
    peer.set_nonblocking(false).unwrap();
    peer.set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    let mut byte = [0u8; 1];
    let got = peer.read_exact(&mut byte);
    // The run goes on (a million emulated seconds); SIGTERM ends it through the session.
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let status = child.wait().unwrap();
    got.expect("the character arrived while the emulator ran");
    assert_eq!(&byte, b"Q");
    assert!(killed.unwrap().success());
    assert_eq!(
        status.code(),
        Some(128 + 15),
        "SIGTERM ends the run: {status:?}"
    );
    let text = std::fs::read_to_string(&screen).expect("--screen-out written on SIGTERM");
    assert_eq!(text.lines().count(), 16);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn monitor_script_runs_write_the_paper_and_the_screen() {
    let dir = scratch("script");
    let rom = rom(
        &dir,
        "
        ORG 0
        DI
        LD A,'P'
        LD (37E8H),A
        LD A,0DH
        LD (37E8H),A
        LD A,'M'
        LD (3C00H),A
SPIN:   JR SPIN
",
    );
    let script = dir.join("script.txt");
    std::fs::write(&script, "r\n").unwrap();
    let paper = dir.join("paper.txt");
    let screen = dir.join("screen.txt");
    let out = trs80()
        .arg("--rom")
        .arg(&rom)
        .arg("--printer")
        .arg(format!("parallel:{}", paper.display()))
        .arg("--screen-out")
        .arg(&screen)
        .arg("--monitor-script")
        .arg(&script)
        .args(["--run-for", "0.1"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert_eq!(std::fs::read_to_string(&paper).unwrap(), "P\n");
    let text = std::fs::read_to_string(&screen).unwrap();
    assert!(text.starts_with('M'), "{text:?}");
    std::fs::remove_dir_all(&dir).ok();
}

/// Starts a headless run on our ROM that types a program, CSAVEs it, then LPRINTs `SAVED`
/// to the parallel printer (spooled as it comes to a temporary file beside the paper, so the
/// test sees when the tape is done), with `extra` options; returns the child once `SAVED` is
/// on the paper.
fn csave_then_wait(dir: &Path, extra: &[&str]) -> std::process::Child {
    let paper = dir.join("paper.txt");
    let mut child = trs80()
        .args(["--frontend", "headless", "--run-for", "1000000", "--type"])
        .arg(r#"\n10 PRINT 1\nCSAVE "A"\nLPRINT "SAVED"\n"#)
        .arg(format!("--printer=parallel:{}", paper.display()))
        .args(extra)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let spooled = dir.join(format!(".paper.txt.{}.tmp", child.id()));
    let deadline = Instant::now() + Duration::from_secs(120);
    while !std::fs::read_to_string(&spooled)
        .unwrap_or_default()
        .contains("SAVED")
    {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("CSAVE and LPRINT did not finish");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child
}

/// Sends SIG`sig` (number `num`) to `child` and checks that it exits with 128 + `num`.
fn signal_and_wait(child: std::process::Child, sig: &str, num: i32) {
    let killed = Command::new("kill")
        .args([&format!("-{sig}"), &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(128 + num), "SIG{sig}: {out:?}");
}

#[test]
fn sigint_and_sigterm_write_the_tape_the_listing_and_the_screen() {
    for (sig, num) in [("INT", 2), ("TERM", 15)] {
        let dir = scratch(&format!("sig{num}"));
        let (tape, bas, screen) = (dir.join("t.cas"), dir.join("p.bas"), dir.join("s.txt"));
        let child = csave_then_wait(
            &dir,
            &[
                "--cassette-out",
                tape.to_str().unwrap(),
                "--save-bas",
                bas.to_str().unwrap(),
                "--screen-out",
                screen.to_str().unwrap(),
            ],
        );
        signal_and_wait(child, sig, num);
        let cas = std::fs::read(&tape).expect("--cassette-out written");
        assert!(cas.contains(&0xA5) && cas.len() > 20, "SIG{sig}: {cas:?}");
        assert_eq!(std::fs::read_to_string(&bas).unwrap(), "10 PRINT 1\n");
        assert!(std::fs::read_to_string(&screen).unwrap().contains("CSAVE"));
        let names: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
        assert_eq!(names.len(), 4, "no temporary files left: {names:?}");
        std::fs::remove_dir_all(&dir).ok();
    }
}

#[test]
fn a_bad_output_path_stops_the_run_before_it_starts_and_changes_nothing() {
    let dir = scratch("badpath");
    let (tape, screen) = (dir.join("valuable.cas"), dir.join("screen.txt"));
    std::fs::write(&tape, b"valuable").unwrap();
    let out = trs80()
        .args(["--frontend", "headless", "--run-for", "1", "--cassette-out"])
        .arg(&tape)
        .arg("--screen-out")
        .arg(&screen)
        .arg("--screenshot")
        .arg(dir.join("no/such/dir/shot.png"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success() && err.contains("--screenshot"),
        "{err}"
    );
    assert_eq!(std::fs::read(&tape).unwrap(), b"valuable");
    assert!(!screen.exists());
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn every_output_is_written_on_its_own_and_every_failure_reported() {
    let dir = scratch("oneach");
    let (tape, bas, screen, shot) = (
        dir.join("t.cas"),
        dir.join("p.bas"),
        dir.join("s.txt"),
        dir.join("s.png"),
    );
    let child = csave_then_wait(
        &dir,
        &[
            "--cassette-out",
            tape.to_str().unwrap(),
            "--save-bas",
            bas.to_str().unwrap(),
            "--screen-out",
            screen.to_str().unwrap(),
            "--screenshot",
            shot.to_str().unwrap(),
        ],
    );
    // Both paths were fine at the start; now two of them are directories.
    std::fs::create_dir(&bas).unwrap();
    std::fs::create_dir(&shot).unwrap();
    Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{err}");
    assert!(
        err.contains("2 outputs") && err.contains("--save-bas") && err.contains("--screenshot"),
        "{err}"
    );
    assert!(std::fs::read(&tape).unwrap().len() > 20);
    assert!(std::fs::read_to_string(&screen).unwrap().contains("CSAVE"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn an_output_with_nothing_to_write_leaves_the_file_alone_and_says_so() {
    let dir = scratch("nothing");
    let (tape, bas) = (dir.join("valuable.cas"), dir.join("valuable.bas"));
    let (paper, line) = (dir.join("paper.txt"), dir.join("line.bin"));
    std::fs::write(&tape, b"13 KB of tape").unwrap();
    std::fs::write(&bas, b"10 REM MINE\n").unwrap();
    std::fs::write(&paper, b"last week's listing").unwrap();
    std::fs::write(&line, b"last week's log").unwrap();
    let out = trs80()
        .args(["--frontend", "headless", "--run-for", "1", "--cassette-out"])
        .arg(&tape)
        .arg("--save-bas")
        .arg(&bas)
        .arg(format!("--printer=parallel:{}", paper.display()))
        .arg(format!("--serial=file:{}", line.display()))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert_eq!(std::fs::read(&tape).unwrap(), b"13 KB of tape");
    assert_eq!(std::fs::read(&bas).unwrap(), b"10 REM MINE\n");
    assert_eq!(std::fs::read(&paper).unwrap(), b"last week's listing");
    assert_eq!(std::fs::read(&line).unwrap(), b"last week's log");
    assert!(
        err.contains("nothing was recorded")
            && err.contains("no BASIC program")
            && err.contains("--printer parallel")
            && err.contains("nothing was printed")
            && err.contains("--serial file:")
            && err.contains("nothing was sent"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        4,
        "no temporary files left"
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// Prints `PAPER` and a carriage return on a serial printer, waiting for the
/// transmitter and for the printer's CTS before each character, then spins.
const PRINT_PAPER: &str = "
        ORG 0
        DI
        LD SP,4400H
        OUT (0E8H),A    ; UART reset
        LD A,55H        ; 300 baud both ways
        OUT (0E9H),A
        LD A,6FH        ; 8 bits, no parity, 1 stop bit, DTR, RTS, no BREAK
        OUT (0EAH),A
        LD HL,TEXT
NEXT:   LD A,(HL)
        OR A
        JR Z,SPIN
WAIT:   IN A,(0EAH)
        AND 40H         ; transmitter empty
        JR Z,WAIT
        IN A,(0E8H)
        AND 80H         ; printer ready (CTS)
        JR Z,WAIT
        LD A,(HL)
        OUT (0EBH),A
        INC HL
        JR NEXT
SPIN:   JR SPIN
TEXT:   DB 'PAPER',0DH,0
";

#[test]
fn sigint_and_sigterm_write_the_terminet_paper() {
    for (sig, num) in [("INT", 2), ("TERM", 15)] {
        let dir = scratch(&format!("paper{num}"));
        let rom = rom(&dir, PRINT_PAPER);
        let paper = dir.join("paper.txt");
        let child = trs80()
            .args(["--frontend", "headless", "--run-for", "1000000", "--rom"])
            .arg(&rom)
            .arg("--printer")
            .arg(format!("terminet:{}", paper.display()))
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Headless runs in turbo: the six characters (a fifth of an emulated
        // second at 30 per second) are long on the paper after a wall second.
        std::thread::sleep(Duration::from_secs(2));
        signal_and_wait(child, sig, num);
        let text = std::fs::read_to_string(&paper).expect("the paper written on the signal");
        assert_eq!(text.trim_end(), "PAPER", "SIG{sig}");
        std::fs::remove_dir_all(&dir).ok();
    }
}
