//! Disk image property tests: generated JV1/JV3/DMK images (single, double and mixed density,
//! one and two sides) round-trip byte for byte through parse → write → parse, and damaged
//! images (mutated headers, truncations, random bytes) give one error or a valid parse, never
//! a panic.
//!
//! Deterministic (fixed-seed xorshift). `DISK_FUZZ_CASES=n` sets the number of fuzz inputs
//! (default 3,000; the acceptance run uses 1,000,000), `FUZZ_SEED=n` the seed.

use testkit::{env_u64, Rng};
use trs80_machine::disk::{
    track, Density, Disk, DiskError, DiskFormat, Layout, LayoutDensity, WriteFault,
};

const DENSITIES: [LayoutDensity; 3] = [
    LayoutDensity::Single,
    LayoutDensity::Double,
    LayoutDensity::Mixed,
];

/// A formatted image with random sector contents and marks.
fn random_disk(rng: &mut Rng, format: DiskFormat, max_tracks: usize) -> Disk {
    let (sides, density) = match format {
        DiskFormat::Jv1 => (1, LayoutDensity::Single),
        _ => (1 + rng.below(2) as u8, DENSITIES[rng.below(3)]),
    };
    let layout = Layout {
        tracks: 1 + rng.below(max_tracks) as u8,
        sides,
        density,
    };
    let mut d = Disk::blank(format, layout).unwrap();
    let img = d.image_mut();
    for _ in 0..rng.below(8) {
        let cyl = rng.below(layout.tracks as usize) as u8;
        let side = rng.below(sides as usize) as u8;
        let n = img.ids(cyl, side).len();
        let index = rng.below(n);
        let data: Vec<u8> = (0..256).map(|_| rng.byte()).collect();
        let mut dam = [0xFB, 0xFA, 0xF9, 0xF8][rng.below(4)];
        if format == DiskFormat::Jv1 {
            // JV1 keeps no marks: only the track's own (FAH on 17, FBH elsewhere) is taken.
            dam = img.read(cyl, side, index).unwrap().dam;
        }
        img.write(cyl, side, index, &data, dam).unwrap();
    }
    d
}

/// Everything a controller might ask of a parsed image must work without panicking.
fn exercise(d: &mut Disk) {
    let img = d.image_mut();
    let cyls = img.cylinders();
    for cyl in 0..cyls.saturating_add(1) {
        for side in 0..3 {
            let ids = img.ids(cyl, side);
            for i in 0..=ids.len() {
                let r = img.read(cyl, side, i);
                if let (Some(r), Some(id)) = (r, ids.get(i)) {
                    let _ = img.write(cyl, side, i, &r.data, r.dam);
                    let _ = id.size();
                }
            }
            let _ = img.read_track(cyl, side);
        }
    }
}

#[test]
fn round_trips_every_format_and_density() {
    let mut rng = Rng(env_u64("FUZZ_SEED", 0x5EED_D15C));
    for format in [DiskFormat::Jv1, DiskFormat::Jv3, DiskFormat::Dmk] {
        for _ in 0..12 {
            let d = random_disk(&mut rng, format, 6);
            let bytes = d.image().to_bytes();
            let back = Disk::parse(&bytes).unwrap();
            assert_eq!(back.format(), format);
            assert_eq!(back.image().to_bytes(), bytes, "{format} round trip");
            // Every sector reads back what the image says, in both copies.
            let (a, b) = (d.image(), back.image());
            for cyl in 0..a.cylinders() {
                for side in 0..a.sides() {
                    assert_eq!(a.ids(cyl, side), b.ids(cyl, side));
                    for i in 0..a.ids(cyl, side).len() {
                        assert_eq!(a.read(cyl, side, i), b.read(cyl, side, i));
                    }
                }
            }
        }
    }
}

#[test]
fn mixed_density_and_write_protect_survive_saving() {
    for format in [DiskFormat::Jv3, DiskFormat::Dmk] {
        let layout = Layout {
            tracks: 3,
            sides: 2,
            density: LayoutDensity::Mixed,
        };
        let mut d = Disk::blank(format, layout).unwrap();
        d.image_mut().set_write_protected(true);
        let back = Disk::parse(&d.image().to_bytes()).unwrap();
        let img = back.image();
        assert!(img.write_protected(), "{format}");
        assert_eq!(img.ids(0, 1)[0].density, Density::Single);
        assert_eq!(img.ids(2, 1)[0].density, Density::Double);
        assert_eq!(img.ids(2, 1).len(), 18);
        let mut back = back;
        assert_eq!(
            back.image_mut().write(1, 0, 0, &[0; 256], 0xFB),
            Err(WriteFault::Protected)
        );
        let raw = track::standard(1, 0, Density::Single);
        assert_eq!(
            back.image_mut().write_track(1, 0, &raw),
            Err(WriteFault::Protected)
        );
    }
    assert_eq!(
        Disk::blank(
            DiskFormat::Jv1,
            Layout {
                tracks: 35,
                sides: 1,
                density: LayoutDensity::Double
            }
        ),
        Err(WriteFault::NotRepresentable)
    );
}

