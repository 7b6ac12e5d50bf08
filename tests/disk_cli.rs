//! Disks through the command line, no Tandy ROM needed: `--disk0..3` with our boot ROM and
//! test disk (roms/tests/diskboot.asm, disktest.asm), what the program wrote saved back to the
//! image files at exit; a disk image given as FILE; `--write-protect`; bad images refused with
//! one error naming the file and nothing written; the `trs80 disk` tools.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::disks::{check_written, test_disks};
use trs80_machine::disk::{Disk, DiskFormat};

fn tmp(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("trs80-disk-cli-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_trs80"))
        .env_remove("TRS80_ROM")
        .args(args)
        .output()
        .expect("run trs80")
}

/// The boot ROM as a file, and the four test images written into `dir`.
fn setup(dir: &Path) -> (PathBuf, Vec<PathBuf>) {
    let boot = roms::get("tests/diskboot").unwrap();
    let mut rom = boot.image.to_vec();
    rom.resize(0x800, 0xFF);
    let rom_path = dir.join("diskboot.rom");
    std::fs::write(&rom_path, rom).unwrap();
    let names = ["boot.dsk", "one.jv3", "two.dmk", "three.jv3"];
    let paths: Vec<PathBuf> = names.iter().map(|n| dir.join(n)).collect();
    for (d, p) in test_disks().iter().zip(&paths) {
        std::fs::write(p, d.image().to_bytes()).unwrap();
    }
    (rom_path, paths)
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A headless turbo run of `seconds` with our boot ROM and `args`; stderr on failure.
fn headless(rom: &Path, seconds: &str, args: &[&str]) -> Output {
    let mut all = vec!["--frontend", "headless", "--turbo", "--rom", s(rom)];
    all.extend_from_slice(&["--run-for", seconds]);
    all.extend_from_slice(args);
    run(&all)
}

fn saved(paths: &[PathBuf]) -> Vec<Disk> {
    paths
        .iter()
        .map(|f| Disk::parse(&std::fs::read(f).unwrap()).unwrap())
        .collect()
}

#[test]
fn four_drives_boot_run_and_save_back() {
    let dir = tmp("four");
    let (rom, p) = setup(&dir);
    let before: Vec<Vec<u8>> = p.iter().map(|f| std::fs::read(f).unwrap()).collect();
    let drives = [
        "--disk0",
        s(&p[0]),
        "--disk1",
        s(&p[1]),
        "--disk2",
        s(&p[2]),
        "--disk3",
        s(&p[3]),
    ];
    let out = headless(&rom, "30", &drives);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    check_written(&saved(&p));
    assert_eq!(
        std::fs::read(&p[3]).unwrap(),
        before[3],
        "drive 3 is protected"
    );
    // No temporary files left next to the images.
    let n = std::fs::read_dir(&dir).unwrap().count();
    assert_eq!(n, 5, "only the ROM and the four images");
    // --write-protect, and a disk image as FILE (drive 0): no image changes.
    for (f, b) in p.iter().zip(&before) {
        std::fs::write(f, b).unwrap();
    }
    let out = headless(
        &rom,
        "30",
        &["--write-protect", "--disk1", s(&p[1]), s(&p[0])],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        std::fs::read(&p[0]).unwrap(),
        before[0],
        "FILE in drive 0, protected"
    );
    assert_eq!(std::fs::read(&p[1]).unwrap(), before[1]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_bad_image_is_refused_by_name_and_nothing_is_written() {
    let dir = tmp("bad");
    let (rom, p) = setup(&dir);
    let good = std::fs::read(&p[1]).unwrap();
    let bad = dir.join("broken.dmk");
    let mut bytes = std::fs::read(&p[2]).unwrap();
    bytes.truncate(bytes.len() - 100);
    std::fs::write(&bad, &bytes).unwrap();
    let drives = ["--disk0", s(&p[0]), "--disk1", s(&p[1]), "--disk2", s(&bad)];
    let out = headless(&rom, "1", &drives);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("broken.dmk") && err.contains("DMK image truncated"),
        "{err}"
    );
    assert_eq!(
        err.lines().filter(|l| !l.trim().is_empty()).count(),
        1,
        "{err}"
    );
    assert_eq!(std::fs::read(&p[1]).unwrap(), good);
    assert_eq!(std::fs::read(&bad).unwrap(), bytes);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn disk_tools_make_and_describe_images() {
    let dir = tmp("tools");
    let img = dir.join("new.dsk");
    let out = run(&["disk", "new", s(&img), "--format", "jv1", "--tracks", "35"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(std::fs::read(&img).unwrap().len(), 89_600);
    let out = run(&["disk", "info", s(&img)]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(
            "JV1, 35 tracks, 1 side, 350 single- and 0 double-density sectors, 0 bad, writable"
        ),
        "{text}"
    );
    let again = run(&["disk", "new", s(&img)]);
    assert!(
        !again.status.success(),
        "an existing image is not overwritten"
    );
    let d = Disk::parse(&std::fs::read(&img).unwrap()).unwrap();
    assert_eq!(d.format(), DiskFormat::Jv1);
    let _ = std::fs::remove_dir_all(&dir);
}
