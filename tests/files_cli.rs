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

/// The BASIC program on a tape image, with its name.
fn basic_on(tape: &[u8]) -> (u8, Vec<u8>) {
    let parsed = cas::parse(tape).expect("a tape image");
    match &parsed.files[0] {
        cas::TapeFile::Basic { name, program } => (*name, format!("{program:?}").into_bytes()),
        other => panic!("not BASIC: {other:?}"),
    }
}

#[test]
fn cassette_and_cassette_out_work_together_and_deck_2_is_selected_at_37e4h() {
    // A tape made by CSAVE on our ROM.
    let first = tmp("first.cas");
    let out = run(&[
        "--frontend",
        "headless",
        "--type",
        "\\n10 PRINT 1\\n20 GOTO 10\\nCSAVE \"A\"\\n",
        "--run-for",
        "30",
        "--cassette-out",
        first.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{out:?}");
    let tape = std::fs::read(&first).unwrap();
    let (name, program) = basic_on(&tape);
    assert_eq!(name, b'A');

    // Played in deck 1 while CSAVE records: CLOAD, then CSAVE it under another name.
    let second = tmp("second.cas");
    let bas = tmp("second.bas");
    let out = run(&[
        "--frontend",
        "headless",
        "--cassette",
        first.to_str().unwrap(),
        "--cassette-out",
        second.to_str().unwrap(),
        "--type",
        "\\nCLOAD\\nCSAVE \"B\"\\n",
        "--run-for",
        "60",
        "--save-bas",
        bas.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        std::fs::read_to_string(&bas).unwrap(),
        "10 PRINT 1\n20 GOTO 10\n"
    );
    let copy = std::fs::read(&second).unwrap();
    assert_eq!(basic_on(&copy), (b'B', program.clone()));

    // In deck 2 the tape is reached only after POKE 14308,2 selects it.
    for (select, loaded) in [("", false), ("POKE 14308,2\\n", true)] {
        let bas = tmp("deck2.bas");
        let _ = std::fs::remove_file(&bas);
        let typed = format!("\\n{select}CLOAD\\n");
        let out = run(&[
            "--frontend",
            "headless",
            "--cassette2",
            first.to_str().unwrap(),
            "--type",
            &typed,
            "--run-for",
            "30",
            "--save-bas",
            bas.to_str().unwrap(),
        ]);
        assert!(out.status.success(), "{out:?}");
        assert_eq!(
            std::fs::read_to_string(&bas).ok().as_deref() == Some("10 PRINT 1\n20 GOTO 10\n"),
            loaded,
            "{select:?}: {out:?}"
        );
    }
}
