//! Instruction encoding: mnemonic + operands → bytes.
//!
//! Covers every documented Z80 instruction and the undocumented ones the
//! core executes: `IXH/IXL/IYH/IYL` as 8-bit registers, `SLL` (alias `SL1`),
//! `IN F,(C)` (alias `IN (C)`), `OUT (C),0`, and the DDCB/FDCB forms that
//! also copy the result to a register (`RLC (IX+5),B`, `RES 0,(IX+5),A`).

use crate::expr::{eval, Env, EvalError, Expr, ParseError};
use crate::operand::{Kind, Operand, R16, R8};

/// All instruction mnemonics (upper case).
pub(crate) const MNEMONICS: &[&str] = &[
    "ADC", "ADD", "AND", "BIT", "CALL", "CCF", "CP", "CPD", "CPDR", "CPI", "CPIR", "CPL", "DAA",
    "DEC", "DI", "DJNZ", "EI", "EX", "EXX", "HALT", "IM", "IN", "INC", "IND", "INDR", "INI",
    "INIR", "JP", "JR", "LD", "LDD", "LDDR", "LDI", "LDIR", "NEG", "NOP", "OR", "OTDR", "OTIR",
    "OUT", "OUTD", "OUTI", "POP", "PUSH", "RES", "RET", "RETI", "RETN", "RL", "RLA", "RLC", "RLCA",
    "RLD", "RR", "RRA", "RRC", "RRCA", "RRD", "RST", "SBC", "SCF", "SET", "SLA", "SLL", "SL1",
    "SRA", "SRL", "SUB", "XOR",
];

/// True when `up` (upper case) is an instruction mnemonic.
pub(crate) fn is_mnemonic(up: &str) -> bool {
    MNEMONICS.contains(&up)
}

/// Evaluation context for one instruction: the address of the instruction,
/// symbol lookup, and collected evaluation errors.
pub(crate) struct Enc<'a> {
    pub env: &'a mut dyn Env,
    pub errs: Vec<EvalError>,
}

impl Enc<'_> {
    fn value(&mut self, e: &Expr) -> (i64, bool) {
        let before = self.errs.len();
        let v = eval(e, self.env, &mut self.errs);
        (v, self.errs.len() == before)
    }

    fn range_err(&mut self, col: usize, msg: String) {
        self.errs.push(EvalError { col, msg });
    }

    /// 8-bit value; accepts −256..=255.
    pub(crate) fn imm8(&mut self, e: &Expr, col: usize) -> u8 {
        let (v, ok) = self.value(e);
        if ok && !(-256..=255).contains(&v) {
            self.range_err(col, format!("value {v} does not fit in 8 bits"));
        }
        v as u8
    }

    /// 16-bit value, little-endian; accepts −65536..=65535.
    pub(crate) fn imm16(&mut self, e: &Expr, col: usize) -> [u8; 2] {
        let (v, ok) = self.value(e);
        if ok && !(-65536..=65535).contains(&v) {
            self.range_err(col, format!("value {v} does not fit in 16 bits"));
        }
        (v as u16).to_le_bytes()
    }

    fn disp(&mut self, e: &Expr, col: usize) -> u8 {
        let (v, ok) = self.value(e);
        if ok && !(-128..=127).contains(&v) {
            self.range_err(col, format!("index displacement {v} is outside -128..127"));
        }
        v as u8
    }

    /// Relative jump offset from the end of a 2-byte instruction.
    fn rel(&mut self, e: &Expr, col: usize) -> u8 {
        let (v, ok) = self.value(e);
        let pc = self.env.pc();
        let d = (v.wrapping_sub(pc).wrapping_sub(2) as u16) as i16;
        if ok && (!(-128..=127).contains(&d) || !(-65536..=65535).contains(&v)) {
            self.range_err(
                col,
                format!("relative jump target out of range ({d} bytes away; -128..127 allowed)"),
            );
        }
        d as u8
    }

    fn small(&mut self, e: &Expr, col: usize, max: i64, what: &str) -> Result<u8, ParseError> {
        let (v, ok) = self.value(e);
        if ok && !(0..=max).contains(&v) {
            return Err(ParseError {
                col,
                msg: format!("{what} must be 0..{max}, not {v}"),
            });
        }
        Ok(v as u8)
    }
}

