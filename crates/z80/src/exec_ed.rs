//! ED-prefixed opcodes (block instructions are in `block.rs`).
//!
//! | instruction    | encoding      | T (Zilog UM0080)               | flags / notes |
//! |----------------|---------------|--------------------------------|---------------|
//! | IN r,(C)       | ED 01rrr000   | M1 4, M1 4, IO 4               | S Z P from r, H=N=0; WZ=BC+1 |
//! | IN F,(C)*      | ED 70         | M1 4, M1 4, IO 4               | flags only |
//! | OUT (C),r      | ED 01rrr001   | M1 4, M1 4, IO 4               | WZ=BC+1 |
//! | OUT (C),0*     | ED 71         | M1 4, M1 4, IO 4               | NMOS 00H, CMOS FFH |
//! | SBC/ADC HL,rr  | ED 01ppq010   | M1 4, M1 4+7                   | alu.rs; WZ=HL+1 |
//! | LD (nn),rr     | ED 01pp0011   | M1 4, M1 4, MR 3, MR 3, MW 3, MW 3 | WZ=nn+1 |
//! | LD rr,(nn)     | ED 01pp1011   | M1 4, M1 4, MR 3, MR 3, MR 3, MR 3 | WZ=nn+1 |
//! | NEG (NEG*)     | ED 01yyy100   | M1 4, M1 4                     | as SUB from 0 |
//! | RETN/RETI (*)  | ED 01yyy101   | M1 4, M1 4, MR 3, MR 3         | IFF1 = IFF2; WZ=PC |
//! | IM 0/1/2 (*)   | ED 01yyy110   | M1 4, M1 4                     | y&3: 0,1→IM 0 (1 = "IM 0/1"*), 2→1, 3→2 |
//! | LD I,A / LD R,A| ED 47 / 4F    | M1 4, M1 4+1                   | - |
//! | LD A,I / LD A,R| ED 57 / 5F    | M1 4, M1 4+1                   | S Z from A, H=N=0, P/V=IFF2, Y X from A |
//! | RRD / RLD      | ED 67 / 6F    | M1 4, M1 4, MR 3+4, MW 3       | S Z P from A, H=N=0; WZ=HL+1 |
//! | NOP*           | ED 77, 7F, 00–3F, 80–9F, A4–A7, AC–AF, B4–B7, BC–BF, C0–FF | M1 4, M1 4 | - |

use crate::alu;
use crate::flags::*;
use crate::{Bus, Cpu, Hot, Model};

impl Cpu {
    /// ED prefix (already fetched): fetch and run the ED opcode.
    #[inline(always)]
    pub(crate) fn exec_ed<B: Bus>(&mut self, bus: &mut Hot<'_, B>) {
        let op = self.fetch_op(bus);
        let y = (op >> 3) & 7;
        let p = y >> 1;
        match op {
            0x40..=0x7F => match op & 7 {
                0 => {
                    let bc = self.rf.bc.get();
                    let v = self.io_in(bus, bc);
                    self.rf.wz.set(bc.wrapping_add(1));
                    if y != 6 {
                        self.set_reg::<false>(y, v);
                    }
                    let f = (self.f() & CF) | SZP[v as usize];
                    self.set_f(f);
                }
                1 => {
                    let bc = self.rf.bc.get();
                    let v = if y == 6 {
                        match self.model {
                            Model::Nmos => 0x00,
                            Model::Cmos => 0xFF,
                        }
                    } else {
                        self.reg::<false>(y)
                    };
                    self.io_out(bus, bc, v);
                    self.rf.wz.set(bc.wrapping_add(1));
                }
                2 => {
                    self.internal(bus, 7);
                    let hl = self.rf.hl.get();
                    self.rf.wz.set(hl.wrapping_add(1));
                    let rr = self.rp::<false>(p);
                    let (r, f) = if y & 1 == 0 {
                        alu::sbc16(hl, rr, self.f())
                    } else {
                        alu::adc16(hl, rr, self.f())
                    };
                    self.rf.hl.set(r);
                    self.set_f(f);
                }
                3 => {
                    let nn = self.imm16(bus);
                    if y & 1 == 0 {
                        let v = self.rp::<false>(p);
                        self.write16(bus, nn, v);
                    } else {
                        let v = self.read16(bus, nn);
                        self.set_rp::<false>(p, v);
                    }
                    self.rf.wz.set(nn.wrapping_add(1));
                }
                4 => {
                    let (a, f) = alu::sub8(0, self.a(), 0);
                    self.set_af(a, f);
                }
                5 => {
                    self.regs.iff1 = self.regs.iff2;
                    self.update_sig_mask();
                    let pc = self.pop(bus);
                    bus.pc = pc;
                    self.rf.wz.set(pc);
                }
                6 => {
                    self.regs.im = match y & 3 {
                        0 | 1 => 0,
                        2 => 1,
                        _ => 2,
                    }
                }
                _ => match y {
                    0 => {
                        self.internal(bus, 1);
                        self.regs.i = self.a();
                    }
                    1 => {
                        self.internal(bus, 1);
                        bus.r = self.a();
                        self.r7 = bus.r & 0x80;
                    }
                    2 | 3 => {
                        self.internal(bus, 1);
                        let a = if y == 2 {
                            self.regs.i
                        } else {
                            self.r_value(bus.r)
                        };
                        let pv = if self.regs.iff2 { PF } else { 0 };
                        self.set_af(a, (self.f() & CF) | SZ[a as usize] | pv);
                        self.ld_air_end = self.t;
                    }
                    4 | 5 => self.rxd(bus, y == 5),
                    _ => {}
                },
            },
            0xA0..=0xA3 | 0xA8..=0xAB | 0xB0..=0xB3 | 0xB8..=0xBB => self.exec_block(bus, op),
            _ => {}
        }
    }

