//! Unit tests of the unprefixed and DD/FD opcode families: registers, flags,
//! MEMPTR and the bus-cycle sequence (T-states).

use crate::flags::*;
use crate::testing::run_code;

#[test]
fn ld_r_r_and_immediate() {
    let (cpu, bus) = run_code(&[0x41], |c| c.regs.bc = 0x1234);
    assert_eq!(cpu.regs.bc, 0x3434);
    assert_eq!((cpu.t, bus.trace_str().as_str()), (4, "M1"));
    let (cpu, bus) = run_code(&[0x36, 0x99], |c| c.regs.hl = 0x4000);
    assert_eq!(bus.mem[0x4000], 0x99);
    assert_eq!((cpu.t, bus.trace_str().as_str()), (10, "M1 MR MW"));
}

#[test]
fn index_halves_and_displacement() {
    // LD IXH,B* (DD 60) then LD H,(IX-1) (DD 66 FF)
    let (cpu, bus) = run_code(&[0xDD, 0x60], |c| c.regs.bc = 0x5600);
    assert_eq!(cpu.regs.ix, 0x5600);
    assert_eq!((cpu.t, cpu.regs.r), (8, 2));
    assert_eq!(bus.trace_str(), "M1 M1");
    let (cpu, bus) = run_code(&[0xDD, 0x66, 0xFF], |c| {
        c.regs.ix = 0x0001;
        c.regs.hl = 0x0000;
    });
    assert_eq!(cpu.regs.hl, 0xDD00);
    assert_eq!(cpu.regs.ix, 0x0001);
    assert_eq!(cpu.regs.wz, 0x0000);
    assert_eq!(cpu.t, 19);
    assert_eq!(bus.trace_str(), "M1 M1 MR I5 MR");
}

#[test]
fn ld_index_d_n_timing() {
    let (cpu, bus) = run_code(&[0xFD, 0x36, 0x02, 0x77], |c| c.regs.iy = 0x4000);
    assert_eq!(bus.mem[0x4002], 0x77);
    assert_eq!(cpu.t, 19);
    assert_eq!(bus.trace_str(), "M1 M1 MR MR I2 MW");
}

#[test]
fn endless_prefix_chain_respects_the_budget() {
    let mut bus = crate::testing::TestBus::new(&[0xDD; 0x10000]);
    bus.check_t = false; // the prefix at the split is fetched twice
    let mut cpu = crate::Cpu::new(crate::Model::Nmos);
    assert_eq!(cpu.run(&mut bus, 1000), crate::Exit::Budget);
    assert!(cpu.t >= 1000 && cpu.t < 1100);
    assert_eq!(cpu.regs.pc as u64, cpu.t / 4);
}

#[test]
fn prefix_chain_last_wins() {
    // DD FD 21 nn = LD IY,nn (+4 T for the extra prefix)
    let (cpu, _) = run_code(&[0xDD, 0xFD, 0x21, 0x34, 0x12], |_| {});
    assert_eq!(cpu.regs.iy, 0x1234);
    assert_eq!((cpu.t, cpu.regs.r), (18, 3));
}

#[test]
fn inc_hl_and_memory_timing() {
    let (cpu, bus) = run_code(&[0x23], |c| c.regs.hl = 0xFFFF);
    assert_eq!(cpu.regs.hl, 0);
    assert_eq!((cpu.t, bus.trace_str().as_str()), (6, "M1 I2"));
    let (cpu, bus) = run_code(&[0x34], |c| c.regs.hl = 0x4000);
    assert_eq!(bus.mem[0x4000], 1);
    assert_eq!((cpu.t, bus.trace_str().as_str()), (11, "M1 MR I1 MW"));
    let (cpu, bus) = run_code(&[0xDD, 0x35, 0x01], |c| c.regs.ix = 0x4000);
    assert_eq!(bus.mem[0x4001], 0xFF);
    assert_eq!(cpu.t, 23);
    assert_eq!(bus.trace_str(), "M1 M1 MR I5 MR I1 MW");
}

#[test]
fn stack_timing() {
    let (cpu, bus) = run_code(&[0xC5], |c| c.regs.bc = 0x1234);
    assert_eq!((bus.mem[0x7FFF], bus.mem[0x7FFE]), (0x12, 0x34));
    assert_eq!((cpu.t, bus.trace_str().as_str()), (11, "M1 I1 MW MW"));
    let (cpu, bus) = run_code(&[0xE3], |c| c.regs.hl = 0xABCD);
    assert_eq!(cpu.regs.hl, 0x0000);
    assert_eq!(cpu.regs.wz, 0x0000);
    assert_eq!((bus.mem[0x8000], bus.mem[0x8001]), (0xCD, 0xAB));
    assert_eq!(cpu.t, 19);
    assert_eq!(bus.trace_str(), "M1 MR MR I1 MW MW I2");
}

