//! Independent check of z80asm against z80emu, a separate Z80 implementation
//! (dev-dependency). For every opcode of every table (unprefixed, CB, ED,
//! DD, FD, DDCB, FDCB, with displacements and immediates):
//! * z80emu's disassembly text, assembled by z80asm, gives back the bytes;
//! * our disassembler agrees with z80emu on the instruction's length;
//! * for encodings we show as `DEFB … ; X (duplicate)`, z80emu's text
//!   assembles to the canonical encoding, which we disassemble as `X`.

use z80asm::{assemble_line, disassemble, SymbolTable};
use z80emu::disasm::disasm_memory_once;
use z80emu::Z80NMOS;

fn emu_text(bytes: &[u8], pc: u16) -> Option<(String, usize)> {
    let d = disasm_memory_once::<Z80NMOS>(pc, bytes)?;
    let text = format!("{} {}", d.mnemonic, d.args)
        .trim()
        .replace(", ", ",");
    // z80emu writes the undocumented ED 71 as `OUT (C)`; Zilog-style is `OUT (C),0`.
    let text = if text == "OUT (C)" {
        "OUT (C),0".to_string()
    } else {
        text
    };
    Some((text, d.code.len()))
}

#[test]
fn z80emu_text_assembles_to_the_same_bytes() {
    let syms = SymbolTable::new();
    let tails: [[u8; 3]; 3] = [[0x34, 0x12, 0x56], [0x80, 0xFF, 0x00], [0x7F, 0x01, 0xC0]];
    let mut checked = 0;
    let mut duplicates = 0;
    for op in 0..=255u8 {
        for t in &tails {
            let mut seqs: Vec<Vec<u8>> = vec![
                vec![op, t[0], t[1], t[2]],
                vec![0xCB, op],
                vec![0xED, op, t[0], t[1]],
            ];
            for p in [0xDD, 0xFD] {
                seqs.push(vec![p, op, t[0], t[1], t[2]]);
                seqs.push(vec![p, 0xCB, t[0], op]);
            }
            for s in &seqs {
                let pc = 0x4000;
                let ours = disassemble(s, pc, None);
                if ours.text.contains("ignored prefix")
                    || ours.text.contains("undefined")
                    || ours.text.contains("IM 0/1")
                {
                    continue;
                }
                let Some((text, len)) = emu_text(s, pc) else {
                    continue;
                };
                assert_eq!(
                    ours.len, len,
                    "{s:02X?}: ours `{}`, z80emu `{text}`",
                    ours.text
                );
                if text.ends_with('*') {
                    // z80emu's mark for an ED no-op (e.g. `NOP*` for ED 77): lengths agree, nothing to assemble.
                    assert!(ours.text.contains("NOP"), "{s:02X?}: ours `{}`", ours.text);
                    continue;
                }
                let bytes = assemble_line(&text, pc, &syms).unwrap_or_else(|e| {
                    panic!("{s:02X?}: z80emu's `{text}` does not assemble:\n{e}")
                });
                if let Some((_, what)) = ours.text.split_once(" ; ") {
                    // Non-canonical encoding: z80emu's text gives the canonical one.
                    let canonical = what
                        .trim_end_matches(" (duplicate)")
                        .trim_end_matches(" (ED form)");
                    assert_eq!(
                        disassemble(&bytes, pc, None).text,
                        canonical,
                        "{s:02X?}: z80emu `{text}`"
                    );
                    duplicates += 1;
                } else {
                    assert_eq!(
                        bytes,
                        &s[..len],
                        "{s:02X?}: z80emu `{text}`, ours `{}`",
                        ours.text
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(
        checked > 3000 && duplicates > 100,
        "{checked} canonical, {duplicates} duplicates"
    );
}
