//! A cycle-counted Zilog Z80 CPU core.
//!
//! `no_std`, zero dependencies, and nothing specific to any machine: the host
//! implements [`Bus`] (see [`bus`] for the timing contract) and drives the CPU
//! with [`Cpu::run`] (batch, until a T-state budget is spent) or [`Cpu::step`]
//! (one instruction, for debuggers).
//!
//! # What is emulated
//!
//! Every documented and undocumented opcode of the Zilog Z80 (UM0080; Sean
//! Young, *The Undocumented Z80 Documented*): CB/ED/DD/FD/DDCB/FDCB prefixes,
//! `IXH`/`IXL`/`IYH`/`IYL`, `SLL`, the DDCB register copies, ED no-ops (8 T),
//! `IN F,(C)`, `OUT (C),0`; S Z Y H X P/V N C on every instruction, MEMPTR
//! (`regs.wz`), the Q latch behind `SCF`/`CCF`, the block instructions' flags
//! including the repeat cases; R (7-bit count, bit 7 kept); IFF1/IFF2, the `EI`
//! delay, `HALT`, NMI and IM 0/1/2 (see [`bus`] for their cycles). T-states are
//! spent only through [`Bus`] calls, M-cycle by M-cycle as in the Zilog manual;
//! each instruction group's table in the source lists them.
//!
//! | file            | contents                                        |
//! |-----------------|-------------------------------------------------|
//! | `bus.rs`        | the [`Bus`] trait and the timing contract       |
//! | `flags.rs`      | flag bits and tables                            |
//! | `alu.rs`        | arithmetic/logic/rotate/BIT/DAA and their flags |
//! | `exec_main.rs`  | unprefixed and DD/FD opcodes                    |
//! | `exec_cb.rs`    | CB, DDCB, FDCB                                  |
//! | `exec_ed.rs`    | ED (except block instructions)                  |
//! | `block.rs`      | LDI… CPI… INI… OUTI… and repeats                |
//! | `interrupts.rs` | NMI, IM 0/1/2, the halted state                 |
//! | `dispatch.rs`   | the flat 256-arm opcode dispatch macro          |
//!
//! # How it is checked
//!
//! Unit tests per instruction group; `tests/cycles.rs` (every opcode's bus
//! cycles against a table written from UM0080); `tests/interrupts.rs`
//! (acceptance timing of NMI and IM 0/1/2, the `EI` delay, `HALT` exit);
//! `tests/differential.rs` (a million random instructions against z80emu).
//! Behind environment variables, since their data is not ours to ship:
//! ZEXDOC/ZEXALL (`Z80_TEST_DIR`), SingleStepTests z80 v1 with every bus
//! access (`Z80_SST_DIR`), the FUSE tests (`Z80_FUSE_DIR`) and Patrik Rak's
//! z80test (`Z80_RAK_DIR`); each test file says how its host is built.
//!
//! # How the hot loop is kept fast
//!
//! Measured on a Zen 4 host, where the limit was not the number of host
//! instructions but the delays between them (`benches/README.md` has numbers):
//!
//! * **No narrow store-to-load chains.** A value stored to memory and loaded
//!   back by the next instruction costs about one host cycle when both accesses
//!   are 32 or 64 bits wide, about seven when they are 8 or 16 bits, and far
//!   more when a narrow store is followed by a wider load. PC and R, which every
//!   instruction changes, therefore live in host registers while [`Cpu::run`]
//!   runs (`Hot`), and the register pairs, A and F live in whole 32-bit cells
//!   (`Reg`, `RegFile`) that are copied from and back to [`Registers`] when `run`
//!   starts and returns. A and F are separate cells so that an instruction using
//!   A does not wait for the previous instruction's flags.
//! * **Flat dispatch.** Every opcode page is one `match` with an arm per byte;
//!   the opcode's fields are constants in each arm, so no arm branches again on
//!   them.
//! * **A lean loop.** Unprefixed and plain DD/FD instructions run inside the
//!   loop; CB, ED, DDCB/FDCB and prefix chains run out of line and get PC and R
//!   by value, so the loop's own state never has its address taken. Inlining the
//!   CB page as well made the loop slower, not faster.
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

#[cfg(test)]
extern crate std;

pub mod bus;

mod alu;
mod block;
mod dispatch;
mod exec_cb;
mod exec_ed;
mod exec_main;
pub mod flags;
mod interrupts;
#[cfg(any(test, feature = "testing"))]
pub mod testing;

