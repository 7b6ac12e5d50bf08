//! Disassembler: one instruction at a time, Zilog syntax, upper case.
//! See [`disassemble`] for the text conventions.

use crate::lexer::{hex16, hex8};
use crate::symbols::SymbolTable;

/// One disassembled instruction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Disasm {
    /// Assembler text, e.g. `LD A,(IX+05H)`.
    pub text: String,
    /// Number of bytes the instruction occupies (0 only for an empty slice).
    pub len: usize,
}

const R: [&str; 8] = ["B", "C", "D", "E", "H", "L", "(HL)", "A"];
const CC: [&str; 8] = ["NZ", "Z", "NC", "C", "PO", "PE", "P", "M"];
const ALU: [&str; 8] = [
    "ADD A,", "ADC A,", "SUB ", "SBC A,", "AND ", "XOR ", "OR ", "CP ",
];
const ROT: [&str; 8] = ["RLC", "RRC", "RL", "RR", "SLA", "SRA", "SLL", "SRL"];

struct Dis<'a> {
    bytes: &'a [u8],
    pos: usize,
    addr: u16,
    syms: Option<&'a SymbolTable>,
    /// "IX"/"IY" when a DD/FD prefix is active.
    index: Option<&'static str>,
    /// Set when the prefix changed the instruction.
    used: bool,
}

/// Marker for running out of bytes.
struct Short;

