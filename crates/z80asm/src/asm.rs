//! The assembler proper: passes, labels, directives, macros, includes.
//!
//! Assembly runs whole passes over the source until no symbol value changes
//! (at most [`MAX_PASSES`]), then one final pass that writes the output and
//! reports every error it meets. Forward references therefore work
//! everywhere, including in `EQU`, `DS` and `IF`.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use crate::encode::{encode, is_mnemonic, Enc};
use crate::error::{AsmError, AsmErrors};
use crate::expr::{eval, Env, EvalError, Expr, ParseError, Parser};
use crate::lexer::{is_ident_char, lex, Tok, Token};
use crate::operand::{is_register, parse_operand, split_commas};
use crate::output::Assembly;
use crate::symbols::SymbolTable;

/// Passes run before the final one, at most.
pub const MAX_PASSES: usize = 12;
/// Source lines (after macro expansion) one pass may process.
const MAX_LINES: usize = 300_000;
/// Nesting limit for INCLUDE and macro calls together.
const MAX_DEPTH: usize = 64;

/// Supplies source files to the assembler (INCLUDE and the main file).
pub trait FileLoader {
    /// Returns the text of the file at `path` or a message why not.
    fn load(&self, path: &str) -> Result<String, String>;
}

/// Reads files from the file system.
#[derive(Debug, Clone, Copy, Default)]
pub struct FsLoader;

impl FileLoader for FsLoader {
    fn load(&self, path: &str) -> Result<String, String> {
        match std::fs::read(path) {
            Ok(b) => Ok(String::from_utf8_lossy(&b).into_owned()),
            Err(e) => Err(e.to_string()),
        }
    }
}

/// Files held in memory (tests, tools): path → text.
#[derive(Debug, Clone, Default)]
pub struct MemLoader {
    files: HashMap<String, String>,
}

impl MemLoader {
    /// An empty set of files.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds (or replaces) a file.
    pub fn add(&mut self, path: &str, text: &str) -> &mut Self {
        self.files.insert(path.to_string(), text.to_string());
        self
    }
}

impl FileLoader for MemLoader {
    fn load(&self, path: &str) -> Result<String, String> {
        self.files
            .get(path)
            .cloned()
            .ok_or_else(|| "no such file".to_string())
    }
}

/// Assembly options.
#[derive(Debug, Clone)]
pub struct Options {
    /// Byte used for gaps in the image (default 0FFH, like erased ROM).
    pub fill: u8,
    /// Directories searched for INCLUDE files after the including file's own
    /// directory.
    pub include_dirs: Vec<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            fill: 0xFF,
            include_dirs: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SymKind {
    Label,
    Equ,
    Defl,
}

#[derive(Debug, Clone)]
struct Sym {
    value: i64,
    kind: SymKind,
    at: String,
}

#[derive(Clone)]
struct Loc {
    file: Rc<str>,
    line: usize,
    note: Option<Rc<str>>,
    in_macro: bool,
}

struct Cond {
    active: bool,
    parent_active: bool,
    else_seen: bool,
    at: (Loc, String),
}

struct Macro {
    params: Vec<String>,
    body: Rc<Vec<String>>,
    file: Rc<str>,
    first_line: usize,
}

struct MacroDef {
    name: String,
    params: Vec<String>,
    body: Vec<String>,
    depth: usize,
    file: Rc<str>,
    first_line: usize,
    at: (Loc, String),
    /// `Some(count)` for a `REPT count` … `ENDR` block, `None` for a macro.
    rept: Option<usize>,
}

struct Look<'a> {
    syms: &'a HashMap<String, Sym>,
    scope: &'a str,
    pc: i64,
}

impl Env for Look<'_> {
    fn pc(&self) -> i64 {
        self.pc
    }
    fn lookup(&mut self, name: &str) -> Option<i64> {
        if is_register(name) {
            return None;
        }
        self.syms.get(&scoped(self.scope, name)).map(|s| s.value)
    }
}

