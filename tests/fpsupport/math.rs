//! Reference model of Level II's SQR, EXP, LOG, SIN, COS, TAN, ATN and `^`
//! (single precision), inferred by observation only: Level II was run in our
//! emulator through BASIC (`Z=USR(SIN(A!))` with A! poked, see level2.rs) on
//! thousands of arguments, and these structures were found from its bit-exact
//! outputs (no Level II code, disassembly or constant table was read):
//!
//! - `SQR(x)` is `x^.5`, `x^y` is `EXP(y*LOG(x))` and `TAN(x)` is
//!   `SIN(x)/COS(x)`, bit for bit on every argument tried.
//! - LOG: its results at 2^k are k times ln 2 exactly, so the exponent is
//!   added before one final product with ln 2; the error pattern fits
//!   z = 1 - sqr(2)/(m + sqr(.5)) and an odd polynomial in z.
//! - EXP: the error is constant while INT(x/ln 2) stays the same and jumps
//!   at each integer, and matches the rounding of (n+1)*ln 2: the argument is
//!   reduced as x - n*ln 2 with n = INT(x * (1/ln 2)) + 1, then a polynomial.
//! - SIN: x / 2pi (a division: a product with 1/2pi fits 50 times worse),
//!   the fraction less 1/4 (rounded), folded to [-1/4, 1/4], an odd
//!   polynomial; COS(x) is SIN(x + pi/2).
//! - ATN: odd; above 1 it is pi/2 - ATN(1/x).
//!
//! The polynomial coefficients were then fitted to Level II's outputs (least
//! squares, then a search over the neighbouring single-precision values for
//! the most bit-exact agreements); they are not Level II's own and agree on
//! most but not all arguments (tests/fp_math.rs reports how many).
#![allow(dead_code)]

use super::model::{self, Prec, Res, Typed};

const SNG: Prec = Prec::Sng;
pub type R = Result<Vec<u8>, u8>;

pub fn hexc(s: &str) -> Vec<u8> {
    (0..4)
        .map(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).unwrap())
        .collect()
}

pub const HP: &str = "DB0F4981";
pub const TWO_PI: &str = "DB0F4983";
pub const HALF: &str = "00000080";
pub const ONE: &str = "00000081";
pub const QUARTER: &str = "0000007F";
pub const SQH: &str = "F3043580";
pub const SQ2: &str = "F3043581";
pub const LN2: &str = "18723180";
pub const L2E: &str = "3BAA3881";
/// Highest power first.
pub const TSIN: [&str; 6] = [
    "60768084", "D80D2486", "C64C9987", "44352387", "E45DA586", "DA0F4983",
];
/// Refitted on arguments in .72..1, where the product z * P(z*z) can be
/// read back exactly from Level II's result (2026-12-02).
pub const TLOG: [&str; 4] = ["83A2D079", "B9691980", "BC227680", "45AA3882"];
pub const TEXP: [&str; 8] = [
    "1E5B6873", "41642377", "D187067A", "796D2A7C", "AEA62A7E", "BEFF7F7F", "FEFF7F80", "00000081",
];
pub const TATN: [&str; 9] = [
    "DC5D3B78", "177E847B", "3A0C307C", "A7689A7D", "EE5F5A7D", "6984917E", "37BC4C7E", "67AAAA7F",
    "00000081",
];

fn v(r: Res) -> R {
    match r {
        Res::Val(x) => Ok(x),
        Res::Err(e) => Err(e),
    }
}
fn add(a: &[u8], b: &[u8]) -> R {
    v(model::add(a, b, SNG))
}
fn sub(a: &[u8], b: &[u8]) -> R {
    v(model::sub(a, b, SNG))
}
fn mul(a: &[u8], b: &[u8]) -> R {
    v(model::mul(a, b, SNG))
}
fn div(a: &[u8], b: &[u8]) -> R {
    v(model::div(a, b, SNG))
}
fn neg(a: &[u8]) -> Vec<u8> {
    model::negate(4, a).1
}
fn k(s: &str) -> Vec<u8> {
    hexc(s)
}

