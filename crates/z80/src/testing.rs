//! Buses for tests of the core (this crate's unit and integration tests, and any crate that
//! enables the `testing` feature): 64 KiB of plain RAM, with or without a record of the bus
//! cycles. Off by default, so the core itself stays `no_std` with no dependencies; the module
//! uses `std` (vectors, strings) only when the feature is on.
//!
//! | bus | what it keeps | for |
//! |---|---|---|
//! | [`TestBus`] | every bus cycle by name, writes to ports; checks each cycle starts where the last ended | unit tests of an instruction's cycles and T-states ([`run_code`]) |
//! | [`RamBus`] | memory and a log of data writes; IN reads a fixed byte | tests that need a plain bus the compiler sees through, as a machine's is |

extern crate std;

use std::boxed::Box;
use std::string::String;
use std::vec::Vec;

use crate::{Bus, Cpu, Model, Signals};

/// 64 KiB of RAM that records each bus cycle ("M1", "MR", "MW", "IR", "IW", "INTA", "ACK",
/// "I<n>") and the port writes, and asserts that the CPU tells every cycle the T-state right
/// after the previous one ended (while `check_t` is set).
pub struct TestBus {
    /// The memory.
    pub mem: Vec<u8>,
    /// The bus cycles so far, by name.
    pub trace: Vec<String>,
    /// (port, value) of every OUT.
    pub io_writes: Vec<(u16, u8)>,
    /// INT asserted at every poll.
    pub int: bool,
    /// NMI asserted at every poll.
    pub nmi: bool,
    /// The bytes an interrupting device drives in the acknowledge cycles (IM 0 / IM 2).
    pub ack_bytes: [u8; 3],
    /// Assert that each cycle starts where the previous one ended.
    pub check_t: bool,
    ack_i: usize,
    next_t: Option<u64>,
}

impl TestBus {
    /// `code` at 0000H, the rest of memory 00H.
    pub fn new(code: &[u8]) -> Self {
        let mut mem = std::vec![0u8; 0x10000];
        mem[..code.len()].copy_from_slice(code);
        TestBus {
            mem,
            trace: Vec::new(),
            io_writes: Vec::new(),
            int: false,
            nmi: false,
            ack_bytes: [0xFF; 3],
            check_t: true,
            ack_i: 0,
            next_t: None,
        }
    }

    fn cycle(&mut self, name: &str, t: u64, len: u64) {
        if let (Some(e), true) = (self.next_t, self.check_t) {
            assert_eq!(t, e, "{name} told T-state {t}, expected {e}");
        }
        self.next_t = Some(t + len);
        self.trace.push(name.into());
    }

    /// The cycle names, separated by spaces.
    pub fn trace_str(&self) -> String {
        self.trace.join(" ")
    }
}

impl Bus for TestBus {
    fn fetch_opcode(&mut self, addr: u16, t: u64) -> u8 {
        self.cycle("M1", t, 4);
        self.mem[addr as usize]
    }
    fn mem_read(&mut self, addr: u16, t: u64) -> u8 {
        self.cycle("MR", t, 3);
        self.mem[addr as usize]
    }
    fn mem_write(&mut self, addr: u16, value: u8, t: u64) {
        self.cycle("MW", t, 3);
        self.mem[addr as usize] = value;
    }
    fn io_read(&mut self, port: u16, t: u64) -> u8 {
        self.cycle("IR", t, 4);
        port as u8
    }
    fn io_write(&mut self, port: u16, value: u8, t: u64) {
        self.cycle("IW", t, 4);
        self.io_writes.push((port, value));
    }
    fn int_ack(&mut self, t: u64) -> u8 {
        let len = if self.ack_i == 0 { 6 } else { 3 };
        self.cycle(if self.ack_i == 0 { "INTA" } else { "ACK" }, t, len);
        let v = self.ack_bytes[self.ack_i.min(2)];
        self.ack_i += 1;
        v
    }
    fn internal(&mut self, t: u64, n: u32) {
        let name = std::format!("I{n}");
        self.cycle(&name, t, n as u64);
    }
    fn poll(&mut self, _t: u64, _pc: u16) -> Signals {
        let mut s = Signals::NONE;
        if self.int {
            s = s | Signals::INT;
        }
        if self.nmi {
            s = s | Signals::NMI;
        }
        s
    }
    fn peek(&self, addr: u16) -> u8 {
        self.mem[addr as usize]
    }
}

/// Put `code` at 0000H, let `setup` adjust a fresh NMOS CPU (SP = 8000H), run
/// one instruction.
pub fn run_code(code: &[u8], setup: impl FnOnce(&mut Cpu)) -> (Cpu, TestBus) {
    let mut bus = TestBus::new(code);
    let mut cpu = Cpu::new(Model::Nmos);
    cpu.regs.sp = 0x8000;
    setup(&mut cpu);
    cpu.step(&mut bus);
    (cpu, bus)
}

/// A write the CPU made: (I/O rather than memory, address or port, value).
pub type Write = (bool, u16, u8);

/// 64 KiB of RAM and nothing else: IN reads [`RamBus::io_in`], data and port writes are
/// logged in [`RamBus::writes`], the interrupt lines are never asserted.
pub struct RamBus {
    /// The memory.
    pub mem: Box<[u8; 0x10000]>,
    /// What every IN reads.
    pub io_in: u8,
    /// Every memory write and OUT, in order.
    pub writes: Vec<Write>,
}

impl RamBus {
    /// `code` at `at`, the rest of memory 00H; IN reads FFH.
    pub fn new(code: &[u8], at: u16) -> Self {
        let mut mem = Box::new([0u8; 0x10000]);
        for (i, b) in code.iter().enumerate() {
            mem[at.wrapping_add(i as u16) as usize] = *b;
        }
        RamBus {
            mem,
            io_in: 0xFF,
            writes: Vec::new(),
        }
    }
}

impl Bus for RamBus {
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
        self.io_in
    }
    #[inline]
    fn io_write(&mut self, port: u16, value: u8, _t: u64) {
        self.writes.push((true, port, value));
    }
    fn peek(&self, addr: u16) -> u8 {
        self.mem[addr as usize]
    }
}
