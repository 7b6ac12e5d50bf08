//! Arithmetic, logic, rotate/shift and bit operations, with their flags.
//!
//! Every function here is pure: operands (and the incoming F where it matters)
//! in, result and new F out. The executors in `exec_*.rs` move data between the
//! registers/bus and these functions. Flag behaviour follows the Zilog manual for
//! S Z H P/V N C and Sean Young, *The Undocumented Z80 Documented* (v0.91), for
//! Y and X. In the tables `*` = set by the result, `-` = unchanged, `0`/`1` fixed,
//! `V` overflow, `P` parity, `r5`/`r3` = bits 5/3 of the result.
//!
//! | op            | S | Z | Y  | H | X  | P/V | N | C |
//! |---------------|---|---|----|---|----|-----|---|---|
//! | ADD/ADC       | * | * | r5 | * | r3 | V   | 0 | * |
//! | SUB/SBC       | * | * | r5 | * | r3 | V   | 1 | * |
//! | CP v          | * | * | v5 | * | v3 | V   | 1 | * |
//! | AND           | * | * | r5 | 1 | r3 | P   | 0 | 0 |
//! | XOR/OR        | * | * | r5 | 0 | r3 | P   | 0 | 0 |
//! | INC           | * | * | r5 | * | r3 | V   | 0 | - |
//! | DEC           | * | * | r5 | * | r3 | V   | 1 | - |
//! | ADD rr,rr     | - | - | h5 | * | h3 | -   | 0 | * |  (h = high byte of result)
//! | ADC/SBC HL,rr | * | * | h5 | * | h3 | V   | 0/1 | * |
//! | RLCA RRCA RLA RRA | - | - | r5 | 0 | r3 | - | 0 | * |
//! | CB rotates/shifts | * | * | r5 | 0 | r3 | P | 0 | * |
//! | DAA           | * | * | r5 | * | r3 | P   | - | * |

use crate::flags::*;

/// 8-bit add with carry-in `c` (0 or 1): `(result, F)`.
#[inline(always)]
pub fn add8(a: u8, v: u8, c: u8) -> (u8, u8) {
    let r = a as u16 + v as u16 + c as u16;
    let r8 = r as u8;
    let f = SZ[r8 as usize]
        | ((a ^ v ^ r8) & HF)
        | (((a ^ !v) & (a ^ r8) & 0x80) >> 5)
        | (r >> 8) as u8;
    (r8, f)
}

/// 8-bit subtract with borrow-in `c` (0 or 1): `(result, F)`.
#[inline(always)]
pub fn sub8(a: u8, v: u8, c: u8) -> (u8, u8) {
    let r = (a as u16).wrapping_sub(v as u16).wrapping_sub(c as u16);
    let r8 = r as u8;
    let f = SZ[r8 as usize]
        | NF
        | ((a ^ v ^ r8) & HF)
        | (((a ^ v) & (a ^ r8) & 0x80) >> 5)
        | ((r >> 8) as u8 & CF);
    (r8, f)
}

/// The eight accumulator operations selected by opcode bits 5–3
/// (ADD ADC SUB SBC AND XOR OR CP): new `(A, F)`.
#[inline(always)]
pub fn alu8(op: u8, a: u8, f: u8, v: u8) -> (u8, u8) {
    match op & 7 {
        0 => add8(a, v, 0),
        1 => add8(a, v, f & CF),
        2 => sub8(a, v, 0),
        3 => sub8(a, v, f & CF),
        4 => {
            let r = a & v;
            (r, SZP[r as usize] | HF)
        }
        5 => {
            let r = a ^ v;
            (r, SZP[r as usize])
        }
        6 => {
            let r = a | v;
            (r, SZP[r as usize])
        }
        _ => {
            // CP: Y and X come from the operand, not the result.
            let (_, fl) = sub8(a, v, 0);
            (a, (fl & !YXF) | (v & YXF))
        }
    }
}

/// INC r: `(result, F)`; C is kept from `f`.
#[inline(always)]
pub fn inc8(v: u8, f: u8) -> (u8, u8) {
    let r = v.wrapping_add(1);
    (r, (f & CF) | INC[r as usize])
}

