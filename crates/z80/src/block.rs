//! Block transfer, search and I/O instructions (ED A0–BB).
//!
//! | instruction  | encoding | T (Zilog UM0080)                       |
//! |--------------|----------|----------------------------------------|
//! | LDI/LDD      | ED A0/A8 | M1 4, M1 4, MR 3, MW 3+2               |
//! | LDIR/LDDR    | ED B0/B8 | as LDI, +5 when repeating (BC ≠ 0)     |
//! | CPI/CPD      | ED A1/A9 | M1 4, M1 4, MR 3+5                     |
//! | CPIR/CPDR    | ED B1/B9 | as CPI, +5 when repeating (BC ≠ 0, A ≠ (HL)) |
//! | INI/IND      | ED A2/AA | M1 4, M1 4+1, IO 4, MW 3               |
//! | INIR/INDR    | ED B2/BA | as INI, +5 when repeating (B ≠ 0)      |
//! | OUTI/OUTD    | ED A3/AB | M1 4, M1 4+1, MR 3, IO 4               |
//! | OTIR/OTDR    | ED B3/BB | as OUTI, +5 when repeating (B ≠ 0)     |
//!
//! A repeating instruction sets PC back to its own ED byte, so it runs again
//! (and interrupts are accepted between the iterations).
//!
//! Flags (Sean Young, *The Undocumented Z80 Documented* §4.2–4.3; repeat cases
//! from David Banks' 2018 block-instruction findings, hoglet67/Z80Decoder wiki
//! "Undocumented Flags"):
//!
//! | instr | S | Z | Y | H | X | P/V | N | C |
//! |-------|---|---|---|---|---|-----|---|---|
//! | LDI…  | - | - | n bit 1 | 0 | n bit 3 | BC≠0 | 0 | - | (n = byte + A) |
//! | CPI…  | * | * | n bit 1 | * | n bit 3 | BC≠0 | 1 | - | (n = A - byte - H) |
//! | INI…/OUTI… | B | B=0 | B | k>255 | B | parity((k&7)^B) | byte bit 7 | k>255 |
//!
//! with k = byte + ((C ± 1) & FFH) for INI/IND, k = byte + L (after the
//! increment/decrement of HL) for OUTI/OUTD, and B the decremented B.
//!
//! When a repeat is taken (PC moved back), Y and X instead come from bits 13 and
//! 11 of PC, and for INxR/OTxR P/V and H change again: with C set, P/V ^=
//! !parity((B ∓ 1) & 7) and H = (B & 0FH) = 0 (byte bit 7 set; B − 1) or = 0FH
//! (B + 1); with C clear, P/V ^= !parity(B & 7) and H = 0.
//!
//! MEMPTR: CPI +1, CPD −1; INI/IND: BC + 1 / BC − 1 before B is decremented;
//! OUTI/OUTD: BC + 1 / BC − 1 after. Every repeating step (LDxR, CPxR, INxR,
//! OTxR with the repeat taken) then overwrites it with the address of the
//! instruction's ED byte + 1, as the last-step rule would not.

use crate::flags::*;
use crate::{Bus, Cpu, Hot};

impl Cpu {
    /// Run block instruction `op` (A0–A3, A8–AB, B0–B3, B8–BB).
    #[inline(always)]
    pub(crate) fn exec_block<B: Bus>(&mut self, bus: &mut Hot<'_, B>, op: u8) {
        let dec = op & 0x08 != 0;
        let repeat = op & 0x10 != 0;
        let step = if dec { 0xFFFF } else { 1 };
        match op & 3 {
            0 => self.ldx(bus, step, repeat),
            1 => self.cpx(bus, step, repeat),
            2 => self.inx(bus, step, repeat),
            _ => self.outx(bus, step, repeat),
        }
    }

    /// Move PC back to the ED byte, spend the repeat's 5 T, set MEMPTR to the
    /// ED byte's address + 1 (every repeating block instruction does); returns
    /// the new Y/X bits (PC bits 13 and 11).
    #[inline(always)]
    fn repeat_back<B: Bus>(&mut self, bus: &mut Hot<'_, B>) -> u8 {
        self.internal(bus, 5);
        let pc = bus.pc.wrapping_sub(2);
        bus.pc = pc;
        self.rf.wz.set(pc.wrapping_add(1));
        (pc >> 8) as u8 & YXF
    }