#[test]
fn ldos_image_parses_when_present() {
    let Ok(dir) = std::env::var("TRS80_DISK_DIR") else {
        println!("SKIPPED: TRS80_DISK_DIR not set (folder with ld1-531.dsk)");
        return;
    };
    let path = std::path::Path::new(&dir).join("ld1-531.dsk");
    let Ok(bytes) = std::fs::read(&path) else {
        println!("SKIPPED: {} not readable", path.display());
        return;
    };
    let d = Disk::parse(&bytes).unwrap();
    assert_eq!(d.format(), DiskFormat::Jv1);
    let img = d.image();
    assert_eq!(img.cylinders(), 35);
    let boot = img.read(0, 0, 0).unwrap();
    assert_eq!(&boot.data[..2], &[0x00, 0xFE]);
    assert_eq!(img.to_bytes(), bytes);
    // Its LDOS directory: the files DIR shows, and FORMAT/CMD as a load module.
    let dir = trs80_machine::disk::dos::directory(&d).unwrap();
    assert_eq!((dir.disk_name.as_str(), dir.cylinder), ("LDOS531", 17));
    let names: Vec<&str> = dir.files.iter().map(|f| f.name.as_str()).collect();
    for want in ["BOOT/SYS", "DIR/SYS", "FORMAT/CMD", "BACKUP/CMD", "TED/CMD"] {
        assert!(names.contains(&want), "{want} in {names:?}");
    }
    let format = trs80_machine::disk::dos::read_file(&d, &dir, "format/cmd").unwrap();
    assert_eq!(format.len(), 19 * 256 + 0x7D);
    let image = trs80_machine::cmd::parse(&format).unwrap();
    assert!(image.entry.is_some(), "FORMAT/CMD has a transfer address");
}

/// Damage an image: overwrite, insert, delete, truncate or extend, mostly near the headers.
fn mutate(rng: &mut Rng, bytes: &mut Vec<u8>) {
    for _ in 0..1 + rng.below(4) {
        let len = bytes.len().max(1);
        let at = match rng.below(4) {
            0 => rng.below(16.min(len)),
            1 => rng.below(8704.min(len)),
            _ => rng.below(len),
        };
        match rng.below(7) {
            0..=2 if !bytes.is_empty() => {
                let i = at.min(bytes.len() - 1);
                bytes[i] = rng.byte();
            }
            3 => bytes.truncate(rng.below(len)),
            4 => bytes.extend((0..rng.below(300)).map(|_| rng.byte())),
            5 if !bytes.is_empty() => {
                bytes.remove(at.min(bytes.len() - 1));
            }
            _ => bytes.insert(at.min(bytes.len()), rng.byte()),
        }
    }
}

#[test]
fn damaged_images_give_one_error_or_a_sound_parse() {
    let cases = env_u64("DISK_FUZZ_CASES", 3_000);
    let mut rng = Rng(env_u64("FUZZ_SEED", 0xD15C_F022).max(1));
    let seeds: Vec<Vec<u8>> = [DiskFormat::Jv1, DiskFormat::Jv3, DiskFormat::Dmk]
        .iter()
        .flat_map(|&f| {
            (0..4)
                .map(|_| random_disk(&mut rng, f, 2))
                .collect::<Vec<_>>()
        })
        .map(|d| d.image().to_bytes())
        .collect();
    let (mut ok, mut errors) = (0u64, 0u64);
    for case in 0..cases {
        let bytes = if case % 10 == 9 {
            let n = [0, 1, 15, 16, 2560, 8703, 8704, 9000][rng.below(8)] + rng.below(3);
            (0..n).map(|_| rng.byte()).collect()
        } else {
            let mut b = seeds[rng.below(seeds.len())].clone();
            mutate(&mut rng, &mut b);
            b
        };
        match Disk::parse(&bytes) {
            Ok(mut d) => {
                ok += 1;
                assert_eq!(
                    d.image().to_bytes(),
                    bytes,
                    "parsed image must save as read"
                );
                // Exercising every tenth parse keeps a million cases affordable.
                if case % 10 == 0 {
                    exercise(&mut d);
                }
            }
            Err(e) => {
                errors += 1;
                assert!(!e.to_string().is_empty());
                if let DiskError::Truncated { offset, .. } = e {
                    assert!(offset <= bytes.len());
                }
            }
        }
    }
    println!("{cases} damaged images: {ok} parsed, {errors} refused");
    assert_eq!(ok + errors, cases);
    assert!(
        errors > 0 && ok > 0,
        "the mutations should produce both outcomes"
    );
}