/// DEC r: `(result, F)`; C is kept from `f`.
#[inline(always)]
pub fn dec8(v: u8, f: u8) -> (u8, u8) {
    let r = v.wrapping_sub(1);
    (r, (f & CF) | DEC[r as usize])
}

/// ADD HL/IX/IY,rr: `(result, F)`; S, Z and P/V kept from `f`.
#[inline(always)]
pub fn add16(a: u16, b: u16, f: u8) -> (u16, u8) {
    let r = a as u32 + b as u32;
    let fl = (f & (SF | ZF | PF))
        | ((r >> 8) as u8 & YXF)
        | (((a ^ b ^ r as u16) >> 8) as u8 & HF)
        | (r >> 16) as u8;
    (r as u16, fl)
}

/// ADC HL,rr: `(result, F)`.
#[inline(always)]
pub fn adc16(a: u16, b: u16, f: u8) -> (u16, u8) {
    let r = a as u32 + b as u32 + (f & CF) as u32;
    let r16 = r as u16;
    let mut fl = ((r16 >> 8) as u8 & (SF | YXF))
        | (((a ^ b ^ r16) >> 8) as u8 & HF)
        | ((((a ^ !b) & (a ^ r16) & 0x8000) >> 13) as u8)
        | (r >> 16) as u8;
    if r16 == 0 {
        fl |= ZF;
    }
    (r16, fl)
}

/// SBC HL,rr: `(result, F)`.
#[inline(always)]
pub fn sbc16(a: u16, b: u16, f: u8) -> (u16, u8) {
    let r = (a as u32)
        .wrapping_sub(b as u32)
        .wrapping_sub((f & CF) as u32);
    let r16 = r as u16;
    let mut fl = ((r16 >> 8) as u8 & (SF | YXF))
        | NF
        | (((a ^ b ^ r16) >> 8) as u8 & HF)
        | ((((a ^ b) & (a ^ r16) & 0x8000) >> 13) as u8)
        | ((r >> 16) as u8 & CF);
    if r16 == 0 {
        fl |= ZF;
    }
    (r16, fl)
}

/// The CB-prefix rotates and shifts selected by opcode bits 5–3
/// (RLC RRC RL RR SLA SRA SLL* SRL): `(result, F)`. SLL shifts a 1 into bit 0.
#[inline(always)]
pub fn rot(op: u8, v: u8, f: u8) -> (u8, u8) {
    let (r, c) = match op & 7 {
        0 => (v.rotate_left(1), v >> 7),
        1 => (v.rotate_right(1), v & 1),
        2 => ((v << 1) | (f & CF), v >> 7),
        3 => ((v >> 1) | (f << 7), v & 1),
        4 => (v << 1, v >> 7),
        5 => ((v >> 1) | (v & 0x80), v & 1),
        6 => ((v << 1) | 1, v >> 7),
        _ => (v >> 1, v & 1),
    };
    (r, SZP[r as usize] | c)
}

/// The accumulator rotates RLCA RRCA RLA RRA (opcode bits 4–3): `(A, F)`.
#[inline(always)]
pub fn rot_a(op: u8, a: u8, f: u8) -> (u8, u8) {
    let (r, c) = match op & 3 {
        0 => (a.rotate_left(1), a >> 7),
        1 => (a.rotate_right(1), a & 1),
        2 => ((a << 1) | (f & CF), a >> 7),
        _ => ((a >> 1) | (f << 7), a & 1),
    };
    (r, (f & (SF | ZF | PF)) | (r & YXF) | c)
}

/// BIT n: F for testing bit `n` of `v`; Y and X come from `yx` (the operand for
/// registers, the high byte of MEMPTR for memory operands).
#[inline(always)]
pub fn bit(n: u8, v: u8, yx: u8, f: u8) -> u8 {
    let m = v & (1 << (n & 7));
    let mut fl = (f & CF) | HF | (yx & YXF) | (m & SF);
    if m == 0 {
        fl |= ZF | PF;
    }
    fl
}

