//! The page's machine logic, natively: the same calls `web/trs80.js` makes.

use super::*;

fn at(ms: u64) -> Duration {
    Duration::from_millis(ms)
}

/// Runs turbo frames until `done` or `frames` have run.
fn run_until(w: &mut WebMachine, frames: u32, done: impl Fn(&mut WebMachine) -> bool) -> bool {
    for _ in 0..frames {
        if done(w) {
            return true;
        }
        w.run_frames(1);
    }
    done(w)
}

fn booted() -> WebMachine {
    let mut w = WebMachine::new(None, at(0)).expect("our ROM boots");
    assert!(run_until(&mut w, 600, |w| w
        .screen_text()
        .contains("SIZE?")));
    w.paste("\n").unwrap();
    assert!(run_until(&mut w, 600, |w| loader::at_prompt(
        &w.screen_text()
    )));
    w
}

#[test]
fn real_speed_runs_the_frames_that_are_due() {
    let mut w = WebMachine::new(None, at(1000)).unwrap();
    // Frame 0 is due at once; at +1 s, 60 frames have been due in all.
    let mut frames = 0;
    for i in 0..=60 {
        frames += w.run_due(at(1000 + i * 1000 / 60));
    }
    assert!((60..=62).contains(&frames), "{frames} frames in one second");
    // The page's timer sleeps until the next frame's deadline: at most 1/60 s.
    let wait = w.wait(at(2000));
    assert!(wait <= Duration::from_nanos(16_666_667), "{wait:?}");
    assert_eq!(w.run_due(at(2000) + wait), 1);
    // A stall (hidden tab) does not make it race: at most MAX_FRAMES_PER_CALL, then re-anchored.
    assert_eq!(w.run_due(at(60_000)), 1);
    assert_eq!(w.run_due(at(60_001)), 0);
}

#[test]
fn boots_types_and_runs_like_the_desktop() {
    let mut w = booted();
    w.paste("10 FOR I=1 TO 3:PRINT I*7;:NEXT\nRUN\n").unwrap();
    assert!(run_until(&mut w, 600, |w| w
        .screen_text()
        .contains(" 7  14  21")));
    assert!(w.render());
    assert!(!w.render(), "an unchanged screen is not drawn again");
    assert_eq!(w.picture().len(), PICTURE_W * PICTURE_H * 4);
    assert_eq!(w.listing().unwrap(), "10 FOR I=1 TO 3:PRINT I*7;:NEXT\n");
}

#[test]
fn keys_map_logically() {
    let mut w = booted();
    // Host `"` with SHIFT is SHIFT+2 on the TRS-80; `=` is SHIFT+-.
    for (id, k, shift) in [
        (1, PageKey::Char('?'), true),
        (2, PageKey::Char('"'), true),
        (3, PageKey::Char('A'), true),
        (2, PageKey::Char('"'), true),
        (4, PageKey::Enter, false),
    ] {
        w.key_down(id, k, shift);
        w.run_frames(3);
        w.key_up(id);
        w.run_frames(3);
    }
    assert!(
        run_until(&mut w, 60, |w| w
            .screen_text()
            .lines()
            .any(|l| l.trim_end() == "A")),
        "{}",
        w.screen_text()
    );
}

#[test]
fn opens_a_bas_file_and_runs_it_and_refuses_garbage() {
    let mut w = booted();
    let before = w.screen_text();
    let e = w.open("x.cmd", &[0x55; 40], false).unwrap_err();
    assert!(e.0.contains("x.cmd"), "{e}");
    assert!(!w.loading());
    assert_eq!(w.screen_text(), before);
    let what = w.open("hello.bas", b"10 PRINT \"HELLO FROM A FILE\"\n", false);
    assert!(what.unwrap().contains("BASIC"));
    assert!(run_until(&mut w, 600, |w| w
        .screen_text()
        .contains("\nHELLO FROM A FILE")));
    assert!(w.take_load_error().is_none());
}

#[test]
fn lprint_goes_to_the_terminet_paper() {
    let mut w = booted();
    assert_eq!(w.paper_text(), "");
    w.paste("LPRINT \"PRINTED ON PAPER\";6*7\n").unwrap();
    // 300 baud: about 30 characters a second.
    assert!(run_until(&mut w, 600, |w| w
        .paper_text()
        .contains("PRINTED ON PAPER 42")));
    assert!(w.paper_pdf().starts_with(b"%PDF"));
}

