//! Property test: the assembler and disassembler never panic, on random
//! bytes, random token soup and mutated valid programs (≥ 100,000 inputs in
//! the default run, from a fixed-seed PRNG so failures reproduce). Every
//! disassembly must also assemble back to the same bytes.
//!
//! `Z80ASM_FUZZ_SCALE=N` multiplies the number of inputs;
//! `Z80ASM_FUZZ_SEED=N` changes the seeds (default 0).

use std::panic::{catch_unwind, AssertUnwindSafe};

use testkit::Rng;
use z80asm::{assemble, assemble_line, disassemble, MemLoader, Options, SymbolTable};

/// xorshift64* — small, seeded, no dependencies.
const WORDS: &[&str] = &[
    "LD",
    "ADD",
    "ADC",
    "SUB",
    "SBC",
    "AND",
    "OR",
    "XOR",
    "CP",
    "INC",
    "DEC",
    "JP",
    "JR",
    "CALL",
    "RET",
    "DJNZ",
    "RST",
    "PUSH",
    "POP",
    "EX",
    "IN",
    "OUT",
    "IM",
    "BIT",
    "SET",
    "RES",
    "RLC",
    "SLL",
    "SL1",
    "NOP",
    "HALT",
    "LDIR",
    "NEG",
    "A",
    "B",
    "C",
    "D",
    "E",
    "H",
    "L",
    "I",
    "R",
    "HL",
    "BC",
    "DE",
    "SP",
    "IX",
    "IY",
    "AF",
    "AF'",
    "IXH",
    "IYL",
    "F",
    "NZ",
    "Z",
    "NC",
    "PO",
    "PE",
    "P",
    "M",
    "(HL)",
    "(IX+5)",
    "(IY-128)",
    "(C)",
    "(SP)",
    "(1234H)",
    "ORG",
    "DB",
    "DW",
    "DS",
    "DEFM",
    "EQU",
    "DEFL",
    "SET",
    "=",
    "IF",
    "IFDEF",
    "ELSE",
    "ENDIF",
    "MACRO",
    "ENDM",
    "REPT",
    "ENDR",
    "ALIGN",
    "ASSERT",
    "END",
    "INCLUDE",
    "\"inc.asm\"",
    "LOW",
    "HIGH",
    "$",
    "$FF",
    "0x10",
    "%101",
    "0b11",
    "1010B",
    "17O",
    "0FFH",
    "65535",
    "99999999999",
    "-",
    "+",
    "*",
    "/",
    "%",
    "&",
    "|",
    "^",
    "~",
    "!",
    "<<",
    ">>",
    "==",
    "<>",
    "<=",
    "&&",
    "||",
    "(",
    ")",
    ",",
    ":",
    ";",
    "'A'",
    "'AB'",
    "\"text\"",
    "''",
    "'",
    "\"",
    "LBL",
    ".loc",
    "LBL.X",
    "\\@",
    "X",
    "Y",
    "0",
    "1",
    "7",
    "8",
    "127",
    "128",
    "-129",
    "256",
];

fn soup(rng: &mut Rng, max_tokens: usize) -> String {
    let n = rng.below(max_tokens + 1);
    let mut s = String::new();
    if rng.below(2) == 0 {
        s.push(' ');
    }
    for _ in 0..n {
        s.push_str(rng.pick(WORDS));
        match rng.below(4) {
            0 => {}
            1 => s.push(','),
            _ => s.push(' '),
        }
    }
    s
}

const VALID: &str = r#"SCREEN  EQU 3C00H
N       DEFL 2
        ORG 4000H
PUT     MACRO v,w
        LD A,v
        LD (SCREEN+w),A
L\@:    DJNZ L\@
        ENDM
START:  LD HL,MSG
        LD B,LAST-MSG
.loop:  LD A,(HL)
        PUT 'x',N
        RES 0,(IX+5),A
        SLL (IY-3)
        OUT (C),0
        IN F,(C)
        LD IXH,IXL
        INC HL
        DJNZ .loop
        IF N > 1
        JP FINISH
        ELSE
        JR START
        ENDIF
MSG:    DB "Hello",0DH
LAST:   DW START,$,FINISH
        DS 4,0
FINISH: HALT
        ASSERT FINISH > START
        END START
"#;

const CHARS: &[u8] = b" \t,;:()+-*/%&|^~!<>=$'\"._@\\0123456789ABCDEFHXabcdefhx\n";

fn mutate(rng: &mut Rng, src: &str) -> String {
    let mut b: Vec<u8> = src.as_bytes().to_vec();
    for _ in 0..1 + rng.below(4) {
        if b.is_empty() {
            break;
        }
        let i = rng.below(b.len());
        match rng.below(5) {
            0 => {
                b.remove(i);
            }
            1 => b.insert(i, CHARS[rng.below(CHARS.len())]),
            2 => b[i] = CHARS[rng.below(CHARS.len())],
            3 => {
                let j = rng.below(b.len());
                let (lo, hi) = (i.min(j), i.max(j).min(lo_plus(i.min(j), 40, b.len())));
                let piece: Vec<u8> = b[lo..hi].to_vec();
                let k = rng.below(b.len());
                b.splice(k..k, piece);
            }
            _ => b[i] = rng.next_u64() as u8,
        }
    }
    String::from_utf8_lossy(&b).into_owned()
}

