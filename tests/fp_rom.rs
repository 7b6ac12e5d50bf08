//! Our ROM's arithmetic routines, called by symbol, against the reference
//! model of Level II (tests/fpsupport/model.rs) on random operands: bit for
//! bit, errors included. A few thousand pairs per operation and precision by
//! default; `TRS80_FP_FULL=1` runs 1,000,000.

mod fpsupport;
use fpsupport::model::{self, Prec, Res};
use fpsupport::ours::{End, Ours, ARG, FAC};
use fpsupport::{count, operand, Rng};

const ROM: &str = "free";

type Op = fn(&[u8], &[u8], Prec) -> Res;

fn run_op(o: &mut Ours, name: &str, a: &[u8], b: &[u8], p: Prec) -> Res {
    o.set(FAC, a);
    o.set(ARG, b);
    match o.call(name, 0) {
        End::Returned => Res::Val(o.get(FAC, p.len())),
        End::Error(e) => Res::Err(e),
    }
}

fn check(sym: &str, p: Prec, f: Op, seed: u64) {
    let mut o = Ours::new(ROM);
    let mut rng = Rng(seed);
    let n = count(3_000, 1_000_000);
    let mut bad = 0;
    let mut t = 0u64;
    for _ in 0..n {
        let a = operand(&mut rng, p.len(), None);
        let b = operand(&mut rng, p.len(), Some(a[p.len() - 1]));
        let got = run_op(&mut o, sym, &a, &b, p);
        t += o.last_t;
        let want = f(&a, &b, p);
        if got != want {
            if bad < 10 {
                println!("{sym} {a:02X?} {b:02X?}: ours {got:02X?}, model {want:02X?}");
            }
            bad += 1;
        }
    }
    println!(
        "{sym}: {} of {n} agree; mean {} T-states",
        n - bad,
        t / n as u64
    );
    assert_eq!(bad, 0, "{sym} disagrees with the model");
}

#[test]
fn single_add() {
    check("SADD", Prec::Sng, model::add, 1);
}
#[test]
fn single_sub() {
    check("SSUB", Prec::Sng, model::sub, 2);
}
#[test]
fn single_mul() {
    check("SMUL", Prec::Sng, model::mul, 3);
}
#[test]
fn single_div() {
    check("SDIV", Prec::Sng, model::div, 4);
}
#[test]
fn double_add() {
    check("DADD", Prec::Dbl, model::add, 5);
}
#[test]
fn double_sub() {
    check("DSUB", Prec::Dbl, model::sub, 6);
}
#[test]
fn double_mul() {
    check("DMUL", Prec::Dbl, model::mul, 7);
}
#[test]
fn double_div() {
    check("DDIV", Prec::Dbl, model::div, 8);
}

use fpsupport::model::Typed;
use fpsupport::ours::VALTYP;

/// Load a typed value into the accumulator.
fn put(o: &mut Ours, v: &Typed) {
    o.m.poke(VALTYP, v.0);
    o.set(FAC, &v.1);
    if v.0 == 2 {
        // integers live at 4121H-4122H
        o.m.load(0x4121, &v.1);
    }
}

fn acc(o: &Ours) -> Typed {
    let t = o.m.peek(VALTYP);
    let v = match t {
        2 => vec![o.m.peek(0x4121), o.m.peek(0x4122)],
        _ => o.get(FAC, t as usize),
    };
    (t, v)
}

fn conv_check(sym: &str, seed: u64, want: impl Fn(&Typed) -> Result<Typed, u8>) {
    let mut o = Ours::new(ROM);
    let mut rng = Rng(seed);
    let n = count(20_000, 1_000_000);
    let mut bad = 0;
    for i in 0..n {
        let t = [2u8, 4, 8][i % 3];
        let v = (t, fpsupport::conv_operand(&mut rng, t));
        put(&mut o, &v);
        let got = match o.call(sym, 0) {
            End::Returned => Ok(acc(&o)),
            End::Error(e) => Err(e),
        };
        let w = want(&v);
        if got != w {
            if bad < 10 {
                println!("{sym} {v:02X?}: ours {got:02X?}, model {w:02X?}");
            }
            bad += 1;
        }
    }
    println!("{sym}: {} of {n} agree", n - bad);
    assert_eq!(bad, 0, "{sym} disagrees with the model");
}

