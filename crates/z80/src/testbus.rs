//! A 64 KiB RAM bus for the unit tests: records every bus cycle and checks that
//! the CPU tells each cycle the T-state right after the previous one ended.

extern crate std;

use std::string::String;
use std::vec::Vec;

use crate::{Bus, Cpu, Model, Signals};

pub struct TestBus {
    pub mem: Vec<u8>,
    pub trace: Vec<String>,
    pub io_writes: Vec<(u16, u8)>,
    pub int: bool,
    pub nmi: bool,
    pub ack_bytes: [u8; 3],
    /// Assert that each cycle starts where the previous one ended.
    pub check_t: bool,
    ack_i: usize,
    next_t: Option<u64>,
}

impl TestBus {
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
