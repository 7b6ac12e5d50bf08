//! Interrupt acceptance (NMI, IM 0/1/2) and the halted state.
//!
//! Zilog *Z80 CPU User Manual* (UM0080), "Interrupt Response" and the timing
//! diagrams for the interrupt request/acknowledge cycle; T-states:
//!
//! | event            | M-cycles                                      | T  | PC after      |
//! |------------------|-----------------------------------------------|----|---------------|
//! | NMI              | M1 4+1 (opcode read and ignored), MW 3, MW 3  | 11 | 0066H         |
//! | IM 0, RST p      | INTA 6+1, MW 3, MW 3                          | 13 | p             |
//! | IM 0, CALL nn    | INTA 6, ACK 3, ACK 3+1, MW 3, MW 3            | 19 | nn            |
//! | IM 0, other op   | INTA 6, then the instruction's own cycles     | 2 more than normal | |
//! | IM 1             | INTA 6+1, MW 3, MW 3                          | 13 | 0038H         |
//! | IM 2             | INTA 6+1, MW 3, MW 3, MR 3, MR 3              | 19 | (I:vector)    |
//! | HALT cycle       | M1 4 at PC (byte ignored)                     | 4  | unchanged     |
//!
//! INTA is one [`Bus::int_ack`] call (an M1 with IORQ and two automatic wait
//! states: 6 T). In IM 0 every further byte of the instruction on the data bus
//! (operands, or the second byte after a CB/ED/DD/FD prefix) is read by another
//! `int_ack` call taking the length of the cycle it replaces (3 T for operands,
//! 4 T for an M1); PC does not advance over them. Every acceptance resets IFF1
//! and IFF2 (NMI: IFF1 only), increments R once, leaves the halted state (the
//! pushed PC is the instruction after `HALT`) and sets MEMPTR to the new PC.
//!
//! NMOS only: if INT is accepted right after `LD A,I`/`LD A,R`, the P/V flag that
//! instruction set reads 0 (the chip samples IFF2 after it has been cleared).
//!
//! Not emulated: an IM 0 instruction that reads data from the address that its
//! own next byte would occupy gets the bus byte instead; an IM 0 `JP`/`JR` whose
//! target is the address right after its own bytes is taken as "no jump".

use crate::flags::PF;
use crate::{Bus, Cpu, Hot, Model, Signals, P_HALTED};

/// Routes the instruction bytes of an IM 0 instruction to [`Bus::int_ack`].
struct Im0Bus<'a, B: Bus> {
    inner: &'a mut B,
    /// Address the next instruction byte would have had.
    next: u16,
    /// Instruction bytes taken from the data bus after the first.
    taken: u16,
}

impl<B: Bus> Im0Bus<'_, B> {
    fn ack(&mut self, t: u64) -> u8 {
        self.next = self.next.wrapping_add(1);
        self.taken += 1;
        self.inner.int_ack(t)
    }
}

impl<B: Bus> Bus for Im0Bus<'_, B> {
    fn fetch_opcode(&mut self, addr: u16, t: u64) -> u8 {
        if addr == self.next {
            self.ack(t)
        } else {
            self.inner.fetch_opcode(addr, t)
        }
    }
    fn mem_read(&mut self, addr: u16, t: u64) -> u8 {
        if addr == self.next {
            self.ack(t)
        } else {
            self.inner.mem_read(addr, t)
        }
    }
    fn mem_write(&mut self, addr: u16, value: u8, t: u64) {
        self.inner.mem_write(addr, value, t)
    }
    fn io_read(&mut self, port: u16, t: u64) -> u8 {
        self.inner.io_read(port, t)
    }
    fn io_write(&mut self, port: u16, value: u8, t: u64) {
        self.inner.io_write(port, value, t)
    }
    fn int_ack(&mut self, t: u64) -> u8 {
        self.inner.int_ack(t)
    }
    fn internal(&mut self, t: u64, n: u32) {
        self.inner.internal(t, n)
    }
    fn poll(&mut self, t: u64, pc: u16) -> Signals {
        self.inner.poll(t, pc)
    }
    fn peek(&self, addr: u16) -> u8 {
        self.inner.peek(addr)
    }
}

impl Cpu {
    #[inline(always)]
    fn leave_halt(&mut self) {
        self.halted = false;
        self.pending &= !P_HALTED;
    }

    /// One 4-T NOP M1 cycle of the halted CPU.
    pub(crate) fn halt_cycle<B: Bus>(&mut self, bus: &mut Hot<'_, B>) {
        let _ = bus.bus.fetch_opcode(bus.pc, self.t);
        self.t += 4;
        bus.r = bus.r.wrapping_add(1);
    }