/// An operand usable in an 8-bit register field.
enum Loc<'o> {
    /// Plain register with its 3-bit code (B=0 … A=7).
    R(u8),
    /// IXH/IXL/IYH/IYL: prefix and code (4 or 5).
    Half(u8, u8),
    /// `(HL)`.
    Hl,
    /// `(IX+d)` / `(IY+d)`: prefix and displacement.
    Idx(u8, &'o Expr),
}

fn loc(op: &Operand) -> Option<Loc<'_>> {
    Some(match &op.kind {
        Kind::Reg8(r) => match r {
            R8::B => Loc::R(0),
            R8::C => Loc::R(1),
            R8::D => Loc::R(2),
            R8::E => Loc::R(3),
            R8::H => Loc::R(4),
            R8::L => Loc::R(5),
            R8::A => Loc::R(7),
            R8::Ixh => Loc::Half(0xDD, 4),
            R8::Ixl => Loc::Half(0xDD, 5),
            R8::Iyh => Loc::Half(0xFD, 4),
            R8::Iyl => Loc::Half(0xFD, 5),
            R8::I | R8::R => return None,
        },
        Kind::IndReg(R16::Hl) => Loc::Hl,
        Kind::Indexed(r, d) => Loc::Idx(prefix(*r), d),
        _ => return None,
    })
}

fn prefix(r: R16) -> u8 {
    if r == R16::Iy {
        0xFD
    } else {
        0xDD
    }
}

/// Plain register code (B..A, not halves or memory).
fn plain(op: &Operand) -> Option<u8> {
    match loc(op) {
        Some(Loc::R(c)) => Some(c),
        _ => None,
    }
}

/// `rp` table: BC DE HL SP, with IX/IY standing for HL. Returns (prefix, code).
fn rp(op: &Operand, sp_or_af: R16) -> Option<(Option<u8>, u8)> {
    match op.kind {
        Kind::Reg16(R16::Bc) => Some((None, 0)),
        Kind::Reg16(R16::De) => Some((None, 1)),
        Kind::Reg16(R16::Hl) => Some((None, 2)),
        Kind::Reg16(r @ (R16::Ix | R16::Iy)) => Some((Some(prefix(r)), 2)),
        Kind::Reg16(r) if r == sp_or_af => Some((None, 3)),
        _ => None,
    }
}

fn hl_like(op: &Operand) -> Option<Option<u8>> {
    match op.kind {
        Kind::Reg16(R16::Hl) => Some(None),
        Kind::Reg16(r @ (R16::Ix | R16::Iy)) => Some(Some(prefix(r))),
        _ => None,
    }
}

fn cond(op: &Operand) -> Option<u8> {
    match &op.kind {
        Kind::Reg8(R8::C) => Some(3),
        Kind::Imm(e) => Some(match e.as_name()?.to_ascii_uppercase().as_str() {
            "NZ" => 0,
            "Z" => 1,
            "NC" => 2,
            "C" => 3,
            "PO" => 4,
            "PE" => 5,
            "P" => 6,
            "M" => 7,
            _ => return None,
        }),
        _ => None,
    }
}

fn with_prefix(p: Option<u8>, rest: &[u8]) -> Vec<u8> {
    let mut v = Vec::with_capacity(rest.len() + 1);
    if let Some(p) = p {
        v.push(p);
    }
    v.extend_from_slice(rest);
    v
}

fn imm(op: &Operand) -> Option<&Expr> {
    match &op.kind {
        Kind::Imm(e) => Some(e),
        _ => None,
    }
}

