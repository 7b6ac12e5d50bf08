//! The built binary, headless, on the built-in free ROM: typed input reaches the screen,
//! `--screen-out` holds the text, `--screenshot` holds a PNG whose lit cells match it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_trs80"));
    c.env_remove("TRS80_ROM");
    c
}

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("trs80-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("run trs80")
}

/// Decodes an RGB PNG: (width, height, pixels as 0xRRGGBB).
fn decode_png(path: &Path) -> (usize, usize, Vec<u32>) {
    let dec = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).unwrap()));
    let mut reader = dec.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).unwrap();
    assert_eq!(info.color_type, png::ColorType::Rgb);
    let px = buf[..info.buffer_size()]
        .chunks(3)
        .map(|c| (c[0] as u32) << 16 | (c[1] as u32) << 8 | c[2] as u32)
        .collect();
    (info.width as usize, info.height as usize, px)
}

#[test]
fn types_a_line_and_writes_screen_text_and_png() {
    let text = tmp("screen.txt");
    let shot = tmp("screen.png");
    let out = run(&[
        "--frontend",
        "headless",
        "--type",
        r#"\nPRINT "HELLO, WORLD";1+2\nAB"#,
        "--until",
        ">AB",
        "--phosphor",
        "amber",
        "--scale",
        "1",
        "--screen-out",
        text.to_str().unwrap(),
        "--screenshot",
        shot.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let screen = std::fs::read_to_string(&text).unwrap();
    let lines: Vec<&str> = screen.lines().collect();
    assert_eq!(lines.len(), 16, "{screen}");
    assert!(lines.iter().all(|l| l.chars().count() == 64), "{screen}");
    assert_eq!(lines[0].trim_end(), "MEMORY SIZE?", "{screen}");
    assert!(lines[1].starts_with("FREE80 BASIC"), "{screen}");
    assert_eq!(lines[2].trim_end(), "READY");
    assert_eq!(lines[3].trim_end(), r#">PRINT "HELLO, WORLD";1+2"#);
    assert_eq!(lines[4].trim_end(), "HELLO, WORLD 3");
    assert_eq!(lines[5].trim_end(), "READY");
    assert_eq!(lines[6].trim_end(), ">AB_");

    // The PNG at --scale 1: 384×384 (1:2 dots), amber on black; a 6×24-pixel cell has lit pixels
    // exactly where the screen text has a non-blank character.
    let (w, h, px) = decode_png(&shot);
    assert_eq!((w, h), (384, 384));
    let mut lit_cells = 0;
    for (row, line) in lines.iter().enumerate() {
        for (col, ch) in line.chars().enumerate() {
            let mut lit = 0;
            for y in row * 24..row * 24 + 24 {
                for x in col * 6..col * 6 + 6 {
                    let p = px[y * w + x];
                    assert!(p == 0 || p == 0xFFB000, "pixel {x},{y} = {p:06X}");
                    lit += (p != 0) as u32;
                }
            }
            assert_eq!(
                lit > 0,
                ch != ' ',
                "cell {row},{col} {ch:?}: {lit} lit pixels"
            );
            lit_cells += (lit > 0) as u32;
            // Each dot line is drawn twice (1:2 dots).
            for y in (row * 24..row * 24 + 24).step_by(2) {
                for x in col * 6..col * 6 + 6 {
                    assert_eq!(px[y * w + x], px[(y + 1) * w + x]);
                }
            }
        }
    }
    assert!(lit_cells > 40);
}

#[test]
fn until_text_that_never_appears_fails_with_a_message() {
    let text = tmp("fail.txt");
    let out = run(&[
        "--frontend",
        "headless",
        "--type",
        r"\nABC",
        "--until",
        "NEVER SHOWN",
        "--run-for",
        "2",
        "--screen-out",
        text.to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("NEVER SHOWN") && err.contains("did not appear"),
        "{err}"
    );
    // The screen is still written, to show what happened.
    let screen = std::fs::read_to_string(&text).unwrap();
    assert!(screen.contains(">ABC"), "{screen}");
}

#[test]
fn run_for_without_until_succeeds() {
    let text = tmp("boot.txt");
    let out = run(&[
        "--frontend",
        "headless",
        "--run-for",
        "1",
        "--screen-out",
        text.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Power-on ends at the MEMORY SIZE? question.
    assert!(std::fs::read_to_string(&text)
        .unwrap()
        .contains("MEMORY SIZE?"));
}

#[test]
fn type_file_is_typed_after_type() {
    let input = tmp("input.txt");
    std::fs::write(&input, "PRINT 6*7\n").unwrap();
    let out = run(&[
        "--frontend",
        "headless",
        "--type",
        r"\nPRINT 2*3\n",
        "--type-file",
        input.to_str().unwrap(),
        "--until",
        " 42",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn bad_input_gives_one_clear_error() {
    let bad_rom = tmp("bad.rom");
    std::fs::write(&bad_rom, [0u8; 13000]).unwrap();
    let cases: [(&[&str], &str); 5] = [
        (
            &["--frontend", "headless", "--rom", "/nonexistent/rom.bin"],
            "cannot read ROM image",
        ),
        (
            &["--frontend", "headless", "--rom", bad_rom.to_str().unwrap()],
            "13000 bytes",
        ),
        (&["--frontend", "headless", "--ram", "20"], "20 KB"),
        (
            &[
                "--frontend",
                "headless",
                "--type-file",
                "/nonexistent/t.txt",
            ],
            "--type-file",
        ),
        (&["--frontend", "headless", "--run-for", "-3"], "--run-for"),
    ];
    for (args, want) in cases {
        let out = run(args);
        assert!(!out.status.success(), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(want), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
    // A usage error from clap.
    let out = run(&["--speed", "0"]);
    assert!(!out.status.success());
}
