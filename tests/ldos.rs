//! A real DOS: LDOS 5.3.1 for the Model I (freely redistributable; not in the repository).
//!
//! Set `TRS80_DISK_DIR` to a folder holding `ld1-531.dsk` (the 35-track JV1 system disk) and
//! `TRS80_ROM` to a Level II image; without them each test prints `SKIPPED: …` and passes.
//!
//! ```text
//! TRS80_ROM=/path/M1L2_1.2.bin TRS80_DISK_DIR=/path/disks cargo test --test ldos
//! ```

use trs80_machine::disk::{Disk, DiskFormat, Layout, LayoutDensity, WriteFault};
use trs80_machine::{Config, Machine};

fn inputs(test: &str) -> Option<(Vec<u8>, Disk)> {
    let (Ok(rom), Ok(dir)) = (std::env::var("TRS80_ROM"), std::env::var("TRS80_DISK_DIR")) else {
        println!("SKIPPED: {test}: TRS80_ROM and TRS80_DISK_DIR must both be set");
        return None;
    };
    let rom = std::fs::read(&rom).unwrap_or_else(|e| panic!("{rom}: {e}"));
    let path = std::path::Path::new(&dir).join("ld1-531.dsk");
    let Ok(bytes) = std::fs::read(&path) else {
        println!("SKIPPED: {test}: {} not found", path.display());
        return None;
    };
    Some((rom, Disk::parse(&bytes).unwrap()))
}

fn machine(rom: &[u8], disks: &[Disk]) -> Machine {
    let mut m = Machine::new(&Config {
        rom,
        ..Config::default()
    })
    .unwrap();
    for (n, d) in disks.iter().enumerate() {
        m.insert_disk(n, d.clone(), false).unwrap();
    }
    // LDOS scans the keyboard from its 40 Hz interrupt: the Level II key timing drops keys.
    m.keyboard_mut().hold_for_dos();
    m
}

fn expect(m: &mut Machine, text: &str, frames: u32) {
    // Without the lower-case modification the screen shows upper case only.
    let want = text.to_uppercase();
    assert!(
        m.run_until(frames, |m| m.screen_text().contains(&want)),
        "waiting for {text:?}; screen:\n{}",
        m.screen_text()
    );
}

fn type_line(m: &mut Machine, line: &str) {
    // Let the prompt settle: LDOS flushes its type-ahead as it asks.
    for _ in 0..30 {
        m.run_frame();
    }
    m.type_text(line);
    assert!(m.run_until_typed(3000), "typing {line:?}");
}

/// A blank 40-track single-density data disk for drive 1.
fn blank_40(format: DiskFormat) -> Disk {
    let layout = Layout {
        tracks: 40,
        sides: 1,
        density: LayoutDensity::Single,
    };
    Disk::blank(format, layout).unwrap()
}

/// Boot to `LDOS Ready`, answering the date and time prompts.
fn boot(m: &mut Machine) {
    expect(m, "Date ?", 60 * 30);
    println!("LDOS asked for the date after {} T-states", m.t_states());
    type_line(m, "12/02/86\n");
    expect(m, "Time ?", 60 * 10);
    type_line(m, "13:45:00\n");
    expect(m, "LDOS Ready", 60 * 20);
}

#[test]
fn ldos_boots_answers_date_and_time_and_lists_the_directory() {
    let Some((rom, disk)) = inputs("ldos_boots") else {
        return;
    };
    let mut m = machine(&rom, &[disk]);
    boot(&mut m);
    println!("LDOS Ready after {} T-states", m.t_states());
    type_line(&mut m, "DIR\n");
    expect(&mut m, "TED/CMD", 60 * 30);
    let screen = m.screen_text();
    println!("{screen}");
    assert!(screen.contains("DRIVE :0 LDOS531"), "{screen}");
    assert!(screen.contains("DATECONV/CMD"), "{screen}");
}

#[test]
fn a_basic_file_on_drive_1_reads_back_after_a_reboot() {
    let Some((rom, disk)) = inputs("basic_file_on_drive_1") else {
        return;
    };
    // Drive 1: a blank 40-track single-density JV3 that LDOS formats itself (WRITE TRACK).
    // (A JV1 image cannot: see the next test.)
    let blank = blank_40(DiskFormat::Jv3);
    let mut m = machine(&rom, &[disk, blank]);
    boot(&mut m);
    type_line(
        &mut m,
        "FORMAT :1 (NAME=\"DATA\",MPW=\"PASSWORD\",SDEN,CYL=40,Q=N,ABS)\n",
    );
    expect(&mut m, "FORMATTING COMPLETE", 60 * 120);
    expect(&mut m, "LDOS READY", 60 * 20);
    println!("{}", m.screen_text());
    type_line(&mut m, "BASIC\n");
    expect(&mut m, ">", 60 * 20);
    type_line(&mut m, "10 PRINT \"DISK OK\";42\n");
    type_line(&mut m, "SAVE \"HELLO/BAS:1\"\n");
    // The first access to drive 1 after boot seeks from an unknown cylinder (LDOS loads FFH
    // into the track register and steps out; the seek ends at track 00), then READY follows
    // the SAVE line.
    let done = m.run_until(60 * 60, |m| {
        let s = m.screen_text();
        s.find("SAVE \"HELLO/BAS:1\"")
            .is_some_and(|i| s[i..].contains("READY"))
    });
    assert!(done, "SAVE did not finish:\n{}", m.screen_text());
    assert!(
        m.fdc().unwrap().drives.drive(1).dirty,
        "the DOS wrote to drive 1"
    );
    // Save the images as the host does, and boot a fresh machine from the saved bytes.
    let saved: Vec<Disk> = (0..2)
        .map(|n| {
            let drive = m.fdc().unwrap().drives.drive(n);
            Disk::parse(&drive.disk.as_ref().unwrap().image().to_bytes()).unwrap()
        })
        .collect();
    let mut m = machine(&rom, &saved);
    boot(&mut m);
    type_line(&mut m, "BASIC\n");
    expect(&mut m, ">", 60 * 20);
    type_line(&mut m, "RUN \"HELLO/BAS:1\"\n");
    expect(&mut m, "DISK OK 42", 60 * 30);
}

/// LDOS formats a data disk with FBH marks on track 17 and its directory mid-disk; JV1 keeps no
/// marks (FAH on track 17, FBH elsewhere), so the format is refused with a write fault and
/// the reason is kept for the host, instead of a disk that reads back wrong.
#[test]
fn ldos_cannot_format_a_jv1_data_disk_and_the_host_learns_why() {
    let Some((rom, disk)) = inputs("format_jv1") else {
        return;
    };
    let blank = blank_40(DiskFormat::Jv1);
    let mut m = machine(&rom, &[disk, blank.clone()]);
    boot(&mut m);
    type_line(
        &mut m,
        "FORMAT :1 (NAME=\"DATA\",MPW=\"PASSWORD\",SDEN,CYL=40,Q=N,ABS)\n",
    );
    expect(&mut m, "WRITE FAULT", 60 * 120);
    println!("{}", m.screen_text());
    let drive = m.fdc().unwrap().drives.drive(1);
    assert_eq!(
        drive.refused,
        Some(WriteFault::MarkNotKept {
            track: 17,
            mark: 0xFB,
            kept: 0xFA
        })
    );
    // The tracks before 17 were formatted; track 17 and beyond are as they were.
    let img = drive.disk.as_ref().unwrap().image();
    let at = 17 * 2560;
    assert_eq!(
        img.to_bytes()[at..],
        blank.image().to_bytes()[at..],
        "nothing written from track 17 on"
    );
}
