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
//! `port_ff_1s_sound_off`/`_on`: a loop that flips the cassette port's level every 30
//! T-states (59,136 level changes per emulated second, far more than any music program),
//! without anyone listening, and with the signal kept and resampled to 44.1 kHz every frame
//! as the window and `--sound-out` do: the cost of sound.
//!
//! Run: `cargo bench --bench machine`. See benches/README.md.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use std::time::Instant;
use trs80_machine::audio::Resampler;
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

/// A machine whose ROM flips port FFH between levels 01 and 10 as fast as a loop can.
fn toggling_machine() -> Machine {
    let src = "
        ORG 0
        DI
        LD A,1
LOOP:   OUT (0FFH),A    ; 11
        XOR 3           ; 7
        JR LOOP         ; 12 (2 x 30 T per cycle with the OUT)
";
    let asm = z80asm::assemble_str("toggle.asm", src, &z80asm::Options::default()).unwrap();
    let mut rom = asm.image.clone();
    rom.resize(0x800, 0xFF);
    Machine::new(&Config {
        rom: &rom,
        ..Config::default()
    })
    .unwrap()
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
    let mut quiet = toggling_machine();
    g.bench_function("port_ff_1s_sound_off", |b| {
        b.iter(|| one_second(&mut quiet))
    });
    let mut loud = toggling_machine();
    loud.set_sound(true);
    let mut res = Resampler::new(44_100, loud.t_states());
    let mut samples = Vec::new();
    g.bench_function("port_ff_1s_sound_on", |b| {
        b.iter(|| {
            for _ in 0..60 {
                black_box(loud.run_frame());
                let log = loud.take_sound();
                samples.clear();
                res.render(&log, loud.t_states(), &mut samples);
                black_box(&samples);
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