fn scoped(scope: &str, name: &str) -> String {
    let up = name.to_ascii_uppercase();
    if up.starts_with('.') {
        format!("{scope}{up}")
    } else {
        up
    }
}

const DIRECTIVES: &[&str] = &[
    "ORG", "DB", "DEFB", "DEFM", "DM", "DW", "DEFW", "DS", "DEFS", "INCLUDE", "IF", "IFDEF",
    "IFNDEF", "ELSE", "ENDIF", "MACRO", "ENDM", "ASSERT", "END", "EQU", "DEFL", "SET", "REPT",
    "ENDR", "ALIGN",
];
const COND_WORDS: &[&str] = &["IF", "IFDEF", "IFNDEF", "ELSE", "ENDIF"];

pub(crate) struct Assembler<'a> {
    loader: &'a dyn FileLoader,
    options: Options,
    files: HashMap<String, Result<Rc<Vec<String>>, String>>,
    syms: HashMap<String, Sym>,
    defined: HashSet<String>,
    changed: bool,
    final_pass: bool,
    single_line: bool,
    pc: u32,
    stmt_pc: u32,
    stmt_bytes: Vec<u8>,
    mem: Vec<u8>,
    written: Vec<bool>,
    errors: Vec<AsmError>,
    listing: String,
    conds: Vec<Cond>,
    macros: HashMap<String, Rc<Macro>>,
    defining: Option<MacroDef>,
    ended: bool,
    aborted: bool,
    entry: Option<u16>,
    scope: String,
    lines_done: usize,
    expansions: usize,
    depth: usize,
    overflow_reported: bool,
}

impl<'a> Assembler<'a> {
    pub(crate) fn new(loader: &'a dyn FileLoader, options: Options) -> Self {
        Assembler {
            loader,
            options,
            files: HashMap::new(),
            syms: HashMap::new(),
            defined: HashSet::new(),
            changed: false,
            final_pass: false,
            single_line: false,
            pc: 0,
            stmt_pc: 0,
            stmt_bytes: Vec::new(),
            mem: Vec::new(),
            written: Vec::new(),
            errors: Vec::new(),
            listing: String::new(),
            conds: Vec::new(),
            macros: HashMap::new(),
            defining: None,
            ended: false,
            aborted: false,
            entry: None,
            scope: String::new(),
            lines_done: 0,
            expansions: 0,
            depth: 0,
            overflow_reported: false,
        }
    }

    fn reset_pass(&mut self, final_pass: bool) {
        self.defined.clear();
        self.changed = false;
        self.final_pass = final_pass;
        self.pc = 0;
        self.errors.clear();
        self.listing.clear();
        self.conds.clear();
        self.macros.clear();
        self.defining = None;
        self.ended = false;
        self.aborted = false;
        self.entry = None;
        self.scope.clear();
        self.lines_done = 0;
        self.expansions = 0;
        self.depth = 0;
        self.overflow_reported = false;
        if final_pass {
            self.mem = vec![0; 0x10000];
            self.written = vec![false; 0x10000];
        }
    }

    /// Assembles the file at `path`.
    pub(crate) fn run(mut self, path: &str) -> Result<Assembly, AsmErrors> {
        let lines = match self.loader.load(path) {
            Ok(t) => Rc::new(split_lines(&t)),
            Err(e) => {
                return Err(AsmErrors(vec![AsmError {
                    file: path.to_string(),
                    line: 0,
                    column: 0,
                    message: format!("cannot read `{path}`: {e}"),
                    source_line: String::new(),
                    note: None,
                }]))
            }
        };
        self.files.insert(path.to_string(), Ok(lines.clone()));
        let file: Rc<str> = Rc::from(path);
        for _ in 0..MAX_PASSES {
            self.reset_pass(false);
            self.pass(&file, &lines);
            if !self.changed || self.aborted {
                break;
            }
        }
        self.reset_pass(true);
        self.pass(&file, &lines);
        if !self.errors.is_empty() {
            return Err(AsmErrors(std::mem::take(&mut self.errors)));
        }
        let (origin, image, blocks) =
            Assembly::from_memory(&self.mem, &self.written, self.options.fill);
        let mut symbols = SymbolTable::new();
        for name in &self.defined {
            if let Some(s) = self.syms.get(name) {
                symbols.insert(name, s.value as u16);
            }
        }
        Ok(Assembly {
            origin,
            image,
            blocks,
            symbols,
            listing: std::mem::take(&mut self.listing),
            entry: self.entry,
        })
    }

