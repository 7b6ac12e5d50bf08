//! Our own Z80 programs, assembled from the repository's `roms/` directory
//! when this crate is compiled.
//!
//! `build.rs` runs [`z80asm`] over every `roms/**/*.asm` (except
//! `roms/include/`, which holds files that are only INCLUDEd; INCLUDE looks
//! next to the including file, then in `roms/`) and embeds each image with
//! its symbol table. A source error fails the build with the assembler's
//! `file:line:col` message. Gaps in an image (ORG jumps, `DS` without a fill)
//! hold FFH, like an unprogrammed EPROM.
//!
//! Names are paths under `roms/` without `.asm`; a folder with a `main.asm` is
//! one ROM named after the folder: `roms/free/main.asm` is `"free"`,
//! `roms/tests/keyboard.asm` is `"tests/keyboard"`.
//!
//! Why a crate of its own: the images are used by the machine's tests, the
//! `trs80` binary (default ROM), the root integration tests and the
//! benchmarks. Keeping them here means none of those needs a build script,
//! the machine crate (`trs80-machine`) stays free of one and of any
//! dependency on the ROM sources, and no dependency cycle can form (this
//! crate depends only on `z80asm`). Editing a `.asm` file rebuilds only this
//! crate and what uses it.
//!
//! ```
//! let hello = roms::get("examples/hello").expect("built from roms/examples/hello.asm");
//! assert_eq!(hello.origin, hello.symbol("start").unwrap());
//! assert!(!hello.image.is_empty());
//! ```
#![warn(missing_docs)]

/// One assembled program.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rom {
    /// Path under `roms/` without `.asm`, e.g. `"tests/keyboard"`.
    pub name: &'static str,
    /// Address of the first byte of `image`.
    pub origin: u16,
    /// The bytes from `origin` to the highest address written.
    pub image: &'static [u8],
    /// Every label and EQU, upper case, sorted by name.
    pub symbols: &'static [(&'static str, u16)],
    /// Entry point from the source's `END label`, if any.
    pub entry: Option<u16>,
}

impl Rom {
    /// Value of a symbol (any case).
    pub fn symbol(&self, name: &str) -> Option<u16> {
        let up = name.to_ascii_uppercase();
        self.symbols
            .binary_search_by(|(k, _)| (*k).cmp(up.as_str()))
            .ok()
            .map(|i| self.symbols[i].1)
    }

    /// The symbols as a [`z80asm::SymbolTable`] (for the disassembler and
    /// the monitor).
    pub fn symbol_table(&self) -> z80asm::SymbolTable {
        self.symbols
            .iter()
            .map(|&(k, v)| (k.to_string(), v))
            .collect()
    }

    /// Address one past the last byte of the image.
    pub fn end(&self) -> u32 {
        self.origin as u32 + self.image.len() as u32
    }
}

include!(concat!(env!("OUT_DIR"), "/roms.rs"));

/// The ROM built from `roms/<name>.asm`.
pub fn get(name: &str) -> Option<&'static Rom> {
    ROMS.iter().find(|r| r.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rom_is_sorted_and_has_its_symbols() {
        assert!(!ROMS.is_empty());
        for r in ROMS {
            assert!(r.symbols.windows(2).all(|w| w[0].0 < w[1].0), "{}", r.name);
            for &(k, v) in r.symbols {
                assert_eq!(r.symbol(&k.to_ascii_lowercase()), Some(v));
            }
            assert!(r.end() <= 0x10000);
        }
        assert!(get("no/such/rom").is_none());
    }

    #[test]
    fn hello_example_matches_its_source() {
        let r = get("examples/hello").expect("roms/examples/hello.asm");
        assert_eq!(r.origin, 0x5200);
        assert_eq!(r.entry, Some(0x5200));
        // LD HL,MSG ; LD DE,3C00H
        assert_eq!(
            &r.image[..6],
            &[0x21, r.symbol("MSG").unwrap() as u8, 0x52, 0x11, 0x00, 0x3C]
        );
        let msg = (r.symbol("MSG").unwrap() - r.origin) as usize;
        assert_eq!(&r.image[msg..msg + 6], b"HELLO,");
        let t = r.symbol_table();
        assert_eq!(
            z80asm::disassemble(r.image, r.origin, Some(&t)).text,
            "LD HL,MSG"
        );
    }
}
