//! The two Z80 cores the CPU benchmarks compare, each on plain 64 KiB RAM:
//! ours (`z80::Cpu::run`) and z80emu 0.11 (`Z80NMOS`, its batch loop
//! `execute_with_limit`), both started from our core's power-on registers.

use std::num::NonZeroU16;

use z80::{Bus, Cpu, Model};
use z80emu::host::TsCounter;
use z80emu::{Cpu as _, CpuDebugFn, Io, Memory, Prefix, StkReg16, Z80NMOS};

/// Flags Y and X are left out of the state check: after a repeating LDIR the
/// chip puts PC bits in them, which z80emu does not (see tests/differential.rs
/// in crates/z80).
pub const YX_MASK: u16 = !0x0028;

/// Our core's machine: plain RAM.
pub struct Ram(Box<[u8; 0x10000]>);

impl Bus for Ram {
    #[inline(always)]
    fn fetch_opcode(&mut self, addr: u16, _t: u64) -> u8 {
        self.0[addr as usize]
    }
    #[inline(always)]
    fn mem_read(&mut self, addr: u16, _t: u64) -> u8 {
        self.0[addr as usize]
    }
    #[inline(always)]
    fn mem_write(&mut self, addr: u16, value: u8, _t: u64) {
        self.0[addr as usize] = value;
    }
    #[inline(always)]
    fn io_read(&mut self, _port: u16, _t: u64) -> u8 {
        0xFF
    }
    #[inline(always)]
    fn io_write(&mut self, _port: u16, _value: u8, _t: u64) {}
    fn peek(&self, addr: u16) -> u8 {
        self.0[addr as usize]
    }
}

/// z80emu's machine: the same RAM.
pub struct PeerRam(Box<[u8; 0x10000]>);

impl Io for PeerRam {
    type Timestamp = u64;
    type WrIoBreak = ();
    type RetiBreak = ();
    fn write_io(&mut self, _port: u16, _data: u8, _ts: u64) -> (Option<()>, Option<NonZeroU16>) {
        (None, None)
    }
}

impl Memory for PeerRam {
    type Timestamp = u64;
    #[inline(always)]
    fn read_mem(&self, address: u16, _ts: u64) -> u8 {
        self.0[address as usize]
    }
    #[inline(always)]
    fn read_opcode(&mut self, pc: u16, _ir: u16, _ts: u64) -> u8 {
        self.0[pc as usize]
    }
    #[inline(always)]
    fn write_mem(&mut self, address: u16, value: u8, _ts: u64) {
        self.0[address as usize] = value;
    }
    fn read_debug(&self, address: u16) -> u8 {
        self.0[address as usize]
    }
}

pub struct Ours {
    pub cpu: Cpu,
    pub ram: Ram,
}

impl Ours {
    /// Our core from power-on, on `memory`.
    pub fn new(memory: Box<[u8; 0x10000]>) -> Self {
        Ours {
            cpu: Cpu::new(Model::Nmos),
            ram: Ram(memory),
        }
    }
    #[inline(never)]
    pub fn run(&mut self, t: u64) {
        let until = self.cpu.t + t;
        self.cpu.run(&mut self.ram, until);
    }
    pub fn state(&self) -> [u16; 9] {
        let r = &self.cpu.regs;
        [
            r.af & YX_MASK,
            r.bc,
            r.de,
            r.hl,
            r.ix,
            r.iy,
            r.sp,
            r.pc,
            self.cpu.t as u16,
        ]
    }
}

pub struct Peer {
    pub cpu: Z80NMOS,
    pub ram: PeerRam,
    pub clock: TsCounter<u64>,
}

impl Peer {
    /// z80emu with our core's power-on registers (the alternate set included:
    /// power-on contents are not defined by the chip, so the two differ).
    pub fn new(memory: Box<[u8; 0x10000]>) -> Self {
        let r = Cpu::new(Model::Nmos).regs;
        let mut cpu = Z80NMOS::default();
        cpu.reset();
        for (reg, main, alt) in [
            (StkReg16::AF, r.af, r.af_),
            (StkReg16::BC, r.bc, r.bc_),
            (StkReg16::DE, r.de, r.de_),
            (StkReg16::HL, r.hl, r.hl_),
        ] {
            cpu.set_reg16(reg, main);
            cpu.ex_af_af();
            cpu.exx();
            cpu.set_reg16(reg, alt);
            cpu.ex_af_af();
            cpu.exx();
        }
        cpu.set_index16(Prefix::Xdd, r.ix);
        cpu.set_index16(Prefix::Yfd, r.iy);
        cpu.set_sp(r.sp);
        cpu.set_pc(r.pc);
        Peer {
            cpu,
            ram: PeerRam(memory),
            clock: TsCounter::default(),
        }
    }
    #[inline(never)]
    pub fn run(&mut self, t: u64) {
        let until = self.clock.0 .0 + t;
        let _ = self
            .cpu
            .execute_with_limit(&mut self.ram, &mut self.clock, until);
    }
    /// z80emu's batch loop may stop right after a DD/FD prefix (a prefix is a
    /// step of its own there); finish that instruction so states compare.
    pub fn finish_prefix(&mut self) {
        while self.cpu.is_after_prefix() {
            let _ = self
                .cpu
                .execute_next(&mut self.ram, &mut self.clock, None::<CpuDebugFn>);
        }
    }
    pub fn state(&self) -> [u16; 9] {
        let c = &self.cpu;
        [
            c.get_reg16(StkReg16::AF) & YX_MASK,
            c.get_reg16(StkReg16::BC),
            c.get_reg16(StkReg16::DE),
            c.get_reg16(StkReg16::HL),
            c.get_index16(Prefix::Xdd),
            c.get_index16(Prefix::Yfd),
            c.get_sp(),
            c.get_pc(),
            self.clock.0 .0 as u16,
        ]
    }
}