    #[inline(always)]
    fn ldx<B: Bus>(&mut self, bus: &mut Hot<'_, B>, step: u16, repeat: bool) {
        let v = self.read(bus, self.rf.hl.get());
        self.write(bus, self.rf.de.get(), v);
        self.internal(bus, 2);
        self.rf.hl.set(self.rf.hl.get().wrapping_add(step));
        self.rf.de.set(self.rf.de.get().wrapping_add(step));
        self.rf.bc.set(self.rf.bc.get().wrapping_sub(1));
        let n = v.wrapping_add(self.a());
        let mut f = (self.f() & (SF | ZF | CF)) | (n & XF) | ((n << 4) & YF);
        if self.rf.bc.get() != 0 {
            f |= PF;
            if repeat {
                let yx = self.repeat_back(bus);
                f = (f & !YXF) | yx;
            }
        }
        self.set_f(f);
    }

    #[inline(always)]
    fn cpx<B: Bus>(&mut self, bus: &mut Hot<'_, B>, step: u16, repeat: bool) {
        let v = self.read(bus, self.rf.hl.get());
        self.internal(bus, 5);
        self.rf.hl.set(self.rf.hl.get().wrapping_add(step));
        self.rf.bc.set(self.rf.bc.get().wrapping_sub(1));
        self.rf.wz.set(self.rf.wz.get().wrapping_add(step));
        let a = self.a();
        let r = a.wrapping_sub(v);
        let h = (a ^ v ^ r) & HF;
        let n = r.wrapping_sub(h >> 4);
        let mut f =
            (self.f() & CF) | NF | (SZ[r as usize] & (SF | ZF)) | h | (n & XF) | ((n << 4) & YF);
        if self.rf.bc.get() != 0 {
            f |= PF;
            if repeat && r != 0 {
                let yx = self.repeat_back(bus);
                f = (f & !YXF) | yx;
            }
        }
        self.set_f(f);
    }

    /// Flags of INI/IND/OUTI/OUTD from the byte moved, k and the new B.
    #[inline(always)]
    fn io_block_flags(v: u8, k: u16, b: u8) -> u8 {
        let mut f = SZ[b as usize] | ((v >> 6) & NF) | parity((k as u8 & 7) ^ b);
        if k > 0xFF {
            f |= HF | CF;
        }
        f
    }

    /// The INxR/OTxR repeat adjustment of Y, X, H and P/V.
    #[inline(always)]
    fn io_repeat_flags<B: Bus>(&mut self, bus: &mut Hot<'_, B>, f: u8, v: u8, k: u16) -> u8 {
        let yx = self.repeat_back(bus);
        let b = (self.rf.bc.get() >> 8) as u8;
        let mut f = (f & !(YXF | HF | PF)) | yx;
        let base = (k as u8 & 7) ^ b;
        if k > 0xFF {
            if v & 0x80 != 0 {
                f |= parity(base ^ (b.wrapping_sub(1) & 7));
                if b & 0x0F == 0x00 {
                    f |= HF;
                }
            } else {
                f |= parity(base ^ (b.wrapping_add(1) & 7));
                if b & 0x0F == 0x0F {
                    f |= HF;
                }
            }
        } else {
            f |= parity(base ^ (b & 7));
        }
        f
    }

    #[inline(always)]
    fn inx<B: Bus>(&mut self, bus: &mut Hot<'_, B>, step: u16, repeat: bool) {
        self.internal(bus, 1);
        let bc = self.rf.bc.get();
        let v = self.io_in(bus, bc);
        self.write(bus, self.rf.hl.get(), v);
        self.rf.wz.set(bc.wrapping_add(step));
        let b = ((bc >> 8) as u8).wrapping_sub(1);
        self.rf.bc.set((bc & 0xFF) | ((b as u16) << 8));
        self.rf.hl.set(self.rf.hl.get().wrapping_add(step));
        let k = v as u16 + ((bc as u8).wrapping_add(step as u8)) as u16;
        let mut f = Self::io_block_flags(v, k, b);
        if repeat && b != 0 {
            f = self.io_repeat_flags(bus, f, v, k);
        }
        self.set_f(f);
    }