pub use bus::{Bus, Signals};

use core::sync::atomic::{AtomicU32, Ordering::Relaxed};

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
    /// Q: the value the last instruction wrote to F (so equal to F), or 0 if it
    /// left F alone (Patrik Rak, 2012). Any non-zero value given to `run` counts
    /// as "the last instruction wrote F". `SCF`/`CCF` take Y and X from `((Q ^ F) | A)`: from
    /// `A | F` after an instruction that did not touch F, from `A` otherwise.
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

/// Hidden CPU state at an instruction boundary (see [`Cpu::hidden`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Hidden {
    /// The last instruction was `EI`: INT is not accepted at this boundary.
    pub ei_delay: bool,
    /// The NMI line was seen active (the next NMI needs it to go inactive first).
    pub nmi_line: bool,
    /// The last instruction was `LD A,I` or `LD A,R` (the NMOS P/V bug applies).
    pub after_ld_a_ir: bool,
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

/// Pending-work bits checked at every instruction boundary (cold path).
const P_HALTED: u8 = 1;
const P_EI: u8 = 2;
const P_NMI_LINE: u8 = 4;

/// The Z80 CPU.
///
/// The hot loop of [`Cpu::run`] fetches and executes instructions until the
/// budget is spent; the per-boundary [`Bus::poll`] is the only call it makes
/// between instructions. Interrupt acceptance, the `EI` delay, `HALT` and NMI
/// edge detection live in a cold path entered only when a signal or one of
/// these states is pending.
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
    /// Work for the instruction-boundary cold path (`P_*` bits).
    pending: u8,
    /// The hot loop runs while `t < limit`; `HALT` sets it to 0 to leave.
    limit: u64,
    /// Set by `HALT` so that `run` returns [`Exit::Halted`].
    halt_exit: bool,
    /// The register pairs while `run` runs (see [`RegFile`]).
    rf: RegFile,
    /// T-state at the end of the last `LD A,I`/`LD A,R` (for the NMOS P/V bug).
    ld_air_end: u64,
    /// Bit 7 of R while `run` counts R's low 7 bits as a plain byte in `regs.r`.
    r7: u8,
    /// Signals that leave the hot loop: BREAK, NMI, and INT only while IFF1 is
    /// set (a held INT with interrupts disabled does not slow the loop down).
    sig_mask: u8,
    /// T-state at which F was last written (its value is in `regs.q`): Q is
    /// non-zero only if that was the end of the previous instruction.
    q_t: u64,
}

/// The bus, with the two registers every instruction changes: PC and R.
///
/// The executors reach the bus only through this. [`Cpu::run`] keeps it in a
/// local that nothing outside the inlined hot loop sees, so the compiler holds
/// PC and R in host registers there instead of storing and reloading them in
/// memory on every instruction (a narrow store followed by a load of the same
/// location costs a whole store-forwarding delay per instruction). Code that
/// runs out of line gets PC and R by value and hands them back.
pub(crate) struct Hot<'a, B: Bus> {
    pub(crate) bus: &'a mut B,
    /// Program counter (the value of `Registers::pc` while the loop runs).
    pub(crate) pc: u16,
    /// R, counted in all 8 bits (see `Cpu::r7`).
    pub(crate) r: u8,
}

/// A 16-bit register held in a 32-bit memory cell that is only ever read and
/// written whole.
///
/// A store followed by a load of the same location is nearly free when both
/// are 32 or 64 bits wide (the CPU forwards the value), but costs a full
/// store-forwarding delay when narrower, and stalls much longer when a narrow
/// store is followed by a wider load. Plain `u16` fields invite exactly that
/// (byte stores to A or H, 16-bit reloads of AF or HL), and the compiler
/// narrows plain 32-bit loads on its own. Relaxed atomic loads and stores
/// compile to ordinary moves but are never narrowed or merged into
/// read-modify-write instructions, so every access stays 32 bits wide.
#[derive(Default)]
pub(crate) struct Reg(AtomicU32);

