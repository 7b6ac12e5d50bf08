//! Regression: `LD L,(HL)` lost H when the core was monomorphised for a plain
//! `Vec`-backed bus (rustc 1.95 / LLVM, opt-level >= 1; the unit-test bus did
//! not trigger it). Found by the differential test against z80emu. Also checks
//! two neighbours with the same read-then-update-the-address-pair shape.

use z80::testing::RamBus;
use z80::{Cpu, Model};

fn run_one(code: &[u8], setup: impl FnOnce(&mut Cpu, &mut RamBus)) -> Cpu {
    let mut bus = RamBus::new(code, 0x100);
    bus.io_in = 0x5A;
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
