//! Disassemble → assemble gives back the same bytes for every opcode of
//! every table: unprefixed, CB, ED, DD, FD (with displacements and
//! immediates), DDCB and FDCB.

use z80asm::{assemble_line, disassemble, SymbolTable};

/// Walks `seq` instruction by instruction from `addr`; every piece must
/// assemble back to its own bytes. Returns the number of pieces.
fn round_trip(seq: &[u8], addr: u16, syms: Option<&SymbolTable>) -> usize {
    let empty = SymbolTable::new();
    let table = syms.unwrap_or(&empty);
    let mut off = 0;
    let mut n = 0;
    while off < seq.len() {
        let at = addr.wrapping_add(off as u16);
        let d = disassemble(&seq[off..], at, syms);
        assert!(
            d.len > 0 && off + d.len <= seq.len(),
            "{seq:02X?} at {off}: bad length {}",
            d.len
        );
        let bytes = assemble_line(&d.text, at, table).unwrap_or_else(|e| {
            panic!(
                "{seq:02X?} at {at:04X}: `{}` does not assemble:\n{e}",
                d.text
            )
        });
        assert_eq!(
            bytes,
            &seq[off..off + d.len],
            "{seq:02X?} at {at:04X}: `{}`",
            d.text
        );
        off += d.len;
        n += 1;
    }
    n
}

#[test]
fn every_opcode_of_every_table_round_trips() {
    let mut syms = SymbolTable::new();
    syms.insert("START", 0x1234);
    syms.insert("NEAR", 0x4010);
    let tails: [[u8; 3]; 5] = [
        [0x34, 0x12, 0x56],
        [0x00, 0x00, 0x00],
        [0x7F, 0xFF, 0x80],
        [0x80, 0x40, 0x01],
        [0xFE, 0xC0, 0xFF],
    ];
    let addrs = [0x0000u16, 0x4000, 0xFFFE];
    let mut pieces = 0;
    let mut seqs = 0;
    for op in 0..=255u8 {
        for t in &tails {
            // Unprefixed (CB/DD/ED/FD lead into the tables below as well).
            let base = [op, t[0], t[1], t[2]];
            // CB, ED tables.
            let cb = [0xCB, op, t[0]];
            let ed = [0xED, op, t[0], t[1], t[2]];
            let mut all: Vec<Vec<u8>> = vec![base.to_vec(), cb.to_vec(), ed.to_vec()];
            for p in [0xDD, 0xFD] {
                // DD/FD with displacement and immediate bytes.
                all.push(vec![p, op, t[0], t[1], t[2]]);
                // DDCB/FDCB: prefix, CB, displacement, opcode.
                all.push(vec![p, 0xCB, t[0], op]);
                all.push(vec![p, 0xCB, t[2], op, 0x00]);
            }
            for s in &all {
                for &a in &addrs {
                    pieces += round_trip(s, a, None);
                    pieces += round_trip(s, a, Some(&syms));
                    seqs += 2;
                }
            }
        }
    }
    // Every sequence decodes to at least one piece; most to several.
    assert!(seqs == 256 * 5 * 9 * 3 * 2, "{seqs}");
    assert!(pieces >= seqs, "{pieces} pieces for {seqs} sequences");
}

