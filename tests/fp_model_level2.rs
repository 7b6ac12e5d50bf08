//! The reference model of Level II arithmetic (tests/fpsupport/model.rs)
//! checked against the real Level II ROM on random operands.
//!
//! Needs `TRS80_ROM` (a Level II image, 1.2 or 1.3); without it the test
//! prints `SKIPPED` and passes. The default run checks a few hundred pairs
//! per operation and precision; `TRS80_FP_FULL=1` checks 100,000.
//! Level II is driven through BASIC only (see fpsupport/level2.rs).

mod fpsupport;
use fpsupport::level2::{Level2, Outcome};
use fpsupport::model::{self, Prec, Res};
use fpsupport::{count, operand, Rng};

type Op = fn(&[u8], &[u8], Prec) -> Res;

fn outcome(r: Res, p: Prec) -> Outcome {
    match r {
        Res::Val(v) => Outcome::Value(p.typ(), v),
        Res::Err(e) => Outcome::Error(e),
    }
}

/// Equal, where a zero (exponent byte 0) equals any other zero: Level II
/// leaves whatever mantissa bytes were there when a result becomes zero.
fn same(a: &Outcome, b: &Outcome) -> bool {
    match (a, b) {
        (Outcome::Value(t, x), Outcome::Value(u, y)) if t == u && t != &2 => {
            x == y || (x.last() == Some(&0) && y.last() == Some(&0))
        }
        _ => a == b,
    }
}

#[test]
fn model_agrees_with_level2_on_the_four_operations() {
    let Some(path) = std::env::var_os("TRS80_ROM") else {
        println!("SKIPPED: TRS80_ROM is not set (path of a Level II ROM image)");
        return;
    };
    let rom = std::fs::read(&path).expect("TRS80_ROM");
    let n = count(300, 100_000);
    let ops: [(&str, char, Op); 4] = [
        ("+", '+', model::add),
        ("-", '-', model::sub),
        ("*", '*', model::mul),
        ("/", '/', model::div),
    ];
    let mut lines = Vec::new();
    let mut cases = Vec::new();
    for (i, (name, c, f)) in ops.iter().enumerate() {
        for (j, (p, suf)) in [(Prec::Sng, '!'), (Prec::Dbl, '#')].iter().enumerate() {
            let line = 20 + 10 * (2 * i + j) as u16;
            lines.push((line, format!("A{suf}{c}B{suf}")));
            cases.push((line, *name, *p, *f));
        }
    }
    let text: Vec<(u16, &str)> = lines.iter().map(|(n, s)| (*n, s.as_str())).collect();
    let mut l2 = Level2::boot(&rom, &text);
    let mut rng = Rng(0x5EED_1234_ABCD_0001);
    let mut failed = false;
    for (line, name, p, f) in cases {
        let t = p.typ();
        l2.start(line, &[(t, b'A'), (t, b'B')]);
        let mut bad = 0;
        for _ in 0..n {
            let a = operand(&mut rng, p.len(), None);
            let b = operand(&mut rng, p.len(), Some(a[p.len() - 1]));
            let got = l2.eval(&[&a, &b]);
            let want = outcome(f(&a, &b, p), p);
            if !same(&got, &want) {
                if bad < 8 {
                    println!(
                        "{p:?} {a:02X?} {name} {b:02X?}: Level II {got:02X?}, model {want:02X?}"
                    );
                }
                bad += 1;
            }
        }
        let rate = 100.0 * (n - bad) as f64 / n as f64;
        println!("{p:?} {name}: {} of {n} agree ({rate:.4} %)", n - bad);
        failed |= bad > 0;
    }
    assert!(!failed, "the model disagrees with Level II");
}

#[test]
fn model_agrees_with_level2_on_conversions() {
    let Some(path) = std::env::var_os("TRS80_ROM") else {
        println!("SKIPPED: TRS80_ROM is not set (path of a Level II ROM image)");
        return;
    };
    let rom = std::fs::read(&path).expect("TRS80_ROM");
    let n = count(300, 100_000);
    type Conv = fn(&model::Typed) -> Result<model::Typed, u8>;
    let cases: [(&str, u8, Conv); 10] = [
        ("CINT(A!)", 4, |v| {
            model::cint(v).map(|i| (2, i.to_le_bytes().to_vec()))
        }),
        ("CINT(A#)", 8, |v| {
            model::cint(v).map(|i| (2, i.to_le_bytes().to_vec()))
        }),
        ("INT(A!)", 4, |v| Ok(model::int_fix(v, true))),
        ("INT(A#)", 8, |v| Ok(model::int_fix(v, true))),
        ("FIX(A!)", 4, |v| Ok(model::int_fix(v, false))),
        ("FIX(A#)", 8, |v| Ok(model::int_fix(v, false))),
        ("CSNG(A#)", 8, model::csng),
        ("CSNG(A%)", 2, model::csng),
        ("CDBL(A!)", 4, |v| Ok(model::cdbl(v))),
        ("CDBL(A%)", 2, |v| Ok(model::cdbl(v))),
    ];
    let lines: Vec<(u16, &str)> = cases
        .iter()
        .enumerate()
        .map(|(i, c)| (200 + 10 * i as u16, c.0))
        .collect();
    let mut l2 = Level2::boot(&rom, &lines);
    let mut rng = Rng(0x5EED_0000_C0DE_0002);
    let mut failed = false;
    for ((line, _), (name, t, f)) in lines.iter().zip(cases) {
        l2.start(*line, &[(t, b'A')]);
        let mut bad = 0;
        for _ in 0..n {
            let a = fpsupport::conv_operand(&mut rng, t);
            let got = l2.eval(&[&a]);
            let want = match f(&(t, a.clone())) {
                Ok((u, v)) => Outcome::Value(u, v),
                Err(e) => Outcome::Error(e),
            };
            if !same(&got, &want) {
                if bad < 8 {
                    println!("{name} {a:02X?}: Level II {got:02X?}, model {want:02X?}");
                }
                bad += 1;
            }
        }
        let rate = 100.0 * (n - bad) as f64 / n as f64;
        println!("{name}: {} of {n} agree ({rate:.4} %)", n - bad);
        failed |= bad > 0;
    }
    assert!(!failed, "the model disagrees with Level II");
}

