//! Options a user of other Model I emulators reaches for: `--lowercase`, `--screen-out -`,
//! screenshots at `--scale`, and a ROM image shorter than 2 KB (padded with FFH).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("trs80-options-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A ROM that writes "aZ" at the top left of the screen and spins, as a file of exactly
/// the assembled bytes (shorter than 2 KB).
fn rom(dir: &Path) -> PathBuf {
    let src = "
        ORG 0
        DI
        LD A,61H        ; a
        LD (3C00H),A
        LD A,'Z'
        LD (3C01H),A
SPIN:   JR SPIN
";
    let asm = z80asm::assemble_str("rom.asm", src, &z80asm::Options::default()).unwrap();
    let path = dir.join("short.rom");
    std::fs::write(&path, &asm.image).unwrap();
    assert!(asm.image.len() < 100);
    path
}

fn run(rom: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_trs80"))
        .env_remove("TRS80_ROM")
        .args(["--frontend", "headless", "--run-for", "0.2", "--rom"])
        .arg(rom)
        .args(args)
        .output()
        .unwrap()
}

/// The PNG's width and height.
fn png_size(path: &Path) -> (u32, u32) {
    let dec = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).unwrap()));
    let info = dec.read_info().unwrap();
    (info.info().width, info.info().height)
}

#[test]
fn a_short_rom_is_padded_and_lowercase_shows_everywhere() {
    let dir = scratch("lower");
    let rom = rom(&dir);
    // Stock machine: bit 6 is not stored, 61H shows as 21H `!`.
    let out = run(&rom, &["--screen-out", "-"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("padded with FFH to 2 KB"), "{err}");
    let screen = String::from_utf8_lossy(&out.stdout);
    assert!(screen.starts_with("!Z "), "{screen}");
    assert_eq!(screen.lines().count(), 16);
    assert!(!Path::new("-").exists());

    // With the modification: the screen text, --until and a screenshot at --scale 3.
    let shot = dir.join("shot.png");
    let out = run(
        &rom,
        &[
            "--lowercase",
            "--until",
            "aZ",
            "--screen-out",
            "-",
            "--scale",
            "3",
            "--screenshot",
            shot.to_str().unwrap(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("aZ "));
    assert_eq!(png_size(&shot), (384 * 3, 192 * 2 * 3));
    std::fs::remove_dir_all(&dir).ok();
}