/// DAA: decimal-adjust A after an addition or subtraction: `(A, F)`.
#[inline(always)]
pub fn daa(a: u8, f: u8) -> (u8, u8) {
    let lo = a & 0x0F;
    let mut diff = 0u8;
    let mut c = f & CF;
    if f & HF != 0 || lo > 9 {
        diff = 0x06;
    }
    if c != 0 || a > 0x99 {
        diff |= 0x60;
        c = CF;
    }
    let (r, h) = if f & NF != 0 {
        (a.wrapping_sub(diff), f & HF != 0 && lo < 6)
    } else {
        (a.wrapping_add(diff), lo > 9)
    };
    let fl = SZP[r as usize] | (f & NF) | c | if h { HF } else { 0 };
    (r, fl)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn add_sub_flags() {
        assert_eq!(add8(0x7F, 0x01, 0), (0x80, SF | HF | PF));
        assert_eq!(add8(0xFF, 0x01, 0), (0x00, ZF | HF | CF));
        assert_eq!(add8(0x28, 0x00, 0), (0x28, YF | XF));
        assert_eq!(sub8(0x80, 0x01, 0), (0x7F, NF | HF | PF | YF | XF));
        assert_eq!(sub8(0x00, 0x01, 0), (0xFF, SF | YF | HF | XF | NF | CF));
        assert_eq!(sub8(0x10, 0x0F, 1), (0x00, ZF | HF | NF));
    }

    #[test]
    fn cp_takes_yx_from_operand() {
        let (a, f) = alu8(7, 0x00, 0, 0x28);
        assert_eq!(a, 0);
        assert_eq!(f & YXF, YXF);
        assert_eq!(f & CF, CF);
    }

    #[test]
    fn inc_dec_tables_match_definition() {
        for v in 0..=255u8 {
            let (r, f) = inc8(v, 0);
            let h = if (v & 0x0F) + 1 > 0x0F { HF } else { 0 };
            let pv = if v == 0x7F { PF } else { 0 };
            assert_eq!(f, SZ[r as usize] | h | pv, "INC {v:02X}");
            let (r, f) = dec8(v, CF);
            let h = if v & 0x0F == 0 { HF } else { 0 };
            let pv = if v == 0x80 { PF } else { 0 };
            assert_eq!(f, SZ[r as usize] | h | pv | NF | CF, "DEC {v:02X}");
        }
    }

    #[test]
    fn inc_dec() {
        assert_eq!(inc8(0x7F, CF), (0x80, SF | HF | PF | CF));
        assert_eq!(dec8(0x80, 0), (0x7F, HF | PF | NF | YF | XF));
        assert_eq!(dec8(0x01, 0), (0x00, ZF | NF));
    }

    #[test]
    fn sixteen_bit() {
        assert_eq!(
            add16(0x0FFF, 0x0001, SF | ZF | PF),
            (0x1000, SF | ZF | PF | HF)
        );
        assert_eq!(add16(0xFFFF, 0x0001, 0), (0x0000, HF | CF));
        assert_eq!(adc16(0x7FFF, 0x0000, CF), (0x8000, SF | HF | PF));
        assert_eq!(sbc16(0x0000, 0x0000, CF), (0xFFFF, SF | YXF | HF | NF | CF));
        assert_eq!(sbc16(0x1234, 0x1234, 0), (0, ZF | NF));
    }

    #[test]
    fn rotates() {
        assert_eq!(rot(0, 0x80, 0), (0x01, CF));
        assert_eq!(rot(6, 0x80, 0), (0x01, CF));
        assert_eq!(rot(5, 0x81, 0), (0xC0, SF | PF | CF));
        assert_eq!(rot(3, 0x01, CF), (0x80, SF | CF));
        assert_eq!(rot_a(2, 0x80, ZF), (0x00, ZF | CF));
    }

    #[test]
    fn bit_and_daa() {
        assert_eq!(bit(7, 0x80, 0x00, 0), SF | HF);
        assert_eq!(bit(0, 0x00, 0x28, CF), ZF | PF | HF | YXF | CF);
        assert_eq!(daa(0x9A, 0), (0x00, ZF | HF | PF | CF));
        assert_eq!(daa(0x15, NF | HF), (0x0F, NF | HF | XF | PF));
    }
}