#[test]
fn conversions() {
    conv_check("CINT", 11, |v| {
        model::cint(v).map(|i| (2, i.to_le_bytes().to_vec()))
    });
    conv_check("INT", 12, |v| Ok(model::int_fix(v, true)));
    conv_check("FIX", 13, |v| Ok(model::int_fix(v, false)));
    conv_check("CSNG", 14, model::csng);
    conv_check("CDBL", 15, |v| Ok(model::cdbl(v)));
}

#[test]
fn cint_returns_hl_and_makint_takes_it() {
    let mut o = Ours::new(ROM);
    put(&mut o, &(4, vec![0x00, 0x00, 0xA0, 0x82])); // -2.5
    assert_eq!(o.call("CINT", 0), End::Returned);
    assert_eq!(o.m.cpu().regs.hl, (-3i16) as u16);
    assert_eq!(o.call("MAKINT", 12345), End::Returned);
    assert_eq!(acc(&o), (2, 12345i16.to_le_bytes().to_vec()));
}

#[test]
fn the_numeric_core_lies_in_its_region() {
    // (Its pinned entry points are checked with the kernel's, in free_rom.rs.)
    let rom = roms::get(ROM).unwrap();
    // The numeric core lies in its region, 0700H-17FFH (the functions must:
    // the interpreter hands routines below 1800H their argument).
    for name in [
        "SADD", "SSUB", "SMUL", "SDIV", "DADD", "DSUB", "DMUL", "DDIV", "IADD", "ISUB", "IMUL",
        "IDIV", "XCMP", "XNEG", "XABS", "XSGN", "XRND", "RND0", "XFOUT", "XLINPRT", "IDIGS",
        "XCINT", "XMAKINT", "XCSNG", "XCDBL", "XFIX", "XINT", "FINISH", "SNORM", "XSQR", "XEXP",
        "XLOG", "XSIN", "XCOS", "XTAN", "XATN", "XPOW",
    ] {
        let a = rom.symbol(name).unwrap_or_else(|| panic!("{name}"));
        assert!((0x0700..0x1800).contains(&a), "{name} at {a:04X}");
    }
}

/// Run a two-operand routine on typed operands (FAC, ARG) and read the
/// typed result.
fn run2(o: &mut Ours, sym: &str, t: u8, a: &[u8], b: &[u8]) -> Result<Typed, u8> {
    o.m.poke(VALTYP, t);
    if t == 2 {
        o.m.load(0x4121, a);
        o.m.load(0x412B, b);
    } else {
        o.set(FAC, a);
        o.set(ARG, b);
    }
    match o.call(sym, 0) {
        End::Returned => Ok(acc(o)),
        End::Error(e) => Err(e),
    }
}

#[test]
fn integer_operations() {
    let mut o = Ours::new(ROM);
    let mut rng = Rng(21);
    let n = count(5_000, 1_000_000);
    for (sym, op) in [("IADD", '+'), ("ISUB", '-'), ("IMUL", '*'), ("IDIV", '/')] {
        let mut bad = 0;
        for i in 0..n {
            let a = fpsupport::conv_operand(&mut rng, 2);
            let mut b = fpsupport::conv_operand(&mut rng, 2);
            if i % 5 == 0 {
                b = vec![b[0] & 0x0F, 0]; // small, and sometimes 0
            }
            let got = run2(&mut o, sym, 2, &a, &b);
            let want = model::int_op(op, &a, &b);
            if got != want {
                if bad < 10 {
                    println!("{sym} {a:02X?} {b:02X?}: ours {got:02X?}, model {want:02X?}");
                }
                bad += 1;
            }
        }
        println!("{sym}: {} of {n} agree", n - bad);
        assert_eq!(bad, 0, "{sym}");
    }
}

