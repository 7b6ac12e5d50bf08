//! The terminal front end driven in a tmux pseudo-terminal: it draws the screen, takes
//! typed keys in raw mode, and leaves the terminal as it found it (also after an error
//! or SIGTERM).
//! Needs tmux (installed by `.ci/run`); prints `SKIPPED:` and passes without it.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

mod common;
use common::tmux::{have_tmux, Tmux};

/// Starts the emulator in a new tmux session; `{dir}` in the arguments is the test's
/// scratch folder.
fn start(name: &str, trs80_args: &str) -> (Tmux, PathBuf) {
    let dir = std::env::temp_dir().join(format!("trs80-term-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bin = env!("CARGO_BIN_EXE_trs80");
    let d = dir.display();
    let trs80_args = trs80_args.replace("{dir}", &d.to_string());
    // After the emulator exits, record its exit status and the terminal's settings.
    let shell = format!(
        "stty -a > {d}/stty-before.txt; {bin} --frontend terminal {trs80_args} 2>{d}/err.txt; \
         echo $? > {d}/rc.txt; stty -a > {d}/stty-after.txt; sleep 30"
    );
    let tmux = Tmux::start(
        &format!("trs80-test-{}-{name}", std::process::id()),
        (80, 24),
        &shell,
    );
    (tmux, dir)
}

fn wait_file(path: &Path) -> String {
    let start = Instant::now();
    loop {
        if let Ok(s) = std::fs::read_to_string(path) {
            if !s.is_empty() {
                return s;
            }
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "{} never written",
            path.display()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn local_modes(stty: &str) -> Vec<String> {
    stty.split_whitespace()
        .filter(|w| ["icanon", "-icanon", "echo", "-echo", "isig", "-isig"].contains(w))
        .map(String::from)
        .collect()
}

/// The emulator exited with status `rc` and the terminal is in cooked mode, as before.
fn assert_exit_and_terminal_restored(dir: &Path, rc: &str) {
    assert_eq!(
        wait_file(&dir.join("rc.txt")).trim(),
        rc,
        "stderr: {}",
        std::fs::read_to_string(dir.join("err.txt")).unwrap_or_default()
    );
    let before = local_modes(&wait_file(&dir.join("stty-before.txt")));
    let after = local_modes(&wait_file(&dir.join("stty-after.txt")));
    assert_eq!(before, after);
    assert!(after.contains(&"icanon".to_string()) && after.contains(&"echo".to_string()));
}

#[test]
fn types_a_line_and_reads_the_screen_back() {
    if !have_tmux() {
        println!("SKIPPED: tmux is not installed (.ci/run installs it)");
        return;
    }
    let (tmux, dir) = start("line", "--run-for 60 --screen-out {dir}/screen.txt");
    tmux.wait_for("SIZE?", "boot");
    tmux.cmd(&["send-keys", "-t", "t", "Enter"]);
    let s = tmux.wait_for("READY", "MEMORY SIZE? answered");
    assert!(s.contains("┌────"), "the screen is drawn in a box:\n{s}");
    assert!(s.contains("│FREE80 BASIC"), "{s}");
    tmux.cmd(&["send-keys", "-t", "t", "-l", "print \"hi\""]);
    tmux.cmd(&["send-keys", "-t", "t", "Enter"]);
    // The line, what it printed, and the new prompt that ENTER gave.
    let typed = ">PRINT \"HI\"";
    let want = format!("│{typed:<64}│\n│{:<64}│\n│{:<64}│\n│>_ ", "HI", "READY");
    tmux.wait_for(&want, "typed line, its output and the new prompt");
    // Ctrl-C quits; the terminal is restored.
    tmux.cmd(&["send-keys", "-t", "t", "C-c"]);
    assert_exit_and_terminal_restored(&dir, "0");
    let screen = std::fs::read_to_string(dir.join("screen.txt")).unwrap();
    assert!(screen.contains(">PRINT \"HI\""), "{screen}");
}

#[test]
fn restores_the_terminal_after_an_error() {
    if !have_tmux() {
        println!("SKIPPED: tmux is not installed (.ci/run installs it)");
        return;
    }
    let (tmux, dir) = start("err", "--run-for 1 --until NEVER");
    let rc = wait_file(&dir.join("rc.txt"));
    assert_ne!(rc.trim(), "0");
    let err = std::fs::read_to_string(dir.join("err.txt")).unwrap();
    assert!(err.contains("NEVER"), "{err}");
    let before = local_modes(&wait_file(&dir.join("stty-before.txt")));
    let after = local_modes(&wait_file(&dir.join("stty-after.txt")));
    assert_eq!(before, after);
    drop(tmux);
}

#[test]
fn shows_block_graphics_as_unicode_sextants() {
    if !have_tmux() {
        println!("SKIPPED: tmux is not installed (.ci/run installs it)");
        return;
    }
    // roms/tests/graphics.asm puts 80H-BFH on row 8 and C0H-FFH on row 9.
    let dir = std::env::temp_dir().join(format!("trs80-term-{}-gfx-cmd", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let cmd = dir.join("graphics.cmd");
    let src = concat!(env!("CARGO_MANIFEST_DIR"), "/roms/tests/graphics.asm");
    let out = Command::new(env!("CARGO_BIN_EXE_trs80"))
        .args(["asm", src, "--format", "cmd", "-o"])
        .arg(&cmd)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (tmux, _dir) = start("gfx", &format!("--run-for 30 {}", cmd.display()));
    let s = tmux.wait_for("│GRAPHICS OK", "graphics program");
    let lines: Vec<&str> = s.lines().collect();
    let want: String = (0..64u8).map(trs80::screen::sextant).collect();
    assert_eq!(lines[9], format!("│{want}│"), "row 8:\n{s}");
    assert_eq!(lines[10], format!("│{want}│"), "row 9 (C0H-FFH):\n{s}");
    // Spot checks against Unicode: empty, SEXTANT-1, left half, right half, full block.
    let row: Vec<char> = lines[9].chars().skip(1).take(64).collect();
    assert_eq!(row[0], ' ');
    assert_eq!(row[1], '\u{1FB00}');
    assert_eq!(row[0x15], '\u{258C}');
    assert_eq!(row[0x2A], '\u{2590}');
    assert_eq!(row[0x3F], '\u{2588}');
    tmux.cmd(&["send-keys", "-t", "t", "C-c"]);
}

/// The pid of the emulator whose command line names `marker`.
fn emulator_pid(marker: &str) -> u32 {
    let start = Instant::now();
    loop {
        for entry in std::fs::read_dir("/proc").unwrap().flatten() {
            let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
                continue;
            };
            let Ok(cmdline) = std::fs::read(entry.path().join("cmdline")) else {
                continue;
            };
            let args: Vec<String> = cmdline
                .split(|&b| b == 0)
                .map(|a| String::from_utf8_lossy(a).into_owned())
                .collect();
            if args.first().is_some_and(|a| a.ends_with("trs80"))
                && args.iter().any(|a| a.contains(marker))
            {
                return pid;
            }
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "no emulator process with {marker} in its arguments"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn lowercase_shows_in_the_terminal() {
    if !have_tmux() {
        println!("SKIPPED: tmux is not installed (.ci/run installs it)");
        return;
    }
    // A ROM that writes "aZ" at the top left: with the modification the 61H stays 61H.
    let dir = std::env::temp_dir().join(format!("trs80-term-{}-lc-rom", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let src = "ORG 0\nDI\nLD A,61H\nLD (3C00H),A\nLD A,'Z'\nLD (3C01H),A\nSPIN: JR SPIN\n";
    let asm = z80asm::assemble_str("lc.asm", src, &z80asm::Options::default()).unwrap();
    let rom = dir.join("lc.rom");
    std::fs::write(&rom, &asm.image).unwrap();
    for (flag, want) in [("--lowercase", "│aZ "), ("", "│!Z ")] {
        let (tmux, _dir) = start(
            &format!("lc{}", flag.len()),
            &format!("--rom {} {flag} --run-for 30", rom.display()),
        );
        tmux.wait_for(want, "the top line");
        tmux.cmd(&["send-keys", "-t", "t", "C-c"]);
    }
}

#[test]
fn sigterm_ends_the_run_and_restores_the_terminal() {
    if !have_tmux() {
        println!("SKIPPED: tmux is not installed (.ci/run installs it)");
        return;
    }
    let (tmux, dir) = start("sigterm", "--run-for 60 --screen-out {dir}/screen.txt");
    tmux.wait_for("SIZE?", "boot");
    tmux.cmd(&["send-keys", "-t", "t", "Enter"]);
    tmux.wait_for("READY", "MEMORY SIZE? answered");
    let marker = format!("{}/screen.txt", dir.display());
    let pid = emulator_pid(&marker);
    let killed = Command::new("sh")
        .args(["-c", &format!("kill -TERM {pid}")])
        .status()
        .expect("run kill");
    assert!(killed.success());
    // Exit status 128 + SIGTERM.
    assert_exit_and_terminal_restored(&dir, "143");
    // It ended like Ctrl-C: the outputs were written.
    let screen = std::fs::read_to_string(dir.join("screen.txt")).unwrap();
    assert!(screen.contains("READY"), "{screen}");
    drop(tmux);
}

#[test]
fn no_usable_display_falls_back_to_the_terminal_with_a_note() {
    if !have_tmux() {
        println!("SKIPPED: tmux is not installed (.ci/run installs it)");
        return;
    }
    let dir = std::env::temp_dir().join(format!("trs80-term-{}-nodisplay", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (bin, d) = (env!("CARGO_BIN_EXE_trs80"), dir.display());
    // A display that does not exist: no --frontend, so the terminal takes over. (--no-sound:
    // this machine may have no sound device, which would add its own one-line note.)
    let tmux = Tmux::start(
        &format!("trs80-test-{}-nodisplay", std::process::id()),
        (80, 24),
        &format!(
            "DISPLAY=:4242 {bin} --no-sound --run-for 60 --screen-out {d}/screen.txt 2>{d}/err.txt; \
             echo $? > {d}/rc.txt; sleep 30"
        ),
    );
    tmux.wait_for("SIZE?", "boot in the terminal");
    tmux.cmd(&["send-keys", "-t", "t", "C-c"]);
    assert_eq!(wait_file(&dir.join("rc.txt")).trim(), "0");
    let err = std::fs::read_to_string(dir.join("err.txt")).unwrap();
    assert!(
        err.contains("no usable display") && err.contains("using the terminal"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(std::fs::read_to_string(dir.join("screen.txt"))
        .unwrap()
        .contains("MEMORY SIZE?"));
}