/// Horner's rule, highest power first.
fn poly(x: &[u8], t: &[&str]) -> R {
    let mut acc = k(t[0]);
    for c in &t[1..] {
        acc = add(&mul(&acc, x)?, &k(c))?;
    }
    Ok(acc)
}
fn odd(x: &[u8], t: &[&str]) -> R {
    mul(&poly(&mul(x, x)?, t)?, x)
}
/// INT as a single.
fn floor(x: &[u8]) -> Vec<u8> {
    let t = model::int_fix(&(4, x.to_vec()), true);
    model::csng(&t).unwrap().1
}
fn from_int(i: i64) -> Vec<u8> {
    model::from_int(i < 0, i.unsigned_abs(), SNG)
}
/// The value of a single (for decisions only).
pub fn f64_of(b: &[u8]) -> f64 {
    let u = model::unpack(b);
    if u.exp == 0 {
        return 0.0;
    }
    let m = u.mant as f64 / (1u64 << 24) as f64 * 2f64.powi(u.exp - 128);
    if u.neg {
        -m
    } else {
        m
    }
}
const FC: u8 = 8;

pub fn sin(x: &[u8]) -> R {
    let u = div(x, &k(TWO_PI))?;
    let f = sub(&u, &floor(&u))?;
    // t = f - 1/4, rounded: for small x Level II's results keep only the
    // bits of u that t keeps (granularity 2^-26), seen on 2,000 arguments
    // below .5 (1,989 bit-identical this way, 1,033 with f itself).
    let t = sub(&f, &k(QUARTER))?;
    let tv = f64_of(&t);
    let w = if tv < 0.0 {
        add(&t, &k(QUARTER))?
    } else if tv < 0.5 {
        add(&neg(&t), &k(QUARTER))?
    } else {
        sub(&sub(&t, &k(QUARTER))?, &k(HALF))?
    };
    odd(&w, &TSIN)
}
pub fn cos(x: &[u8]) -> R {
    sin(&add(x, &k(HP))?)
}
pub fn tan(x: &[u8]) -> R {
    div(&sin(x)?, &cos(x)?)
}
pub fn atn(x: &[u8]) -> R {
    let a = model::abs(4, x).1;
    let r = if f64_of(&a) > 1.0 {
        let w = div(&k(ONE), &a)?;
        add(&neg(&odd(&w, &TATN)?), &k(HP))?
    } else {
        odd(&a, &TATN)?
    };
    Ok(if f64_of(x) < 0.0 { neg(&r) } else { r })
}
pub fn log(x: &[u8]) -> R {
    if x[3] == 0 || x[2] & 0x80 != 0 {
        return Err(FC);
    }
    let e = x[3] as i64 - 128;
    let m = vec![x[0], x[1], x[2], 0x80];
    let q = div(&k(SQ2), &add(&m, &k(SQH))?)?;
    let z = add(&neg(&q), &k(ONE))?;
    let s = sub(&odd(&z, &TLOG)?, &k(HALF))?;
    mul(&add(&from_int(e), &s)?, &k(LN2))
}
pub fn exp(x: &[u8]) -> R {
    let t = mul(x, &k(L2E))?;
    if t[3] >= 0x88 {
        return if t[2] & 0x80 != 0 {
            Ok(model::zero(SNG))
        } else {
            Err(model::OV)
        };
    }
    let n = f64_of(&floor(&t)) as i64 + 1;
    let r = sub(x, &mul(&from_int(n), &k(LN2))?)?;
    let y = poly(&r, &TEXP)?;
    if n >= 127 {
        return Err(model::OV);
    }
    mul(&y, &[0, 0, 0, (0x81 + n) as u8])
}
/// x ^ y.
pub fn pow(x: &[u8], y: &[u8]) -> R {
    if y[3] == 0 {
        return Ok(k(ONE));
    }
    if x[3] == 0 {
        return if y[2] & 0x80 != 0 {
            Err(model::DIV0)
        } else {
            Ok(model::zero(SNG))
        };
    }
    let mut negate = false;
    let mut x = x.to_vec();
    if x[2] & 0x80 != 0 {
        let yv = f64_of(y);
        if yv.fract() != 0.0 {
            return Err(FC);
        }
        negate = yv.abs() < 16777216.0 && (yv.abs() as u64) % 2 == 1;
        x[2] &= 0x7F;
    }
    let r = exp(&mul(&log(&x)?, y)?)?;
    Ok(if negate { neg(&r) } else { r })
}
pub fn sqr(x: &[u8]) -> R {
    pow(x, &k(HALF))
}
/// The model's result as a typed value or an ERR.
pub fn typed(r: R) -> Result<Typed, u8> {
    r.map(|b| (4, b))
}