#[test]
fn jumps_and_calls() {
    let (cpu, bus) = run_code(&[0x18, 0xFE], |_| {});
    assert_eq!((cpu.regs.pc, cpu.t), (0, 12));
    assert_eq!(bus.trace_str(), "M1 MR I5");
    let (cpu, _) = run_code(&[0x20, 0x10], |c| c.regs.af = ZF as u16);
    assert_eq!((cpu.regs.pc, cpu.t), (2, 7));
    let (cpu, bus) = run_code(&[0x10, 0x05], |c| c.regs.bc = 0x0200);
    assert_eq!((cpu.regs.pc, cpu.t, cpu.regs.wz), (7, 13, 7));
    assert_eq!(bus.trace_str(), "M1 I1 MR I5");
    let (cpu, bus) = run_code(&[0xCD, 0x34, 0x12], |_| {});
    assert_eq!((cpu.regs.pc, cpu.t, cpu.regs.sp), (0x1234, 17, 0x7FFE));
    assert_eq!(bus.trace_str(), "M1 MR MR I1 MW MW");
    let (cpu, _) = run_code(&[0xC4, 0x34, 0x12], |c| c.regs.af = ZF as u16);
    assert_eq!((cpu.regs.pc, cpu.t, cpu.regs.wz), (3, 10, 0x1234));
    let (cpu, bus) = run_code(&[0xC8], |c| c.regs.af = ZF as u16);
    assert_eq!((cpu.regs.pc, cpu.t), (0, 11));
    assert_eq!(bus.trace_str(), "M1 I1 MR MR");
    let (cpu, _) = run_code(&[0xC0], |c| c.regs.af = ZF as u16);
    assert_eq!((cpu.regs.pc, cpu.t), (1, 5));
    let (cpu, _) = run_code(&[0xFF], |_| {});
    assert_eq!((cpu.regs.pc, cpu.t, cpu.regs.wz), (0x38, 11, 0x38));
}

#[test]
fn add_hl_flags_memptr_timing() {
    let (cpu, bus) = run_code(&[0x29], |c| {
        c.regs.hl = 0x8800;
        c.regs.af = 0x00FF & !(CF as u16);
    });
    assert_eq!(cpu.regs.hl, 0x1000);
    assert_eq!(cpu.regs.f(), SF | ZF | PF | HF | CF);
    assert_eq!(cpu.regs.wz, 0x8801);
    assert_eq!((cpu.t, bus.trace_str().as_str()), (11, "M1 I7"));
}

#[test]
fn scf_ccf_use_q() {
    // After an instruction that set F (XOR A: F = Z P), SCF takes Y/X from A only.
    let (cpu, _) = run_code(&[0xAF, 0x37], |c| c.regs.af = 0x00FF);
    let mut cpu = cpu;
    let mut bus = crate::testing::TestBus::new(&[0xAF, 0x37]);
    cpu.regs.pc = 1;
    cpu.regs.af = 0x0028 | (ZF | PF) as u16;
    cpu.regs.q = (ZF | PF) | 0x28;
    cpu.step(&mut bus);
    assert_eq!(cpu.regs.f(), ZF | PF | CF);
    // After an instruction that left F alone, Y/X = (A | F).
    let (cpu, _) = run_code(&[0x37], |c| {
        c.regs.af = 0x0028;
        c.regs.q = 0;
    });
    assert_eq!(cpu.regs.f(), YXF | CF);
    let (cpu, _) = run_code(&[0x3F], |c| c.regs.af = 0x2001);
    assert_eq!(cpu.regs.f(), YF | HF);
}

#[test]
fn io_immediate_memptr() {
    let (cpu, bus) = run_code(&[0xD3, 0xFF], |c| c.regs.af = 0x1200);
    assert_eq!(bus.io_writes, [(0x12FF, 0x12)]);
    assert_eq!(cpu.regs.wz, 0x1200);
    assert_eq!((cpu.t, bus.trace_str().as_str()), (11, "M1 MR IW"));
    let (cpu, _) = run_code(&[0xDB, 0x34], |c| c.regs.af = 0x12FF);
    assert_eq!(cpu.regs.af, 0x34FF);
    assert_eq!(cpu.regs.wz, 0x1235);
}

#[test]
fn memptr_of_loads() {
    let (cpu, _) = run_code(&[0x32, 0xFF, 0x40], |c| c.regs.af = 0x5500);
    assert_eq!(cpu.regs.wz, 0x5500);
    let (cpu, _) = run_code(&[0x2A, 0x00, 0x40], |_| {});
    assert_eq!((cpu.regs.wz, cpu.t), (0x4001, 16));
    let (cpu, _) = run_code(&[0x0A], |c| c.regs.bc = 0x1FFF);
    assert_eq!((cpu.regs.wz, cpu.t), (0x2000, 7));
}

#[test]
fn r_keeps_bit_7() {
    let (cpu, _) = run_code(&[0x00], |c| c.regs.r = 0xFF);
    assert_eq!(cpu.regs.r, 0x80);
}

#[test]
fn daa_after_add() {
    let mut bus = crate::testing::TestBus::new(&[0xC6, 0x27, 0x27]);
    let mut cpu = crate::Cpu::new(crate::Model::Nmos);
    cpu.regs.af = 0x1500;
    cpu.step(&mut bus);
    cpu.step(&mut bus);
    assert_eq!(cpu.regs.a(), 0x42);
}
