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

/// The Level II ROM named by `TRS80_ROM`, or `None` after printing SKIPPED.
fn level2_rom() -> Option<Vec<u8>> {
    let Some(path) = std::env::var_os("TRS80_ROM") else {
        println!("SKIPPED: TRS80_ROM is not set (path of a Level II ROM image)");
        return None;
    };
    Some(std::fs::read(&path).expect("TRS80_ROM"))
}

/// Counts the agreements for one expression; prints the first differences.
struct Tally {
    name: String,
    n: usize,
    bad: usize,
}

impl Tally {
    fn new(name: impl Into<String>) -> Tally {
        Tally {
            name: name.into(),
            n: 0,
            bad: 0,
        }
    }

    fn check(&mut self, got: &Outcome, want: &Outcome, operands: impl FnOnce() -> String) {
        self.n += 1;
        if !same(got, want) {
            if self.bad < 8 {
                println!(
                    "{} {}: Level II {got:02X?}, model {want:02X?}",
                    self.name,
                    operands()
                );
            }
            self.bad += 1;
        }
    }

    /// Print the agreement rate; true when everything agreed.
    fn done(self) -> bool {
        let ok = self.n - self.bad;
        let rate = 100.0 * ok as f64 / self.n as f64;
        println!("{}: {ok} of {} agree ({rate:.4} %)", self.name, self.n);
        self.bad == 0
    }
}

fn typed_outcome(r: Result<model::Typed, u8>) -> Outcome {
    match r {
        Ok((u, v)) => Outcome::Value(u, v),
        Err(e) => Outcome::Error(e),
    }
}

#[test]
fn model_agrees_with_level2_on_the_four_operations() {
    let Some(rom) = level2_rom() else {
        return;
    };
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
        let mut tally = Tally::new(format!("{p:?} {name}"));
        for _ in 0..n {
            let a = operand(&mut rng, p.len(), None);
            let b = operand(&mut rng, p.len(), Some(a[p.len() - 1]));
            let got = l2.eval(&[&a, &b]);
            tally.check(&got, &outcome(f(&a, &b, p), p), || {
                format!("{a:02X?} {b:02X?}")
            });
        }
        failed |= !tally.done();
    }
    assert!(!failed, "the model disagrees with Level II");
}

#[test]
fn model_agrees_with_level2_on_conversions() {
    let Some(rom) = level2_rom() else {
        return;
    };
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
        let mut tally = Tally::new(name);
        for _ in 0..n {
            let a = fpsupport::conv_operand(&mut rng, t);
            let got = l2.eval(&[&a]);
            tally.check(&got, &typed_outcome(f(&(t, a.clone()))), || {
                format!("{a:02X?}")
            });
        }
        failed |= !tally.done();
    }
    assert!(!failed, "the model disagrees with Level II");
}

#[test]
fn model_agrees_with_level2_on_integers_relations_and_signs() {
    let Some(rom) = level2_rom() else {
        return;
    };
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
        let mut tally = Tally::new(name);
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
            tally.check(&got, &typed_outcome(f(&a, &b)), || {
                format!("{a:02X?} {b:02X?}")
            });
        }
        failed |= !tally.done();
    }
    assert!(!failed, "the model disagrees with Level II");
}

#[test]
fn model_agrees_with_level2_on_rnd() {
    let Some(rom) = level2_rom() else {
        return;
    };
    let n = count(300, 100_000);
    let mut l2 = Level2::boot(&rom, &[(200, "RND(A%)")]);
    // The power-up state: seed 0, multiplier 40H E6H 4DH.
    let m = |a| l2.m.peek(a) as u32;
    assert_eq!((m(0x40AA), m(0x40AB), m(0x40AC)), (0, 0, 0));
    let mult = m(0x4090) << 16 | m(0x4091) << 8 | m(0x4092);
    assert_eq!(mult, 0x40E64D);
    l2.start(200, &[(2, b'A')]);
    let mut rng = Rng(0x5EED_0000_0123_0004);
    let mut tally = Tally::new("RND(A%)");
    for i in 0..n {
        let seed = (rng.next_u64() & 0xFF_FFFF) as u32;
        let arg: i32 = match i % 4 {
            0 => 0,
            1 => 32767,
            _ => 1 + rng.below(32767) as i32,
        };
        l2.m.load(0x40AA, &seed.to_le_bytes()[..3]);
        let got = l2.eval(&[&(arg as i16).to_le_bytes()]);
        let after =
            u32::from_le_bytes([l2.m.peek(0x40AA), l2.m.peek(0x40AB), l2.m.peek(0x40AC), 0]);
        let (s, want) = model::rnd(seed, mult, arg);
        let want = if after == s {
            typed_outcome(want)
        } else {
            Outcome::Error(0xFF) // a seed that differs counts as a difference
        };
        tally.check(&got, &want, || format!("{arg} seed {seed:06X}"));
    }
    assert!(tally.done());
}
