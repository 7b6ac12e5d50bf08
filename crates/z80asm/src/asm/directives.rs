//! One statement: an optional label, then a directive, an instruction or a macro call.
//!
//! | directive | does |
//! |---|---|
//! | `name EQU e`, `name = e` | a constant |
//! | `name DEFL e`, `name SET e` | a symbol that may be redefined |
//! | `ORG e` | set the address |
//! | `DB`/`DEFB`/`DEFM`/`DM`, `DW`/`DEFW` | bytes and strings, words |
//! | `DS`/`DEFS n[,fill]`, `ALIGN n[,fill]` | reserve or fill space |
//! | `INCLUDE file` | assemble another file here (`source.rs`) |
//! | `IF`…`ENDIF` | conditional assembly (`cond.rs`) |
//! | `MACRO`…`ENDM`, `REPT n`…`ENDR` | macros and repeats (`macros.rs`) |
//! | `ASSERT e[,"text"]` | fail the assembly when `e` is 0 |
//! | `END [entry]` | stop, optionally naming the entry point |

use super::{has_comma, text_of, Assembler, Listed, Loc, Look, MacroDef, SymKind, DIRECTIVES};
use crate::encode::{encode, is_mnemonic, Enc};
use crate::expr::{ParseError, Parser};
use crate::lexer::{Tok, Token};
use crate::operand::{is_register, parse_operand, split_commas};

