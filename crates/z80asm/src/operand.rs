//! Instruction operands: registers, indirections, indexed addresses and
//! immediate expressions.

use crate::expr::{Expr, ParseError, Parser};
use crate::lexer::{Tok, Token};

/// 8-bit registers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum R8 {
    B,
    C,
    D,
    E,
    H,
    L,
    A,
    I,
    R,
    Ixh,
    Ixl,
    Iyh,
    Iyl,
}

/// 16-bit registers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum R16 {
    Bc,
    De,
    Hl,
    Sp,
    Ix,
    Iy,
    Af,
    AfAlt,
}

/// One parsed operand with the column where it starts.
#[derive(Debug, Clone)]
pub(crate) struct Operand {
    pub kind: Kind,
    pub col: usize,
}

/// What an operand is.
#[derive(Debug, Clone)]
pub(crate) enum Kind {
    Reg8(R8),
    Reg16(R16),
    /// `(BC)`, `(DE)`, `(HL)`, `(SP)`; `(IX)`/`(IY)` become `Indexed` with 0.
    IndReg(R16),
    /// `(IX+d)` / `(IY+d)`: register (Ix or Iy) and displacement.
    Indexed(R16, Expr),
    /// `(C)`.
    IndC,
    /// `(expr)`.
    Mem(Expr),
    /// Plain expression.
    Imm(Expr),
}

pub(crate) fn reg8(name: &str) -> Option<R8> {
    Some(match name.to_ascii_uppercase().as_str() {
        "A" => R8::A,
        "B" => R8::B,
        "C" => R8::C,
        "D" => R8::D,
        "E" => R8::E,
        "H" => R8::H,
        "L" => R8::L,
        "I" => R8::I,
        "R" => R8::R,
        "IXH" => R8::Ixh,
        "IXL" => R8::Ixl,
        "IYH" => R8::Iyh,
        "IYL" => R8::Iyl,
        _ => return None,
    })
}

pub(crate) fn reg16(name: &str) -> Option<R16> {
    Some(match name.to_ascii_uppercase().as_str() {
        "BC" => R16::Bc,
        "DE" => R16::De,
        "HL" => R16::Hl,
        "SP" => R16::Sp,
        "IX" => R16::Ix,
        "IY" => R16::Iy,
        "AF" => R16::Af,
        "AF'" => R16::AfAlt,
        _ => return None,
    })
}

/// True for names that cannot be used as symbols.
pub(crate) fn is_register(name: &str) -> bool {
    reg8(name).is_some() || reg16(name).is_some()
}

/// Index of the `)` matching the `(` at `open`, if any.
fn matching(toks: &[Token], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, t) in toks.iter().enumerate().skip(open) {
        match t.tok {
            Tok::Punct("(") => depth += 1,
            Tok::Punct(")") => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// Splits tokens at top-level commas (outside parentheses).
pub(crate) fn split_commas(toks: &[Token]) -> Vec<&[Token]> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (i, t) in toks.iter().enumerate() {
        match t.tok {
            Tok::Punct("(") => depth += 1,
            Tok::Punct(")") => depth -= 1,
            Tok::Punct(",") if depth <= 0 => {
                out.push(&toks[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&toks[start..]);
    out
}

/// Parses one operand. `end_col` is reported when the operand is empty.
pub(crate) fn parse_operand(toks: &[Token], end_col: usize) -> Result<Operand, ParseError> {
    let Some(first) = toks.first() else {
        return Err(ParseError {
            col: end_col,
            msg: "expected an operand".into(),
        });
    };
    let col = first.col;
    if let [Token {
        tok: Tok::Ident(name),
        ..
    }] = toks
    {
        if let Some(r) = reg8(name) {
            return Ok(Operand {
                kind: Kind::Reg8(r),
                col,
            });
        }
        if let Some(r) = reg16(name) {
            return Ok(Operand {
                kind: Kind::Reg16(r),
                col,
            });
        }
    }
    if matches!(first.tok, Tok::Punct("(")) && matching(toks, 0) == Some(toks.len() - 1) {
        let inner = &toks[1..toks.len() - 1];
        let close_col = toks[toks.len() - 1].col;
        if let Some(Token {
            tok: Tok::Ident(name),
            ..
        }) = inner.first()
        {
            let r16 = reg16(name);
            if inner.len() == 1 {
                match (r16, reg8(name)) {
                    (Some(R16::Ix | R16::Iy), _) => {
                        return Ok(Operand {
                            kind: Kind::Indexed(r16.unwrap_or(R16::Ix), Expr::Num(0)),
                            col,
                        });
                    }
                    (Some(r), _) => {
                        return Ok(Operand {
                            kind: Kind::IndReg(r),
                            col,
                        })
                    }
                    (None, Some(R8::C)) => {
                        return Ok(Operand {
                            kind: Kind::IndC,
                            col,
                        })
                    }
                    (None, Some(_)) => {
                        return Err(ParseError {
                            col: inner[0].col,
                            msg: format!("`({name})` is not an addressing mode"),
                        })
                    }
                    _ => {}
                }
            } else if let Some(r @ (R16::Ix | R16::Iy)) = r16 {
                let rest = &inner[1..];
                if !matches!(rest[0].tok, Tok::Punct("+") | Tok::Punct("-")) {
                    return Err(ParseError {
                        col: rest[0].col,
                        msg: "expected `+`, `-` or `)` after the index register".into(),
                    });
                }
                let d = Parser::parse_all(rest, close_col)?;
                check_no_registers(&d)?;
                return Ok(Operand {
                    kind: Kind::Indexed(r, d),
                    col,
                });
            } else if r16.is_some() || reg8(name).is_some() {
                return Err(ParseError {
                    col: inner[1].col,
                    msg: "expected `)` after the register".into(),
                });
            }
        }
        let e = Parser::parse_all(inner, close_col)?;
        check_no_registers(&e)?;
        return Ok(Operand {
            kind: Kind::Mem(e),
            col,
        });
    }
    let e = Parser::parse_all(toks, end_col)?;
    check_no_registers(&e)?;
    Ok(Operand {
        kind: Kind::Imm(e),
        col,
    })
}

/// Registers may not appear inside expressions (`LD A,B+1`).
fn check_no_registers(e: &Expr) -> Result<(), ParseError> {
    match e {
        Expr::Sym(s, col) if is_register(s) => Err(ParseError {
            col: *col,
            msg: format!("register `{s}` cannot be used in an expression"),
        }),
        Expr::Unary(_, a) | Expr::Func(_, a) => check_no_registers(a),
        Expr::Binary(_, a, b, _) => {
            check_no_registers(a)?;
            check_no_registers(b)
        }
        _ => Ok(()),
    }
}
