//! Minimal CP/M host for instruction exercisers (ZEXDOC, ZEXALL, …).
//!
//! `cargo run --release -p z80 --example cpm -- FILE.COM`
//!
//! The program is loaded at 0100H in 64 KiB of RAM; 0005H holds `RET` (C9H) and
//! 0006H–0007H the top of the TPA (F000H). When PC reaches 0005H the host serves
//! BDOS function 2 (print E) or 9 (print the `$`-terminated string at DE) before
//! that `RET` runs; BDOS itself takes no emulated time. The run ends when PC
//! reaches 0000H. Prints the program's output, then the T-states counted from
//! PC = 0100H to PC = 0000H, the instruction count and the emulated speed.

use std::io::Write;
use std::time::Instant;

use z80::{Bus, Cpu, Exit, Model, Signals};

struct Cpm {
    mem: Box<[u8; 0x10000]>,
    /// The next poll is at a boundary the host has just served: do not break again.
    resume: bool,
    /// Instruction boundaries seen (= instructions executed).
    boundaries: u64,
}

impl Bus for Cpm {
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
        self.boundaries += 1;
        if pc <= 5 && (pc == 5 || pc == 0) {
            if self.resume {
                self.resume = false;
                self.boundaries -= 1;
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

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: cpm FILE.COM");
        std::process::exit(2);
    };
    let prog = match std::fs::read(&path) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("cpm: cannot read {path}: {e}");
            std::process::exit(1);
        }
    };
    if prog.is_empty() || prog.len() > 0xF000 - 0x100 {
        eprintln!("cpm: {path}: {} bytes does not fit a CP/M TPA", prog.len());
        std::process::exit(1);
    }
    let mut bus = Cpm {
        mem: Box::new([0; 0x10000]),
        resume: false,
        boundaries: 0,
    };
    bus.mem[0x100..0x100 + prog.len()].copy_from_slice(&prog);
    bus.mem[5] = 0xC9;
    bus.mem[6] = 0x00;
    bus.mem[7] = 0xF0;
    let mut cpu = Cpu::new(Model::Nmos);
    cpu.regs.pc = 0x100;
    cpu.regs.sp = 0xF000;
    let out = std::io::stdout();
    let mut out = out.lock();
    let start = Instant::now();
    loop {
        match cpu.run(&mut bus, u64::MAX) {
            Exit::Break if cpu.regs.pc == 0 => break,
            Exit::Break => {
                let c = cpu.regs.bc as u8;
                let de = cpu.regs.de;
                match c {
                    2 => {
                        let _ = out.write_all(&[de as u8]);
                    }
                    9 => {
                        let mut a = de;
                        let mut n = 0;
                        while bus.mem[a as usize] != b'$' && n < 0x10000 {
                            let _ = out.write_all(&[bus.mem[a as usize]]);
                            a = a.wrapping_add(1);
                            n += 1;
                        }
                    }
                    _ => {}
                }
                let _ = out.flush();
                bus.resume = true;
            }
            Exit::Halted => {
                eprintln!("cpm: HALT at {:04X}H", cpu.regs.pc.wrapping_sub(1));
                std::process::exit(1);
            }
            Exit::Budget | Exit::Stepped => {}
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let _ = writeln!(out);
    let _ = writeln!(out, "T-states: {}", cpu.t);
    let _ = writeln!(out, "instructions: {}", bus.boundaries - 1);
    let _ = writeln!(
        out,
        "wall: {secs:.2} s, emulated {:.3} GHz",
        cpu.t as f64 / secs / 1e9
    );
}
