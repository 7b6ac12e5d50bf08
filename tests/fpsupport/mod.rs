//! Shared by the numeric-core tests: the reference model of Level II's
//! arithmetic, a driver for the real Level II ROM, random operands.
#![allow(dead_code)]

pub mod fin;
pub mod fout;
pub mod level2;
pub mod math;
pub mod model;
pub mod ours;
pub mod table;

/// The workspace's seeded generator (xorshift64*), so runs repeat: `Rng(seed)`.
pub use testkit::Rng;

/// `default` normally, `full` when the env var `TRS80_FP_FULL` is set.
pub fn count(default: usize, full: usize) -> usize {
    if std::env::var_os("TRS80_FP_FULL").is_some() {
        full
    } else {
        default
    }
}

/// A random single or double operand (value bytes): random mantissa and
/// sign; the exponent near `near` (so the pair's exponents interact) most of
/// the time, anywhere otherwise; sometimes zero.
pub fn operand(r: &mut Rng, len: usize, near: Option<u8>) -> Vec<u8> {
    let mut v: Vec<u8> = (0..len).map(|_| r.next_u64() as u8).collect();
    let k = r.below(100);
    v[len - 1] = match (k, near) {
        (0..=2, _) => 0,
        (3..=80, Some(e)) => {
            let d = r.below(2 * len * 8 + 5) as i32 - (len as i32 * 8 + 2);
            (e as i32 + d).clamp(1, 255) as u8
        }
        (81..=85, _) => [1, 2, 255, 254, 128][r.below(5)],
        _ => 1 + r.below(255) as u8,
    };
    if v[len - 1] != 0 && r.below(20) == 0 {
        // Round-ish mantissas (many trailing zero bits) give exact cases.
        let keep = r.below(len * 8 - 8) as u32;
        let mut m = 0u64;
        for (i, &x) in v[..len - 1].iter().enumerate() {
            m |= (x as u64) << (8 * i);
        }
        m &= !((1u64 << keep) - 1);
        for (i, x) in v[..len - 1].iter_mut().enumerate() {
            *x = (m >> (8 * i)) as u8;
        }
    }
    v
}

/// A random operand for the conversions: type 2, 4 or 8, with exponents
/// mostly around the integer range (80H-A0H) so that INT, FIX and CINT meet
/// fractions, the -32768..32767 limits and carries.
pub fn conv_operand(r: &mut Rng, t: u8) -> Vec<u8> {
    if t == 2 {
        return (r.next_u64() as u16).to_le_bytes().to_vec();
    }
    let len = t as usize;
    let mut v = operand(r, len, Some(0x90));
    if r.below(10) == 0 {
        // near +-32768, +-32767
        let base: u64 = [0x8000, 0x7FFF, 0x8001][r.below(3)];
        let bits = len as u32 * 8 - 8;
        let mut m = base << (bits - 16);
        if base == 0x7FFF {
            m <<= 1;
        }
        m |= r.next_u64() & (((1u64 << (bits - 17)) - 1) * r.below(2) as u64);
        for (i, x) in v[..len - 1].iter_mut().enumerate() {
            *x = (m >> (8 * i)) as u8;
        }
        v[len - 2] = (v[len - 2] & 0x7F) | ((r.next_u64() as u8) & 0x80);
        v[len - 1] = if base == 0x7FFF { 0x8F } else { 0x90 };
    }
    v
}