#[test]
fn comparison_and_signs() {
    let mut o = Ours::new(ROM);
    let mut rng = Rng(22);
    let n = count(5_000, 1_000_000);
    let mut bad = 0;
    for i in 0..n {
        let t = [2u8, 4, 8][i % 3];
        let a = fpsupport::conv_operand(&mut rng, t);
        let b = match i % 4 {
            0 => a.clone(),
            1 => {
                // same exponent and sign, another mantissa
                let mut b = fpsupport::conv_operand(&mut rng, t);
                if t != 2 {
                    let k = b.len();
                    b[k - 1] = a[k - 1];
                    b[k - 2] = (b[k - 2] & 0x7F) | (a[k - 2] & 0x80);
                }
                b
            }
            _ => fpsupport::conv_operand(&mut rng, t),
        };
        o.m.poke(VALTYP, t);
        put(&mut o, &(t, a.clone()));
        if t == 2 {
            o.m.load(0x412B, &b);
        } else {
            o.set(ARG, &b);
        }
        assert_eq!(o.call("XCMP", 0), End::Returned);
        let got = o.m.cpu().regs.a() as i8 as i32;
        let want = model::compare(t, &a, &b);
        for (sym, f) in [
            ("XNEG", model::negate as fn(u8, &[u8]) -> Typed),
            ("XABS", model::abs),
            ("XSGN", model::sgn),
        ] {
            put(&mut o, &(t, a.clone()));
            assert_eq!(o.call(sym, 0), End::Returned);
            let (g, w) = (acc(&o), f(t, &a));
            if g != w {
                if bad < 10 {
                    println!("{sym} {t} {a:02X?}: ours {g:02X?}, model {w:02X?}");
                }
                bad += 1;
            }
        }
        if got != want {
            if bad < 10 {
                println!("XCMP {t} {a:02X?} {b:02X?}: ours {got}, model {want}");
            }
            bad += 1;
        }
    }
    assert_eq!(bad, 0);
}

#[test]
fn rnd_follows_the_model() {
    let mut o = Ours::new(ROM);
    let mut rng = Rng(23);
    let n = count(3_000, 1_000_000);
    let mut bad = 0;
    for i in 0..n {
        let seed = (rng.next_u64() & 0xFF_FFFF) as u32;
        let m = if i % 4 == 0 {
            (rng.next_u64() & 0xFF_FFFF) as u32
        } else {
            0x40E64D
        };
        let arg: i32 = match i % 5 {
            0 => 0,
            1 => -(rng.below(100) as i32) - 1,
            2 => 32767,
            _ => 1 + rng.below(32767) as i32,
        };
        o.m.load(0x40AA, &seed.to_le_bytes()[..3]);
        o.m.load(0x4090, &[(m >> 16) as u8, (m >> 8) as u8, m as u8]);
        put(&mut o, &(2, (arg as i16).to_le_bytes().to_vec()));
        let got = match o.call("XRND", 0) {
            End::Returned => Ok(acc(&o)),
            End::Error(e) => Err(e),
        };
        let after = u32::from_le_bytes([o.m.peek(0x40AA), o.m.peek(0x40AB), o.m.peek(0x40AC), 0]);
        let (s, want) = model::rnd(seed, m, arg);
        if (after, &got) != (s, &want) {
            if bad < 10 {
                println!("RND({arg}) seed {seed:06X} M {m:06X}: ours {after:06X} {got:02X?}, model {s:06X} {want:02X?}");
            }
            bad += 1;
        }
    }
    assert_eq!(bad, 0);
}

#[test]
fn first_rnd_after_power_up_prints_like_level2() {
    // Level II after power-up: seed 0, multiplier 40H E6H 4DH; its first
    // RND(0) prints " .0222228" (its reference behaviour, also observed).
    let mut o = Ours::new(ROM);
    o.m.load(0x40AA, &[0, 0, 0]);
    o.m.load(0x4090, &[0x40, 0xE6, 0x4D]);
    put(&mut o, &(2, vec![0, 0]));
    assert_eq!(o.call("XRND", 0), End::Returned);
    assert_eq!(o.call("FOUT", 0), End::Returned);
    let text: Vec<u8> = (0x4130..)
        .map(|a| o.m.peek(a))
        .take_while(|&c| c != 0)
        .collect();
    assert_eq!(text, b" .0222228");
}