#[test]
fn disassembly_text_samples() {
    let mut syms = SymbolTable::new();
    syms.insert("START", 0x1234);
    let cases: &[(&[u8], u16, &str, usize)] = &[
        (&[0x00], 0, "NOP", 1),
        (&[0x3E, 0xFF], 0, "LD A,0FFH", 2),
        (&[0xDD, 0x7E, 0x05], 0, "LD A,(IX+05H)", 3),
        (&[0xFD, 0x77, 0x80], 0, "LD (IY-80H),A", 3),
        (&[0xDD, 0x36, 0xFE, 0x12], 0, "LD (IX-02H),12H", 4),
        (&[0xDD, 0x26, 0x42], 0, "LD IXH,42H", 3),
        (&[0xFD, 0x6C], 0, "LD IYL,IYH", 2),
        (&[0xDD, 0x66, 0x01], 0, "LD H,(IX+01H)", 3),
        (&[0xCB, 0x37], 0, "SLL A", 2),
        (&[0xED, 0x70], 0, "IN F,(C)", 2),
        (&[0xED, 0x71], 0, "OUT (C),0", 2),
        (&[0xDD, 0xCB, 0x05, 0x00], 0, "RLC (IX+05H),B", 4),
        (&[0xFD, 0xCB, 0x05, 0x87], 0, "RES 0,(IY+05H),A", 4),
        (&[0xDD, 0xCB, 0x05, 0x46], 0, "BIT 0,(IX+05H)", 4),
        (
            &[0xDD, 0xCB, 0x05, 0x40],
            0,
            "DEFB 0DDH,0CBH,05H,40H ; BIT 0,(IX+05H) (duplicate)",
            4,
        ),
        (&[0xED, 0x00], 0, "DEFB 0EDH,00H ; undefined (NOP)", 2),
        (&[0xED, 0x4C], 0, "DEFB 0EDH,4CH ; NEG (duplicate)", 2),
        (&[0xDD, 0x00], 0, "DEFB 0DDH ; ignored prefix", 1),
        (&[0x18, 0xFE], 0x4000, "JR 4000H", 2),
        (&[0x10, 0x10], 0x1222, "DJNZ START", 2),
        (&[0xCD, 0x34, 0x12], 0, "CALL START", 3),
        (&[0x21, 0x00, 0xC0], 0, "LD HL,0C000H", 3),
        (&[0xC3, 0x34], 0, "DEFB 0C3H,34H ; truncated", 2),
        (&[0x08], 0, "EX AF,AF'", 1),
        (&[0xDD, 0xE9], 0, "JP (IX)", 2),
        (&[0xFF], 0, "RST 38H", 1),
    ];
    for &(bytes, addr, text, len) in cases {
        let d = disassemble(bytes, addr, Some(&syms));
        assert_eq!((d.text.as_str(), d.len), (text, len), "{bytes:02X?}");
    }
    assert_eq!(disassemble(&[], 0, None).len, 0);
}

#[test]
fn assembler_spellings() {
    let t = SymbolTable::new();
    let cases: &[(&str, &[u8])] = &[
        ("sl1 (hl)", &[0xCB, 0x36]),
        ("IN (C)", &[0xED, 0x70]),
        ("in a,(c)", &[0xED, 0x78]),
        ("ld a,(ix)", &[0xDD, 0x7E, 0x00]),
        ("ld (iy-1+3),b", &[0xFD, 0x70, 0x02]),
        ("add a,ixl", &[0xDD, 0x85]),
        ("sub iyh", &[0xFD, 0x94]),
        ("set 7,(ix+127),l", &[0xDD, 0xCB, 0x7F, 0xFD]),
        ("ex af,af'", &[0x08]),
        ("jp (hl)", &[0xE9]),
        ("ld sp,iy", &[0xFD, 0xF9]),
        ("ld bc,(1234h)", &[0xED, 0x4B, 0x34, 0x12]),
        ("ld (1234h),ix", &[0xDD, 0x22, 0x34, 0x12]),
        ("add ix,ix", &[0xDD, 0x29]),
        ("im 2", &[0xED, 0x5E]),
        ("rst 28h", &[0xEF]),
        ("db 'AB',0,-1,\"x\"+1", &[0x41, 0x42, 0x00, 0xFF, 0x79]),
        ("dw 1234h,$", &[0x34, 0x12, 0x00, 0x50]),
        ("ds 3,0e5h", &[0xE5, 0xE5, 0xE5]),
    ];
    for &(src, bytes) in cases {
        assert_eq!(
            assemble_line(src, 0x5000, &t).unwrap_or_else(|e| panic!("{src}: {e}")),
            bytes,
            "{src}"
        );
    }
    let bad = [
        ("ld ixh,iyl", 4),
        ("ld h,ixl", 4),
        ("jr po,0", 4),
        ("ld a,(ix+200)", 6),
        ("bit 8,a", 5),
        ("rst 3", 5),
        ("frob a", 1),
        ("ld a,b+1", 6),
        ("out (c),1", 9),
        ("jr 1000h", 4),
        ("lbl: nop", 1),
        ("org 0", 1),
    ];
    for (src, col) in bad {
        let e = assemble_line(src, 0, &t).expect_err(src);
        assert_eq!(e.column, col, "{src}: {e}");
        assert!(!e.message.is_empty());
    }
}
