//! Breakpoints, memory watchpoints and port breaks for the monitor and tools.
//!
//! The machine checks these only while at least one is set ([`Debug::any`]):
//! `Machine::run_for` then runs the CPU through a checking wrapper around the
//! bus; otherwise it runs the plain bus with no checks at all.
//!
//! | kind        | when it stops                                              |
//! |-------------|------------------------------------------------------------|
//! | breakpoint  | before the instruction at the address runs (the first instruction of a run or step is never stopped at, so "continue" from a breakpoint works) |
//! | watchpoint  | after the instruction that read or wrote the address (data accesses, not opcode fetches) |
//! | port break  | after the instruction that did IN or OUT on the port (low 8 address bits) |

/// A memory watchpoint.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Watch {
    /// Watched address.
    pub addr: u16,
    /// Stop on reads.
    pub read: bool,
    /// Stop on writes.
    pub write: bool,
}

/// A port break.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PortBreak {
    /// Port number (low byte of the I/O address).
    pub port: u8,
    /// Stop on IN.
    pub read: bool,
    /// Stop on OUT.
    pub write: bool,
}

/// The set of breakpoints, watchpoints and port breaks.
#[derive(Clone, Debug, Default)]
pub struct Debug {
    breakpoints: Vec<u16>,
    watches: Vec<Watch>,
    port_breaks: Vec<PortBreak>,
}

impl Debug {
    /// True when anything is set (the machine then runs its checking path).
    #[inline(always)]
    pub fn any(&self) -> bool {
        !(self.breakpoints.is_empty() && self.watches.is_empty() && self.port_breaks.is_empty())
    }

    /// Stop before executing the instruction at `addr`.
    pub fn add_breakpoint(&mut self, addr: u16) {
        if !self.breakpoints.contains(&addr) {
            self.breakpoints.push(addr);
        }
    }

    /// Remove a breakpoint; false if there was none at `addr`.
    pub fn remove_breakpoint(&mut self, addr: u16) -> bool {
        let n = self.breakpoints.len();
        self.breakpoints.retain(|&a| a != addr);
        self.breakpoints.len() != n
    }

    /// Stop after an instruction that reads (`read`) and/or writes (`write`)
    /// `addr`. Adding an existing address replaces its settings.
    pub fn add_watch(&mut self, addr: u16, read: bool, write: bool) {
        self.watches.retain(|w| w.addr != addr);
        if read || write {
            self.watches.push(Watch { addr, read, write });
        }
    }

    /// Remove a watchpoint; false if there was none at `addr`.
    pub fn remove_watch(&mut self, addr: u16) -> bool {
        let n = self.watches.len();
        self.watches.retain(|w| w.addr != addr);
        self.watches.len() != n
    }

    /// Stop after an instruction that does IN (`read`) and/or OUT (`write`)
    /// on `port`. Adding an existing port replaces its settings.
    pub fn add_port_break(&mut self, port: u8, read: bool, write: bool) {
        self.port_breaks.retain(|p| p.port != port);
        if read || write {
            self.port_breaks.push(PortBreak { port, read, write });
        }
    }

    /// Remove a port break; false if there was none on `port`.
    pub fn remove_port_break(&mut self, port: u8) -> bool {
        let n = self.port_breaks.len();
        self.port_breaks.retain(|p| p.port != port);
        self.port_breaks.len() != n
    }

    /// Remove everything.
    pub fn clear(&mut self) {
        self.breakpoints.clear();
        self.watches.clear();
        self.port_breaks.clear();
    }

    /// The breakpoints, in the order they were added.
    pub fn breakpoints(&self) -> &[u16] {
        &self.breakpoints
    }

    /// The watchpoints.
    pub fn watches(&self) -> &[Watch] {
        &self.watches
    }

    /// The port breaks.
    pub fn port_breaks(&self) -> &[PortBreak] {
        &self.port_breaks
    }

    /// True if a breakpoint is set at `addr`.
    #[inline]
    pub fn is_breakpoint(&self, addr: u16) -> bool {
        self.breakpoints.contains(&addr)
    }

    /// True if a read (`write` false) or write of `addr` is watched.
    #[inline]
    pub fn watch_hit(&self, addr: u16, write: bool) -> bool {
        self.watches
            .iter()
            .any(|w| w.addr == addr && if write { w.write } else { w.read })
    }

    /// True if an IN (`write` false) or OUT on `port` is watched.
    #[inline]
    pub fn port_hit(&self, port: u8, write: bool) -> bool {
        self.port_breaks
            .iter()
            .any(|p| p.port == port && if write { p.write } else { p.read })
    }
}
