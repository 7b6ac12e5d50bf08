//! CB-prefixed opcodes (rotates, shifts, BIT, RES, SET) and their DDCB/FDCB
//! forms.
//!
//! Opcode `xx yyy zzz` after CB: x = 0 rotate/shift y (RLC RRC RL RR SLA SRA
//! SLL* SRL) of register z, x = 1 `BIT y`, x = 2 `RES y`, x = 3 `SET y`.
//!
//! | instruction     | encoding        | T (Zilog UM0080)                   | flags |
//! |-----------------|-----------------|------------------------------------|-------|
//! | rot r           | CB 00yyyzzz     | M1 4, M1 4                         | S Z P from result, H=N=0, C out |
//! | rot (HL)        | CB 00yyy110     | M1 4, M1 4, MR 3+1, MW 3           | same |
//! | BIT b,r         | CB 01bbbrrr     | M1 4, M1 4                         | Z=P=!bit, S=bit 7 tested & set, H=1, N=0, Y X from r |
//! | BIT b,(HL)      | CB 01bbb110     | M1 4, M1 4, MR 3+1                 | Y X from MEMPTR high byte |
//! | RES/SET b,r     | CB 1xbbbrrr     | M1 4, M1 4                         | - |
//! | RES/SET b,(HL)  | CB 1xbbb110     | M1 4, M1 4, MR 3+1, MW 3           | - |
//! | op (IX+d)       | DD CB d op      | M1 4, M1 4, MR 3 (d), MR 3+2 (op), MR 3+1, MW 3 | as above |
//! | BIT b,(IX+d)    | DD CB d 01bbbxxx| M1 4, M1 4, MR 3, MR 3+2, MR 3+1   | Y X from high byte of IX+d |
//! | op (IX+d),r*    | DD CB d op (z≠6)| as op (IX+d)                       | result also copied to r |
//!
//! The op byte of DDCB/FDCB is read by a plain memory read, so R grows by 2, not 3.

use crate::alu;
use crate::dispatch::byte_match;
use crate::{Bus, Cpu, Hot};

impl Cpu {
    /// CB prefix (already fetched): fetch and run the CB opcode.
    #[inline(always)]
    pub(crate) fn exec_cb<B: Bus>(&mut self, bus: &mut Hot<'_, B>) {
        let op = self.fetch_op(bus);
        byte_match!(op => self.cb_op::<B>(bus));
    }

    /// One CB opcode, `OP`; its fields are constants.
    #[inline(always)]
    fn cb_op<B: Bus, const OP: u8>(&mut self, bus: &mut Hot<'_, B>) {
        let x = OP >> 6;
        let y = (OP >> 3) & 7;
        let z = OP & 7;
        if z == 6 {
            let hl = self.rf.hl.get();
            let v = self.read(bus, hl);
            self.internal(bus, 1);
            match x {
                0 => {
                    let (r, f) = alu::rot(y, v, self.f());
                    self.write(bus, hl, r);
                    self.set_f(f);
                }
                1 => {
                    let f = alu::bit(y, v, (self.rf.wz.get() >> 8) as u8, self.f());
                    self.set_f(f);
                }
                2 => self.write(bus, hl, v & !(1 << y)),
                _ => self.write(bus, hl, v | (1 << y)),
            }
        } else {
            let v = self.reg::<false>(z);
            match x {
                0 => {
                    let (r, f) = alu::rot(y, v, self.f());
                    self.set_reg::<false>(z, r);
                    self.set_f(f);
                }
                1 => {
                    let f = alu::bit(y, v, v, self.f());
                    self.set_f(f);
                }
                2 => self.set_reg::<false>(z, v & !(1 << y)),
                _ => self.set_reg::<false>(z, v | (1 << y)),
            }
        }
    }

    /// DDCB/FDCB: displacement and op byte follow; the index register is in `xy`.
    #[inline(always)]
    pub(crate) fn exec_xycb<B: Bus>(&mut self, bus: &mut Hot<'_, B>) {
        let d = self.imm8(bus) as i8;
        let op = self.imm8(bus);
        self.internal(bus, 2);
        let addr = self.rf.xy.get().wrapping_add(d as u16);
        self.rf.wz.set(addr);
        byte_match!(op => self.xycb_op::<B>(bus, addr));
    }

    /// One DDCB/FDCB opcode, `OP`, on the byte at `addr` (IX+d / IY+d).
    #[inline(always)]
    fn xycb_op<B: Bus, const OP: u8>(&mut self, bus: &mut Hot<'_, B>, addr: u16) {
        let v = self.read(bus, addr);
        self.internal(bus, 1);
        let x = OP >> 6;
        let y = (OP >> 3) & 7;
        let z = OP & 7;
        let r = match x {
            0 => {
                let (r, f) = alu::rot(y, v, self.f());
                self.write(bus, addr, r);
                self.set_f(f);
                if z != 6 {
                    self.set_reg::<false>(z, r);
                }
                return;
            }
            1 => {
                let f = alu::bit(y, v, (addr >> 8) as u8, self.f());
                self.set_f(f);
                return;
            }
            2 => v & !(1 << y),
            _ => v | (1 << y),
        };
        self.write(bus, addr, r);
        if z != 6 {
            self.set_reg::<false>(z, r);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::flags::*;
    use crate::testing::run_code;

    #[test]
    fn rlc_register_and_timing() {
        let (cpu, bus) = run_code(&[0xCB, 0x00], |c| c.regs.bc = 0x8100);
        assert_eq!(cpu.regs.bc >> 8, 0x03);
        assert_eq!(cpu.regs.f() & CF, CF);
        assert_eq!(cpu.t, 8);
        assert_eq!(cpu.regs.r, 2);
        assert_eq!(bus.trace_str(), "M1 M1");
    }

    #[test]
    fn sll_memory() {
        let (cpu, bus) = run_code(&[0xCB, 0x36], |c| c.regs.hl = 0x4000);
        assert_eq!(cpu.t, 15);
        assert_eq!(bus.mem[0x4000], 0x01);
        assert_eq!(bus.trace_str(), "M1 M1 MR I1 MW");
    }

    #[test]
    fn bit_hl_uses_memptr() {
        let (cpu, _) = run_code(&[0xCB, 0x46], |c| {
            c.regs.hl = 0x4000;
            c.regs.wz = 0x2800;
        });
        assert_eq!(cpu.t, 12);
        assert_eq!(cpu.regs.f() & (YXF | ZF | HF | PF), YXF | ZF | HF | PF);
    }

    #[test]
    fn ddcb_register_copy() {
        // SET 0,(IX+2),B  (DD CB 02 C0)
        let (cpu, bus) = run_code(&[0xDD, 0xCB, 0x02, 0xC0], |c| c.regs.ix = 0x4000);
        assert_eq!(bus.mem[0x4002], 0x01);
        assert_eq!(cpu.regs.bc >> 8, 0x01);
        assert_eq!(cpu.t, 23);
        assert_eq!(cpu.regs.r, 2);
        assert_eq!(cpu.regs.wz, 0x4002);
        assert_eq!(bus.trace_str(), "M1 M1 MR MR I2 MR I1 MW");
    }

    #[test]
    fn ddcb_bit_timing_and_yx() {
        let (cpu, _) = run_code(&[0xFD, 0xCB, 0xFF, 0x7E], |c| c.regs.iy = 0x2900);
        assert_eq!(cpu.t, 20);
        assert_eq!(cpu.regs.f() & YXF, 0x28);
    }
}
