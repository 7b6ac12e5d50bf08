//! The assembler proper: the pass driver, symbols, the listing and output bytes.
//!
//! Assembly runs whole passes over the source until no symbol value changes
//! (at most [`MAX_PASSES`]), then one final pass that writes the output and
//! reports every error it meets. Forward references therefore work
//! everywhere, including in `EQU`, `DS` and `IF`.
//!
//! | file | what |
//! |---|---|
//! | `mod.rs` | the [`Assembler`] state, the passes, one line at a time, labels, listing, output |
//! | `source.rs` | source files: loaders, `INCLUDE`, splitting lines and cutting comments |
//! | `directives.rs` | one statement: labels, every directive, instructions, macro calls |
//! | `cond.rs` | `IF`/`IFDEF`/`IFNDEF`/`ELSE`/`ENDIF` on one stack |
//! | `macros.rs` | `MACRO` and `REPT` bodies, expansion and argument substitution |

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

mod cond;
mod directives;
mod macros;
mod source;

use crate::encode::{is_mnemonic, Enc};
use crate::error::{AsmError, AsmErrors};
use crate::expr::{eval, Env, EvalError, Expr};
use crate::lexer::{lex, Tok, Token};
use crate::operand::is_register;
use crate::output::Assembly;
use crate::symbols::SymbolTable;
use cond::Cond;
use macros::{Macro, MacroDef};
use source::{first_words, split_lines, strip_comment};
pub use source::{FileLoader, FsLoader, MemLoader};

/// Passes run before the final one, at most.
pub const MAX_PASSES: usize = 12;
/// Source lines (after macro expansion) one pass may process.
const MAX_LINES: usize = 300_000;
/// Nesting limit for INCLUDE and macro calls together.
const MAX_DEPTH: usize = 64;

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
        if self.defining.is_some() {
            self.collect_body_line(loc, text);
            return;
        }
        if !self.active() {
            self.skip_inactive_line(loc, text);
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
