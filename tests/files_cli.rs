//! `trs80 FILE` end to end on the built-in free ROM (no Tandy ROM needed): our demo program
//! (roms/tests/tape_demo.asm) as a /CMD file and as a SYSTEM tape under any name is recognised
//! by content, loaded fast and started; bad files give one error naming the file and exit
//! non-zero.

use std::path::PathBuf;
use std::process::{Command, Output};

use trs80_machine::{cas, cmd};

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("trs80-files-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_trs80"))
        .env_remove("TRS80_ROM")
        .args(args)
        .output()
        .expect("run trs80")
}

fn demo() -> cmd::MemoryImage {
    let rom = roms::get("tests/tape_demo").expect("roms/tests/tape_demo.asm is built");
    cmd::MemoryImage {
        blocks: vec![cmd::Block {
            addr: rom.origin,
            data: rom.image.to_vec(),
        }],
        entry: Some(rom.symbol("START").unwrap()),
    }
}

fn screen_after(file: &std::path::Path) -> String {
    let screen = tmp(&format!(
        "{}.txt",
        file.file_name().unwrap().to_string_lossy()
    ));
    let out = run(&[
        "--frontend",
        "headless",
        file.to_str().unwrap(),
        "--until",
        "TAPE DEMO",
        "--run-for",
        "5",
        "--screen-out",
        screen.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::read_to_string(screen).unwrap()
}

#[test]
fn cmd_and_system_tape_files_load_and_run_by_content() {
    let img = demo();
    let cmd_file = tmp("demo.cmd");
    std::fs::write(&cmd_file, cmd::write(&img, Some("DEMO"))).unwrap();
    assert!(screen_after(&cmd_file).contains("TAPE DEMO OK"));
    // A SYSTEM tape with a misleading extension.
    let tape = tmp("demo.txt");
    std::fs::write(
        &tape,
        cas::write_system("DEMO", &img.blocks, img.entry.unwrap()),
    )
    .unwrap();
    assert!(screen_after(&tape).contains("TAPE DEMO OK"));
}

#[test]
fn bad_files_give_one_error_naming_the_file() {
    let cases: [(&str, Vec<u8>, &str); 4] = [
        ("cut.cas", vec![0, 0, 0xA5, 0x55, b'D'], "truncated"),
        ("sync.cas", vec![0, 0, 0x3C, 1, 2], "wrong sync"),
        (
            "notes.cas",
            b"shopping list".to_vec(),
            "not a cassette image",
        ),
        (
            "sum.cas",
            {
                let img = demo();
                let mut t = cas::write_system("DEMO", &img.blocks, img.entry.unwrap());
                let n = t.len();
                t[n - 10] ^= 0xFF;
                t
            },
            "bad checksum",
        ),
    ];
    for (name, bytes, what) in cases {
        let path = tmp(name);
        std::fs::write(&path, bytes).unwrap();
        let out = run(&["--frontend", "headless", path.to_str().unwrap()]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{name} was accepted");
        assert!(err.contains(name) && err.contains(what), "{name}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "{err}");
    }
}
