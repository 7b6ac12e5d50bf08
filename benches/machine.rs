//! Whole-machine speed in turbo: emulated MHz while running a busy program.
//!
//! The program is `roms/tests/busy.asm` (video writes, LDIR, RAM sums, keyboard
//! scans, the 40 Hz clock interrupt), run as the ROM of a 48 KB machine with
//! the Expansion Interface. Each iteration runs 60 frames (one emulated second,
//! 1,774,080 T-states) with no throttling; criterion's throughput line reads
//! in T-states per second, so "1.7741 Melem/s" would be real speed and e.g.
//! "300 Melem/s" means 169× real time (≈ 300 emulated MHz). The bench also
//! prints the emulated MHz of a plain timed run, and the same for the debug
//! path (one breakpoint set where it is never reached).
//!
//! Run: `cargo bench --bench machine`. See benches/README.md.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use std::time::Instant;
use trs80_machine::{Config, Machine, CPU_HZ, T_PER_FRAME};

fn busy_machine() -> Machine {
    let busy = roms::get("tests/busy").expect("roms/tests/busy.asm");
    let mut rom = busy.image.to_vec();
    rom.resize(0x800, 0xFF);
    let mut m = Machine::new(&Config {
        rom: &rom,
        ..Config::default()
    })
    .unwrap();
    // Sanity: the workload is running and taking interrupts.
    m.run_for(CPU_HZ);
    let t = busy.symbol("TICKS").unwrap();
    let ticks = u16::from_le_bytes([m.peek(t), m.peek(t + 1)]);
    assert!(
        (39..=40).contains(&ticks),
        "busy.asm took {ticks} interrupts in 1 s"
    );
    m
}

fn one_second(m: &mut Machine) {
    for _ in 0..60 {
        black_box(m.run_frame());
    }
}

fn report_mhz(label: &str, m: &mut Machine) {
    let t0 = m.t_states();
    let start = Instant::now();
    for _ in 0..5 {
        one_second(m);
    }
    let secs = start.elapsed().as_secs_f64();
    let mhz = (m.t_states() - t0) as f64 / secs / 1e6;
    println!(
        "{label}: {mhz:.1} emulated MHz ({:.0}× a real Model I)",
        mhz * 1e6 / CPU_HZ as f64
    );
}

fn bench(c: &mut Criterion) {
    let mut m = busy_machine();
    report_mhz("machine/busy lean path", &mut m);
    let mut g = c.benchmark_group("machine");
    g.throughput(Throughput::Elements(60 * T_PER_FRAME));
    g.bench_function("busy_1s_lean", |b| b.iter(|| one_second(&mut m)));
    let mut d = busy_machine();
    d.debug().add_breakpoint(0x2FFF); // never reached: measures the checking path
    report_mhz("machine/busy debug path", &mut d);
    g.bench_function("busy_1s_debug_path", |b| b.iter(|| one_second(&mut d)));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
