//! Z80 throughput per instruction kind: one instruction (or a short group)
//! repeated over 48 KB of RAM and a `JP` back, run on our core and on z80emu
//! 0.11 (its batch loop), for a fixed T-state budget each.
//!
//! The mixed workload of `cpu.rs` tells whether the core is fast; these loops
//! tell where it is slow. On some hosts the core's speed moves with code layout
//! by 10 % or more, so a change to the hot path is best judged on both.
//! Before timing, both cores run every loop and must agree on the registers
//! and the T-state count. See benches/README.md.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput};

#[path = "support/pair.rs"]
mod pair;
use pair::{Ours, Peer};

/// T-states per criterion iteration.
const BUDGET: u64 = 1_000_000;

/// Set-up run once: LD SP,F000H; LD HL,2000H; LD DE,3000H; LD BC,0000H;
/// LD IX,8000H; LD IY,9000H; OR 1 (NZ, for the JP NZ chain).
#[rustfmt::skip]
const SETUP: &[u8] = &[
    0x31, 0x00, 0xF0,
    0x21, 0x00, 0x20,
    0x11, 0x00, 0x30,
    0x01, 0x00, 0x00,
    0xDD, 0x21, 0x00, 0x80,
    0xFD, 0x21, 0x00, 0x90,
    0xF6, 0x01,
];

/// (name, bytes repeated). `JP NZ,next` is built separately (it needs addresses).
#[rustfmt::skip]
const LOOPS: &[(&str, &[u8])] = &[
    ("nop", &[0x00]),
    ("ld_b_a", &[0x47]),
    ("xor_a", &[0xAF]),
    ("inc_a_dec_a", &[0x3C, 0x3D]),
    ("ld_a_hl_inc_hl", &[0x7E, 0x23]),
    ("ld_hl_a", &[0x77]),
    ("push_pop", &[0xC5, 0xC1]),
    ("ld_a_ix_d", &[0xDD, 0x7E, 0x05]),
    ("srl_a", &[0xCB, 0x3F]),
    ("rlc_iy_d", &[0xFD, 0xCB, 0x03, 0x06]),
    ("adc_hl_de", &[0xED, 0x5A]),
    ("jp_nz", &[]),
];

/// 64 KiB with the set-up at 0000H, then `body` repeated up to C000H and a
/// `JP` back to the first repetition.
fn memory(body: &[u8]) -> Box<[u8; 0x10000]> {
    let mut m = Box::new([0u8; 0x10000]);
    m[..SETUP.len()].copy_from_slice(SETUP);
    let start = SETUP.len();
    let mut a = start;
    if body.is_empty() {
        // JP NZ to the next instruction, over and over.
        while a + 3 <= 0xC000 {
            let next = (a + 3) as u16;
            m[a..a + 3].copy_from_slice(&[0xC2, next as u8, (next >> 8) as u8]);
            a += 3;
        }
    } else {
        while a + body.len() <= 0xC000 {
            m[a..a + body.len()].copy_from_slice(body);
            a += body.len();
        }
    }
    m[a..a + 3].copy_from_slice(&[0xC3, start as u8, (start >> 8) as u8]);
    m
}

fn main() {
    // Both cores must agree on every loop before their speed means anything.
    for (name, body) in LOOPS {
        let (mut a, mut b) = (Ours::new(memory(body)), Peer::new(memory(body)));
        for _ in 0..20 {
            a.run(10_007);
            b.run(10_007);
            b.finish_prefix();
            assert_eq!(a.state(), b.state(), "{name}: the cores disagree");
        }
    }

    let mut c = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(2))
        .configure_from_args();
    for (name, body) in LOOPS {
        let mut group = c.benchmark_group(format!("micro/{name}"));
        group.throughput(Throughput::Elements(BUDGET));
        let mut ours = Ours::new(memory(body));
        group.bench_function("ours", |bch| bch.iter(|| black_box(&mut ours).run(BUDGET)));
        let mut peer = Peer::new(memory(body));
        group.bench_function("z80emu", |bch| {
            bch.iter(|| black_box(&mut peer).run(BUDGET))
        });
        group.finish();
    }
    c.final_summary();
}
