//! Z80 assembler and disassembler in Zilog syntax.
#![warn(missing_docs)]