#[test]
fn model_agrees_with_level2_on_integers_relations_and_signs() {
    let Some(path) = std::env::var_os("TRS80_ROM") else {
        println!("SKIPPED: TRS80_ROM is not set (path of a Level II ROM image)");
        return;
    };
    let rom = std::fs::read(&path).expect("TRS80_ROM");
    let n = count(300, 100_000);
    type F = fn(&[u8], &[u8]) -> Result<model::Typed, u8>;
    let cases: Vec<(&str, u8, F)> = vec![
        ("A%+B%", 2, |a, b| model::int_op('+', a, b)),
        ("A%-B%", 2, |a, b| model::int_op('-', a, b)),
        ("A%*B%", 2, |a, b| model::int_op('*', a, b)),
        ("A%/B%", 2, |a, b| model::int_op('/', a, b)),
        ("A%<B%", 2, |a, b| Ok(model::relation("<", 2, a, b))),
        ("A!<B!", 4, |a, b| Ok(model::relation("<", 4, a, b))),
        ("A!=B!", 4, |a, b| Ok(model::relation("=", 4, a, b))),
        ("A!>B!", 4, |a, b| Ok(model::relation(">", 4, a, b))),
        ("A#<B#", 8, |a, b| Ok(model::relation("<", 8, a, b))),
        ("A#=B#", 8, |a, b| Ok(model::relation("=", 8, a, b))),
        ("-A%", 2, |a, _| Ok(model::negate(2, a))),
        ("-A!", 4, |a, _| Ok(model::negate(4, a))),
        ("-A#", 8, |a, _| Ok(model::negate(8, a))),
        ("ABS(A%)", 2, |a, _| Ok(model::abs(2, a))),
        ("ABS(A!)", 4, |a, _| Ok(model::abs(4, a))),
        ("ABS(A#)", 8, |a, _| Ok(model::abs(8, a))),
        ("SGN(A%)", 2, |a, _| Ok(model::sgn(2, a))),
        ("SGN(A!)", 4, |a, _| Ok(model::sgn(4, a))),
        ("SGN(A#)", 8, |a, _| Ok(model::sgn(8, a))),
    ];
    let lines: Vec<(u16, &str)> = cases
        .iter()
        .enumerate()
        .map(|(i, c)| (200 + 10 * i as u16, c.0))
        .collect();
    let mut l2 = Level2::boot(&rom, &lines);
    let mut rng = Rng(0x5EED_0000_1117_0003);
    let mut failed = false;
    for ((line, _), (name, t, f)) in lines.iter().zip(cases) {
        let two = name.matches(['%', '!', '#']).count() == 2;
        let names: Vec<(u8, u8)> = if two {
            vec![(t, b'A'), (t, b'B')]
        } else {
            vec![(t, b'A')]
        };
        l2.start(*line, &names);
        let mut bad = 0;
        for i in 0..n {
            let a = fpsupport::conv_operand(&mut rng, t);
            let mut b = fpsupport::conv_operand(&mut rng, t);
            if i % 7 == 0 {
                b = a.clone(); // equal operands for the relations
            }
            let got = if two {
                l2.eval(&[&a, &b])
            } else {
                l2.eval(&[&a])
            };
            let want = match f(&a, &b) {
                Ok((u, v)) => Outcome::Value(u, v),
                Err(e) => Outcome::Error(e),
            };
            if !same(&got, &want) {
                if bad < 8 {
                    println!("{name} {a:02X?} {b:02X?}: Level II {got:02X?}, model {want:02X?}");
                }
                bad += 1;
            }
        }
        let rate = 100.0 * (n - bad) as f64 / n as f64;
        println!("{name}: {} of {n} agree ({rate:.4} %)", n - bad);
        failed |= bad > 0;
    }
    assert!(!failed, "the model disagrees with Level II");
}
