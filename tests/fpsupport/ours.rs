//! Calls routines of our numeric core by symbol on an emulated machine (the
//! free ROM, booted to READY first): the
//! operands go into the accumulator cells, a return address pointing at a
//! `HALT` in RAM is pushed, and the machine runs until it halts (or reaches
//! the ERROR entry, which raises Level II's errors).
#![allow(dead_code)]

use trs80_machine::{Config, Machine, StopReason};

/// Where the return address points: a HALT.
const STOP: u16 = 0x7F80;
const STACK: u16 = 0x7F00;
pub const FAC: u16 = 0x411D;
pub const ARG: u16 = 0x4127;
pub const VALTYP: u16 = 0x40AF;

pub struct Ours {
    pub m: Machine,
    pub rom: &'static roms::Rom,
    error: u16,
    /// T-states the last call took (CALL to RET).
    pub last_t: u64,
}

/// How a call ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum End {
    Returned,
    /// ERROR was reached with this E (Level II's ERR value).
    Error(u8),
}

impl Ours {
    pub fn new(rom_name: &str) -> Ours {
        let rom = roms::get(rom_name).expect("ROM built from roms/");
        let mut image = vec![0xFF; 0x3000];
        image[rom.origin as usize..rom.end() as usize].copy_from_slice(rom.image);
        let mut m = Machine::new(&Config {
            rom: &image,
            ram_kib: 16,
            expansion_interface: false,
            ..Config::default()
        })
        .expect("machine");
        if rom_name == "free" {
            // The whole free ROM: let it boot, so the calls find the RAM
            // cells as its kernel sets them up.
            assert!(m.run_until_text("MEMORY SIZE?", 300), "{}", m.screen_text());
            m.type_text("\n");
            assert!(m.run_until_typed(300));
            assert!(m.run_until_text("READY", 300), "{}", m.screen_text());
        }
        m.poke(STOP, 0x76);
        let error = rom.symbol("ERROR").expect("ERROR");
        m.debug().add_breakpoint(error);
        Ours {
            m,
            rom,
            error,
            last_t: 0,
        }
    }

    pub fn sym(&self, name: &str) -> u16 {
        self.rom
            .symbol(name)
            .unwrap_or_else(|| panic!("no symbol {name}"))
    }

    /// Call `name` with these register values (HL).
    pub fn call(&mut self, name: &str, hl: u16) -> End {
        let pc = self.sym(name);
        self.call_at(pc, hl)
    }

    /// Call the routine at `pc` (e.g. a program loaded into RAM).
    pub fn call_at(&mut self, pc: u16, hl: u16) -> End {
        let name = format!("{pc:04X}H");
        let c = self.m.cpu_mut();
        c.halted = false;
        c.regs.sp = STACK - 2;
        c.regs.pc = pc;
        c.regs.hl = hl;
        self.m.poke(STACK - 2, STOP as u8);
        self.m.poke(STACK - 1, (STOP >> 8) as u8);
        let t0 = self.m.t_states();
        for _ in 0..100 {
            match self.m.run_for(1_000_000) {
                StopReason::Halted => {
                    // The HALT instruction itself (4 T) is not the routine's.
                    self.last_t = self.m.t_states() - t0 - 4;
                    assert_eq!(self.m.cpu().regs.pc, STOP + 1, "halted elsewhere");
                    assert_eq!(self.m.cpu().regs.sp, STACK, "stack not balanced");
                    return End::Returned;
                }
                StopReason::Breakpoint(a) if a == self.error => {
                    return End::Error(self.m.cpu().regs.de as u8);
                }
                StopReason::BudgetSpent => {}
                r => panic!("{name}: stopped: {r:?}"),
            }
        }
        panic!("{name} never returned");
    }

    /// Put a value's bytes so that its exponent (last byte) lands at 4124H
    /// (FAC) or 412EH (ARG).
    pub fn set(&mut self, base: u16, v: &[u8]) {
        let at = base + 8 - v.len() as u16;
        self.m.load(at, v);
    }

    pub fn get(&self, base: u16, n: usize) -> Vec<u8> {
        let at = base + 8 - n as u16;
        (0..n as u16).map(|i| self.m.peek(at + i)).collect()
    }
}