/// Encodes an instruction whose register field is `op` at bit 0 (`shift` 0)
/// or bit 3 (`shift` 3) of `base`.
fn rfield(enc: &mut Enc<'_>, base: u8, shift: u8, op: &Operand) -> Option<Vec<u8>> {
    Some(match loc(op)? {
        Loc::R(c) => vec![base | (c << shift)],
        Loc::Half(p, c) => vec![p, base | (c << shift)],
        Loc::Hl => vec![base | (6 << shift)],
        Loc::Idx(p, d) => vec![p, base | (6 << shift), enc.disp(d, op.col)],
    })
}

/// CB-prefixed operation with `op` (bit ops and rotates); `copy` is the
/// optional undocumented result register for the indexed forms.
fn cb(
    enc: &mut Enc<'_>,
    base: u8,
    op: &Operand,
    copy: Option<&Operand>,
) -> Result<Vec<u8>, ParseError> {
    let bad = |o: &Operand| ParseError {
        col: o.col,
        msg: "expected B, C, D, E, H, L, A, (HL) or (IX/IY+d)".into(),
    };
    match (loc(op), copy) {
        (Some(Loc::R(c)), None) => Ok(vec![0xCB, base | c]),
        (Some(Loc::Hl), None) => Ok(vec![0xCB, base | 6]),
        (Some(Loc::Idx(p, d)), None) => Ok(vec![p, 0xCB, enc.disp(d, op.col), base | 6]),
        (Some(Loc::Idx(p, d)), Some(r)) => {
            let c = plain(r).ok_or_else(|| ParseError {
                col: r.col,
                msg: "expected a register B, C, D, E, H, L or A to receive the result".into(),
            })?;
            Ok(vec![p, 0xCB, enc.disp(d, op.col), base | c])
        }
        (_, Some(r)) if !matches!(loc(op), Some(Loc::Idx(..))) => Err(ParseError {
            col: r.col,
            msg: "a result register is only allowed with (IX+d) or (IY+d)".into(),
        }),
        _ => Err(bad(op)),
    }
}

fn alu_index(up: &str) -> Option<u8> {
    Some(match up {
        "ADD" => 0,
        "ADC" => 1,
        "SUB" => 2,
        "SBC" => 3,
        "AND" => 4,
        "XOR" => 5,
        "OR" => 6,
        "CP" => 7,
        _ => return None,
    })
}

fn rot_index(up: &str) -> Option<u8> {
    Some(match up {
        "RLC" => 0,
        "RRC" => 1,
        "RL" => 2,
        "RR" => 3,
        "SLA" => 4,
        "SRA" => 5,
        "SLL" | "SL1" => 6,
        "SRL" => 7,
        _ => return None,
    })
}

fn implied(up: &str) -> Option<&'static [u8]> {
    Some(match up {
        "NOP" => &[0x00],
        "RLCA" => &[0x07],
        "RRCA" => &[0x0F],
        "RLA" => &[0x17],
        "RRA" => &[0x1F],
        "DAA" => &[0x27],
        "CPL" => &[0x2F],
        "SCF" => &[0x37],
        "CCF" => &[0x3F],
        "HALT" => &[0x76],
        "EXX" => &[0xD9],
        "DI" => &[0xF3],
        "EI" => &[0xFB],
        "NEG" => &[0xED, 0x44],
        "RETN" => &[0xED, 0x45],
        "RETI" => &[0xED, 0x4D],
        "RRD" => &[0xED, 0x67],
        "RLD" => &[0xED, 0x6F],
        "LDI" => &[0xED, 0xA0],
        "CPI" => &[0xED, 0xA1],
        "INI" => &[0xED, 0xA2],
        "OUTI" => &[0xED, 0xA3],
        "LDD" => &[0xED, 0xA8],
        "CPD" => &[0xED, 0xA9],
        "IND" => &[0xED, 0xAA],
        "OUTD" => &[0xED, 0xAB],
        "LDIR" => &[0xED, 0xB0],
        "CPIR" => &[0xED, 0xB1],
        "INIR" => &[0xED, 0xB2],
        "OTIR" => &[0xED, 0xB3],
        "LDDR" => &[0xED, 0xB8],
        "CPDR" => &[0xED, 0xB9],
        "INDR" => &[0xED, 0xBA],
        "OTDR" => &[0xED, 0xBB],
        _ => return None,
    })
}