impl Reg {
    #[inline(always)]
    pub(crate) fn get(&self) -> u16 {
        self.0.load(Relaxed) as u16
    }
    #[inline(always)]
    pub(crate) fn set(&self, v: u16) {
        self.0.store(v as u32, Relaxed)
    }
    /// Set to `v`, returning the old value.
    #[inline(always)]
    pub(crate) fn replace(&self, v: u16) -> u16 {
        let old = self.get();
        self.set(v);
        old
    }
    /// Replace the high byte.
    #[inline(always)]
    pub(crate) fn set_hi(&self, v: u8) {
        self.set((self.get() & 0x00FF) | ((v as u16) << 8));
    }
    /// Replace the low byte.
    #[inline(always)]
    pub(crate) fn set_lo(&self, v: u8) {
        self.set((self.get() & 0xFF00) | v as u16);
    }
}

impl Clone for Reg {
    fn clone(&self) -> Self {
        Reg(AtomicU32::new(self.0.load(Relaxed)))
    }
}

impl core::fmt::Debug for Reg {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{:04X}", self.get())
    }
}

/// The register pairs the executors use while [`Cpu::run`] runs, loaded from
/// [`Registers`] when it starts and stored back when it returns.
#[derive(Clone, Debug, Default)]
pub(crate) struct RegFile {
    /// A and F apart: an instruction that needs A does not wait for the
    /// flags of the one before (often a table lookup) to be computed.
    pub(crate) a: Reg,
    pub(crate) f: Reg,
    pub(crate) bc: Reg,
    pub(crate) de: Reg,
    pub(crate) hl: Reg,
    pub(crate) sp: Reg,
    pub(crate) ix: Reg,
    pub(crate) iy: Reg,
    pub(crate) wz: Reg,
    /// IX or IY while a DD/FD-prefixed instruction runs.
    pub(crate) xy: Reg,
}

enum Boundary {
    Return(Exit),
    Handled,
    Execute,
}

