//! Regression: `LD L,(HL)` lost H when the core was monomorphised for a plain
//! `Vec`-backed bus (rustc 1.95 / LLVM, opt-level >= 1; the unit-test bus did
//! not trigger it). Found by the differential test against z80emu. Also checks
//! two neighbours with the same read-then-update-the-address-pair shape.

use z80::{Bus, Cpu, Model};

struct VecBus {
    mem: Vec<u8>,
    writes: Vec<(bool, u16, u8)>,
}

impl Bus for VecBus {
    #[inline]
    fn fetch_opcode(&mut self, addr: u16, _t: u64) -> u8 {
        self.mem[addr as usize]
    }
    #[inline]
    fn mem_read(&mut self, addr: u16, _t: u64) -> u8 {
        self.mem[addr as usize]
    }
    #[inline]
    fn mem_write(&mut self, addr: u16, value: u8, _t: u64) {
        self.mem[addr as usize] = value;
        self.writes.push((false, addr, value));
    }
    #[inline]
    fn io_read(&mut self, _port: u16, _t: u64) -> u8 {
        0x5A
    }
    #[inline]
    fn io_write(&mut self, port: u16, value: u8, _t: u64) {
        self.writes.push((true, port, value));
    }
    fn peek(&self, addr: u16) -> u8 {
        self.mem[addr as usize]
    }
}

fn run_one(code: &[u8], setup: impl FnOnce(&mut Cpu, &mut VecBus)) -> Cpu {
    let mut bus = VecBus {
        mem: vec![0; 0x10000],
        writes: Vec::new(),
    };
    bus.mem[0x100..0x100 + code.len()].copy_from_slice(code);
    let mut cpu = Cpu::new(Model::Nmos);
    cpu.regs.pc = 0x100;
    setup(&mut cpu, &mut bus);
    cpu.step(&mut bus);
    cpu
}

#[test]
fn ld_l_from_hl_keeps_h() {
    let cpu = run_one(&[0x6E], |c, b| {
        c.regs.hl = 0xF476;
        b.mem[0xF476] = 0xD2;
    });
    assert_eq!(cpu.regs.hl, 0xF4D2);
}

#[test]
fn in_c_from_bc_port_keeps_b() {
    let cpu = run_one(&[0xED, 0x48], |c, _| c.regs.bc = 0xF476);
    assert_eq!(cpu.regs.bc, 0xF45A);
}

#[test]
fn ld_e_from_hl_keeps_d() {
    let cpu = run_one(&[0x5E], |c, b| {
        c.regs.hl = 0xF476;
        c.regs.de = 0xAB00;
        b.mem[0xF476] = 0xD2;
    });
    assert_eq!(cpu.regs.de, 0xABD2);
}
