//! The session from the outside: the serial line moves while the program ignores it, and every
//! way a run ends writes the outputs (`--monitor-script`, SIGTERM).

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
