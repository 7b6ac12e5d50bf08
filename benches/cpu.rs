//! Z80 throughput: emulated MHz of our core and of z80emu 0.11 (driven by its
//! own batch loop `execute_with_limit`) on the same fixed instruction mix.
//!
//! The workload is a hand-assembled program that never ends: a block copy
//! (LDIR), then 32 rounds of loads, 8-bit ALU, indexed read-modify-write
//! (XOR (IX+d), LD (IX+d),A, RLC (IY+d)), BIT, a conditional JR, a CALL to a
//! subroutine with PUSH/POP/shift/store/RET, and DJNZ; then ADC HL,DE, DAA,
//! EXX, EX AF,AF' and a JP back. Each core runs it for a fixed T-state budget.
//! After the criterion runs, a direct side-by-side measurement is printed:
//! `ours: X MHz   z80emu: Y MHz   ratio`. Both cores must end in the same state
//! after the same budget (checked), so a timing or behaviour regression
//! also shows here. See benches/README.md.

use std::hint::black_box;
use std::time::Instant;

use criterion::{Criterion, Throughput};

#[path = "support/pair.rs"]
mod pair;
use pair::{Ours, Peer};

/// T-states per criterion iteration.
const BUDGET: u64 = 2_000_000;
/// T-states for the side-by-side measurement (per run, best of RUNS).
const SIDE_BY_SIDE: u64 = 400_000_000;
const RUNS: usize = 5;

#[rustfmt::skip]
const PROGRAM: &[u8] = &[
    0x31, 0x00, 0xF0,       // 0000 LD SP,F000H
    0xDD, 0x21, 0x00, 0x80, // 0003 LD IX,8000H
    0xFD, 0x21, 0x00, 0x90, // 0007 LD IY,9000H
    0x3E, 0x01,             // 000B LD A,01H
    // outer:
    0x21, 0x00, 0x20,       // 000D LD HL,2000H
    0x11, 0x00, 0x30,       // 0010 LD DE,3000H
    0x01, 0x40, 0x00,       // 0013 LD BC,0040H
    0xED, 0xB0,             // 0016 LDIR
    0x06, 0x20,             // 0018 LD B,20H
    // inner:
    0x7E,                   // 001A LD A,(HL)
    0x80,                   // 001B ADD A,B
    0xDD, 0xAE, 0x05,       // 001C XOR (IX+5)
    0xDD, 0x77, 0x05,       // 001F LD (IX+5),A
    0x23,                   // 0022 INC HL
    0xFD, 0xCB, 0x03, 0x06, // 0023 RLC (IY+3)
    0xCB, 0x5F,             // 0027 BIT 3,A
    0x28, 0x02,             // 0029 JR Z,002DH
    0x89,                   // 002B ADC A,C
    0x2F,                   // 002C CPL
    0xCD, 0x40, 0x00,       // 002D CALL 0040H
    0x10, 0xE8,             // 0030 DJNZ 001AH
    0xED, 0x5A,             // 0032 ADC HL,DE
    0x27,                   // 0034 DAA
    0xD9,                   // 0035 EXX
    0x08,                   // 0036 EX AF,AF'
    0xC3, 0x0D, 0x00,       // 0037 JP 000DH
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // 003A padding
    // 0040: subroutine
    0xC5,                   // 0040 PUSH BC
    0x4F,                   // 0041 LD C,A
    0xCB, 0x39,             // 0042 SRL C
    0x91,                   // 0044 SUB C
    0x12,                   // 0045 LD (DE),A
    0x13,                   // 0046 INC DE
    0xC1,                   // 0047 POP BC
    0xC9,                   // 0048 RET
];

fn memory() -> Box<[u8; 0x10000]> {
    let mut m = Box::new([0u8; 0x10000]);
    m[..PROGRAM.len()].copy_from_slice(PROGRAM);
    for (i, b) in m[0x2000..0x2100].iter_mut().enumerate() {
        *b = (i as u8).wrapping_mul(37).wrapping_add(11);
    }
    m
}

/// Best-of-`RUNS` emulated MHz for `SIDE_BY_SIDE` T-states.
fn mhz(mut run: impl FnMut(u64)) -> f64 {
    let mut best = f64::MAX;
    for _ in 0..RUNS {
        let start = Instant::now();
        run(SIDE_BY_SIDE);
        best = best.min(start.elapsed().as_secs_f64());
    }
    SIDE_BY_SIDE as f64 / best / 1e6
}

fn main() {
    // Both cores must agree on the program before their speed means anything.
    let (mut a, mut b) = (Ours::new(memory()), Peer::new(memory()));
    for _ in 0..50 {
        a.run(100_003);
        b.run(100_003);
        b.finish_prefix();
        assert_eq!(
            a.state(),
            b.state(),
            "our core and z80emu disagree on the workload: AF BC DE HL IX IY SP PC T"
        );
    }

    let mut c = Criterion::default().configure_from_args();
    let mut group = c.benchmark_group("cpu");
    group.throughput(Throughput::Elements(BUDGET));
    let mut ours = Ours::new(memory());
    group.bench_function("ours", |bch| bch.iter(|| black_box(&mut ours).run(BUDGET)));
    let mut peer = Peer::new(memory());
    group.bench_function("z80emu", |bch| {
        bch.iter(|| black_box(&mut peer).run(BUDGET))
    });
    group.finish();
    c.final_summary();

    // Criterion's "thrpt" above is in T-states per second (Melem/s = MHz).
    // Side by side, best of RUNS:
    if std::env::args().any(|a| a == "--list" || a == "--test") {
        return;
    }
    let ours_mhz = mhz(|t| ours.run(t));
    let peer_mhz = mhz(|t| peer.run(t));
    println!(
        "emulated MHz (best of {RUNS} x {} M T-states): ours {ours_mhz:.0}   z80emu {peer_mhz:.0}   ratio {:.2}",
        SIDE_BY_SIDE / 1_000_000,
        ours_mhz / peer_mhz
    );
}