    /// Accept a non-maskable interrupt (11 T).
    pub(crate) fn accept_nmi<B: Bus>(&mut self, bus: &mut Hot<'_, B>) {
        self.leave_halt();
        let _ = bus.bus.fetch_opcode(bus.pc, self.t);
        self.t += 4;
        bus.r = bus.r.wrapping_add(1);
        self.internal(bus, 1);
        self.regs.iff1 = false;
        self.push(bus, bus.pc);
        bus.pc = 0x0066;
        self.rf.wz.set(0x0066);
    }

    /// Accept a maskable interrupt in the current mode.
    pub(crate) fn accept_int<B: Bus>(&mut self, bus: &mut Hot<'_, B>) {
        self.leave_halt();
        if self.model == Model::Nmos && self.ld_air_end == self.t {
            self.rf.f.set(self.rf.f.get() & !(PF as u16));
        }
        self.regs.iff1 = false;
        self.regs.iff2 = false;
        let v = bus.bus.int_ack(self.t);
        self.t += 6;
        bus.r = bus.r.wrapping_add(1);
        match self.regs.im {
            1 => self.rst(bus, 0x0038),
            2 => {
                self.internal(bus, 1);
                self.push(bus, bus.pc);
                let vec = ((self.regs.i as u16) << 8) | v as u16;
                let pc = self.read16(bus, vec);
                bus.pc = pc;
                self.rf.wz.set(pc);
            }
            _ => self.im0(bus, v),
        }
    }