/// Encodes one instruction. `up` is the upper-case mnemonic, `mcol` its
/// column, `end_col` the column just past the statement.
pub(crate) fn encode(
    up: &str,
    ops: &[Operand],
    mcol: usize,
    end_col: usize,
    enc: &mut Enc<'_>,
) -> Result<Vec<u8>, ParseError> {
    let invalid = || {
        let col = ops.first().map(|o| o.col).unwrap_or(end_col);
        ParseError {
            col,
            msg: format!("invalid operands for {up}{}", hint(up)),
        }
    };
    let count = |n: usize| -> Result<(), ParseError> {
        if ops.len() == n {
            Ok(())
        } else if ops.len() > n {
            Err(ParseError {
                col: ops[n].col,
                msg: format!("too many operands for {up}{}", hint(up)),
            })
        } else {
            Err(ParseError {
                col: end_col,
                msg: format!("missing operand for {up}{}", hint(up)),
            })
        }
    };
    if let Some(b) = implied(up) {
        count(0)?;
        return Ok(b.to_vec());
    }
    if let Some(a) = alu_index(up) {
        // 16-bit ADD/ADC/SBC first.
        if ops.len() == 2 {
            if let Some(hp) = hl_like(&ops[0]) {
                let src = rp(&ops[1], R16::Sp);
                return match (up, hp, src) {
                    ("ADD", _, Some((sp, c))) if sp == hp || (sp.is_none() && c != 2) => {
                        Ok(with_prefix(hp, &[0x09 | (c << 4)]))
                    }
                    ("ADC", None, Some((None, c))) => Ok(vec![0xED, 0x4A | (c << 4)]),
                    ("SBC", None, Some((None, c))) => Ok(vec![0xED, 0x42 | (c << 4)]),
                    _ => Err(invalid()),
                };
            }
        }
        let src = match ops {
            [a_op, s] if matches!(a_op.kind, Kind::Reg8(R8::A)) => s,
            [s] => s,
            [_, _] => {
                return Err(ParseError {
                    col: ops[0].col,
                    msg: format!("the first operand of {up} must be A"),
                });
            }
            _ => return Err(invalid()),
        };
        if let Some(e) = imm(src) {
            return Ok(vec![0xC6 | (a << 3), enc.imm8(e, src.col)]);
        }
        return rfield(enc, 0x80 | (a << 3), 0, src).ok_or_else(invalid);
    }
    if let Some(r) = rot_index(up) {
        if ops.is_empty() || ops.len() > 2 {
            return Err(invalid());
        }
        return cb(enc, r << 3, &ops[0], ops.get(1));
    }
    match up {
        "BIT" | "RES" | "SET" => {
            if ops.len() < 2 || ops.len() > 3 || (up == "BIT" && ops.len() == 3) {
                return Err(invalid());
            }
            let e = imm(&ops[0]).ok_or_else(invalid)?;
            let b = enc.small(e, ops[0].col, 7, "bit number")?;
            let base = match up {
                "BIT" => 0x40,
                "RES" => 0x80,
                _ => 0xC0,
            } | (b << 3);
            cb(enc, base, &ops[1], ops.get(2))
        }
        "INC" | "DEC" => {
            count(1)?;
            let dec = up == "DEC";
            if let Some((p, c)) = rp(&ops[0], R16::Sp) {
                return Ok(with_prefix(
                    p,
                    &[(if dec { 0x0B } else { 0x03 }) | (c << 4)],
                ));
            }
            rfield(enc, if dec { 0x05 } else { 0x04 }, 3, &ops[0]).ok_or_else(invalid)
        }
        "PUSH" | "POP" => {
            count(1)?;
            let (p, c) = rp(&ops[0], R16::Af).ok_or_else(invalid)?;
            Ok(with_prefix(
                p,
                &[(if up == "PUSH" { 0xC5 } else { 0xC1 }) | (c << 4)],
            ))
        }
        "EX" => {
            count(2)?;
            match (&ops[0].kind, &ops[1].kind) {
                (Kind::Reg16(R16::De), Kind::Reg16(R16::Hl)) => Ok(vec![0xEB]),
                (Kind::Reg16(R16::Af), Kind::Reg16(R16::AfAlt)) => Ok(vec![0x08]),
                (Kind::IndReg(R16::Sp), _) => {
                    let p = hl_like(&ops[1]).ok_or_else(invalid)?;
                    Ok(with_prefix(p, &[0xE3]))
                }
                _ => Err(invalid()),
            }
        }
        "IM" => {
            count(1)?;
            let e = imm(&ops[0]).ok_or_else(invalid)?;
            let m = enc.small(e, ops[0].col, 2, "interrupt mode")?;
            Ok(vec![0xED, [0x46, 0x56, 0x5E][m as usize % 3]])
        }
        "RST" => {
            count(1)?;
            let e = imm(&ops[0]).ok_or_else(invalid)?;
            let (v, ok) = enc.value(e);
            if ok && (v & !0x38) != 0 {
                return Err(ParseError {
                    col: ops[0].col,
                    msg: format!(
                        "RST target must be 0, 8, 10H, 18H, 20H, 28H, 30H or 38H, not {v}"
                    ),
                });
            }
            Ok(vec![0xC7 | (v as u8 & 0x38)])
        }
        "DJNZ" => {
            count(1)?;
            let e = imm(&ops[0]).ok_or_else(invalid)?;
            Ok(vec![0x10, enc.rel(e, ops[0].col)])
        }
        "JR" => match ops {
            [t] => {
                let e = imm(t).ok_or_else(invalid)?;
                Ok(vec![0x18, enc.rel(e, t.col)])
            }
            [c, t] => {
                let cc = cond(c).filter(|&c| c < 4).ok_or_else(|| ParseError {
                    col: c.col,
                    msg: "JR takes only the conditions NZ, Z, NC and C".into(),
                })?;
                let e = imm(t).ok_or_else(invalid)?;
                Ok(vec![0x20 | (cc << 3), enc.rel(e, t.col)])
            }
            _ => Err(invalid()),
        },
        "JP" | "CALL" => match ops {
            [t] => {
                if up == "JP" {
                    match &t.kind {
                        Kind::IndReg(R16::Hl) => return Ok(vec![0xE9]),
                        Kind::Indexed(r, Expr::Num(0)) => return Ok(vec![prefix(*r), 0xE9]),
                        _ => {}
                    }
                }
                let e = imm(t).ok_or_else(invalid)?;
                let w = enc.imm16(e, t.col);
                Ok(vec![if up == "JP" { 0xC3 } else { 0xCD }, w[0], w[1]])
            }
            [c, t] => {
                let cc = cond(c).ok_or_else(|| ParseError {
                    col: c.col,
                    msg: "expected a condition NZ, Z, NC, C, PO, PE, P or M".into(),
                })?;
                let e = imm(t).ok_or_else(invalid)?;
                let w = enc.imm16(e, t.col);
                Ok(vec![
                    (if up == "JP" { 0xC2 } else { 0xC4 }) | (cc << 3),
                    w[0],
                    w[1],
                ])
            }
            _ => Err(invalid()),
        },
        "RET" => match ops {
            [] => Ok(vec![0xC9]),
            [c] => {
                let cc = cond(c).ok_or_else(|| ParseError {
                    col: c.col,
                    msg: "expected a condition NZ, Z, NC, C, PO, PE, P or M".into(),
                })?;
                Ok(vec![0xC0 | (cc << 3)])
            }
            _ => Err(invalid()),
        },
        "IN" => match ops {
            [Operand {
                kind: Kind::IndC, ..
            }] => Ok(vec![0xED, 0x70]),
            [d, s] => match (&d.kind, &s.kind) {
                (Kind::Reg8(R8::A), Kind::Mem(e)) => Ok(vec![0xDB, enc.imm8(e, s.col)]),
                (Kind::Imm(e), Kind::IndC)
                    if e.as_name().is_some_and(|n| n.eq_ignore_ascii_case("F")) =>
                {
                    Ok(vec![0xED, 0x70])
                }
                (_, Kind::IndC) => {
                    let c = plain(d).ok_or_else(invalid)?;
                    Ok(vec![0xED, 0x40 | (c << 3)])
                }
                _ => Err(invalid()),
            },
            _ => Err(invalid()),
        },
        "OUT" => {
            count(2)?;
            match (&ops[0].kind, &ops[1].kind) {
                (Kind::Mem(e), Kind::Reg8(R8::A)) => Ok(vec![0xD3, enc.imm8(e, ops[0].col)]),
                (Kind::IndC, Kind::Imm(e)) => {
                    let (v, ok) = enc.value(e);
                    if ok && v != 0 {
                        return Err(ParseError {
                            col: ops[1].col,
                            msg: "OUT (C) takes a register or 0".into(),
                        });
                    }
                    Ok(vec![0xED, 0x71])
                }
                (Kind::IndC, _) => {
                    let c = plain(&ops[1]).ok_or_else(invalid)?;
                    Ok(vec![0xED, 0x41 | (c << 3)])
                }
                _ => Err(invalid()),
            }
        }
        "LD" => {
            count(2)?;
            ld(enc, &ops[0], &ops[1]).ok_or_else(invalid)
        }
        _ => Err(ParseError {
            col: mcol,
            msg: format!("unknown instruction `{up}`"),
        }),
    }
}