    fn pass(&mut self, file: &Rc<str>, lines: &Rc<Vec<String>>) {
        self.run_lines(file, lines, 1, None, false);
        if self.aborted {
            return;
        }
        if let Some(d) = self.defining.take() {
            let col = first_col(&d.at.1);
            let msg = match d.rept {
                Some(_) => "REPT has no ENDR".to_string(),
                None => format!("MACRO {} has no ENDM", d.name),
            };
            self.error_at(&d.at.0, &d.at.1, col, msg);
        }
        while let Some(c) = self.conds.pop() {
            let col = first_col(&c.at.1);
            self.error_at(&c.at.0, &c.at.1, col, "IF without ENDIF".into());
        }
    }

    fn run_lines(
        &mut self,
        file: &Rc<str>,
        lines: &Rc<Vec<String>>,
        first_line: usize,
        note: Option<Rc<str>>,
        in_macro: bool,
    ) {
        for (i, text) in lines.iter().enumerate() {
            if self.ended || self.aborted {
                return;
            }
            self.lines_done += 1;
            let loc = Loc {
                file: file.clone(),
                line: first_line + i,
                note: note.clone(),
                in_macro,
            };
            if self.lines_done > MAX_LINES {
                self.error_at(
                    &loc,
                    text,
                    1,
                    format!("more than {MAX_LINES} lines in one pass (runaway macro?)"),
                );
                self.aborted = true;
                return;
            }
            self.line(&loc, text);
        }
    }

    fn error_at(&mut self, loc: &Loc, text: &str, col: usize, message: String) {
        if !self.final_pass {
            return;
        }
        if self.errors.len() >= 1000 {
            return;
        }
        self.errors.push(AsmError {
            file: loc.file.to_string(),
            line: loc.line,
            column: col.max(1),
            message,
            source_line: text.to_string(),
            note: loc.note.as_ref().map(|n| n.to_string()),
        });
    }

    fn active(&self) -> bool {
        self.conds.last().is_none_or(|c| c.active)
    }

    fn list(&mut self, loc: &Loc, text: &str, addr: Option<u32>, value: Option<i64>) {
        if !self.final_pass || self.single_line {
            return;
        }
        let bytes = std::mem::take(&mut self.stmt_bytes);
        let head = match (addr, value) {
            (_, Some(v)) => format!("={:04X}", v as u16),
            (Some(a), None) => format!("{:04X}", a as u16),
            _ => String::new(),
        };
        let mut chunks = bytes.chunks(4);
        let first: Vec<String> = chunks
            .next()
            .unwrap_or(&[])
            .iter()
            .map(|b| format!("{b:02X}"))
            .collect();
        let mark = if loc.in_macro { '+' } else { ' ' };
        self.listing.push_str(&format!(
            "{head:<6}{:<12}{:>5}{mark} {text}\n",
            first.join(" "),
            loc.line
        ));
        let mut a = addr.unwrap_or(0) + 4;
        for (n, c) in chunks.enumerate() {
            if n == 8 {
                self.listing.push_str("      ...\n");
                break;
            }
            let s: Vec<String> = c.iter().map(|b| format!("{b:02X}")).collect();
            self.listing
                .push_str(&format!("{:04X}  {}\n", a as u16, s.join(" ")));
            a += 4;
        }
        self.stmt_bytes = bytes;
        self.stmt_bytes.clear();
    }