#[test]
fn csave_records_a_tape() {
    let mut w = booted();
    assert!(w.tape().is_empty());
    w.paste("10 PRINT 1\nCSAVE\"A\"\n").unwrap();
    assert!(run_until(&mut w, 1200, |w| !w.tape().is_empty()
        && loader::at_prompt(&w.screen_text())));
    let tape = w.tape();
    let file = identify(&tape, Some("cas")).expect("a tape BASIC reads back");
    assert!(
        file.describe().contains("BASIC tape"),
        "{}",
        file.describe()
    );
}

/// What CSAVE recorded, opened again with real-speed load: the tape is played through the
/// cassette port into CLOAD on a fresh machine, and the program RUNs.
#[test]
fn a_saved_tape_loads_at_real_speed_and_runs() {
    let mut w = booted();
    w.paste("10 PRINT \"FROM TAPE\";6*7\nCSAVE\"A\"\n").unwrap();
    assert!(run_until(&mut w, 1200, |w| !w.tape().is_empty()
        && loader::at_prompt(&w.screen_text())));
    let tape = w.tape();
    let mut w = booted();
    let what = w.open("saved.cas", &tape, true).unwrap();
    assert!(what.contains("BASIC tape"), "{what}");
    // Played at 500 baud, the leader alone lasts longer than a second.
    run_until(&mut w, 60, |_| false);
    assert!(
        w.loading(),
        "a real-speed load is still playing after one second"
    );
    assert!(run_until(&mut w, 3000, |w| w
        .screen_text()
        .contains("\nFROM TAPE 42")));
    assert!(w.take_load_error().is_none());
    // A listing at real speed is typed, as a user would.
    w.open("typed.bas", b"10 PRINT \"TYPED\";6*7\n", true)
        .unwrap();
    assert!(run_until(&mut w, 3000, |w| w
        .screen_text()
        .contains("\nTYPED 42")));
}

#[test]
fn paste_refuses_what_no_key_types() {
    let mut w = booted();
    let e = w.paste("PRINT \"{\"\n").unwrap_err();
    assert!(e.0.contains("line 1"), "{e}");
    assert!(!w.machine().typing_pending());
}

#[test]
fn a_wrong_rom_is_refused() {
    let e = WebMachine::new(Some(&[0; 100]), at(0))
        .err()
        .expect("refused");
    assert!(e.0.contains("ROM"), "{e}");
}

#[test]
fn a_disk_image_goes_into_drive_0_and_boots() {
    let mut w = booted();
    // A blank 40-track JV3 data disk: in the drive, and back out unchanged.
    use trs80_machine::disk::{DiskFormat, Layout, LayoutDensity};
    let layout = Layout {
        tracks: 40,
        sides: 1,
        density: LayoutDensity::Single,
    };
    let blank = Disk::blank(DiskFormat::Jv3, layout).expect("blank disk");
    let bytes = blank.image().to_bytes();
    let what = w.open("blank.dsk", &bytes, false).expect("disk accepted");
    assert!(what.contains("drive 0"), "{what}");
    assert_eq!(w.disk_image().as_deref(), Some(&bytes[..]));
    let e = w.open("bad.dsk", &[1, 2, 3], false).unwrap_err();
    assert!(e.0.contains("bad.dsk"), "{e}");
    assert_eq!(
        w.disk_image().as_deref(),
        Some(&bytes[..]),
        "the refused image changed nothing"
    );
}

#[test]
fn ldos_boots_from_a_disk_opened_in_the_page_on_level2() {
    let (Some(dir), Some(rom)) = (
        std::env::var_os("TRS80_DISK_DIR"),
        std::env::var_os("TRS80_ROM"),
    ) else {
        println!("SKIPPED: TRS80_DISK_DIR (folder of ld1-531.dsk) and TRS80_ROM must be set");
        return;
    };
    let rom = std::fs::read(rom).expect("TRS80_ROM readable");
    let path = std::path::Path::new(&dir).join("ld1-531.dsk");
    let Ok(bytes) = std::fs::read(&path) else {
        println!("SKIPPED: {} not found", path.display());
        return;
    };
    // A user's ROM, as the page's "ROM from disk…" gives it.
    let mut w = WebMachine::new(Some(&rom), at(0)).expect("Level II accepted");
    w.open("ld1-531.dsk", &bytes, false)
        .expect("LDOS disk accepted");
    assert!(
        run_until(&mut w, 60 * 60, |w| w.screen_text().contains("DATE ?")),
        "{}",
        w.screen_text()
    );
    w.paste("12/02/86\n").unwrap();
    assert!(
        run_until(&mut w, 60 * 20, |w| w.screen_text().contains("TIME ?")),
        "{}",
        w.screen_text()
    );
}