fn lo_plus(lo: usize, n: usize, len: usize) -> usize {
    (lo + n).min(len)
}

fn guard<T>(what: &str, input: &str, f: impl FnOnce() -> T) -> T {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(v) => v,
        Err(_) => panic!("{what} panicked on input:\n{input:?}"),
    }
}

/// The fixed seed `base`, varied by `Z80ASM_FUZZ_SEED`.
fn seed(base: u64) -> Rng {
    let extra: u64 = std::env::var("Z80ASM_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Rng(base ^ extra.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
}

fn scale() -> usize {
    std::env::var("Z80ASM_FUZZ_SCALE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1)
}

#[test]
fn disassembler_never_panics_and_round_trips() {
    let mut rng = seed(0x9E37_79B9_7F4A_7C15);
    let mut syms = SymbolTable::new();
    syms.insert("HERE", 0x4000);
    syms.insert("ZERO", 0);
    let n = 50_000 * scale();
    for _ in 0..n {
        let len = rng.below(9);
        let bytes: Vec<u8> = (0..len)
            .map(|_| {
                // Bias toward prefixes so prefix chains get exercised.
                match rng.below(6) {
                    0 => [0xDD, 0xFD, 0xED, 0xCB][rng.below(4)],
                    _ => rng.next_u64() as u8,
                }
            })
            .collect();
        let addr = rng.next_u64() as u16;
        let table = if rng.below(2) == 0 { Some(&syms) } else { None };
        let input = format!("{bytes:02X?} at {addr:04X}");
        let d = guard("disassemble", &input, || disassemble(&bytes, addr, table));
        assert!(
            d.len <= bytes.len() && (d.len > 0 || bytes.is_empty()),
            "{input}: {d:?}"
        );
        if d.len > 0 {
            let back = guard("assemble_line", &d.text, || {
                assemble_line(&d.text, addr, table.unwrap_or(&SymbolTable::new()))
            });
            assert_eq!(
                back.as_deref(),
                Ok(&bytes[..d.len]),
                "{input}: `{}`",
                d.text
            );
        }
    }
    println!("disassembler: {n} random inputs");
}

#[test]
fn line_assembler_never_panics() {
    let mut rng = seed(0x0123_4567_89AB_CDEF);
    let mut syms = SymbolTable::new();
    syms.insert("LBL", 0x1234);
    syms.insert("X", 5);
    let n = 30_000 * scale();
    let mut ok = 0;
    for _ in 0..n {
        let line = if rng.below(3) == 0 {
            // raw random characters
            (0..rng.below(20))
                .map(|_| CHARS[rng.below(CHARS.len())] as char)
                .collect()
        } else {
            soup(&mut rng, 6)
        };
        let addr = rng.next_u64() as u16;
        match guard("assemble_line", &line, || assemble_line(&line, addr, &syms)) {
            Ok(b) => {
                ok += 1;
                assert!(b.len() <= 0x10000);
            }
            Err(e) => {
                assert!(e.column >= 1 && !e.message.is_empty(), "{line:?}: {e:?}");
                let _ = e.to_string();
            }
        }
    }
    assert!(ok > 100, "some random lines should be valid ({ok})");
    println!("line assembler: {n} random inputs, {ok} assembled");
}

#[test]
fn assembler_never_panics_on_soup_and_mutations() {
    let mut rng = seed(0xDEAD_BEEF_CAFE_F00D);
    let n_soup = 12_000 * scale();
    let n_mut = 12_000 * scale();
    let mut errors = 0;
    let mut run = |src: &str, inc: &str| {
        let mut files = MemLoader::new();
        files.add("t.asm", src).add("inc.asm", inc);
        match guard("assemble", src, || {
            assemble("t.asm", &files, &Options::default())
        }) {
            Ok(out) => {
                let _ = out.to_cmd();
                assert!(out.image.len() <= 0x10000);
            }
            Err(es) => {
                for e in &es.0 {
                    assert!(e.line >= 1 && e.column >= 1, "{src:?}: {e:?}");
                }
                let _ = es.to_string();
                errors += 1;
            }
        }
    };
    for _ in 0..n_soup {
        let lines = 1 + rng.below(8);
        let src: Vec<String> = (0..lines).map(|_| soup(&mut rng, 6)).collect();
        let inc = soup(&mut rng, 5);
        run(&src.join("\n"), &inc);
    }
    for _ in 0..n_mut {
        let src = mutate(&mut rng, VALID);
        run(&src, "");
    }
    assert!(errors > 0);
    println!(
        "assembler: {} random programs ({n_soup} token soup, {n_mut} mutated)",
        n_soup + n_mut
    );
}

#[test]
fn valid_program_assembles() {
    let mut files = MemLoader::new();
    files.add("t.asm", VALID);
    let out = assemble("t.asm", &files, &Options::default()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.entry, Some(0x4000));
}
