//! The seam between the Z80 and the machine around it.
//!
//! Follows the Zilog *Z80 CPU User Manual* (UM0080), "Timing" (pp. 9–13): every
//! M-cycle is one of a handful of bus-cycle types, and the [`Bus`] trait has one
//! method per type. The CPU keeps the T-state counter; every bus method is
//! **told** the T-state at which its cycle begins (T1), so a device sees the exact
//! time of every access. The CPU then adds the fixed length of that cycle.
//!
//! | method            | Zilog cycle                          | length |
//! |-------------------|--------------------------------------|--------|
//! | [`Bus::fetch_opcode`] | M1, opcode fetch (+ refresh)     | 4 T    |
//! | [`Bus::mem_read`]     | memory read                      | 3 T    |
//! | [`Bus::mem_write`]    | memory write                     | 3 T    |
//! | [`Bus::io_read`]      | I/O read (incl. automatic TW)    | 4 T    |
//! | [`Bus::io_write`]     | I/O write (incl. automatic TW)   | 4 T    |
//! | [`Bus::int_ack`]      | M1 interrupt acknowledge         | see below |
//! | [`Bus::internal`]     | CPU-internal T-states, no bus    | n T    |
//!
//! ```text
//!          T1    T2    T3    T4         M1: address on bus in T1, opcode
//! CLK   _/~~\__/~~\__/~~\__/~~\__            sampled at the end of T2; T3–T4
//! M1    ~~\___________/~~~~~~~~~~            refresh (R on the low address bits).
//! MREQ  ~~~\_________/~~~\_____/~~           fetch_opcode(addr, t) is called with
//! RD    ~~~\_________/~~~~~~~~~~~            t = T1 of this cycle; the CPU adds 4.
//!
//!          T1    T2    T3                Memory read / write: 3 T.
//! MREQ  ~~~\_______________/~~               mem_read(addr, t) / mem_write(addr,
//! RD/WR ~~~\_______________/~~               v, t) with t = T1; the CPU adds 3.
//!
//!          T1    T2    TW    T3          I/O: IORQ from T2; one automatic wait
//! IORQ  ~~~~~~~\_____________/~~             state. io_read / io_write with t =
//!                                            T1; the CPU adds 4.
//!
//!          T1    T2    TW    TW    T3  T4   Interrupt acknowledge (IM 0/1/2): an
//! M1    ~~\______________________/~~~~~~    M1 with IORQ instead of MREQ and two
//! IORQ  ~~~~~~~~~~~~~~~~\_____/~~~~~~~~~    automatic wait states: 6 T. The byte
//!                                           the device drives is returned.
//! ```
//!
//! # Interrupt and break sampling
//!
//! At every instruction boundary — before the next opcode fetch — the CPU calls
//! [`Bus::poll`] with the current T-state and the address of the next
//! instruction. The returned [`Signals`] carry the level of INT, the level of NMI
//! (the CPU detects the rising edge itself) and a BREAK request that makes
//! [`crate::Cpu::run`] return [`crate::Exit::Break`] before that instruction runs.
//! Interrupts are not sampled between a DD/FD/CB/ED prefix and its opcode, nor
//! right after `EI`.
//!
//! # Interrupt timings (the CPU spends these)
//!
//! | event | M-cycles (T)              | total |
//! |-------|---------------------------|-------|
//! | NMI   | M1 5 (opcode ignored), MW 3, MW 3 | 11 |
//! | IM 0 with RST p | INTA 6, MW 3, MW 3 (+1 internal in INTA) | 13 |
//! | IM 0 with CALL nn | INTA 6, operand 3, operand 4, MW 3, MW 3 | 19 |
//! | IM 1  | INTA 7, MW 3, MW 3        | 13 |
//! | IM 2  | INTA 7, MW 3, MW 3, MR 3, MR 3 | 19 |
//!
//! In IM 0 any further bytes of the instruction on the bus (operands, or the
//! opcode after a CB/ED/DD/FD prefix) are obtained by further calls to
//! [`Bus::int_ack`], each taking the length of the cycle it stands for (3 T for
//! an operand, 4 T for an M1); the PC is not advanced for them. Any instruction
//! can be supplied this way; it takes 2 T more than when fetched from memory.
//!
//! A halted CPU (after `HALT`) keeps PC at the instruction after the `HALT` and
//! runs 4-T M1 cycles at that address ([`Bus::fetch_opcode`], byte ignored, R
//! incremented) until an interrupt is accepted.

/// Lines sampled by the CPU at an instruction boundary, returned by [`Bus::poll`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Signals(pub u8);

impl Signals {
    /// No line asserted.
    pub const NONE: Signals = Signals(0);
    /// The maskable interrupt line /INT is asserted (level).
    pub const INT: Signals = Signals(1);
    /// The non-maskable interrupt line /NMI is asserted (the CPU reacts to the rising edge).
    pub const NMI: Signals = Signals(2);
    /// The host asks the CPU to stop before the next instruction.
    pub const BREAK: Signals = Signals(4);

    /// True when every line in `other` is asserted in `self`.
    #[inline(always)]
    pub const fn contains(self, other: Signals) -> bool {
        self.0 & other.0 == other.0
    }
}

impl core::ops::BitOr for Signals {
    type Output = Signals;
    #[inline(always)]
    fn bitor(self, rhs: Signals) -> Signals {
        Signals(self.0 | rhs.0)
    }
}

/// Everything outside the CPU: memory, I/O devices and the interrupt lines.
///
/// Every method is told `t`, the T-state count at the first T-state (T1) of its
/// cycle. The CPU adds the cycle's length after the call; a bus never advances
/// time itself. See the module docs for the cycle diagrams.
pub trait Bus {
    /// M1 opcode fetch at `addr` (4 T, including the refresh cycle).
    fn fetch_opcode(&mut self, addr: u16, t: u64) -> u8;
    /// Memory read cycle at `addr` (3 T).
    fn mem_read(&mut self, addr: u16, t: u64) -> u8;
    /// Memory write cycle (3 T).
    fn mem_write(&mut self, addr: u16, value: u8, t: u64);
    /// I/O read cycle (4 T including the automatic wait state). `port` is the
    /// full 16-bit address bus (A8–A15 carry B, or A for `IN A,(n)`).
    fn io_read(&mut self, port: u16, t: u64) -> u8;
    /// I/O write cycle (4 T including the automatic wait state).
    fn io_write(&mut self, port: u16, value: u8, t: u64);
    /// Interrupt acknowledge: the byte the interrupting device drives on the data
    /// bus. A bus with nothing driving it returns FFH (RST 38H in IM 0). The
    /// first call of an acknowledge is the 6-T INTA cycle (M1 with IORQ and two
    /// wait states); in IM 0 further calls fetch the rest of the instruction (see
    /// the module docs).
    fn int_ack(&mut self, _t: u64) -> u8 {
        0xFF
    }
    /// `n` T-states in which the CPU works internally and the bus is idle.
    #[inline(always)]
    fn internal(&mut self, _t: u64, _n: u32) {}
    /// Sampled at every instruction boundary: `pc` is the address of the next
    /// instruction. Returns the state of INT, NMI and a break request.
    #[inline(always)]
    fn poll(&mut self, _t: u64, _pc: u16) -> Signals {
        Signals::NONE
    }
    /// Side-effect-free read for debuggers and disassemblers: never advances time
    /// and never triggers a device.
    fn peek(&self, addr: u16) -> u8;
}