    #[inline(always)]
    fn outx<B: Bus>(&mut self, bus: &mut Hot<'_, B>, step: u16, repeat: bool) {
        self.internal(bus, 1);
        let v = self.read(bus, self.rf.hl.get());
        let b = ((self.rf.bc.get() >> 8) as u8).wrapping_sub(1);
        let bc = (self.rf.bc.get() & 0xFF) | ((b as u16) << 8);
        self.rf.bc.set(bc);
        self.io_out(bus, bc, v);
        self.rf.wz.set(bc.wrapping_add(step));
        self.rf.hl.set(self.rf.hl.get().wrapping_add(step));
        let k = v as u16 + (self.rf.hl.get() as u8) as u16;
        let mut f = Self::io_block_flags(v, k, b);
        if repeat && b != 0 {
            f = self.io_repeat_flags(bus, f, v, k);
        }
        self.set_f(f);
    }
}

#[cfg(test)]
mod tests {
    use crate::flags::*;
    use crate::testing::{run_code, TestBus};
    use crate::{Cpu, Model};

    #[test]
    fn ldi_flags_and_timing() {
        let (cpu, bus) = run_code(&[0xED, 0xA0], |c| {
            c.regs.hl = 0x4000;
            c.regs.de = 0x5000;
            c.regs.bc = 0x0002;
            c.regs.af = 0x0AC1;
        });
        // byte 0 + A 0AH = 0AH: X from bit 3, Y from bit 1.
        assert_eq!(cpu.regs.f(), SF | ZF | CF | XF | YF | PF);
        assert_eq!((cpu.regs.hl, cpu.regs.de, cpu.regs.bc), (0x4001, 0x5001, 1));
        assert_eq!(cpu.t, 16);
        assert_eq!(bus.trace_str(), "M1 M1 MR MW I2");
    }

    #[test]
    fn ldir_repeats_with_pc_flags() {
        let mut bus = TestBus::new(&[]);
        bus.mem[0x2800] = 0xED;
        bus.mem[0x2801] = 0xB0;
        let mut cpu = Cpu::new(Model::Nmos);
        cpu.regs.pc = 0x2800;
        cpu.regs.bc = 2;
        cpu.regs.af = 0;
        cpu.step(&mut bus);
        assert_eq!(cpu.regs.pc, 0x2800);
        assert_eq!(cpu.t, 21);
        assert_eq!(cpu.regs.wz, 0x2801);
        assert_eq!(cpu.regs.f() & (YXF | PF), YXF | PF);
        cpu.step(&mut bus);
        assert_eq!(cpu.regs.pc, 0x2802);
        assert_eq!(cpu.t, 37);
        assert_eq!(cpu.regs.f() & (YXF | PF), 0);
    }

    #[test]
    fn cpir_stops_on_match() {
        let mut bus = TestBus::new(&[0xED, 0xB1]);
        bus.mem[0x4001] = 0x42;
        let mut cpu = Cpu::new(Model::Nmos);
        cpu.regs.hl = 0x4000;
        cpu.regs.bc = 10;
        cpu.regs.af = 0x4200;
        let mut steps = 0;
        while cpu.regs.pc == 0 {
            cpu.step(&mut bus);
            steps += 1;
        }
        assert_eq!(steps, 2);
        assert_eq!(cpu.t, 21 + 16);
        assert_eq!(cpu.regs.hl, 0x4002);
        assert_eq!(cpu.regs.f() & (ZF | PF | NF), ZF | PF | NF);
    }

    #[test]
    fn ini_flags_and_timing() {
        // The test bus returns the low port byte on reads: C = FFH.
        let (cpu, bus) = run_code(&[0xED, 0xA2], |c| {
            c.regs.bc = 0x01FF;
            c.regs.hl = 0x4000;
        });
        assert_eq!(bus.mem[0x4000], 0xFF);
        // k = FFH + 00H = FFH: no carry; N from bit 7; B = 0.
        assert_eq!(cpu.regs.f(), ZF | NF | parity_flag(7));
        assert_eq!(cpu.regs.wz, 0x0200);
        assert_eq!(cpu.t, 16);
        assert_eq!(bus.trace_str(), "M1 M1 I1 IR MW");
    }