impl Cpu {
    /// A CPU in its power-on state (PC = 0, IFF1 = IFF2 = 0, IM 0, AF = SP = FFFFH).
    pub fn new(model: Model) -> Self {
        let mut cpu = Cpu {
            regs: Registers::default(),
            t: 0,
            halted: false,
            model,
            pending: 0,
            limit: 0,
            halt_exit: false,
            rf: RegFile::default(),
            ld_air_end: u64::MAX,
            r7: 0,
            sig_mask: 0,
            q_t: u64::MAX,
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
        self.regs.wz = 0;
        self.regs.q = 0;
        self.halted = false;
        self.pending = 0;
        self.halt_exit = false;
    }

    /// Run until `self.t >= until` ([`Exit::Budget`]; the last instruction may
    /// overshoot), a break request from [`Bus::poll`] ([`Exit::Break`], before the
    /// instruction at PC runs), or the execution of `HALT` ([`Exit::Halted`]; PC
    /// then points after the `HALT`). A halted CPU spends 4-T NOP M1 cycles until
    /// an interrupt, the budget, or a break.
    ///
    /// [`Bus::poll`] is called once per instruction boundary inside one call;
    /// after [`Exit::Break`] the next `run` polls that boundary again, so a host
    /// that breaks on an address must let the resumed boundary through.
    pub fn run<B: Bus>(&mut self, bus: &mut B, until: u64) -> Exit {
        // R: count in all 8 bits of regs.r, keep bit 7 aside, merge on exit.
        self.r7 = self.regs.r & 0x80;
        // Q: an incoming non-zero Q belongs to the instruction that just ended.
        self.q_t = if self.regs.q != 0 { self.t } else { u64::MAX };
        let r = &self.regs;
        for (cell, v) in [
            (&self.rf.a, r.af >> 8),
            (&self.rf.f, r.af & 0xFF),
            (&self.rf.bc, r.bc),
            (&self.rf.de, r.de),
            (&self.rf.hl, r.hl),
            (&self.rf.sp, r.sp),
            (&self.rf.ix, r.ix),
            (&self.rf.iy, r.iy),
            (&self.rf.wz, r.wz),
        ] {
            cell.set(v);
        }
        let exit = self.run_loop(bus, until);
        let rf = &self.rf;
        let r = &mut self.regs;
        (r.af, r.bc, r.de, r.hl) = (
            (rf.a.get() << 8) | rf.f.get(),
            rf.bc.get(),
            rf.de.get(),
            rf.hl.get(),
        );
        (r.sp, r.ix, r.iy, r.wz) = (rf.sp.get(), rf.ix.get(), rf.iy.get(), rf.wz.get());
        self.regs.r = (self.regs.r & 0x7F) | self.r7;
        self.regs.q = if self.q_t == self.t { self.f() } else { 0 };
        exit
    }

    /// True when the last instruction executed was `EI`: INT is not accepted
    /// at the next instruction boundary (the one-instruction delay). Read-only
    /// view of hidden state, for test harnesses and debuggers.
    pub fn ei_delay(&self) -> bool {
        self.pending & P_EI != 0
    }

    /// True when the last instruction executed was `LD A,I` or `LD A,R` (on an
    /// NMOS chip an INT accepted now would clear the P/V flag it set).
    /// Read-only view of hidden state, for test harnesses and debuggers.
    pub fn after_ld_a_ir(&self) -> bool {
        self.ld_air_end == self.t
    }

    /// The hidden state between two instructions that [`Registers`], [`Cpu::t`],
    /// [`Cpu::halted`] and [`Cpu::model`] do not show: what a snapshot must keep
    /// besides them to resume exactly.
    pub fn hidden(&self) -> Hidden {
        Hidden {
            ei_delay: self.ei_delay(),
            nmi_line: self.pending & P_NMI_LINE != 0,
            after_ld_a_ir: self.after_ld_a_ir(),
        }
    }

    /// Restores what [`Cpu::hidden`] returned (set [`Cpu::t`] first: the
    /// `LD A,I` mark is relative to it). `halted` is taken from [`Cpu::halted`].
    pub fn set_hidden(&mut self, h: Hidden) {
        let mut p = 0;
        if h.ei_delay {
            p |= P_EI;
        }
        if h.nmi_line {
            p |= P_NMI_LINE;
        }
        if self.halted {
            p |= P_HALTED;
        }
        self.pending = p;
        self.ld_air_end = if h.after_ld_a_ir { self.t } else { u64::MAX };
        self.halt_exit = false;
    }

    /// Recompute `sig_mask` from IFF1.
    #[inline(always)]
    pub(crate) fn update_sig_mask(&mut self) {
        self.sig_mask = (Signals::BREAK | Signals::NMI).0 | self.regs.iff1 as u8;
    }

    #[inline(always)]
    fn run_loop<B: Bus>(&mut self, bus: &mut B, until: u64) -> Exit {
        if self.halted {
            self.pending |= P_HALTED;
        }
        self.update_sig_mask();
        // The hot loop runs while t < limit and the bus signals nothing;
        // anything pending (EI delay, HALT, NMI line high) or HALT's exit sets
        // limit to 0 to enter the cold path.
        self.limit = if self.pending != 0 { 0 } else { until };
        // PC and R live in `h` (host registers) while the hot loop runs and
        // are written back to `regs` whenever it leaves.
        let mut h = Hot {
            bus,
            pc: self.regs.pc,
            r: self.regs.r,
        };
        loop {
            // Hot: one poll per boundary, then fetch and execute.
            let sig = loop {
                if self.t >= self.limit {
                    break None;
                }
                let pc = h.pc;
                let sig = h.bus.poll(self.t, pc);
                if sig.0 != 0 && sig.0 & self.sig_mask != 0 {
                    break Some(sig);
                }
                let op = h.bus.fetch_opcode(pc, self.t);
                self.t += 4;
                h.pc = pc.wrapping_add(1);
                h.r = h.r.wrapping_add(1);
                self.exec_main::<B, false>(&mut h, op, 0);
            };
            self.regs.pc = h.pc;
            self.regs.r = h.r;
            // Cold: budget, HALT exit, break, interrupts, EI delay, halted.
            let sig = match sig {
                Some(sig) => sig,
                None => {
                    if self.halt_exit {
                        self.halt_exit = false;
                        return Exit::Halted;
                    }
                    if self.t >= until {
                        return Exit::Budget;
                    }
                    h.bus.poll(self.t, h.pc)
                }
            };
            match self.boundary(h.bus, sig, until) {
                Boundary::Return(e) => return e,
                Boundary::Handled => {}
                Boundary::Execute => self.step_cold(h.bus),
            }
            h.pc = self.regs.pc;
            h.r = self.regs.r;
        }
    }

    /// One instruction outside the hot loop (after a signal or with work pending).
    #[inline(never)]
    fn step_cold<B: Bus>(&mut self, bus: &mut B) {
        let mut h = Hot {
            bus,
            pc: self.regs.pc,
            r: self.regs.r,
        };
        let op = self.fetch_op(&mut h);
        self.exec_main::<B, false>(&mut h, op, 0);
        self.regs.pc = h.pc;
        self.regs.r = h.r;
    }

    /// Execute exactly one instruction, one interrupt acceptance or one halted
    /// NOP cycle. Returns [`Exit::Stepped`], or [`Exit::Break`] /
    /// [`Exit::Halted`] as [`Cpu::run`] would.
    pub fn step<B: Bus>(&mut self, bus: &mut B) -> Exit {
        match self.run(bus, self.t.saturating_add(1)) {
            Exit::Budget => Exit::Stepped,
            e => e,
        }
    }

    /// The cold path at an instruction boundary: break, NMI edge, INT, EI delay, HALT.
    #[inline(never)]
    fn boundary<B: Bus>(&mut self, bus: &mut B, sig: Signals, until: u64) -> Boundary {
        let mut h = Hot {
            bus,
            pc: self.regs.pc,
            r: self.regs.r,
        };
        let b = self.boundary_inner(&mut h, sig);
        self.regs.pc = h.pc;
        self.regs.r = h.r;
        self.limit = if self.pending != 0 { 0 } else { until };
        self.update_sig_mask();
        b
    }

    fn boundary_inner<B: Bus>(&mut self, bus: &mut Hot<'_, B>, sig: Signals) -> Boundary {
        if sig.contains(Signals::BREAK) {
            return Boundary::Return(Exit::Break);
        }
        let nmi = sig.contains(Signals::NMI);
        let edge = nmi && self.pending & P_NMI_LINE == 0;
        if nmi {
            self.pending |= P_NMI_LINE;
        } else {
            self.pending &= !P_NMI_LINE;
        }
        let ei_delay = self.pending & P_EI != 0;
        self.pending &= !P_EI;
        if edge {
            self.accept_nmi(bus);
            return Boundary::Handled;
        }
        if sig.contains(Signals::INT) && self.regs.iff1 && !ei_delay {
            self.accept_int(bus);
            return Boundary::Handled;
        }
        if self.halted {
            self.halt_cycle(bus);
            return Boundary::Handled;
        }
        self.pending &= !P_HALTED;
        Boundary::Execute
    }

    // ---- register helpers -------------------------------------------------

    #[inline(always)]
    pub(crate) fn a(&self) -> u8 {
        self.rf.a.get() as u8
    }
    #[inline(always)]
    pub(crate) fn f(&self) -> u8 {
        self.rf.f.get() as u8
    }
    #[inline(always)]
    pub(crate) fn set_a(&mut self, a: u8) {
        self.rf.a.set(a as u16);
    }
    /// AF as a pair.
    #[inline(always)]
    pub(crate) fn af(&self) -> u16 {
        (self.rf.a.get() << 8) | self.rf.f.get()
    }
    /// Write AF as a pair (no Q update: POP AF and EX AF,AF' only).
    #[inline(always)]
    pub(crate) fn set_af16(&mut self, v: u16) {
        self.rf.a.set(v >> 8);
        self.rf.f.set(v & 0xFF);
    }
    /// Write F and record it in Q. Called after the instruction's last bus
    /// cycle, so `q_t` is the T-state at which the instruction ends.
    #[inline(always)]
    pub(crate) fn set_f(&mut self, f: u8) {
        self.rf.f.set(f as u16);
        self.q_t = self.t;
    }
    /// Write A and F (see [`Cpu::set_f`]).
    #[inline(always)]
    pub(crate) fn set_af(&mut self, a: u8, f: u8) {
        self.rf.a.set(a as u16);
        self.rf.f.set(f as u16);
        self.q_t = self.t;
    }
    /// Q as seen by an instruction whose opcode fetch (after `pre` T-states of
    /// prefixes) has just ended: F if the previous instruction wrote F (the Q
    /// latch then holds exactly F's value), else 0.
    #[inline(always)]
    pub(crate) fn q_prev(&self, pre: u64) -> u8 {
        if self.q_t == self.t.wrapping_sub(4 + pre) {
            self.f()
        } else {
            0
        }
    }
    /// The R register as the program sees it (inside `run`).
    #[inline(always)]
    pub(crate) fn r_value(&self, r: u8) -> u8 {
        (r & 0x7F) | self.r7
    }

    // ---- bus cycles: the only way the CPU spends T-states ----------------

    /// M1: fetch the opcode at PC (4 T), PC + 1, R + 1 (bit 7 kept).
    #[inline(always)]
    pub(crate) fn fetch_op<B: Bus>(&mut self, bus: &mut Hot<'_, B>) -> u8 {
        let op = bus.bus.fetch_opcode(bus.pc, self.t);
        self.t += 4;
        bus.pc = bus.pc.wrapping_add(1);
        bus.r = bus.r.wrapping_add(1);
        op
    }
    /// Memory read of the byte at PC (3 T), PC + 1.
    #[inline(always)]
    pub(crate) fn imm8<B: Bus>(&mut self, bus: &mut Hot<'_, B>) -> u8 {
        let v = bus.bus.mem_read(bus.pc, self.t);
        self.t += 3;
        bus.pc = bus.pc.wrapping_add(1);
        v
    }
    /// Two memory reads at PC (3 + 3 T), little-endian.
    #[inline(always)]
    pub(crate) fn imm16<B: Bus>(&mut self, bus: &mut Hot<'_, B>) -> u16 {
        let (pc, t) = (bus.pc, self.t);
        let lo = bus.bus.mem_read(pc, t) as u16;
        let hi = bus.bus.mem_read(pc.wrapping_add(1), t + 3) as u16;
        self.t = t + 6;
        bus.pc = pc.wrapping_add(2);
        (hi << 8) | lo
    }
    /// Memory read (3 T).
    #[inline(always)]
    pub(crate) fn read<B: Bus>(&mut self, bus: &mut Hot<'_, B>, addr: u16) -> u8 {
        let v = bus.bus.mem_read(addr, self.t);
        self.t += 3;
        v
    }
    /// Memory write (3 T).
    #[inline(always)]
    pub(crate) fn write<B: Bus>(&mut self, bus: &mut Hot<'_, B>, addr: u16, v: u8) {
        bus.bus.mem_write(addr, v, self.t);
        self.t += 3;
    }
    /// Little-endian word read (3 + 3 T).
    #[inline(always)]
    pub(crate) fn read16<B: Bus>(&mut self, bus: &mut Hot<'_, B>, addr: u16) -> u16 {
        let t = self.t;
        let lo = bus.bus.mem_read(addr, t) as u16;
        let hi = bus.bus.mem_read(addr.wrapping_add(1), t + 3) as u16;
        self.t = t + 6;
        (hi << 8) | lo
    }
    /// Little-endian word write (3 + 3 T).
    #[inline(always)]
    pub(crate) fn write16<B: Bus>(&mut self, bus: &mut Hot<'_, B>, addr: u16, v: u16) {
        let t = self.t;
        bus.bus.mem_write(addr, v as u8, t);
        bus.bus
            .mem_write(addr.wrapping_add(1), (v >> 8) as u8, t + 3);
        self.t = t + 6;
    }
    /// I/O read (4 T).
    #[inline(always)]
    pub(crate) fn io_in<B: Bus>(&mut self, bus: &mut Hot<'_, B>, port: u16) -> u8 {
        let v = bus.bus.io_read(port, self.t);
        self.t += 4;
        v
    }
    /// I/O write (4 T).
    #[inline(always)]
    pub(crate) fn io_out<B: Bus>(&mut self, bus: &mut Hot<'_, B>, port: u16, v: u8) {
        bus.bus.io_write(port, v, self.t);
        self.t += 4;
    }
    /// `n` internal T-states.
    #[inline(always)]
    pub(crate) fn internal<B: Bus>(&mut self, bus: &mut Hot<'_, B>, n: u32) {
        bus.bus.internal(self.t, n);
        self.t += n as u64;
    }
    /// Push a word: SP - 1 gets the high byte, SP - 2 the low byte (3 + 3 T).
    #[inline(always)]
    pub(crate) fn push<B: Bus>(&mut self, bus: &mut Hot<'_, B>, v: u16) {
        let (sp, t) = (self.rf.sp.get(), self.t);
        bus.bus.mem_write(sp.wrapping_sub(1), (v >> 8) as u8, t);
        bus.bus.mem_write(sp.wrapping_sub(2), v as u8, t + 3);
        self.t = t + 6;
        self.rf.sp.set(sp.wrapping_sub(2));
    }
    /// Pop a word (3 + 3 T).
    #[inline(always)]
    pub(crate) fn pop<B: Bus>(&mut self, bus: &mut Hot<'_, B>) -> u16 {
        let v = self.read16(bus, self.rf.sp.get());
        self.rf.sp.set(self.rf.sp.get().wrapping_add(2));
        v
    }
}
