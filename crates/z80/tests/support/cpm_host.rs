//! A minimal CP/M host for instruction exercisers, shared by the `cpm` example
//! and the `zex` integration test.
//!
//! The program is loaded at 0100H in 64 KiB of RAM; 0005H holds `RET` (C9H)
//! and 0006H–0007H the top of the TPA (F000H). When PC reaches 0005H the host
//! serves BDOS function 2 (print E) or 9 (print the `$`-terminated string at
//! DE) before that `RET` runs; BDOS itself takes no emulated time. The run ends
//! when PC reaches 0000H. T-states are counted from PC = 0100H.

use z80::{Bus, Cpu, Exit, Model, Signals};

/// Outcome of one CP/M program run.
pub struct CpmRun {
    /// T-states from PC = 0100H until PC reached 0000H.
    pub t_states: u64,
    /// Instructions executed (0 unless counted).
    pub instructions: u64,
}

struct Cpm<const COUNT: bool> {
    mem: Box<[u8; 0x10000]>,
    /// The next poll is at the boundary the host has just served: no new break.
    resume: bool,
    /// Instruction boundaries seen (= instructions started).
    boundaries: u64,
}

impl<const COUNT: bool> Bus for Cpm<COUNT> {
    #[inline(always)]
    fn fetch_opcode(&mut self, addr: u16, _t: u64) -> u8 {
        self.mem[addr as usize]
    }
    #[inline(always)]
    fn mem_read(&mut self, addr: u16, _t: u64) -> u8 {
        self.mem[addr as usize]
    }
    #[inline(always)]
    fn mem_write(&mut self, addr: u16, value: u8, _t: u64) {
        self.mem[addr as usize] = value;
    }
    fn io_read(&mut self, _port: u16, _t: u64) -> u8 {
        0xFF
    }
    fn io_write(&mut self, _port: u16, _value: u8, _t: u64) {}
    #[inline(always)]
    fn poll(&mut self, _t: u64, pc: u16) -> Signals {
        if COUNT {
            self.boundaries += 1;
        }
        if pc <= 5 && (pc == 5 || pc == 0) {
            if self.resume {
                self.resume = false;
                if COUNT {
                    self.boundaries -= 1;
                }
                return Signals::NONE;
            }
            return Signals::BREAK;
        }
        Signals::NONE
    }
    fn peek(&self, addr: u16) -> u8 {
        self.mem[addr as usize]
    }
}

/// Run `prog` (a .COM image) until PC reaches 0000H or `max_t` T-states have
/// passed; `out` receives every console byte. With `COUNT` the host also counts
/// instructions (a little slower). Errors if the image does not fit or the
/// program executes HALT.
pub fn run_cpm<const COUNT: bool>(
    prog: &[u8],
    max_t: u64,
    out: &mut dyn FnMut(u8),
) -> Result<CpmRun, String> {
    if prog.is_empty() || prog.len() > 0xF000 - 0x100 {
        return Err(format!("{} bytes do not fit a CP/M TPA", prog.len()));
    }
    let mut bus = Cpm::<COUNT> {
        mem: Box::new([0; 0x10000]),
        resume: false,
        boundaries: 0,
    };
    bus.mem[0x100..0x100 + prog.len()].copy_from_slice(prog);
    bus.mem[5] = 0xC9;
    bus.mem[6] = 0x00;
    bus.mem[7] = 0xF0;
    let mut cpu = Cpu::new(Model::Nmos);
    cpu.regs.pc = 0x100;
    cpu.regs.sp = 0xF000;
    loop {
        match cpu.run(&mut bus, max_t) {
            Exit::Break if cpu.regs.pc == 0 => break,
            Exit::Break => {
                let de = cpu.regs.de;
                match cpu.regs.bc as u8 {
                    2 => out(de as u8),
                    9 => {
                        let mut a = de;
                        for _ in 0..0x10000 {
                            let c = bus.mem[a as usize];
                            if c == b'$' {
                                break;
                            }
                            out(c);
                            a = a.wrapping_add(1);
                        }
                    }
                    _ => {}
                }
                bus.resume = true;
            }
            Exit::Halted => {
                return Err(format!("HALT at {:04X}H", cpu.regs.pc.wrapping_sub(1)));
            }
            Exit::Budget | Exit::Stepped => break,
        }
    }
    Ok(CpmRun {
        t_states: cpu.t,
        instructions: bus.boundaries.saturating_sub(1),
    })
}