    /// Handles one source line.
    fn line(&mut self, loc: &Loc, text: &str) {
        // Collecting a macro body.
        if let Some(d) = self.defining.as_mut() {
            let (w0, w1) = first_words(text);
            let (open, close) = if d.rept.is_some() {
                ("REPT", "ENDR")
            } else {
                ("MACRO", "ENDM")
            };
            if w0 == close || w1 == close {
                if d.depth == 0 {
                    let d = self.defining.take().expect("checked above");
                    if let Some(count) = d.rept {
                        self.list(loc, text, None, None);
                        self.repeat(d, count);
                        return;
                    }
                    let m = Macro {
                        params: d.params,
                        body: Rc::new(d.body),
                        file: d.file,
                        first_line: d.first_line,
                    };
                    self.macros.insert(d.name, Rc::new(m));
                    self.list(loc, text, None, None);
                    return;
                }
                d.depth -= 1;
            } else if w0 == open || w1 == open {
                d.depth += 1;
            }
            d.body.push(text.to_string());
            self.list(loc, text, None, None);
            return;
        }
        if !self.active() {
            let (w0, w1) = first_words(text);
            let w = if COND_WORDS.contains(&w0.as_str()) {
                w0
            } else {
                w1
            };
            match w.as_str() {
                "IF" | "IFDEF" | "IFNDEF" => self.conds.push(Cond {
                    active: false,
                    parent_active: false,
                    else_seen: false,
                    at: (loc.clone(), text.to_string()),
                }),
                "ELSE" => {
                    if let Some(c) = self.conds.last_mut() {
                        if c.else_seen {
                            self.error_at(loc, text, 1, "second ELSE for the same IF".into());
                        } else {
                            c.else_seen = true;
                            c.active = c.parent_active;
                        }
                    }
                }
                "ENDIF" => {
                    self.conds.pop();
                }
                _ => {}
            }
            self.list(loc, text, None, None);
            return;
        }
        let toks = match lex(text) {
            Ok(t) => t,
            Err(e) => {
                self.error_at(loc, text, e.col, e.msg);
                return;
            }
        };
        let end_col = text.chars().count() + 1;
        self.stmt_pc = self.pc;
        self.stmt_bytes.clear();
        let addr = self.pc;
        match self.statement(loc, text, &toks, end_col) {
            Ok(Listed::Addr) => {
                self.flush(loc, text);
                // After ORG the statement address is the new origin.
                let shown = if self.stmt_bytes.is_empty() {
                    self.stmt_pc
                } else {
                    addr
                };
                self.list(loc, text, Some(shown), None);
            }
            Ok(Listed::Value(v)) => self.list(loc, text, None, Some(v)),
            Ok(Listed::Plain) => self.list(loc, text, None, None),
            Err(e) => {
                self.error_at(loc, text, e.col, e.msg);
                self.stmt_bytes.clear();
                self.list(loc, text, None, None);
            }
        }
    }

    /// Writes the statement's bytes to memory (final pass).
    fn flush(&mut self, loc: &Loc, text: &str) {
        if !self.final_pass || self.single_line || self.stmt_bytes.is_empty() {
            return;
        }
        let mut overlap = None;
        for (i, &b) in self.stmt_bytes.iter().enumerate() {
            let a = self.stmt_pc as usize + i;
            if a > 0xFFFF {
                break;
            }
            if self.written[a] && overlap.is_none() {
                overlap = Some(a);
            }
            self.mem[a] = b;
            self.written[a] = true;
        }
        if let Some(a) = overlap {
            self.error_at(
                loc,
                text,
                1,
                format!("output overlaps bytes already written at {:04X}H", a),
            );
        }
    }

    fn emit(&mut self, bytes: &[u8], loc: &Loc, text: &str) {
        if self.single_line {
            // The monitor may assemble across the top of memory; addresses wrap.
            self.stmt_bytes.extend_from_slice(bytes);
            return;
        }
        let end = self.pc as usize + bytes.len();
        if end > 0x10000 {
            if !self.overflow_reported {
                self.overflow_reported = true;
                self.error_at(loc, text, 1, "code runs past address FFFFH".into());
            }
            let room = 0x10000usize.saturating_sub(self.pc as usize);
            self.stmt_bytes
                .extend_from_slice(&bytes[..room.min(bytes.len())]);
            self.pc = 0x10000;
            return;
        }
        self.stmt_bytes.extend_from_slice(bytes);
        self.pc = end as u32;
    }

