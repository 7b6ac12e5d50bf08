//! Reference model of Level II's number reader (FIN, 0E6CH), written from
//! what the real ROM was observed to do with thousands of recorded strings
//! (`tests/data/fp_fin_level2.txt`); no Level II code was read.
//!
//! Observed rules: a leading `-` or `+`; blanks are skipped everywhere;
//! digits build an integer while it fits (-32768..32767), then a single,
//! and the eighth digit makes it double; a `.` makes an integer single;
//! `E` (upper case only) reads a signed exponent and makes the number
//! single, `D` makes it double; after the digits `!` and `#` make the value
//! single or double and `%` keeps an integer (anything else with `%` is
//! ?SN). The power of ten is applied one factor of ten at a time, in the
//! number's precision.
#![allow(dead_code)]

use super::model::{self, Prec, Res, Typed};

/// What FIN gives for `text`: the value (or ERR) and how many bytes it read.
/// `dbl` starts in double precision (as VAL is seen to).
pub fn fin(text: &[u8], dbl: bool) -> (Result<Typed, u8>, usize) {
    if dbl && text.is_empty() {
        return (Ok((2, vec![0, 0])), 0);
    }
    let at = |i: usize| text.get(i).copied().unwrap_or(0);
    let skip = |mut i: usize| {
        while matches!(at(i), b' ' | 9 | 10) {
            i += 1;
        }
        i
    };
    let mut i = 0;
    let mut neg = false;
    match at(0) {
        b'-' => {
            neg = true;
            i = 1
        }
        b'+' => i = 1,
        _ => {}
    }
    let lim: u32 = 32767;
    // Integer magnitude while it is one, else the value.
    let mut int: Option<u32> = if dbl { None } else { Some(0) };
    let mut v: Typed = (8, model::zero(Prec::Dbl));
    let mut digits = 0u32;
    let mut point: Option<i32> = None;
    let mut exp: i32 = 0;
    let to_float = |int: &mut Option<u32>, v: &mut Typed| {
        if let Some(m) = int.take() {
            *v = (4, model::from_int(false, m as u64, Prec::Sng));
        }
    };
    loop {
        i = skip(i);
        let c = at(i);
        match c {
            b'0'..=b'9' => {
                let d = (c - b'0') as u32;
                let nonzero = match int {
                    Some(m) => m != 0,
                    None => v.1.last() != Some(&0),
                };
                if nonzero || d != 0 {
                    digits += 1;
                }
                match int {
                    Some(m) if m * 10 + d <= lim => int = Some(m * 10 + d),
                    _ => {
                        to_float(&mut int, &mut v);
                        if digits > 7 && v.0 != 8 {
                            v = model::cdbl(&v);
                        }
                        v = times10_plus(&v, d as u64);
                    }
                }
                if let Some(p) = point.as_mut() {
                    *p += 1;
                }
                i += 1;
            }
            b'.' if point.is_none() => {
                point = Some(0);
                to_float(&mut int, &mut v);
                i += 1;
            }
            b'E' | b'D' => {
                to_float(&mut int, &mut v);
                v = if c == b'E' {
                    model::csng(&v).unwrap()
                } else {
                    model::cdbl(&v)
                };
                i = skip(i + 1);
                let mut eneg = false;
                match at(i) {
                    b'-' | 0xCE => {
                        eneg = true;
                        i += 1
                    }
                    b'+' | 0xCD => i += 1,
                    _ => {}
                }
                loop {
                    i = skip(i);
                    let c = at(i);
                    if !c.is_ascii_digit() {
                        break;
                    }
                    // (Our ROM keeps it below 120: any larger exponent
                    // overflows or underflows the same way.)
                    exp = exp.min(11) * 10 + (c - b'0') as i32;
                    i += 1;
                }
                if eneg {
                    exp = -exp;
                }
                break;
            }
            b'!' | b'#' => {
                to_float(&mut int, &mut v);
                v = if c == b'!' {
                    model::csng(&v).unwrap()
                } else {
                    model::cdbl(&v)
                };
                i += 1;
                break;
            }
            b'%' => {
                if int.is_none() {
                    return (Err(2), i);
                }
                i += 1;
                break;
            }
            _ => break,
        }
    }
    if let Some(m) = int {
        let x = if neg { -(m as i32) } else { m as i32 };
        return (Ok((2, (x as i16).to_le_bytes().to_vec())), i);
    }
    let e = exp - point.unwrap_or(0);
    let p = if v.0 == 8 { Prec::Dbl } else { Prec::Sng };
    let ten = model::from_int(false, 10, p);
    for _ in 0..e.abs() {
        let r = if e > 0 {
            times10(&v.1, p)
        } else {
            model::div(&v.1, &ten, p)
        };
        match r {
            Res::Val(x) => v.1 = x,
            Res::Err(e) => return (Err(e), i),
        }
    }
    if neg {
        v = model::negate(v.0, &v.1);
        if v == (4, vec![0, 0, 0x80, 0x90]) {
            v = (2, vec![0, 0x80]);
        }
    }
    (Ok(v), i)
}

/// v * 10 + d in v's type (single or double; integers are kept apart).
fn times10_plus(v: &Typed, d: u64) -> Typed {
    let p = if v.0 == 8 { Prec::Dbl } else { Prec::Sng };
    let Res::Val(x) = times10(&v.1, p) else {
        unreachable!()
    };
    let Res::Val(y) = model::add(&x, &model::from_int(false, d, p), p) else {
        unreachable!()
    };
    (v.0, y)
}

/// x * 10 as FIN does it: ?OV only when the result is too large (Level II's
/// general multiplication also refuses some products just below the limit).
pub fn times10(x: &[u8], p: Prec) -> Res {
    let n = x.len() - 1;
    if x[n] == 0 {
        return Res::Val(x.to_vec());
    }
    if x[n] > 0xFF - 3 {
        return Res::Err(model::OV);
    }
    let mut x4 = x.to_vec();
    x4[n] += 2;
    match model::add(&x4, x, p) {
        Res::Val(mut r) if r[n] < 0xFF => {
            r[n] += 1;
            Res::Val(r)
        }
        _ => Res::Err(model::OV),
    }
}
