//! Patrik Rak's z80test 1.0 (MIT licence): z80full, z80doc, z80flags,
//! z80docflags, z80memptr and z80ccf, ZX Spectrum programs that run each
//! instruction over many operand values and compare a CRC of the registers,
//! flags (all bits, or the documented ones only) or MEMPTR with the values
//! recorded on a real Zilog Z80.
//!
//! The `.tap` files are not part of the repository: set `Z80_RAK_DIR` to the
//! folder holding them. Without it each test prints `SKIPPED: …` and passes.
//!
//! # The host: just enough ZX Spectrum
//!
//! The programs need only a little of the Spectrum, written here from its
//! documented interface (the ROM's entry points and the tape block format):
//!
//! * **Loading**: a `.tap` file is a list of blocks, each a 16-bit length and
//!   that many bytes: a flag byte (00H header, FFH data), the contents and an
//!   XOR checksum. A 17-byte header of type 3 (CODE) names the load address
//!   of the data block after it. Each program's BASIC loader does `CLEAR
//!   32767: LOAD "" CODE: RANDOMIZE USR 32768`; the host does the same by
//!   placing the code block and calling its load address with the stack just
//!   below 8000H, IY = 5C3AH (the ROM's system variables), IM 1 and DI.
//! * **The ROM** (0000H–3FFFH) is not there; any instruction fetched from it
//!   stops the CPU at the boundary ([`Signals::BREAK`]) and the host does the
//!   routine's work and returns as its `RET` would:
//!   - 0010H (`RST 10H`, print the character in A to the current channel);
//!   - 1601H (CHAN-OPEN: the programs open channel 2, the screen; nothing to do);
//!   - 0000H is the return address of the USR call: the program has ended.
//!
//!   Anything else in the ROM fails the test.
//! * **Screen**: characters are collected as text; 13 is a new line, 127 is
//!   the copyright sign, control 23 (TAB) moves to the column given by the
//!   next byte (its second byte is ignored), control 22 (AT) takes two bytes.
//! * **Ports**: an even port is the ULA and reads BFH (no key pressed, bit 6,
//!   the EAR input, at 0: the value the programs' IN tests were recorded
//!   with); an odd port reads FFH (nothing drives the bus). Writes go nowhere.
//!   No interrupts are raised (the programs run their tests with DI).

use std::path::PathBuf;

use z80::{Bus, Cpu, Exit, Model, Signals};

/// Where the USR call returns to.
const USR_RETURN: u16 = 0x0000;
const PRINT: u16 = 0x0010;
const CHAN_OPEN: u16 = 0x1601;
/// Start of RAM on a 48K Spectrum.
const RAM: u16 = 0x4000;
/// Upper limit of a run: the longest, z80doc, takes about 1.1 G T-states.
const MAX_T_STATES: u64 = 20_000_000_000;

struct Spectrum {
    mem: Vec<u8>,
}

impl Bus for Spectrum {
    fn fetch_opcode(&mut self, addr: u16, _t: u64) -> u8 {
        self.mem[addr as usize]
    }
    fn mem_read(&mut self, addr: u16, _t: u64) -> u8 {
        self.mem[addr as usize]
    }
    fn mem_write(&mut self, addr: u16, value: u8, _t: u64) {
        if addr >= RAM {
            self.mem[addr as usize] = value;
        }
    }
    fn io_read(&mut self, port: u16, _t: u64) -> u8 {
        if port & 1 == 0 {
            0xBF
        } else {
            0xFF
        }
    }
    fn io_write(&mut self, _port: u16, _value: u8, _t: u64) {}
    #[inline(always)]
    fn poll(&mut self, _t: u64, pc: u16) -> Signals {
        if pc < RAM {
            Signals::BREAK
        } else {
            Signals::NONE
        }
    }
    fn peek(&self, addr: u16) -> u8 {
        self.mem[addr as usize]
    }
}

/// The load address and bytes of every CODE block in a `.tap` file.
fn code_blocks(tap: &[u8]) -> Result<Vec<(u16, Vec<u8>)>, String> {
    let mut blocks = Vec::new();
    let mut rest = tap;
    let mut load_at = None;
    while !rest.is_empty() {
        if rest.len() < 2 {
            return Err("truncated block length".into());
        }
        let len = u16::from_le_bytes([rest[0], rest[1]]) as usize;
        let block = rest
            .get(2..2 + len)
            .ok_or_else(|| format!("block of {len} bytes runs past the end"))?;
        rest = &rest[2 + len..];
        if len < 2 || block.iter().fold(0, |x, b| x ^ b) != 0 {
            return Err(format!("block of {len} bytes: bad checksum"));
        }
        let body = &block[1..len - 1];
        match block[0] {
            0x00 if body.len() == 17 => {
                load_at = (body[0] == 3).then(|| u16::from_le_bytes([body[13], body[14]]));
            }
            0xFF => {
                if let Some(addr) = load_at.take() {
                    blocks.push((addr, body.to_vec()));
                }
            }
            _ => load_at = None,
        }
    }
    Ok(blocks)
}

/// The screen as text (see the module docs for the control codes).
#[derive(Default)]
struct Screen {
    text: String,
    column: usize,
    /// Parameter bytes still to come for TAB (23) or AT (22), and the code.
    params: Option<(u8, u8)>,
}

