//! A cycle-counted Zilog Z80 CPU core.
//!
//! `no_std`, zero dependencies, and nothing specific to any machine: the host
//! implements [`Bus`] (see [`bus`] for the timing contract) and drives the CPU
//! with [`Cpu::run`] (batch, until a T-state budget is spent) or [`Cpu::step`]
//! (one instruction, for debuggers).
//!
//! ```
//! use z80::{Bus, Cpu, Exit, Model};
//!
//! struct Ram([u8; 0x10000]);
//! impl Bus for Ram {
//!     fn fetch_opcode(&mut self, a: u16, _t: u64) -> u8 { self.0[a as usize] }
//!     fn mem_read(&mut self, a: u16, _t: u64) -> u8 { self.0[a as usize] }
//!     fn mem_write(&mut self, a: u16, v: u8, _t: u64) { self.0[a as usize] = v }
//!     fn io_read(&mut self, _p: u16, _t: u64) -> u8 { 0xFF }
//!     fn io_write(&mut self, _p: u16, _v: u8, _t: u64) {}
//!     fn peek(&self, a: u16) -> u8 { self.0[a as usize] }
//! }
//!
//! let mut ram = Ram([0; 0x10000]);
//! ram.0[0] = 0x3E; // LD A,42H
//! ram.0[1] = 0x42;
//! ram.0[2] = 0x76; // HALT
//! let mut cpu = Cpu::new(Model::Nmos);
//! let exit = cpu.run(&mut ram, 100);
//! assert_eq!(cpu.regs.a(), 0x42);
//! assert_eq!(exit, Exit::Halted);
//! ```
#![no_std]
#![warn(missing_docs)]

pub mod bus;

pub use bus::{Bus, Signals};

/// Which silicon the core behaves like.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Model {
    /// Zilog NMOS Z80 (the TRS-80 Model I's CPU): `OUT (C),0` writes 00H, and
    /// `LD A,I`/`LD A,R` interrupted by an acknowledge read P/V as 0.
    #[default]
    Nmos,
    /// Zilog CMOS Z84C00: `OUT (C),0` writes FFH; no `LD A,I` P/V bug.
    Cmos,
}

/// The programmer-visible register file plus the hidden state that shapes
/// undocumented behaviour.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Registers {
    /// Accumulator and flags (A high, F low). F bits: S Z Y H X P/V N C.
    pub af: u16,
    /// BC pair.
    pub bc: u16,
    /// DE pair.
    pub de: u16,
    /// HL pair.
    pub hl: u16,
    /// Alternate AF'.
    pub af_: u16,
    /// Alternate BC'.
    pub bc_: u16,
    /// Alternate DE'.
    pub de_: u16,
    /// Alternate HL'.
    pub hl_: u16,
    /// Index register IX.
    pub ix: u16,
    /// Index register IY.
    pub iy: u16,
    /// Stack pointer.
    pub sp: u16,
    /// Program counter.
    pub pc: u16,
    /// Interrupt vector base register I.
    pub i: u8,
    /// Memory refresh register R (bit 7 is kept; bits 0–6 count M1 cycles).
    pub r: u8,
    /// MEMPTR, the hidden internal address latch (also called WZ); leaks into
    /// flags Y and X through `BIT n,(HL)`.
    pub wz: u16,
    /// Interrupt enable flip-flop 1 (interrupts accepted when set).
    pub iff1: bool,
    /// Interrupt enable flip-flop 2 (copy kept across NMI; read by `LD A,I/R`).
    pub iff2: bool,
    /// Interrupt mode 0, 1 or 2.
    pub im: u8,
    /// Q: the flags written by the last instruction if it changed F, else 0.
    /// `SCF`/`CCF` take Y and X from `(A | F) ` or `(A | (F & !Q))`-style mixes.
    pub q: u8,
}

impl Registers {
    /// The accumulator.
    #[inline(always)]
    pub fn a(&self) -> u8 {
        (self.af >> 8) as u8
    }
    /// The flag register.
    #[inline(always)]
    pub fn f(&self) -> u8 {
        self.af as u8
    }
}

/// Why [`Cpu::run`] or [`Cpu::step`] returned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// The T-state budget was reached (the last instruction may overshoot it).
    Budget,
    /// The bus asked for a break ([`Signals::BREAK`]) before the next instruction.
    Break,
    /// The CPU executed `HALT` (it stays halted until an interrupt).
    Halted,
    /// [`Cpu::step`] completed one instruction (or one interrupt acknowledge).
    Stepped,
}

/// The Z80 CPU.
#[derive(Clone, Debug)]
pub struct Cpu {
    /// Registers and hidden state.
    pub regs: Registers,
    /// T-states elapsed since power-on.
    pub t: u64,
    /// True while the CPU is halted (executing internal NOPs).
    pub halted: bool,
    /// The chip variant.
    pub model: Model,
}

impl Cpu {
    /// A CPU in its power-on state (PC = 0, IFF1 = IFF2 = 0, IM 0, AF = SP = FFFFH).
    pub fn new(model: Model) -> Self {
        let mut cpu = Cpu {
            regs: Registers::default(),
            t: 0,
            halted: false,
            model,
        };
        cpu.reset();
        cpu
    }

    /// The /RESET line: PC, I, R, IFF1/2 and IM cleared; AF and SP set to FFFFH.
    pub fn reset(&mut self) {
        self.regs.pc = 0;
        self.regs.i = 0;
        self.regs.r = 0;
        self.regs.iff1 = false;
        self.regs.iff2 = false;
        self.regs.im = 0;
        self.regs.af = 0xFFFF;
        self.regs.sp = 0xFFFF;
        self.halted = false;
    }

    /// Run until `self.t >= until`, a break request, or `HALT`.
    pub fn run<B: Bus>(&mut self, bus: &mut B, until: u64) -> Exit {
        let _ = bus;
        let _ = until;
        unimplemented_core()
    }

    /// Execute exactly one instruction (or accept one pending interrupt).
    pub fn step<B: Bus>(&mut self, bus: &mut B) -> Exit {
        let _ = bus;
        unimplemented_core()
    }
}

fn unimplemented_core() -> Exit {
    // Placeholder until the instruction decoder lands.
    Exit::Budget
}
