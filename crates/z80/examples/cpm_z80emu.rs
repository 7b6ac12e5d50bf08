//! The CP/M exerciser harness of `examples/cpm.rs`, run on the z80emu crate
//! (NMOS flavour) instead of our core, for speed and T-state comparisons.
//!
//! ```text
//! cargo run --release -p z80 --example cpm_z80emu -- zexdoc.com [MAX_T_STATES]
//! ```
//!
//! The optional second argument stops the run after that many T-states, as in
//! `cpm` (for profiling a slice of a long exerciser).
//!
//! Same conventions as `cpm`: the program is loaded at 0100H and started there
//! with SP = FFFEH (a 0000H return address on the stack); BDOS functions 2 (print E)
//! and 9 (print the `$`-terminated string at DE) are served when PC reaches 0005H,
//! where a `RET` then runs; the run ends when PC reaches 0000H. The T-states
//! printed count from PC = 0100H until PC reaches 0000H.
//!
//! z80emu is driven by its batch loop `execute_with_limit`. To get control at
//! 0005H without leaving that loop on every instruction, 0005H holds
//! `OUT (C),A` (ED 79), whose I/O write asks z80emu to break; its 12 T-states are
//! taken back off the clock so the count is as if 0005H held only the `RET`
//! (at 0007H). 0000H holds `HALT`, whose 4 T are taken back likewise.

use std::io::Write as _;
use std::num::{NonZeroU16, Wrapping};
use std::process::ExitCode;

use z80emu::host::TsCounter;
use z80emu::{BreakCause, Cpu, Io, Memory, StkReg16, Z80NMOS};

struct Ram(Box<[u8; 0x10000]>);

impl Io for Ram {
    type Timestamp = u64;
    type WrIoBreak = ();
    type RetiBreak = ();
    fn write_io(&mut self, _port: u16, _data: u8, _ts: u64) -> (Option<()>, Option<NonZeroU16>) {
        (Some(()), None)
    }
}

impl Memory for Ram {
    type Timestamp = u64;
    #[inline(always)]
    fn read_mem(&self, address: u16, _ts: u64) -> u8 {
        self.0[address as usize]
    }
    #[inline(always)]
    fn read_opcode(&mut self, pc: u16, _ir: u16, _ts: u64) -> u8 {
        self.0[pc as usize]
    }
    #[inline(always)]
    fn write_mem(&mut self, address: u16, value: u8, _ts: u64) {
        self.0[address as usize] = value;
    }
    fn read_debug(&self, address: u16) -> u8 {
        self.0[address as usize]
    }
}

const BDOS_OUT_T: u64 = 12;
const HALT_T: u64 = 4;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: cpm_z80emu FILE.COM [MAX_T_STATES]");
        return ExitCode::FAILURE;
    };
    let max_t = match std::env::args().nth(2).map(|s| s.parse::<u64>()) {
        None => u64::MAX,
        Some(Ok(n)) => n,
        Some(Err(e)) => {
            eprintln!("cpm_z80emu: bad T-state limit: {e}");
            return ExitCode::FAILURE;
        }
    };
    let program = match std::fs::read(&path) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("cpm_z80emu: cannot read {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    if program.len() > 0x10000 - 0x100 - 2 {
        eprintln!("cpm_z80emu: {path} is too large for the TPA");
        return ExitCode::FAILURE;
    }
    let mut ram = Ram(Box::new([0; 0x10000]));
    ram.0[0x100..0x100 + program.len()].copy_from_slice(&program);
    ram.0[0x0000] = 0x76; // HALT: the end
    ram.0[0x0005..0x0008].copy_from_slice(&[0xED, 0x79, 0xC9]); // OUT (C),A; RET
    let mut cpu = Z80NMOS::default();
    cpu.reset();
    cpu.set_pc(0x0100);
    cpu.set_sp(0xFFFE);
    let mut clock = TsCounter::<u64>::default();
    let out = std::io::stdout();
    let mut out = out.lock();
    loop {
        if clock.0 .0 >= max_t {
            let _ = writeln!(out, "\n(stopped at the T-state limit)");
            break;
        }
        match cpu.execute_with_limit(&mut ram, &mut clock, max_t) {
            Err(BreakCause::WriteIo(())) => {
                clock.0 -= Wrapping(BDOS_OUT_T);
                let c = cpu.get_reg2(StkReg16::BC).1;
                let de = cpu.get_reg16(StkReg16::DE);
                match c {
                    2 => {
                        let _ = out.write_all(&[de as u8]);
                    }
                    9 => {
                        let mut a = de;
                        while ram.0[a as usize] != b'$' {
                            let _ = out.write_all(&[ram.0[a as usize]]);
                            a = a.wrapping_add(1);
                        }
                    }
                    _ => {}
                }
                let _ = out.flush();
            }
            Err(BreakCause::Halt) if cpu.get_pc() == 0x0000 => {
                clock.0 -= Wrapping(HALT_T);
                break;
            }
            Err(BreakCause::Halt) => {
                eprintln!("cpm_z80emu: HALT at {:04X}", cpu.get_pc());
                return ExitCode::FAILURE;
            }
            _ => {}
        }
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "T-states: {}", clock.0 .0);
    ExitCode::SUCCESS
}
