//! Drives a real Level II ROM (from `TRS80_ROM`) through BASIC to record what
//! its arithmetic does, without looking at its code.
//!
//! Method (clean-room, by observation only): a one-line BASIC loop
//! `N ON ERROR GOTO 100:Z=USR(expr):GOTO N` runs under Level II. The USR
//! address (16526/16527, a documented POKE location) points at a `HALT` in
//! protected RAM, so the machine stops each time the expression has been
//! evaluated, with the value in the accumulator cells (type 40AFH, value
//! 411DH-4124H). The harness reads it, POKEs the next operands into the value
//! bytes of the simple variables the expression uses (found through the
//! variable table, VARTAB 40F9H .. ARYTAB 40FBH), and lets the loop go on.
//! An error goes to line `100 Z=USR(ERR):RESUME NEXT`; the harness tells it
//! apart by the current line number (40A2H) and records ERR.
#![allow(dead_code)]

use trs80_machine::{Config, Machine, RomKind};

/// Protected RAM (MEMORY SIZE answered below it) holding `HALT / RET`.
const USR_AT: u16 = 0x7E00;

/// What evaluating an expression gave.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The accumulator's type byte (2, 4, 8) and value bytes (2, 4 or 8,
    /// LSB first, as stored in memory).
    Value(u8, Vec<u8>),
    /// Level II raised an error: its ERR value ((code-1)*2).
    Error(u8),
}

/// A Level II machine sitting in the USR loop of one line.
pub struct Level2 {
    pub m: Machine,
    /// Value addresses of the variables named in the current line, in order.
    vars: Vec<u16>,
    line: u16,
    names: Vec<(u8, u8)>,
    /// T-states from one USR stop to the next (the last evaluation).
    pub last_t: u64,
}

fn word(m: &Machine, a: u16) -> u16 {
    u16::from_le_bytes([m.peek(a), m.peek(a + 1)])
}

/// The value bytes of the accumulator for a type.
pub fn read_acc(m: &Machine) -> Outcome {
    let t = m.peek(0x40AF);
    let (from, n) = match t {
        2 => (0x4121u16, 2),
        4 => (0x4121, 4),
        _ => (0x411D, 8),
    };
    Outcome::Value(t, (0..n).map(|i| m.peek(from + i)).collect())
}

/// The variables an expression names: a letter followed by a type suffix.
fn vars_of(e: &str) -> Vec<String> {
    let b = e.as_bytes();
    let mut out: Vec<String> = Vec::new();
    for i in 0..b.len() {
        let start = i == 0 || !b[i - 1].is_ascii_alphabetic();
        if start && b[i].is_ascii_uppercase() && i + 1 < b.len() && b"!#%$".contains(&b[i + 1]) {
            let v = e[i..i + 2].to_string();
            if !out.contains(&v) {
                out.push(v);
            }
        }
    }
    out
}

impl Level2 {
    /// Boot the ROM (16 KB, no Expansion Interface, so no clock interrupt)
    /// and type `lines`, each `(number, expression)`; plus the error line.
    pub fn boot(rom: &[u8], lines: &[(u16, &str)]) -> Level2 {
        let mut m = Machine::new(&Config {
            rom,
            ram_kib: 16,
            expansion_interface: false,
            ..Config::default()
        })
        .expect("machine");
        // (Our own ROM, an unknown image here, asks as 1.2 does; the speed
        // test runs the same lines on both.)
        let prompt = match m.rom_kind() {
            RomKind::Level2Rev1_3 => "MEM SIZE?",
            RomKind::Level1 => panic!("TRS80_ROM is a Level I ROM"),
            _ => "MEMORY SIZE?",
        };
        assert!(m.run_until_text(prompt, 300), "{}", m.screen_text());
        m.type_text("32000\n");
        assert!(m.run_until_text("READY", 600), "{}", m.screen_text());
        assert!(m.run_until_typed(60));
        m.load(USR_AT, &[0x76, 0xC9]); // HALT / RET
        let mut prog = String::new();
        for (n, e) in lines {
            // Level II creates a variable only when assigned: create them first.
            let mut init = String::new();
            for v in vars_of(e) {
                let zero = if v.ends_with('$') { "\"\"" } else { "0" };
                init += &format!("{v}={zero}:");
            }
            let k = n + 1;
            // `STR$(x)` lines keep the text in Z$ (read by `eval_text`).
            let stmt = if e.starts_with("STR$") {
                format!("Z$={e}:Z=USR(0)")
            } else {
                format!("Z=USR({e})")
            };
            prog += &format!("{n} ON ERROR GOTO 100:{init}Z=0:Z$=\"\"\n{k} {stmt}:GOTO {k}\n");
        }
        prog += "100 Z=USR(ERR):RESUME NEXT\n";
        prog += &format!("POKE 16526,{}:POKE 16527,{}\n", USR_AT & 255, USR_AT >> 8);
        m.type_text(&prog);
        assert!(m.run_until_typed(20_000), "typing");
        assert!(m.run_until_text("READY", 600));
        Level2 {
            m,
            vars: Vec::new(),
            line: 0,
            names: Vec::new(),
            last_t: 0,
        }
    }

