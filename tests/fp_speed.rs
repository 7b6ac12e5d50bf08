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

/// Conversions and printing: Level II's published entries (CINT 0A7FH,
/// CSNG 0AB1H, CDBL 0ADBH, FIX 0B26H, INT 0B37H, FOUT 0FBDH) called
/// directly, machine code to its RET, with the argument put into the
/// accumulator (`Level2::call_direct`), as ours are. Operands: random,
/// around the integer range.
#[test]
fn t_states_per_conversion() {
    let rom = std::env::var_os("TRS80_ROM").map(|p| std::fs::read(p).expect("TRS80_ROM"));
    // (name, our routine and Level II's address, type of the argument)
    let cases: [(&str, &str, u16, u8); 12] = [
        ("CINT sng", "CINT", 0x0A7F, 4),
        ("CINT dbl", "CINT", 0x0A7F, 8),
        ("CSNG int", "CSNG", 0x0AB1, 2),
        ("CSNG dbl", "CSNG", 0x0AB1, 8),
        ("CDBL sng", "CDBL", 0x0ADB, 4),
        ("INT sng", "INT", 0x0B37, 4),
        ("INT dbl", "INT", 0x0B37, 8),
        ("FIX sng", "FIX", 0x0B26, 4),
        ("FIX dbl", "FIX", 0x0B26, 8),
        ("FOUT int", "FOUT", 0x0FBD, 2),
        ("FOUT sng", "FOUT", 0x0FBD, 4),
        ("FOUT dbl", "FOUT", 0x0FBD, 8),
    ];
    let mut o = Ours::new("free");
    let mut r = Rng(4242);
    let mut l2 = rom.as_ref().map(|rom| Level2::boot(rom, &[]));
    println!("routine   ours (T)  Level II (T)  ratio");
    for (name, sym, addr, t) in cases {
        let set: Vec<Vec<u8>> = (0..N)
            .map(|_| loop {
                let v = fpsupport::conv_operand(&mut r, t);
                // Singles and doubles in 1E-3..32767, so CINT never overflows.
                if t == 2 || (0x77..0x90).contains(&v[v.len() - 1]) {
                    break v;
                }
            })
            .collect();
        let mut ours = 0u64;
        for v in &set {
            o.set(FAC, &[0; 8]);
            if t == 2 {
                o.m.load(0x4121, v);
            } else {
                o.set(FAC, v);
            }
            o.m.poke(fpsupport::ours::VALTYP, t);
            assert_eq!(o.call(sym, 0), End::Returned);
            ours += o.last_t;
        }
        let ours = ours / N as u64;
        let theirs = l2
            .as_mut()
            .map(|l| set.iter().map(|v| l.call_direct(addr, t, v)).sum::<u64>() / N as u64);
        match theirs {
            Some(l) => println!("{name:9} {ours:8}  {l:12}  {:.2}", ours as f64 / l as f64),
            None => println!("{name:9} {ours:8}  (TRS80_ROM not set)"),
        }
    }
}