impl Assembler<'_> {
    /// Parses and runs one statement.
    pub(super) fn statement(
        &mut self,
        loc: &Loc,
        text: &str,
        toks: &[Token],
        end_col: usize,
    ) -> Result<Listed, ParseError> {
        if toks.is_empty() {
            return Ok(Listed::Plain);
        }
        let word = |i: usize| -> Option<String> {
            match toks.get(i).map(|t| &t.tok) {
                Some(Tok::Ident(s)) => Some(s.to_ascii_uppercase()),
                _ => None,
            }
        };
        let mut label: Option<(String, usize)> = None;
        let mut rest = toks;
        if let Tok::Ident(name) = &toks[0].tok {
            let w1 = word(1);
            let colon = matches!(toks.get(1).map(|t| &t.tok), Some(Tok::Punct(":")));
            let defines = matches!(w1.as_deref(), Some("EQU" | "DEFL" | "MACRO"))
                || matches!(toks.get(1).map(|t| &t.tok), Some(Tok::Punct("=")))
                || (w1.as_deref() == Some("SET")
                    && !is_mnemonic(&name.to_ascii_uppercase())
                    && !has_comma(&toks[2..]));
            if colon {
                if self.single_line {
                    return Err(ParseError {
                        col: toks[0].col,
                        msg: "labels are not allowed here".into(),
                    });
                }
                label = Some((name.clone(), toks[0].col));
                rest = &toks[2..];
            } else if !self.single_line
                && (defines || (toks[0].col == 1 && !self.is_keyword(&name.to_ascii_uppercase())))
            {
                label = Some((name.clone(), toks[0].col));
                rest = &toks[1..];
            }
        }
        // `NAME: EQU 5`, `NAME = 5`
        let (mn, mcol, args) = match rest.first() {
            None => {
                if let Some((name, col)) = label {
                    let pc = self.pc as i64;
                    self.define(&name, col, pc, SymKind::Label, loc, text);
                    return Ok(Listed::Addr);
                }
                return Ok(Listed::Plain);
            }
            Some(Token {
                tok: Tok::Ident(m),
                col,
            }) => (m.to_ascii_uppercase(), *col, &rest[1..]),
            Some(Token {
                tok: Tok::Punct("="),
                col,
            }) => ("=".to_string(), *col, &rest[1..]),
            Some(t) => {
                return Err(ParseError {
                    col: t.col,
                    msg: "expected an instruction, directive or macro name".into(),
                })
            }
        };
        let arg_col = args.first().map(|t| t.col).unwrap_or(end_col);
        // Symbol-defining directives use the label as the name.
        match mn.as_str() {
            "EQU" | "DEFL" | "SET" | "="
                if !(mn == "SET" && (label.is_none() || has_comma(args))) =>
            {
                let Some((name, col)) = label else {
                    return Err(ParseError {
                        col: mcol,
                        msg: format!("{mn} needs a name before it"),
                    });
                };
                let e = Parser::parse_all(args, end_col)?;
                let (v, _) = self.value(&e, loc, text);
                let kind = if mn == "EQU" {
                    SymKind::Equ
                } else {
                    SymKind::Defl
                };
                self.define(&name, col, v, kind, loc, text);
                return Ok(Listed::Value(v));
            }
            "MACRO" => {
                if self.single_line {
                    return Err(ParseError {
                        col: mcol,
                        msg: "MACRO is not allowed here".into(),
                    });
                }
                let (name, params) = match label {
                    Some((n, _)) => (n, args),
                    None => match args.first() {
                        Some(Token {
                            tok: Tok::Ident(n), ..
                        }) => (n.clone(), &args[1..]),
                        _ => {
                            return Err(ParseError {
                                col: arg_col,
                                msg: "expected the macro name".into(),
                            })
                        }
                    },
                };
                let up = name.to_ascii_uppercase();
                if is_mnemonic(&up) || DIRECTIVES.contains(&up.as_str()) || is_register(&up) {
                    return Err(ParseError {
                        col: 1,
                        msg: format!("`{name}` cannot be a macro name"),
                    });
                }
                if self.macros.contains_key(&up) {
                    return Err(ParseError {
                        col: 1,
                        msg: format!("macro `{name}` is already defined"),
                    });
                }
                let mut names = Vec::new();
                if !params.is_empty() {
                    for g in split_commas(params) {
                        match g {
                            [Token {
                                tok: Tok::Ident(p), ..
                            }] => names.push(p.to_ascii_uppercase()),
                            _ => {
                                let col = g.first().map(|t| t.col).unwrap_or(end_col);
                                return Err(ParseError {
                                    col,
                                    msg: "expected a parameter name".into(),
                                });
                            }
                        }
                    }
                }
                self.defining = Some(MacroDef {
                    name: up,
                    params: names,
                    body: Vec::new(),
                    depth: 0,
                    file: loc.file.clone(),
                    first_line: loc.line + 1,
                    at: (loc.clone(), text.to_string()),
                    rept: None,
                });
                return Ok(Listed::Plain);
            }
            _ => {}
        }
        if let Some((name, col)) = &label {
            let pc = self.pc as i64;
            self.define(name, *col, pc, SymKind::Label, loc, text);
        }
        if self.single_line
            && !matches!(
                mn.as_str(),
                "DB" | "DEFB" | "DEFM" | "DM" | "DW" | "DEFW" | "DS" | "DEFS"
            )
            && DIRECTIVES.contains(&mn.as_str())
            && !is_mnemonic(&mn)
        {
            return Err(ParseError {
                col: mcol,
                msg: format!("{mn} is not allowed in a single line"),
            });
        }
        match mn.as_str() {
            "ORG" => {
                let e = Parser::parse_all(args, end_col)?;
                let (v, ok) = self.value(&e, loc, text);
                if ok && !(0..=0xFFFF).contains(&v) {
                    return Err(ParseError {
                        col: arg_col,
                        msg: format!("ORG address {v} is outside 0..0FFFFH"),
                    });
                }
                self.pc = (v as u32) & 0xFFFF;
                self.stmt_pc = self.pc;
                Ok(Listed::Addr)
            }
            "DB" | "DEFB" | "DEFM" | "DM" => {
                if args.is_empty() {
                    return Err(ParseError {
                        col: end_col,
                        msg: format!("{mn} needs at least one value"),
                    });
                }
                for g in split_commas(args) {
                    match g {
                        [Token {
                            tok: Tok::Str(s), ..
                        }] if s.len() != 1 => self.emit(&s.clone(), loc, text),
                        _ => {
                            let col = g.first().map(|t| t.col).unwrap_or(end_col);
                            let e = Parser::parse_all(g, end_col)?;
                            let b = self.with_enc(loc, text, |enc| enc.imm8(&e, col));
                            self.emit(&[b], loc, text);
                        }
                    }
                }
                Ok(Listed::Addr)
            }
            "DW" | "DEFW" => {
                if args.is_empty() {
                    return Err(ParseError {
                        col: end_col,
                        msg: format!("{mn} needs at least one value"),
                    });
                }
                for g in split_commas(args) {
                    let col = g.first().map(|t| t.col).unwrap_or(end_col);
                    let e = Parser::parse_all(g, end_col)?;
                    let w = self.with_enc(loc, text, |enc| enc.imm16(&e, col));
                    self.emit(&w, loc, text);
                }
                Ok(Listed::Addr)
            }
            "DS" | "DEFS" => {
                let groups = split_commas(args);
                if groups.len() > 2 {
                    return Err(ParseError {
                        col: groups[2].first().map(|t| t.col).unwrap_or(end_col),
                        msg: "DS takes a count and an optional fill byte".into(),
                    });
                }
                let n = self.ranged(
                    groups[0],
                    (0, 0x10000),
                    "DS count",
                    (arg_col, end_col),
                    loc,
                    text,
                )?;
                self.reserve(n, groups.get(1).copied(), loc, text, end_col)?;
                Ok(Listed::Addr)
            }
            "ALIGN" => {
                let groups = split_commas(args);
                if args.is_empty() || groups.len() > 2 {
                    return Err(ParseError {
                        col: arg_col,
                        msg: "ALIGN takes a boundary and an optional fill byte".into(),
                    });
                }
                let cols = (arg_col, end_col);
                let n = self.ranged(groups[0], (1, 0x8000), "ALIGN boundary", cols, loc, text)?;
                let pad = (n - self.pc as usize % n) % n;
                self.reserve(pad, groups.get(1).copied(), loc, text, end_col)?;
                Ok(Listed::Addr)
            }
            "REPT" => {
                if self.single_line {
                    return Err(ParseError {
                        col: mcol,
                        msg: "REPT is not allowed here".into(),
                    });
                }
                let n = self.ranged(
                    args,
                    (0, 0x10000),
                    "REPT count",
                    (arg_col, end_col),
                    loc,
                    text,
                )?;
                self.defining = Some(MacroDef {
                    name: "REPT".into(),
                    params: Vec::new(),
                    body: Vec::new(),
                    depth: 0,
                    file: loc.file.clone(),
                    first_line: loc.line + 1,
                    at: (loc.clone(), text.to_string()),
                    rept: Some(n),
                });
                Ok(Listed::Plain)
            }
            "ENDR" => Err(ParseError {
                col: mcol,
                msg: "ENDR without REPT".into(),
            }),
            "INCLUDE" => {
                self.include(loc, text, args, arg_col, end_col)?;
                Ok(Listed::Plain)
            }
            "IF" | "IFDEF" | "IFNDEF" | "ELSE" | "ENDIF" => {
                self.conditional(&mn, args, (mcol, arg_col, end_col), loc, text)
            }
            "ENDM" => Err(ParseError {
                col: mcol,
                msg: "ENDM without MACRO".into(),
            }),
            "ASSERT" => {
                let groups = split_commas(args);
                let e = Parser::parse_all(groups[0], end_col)?;
                let (v, ok) = self.value(&e, loc, text);
                if ok && v == 0 {
                    let what = match groups.get(1) {
                        Some(
                            [Token {
                                tok: Tok::Str(s), ..
                            }],
                        ) => String::from_utf8_lossy(s).into_owned(),
                        _ => text_of(text, groups[0]),
                    };
                    self.error_at(loc, text, arg_col, format!("assertion failed: {what}"));
                }
                Ok(Listed::Plain)
            }
            "END" => {
                if !args.is_empty() {
                    let col = arg_col;
                    let e = Parser::parse_all(args, end_col)?;
                    let w = self.with_enc(loc, text, |enc| enc.imm16(&e, col));
                    self.entry = Some(u16::from_le_bytes(w));
                }
                self.ended = true;
                Ok(Listed::Plain)
            }
            _ if is_mnemonic(&mn) => {
                let ops = if args.is_empty() {
                    Vec::new()
                } else {
                    let mut v = Vec::new();
                    for g in split_commas(args) {
                        let gend = g.last().map(|t| t.col + 1).unwrap_or(end_col);
                        v.push(parse_operand(g, gend)?);
                    }
                    v
                };
                let bytes = {
                    let mut look = Look {
                        syms: &self.syms,
                        scope: &self.scope,
                        pc: self.stmt_pc as i64,
                    };
                    let mut enc = Enc {
                        env: &mut look,
                        errs: Vec::new(),
                    };
                    let r = encode(&mn, &ops, mcol, end_col, &mut enc);
                    let errs = enc.errs;
                    (r, errs)
                };
                let (r, errs) = bytes;
                self.report(errs, loc, text);
                let b = r?;
                self.emit(&b, loc, text);
                Ok(Listed::Addr)
            }
            _ => {
                if let Some(m) = self.macros.get(&mn).cloned() {
                    self.expand(&m, &mn, loc, text, mcol)?;
                    return Ok(Listed::Plain);
                }
                let col = mcol;
                let msg = if label.is_none() && col == 1 && rest.len() == toks.len() {
                    format!("unknown instruction `{mn}`")
                } else {
                    format!("unknown instruction, directive or macro `{mn}`")
                };
                Err(ParseError { col, msg })
            }
        }
    }

    /// Evaluates a count operand and checks it against `lo..=hi`; a value not
    /// known yet (a forward reference in an early pass) counts as `lo`.
    pub(super) fn ranged(
        &mut self,
        toks: &[Token],
        (lo, hi): (i64, i64),
        what: &str,
        (arg_col, end_col): (usize, usize),
        loc: &Loc,
        text: &str,
    ) -> Result<usize, ParseError> {
        let e = Parser::parse_all(toks, end_col)?;
        let (n, ok) = self.value(&e, loc, text);
        if !ok {
            return Ok(lo as usize);
        }
        if !(lo..=hi).contains(&n) {
            let range = if hi == 0x10000 {
                format!("{lo}..65536")
            } else {
                format!("{lo}..{hi:X}H")
            };
            return Err(ParseError {
                col: arg_col,
                msg: format!("{what} {n} is outside {range}"),
            });
        }
        Ok(n as usize)
    }

    /// DS/ALIGN: `n` bytes of `fill`, or without a fill byte `n` bytes skipped.
    pub(super) fn reserve(
        &mut self,
        n: usize,
        fill: Option<&[Token]>,
        loc: &Loc,
        text: &str,
        end_col: usize,
    ) -> Result<(), ParseError> {
        if let Some(g) = fill {
            let col = g.first().map(|t| t.col).unwrap_or(end_col);
            let f = Parser::parse_all(g, end_col)?;
            let b = self.with_enc(loc, text, |enc| enc.imm8(&f, col));
            self.emit(&vec![b; n], loc, text);
        } else if self.single_line {
            self.emit(&vec![0; n], loc, text);
        } else {
            let end = self.pc as usize + n;
            if end > 0x10000 && !self.overflow_reported {
                self.overflow_reported = true;
                self.error_at(loc, text, 1, "DS runs past address FFFFH".into());
            }
            self.pc = end.min(0x10000) as u32;
        }
        Ok(())
    }
}