    fn run_to_halt(&mut self) {
        let t0 = self.m.t_states();
        for _ in 0..2000 {
            if self.m.run_for(1_000_000) == trs80_machine::StopReason::Halted {
                self.last_t = self.m.t_states() - t0;
                return;
            }
        }
        panic!(
            "Level II never reached the USR stop:\n{}",
            self.m.screen_text()
        );
    }

    /// Call the Level II routine at `addr` (a published entry point) with the
    /// accumulator set to type `t` and value `v` (bytes as `read_acc` gives
    /// them); the T-states from its first instruction to its RET. Runs on a
    /// stack in protected RAM, returning to the HALT at `USR_AT`; the
    /// machine's registers are put back afterwards, so the USR loop can go on.
    pub fn call_direct(&mut self, addr: u16, t: u8, v: &[u8]) -> u64 {
        let (regs, halted) = (self.m.cpu().regs, self.m.cpu().halted);
        self.m.poke(0x40AF, t);
        let at = if t == 2 {
            0x4121
        } else {
            0x4125 - v.len() as u16
        };
        self.m.load(at, v);
        let sp = USR_AT + 0xFE;
        self.m.load(sp, &USR_AT.to_le_bytes());
        let c = self.m.cpu_mut();
        (c.regs.sp, c.regs.pc, c.halted) = (sp, addr, false);
        let t0 = self.m.t_states();
        while self.m.run_for(1_000_000) != trs80_machine::StopReason::Halted {}
        // The HALT itself (4 T) is not the routine's.
        let t = self.m.t_states() - t0 - 4;
        let c = self.m.cpu_mut();
        (c.regs, c.halted) = (regs, halted);
        t
    }

    /// Call the Level II routine at `addr` with HL = `hl` (FIN: a text in
    /// RAM); the T-states to its RET, as `call_direct`.
    pub fn call_direct_hl(&mut self, addr: u16, hl: u16) -> u64 {
        let (regs, halted) = (self.m.cpu().regs, self.m.cpu().halted);
        let sp = USR_AT + 0xFE;
        self.m.load(sp, &USR_AT.to_le_bytes());
        let c = self.m.cpu_mut();
        (c.regs.sp, c.regs.pc, c.regs.hl, c.halted) = (sp, addr, hl, false);
        let t0 = self.m.t_states();
        while self.m.run_for(1_000_000) != trs80_machine::StopReason::Halted {}
        let t = self.m.t_states() - t0 - 4;
        let c = self.m.cpu_mut();
        (c.regs, c.halted) = (regs, halted);
        t
    }

    fn resume(&mut self) {
        self.m.cpu_mut().halted = false;
        self.run_to_halt();
    }

    /// Start line `n`, whose expression uses the variables `names`
    /// (type byte, first letter), e.g. `[(4, b'A'), (4, b'B')]`.
    pub fn start(&mut self, n: u16, names: &[(u8, u8)]) {
        if self.m.cpu().halted {
            // Leave the running program: back to READY through BREAK-free
            // means: jump to the documented READY entry.
            self.m.cpu_mut().halted = false;
            self.m.cpu_mut().regs.pc = 0x1A19;
            assert!(self.m.run_until_text("READY", 100));
        }
        self.m.type_text(&format!("RUN {n}\n"));
        self.line = n + 1;
        self.run_to_halt();
        // The first stop evaluated the fresh (zero) variables: find them.
        let p = word(&self.m, 0x40F9);
        let end = word(&self.m, 0x40FB);
        self.vars = names
            .iter()
            .map(|&(t, c)| {
                let mut q = p;
                loop {
                    assert!(q < end, "variable {} not found", c as char);
                    let ty = self.m.peek(q);
                    if ty == t && self.m.peek(q + 2) == c && self.m.peek(q + 1) == 0 {
                        break q + 3;
                    }
                    q += 3 + ty as u16;
                }
            })
            .collect();
        self.names = names.to_vec();
    }