impl Dis<'_> {
    fn byte(&mut self) -> Result<u8, Short> {
        let b = *self.bytes.get(self.pos).ok_or(Short)?;
        self.pos += 1;
        Ok(b)
    }

    fn word(&mut self) -> Result<u16, Short> {
        let lo = self.byte()?;
        let hi = self.byte()?;
        Ok(u16::from_le_bytes([lo, hi]))
    }

    fn addr_text(&self, v: u16) -> String {
        match self.syms.and_then(|s| s.name_of(v)) {
            Some(n) => n.to_string(),
            None => hex16(v),
        }
    }

    fn nn(&mut self) -> Result<String, Short> {
        let w = self.word()?;
        Ok(self.addr_text(w))
    }

    fn n(&mut self) -> Result<String, Short> {
        Ok(hex8(self.byte()?))
    }

    fn rel(&mut self) -> Result<String, Short> {
        let d = self.byte()? as i8;
        let target = self
            .addr
            .wrapping_add(self.pos as u16)
            .wrapping_add(d as u16);
        Ok(self.addr_text(target))
    }

    fn disp_text(ix: &str, d: u8) -> String {
        let d = d as i8;
        if d < 0 {
            format!("({ix}-{})", hex8(d.unsigned_abs()))
        } else {
            format!("({ix}+{})", hex8(d as u8))
        }
    }

    /// `r[i]`; `halves` allows IXH/IXL for H/L under a prefix.
    fn r(&mut self, i: u8, halves: bool) -> Result<String, Short> {
        let i = i & 7;
        match (self.index, i) {
            (Some(ix), 6) => {
                self.used = true;
                let d = self.byte()?;
                Ok(Self::disp_text(ix, d))
            }
            (Some(ix), 4 | 5) if halves => {
                self.used = true;
                Ok(format!("{ix}{}", if i == 4 { "H" } else { "L" }))
            }
            _ => Ok(R[i as usize].to_string()),
        }
    }

    fn hl(&mut self) -> &'static str {
        match self.index {
            Some(ix) => {
                self.used = true;
                ix
            }
            None => "HL",
        }
    }

    fn rp(&mut self, p: u8) -> &'static str {
        match p & 3 {
            0 => "BC",
            1 => "DE",
            2 => self.hl(),
            _ => "SP",
        }
    }

    fn rp2(&mut self, p: u8) -> &'static str {
        match p & 3 {
            0 => "BC",
            1 => "DE",
            2 => self.hl(),
            _ => "AF",
        }
    }

    /// Unprefixed (or DD/FD-modified) opcode table.
    fn main(&mut self, op: u8) -> Result<String, Short> {
        let (x, y, z) = (op >> 6, (op >> 3) & 7, op & 7);
        let (p, q) = (y >> 1, y & 1);
        Ok(match x {
            0 => match z {
                0 => match y {
                    0 => "NOP".into(),
                    1 => "EX AF,AF'".into(),
                    2 => format!("DJNZ {}", self.rel()?),
                    3 => format!("JR {}", self.rel()?),
                    _ => format!("JR {},{}", CC[(y - 4) as usize], self.rel()?),
                },
                1 => {
                    if q == 0 {
                        let r = self.rp(p);
                        format!("LD {r},{}", self.nn()?)
                    } else {
                        let a = self.hl();
                        format!("ADD {a},{}", self.rp(p))
                    }
                }
                2 => match (q, p) {
                    (0, 0) => "LD (BC),A".into(),
                    (0, 1) => "LD (DE),A".into(),
                    (0, 2) => {
                        let h = self.hl();
                        format!("LD ({}),{h}", self.nn()?)
                    }
                    (0, _) => format!("LD ({}),A", self.nn()?),
                    (_, 0) => "LD A,(BC)".into(),
                    (_, 1) => "LD A,(DE)".into(),
                    (_, 2) => {
                        let h = self.hl();
                        format!("LD {h},({})", self.nn()?)
                    }
                    _ => format!("LD A,({})", self.nn()?),
                },
                3 => format!("{} {}", if q == 0 { "INC" } else { "DEC" }, self.rp(p)),
                4 => format!("INC {}", self.r(y, true)?),
                5 => format!("DEC {}", self.r(y, true)?),
                6 => {
                    let r = self.r(y, true)?;
                    format!("LD {r},{}", self.n()?)
                }
                _ => ["RLCA", "RRCA", "RLA", "RRA", "DAA", "CPL", "SCF", "CCF"][y as usize].into(),
            },
            1 => {
                if y == 6 && z == 6 {
                    "HALT".into()
                } else {
                    let halves = y != 6 && z != 6;
                    let d = self.r(y, halves)?;
                    let s = self.r(z, halves)?;
                    format!("LD {d},{s}")
                }
            }
            2 => format!("{}{}", ALU[y as usize], self.r(z, true)?),
            _ => match z {
                0 => format!("RET {}", CC[y as usize]),
                1 => match (q, p) {
                    (0, _) => format!("POP {}", self.rp2(p)),
                    (_, 0) => "RET".into(),
                    (_, 1) => "EXX".into(),
                    (_, 2) => format!("JP ({})", self.hl()),
                    _ => format!("LD SP,{}", self.hl()),
                },
                2 => format!("JP {},{}", CC[y as usize], self.nn()?),
                3 => match y {
                    0 => format!("JP {}", self.nn()?),
                    1 => unreachable_cb(),
                    2 => format!("OUT ({}),A", self.n()?),
                    3 => format!("IN A,({})", self.n()?),
                    4 => format!("EX (SP),{}", self.hl()),
                    5 => "EX DE,HL".into(),
                    6 => "DI".into(),
                    _ => "EI".into(),
                },
                4 => format!("CALL {},{}", CC[y as usize], self.nn()?),
                5 => match (q, p) {
                    (0, _) => format!("PUSH {}", self.rp2(p)),
                    _ => format!("CALL {}", self.nn()?),
                },
                6 => format!("{}{}", ALU[y as usize], self.n()?),
                _ => format!("RST {}", hex8(y * 8)),
            },
        })
    }

    fn cb(&mut self, op: u8) -> String {
        let (x, y, z) = (op >> 6, (op >> 3) & 7, op & 7);
        let r = R[z as usize];
        match x {
            0 => format!("{} {r}", ROT[y as usize]),
            1 => format!("BIT {y},{r}"),
            2 => format!("RES {y},{r}"),
            _ => format!("SET {y},{r}"),
        }
    }

    /// DDCB/FDCB: returns the text and whether it is canonical.
    fn index_cb(ix: &str, d: u8, op: u8) -> (String, bool) {
        let (x, y, z) = (op >> 6, (op >> 3) & 7, op & 7);
        let m = Self::disp_text(ix, d);
        let copy = if z == 6 {
            String::new()
        } else {
            format!(",{}", R[z as usize])
        };
        match x {
            0 => (format!("{} {m}{copy}", ROT[y as usize]), true),
            1 => (format!("BIT {y},{m}"), z == 6),
            2 => (format!("RES {y},{m}{copy}"), true),
            _ => (format!("SET {y},{m}{copy}"), true),
        }
    }

    /// ED table: returns the text and whether it is canonical.
    fn ed(&mut self, op: u8) -> Result<(String, bool), Short> {
        let (x, y, z) = (op >> 6, (op >> 3) & 7, op & 7);
        let (p, q) = (y >> 1, y & 1);
        if x == 1 {
            return Ok(match z {
                0 if y == 6 => ("IN F,(C)".into(), true),
                0 => (format!("IN {},(C)", R[y as usize]), true),
                1 if y == 6 => ("OUT (C),0".into(), true),
                1 => (format!("OUT (C),{}", R[y as usize]), true),
                2 => (
                    format!(
                        "{} HL,{}",
                        if q == 0 { "SBC" } else { "ADC" },
                        ["BC", "DE", "HL", "SP"][p as usize]
                    ),
                    true,
                ),
                3 => {
                    let rr = ["BC", "DE", "HL", "SP"][p as usize];
                    let a = self.nn()?;
                    let t = if q == 0 {
                        format!("LD ({a}),{rr}")
                    } else {
                        format!("LD {rr},({a})")
                    };
                    if p == 2 {
                        (format!("{t} (ED form)"), false)
                    } else {
                        (t, true)
                    }
                }
                4 => ("NEG".into(), y == 0),
                5 if y == 1 => ("RETI".into(), true),
                5 => ("RETN".into(), y == 0),
                6 => {
                    let m = ["0", "0/1", "1", "2"][(y & 3) as usize];
                    (format!("IM {m}"), matches!(y, 0 | 2 | 3))
                }
                _ => match y {
                    0 => ("LD I,A".into(), true),
                    1 => ("LD R,A".into(), true),
                    2 => ("LD A,I".into(), true),
                    3 => ("LD A,R".into(), true),
                    4 => ("RRD".into(), true),
                    5 => ("RLD".into(), true),
                    _ => ("NOP".into(), false),
                },
            });
        }
        if x == 2 && z <= 3 && y >= 4 {
            const B: [[&str; 4]; 4] = [
                ["LDI", "CPI", "INI", "OUTI"],
                ["LDD", "CPD", "IND", "OUTD"],
                ["LDIR", "CPIR", "INIR", "OTIR"],
                ["LDDR", "CPDR", "INDR", "OTDR"],
            ];
            return Ok((B[(y - 4) as usize][z as usize].into(), true));
        }
        Ok(("undefined (NOP)".into(), false))
    }
}