impl Screen {
    fn put(&mut self, c: u8) {
        if let Some((code, left)) = self.params {
            if code == 23 && left == 2 {
                let col = (c as usize) % 32;
                if col < self.column {
                    self.newline();
                }
                while self.column < col {
                    self.text.push(' ');
                    self.column += 1;
                }
            }
            self.params = (left > 1).then_some((code, left - 1));
            return;
        }
        match c {
            13 => self.newline(),
            22 | 23 => self.params = Some((c, 2)),
            127 => self.text_char('©'),
            32..=126 => self.text_char(c as char),
            _ => self.text.push_str(&format!("<{c:02X}>")),
        }
    }
    fn text_char(&mut self, c: char) {
        if self.column == 32 {
            self.newline();
        }
        self.text.push(c);
        self.column += 1;
    }
    fn newline(&mut self) {
        self.text.push('\n');
        self.column = 0;
    }
}

/// Run one program; returns its screen text and the T-states it took.
fn run_tap(tap: &[u8]) -> Result<(String, u64), String> {
    let blocks = code_blocks(tap)?;
    let (entry, _) = *blocks.first().ok_or("no CODE block in the file")?;
    let mut bus = Spectrum {
        mem: vec![0; 0x10000],
    };
    for (addr, bytes) in &blocks {
        let end = *addr as usize + bytes.len();
        if *addr < RAM || end > 0x10000 {
            return Err(format!("CODE block at {addr:04X} does not fit in RAM"));
        }
        bus.mem[*addr as usize..end].copy_from_slice(bytes);
    }
    let mut cpu = Cpu::new(Model::Nmos);
    cpu.regs.pc = entry;
    cpu.regs.sp = 0x8000 - 2;
    bus.mem[0x7FFE..0x8000].copy_from_slice(&USR_RETURN.to_le_bytes());
    cpu.regs.iy = 0x5C3A;
    cpu.regs.im = 1;
    let mut screen = Screen::default();
    loop {
        match cpu.run(&mut bus, cpu.t + 100_000_000) {
            Exit::Break => {}
            Exit::Halted => return Err(format!("HALT at {:04X}", cpu.regs.pc.wrapping_sub(1))),
            _ if cpu.t > MAX_T_STATES => return Err("no end after 20 G T-states".into()),
            _ => continue,
        }
        match cpu.regs.pc {
            USR_RETURN => return Ok((screen.text, cpu.t)),
            PRINT => screen.put(cpu.regs.a()),
            CHAN_OPEN => {}
            pc => return Err(format!("ROM routine {pc:04X} called: not emulated")),
        }
        // The routine's RET.
        let sp = cpu.regs.sp;
        cpu.regs.pc =
            u16::from_le_bytes([bus.mem[sp as usize], bus.mem[sp.wrapping_add(1) as usize]]);
        cpu.regs.sp = sp.wrapping_add(2);
    }
}

fn check(name: &str) {
    let Some(dir) = std::env::var_os("Z80_RAK_DIR") else {
        println!("SKIPPED: Z80_RAK_DIR is not set (folder with z80test's {name}.tap)");
        return;
    };
    let path = PathBuf::from(dir).join(format!("{name}.tap"));
    let tap = std::fs::read(&path)
        .unwrap_or_else(|e| panic!("Z80_RAK_DIR: cannot read {}: {e}", path.display()));
    let (text, t) = run_tap(&tap).unwrap_or_else(|e| panic!("{name}: {e}"));
    println!("{text}\n{name}: {t} T-states");
    let ok = text
        .lines()
        .filter(|l| l.trim_end().ends_with(" OK"))
        .count();
    assert!(
        text.contains("Result: all tests passed."),
        "{name} reports failures:\n{text}"
    );
    assert!(!text.contains("FAILED"), "{name}:\n{text}");
    assert!(ok > 100, "{name}: only {ok} tests reported OK:\n{text}");
}

#[test]
fn z80full() {
    check("z80full");
}

#[test]
fn z80doc() {
    check("z80doc");
}

#[test]
fn z80flags() {
    check("z80flags");
}

#[test]
fn z80docflags() {
    check("z80docflags");
}

#[test]
fn z80memptr() {
    check("z80memptr");
}

#[test]
fn z80ccf() {
    check("z80ccf");
}

#[test]
fn a_damaged_tap_is_refused() {
    // One data block whose checksum byte is wrong, and one cut short.
    assert!(code_blocks(&[3, 0, 0xFF, 0x12, 0x00]).is_err());
    assert!(code_blocks(&[9, 0, 0xFF]).is_err());
    // A header for CODE at 8000H, then its two bytes.
    let mut header = vec![0u8, 3];
    header.extend_from_slice(b"name      ");
    header.extend_from_slice(&[2, 0, 0x00, 0x80, 0, 0]);
    let sum = header.iter().fold(0, |x, b| x ^ b);
    let mut tap = vec![19, 0];
    tap.extend_from_slice(&header);
    tap.push(sum);
    tap.extend_from_slice(&[4, 0, 0xFF, 0xC9, 0x00, 0xFF ^ 0xC9]);
    assert_eq!(code_blocks(&tap), Ok(vec![(0x8000, vec![0xC9, 0x00])]));
}