    fn look(&self) -> Look<'_> {
        Look {
            syms: &self.syms,
            scope: &self.scope,
            pc: self.stmt_pc as i64,
        }
    }

    /// Evaluates an expression; reports evaluation errors in the final pass.
    fn value(&mut self, e: &Expr, loc: &Loc, text: &str) -> (i64, bool) {
        let mut errs = Vec::new();
        let v = {
            let mut l = self.look();
            eval(e, &mut l, &mut errs)
        };
        let ok = errs.is_empty();
        self.report(errs, loc, text);
        (v, ok)
    }

    fn report(&mut self, errs: Vec<EvalError>, loc: &Loc, text: &str) {
        for e in errs {
            self.error_at(loc, text, e.col, e.msg);
        }
    }

    fn define(&mut self, name: &str, col: usize, value: i64, kind: SymKind, loc: &Loc, text: &str) {
        if is_register(name) {
            self.error_at(
                loc,
                text,
                col,
                format!("`{name}` is a register name and cannot be a symbol"),
            );
            return;
        }
        // Labels made by macro expansions do not open a new local scope, so
        // `.loop` keeps meaning the caller's local label around a macro call.
        if !name.starts_with('.') && kind == SymKind::Label && !loc.in_macro {
            self.scope = name.to_ascii_uppercase();
        }
        let full = scoped(&self.scope, name);
        let at = format!("{}:{}", loc.file, loc.line);
        if self.defined.contains(&full) {
            let old = self.syms.get(&full).cloned();
            if let Some(old) = old {
                if !(old.kind == SymKind::Defl && kind == SymKind::Defl) {
                    self.error_at(
                        loc,
                        text,
                        col,
                        format!("`{full}` is already defined at {}", old.at),
                    );
                    return;
                }
            }
        }
        let first_this_pass = !self.defined.contains(&full);
        match self.syms.get(&full) {
            None => self.changed = true,
            Some(old) if old.value != value && first_this_pass && kind != SymKind::Defl => {
                if self.final_pass {
                    let msg = format!(
                        "value of `{full}` changes between passes ({:04X}H then {:04X}H): it depends on itself",
                        old.value as u16, value as u16
                    );
                    self.error_at(loc, text, col, msg);
                } else {
                    self.changed = true;
                }
            }
            _ => {}
        }
        self.defined.insert(full.clone());
        self.syms.insert(full, Sym { value, kind, at });
    }

    /// Parses and runs one statement.
    fn statement(
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
            "IF" | "IFDEF" | "IFNDEF" => {
                let cond = if mn == "IF" {
                    let e = Parser::parse_all(args, end_col)?;
                    self.value(&e, loc, text).0 != 0
                } else {
                    let name = match args {
                        [Token {
                            tok: Tok::Ident(n), ..
                        }] => n.clone(),
                        _ => {
                            return Err(ParseError {
                                col: arg_col,
                                msg: format!("{mn} takes one symbol name"),
                            })
                        }
                    };
                    let full = scoped(&self.scope, &name);
                    let def = self.defined.contains(&full) || self.macros.contains_key(&full);
                    def == (mn == "IFDEF")
                };
                self.conds.push(Cond {
                    active: cond,
                    parent_active: true,
                    else_seen: false,
                    at: (loc.clone(), text.to_string()),
                });
                Ok(Listed::Plain)
            }
            "ELSE" => {
                let Some(c) = self.conds.last_mut() else {
                    return Err(ParseError {
                        col: mcol,
                        msg: "ELSE without IF".into(),
                    });
                };
                if c.else_seen {
                    return Err(ParseError {
                        col: mcol,
                        msg: "second ELSE for the same IF".into(),
                    });
                }
                c.else_seen = true;
                c.active = !c.active && c.parent_active;
                Ok(Listed::Plain)
            }
            "ENDIF" => {
                if self.conds.pop().is_none() {
                    return Err(ParseError {
                        col: mcol,
                        msg: "ENDIF without IF".into(),
                    });
                }
                Ok(Listed::Plain)
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

    fn with_enc<T>(&mut self, loc: &Loc, text: &str, f: impl FnOnce(&mut Enc<'_>) -> T) -> T {
        let (v, errs) = {
            let mut look = self.look();
            let mut enc = Enc {
                env: &mut look,
                errs: Vec::new(),
            };
            let v = f(&mut enc);
            (v, enc.errs)
        };
        self.report(errs, loc, text);
        v
    }

    fn is_keyword(&self, up: &str) -> bool {
        is_mnemonic(up) || DIRECTIVES.contains(&up) || self.macros.contains_key(up)
    }

    fn include(
        &mut self,
        loc: &Loc,
        text: &str,
        args: &[Token],
        arg_col: usize,
        end_col: usize,
    ) -> Result<(), ParseError> {
        let name = match args {
            [Token {
                tok: Tok::Str(s), ..
            }] => String::from_utf8_lossy(s).into_owned(),
            [] => {
                return Err(ParseError {
                    col: end_col,
                    msg: "INCLUDE needs a file name".into(),
                })
            }
            _ => {
                let raw = text_of(text, args);
                raw.trim().to_string()
            }
        };
        if self.depth >= MAX_DEPTH {
            return Err(ParseError {
                col: arg_col,
                msg: "INCLUDE/macro nesting too deep (recursive INCLUDE?)".into(),
            });
        }
        let mut candidates = Vec::new();
        let base = std::path::Path::new(&*loc.file)
            .parent()
            .map(|p| p.to_path_buf())
            .unwrap_or_default();
        candidates.push(base.join(&name).to_string_lossy().into_owned());
        for d in &self.options.include_dirs {
            candidates.push(
                std::path::Path::new(d)
                    .join(&name)
                    .to_string_lossy()
                    .into_owned(),
            );
        }
        candidates.push(name.clone());
        candidates.dedup();
        let mut found = None;
        let mut why = String::new();
        for c in &candidates {
            let entry = match self.files.get(c) {
                Some(e) => e.clone(),
                None => {
                    let r = self.loader.load(c).map(|t| Rc::new(split_lines(&t)));
                    self.files.insert(c.clone(), r.clone());
                    r
                }
            };
            match entry {
                Ok(lines) => {
                    found = Some((c.clone(), lines));
                    break;
                }
                Err(e) => why = e,
            }
        }
        let Some((path, lines)) = found else {
            return Err(ParseError {
                col: arg_col,
                msg: format!(
                    "cannot include `{name}`: {why} (looked in: {})",
                    candidates.join(", ")
                ),
            });
        };
        let file: Rc<str> = Rc::from(path.as_str());
        self.depth += 1;
        let saved_note = loc.note.clone();
        self.run_lines(&file, &lines, 1, saved_note, false);
        self.depth -= 1;
        Ok(())
    }

    /// Evaluates a count operand and checks it against `lo..=hi`; a value not
    /// known yet (a forward reference in an early pass) counts as `lo`.
    fn ranged(
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
    fn reserve(
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

    /// Runs the body of a finished `REPT` block `count` times; `\@` in it is
    /// unique to each repetition.
    fn repeat(&mut self, d: MacroDef, count: usize) {
        if self.depth >= MAX_DEPTH {
            let col = first_col(&d.at.1);
            self.error_at(&d.at.0, &d.at.1, col, "REPT nested too deeply".into());
            return;
        }
        let note = format!("in REPT at {}:{}", d.at.0.file, d.at.0.line);
        let note = match &d.at.0.note {
            Some(n) if n.matches(" at ").count() < 3 => format!("{note}, {n}"),
            Some(_) => format!("{note}, …"),
            None => note,
        };
        let note: Rc<str> = Rc::from(note.as_str());
        self.depth += 1;
        for _ in 0..count {
            if self.ended || self.aborted {
                break;
            }
            self.expansions += 1;
            let unique = format!("_{}", self.expansions);
            let body: Vec<String> = d
                .body
                .iter()
                .map(|l| substitute(l, &[], &[], &unique))
                .collect();
            self.run_lines(
                &d.file,
                &Rc::new(body),
                d.first_line,
                Some(note.clone()),
                true,
            );
        }
        self.depth -= 1;
    }

    fn expand(
        &mut self,
        m: &Rc<Macro>,
        name: &str,
        loc: &Loc,
        text: &str,
        mcol: usize,
    ) -> Result<(), ParseError> {
        if self.depth >= MAX_DEPTH {
            return Err(ParseError {
                col: mcol,
                msg: format!("macro {name} nested too deeply (recursion?)"),
            });
        }
        let after: String = text.chars().skip(mcol - 1 + name.chars().count()).collect();
        let args = split_args(&after);
        if args.len() > m.params.len()
            && !(m.params.is_empty() && args.len() == 1 && args[0].is_empty())
        {
            return Err(ParseError {
                col: mcol,
                msg: format!(
                    "macro {name} takes {} argument(s), {} given",
                    m.params.len(),
                    args.len()
                ),
            });
        }
        self.expansions += 1;
        let unique = format!("_{}", self.expansions);
        let body: Vec<String> = m
            .body
            .iter()
            .map(|l| substitute(l, &m.params, &args, &unique))
            .collect();
        let note = format!("in macro {name} called at {}:{}", loc.file, loc.line);
        let note = match &loc.note {
            Some(n) if n.matches(" called at ").count() < 3 => format!("{note}, {n}"),
            Some(_) => format!("{note}, …"),
            None => note,
        };
        self.depth += 1;
        self.run_lines(
            &m.file,
            &Rc::new(body),
            m.first_line,
            Some(Rc::from(note.as_str())),
            true,
        );
        self.depth -= 1;
        Ok(())
    }
}

enum Listed {
    Addr,
    Value(i64),
    Plain,
}

/// Column of the first non-blank character.
fn first_col(text: &str) -> usize {
    text.chars()
        .position(|c| !c.is_whitespace())
        .map_or(1, |p| p + 1)
}

fn has_comma(toks: &[Token]) -> bool {
    toks.iter().any(|t| t.tok == Tok::Punct(","))
}

/// The source text covered by `toks` (from the first token to the end of
/// the code part of the line).
fn text_of(line: &str, toks: &[Token]) -> String {
    let Some(first) = toks.first() else {
        return String::new();
    };
    let s: String = line.chars().skip(first.col - 1).collect();
    let code = strip_comment(&s);
    code.trim_end().to_string()
}

/// Cuts a `;` comment off, respecting quotes (and `AF'`).
fn strip_comment(s: &str) -> &str {
    let mut quote: Option<char> = None;
    let mut prev_ident = String::new();
    for (i, c) in s.char_indices() {
        match quote {
            Some(q) => {
                if c == q {
                    quote = None;
                }
            }
            None => {
                if c == ';' {
                    return &s[..i];
                }
                if c == '\'' && prev_ident.eq_ignore_ascii_case("AF") {
                    prev_ident.clear();
                    continue;
                }
                if c == '\'' || c == '"' {
                    quote = Some(c);
                }
            }
        }
        if is_ident_char(c) {
            prev_ident.push(c);
        } else {
            prev_ident.clear();
        }
    }
    s
}

/// First two words of a line, upper case, with a trailing `:` removed.
fn first_words(text: &str) -> (String, String) {
    let code = strip_comment(text);
    let mut it = code
        .split_whitespace()
        .map(|w| w.trim_end_matches(':').to_ascii_uppercase());
    let a = it.next().unwrap_or_default();
    let b = it.next().unwrap_or_default();
    (a, b)
}

/// Splits macro call arguments at top-level commas (outside parentheses
/// and quotes), trimming each.
fn split_args(s: &str) -> Vec<String> {
    let code = strip_comment(s);
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut depth = 0i32;
    let mut quote: Option<char> = None;
    let mut prev_ident = String::new();
    for c in code.chars() {
        match quote {
            Some(q) => {
                if c == q {
                    quote = None;
                }
                cur.push(c);
                continue;
            }
            None => match c {
                '\'' if prev_ident.eq_ignore_ascii_case("AF") => {}
                '\'' | '"' => quote = Some(c),
                '(' => depth += 1,
                ')' => depth -= 1,
                ',' if depth <= 0 => {
                    out.push(cur.trim().to_string());
                    cur.clear();
                    prev_ident.clear();
                    continue;
                }
                _ => {}
            },
        }
        if is_ident_char(c) {
            prev_ident.push(c);
        } else {
            prev_ident.clear();
        }
        cur.push(c);
    }
    out.push(cur.trim().to_string());
    if out.len() == 1 && out[0].is_empty() {
        out.clear();
    }
    out
}

/// Replaces whole-word parameter names (outside quotes and comments) by
/// the call's arguments, and `\@` by a name part unique to this expansion.
fn substitute(line: &str, params: &[String], args: &[String], unique: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    let mut quote: Option<char> = None;
    let mut last_word = String::new();
    while i < chars.len() {
        let c = chars[i];
        if let Some(q) = quote {
            out.push(c);
            if c == q {
                quote = None;
            }
            i += 1;
            continue;
        }
        if c == ';' {
            out.extend(&chars[i..]);
            break;
        }
        if c == '\\' && chars.get(i + 1) == Some(&'@') {
            out.push_str(unique);
            i += 2;
            continue;
        }
        if c == '\'' || c == '"' {
            if !(c == '\'' && last_word.eq_ignore_ascii_case("AF")) {
                quote = Some(c);
            }
            out.push(c);
            last_word.clear();
            i += 1;
            continue;
        }
        if is_ident_char(c) {
            let start = i;
            while i < chars.len() && is_ident_char(chars[i]) {
                i += 1;
            }
            let w: String = chars[start..i].iter().collect();
            let up = w.to_ascii_uppercase();
            match params.iter().position(|p| *p == up) {
                Some(k) => out.push_str(args.get(k).map(|s| s.as_str()).unwrap_or("")),
                None => out.push_str(&w),
            }
            last_word = w;
            continue;
        }
        last_word.clear();
        out.push(c);
        i += 1;
    }
    out
}

fn split_lines(text: &str) -> Vec<String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.lines()
        .map(|l| l.trim_end_matches('\r').to_string())
        .collect()
}

/// Assembles one statement at `addr` for a line assembler (the monitor):
/// instructions and the data directives `DB/DEFB/DEFM`, `DW/DEFW`,
/// `DS/DEFS`. Symbols come from `symbols`; no labels or other directives.
pub(crate) fn assemble_line(
    line: &str,
    addr: u16,
    symbols: &SymbolTable,
) -> Result<Vec<u8>, AsmError> {
    let loader = MemLoader::new();
    let mut a = Assembler::new(&loader, Options::default());
    a.single_line = true;
    a.final_pass = true;
    for (k, v) in symbols.iter() {
        a.syms.insert(
            k.to_string(),
            Sym {
                value: v as i64,
                kind: SymKind::Equ,
                at: "symbol table".into(),
            },
        );
    }
    a.pc = addr as u32;
    let loc = Loc {
        file: Rc::from("<line>"),
        line: 1,
        note: None,
        in_macro: false,
    };
    a.line(&loc, line);
    if let Some(e) = a.errors.into_iter().next() {
        return Err(e);
    }
    Ok(a.stmt_bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn args_and_substitution() {
        assert_eq!(
            split_args(" A, (1,2), 'x,y' ; c"),
            vec!["A", "(1,2)", "'x,y'"]
        );
        assert_eq!(split_args("   "), Vec::<String>::new());
        let s = substitute(" LD A,N ; N", &["N".into()], &["5".into()], "_1");
        assert_eq!(s, " LD A,5 ; N");
        let s = substitute("L\\@: DB 'N',N", &["N".into()], &["7".into()], "_3");
        assert_eq!(s, "L_3: DB 'N',7");
        assert_eq!(first_words("lab: IF 1"), ("LAB".into(), "IF".into()));
    }
}