fn unreachable_cb() -> String {
    // CB is handled before the main table; keep a harmless text.
    "DEFB 0CBH".into()
}

fn defb(bytes: &[u8], comment: &str) -> String {
    let list: Vec<String> = bytes.iter().map(|&b| hex8(b)).collect();
    if comment.is_empty() {
        format!("DEFB {}", list.join(","))
    } else {
        format!("DEFB {} ; {comment}", list.join(","))
    }
}

/// Disassembles the instruction at the start of `bytes`, which sits at
/// address `addr`.
///
/// The text it produces assembles back (with [`crate::assemble_line`] at the
/// same address and with the same symbol table) to exactly the same bytes:
///
/// * Numbers are hex with an `H` suffix and a leading `0` when they start
///   with a letter (`3EH`, `0FFH`, `4000H`, `0C000H`). Index displacements
///   are signed: `(IX+05H)`, `(IY-80H)`.
/// * Relative jumps (`JR`, `DJNZ`) show the target address.
/// * With a symbol table, 16-bit addresses and immediates that equal a
///   symbol's value are shown by name (the alphabetically first name when
///   several share a value).
/// * Encodings that do something but are not the canonical spelling of an
///   instruction are shown as `DEFB` with the bytes and a comment saying what
///   they do, e.g. `DEFB 0EDH,4CH ; NEG (duplicate)`, `DEFB 0EDH,63H,34H,12H ;
///   LD (1234H),HL (ED form)`, `DEFB 0DDH,0CBH,05H,46H ; BIT 0,(IX+05H)
///   (duplicate)`.
/// * Undefined ED opcodes (which execute as an 8 T-state no-op) show as
///   `DEFB 0EDH,00H ; undefined (NOP)`.
/// * A DD or FD prefix that does not change the next instruction (e.g.
///   `DD 00`, `DD ED …`, `DD DD …`) is one byte on its own:
///   `DEFB 0DDH ; ignored prefix`; the next instruction starts after it, as
///   the CPU executes it.
/// * Too few bytes for the whole instruction: `DEFB` of what is there with
///   `; truncated`.
pub fn disassemble(bytes: &[u8], addr: u16, symbols: Option<&SymbolTable>) -> Disasm {
    if bytes.is_empty() {
        return Disasm {
            text: String::new(),
            len: 0,
        };
    }
    let mut d = Dis {
        bytes,
        pos: 0,
        addr,
        syms: symbols,
        index: None,
        used: false,
    };
    match one(&mut d) {
        Ok(text) => Disasm { text, len: d.pos },
        Err(Short) => Disasm {
            text: defb(bytes, "truncated"),
            len: bytes.len(),
        },
    }
}

fn one(d: &mut Dis<'_>) -> Result<String, Short> {
    let op = d.byte()?;
    match op {
        0xCB => {
            let op2 = d.byte()?;
            Ok(d.cb(op2))
        }
        0xED => {
            let op2 = d.byte()?;
            let (t, canonical) = d.ed(op2)?;
            if canonical {
                Ok(t)
            } else {
                let what = if t.starts_with("undefined") || t.contains("(ED form)") {
                    t
                } else {
                    format!("{t} (duplicate)")
                };
                Ok(defb(&d.bytes[..d.pos], &what))
            }
        }
        0xDD | 0xFD => {
            let ix = if op == 0xDD { "IX" } else { "IY" };
            let next = *d.bytes.get(1).ok_or(Short)?;
            if matches!(next, 0xDD | 0xFD | 0xED) {
                return Ok(defb(&[op], "ignored prefix"));
            }
            if next == 0xCB {
                d.pos = 2;
                let disp = d.byte()?;
                let op3 = d.byte()?;
                let (t, canonical) = Dis::index_cb(ix, disp, op3);
                return Ok(if canonical {
                    t
                } else {
                    defb(&d.bytes[..4], &format!("{t} (duplicate)"))
                });
            }
            d.index = Some(ix);
            d.pos = 2;
            let t = d.main(next)?;
            if d.used {
                Ok(t)
            } else {
                d.pos = 1;
                Ok(defb(&[op], "ignored prefix"))
            }
        }
        _ => d.main(op),
    }
}