fn ld(enc: &mut Enc<'_>, d: &Operand, s: &Operand) -> Option<Vec<u8>> {
    use Kind::*;
    // Special registers and accumulator forms.
    match (&d.kind, &s.kind) {
        (Reg8(R8::A), Reg8(R8::I)) => return Some(vec![0xED, 0x57]),
        (Reg8(R8::A), Reg8(R8::R)) => return Some(vec![0xED, 0x5F]),
        (Reg8(R8::I), Reg8(R8::A)) => return Some(vec![0xED, 0x47]),
        (Reg8(R8::R), Reg8(R8::A)) => return Some(vec![0xED, 0x4F]),
        (Reg8(R8::A), IndReg(R16::Bc)) => return Some(vec![0x0A]),
        (Reg8(R8::A), IndReg(R16::De)) => return Some(vec![0x1A]),
        (IndReg(R16::Bc), Reg8(R8::A)) => return Some(vec![0x02]),
        (IndReg(R16::De), Reg8(R8::A)) => return Some(vec![0x12]),
        (Reg8(R8::A), Mem(e)) => {
            let w = enc.imm16(e, s.col);
            return Some(vec![0x3A, w[0], w[1]]);
        }
        (Mem(e), Reg8(R8::A)) => {
            let w = enc.imm16(e, d.col);
            return Some(vec![0x32, w[0], w[1]]);
        }
        (Reg16(R16::Sp), Reg16(r @ (R16::Hl | R16::Ix | R16::Iy))) => {
            let p = (*r != R16::Hl).then(|| prefix(*r));
            return Some(with_prefix(p, &[0xF9]));
        }
        _ => {}
    }
    // 16-bit loads.
    if let Some((p, c)) = rp(d, R16::Sp) {
        return match &s.kind {
            Imm(e) => {
                let w = enc.imm16(e, s.col);
                Some(with_prefix(p, &[0x01 | (c << 4), w[0], w[1]]))
            }
            Mem(e) => {
                let w = enc.imm16(e, s.col);
                if c == 2 {
                    Some(with_prefix(p, &[0x2A, w[0], w[1]]))
                } else {
                    Some(vec![0xED, 0x4B | (c << 4), w[0], w[1]])
                }
            }
            _ => None,
        };
    }
    if let Mem(e) = &d.kind {
        let (p, c) = rp(s, R16::Sp)?;
        let w = enc.imm16(e, d.col);
        return if c == 2 {
            Some(with_prefix(p, &[0x22, w[0], w[1]]))
        } else {
            Some(vec![0xED, 0x43 | (c << 4), w[0], w[1]])
        };
    }
    // 8-bit loads.
    let dl = loc(d)?;
    if let Imm(e) = &s.kind {
        return Some(match dl {
            Loc::R(c) => vec![0x06 | (c << 3), enc.imm8(e, s.col)],
            Loc::Half(p, c) => vec![p, 0x06 | (c << 3), enc.imm8(e, s.col)],
            Loc::Hl => vec![0x36, enc.imm8(e, s.col)],
            Loc::Idx(p, de) => {
                let dd = enc.disp(de, d.col);
                vec![p, 0x36, dd, enc.imm8(e, s.col)]
            }
        });
    }
    let sl = loc(s)?;
    match (dl, sl) {
        (Loc::R(a), Loc::R(b)) => Some(vec![0x40 | (a << 3) | b]),
        (Loc::R(a), Loc::Hl) => Some(vec![0x46 | (a << 3)]),
        (Loc::Hl, Loc::R(b)) => Some(vec![0x70 | b]),
        (Loc::R(a), Loc::Idx(p, e)) => Some(vec![p, 0x46 | (a << 3), enc.disp(e, s.col)]),
        (Loc::Idx(p, e), Loc::R(b)) => Some(vec![p, 0x70 | b, enc.disp(e, d.col)]),
        (Loc::Half(p, a), Loc::R(b)) if !(4..=5).contains(&b) => Some(vec![p, 0x40 | (a << 3) | b]),
        (Loc::R(a), Loc::Half(p, b)) if !(4..=5).contains(&a) => Some(vec![p, 0x40 | (a << 3) | b]),
        (Loc::Half(p, a), Loc::Half(q, b)) if p == q => Some(vec![p, 0x40 | (a << 3) | b]),
        _ => None,
    }
}

