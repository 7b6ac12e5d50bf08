//! The number-printing table: values (type and bytes) and the text Level II's
//! STR$ made of each, recorded from the real ROM into
//! `tests/data/fp_print_table.txt`.
#![allow(dead_code)]

use super::model::{pack, zero, Prec, Unp};
use super::Rng;

pub const PATH: &str = "tests/data/fp_print_table.txt";

/// A value's bytes in precision `p`, nearest to `v` (from an f64).
pub fn from_f64(v: f64, p: Prec) -> Vec<u8> {
    if v == 0.0 {
        return zero(p);
    }
    let bits = p.bits() as i32;
    let mut e = v.abs().log2().floor() as i32 + 1;
    let mut m = (v.abs() / 2f64.powi(e) * 2f64.powi(bits)).round() as u64;
    if m >> bits != 0 {
        m >>= 1;
        e += 1;
    }
    pack(
        Unp {
            neg: v < 0.0,
            exp: e + 128,
            mant: m,
        },
        p,
    )
}

/// The values of the table, in a fixed order (3.14159265 and 2.718281828 are
/// typed-in constants, on purpose not the exact ones).
#[allow(clippy::approx_constant)]
pub fn values() -> Vec<(u8, Vec<u8>)> {
    let mut out: Vec<(u8, Vec<u8>)> = Vec::new();
    for i in [
        0i32, 1, -1, 2, 9, 10, -10, 99, 100, 255, 256, 999, 1000, 9999, 10000, 12345, -12345,
        32767, -32767, -32768, 16384, -1000,
    ] {
        out.push((2, (i as i16).to_le_bytes().to_vec()));
    }
    let mut special = vec![
        0.0,
        1.0,
        -1.0,
        0.5,
        -0.5,
        0.1,
        0.2,
        0.3,
        0.01,
        0.001,
        0.0001,
        0.00001,
        0.000001,
        0.0000001,
        1e-7,
        1e-8,
        1e-9,
        1e-10,
        999999.0,
        999999.5,
        999998.5,
        1000000.0,
        1234567.0,
        123456.0,
        12345.6,
        1234.56,
        123.456,
        12.3456,
        1.23456,
        0.123456,
        0.0123456,
        1e38,
        -1e38,
        1.7e38,
        1e-38,
        2.9e-39,
        1.0 / 3.0,
        2.0 / 3.0,
        -1.0 / 3.0,
        3.14159265,
        2.718281828,
        32767.0,
        32768.0,
        -32768.0,
        65535.0,
        65536.0,
        1e6,
        1e7,
        1e5,
        99999.95,
        9999995.0,
        0.9999995,
        0.99999949,
        1.5,
        2.5,
        100.5,
        0.05,
        0.015,
        1e15,
        1e16,
        1e17,
        1e-15,
        1e-16,
        1e-17,
        12345678.0,
        123456789.0,
        1234567890123456.0,
        12345678901234567.0,
        0.0625,
    ];
    for k in -38..=38 {
        special.push(10f64.powi(k));
        special.push(-1.5 * 10f64.powi(k));
    }
    for p in [Prec::Sng, Prec::Dbl] {
        for &v in &special {
            let b = from_f64(v, p);
            if b[b.len() - 1] != 0 || v == 0.0 {
                out.push((p.len() as u8, b));
            }
        }
        // The limits of the format.
        let n = p.len();
        let mut max = vec![0xFF; n];
        max[n - 2] = 0x7F;
        out.push((n as u8, max.clone()));
        max[n - 2] = 0xFF;
        out.push((n as u8, max));
        let mut min = vec![0; n];
        min[n - 1] = 1;
        out.push((n as u8, min));
    }
    let mut r = Rng(0x7AB1E);
    for p in [Prec::Sng, Prec::Dbl] {
        for _ in 0..120 {
            let mut v: Vec<u8> = (0..p.len()).map(|_| r.next_u64() as u8).collect();
            let n = p.len();
            // Mostly moderate magnitudes, where fixed notation starts and ends.
            v[n - 1] = if r.below(4) == 0 {
                1 + r.below(255) as u8
            } else {
                0x60 + r.below(0x50) as u8
            };
            out.push((n as u8, v));
        }
    }
    out
}

pub fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02X}")).collect()
}

/// Parse the recorded table: (type, bytes, text).
pub fn load() -> Vec<(u8, Vec<u8>, String)> {
    let text = std::fs::read_to_string(PATH).expect("the recorded table");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| {
            let mut it = l.splitn(3, ' ');
            let t: u8 = it.next().unwrap().parse().unwrap();
            let h = it.next().unwrap();
            let b = (0..h.len() / 2)
                .map(|i| u8::from_str_radix(&h[2 * i..2 * i + 2], 16).unwrap())
                .collect();
            let s = it.next().unwrap();
            (t, b, s[1..s.len() - 1].to_string())
        })
        .collect()
}
