//! The whole disk path on our own test disks, no Tandy ROM needed: `roms/tests/diskboot.asm`
//! (the documented boot sequence) boots `roms/tests/disktest.asm` from track 0 of a JV1 image
//! in drive 0; that program reads, writes and re-reads sectors on all four drives and both
//! sides, seeks across 40 and 80 tracks, reads addresses, formats a track and checks status
//! and INTRQ after every command. The images it wrote are then saved and parsed again.
//!
//! With `TRS80_ROM` set to a Level II image, the same disks boot through Tandy's ROM.

mod common;
use common::disks::{check_written, test_disks, EXPECTED_LOG};
use trs80_machine::disk::Disk;
use trs80_machine::{Config, Machine, StopReason, CPU_HZ};

fn machine(rom: &[u8], disks: &[Disk]) -> Machine {
    let mut rom = rom.to_vec();
    if rom.len() < 0x800 {
        rom.resize(0x800, 0xFF);
    }
    let mut m = Machine::new(&Config {
        rom: &rom,
        ..Config::default()
    })
    .unwrap();
    for (n, d) in disks.iter().enumerate() {
        m.insert_disk(n, d.clone(), false).unwrap();
    }
    m
}

fn sym(name: &str) -> u16 {
    roms::get("tests/disktest").unwrap().symbol(name).unwrap()
}

/// Run until `DONE` (or HALT), at most `seconds` of emulated time.
fn run_test_program(m: &mut Machine, seconds: u64) {
    let end = m.t_states() + seconds * CPU_HZ;
    while m.t_states() < end && m.peek(sym("DONE")) != 1 {
        if m.run_for(CPU_HZ / 10) == StopReason::Halted && m.peek(sym("DONE")) != 1 {
            // Our boot ROM halts when it finds no disk; the test program halts when done.
            break;
        }
    }
    let logp = m.peek(sym("LOGP")) as u16 | (m.peek(sym("LOGP") + 1) as u16) << 8;
    let n = logp.wrapping_sub(sym("LOG")).min(256);
    let log: Vec<u8> = (0..n).map(|i| m.peek(sym("LOG") + i)).collect();
    assert_eq!(
        m.peek(sym("DONE")),
        1,
        "the test program did not finish: PC {:04X}, controller {:?}, log so far {log:02X?}",
        m.cpu().regs.pc,
        m.fdc().map(|f| f.state())
    );
    assert_eq!(log, EXPECTED_LOG, "status log");
    assert_eq!(m.peek(sym("INTERR")), 0, "a status read left INTRQ set");
}

fn check_saved_images(m: &Machine) {
    let fdc = m.fdc().unwrap();
    let saved: Vec<Disk> = (0..4)
        .map(|n| {
            let drive = fdc.drives.drive(n);
            assert_eq!(drive.dirty, n < 3, "drive {n} written");
            let bytes = drive.disk.as_ref().unwrap().image().to_bytes();
            let back = Disk::parse(&bytes).unwrap();
            assert_eq!(
                back.image().to_bytes(),
                bytes,
                "drive {n} saves byte for byte"
            );
            back
        })
        .collect();
    check_written(&saved);
}

#[test]
fn our_boot_rom_boots_the_test_disk_which_passes() {
    let boot = roms::get("tests/diskboot").expect("roms/tests/diskboot.asm is built");
    let mut m = machine(boot.image, &test_disks());
    run_test_program(&mut m, 60);
    check_saved_images(&m);
    // The monitor shows the controller and the drives.
    let mut mon = trs80_machine::monitor::Monitor::new();
    let report = mon.exec(&mut m, "fdc").unwrap();
    assert!(report.contains("Single density"), "{report}");
    assert!(
        report.contains(":1 head on track 79  JV3 80 tracks, changed"),
        "{report}"
    );
    assert!(
        report.contains(":3 head on track 39  JV3 40 tracks, write protected"),
        "{report}"
    );
}

#[test]
fn without_a_disk_in_drive_0_the_boot_rom_sees_no_controller() {
    let boot = roms::get("tests/diskboot").unwrap();
    let nodisk = boot.symbol("NODISK").unwrap();
    // No disk at all: the controller is not fitted, FFH.
    let mut m = machine(boot.image, &[]);
    assert_eq!(m.run_for(CPU_HZ / 10), StopReason::Halted);
    assert_eq!(m.peek(nodisk), 1);
    // A disk in drive 1 only: the controller reads "absent" after reset, as the ROM expects.
    let mut m = machine(boot.image, &[]);
    let disks = test_disks();
    m.insert_disk(1, disks[1].clone(), false).unwrap();
    assert_eq!(m.run_for(CPU_HZ / 10), StopReason::Halted);
    assert_eq!(m.peek(nodisk), 1);
}

#[test]
fn level2_rom_boots_the_test_disk() {
    let Ok(path) = std::env::var("TRS80_ROM") else {
        println!("SKIPPED: TRS80_ROM not set (a Level II ROM image)");
        return;
    };
    let rom = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut m = machine(&rom, &test_disks());
    run_test_program(&mut m, 60);
    check_saved_images(&m);
}

#[test]
fn our_free_rom_boots_the_test_disk() {
    let free = roms::get("free").expect("our ROM");
    let mut m = machine(free.image, &test_disks());
    run_test_program(&mut m, 60);
    check_saved_images(&m);
}

#[test]
fn our_free_rom_goes_to_basic_without_a_disk_or_with_break_held() {
    let free = roms::get("free").expect("our ROM");
    // No disk: the MEMORY SIZE? question, as on a machine without drives.
    let mut m = machine(free.image, &[]);
    assert!(m.run_until_text("MEMORY SIZE?", 300), "{}", m.screen_text());
    // BREAK held at power-on: BASIC, and the boot sector is never read.
    let mut m = machine(free.image, &test_disks());
    m.key_down(trs80_machine::Key::Break);
    assert!(m.run_until_text("MEMORY SIZE?", 300), "{}", m.screen_text());
    assert_ne!(m.peek(sym("DONE")), 1);
}
