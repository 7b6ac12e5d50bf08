//! The flag register F and precomputed flag tables.
//!
//! Bit layout (Zilog *Z80 CPU User Manual*, "Flags"; Y and X per Sean Young,
//! *The Undocumented Z80 Documented*, §4.1):
//!
//! | bit | 7 | 6 | 5 | 4 | 3 | 2   | 1 | 0 |
//! |-----|---|---|---|---|---|-----|---|---|
//! | F   | S | Z | Y | H | X | P/V | N | C |
//!
//! Y and X (undocumented) are in most instructions copies of bits 5 and 3 of
//! the result; the exceptions are listed where they occur.

/// Carry.
pub const CF: u8 = 0x01;
/// Add/subtract (set by subtractions, for `DAA`).
pub const NF: u8 = 0x02;
/// Parity / overflow.
pub const PF: u8 = 0x04;
/// Undocumented X (bit 3, often a copy of result bit 3).
pub const XF: u8 = 0x08;
/// Half carry (carry out of bit 3).
pub const HF: u8 = 0x10;
/// Undocumented Y (bit 5, often a copy of result bit 5).
pub const YF: u8 = 0x20;
/// Zero.
pub const ZF: u8 = 0x40;
/// Sign (bit 7 of the result).
pub const SF: u8 = 0x80;
/// Y and X together.
pub const YXF: u8 = YF | XF;

const fn build(parity: bool) -> [u8; 256] {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let v = i as u8;
        let mut f = v & (SF | YF | XF);
        if v == 0 {
            f |= ZF;
        }
        if parity && v.count_ones() % 2 == 0 {
            f |= PF;
        }
        t[i] = f;
        i += 1;
    }
    t
}

/// S, Z, Y, X of a byte result.
pub static SZ: [u8; 256] = build(false);
/// S, Z, Y, X and P (even parity) of a byte result.
pub static SZP: [u8; 256] = build(true);

const fn build_incdec(dec: bool) -> [u8; 256] {
    let sz = build(false);
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        // i is the result r; the operand was r - 1 (INC) or r + 1 (DEC).
        let r = i as u8;
        let mut f = sz[i];
        if dec {
            f |= NF;
            if r & 0x0F == 0x0F {
                f |= HF;
            }
            if r == 0x7F {
                f |= PF;
            }
        } else {
            if r & 0x0F == 0 {
                f |= HF;
            }
            if r == 0x80 {
                f |= PF;
            }
        }
        t[i] = f;
        i += 1;
    }
    t
}

/// Flags of `INC` by result (all but C).
pub static INC: [u8; 256] = build_incdec(false);
/// Flags of `DEC` by result (all but C).
pub static DEC: [u8; 256] = build_incdec(true);

/// P/V set when `v` has even parity.
#[inline(always)]
pub fn parity(v: u8) -> u8 {
    SZP[v as usize] & PF
}
