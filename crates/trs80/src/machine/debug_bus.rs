//! The bus the CPU sees while breakpoints, watchpoints or port breaks are set: the same
//! [`Board`], with the checks of [`Debug`] around each access. Without any set, the machine
//! runs the plain board and pays for none of this.

use super::board::Board;
use super::debug::Debug;
use super::StopReason;
use z80::{Bus, Signals};

/// The bus as seen by the CPU while breakpoints, watchpoints or port breaks
/// are set: the same board, plus the checks.
pub(super) struct DebugBus<'a> {
    pub(super) board: &'a mut Board,
    pub(super) debug: &'a Debug,
    /// The first instruction boundary of a run is never a breakpoint stop.
    pub(super) first: bool,
    pub(super) hit: Option<StopReason>,
}

impl Bus for DebugBus<'_> {
    #[inline(always)]
    fn fetch_opcode(&mut self, addr: u16, t: u64) -> u8 {
        self.board.read(addr, t)
    }
    #[inline(always)]
    fn mem_read(&mut self, addr: u16, t: u64) -> u8 {
        let value = self.board.read(addr, t);
        if self.hit.is_none() && self.debug.watch_hit(addr, false) {
            self.hit = Some(StopReason::Watchpoint {
                addr,
                write: false,
                value,
            });
        }
        value
    }
    #[inline(always)]
    fn mem_write(&mut self, addr: u16, value: u8, t: u64) {
        self.board.write(addr, value, t);
        if self.hit.is_none() && self.debug.watch_hit(addr, true) {
            self.hit = Some(StopReason::Watchpoint {
                addr,
                write: true,
                value,
            });
        }
    }
    fn io_read(&mut self, port: u16, t: u64) -> u8 {
        let value = self.board.port_in(port, t);
        if self.hit.is_none() && self.debug.port_hit(port as u8, false) {
            self.hit = Some(StopReason::PortBreak {
                port: port as u8,
                write: false,
                value,
            });
        }
        value
    }
    fn io_write(&mut self, port: u16, value: u8, t: u64) {
        self.board.port_out(port, value, t);
        if self.hit.is_none() && self.debug.port_hit(port as u8, true) {
            self.hit = Some(StopReason::PortBreak {
                port: port as u8,
                write: true,
                value,
            });
        }
    }
    #[inline(always)]
    fn poll(&mut self, t: u64, pc: u16) -> Signals {
        let first = std::mem::replace(&mut self.first, false);
        if self.hit.is_some() {
            return Signals::BREAK;
        }
        if !first && self.debug.is_breakpoint(pc) {
            self.hit = Some(StopReason::Breakpoint(pc));
            return Signals::BREAK;
        }
        self.board.signals(t)
    }
    fn peek(&self, addr: u16) -> u8 {
        self.board.peek(addr)
    }
}