    /// RRD (`left = false`) / RLD: rotate a BCD digit between A and (HL).
    #[inline(always)]
    fn rxd<B: Bus>(&mut self, bus: &mut Hot<'_, B>, left: bool) {
        let hl = self.rf.hl.get();
        let m = self.read(bus, hl);
        self.internal(bus, 4);
        let a = self.a();
        let (na, nm) = if left {
            ((a & 0xF0) | (m >> 4), (m << 4) | (a & 0x0F))
        } else {
            ((a & 0xF0) | (m & 0x0F), (a << 4) | (m >> 4))
        };
        self.write(bus, hl, nm);
        self.rf.wz.set(hl.wrapping_add(1));
        self.set_af(na, (self.f() & CF) | SZP[na as usize]);
    }
}

#[cfg(test)]
mod tests {
    use crate::flags::*;
    use crate::testing::run_code;
    use crate::{Cpu, Model};

    #[test]
    fn ed_nop_is_8t() {
        let (cpu, bus) = run_code(&[0xED, 0x00], |_| {});
        assert_eq!(cpu.t, 8);
        assert_eq!(cpu.regs.pc, 2);
        assert_eq!(cpu.regs.r, 2);
        assert_eq!(bus.trace_str(), "M1 M1");
    }

    #[test]
    fn sbc_hl_flags_and_timing() {
        let (cpu, bus) = run_code(&[0xED, 0x42], |c| {
            c.regs.hl = 0x8000;
            c.regs.bc = 0x0001;
            c.regs.af = 0x0000;
        });
        assert_eq!(cpu.regs.hl, 0x7FFF);
        assert_eq!(cpu.regs.f(), YF | HF | XF | PF | NF);
        assert_eq!(cpu.regs.wz, 0x8001);
        assert_eq!(cpu.t, 15);
        assert_eq!(bus.trace_str(), "M1 M1 I7");
    }

    #[test]
    fn out_c_0_depends_on_model() {
        for (model, v) in [(Model::Nmos, 0x00), (Model::Cmos, 0xFF)] {
            let mut bus = crate::testing::TestBus::new(&[0xED, 0x71]);
            let mut cpu = Cpu::new(model);
            cpu.regs.bc = 0x1234;
            cpu.step(&mut bus);
            assert_eq!(bus.io_writes, [(0x1234, v)]);
            assert_eq!(cpu.t, 12);
        }
    }

    #[test]
    fn in_f_c_sets_flags_only() {
        let (cpu, _) = run_code(&[0xED, 0x70], |c| {
            c.regs.bc = 0x0000;
            c.regs.af = 0x1201;
        });
        // The test bus returns the low port byte: 00H.
        assert_eq!(cpu.regs.af, 0x1200 | (ZF | PF | CF) as u16);
    }

    #[test]
    fn ld_a_i_reads_iff2() {
        let (cpu, _) = run_code(&[0xED, 0x57], |c| {
            c.regs.i = 0x80;
            c.regs.iff2 = true;
        });
        assert_eq!(cpu.regs.a(), 0x80);
        assert_eq!(cpu.regs.f() & (SF | PF), SF | PF);
        assert_eq!(cpu.t, 9);
    }

    #[test]
    fn ld_a_r_sees_incremented_r() {
        let (cpu, _) = run_code(&[0xED, 0x5F], |c| c.regs.r = 0xFF);
        // Two M1 cycles: 7-bit increment, bit 7 kept.
        assert_eq!(cpu.regs.a(), 0x81);
    }

    #[test]
    fn rld_rotates_digits() {
        let (cpu, bus) = run_code(&[0xED, 0x6F], |c| {
            c.regs.hl = 0x5000;
            c.regs.af = 0x7A00;
        });
        assert_eq!(bus.mem[0x5000], 0x0A);
        assert_eq!(cpu.regs.a(), 0x70);
        assert_eq!(cpu.t, 18);
        assert_eq!(bus.trace_str(), "M1 M1 MR I4 MW");
    }

    #[test]
    fn retn_restores_iff1() {
        let (cpu, _) = run_code(&[0xED, 0x45], |c| {
            c.regs.sp = 0x6000;
            c.regs.iff2 = true;
        });
        assert!(cpu.regs.iff1);
        assert_eq!(cpu.t, 14);
    }

    #[test]
    fn im_modes() {
        for (op, im) in [
            (0x46, 0),
            (0x4E, 0),
            (0x56, 1),
            (0x5E, 2),
            (0x76, 1),
            (0x7E, 2),
        ] {
            let (cpu, _) = run_code(&[0xED, op], |c| c.regs.im = 9);
            assert_eq!(cpu.regs.im, im, "ED {op:02X}");
        }
    }
}