    /// Evaluate the current line's expression with these variable values
    /// (value bytes as stored in memory).
    pub fn eval(&mut self, values: &[&[u8]]) -> Outcome {
        for (&at, v) in self.vars.iter().zip(values) {
            self.m.load(at, v);
        }
        self.resume();
        let line = word(&self.m, 0x40A2);
        if line == 100 {
            let err = match read_acc(&self.m) {
                Outcome::Value(2, b) => b[0],
                o => panic!("ERR gave {o:?}"),
            };
            // Continue to the next stop of the loop line, with operands (1)
            // that raise no error.
            for (&at, &(t, _)) in self.vars.iter().zip(&self.names) {
                let one: &[u8] = match t {
                    2 => &[1, 0],
                    3 => &[1, 0x80, 0x7E], // "1" (eval_with_text's place)
                    4 => &[0, 0, 0, 0x81],
                    _ => &[0, 0, 0, 0, 0, 0, 0, 0x81],
                };
                self.m.load(at, one);
            }
            self.resume();
            assert_eq!(word(&self.m, 0x40A2), self.line);
            Outcome::Error(err)
        } else {
            assert_eq!(line, self.line, "{}", self.m.screen_text());
            read_acc(&self.m)
        }
    }

    /// For a `STR$(...)` line: the text Level II made (from Z$).
    pub fn eval_text(&mut self, values: &[&[u8]]) -> Result<String, u8> {
        if let Outcome::Error(e) = self.eval(values) {
            return Err(e);
        }
        let m = &self.m;
        let mut q = word(m, 0x40F9);
        let end = word(m, 0x40FB);
        while q < end {
            let ty = m.peek(q);
            if ty == 3 && m.peek(q + 2) == b'Z' && m.peek(q + 1) == 0 {
                let len = m.peek(q + 3) as u16;
                let at = word(m, q + 4);
                return Ok((0..len).map(|i| m.peek(at + i) as char).collect());
            }
            q += 3 + ty as u16;
        }
        panic!("no Z$");
    }

    /// Evaluate with the string variable A$ (the only variable of the
    /// line) holding `text`, any bytes (kept in protected RAM).
    pub fn eval_with_text(&mut self, text: &[u8]) -> Outcome {
        const AT: u16 = 0x7E80;
        assert!(text.len() < 100);
        self.m.load(AT, text);
        let d = [text.len() as u8, AT as u8, (AT >> 8) as u8];
        self.eval(&[&d])
    }
}

/// Where `fin_text` puts its text, and the machine code that calls FIN.
const FIN_TEXT: u16 = 0x7E80;
const FIN_CELLS: u16 = 0x7E70;

impl Level2 {
    /// For a line `LEN(A$)` (started with A$): make the USR routine call the
    /// published FIN entry (0E6CH) on a text, instead of returning at once.
    /// Call once, right after `start`.
    pub fn use_fin(&mut self) {
        // PUSH HL/DE/BC; if (cells+2) != 0 skip (the error line); set it;
        // LD HL,text; CALL 0E6CH; LD (cells),HL; clear the flag; HALT; POP; RET
        let mut code = vec![
            0xE5, 0xD5, 0xC5, 0x3A, 0x72, 0x7E, 0xB7, 0x20, 0x00, 0x3E, 1, 0x32, 0x72, 0x7E,
        ];
        code.extend([0x21, FIN_TEXT as u8, (FIN_TEXT >> 8) as u8]);
        code.extend([0xCD, 0x6C, 0x0E, 0x22, 0x70, 0x7E, 0xAF, 0x32, 0x72, 0x7E]);
        code[8] = (code.len() - 9) as u8;
        code.extend([0x76, 0xC1, 0xD1, 0xE1, 0xC9]);
        self.m.load(USR_AT, &code);
        // Leave the first stop (the plain HALT) by the new routine's RET.
        self.m.cpu_mut().regs.pc = USR_AT + code.len() as u16 - 1;
    }

    /// FIN on `text` (after `use_fin`): the outcome and how far HL moved.
    pub fn fin_text(&mut self, text: &[u8]) -> (Outcome, i32) {
        let mut b = text.to_vec();
        b.push(0);
        self.m.load(FIN_TEXT, &b);
        self.m.load(FIN_CELLS, &[0, 0, 0]);
        let d = [1, FIN_TEXT as u8, (FIN_TEXT >> 8) as u8];
        let o = self.eval(&[&d]);
        let hl = word(&self.m, FIN_CELLS) as i32 - FIN_TEXT as i32;
        self.m.load(FIN_CELLS, &[0, 0, 0]);
        (o, hl)
    }
}

impl Level2 {
    /// Make the USR routine call `addr` (a published Level II entry) on the
    /// accumulator USR received, or do nothing in as many bytes (`None`:
    /// three NOPs, 12 T-states), then stop. Call right after `start`.
    pub fn use_call(&mut self, addr: Option<u16>) {
        let call = match addr {
            Some(a) => [0xCD, a as u8, (a >> 8) as u8],
            None => [0, 0, 0],
        };
        let mut code = vec![0xE5, 0xD5, 0xC5];
        code.extend(call);
        code.extend([0x76, 0xC1, 0xD1, 0xE1, 0xC9]);
        self.m.load(USR_AT, &code);
        self.m.cpu_mut().regs.pc = USR_AT + code.len() as u16 - 1;
    }
}
