//! Turbo speed while a DOS boots from disk: emulated MHz from power-on to LDOS 5.3.1's
//! `Date ?` prompt (about 7.7 million T-states of disk reads, seeks and the Level II boot).
//!
//! Needs `TRS80_ROM` (a Level II image) and `TRS80_DISK_DIR` (a folder with `ld1-531.dsk`);
//! without them it prints `SKIPPED` and measures nothing. Criterion's throughput line reads
//! in T-states per second ("300 Melem/s" = 300 emulated MHz, 169× a real Model I).
//!
//! Run: `TRS80_ROM=… TRS80_DISK_DIR=… cargo bench --bench disk`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use trs80_machine::disk::Disk;
use trs80_machine::{Config, Machine};

/// Boot to the date prompt; the T-states it took.
fn boot(rom: &[u8], disk: &Disk) -> u64 {
    let mut m = Machine::new(&Config {
        rom,
        ..Config::default()
    })
    .unwrap();
    m.insert_disk(0, disk.clone(), false).unwrap();
    assert!(
        m.run_until_text("DATE ?", 60 * 30),
        "LDOS did not ask for the date"
    );
    m.t_states()
}

fn bench(c: &mut Criterion) {
    let (Ok(rom), Ok(dir)) = (std::env::var("TRS80_ROM"), std::env::var("TRS80_DISK_DIR")) else {
        println!("SKIPPED: set TRS80_ROM and TRS80_DISK_DIR to measure the LDOS boot");
        return;
    };
    let rom = std::fs::read(rom).expect("TRS80_ROM");
    let bytes = std::fs::read(std::path::Path::new(&dir).join("ld1-531.dsk")).expect("ld1-531.dsk");
    let disk = Disk::parse(&bytes).expect("a disk image");
    let t = boot(&rom, &disk);
    let mut g = c.benchmark_group("ldos_boot");
    g.throughput(Throughput::Elements(t));
    g.sample_size(10);
    g.bench_function("power-on to Date ?", |b| b.iter(|| boot(&rom, &disk)));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
