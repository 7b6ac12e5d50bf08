//! Z80 assembler and disassembler in Zilog syntax.
//!
//! Used to build our own ROMs from `roms/` at compile time (crate `roms`),
//! by the monitor (line assembler and disassembler), by tests (programs
//! referred to by symbol) and by `trs80 asm`.
//!
//! # Source syntax
//!
//! * Case-insensitive mnemonics, registers and symbols (symbols are kept in
//!   upper case). `;` starts a comment.
//! * Every documented Z80 instruction plus the undocumented ones: `IXH`,
//!   `IXL`, `IYH`, `IYL` as 8-bit operands, `SLL` (alias `SL1`),
//!   `IN F,(C)` (alias `IN (C)`), `OUT (C),0`, and the DDCB/FDCB forms that
//!   copy the result to a register (`RLC (IX+5),B`, `SET 3,(IY-2),A`).
//! * Labels: `name:` anywhere, or `name` starting in column 1 (a word in
//!   column 1 that is an instruction, directive or macro name is taken as
//!   that, not a label). Local labels start with `.` and belong to the last
//!   global label: `.loop` after `MAIN:` is `MAIN.LOOP`.
//! * `name EQU expr` (constant), `name DEFL expr` / `name SET expr` /
//!   `name = expr` (redefinable).
//! * Numbers: `42`, `1FH`, `0x1F`, `$1F`, `%1010`, `0b1010`, `1010B`,
//!   `17O`/`17Q`; characters `'A'` (two characters give a 16-bit value);
//!   `$` is the address of the current statement. Operators (loosest first):
//!   `||`, `&&`, `|`, `^`, `&`, comparisons `= == != <> < > <= >=` (1 or 0),
//!   `<< >>`, `+ -`, `* / %`, unary `- + ~ !`; functions `LOW()`, `HIGH()`.
//! * Directives: `ORG`, `DB`/`DEFB`/`DEFM`/`DM` (numbers and strings),
//!   `DW`/`DEFW`, `DS`/`DEFS count[,fill]` (without a fill value the space is
//!   reserved, not written), `INCLUDE "file"`, `IF expr` / `IFDEF name` /
//!   `IFNDEF name` / `ELSE` / `ENDIF`, `name MACRO p1,p2` … `ENDM` (also
//!   `MACRO name p1,p2`; parameters are replaced as whole words, `\@` gives a
//!   name part unique to each expansion for labels), `REPT count` … `ENDR`
//!   (the lines between, `count` times; `\@` is unique to each repetition;
//!   blocks nest), `ALIGN boundary[,fill]` (up to the next multiple of
//!   `boundary`, reserved or filled like `DS`), `ASSERT expr[,"text"]`,
//!   `END [entry]`.
//!
//! Symbol files: see [`SymbolTable`] (`NAME EQU 1234H` per line). Disassembly
//! conventions (hex style, `DEFB` for undefined and duplicate encodings): see
//! [`disassemble`].
//!
//! Forward references work everywhere: the assembler repeats passes until
//! every symbol is stable, then reports all errors of the final pass, each as
//! `file:line:column: error: message` with the line and a caret.
//!
//! # Example
//!
//! ```
//! let mut files = z80asm::MemLoader::new();
//! files.add("hello.asm", "        ORG 4000H\nSTART:  LD A,'H'\n        LD (3C00H),A\n        JR START\n        END START\n");
//! let out = z80asm::assemble("hello.asm", &files, &z80asm::Options::default()).unwrap();
//! assert_eq!(out.origin, 0x4000);
//! assert_eq!(out.image, [0x3E, 0x48, 0x32, 0x00, 0x3C, 0x18, 0xF9]);
//! assert_eq!(out.symbols.get("start"), Some(0x4000));
//! let d = z80asm::disassemble(&out.image, 0x4000, Some(&out.symbols));
//! assert_eq!((d.text.as_str(), d.len), ("LD A,48H", 2));
//! ```
#![warn(missing_docs)]

mod asm;
mod disasm;
mod encode;
mod error;
mod expr;
mod lexer;
mod operand;
mod output;
mod symbols;

pub use asm::{FileLoader, FsLoader, MemLoader, Options, MAX_PASSES};
pub use disasm::{disassemble, Disasm};
pub use error::{AsmError, AsmErrors};
pub use lexer::{hex16, hex8};
pub use output::{Assembly, Blocks};
pub use symbols::{SymbolParseError, SymbolTable};

/// Assembles the file `path`, reading it and its INCLUDEs through `loader`.
pub fn assemble(
    path: &str,
    loader: &dyn FileLoader,
    options: &Options,
) -> Result<Assembly, AsmErrors> {
    asm::Assembler::new(loader, options.clone()).run(path)
}

/// Assembles a file from the file system with default options.
pub fn assemble_file(path: &str) -> Result<Assembly, AsmErrors> {
    assemble(path, &FsLoader, &Options::default())
}

/// Assembles `source` as if it were the file `name`; INCLUDEs are read from
/// the file system relative to `name`.
pub fn assemble_str(name: &str, source: &str, options: &Options) -> Result<Assembly, AsmErrors> {
    struct Overlay<'s> {
        name: &'s str,
        source: &'s str,
    }
    impl FileLoader for Overlay<'_> {
        fn load(&self, path: &str) -> Result<String, String> {
            if path == self.name {
                Ok(self.source.to_string())
            } else {
                FsLoader.load(path)
            }
        }
    }
    assemble(name, &Overlay { name, source }, options)
}

/// Assembles one statement at address `addr` (the monitor's line assembler):
/// an instruction or `DB`/`DW`/`DS` data. Symbols are looked up in
/// `symbols`. The error's `column` points at the offending text and its
/// message says what was expected.
///
/// ```
/// let t = z80asm::SymbolTable::new();
/// assert_eq!(z80asm::assemble_line("ld a,(ix-2)", 0, &t).unwrap(), [0xDD, 0x7E, 0xFE]);
/// let e = z80asm::assemble_line("LD A,(IX+)", 0, &t).unwrap_err();
/// assert_eq!(e.column, 10);
/// ```
pub fn assemble_line(line: &str, addr: u16, symbols: &SymbolTable) -> Result<Vec<u8>, AsmError> {
    asm::assemble_line(line, addr, symbols)
}