/// A short reminder of the accepted forms, appended to operand errors.
fn hint(up: &str) -> &'static str {
    match up {
        "LD" => " (e.g. LD r,r' / LD r,n / LD rr,nn / LD A,(nn) / LD (IX+d),n)",
        "ADD" | "ADC" | "SBC" => " (A,r / A,n / A,(HL) / A,(IX+d) / HL,rr)",
        "SUB" | "AND" | "XOR" | "OR" | "CP" => " (r / n / (HL) / (IX+d))",
        "JP" => " (nn / cc,nn / (HL) / (IX) / (IY))",
        "JR" => " (e / NZ,e / Z,e / NC,e / C,e)",
        "CALL" => " (nn / cc,nn)",
        "IN" => " (A,(n) / r,(C) / F,(C))",
        "OUT" => " ((n),A / (C),r / (C),0)",
        "EX" => " (DE,HL / AF,AF' / (SP),HL)",
        "PUSH" | "POP" => " (BC / DE / HL / AF / IX / IY)",
        "INC" | "DEC" => " (r / (HL) / (IX+d) / rr)",
        "BIT" => " (b,r / b,(HL) / b,(IX+d))",
        "RES" | "SET" => " (b,r / b,(HL) / b,(IX+d)[,r])",
        "IM" => " (0, 1 or 2)",
        "RST" => " (0, 8, 10H … 38H)",
        "DJNZ" => " (target address)",
        _ => "",
    }
}
