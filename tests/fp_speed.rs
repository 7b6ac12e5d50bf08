//! T-states of each arithmetic operation, ours against Level II's, on a
//! fixed operand set. Level II is measured through BASIC (see
//! fpsupport/level2.rs): the T-states of one loop pass with random operands
//! minus those with an operand that makes the operation return at once
//! (x+0, x*0, 0/x), so the interpreter's share cancels out. Ours is measured
//! the same way, calling the routine directly. Conversions, FIN and FOUT are
//! called directly in both ROMs (their published entries); integer
//! operations, the functions and RND run as the same BASIC lines under both
//! ROMs, less the line's own T-states (`Z=USR(A!)`). Prints the tables; with
//! TRS80_ROM each ratio (ours / Level II's) must lie in 0.7..1.3.

mod fpsupport;
use fpsupport::level2::Level2;
use fpsupport::model::Prec;
use fpsupport::ours::{End, Ours, ARG, FAC};
use fpsupport::{operand, Rng};

const N: usize = 200;

/// Ratio ours / Level II's must lie in this range (the goal).
const RANGE: std::ops::RangeInclusive<f64> = 0.7..=1.3;

/// Print a table row; false when the ratio is outside RANGE.
fn row(name: &str, ours: i64, theirs: Option<i64>) -> bool {
    match theirs {
        Some(t) => {
            let r = ours as f64 / t as f64;
            let ok = RANGE.contains(&r);
            println!(
                "{name:12} {ours:8}  {t:12}  {r:.2}{}",
                if ok { "" } else { "  OUT OF RANGE" }
            );
            ok
        }
        None => {
            println!("{name:12} {ours:8}  (TRS80_ROM not set)");
            true
        }
    }
}

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
    let mut ok = true;
    println!("op           ours (T)  Level II (T)  ratio");
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
            ok &= row(&format!("{c} {p:?}"), ours, theirs);
        }
    }
    assert!(
        ok,
        "an operation is outside 0.7..1.3 of Level II's T-states"
    );
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
    let cases: [(&str, &str, u16, u8); 13] = [
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
        ("FOUT dbl big", "FOUT", 0x0FBD, 8),
    ];
    let mut o = Ours::new("free");
    let mut r = Rng(4242);
    let mut l2 = rom.as_ref().map(|rom| Level2::boot(rom, &[]));
    let mut ok = true;
    println!("routine      ours (T)  Level II (T)  ratio");
    for (name, sym, addr, t) in cases {
        let set: Vec<Vec<u8>> = (0..N)
            .map(|_| loop {
                let v = fpsupport::conv_operand(&mut r, t);
                // Singles and doubles in 1E-3..32767, so CINT never overflows
                // (or 1E19..1E29: FOUT's divisions).
                let range = if name.ends_with("big") {
                    0xC0..0xE0
                } else {
                    0x77..0x90
                };
                if t == 2 {
                    break v;
                }
                if range.contains(&v[v.len() - 1]) {
                    break v;
                } else if name.ends_with("big") {
                    let mut w = v;
                    let l = w.len();
                    w[l - 1] = 0xC0 + (w[0] & 0x1F);
                    break w;
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
        ok &= row(name, ours as i64, theirs.map(|t| t as i64));
    }
    assert!(
        ok,
        "a conversion is outside 0.7..1.3 of Level II's T-states"
    );
}

/// FIN (0E6CH) on fixed texts: program constants of every kind, called with
/// HL at the text in both ROMs.
#[test]
fn t_states_of_fin() {
    let rom = std::env::var_os("TRS80_ROM").map(|p| std::fs::read(p).expect("TRS80_ROM"));
    let texts: [&[u8]; 12] = [
        b"7",
        b"123",
        b"32767",
        b"40000",
        b"3.14159",
        b"-0.000123",
        b"1.5E10",
        b"2.5E-20",
        b"12345678901",
        b"1.234567890123D-5",
        b"100#",
        b".1",
    ];
    const AT: u16 = 0x7E80;
    let mut o = Ours::new("free");
    let mut l2 = rom.as_ref().map(|rom| {
        let mut l = Level2::boot(rom, &[(20, "A!")]);
        l.start(20, &[(4, b'A')]);
        l
    });
    let mut ok = true;
    println!("FIN text              ours (T)  Level II (T)  ratio");
    let (mut sum_o, mut sum_l) = (0i64, 0i64);
    for t in texts {
        let mut b = t.to_vec();
        b.push(0);
        o.m.load(AT, &b);
        assert_eq!(o.call("FIN", AT), End::Returned);
        let ours = o.last_t as i64;
        let theirs = l2.as_mut().map(|l| {
            l.m.load(AT, &b);
            l.call_direct_hl(0x0E6C, AT) as i64
        });
        sum_o += ours;
        sum_l += theirs.unwrap_or(0);
        let _ = row(&format!("FIN {}", String::from_utf8_lossy(t)), ours, theirs);
    }
    ok &= row("FIN (all)", sum_o, l2.as_ref().map(|_| sum_l));
    assert!(ok, "FIN is outside 0.7..1.3 of Level II's T-states");
}

/// Argument sets: for each evaluation, the variables' value bytes.
type Args = Vec<Vec<Vec<u8>>>;

/// A BASIC line's expression, its variables (type, letter), the arguments.
type Case = (&'static str, Vec<(u8, u8)>, Args);

/// Our ROM's image, as a 12 KB ROM for the machine.
fn our_image() -> Vec<u8> {
    let r = roms::get("free").expect("the free ROM");
    let mut image = vec![0xFF; 0x3000];
    image[r.origin as usize..r.end() as usize].copy_from_slice(r.image);
    image
}

/// Average T-states of `expr`'s line over `args` less those of the line
/// `A!` (or `A%`) with the same arguments, on a booted ROM.
fn basic_t(rom: &[u8], expr: &str, names: &[(u8, u8)], args: &Args) -> i64 {
    let base = if names.first().map(|n| n.0) == Some(2) {
        "A%"
    } else {
        "A!"
    };
    let mut l = Level2::boot(rom, &[(20, base), (30, expr)]);
    let mut line_t = |line: u16, names: &[(u8, u8)]| {
        l.start(line, names);
        let mut sum = 0i64;
        for a in args {
            let v: Vec<&[u8]> = a.iter().map(|x| x.as_slice()).collect();
            let _ = l.eval(&v[..names.len()]);
            sum += l.last_t as i64;
        }
        sum / args.len() as i64
    };
    let t = line_t(30, names);
    let first = names.first().map_or((4, b'A'), |n| *n);
    t - line_t(20, &[first])
}

/// Integer + - * /, the functions and RND: the same BASIC lines under both
/// ROMs (the interpreters' share of an operator or a function call is in
/// both figures).
#[test]
fn t_states_through_basic() {
    let rom = std::env::var_os("TRS80_ROM").map(|p| std::fs::read(p).expect("TRS80_ROM"));
    let ours_rom = our_image();
    let mut r = Rng(0xBA51C);
    let sng = |x: f64| fpsupport::table::from_f64(x, Prec::Sng);
    let int = |x: i32| (x as i16).to_le_bytes().to_vec();
    let uni = |r: &mut Rng, lo: f64, hi: f64| {
        lo + (hi - lo) * ((r.next_u64() >> 11) as f64 / (1u64 << 53) as f64)
    };
    // (expression, variables, arguments)
    let mut cases: Vec<Case> = Vec::new();
    let ii = [(2, b'A'), (2, b'B')];
    let mk_int = |r: &mut Rng, m: i32, nz: bool| {
        (0..40)
            .map(|_| {
                let a = r.below(2 * m as usize + 1) as i32 - m;
                let mut b = r.below(2 * m as usize + 1) as i32 - m;
                if nz && b == 0 {
                    b = 7;
                }
                vec![int(a), int(b)]
            })
            .collect::<Vec<_>>()
    };
    cases.push(("A%+B%", ii.to_vec(), mk_int(&mut r, 16000, false)));
    cases.push(("A%-B%", ii.to_vec(), mk_int(&mut r, 16000, false)));
    cases.push(("A%*B%", ii.to_vec(), mk_int(&mut r, 180, false)));
    cases.push(("A%/B%", ii.to_vec(), mk_int(&mut r, 30000, true)));
    let f1 = |r: &mut Rng, lo: f64, hi: f64, log: bool| {
        (0..30)
            .map(|_| {
                let x = if log {
                    lo * (hi / lo).powf(uni(r, 0.0, 1.0))
                } else {
                    uni(r, lo, hi)
                };
                vec![sng(x)]
            })
            .collect::<Vec<_>>()
    };
    let a = vec![(4, b'A')];
    cases.push(("SQR(A!)", a.clone(), f1(&mut r, 1e-6, 1e6, true)));
    cases.push(("EXP(A!)", a.clone(), f1(&mut r, -80.0, 80.0, false)));
    cases.push(("LOG(A!)", a.clone(), f1(&mut r, 1e-30, 1e30, true)));
    cases.push(("SIN(A!)", a.clone(), f1(&mut r, -20.0, 20.0, false)));
    cases.push(("COS(A!)", a.clone(), f1(&mut r, -20.0, 20.0, false)));
    cases.push(("TAN(A!)", a.clone(), f1(&mut r, -20.0, 20.0, false)));
    cases.push(("ATN(A!)", a.clone(), f1(&mut r, 1e-4, 1e4, true)));
    let pow: Vec<Vec<Vec<u8>>> = (0..30)
        .map(|_| {
            vec![
                sng(uni(&mut r, 0.1, 100.0)),
                sng((uni(&mut r, -10.0, 10.0) * 100.0).round() / 100.0),
            ]
        })
        .collect();
    cases.push(("A!^B!", vec![(4, b'A'), (4, b'B')], pow));
    cases.push(("RND(0)+A!", a.clone(), f1(&mut r, 1.0, 2.0, false)));
    let rn: Vec<Vec<Vec<u8>>> = (0..30).map(|i| vec![int(1 + i * 997)]).collect();
    cases.push(("RND(A%)", vec![(2, b'A')], rn));
    let mut ok = true;
    println!("line         ours (T)  Level II (T)  ratio");
    for (expr, names, args) in &cases {
        let ours = basic_t(&ours_rom, expr, names, args);
        let theirs = rom.as_ref().map(|l| basic_t(l, expr, names, args));
        ok &= row(expr, ours, theirs);
    }
    assert!(ok, "a line is outside 0.7..1.3 of Level II's T-states");
}
