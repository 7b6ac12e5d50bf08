//! T-states of each arithmetic operation, ours against Level II's, on a
//! fixed operand set. Level II is measured through BASIC (see
//! fpsupport/level2.rs): the T-states of one loop pass with random operands
//! minus those with an operand that makes the operation return at once
//! (x+0, x*0, 0/x), so the interpreter's share cancels out. Ours is measured
//! the same way, calling the routine directly. Prints the table; asserts
//! nothing about Level II's numbers (needs TRS80_ROM), only that ours ran.

mod fpsupport;
use fpsupport::level2::Level2;
use fpsupport::model::Prec;
use fpsupport::ours::{End, Ours, ARG, FAC};
use fpsupport::{operand, Rng};

const N: usize = 200;

fn pairs(p: Prec, seed: u64) -> Vec<(Vec<u8>, Vec<u8>)> {
    let mut r = Rng(seed);
    let mut v = Vec::new();
    while v.len() < N {
        let a = operand(&mut r, p.len(), Some(0x81));
        let b = operand(&mut r, p.len(), Some(a[p.len() - 1]));
        let (ea, eb) = (a[p.len() - 1], b[p.len() - 1]);
        // Ordinary operands: no zero, no overflow.
        if (0x60..0xA0).contains(&ea) && (0x60..0xA0).contains(&eb) {
            v.push((a, b));
        }
    }
    v
}

/// (random operands, shortcut operands) for an operation: the shortcut
/// zeroes the second operand, or the first for division.
fn shortcut(p: Prec, op: char, a: &[u8], b: &[u8]) -> (Vec<u8>, Vec<u8>) {
    let z = vec![0; p.len()];
    if op == '/' {
        (z, b.to_vec())
    } else {
        (a.to_vec(), z)
    }
}

fn ours_t(o: &mut Ours, sym: &str, a: &[u8], b: &[u8]) -> u64 {
    o.set(FAC, a);
    o.set(ARG, b);
    assert_eq!(o.call(sym, 0), End::Returned);
    o.last_t
}

#[test]
fn t_states_per_operation() {
    let rom = std::env::var_os("TRS80_ROM").map(|p| std::fs::read(p).expect("TRS80_ROM"));
    let ops = [('+', "ADD"), ('-', "SUB"), ('*', "MUL"), ('/', "DIV")];
    let mut l2 = rom.as_ref().map(|r| {
        let mut lines = Vec::new();
        for (i, (c, _)) in ops.iter().enumerate() {
            for (j, s) in ['!', '#'].iter().enumerate() {
                lines.push((200 + 10 * (2 * i + j) as u16, format!("A{s}{c}B{s}")));
            }
        }
        let text: Vec<(u16, &str)> = lines.iter().map(|(n, s)| (*n, s.as_str())).collect();
        Level2::boot(r, &text)
    });
    let mut o = Ours::new("free");
    println!("op    prec  ours (T)  Level II (T)  ratio");
    for (i, (c, name)) in ops.iter().enumerate() {
        for (j, p) in [Prec::Sng, Prec::Dbl].into_iter().enumerate() {
            let sym = format!("{}{name}", if p == Prec::Sng { 'S' } else { 'D' });
            let set = pairs(p, 77 + i as u64);
            let mut ours = 0i64;
            for (a, b) in &set {
                let (za, zb) = shortcut(p, *c, a, b);
                ours += ours_t(&mut o, &sym, a, b) as i64 - ours_t(&mut o, &sym, &za, &zb) as i64;
            }
            let ours = ours / N as i64;
            assert!(ours > 0);
            let theirs = l2.as_mut().map(|l| {
                let line = 201 + 10 * (2 * i + j) as u16 - 1;
                let t = p.typ();
                l.start(line, &[(t, b'A'), (t, b'B')]);
                let mut sum = 0i64;
                for (a, b) in &set {
                    let (za, zb) = shortcut(p, *c, a, b);
                    l.eval(&[a, b]);
                    sum += l.last_t as i64;
                    l.eval(&[&za, &zb]);
                    sum -= l.last_t as i64;
                }
                sum / N as i64
            });
            match theirs {
                Some(t) => println!(
                    "{c}     {p:?}   {ours:8}  {t:12}  {:.2}",
                    ours as f64 / t as f64
                ),
                None => println!("{c}     {p:?}   {ours:8}  (TRS80_ROM not set)"),
            }
        }
    }
}