    fn parity_flag(v: u8) -> u8 {
        if v.count_ones() % 2 == 0 {
            PF
        } else {
            0
        }
    }

    #[test]
    fn otir_repeat_flags() {
        let mut bus = TestBus::new(&[0xED, 0xB3]);
        bus.mem[0x4000] = 0x80;
        let mut cpu = Cpu::new(Model::Nmos);
        cpu.regs.bc = 0x0310;
        cpu.regs.hl = 0x4000;
        cpu.step(&mut bus);
        assert_eq!(cpu.t, 21);
        assert_eq!(bus.io_writes, [(0x0210, 0x80)]);
        // B = 2, k = 80H + 01H = 81H (no carry): P/V = parity((1 ^ 2) ^ (2 & 7)).
        assert_eq!(cpu.regs.f(), NF | parity_flag(1));
        assert_eq!(bus.trace_str(), "M1 M1 I1 MR IW I5");
    }

    /// One step of an INxR/OTxR placed at 2800H (PC bits 13 and 11 set, so
    /// the repeat's Y and X are visible); returns the CPU after it.
    fn io_repeat_step(op: u8, bc: u16, byte: u8) -> (Cpu, TestBus) {
        let mut bus = TestBus::new(&[]);
        bus.mem[0x2800] = 0xED;
        bus.mem[0x2801] = op;
        bus.mem[0x4000] = byte;
        let mut cpu = Cpu::new(Model::Nmos);
        cpu.regs.pc = 0x2800;
        cpu.regs.bc = bc;
        cpu.regs.hl = 0x4000;
        cpu.regs.wz = 0x5555;
        cpu.step(&mut bus);
        (cpu, bus)
    }

    #[test]
    fn io_block_repeat_sets_memptr_to_instruction_plus_one() {
        // (opcode, BC, byte at (HL) for OTxR, expected F). The test bus reads
        // the port's low byte, so INxR moves C. The flags follow the rules in
        // the module docs: the repeat replaces Y/X with PC bits 13/11 (2800H:
        // both set) and recomputes H and P/V.
        let cases = [
            // INIR: k = 10H + 11H, no carry; B = 1.
            (0xB2, 0x0210, 0x00, YF | XF),
            // INIR with carry and byte bit 7: k = F0H + F1H; B = 10H.
            (0xB2, 0x11F0, 0x00, YF | XF | NF | HF | CF),
            // INDR: k = 10H + 0FH; B = 1.
            (0xBA, 0x0210, 0x00, YF | XF),
            // OTIR: k = 80H + L (01H); B = 1.
            (0xB3, 0x0210, 0x80, YF | XF | NF),
            // OTDR: k = 80H + L (FFH), carry, byte bit 7; B = 1, so the
            // repeat clears H (B & 0FH is not 0).
            (0xBB, 0x0210, 0x80, YF | XF | NF | CF | PF),
        ];
        for (op, bc, byte, f) in cases {
            let (cpu, bus) = io_repeat_step(op, bc, byte);
            assert_eq!(cpu.regs.pc, 0x2800, "ED {op:02X} repeats");
            assert_eq!(cpu.t, 21, "ED {op:02X}");
            assert_eq!(cpu.regs.wz, 0x2801, "ED {op:02X}: MEMPTR = PC + 1");
            assert_eq!(cpu.regs.f(), f, "ED {op:02X} flags {:02X}", cpu.regs.f());
            assert!(bus.trace_str().ends_with(" I5"), "ED {op:02X}");
        }
    }

    #[test]
    fn io_block_last_step_keeps_the_bc_rule() {
        // B = 1: the step ends the loop, so MEMPTR is BC ± 1 (before the
        // decrement for INxR, after it for OTxR) and PC moves on.
        for (op, wz) in [
            (0xB2, 0x0111),
            (0xBA, 0x010F),
            (0xB3, 0x0011),
            (0xBB, 0x000F),
        ] {
            let (cpu, _) = io_repeat_step(op, 0x0110, 0x00);
            assert_eq!((cpu.regs.pc, cpu.t), (0x2802, 16), "ED {op:02X}");
            assert_eq!(cpu.regs.wz, wz, "ED {op:02X}");
            assert_eq!(cpu.regs.f() & ZF, ZF, "ED {op:02X}: B = 0");
        }
    }
}