    /// IM 0: execute the instruction whose first byte `op` the device drove.
    fn im0<B: Bus>(&mut self, bus: &mut Hot<'_, B>, op: u8) {
        if op & 0xC7 == 0xC7 {
            return self.rst(bus, (op & 0x38) as u16);
        }
        let saved = bus.pc;
        if op == 0xCD || op & 0xC7 == 0xC4 {
            // CALL nn / CALL cc,nn with the address bytes from the data bus.
            let lo = bus.bus.int_ack(self.t) as u16;
            self.t += 3;
            let hi = bus.bus.int_ack(self.t) as u16;
            self.t += 3;
            let nn = (hi << 8) | lo;
            self.rf.wz.set(nn);
            if op == 0xCD || self.cond((op >> 3) & 7) {
                self.internal(bus, 1);
                self.push(bus, saved);
                bus.pc = nn;
            }
            return;
        }
        let mut ack = Im0Bus {
            inner: &mut *bus.bus,
            next: saved,
            taken: 0,
        };
        let mut h = Hot {
            bus: &mut ack,
            pc: bus.pc,
            r: bus.r,
        };
        // The INTA cycle is 2 T longer than an M1: `pre` = 2 for Q.
        self.exec_main::<Im0Bus<'_, B>, false>(&mut h, op, 2);
        let (pc, r) = (h.pc, h.r);
        bus.r = r;
        bus.pc = if pc == saved.wrapping_add(ack.taken) {
            saved
        } else {
            pc
        };
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::TestBus;
    use crate::{Cpu, Exit, Model};

    fn cpu_at(pc: u16) -> Cpu {
        let mut cpu = Cpu::new(Model::Nmos);
        cpu.regs.pc = pc;
        cpu.regs.sp = 0x8000;
        cpu
    }

    #[test]
    fn im1_takes_13_t_and_clears_iffs() {
        let mut bus = TestBus::new(&[0x00; 4]);
        let mut cpu = cpu_at(0x0002);
        cpu.regs.iff1 = true;
        cpu.regs.iff2 = true;
        cpu.regs.im = 1;
        bus.int = true;
        assert_eq!(cpu.step(&mut bus), Exit::Stepped);
        assert_eq!(cpu.t, 13);
        assert_eq!(cpu.regs.pc, 0x0038);
        assert_eq!((bus.mem[0x7FFE], bus.mem[0x7FFF]), (0x02, 0x00));
        assert!(!cpu.regs.iff1 && !cpu.regs.iff2);
        assert_eq!(cpu.regs.r, 1);
        assert_eq!(bus.trace_str(), "INTA I1 MW MW");
    }

    #[test]
    fn im2_reads_vector() {
        let mut bus = TestBus::new(&[]);
        bus.ack_bytes = [0x10, 0, 0];
        bus.mem[0x3F10] = 0x34;
        bus.mem[0x3F11] = 0x12;
        let mut cpu = cpu_at(0x0100);
        cpu.regs.iff1 = true;
        cpu.regs.im = 2;
        cpu.regs.i = 0x3F;
        bus.int = true;
        cpu.step(&mut bus);
        assert_eq!(cpu.t, 19);
        assert_eq!(cpu.regs.pc, 0x1234);
        assert_eq!(cpu.regs.wz, 0x1234);
    }

    #[test]
    fn im0_rst_and_call() {
        let mut bus = TestBus::new(&[]);
        bus.ack_bytes = [0xD7, 0, 0];
        let mut cpu = cpu_at(0x0100);
        cpu.regs.iff1 = true;
        bus.int = true;
        cpu.step(&mut bus);
        assert_eq!((cpu.t, cpu.regs.pc), (13, 0x0010));

        let mut bus = TestBus::new(&[]);
        bus.ack_bytes = [0xCD, 0x34, 0x12];
        let mut cpu = cpu_at(0x0100);
        cpu.regs.iff1 = true;
        bus.int = true;
        cpu.step(&mut bus);
        assert_eq!((cpu.t, cpu.regs.pc), (19, 0x1234));
        assert_eq!((bus.mem[0x7FFE], bus.mem[0x7FFF]), (0x00, 0x01));
    }

    #[test]
    fn im0_other_instruction() {
        // LD A,n on the bus: A loaded, PC unchanged, 2 T more than normal.
        let mut bus = TestBus::new(&[]);
        bus.ack_bytes = [0x3E, 0x5A, 0];
        let mut cpu = cpu_at(0x0100);
        cpu.regs.iff1 = true;
        bus.int = true;
        cpu.step(&mut bus);
        assert_eq!((cpu.t, cpu.regs.pc, cpu.regs.a()), (9, 0x0100, 0x5A));
    }

    #[test]
    fn nmi_edge_11_t() {
        let mut bus = TestBus::new(&[0x00; 16]);
        let mut cpu = cpu_at(0x0004);
        cpu.regs.iff1 = true;
        cpu.regs.iff2 = true;
        bus.nmi = true;
        cpu.step(&mut bus);
        assert_eq!((cpu.t, cpu.regs.pc), (11, 0x0066));
        assert!(!cpu.regs.iff1 && cpu.regs.iff2);
        // Line still asserted: no second NMI.
        cpu.step(&mut bus);
        assert_eq!(cpu.regs.pc, 0x0067);
    }

    #[test]
    fn halt_then_interrupt() {
        let mut bus = TestBus::new(&[0xFB, 0x76, 0x00]);
        let mut cpu = cpu_at(0);
        cpu.regs.im = 1;
        assert_eq!(cpu.run(&mut bus, 1000), Exit::Halted);
        assert_eq!((cpu.t, cpu.regs.pc), (8, 2));
        assert_eq!(cpu.run(&mut bus, 20), Exit::Budget);
        assert_eq!(cpu.t, 20);
        assert_eq!(cpu.regs.pc, 2);
        assert!(cpu.halted);
        bus.int = true;
        cpu.step(&mut bus);
        assert!(!cpu.halted);
        assert_eq!(cpu.regs.pc, 0x38);
        assert_eq!((bus.mem[0x7FFE], bus.mem[0x7FFF]), (0x02, 0x00));
    }

    #[test]
    fn ei_delays_one_instruction() {
        let mut bus = TestBus::new(&[0xFB, 0x00, 0x00]);
        let mut cpu = cpu_at(0);
        cpu.regs.im = 1;
        bus.int = true;
        cpu.step(&mut bus); // EI
        cpu.step(&mut bus); // NOP runs despite INT
        assert_eq!(cpu.regs.pc, 2);
        cpu.step(&mut bus); // now accepted
        assert_eq!(cpu.regs.pc, 0x38);
    }

    #[test]
    fn int_held_while_disabled() {
        // DI, 3 x NOP, EI, NOP, NOP: INT is accepted after the NOP following EI.
        let mut bus = TestBus::new(&[0xF3, 0x00, 0x00, 0x00, 0xFB, 0x00, 0x00]);
        let mut cpu = cpu_at(0);
        cpu.regs.im = 1;
        cpu.regs.iff1 = true;
        bus.int = true;
        // The first boundary accepts it (IFF1 set).
        cpu.step(&mut bus);
        assert_eq!(cpu.regs.pc, 0x38);
        cpu.regs.pc = 0;
        cpu.t = 0;
        bus.trace.clear();
        let mut bus2 = TestBus::new(&[0xF3, 0x00, 0x00, 0x00, 0xFB, 0x00, 0x00]);
        bus2.int = true;
        cpu.regs.iff1 = false;
        assert_eq!(cpu.run(&mut bus2, 24), crate::Exit::Budget);
        assert_eq!((cpu.regs.pc, cpu.t), (6, 24));
        cpu.step(&mut bus2);
        assert_eq!(cpu.regs.pc, 0x38);
    }

    #[test]
    fn ld_a_i_pv_bug_on_nmos_only() {
        for (model, pv) in [(Model::Nmos, 0), (Model::Cmos, 4)] {
            let mut bus = TestBus::new(&[0xED, 0x57]);
            let mut cpu = cpu_at(0);
            cpu.model = model;
            cpu.regs.iff1 = true;
            cpu.regs.iff2 = true;
            cpu.regs.im = 1;
            cpu.step(&mut bus);
            bus.int = true;
            cpu.step(&mut bus);
            assert_eq!(cpu.regs.pc, 0x38);
            assert_eq!(cpu.regs.f() & 4, pv, "{model:?}");
        }
    }
}
