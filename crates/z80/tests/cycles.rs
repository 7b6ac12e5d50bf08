//! Bus-cycle sequence of every opcode, checked against `tests/data/cycles.txt`.
//!
//! The table (written from the Zilog Z80 CPU User Manual, UM0080) gives for every
//! opcode of every prefix the bus cycles an instruction performs, in order, with
//! their lengths. This test runs each instruction once on a recording [`Bus`] and
//! compares the calls the CPU actually made: their kind, and their length taken
//! from the T-state of the next call (or the final `cpu.t` for the last one).
//! `internal` calls are merged when adjacent; an `internal(t, n)` whose `n`
//! disagrees with the time that really passed is reported too.
//!
//! All mismatches are collected and reported at once.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use z80::{Bus, Cpu, Model, Signals};

/// One bus call as recorded: kind, T-state of T1, and `n` for `internal`.
#[derive(Clone, Debug)]
struct Call {
    kind: &'static str,
    t: u64,
    n: u32,
}

/// 64 KiB of RAM that records every bus call.
struct Recorder {
    mem: Vec<u8>,
    calls: Vec<Call>,
    /// What `poll` reports (the interrupt entries assert INT or NMI).
    signals: Signals,
    /// Bytes the interrupting device drives, one per `int_ack` call.
    ack_bytes: Vec<u8>,
}

impl Recorder {
    fn push(&mut self, kind: &'static str, t: u64, n: u32) {
        self.calls.push(Call { kind, t, n });
    }
}

impl Bus for Recorder {
    fn fetch_opcode(&mut self, addr: u16, t: u64) -> u8 {
        self.push("M1", t, 0);
        self.mem[addr as usize]
    }
    fn mem_read(&mut self, addr: u16, t: u64) -> u8 {
        self.push("MR", t, 0);
        self.mem[addr as usize]
    }
    fn mem_write(&mut self, addr: u16, value: u8, t: u64) {
        self.push("MW", t, 0);
        self.mem[addr as usize] = value;
    }
    fn io_read(&mut self, _port: u16, t: u64) -> u8 {
        self.push("IOR", t, 0);
        0x5A
    }
    fn io_write(&mut self, _port: u16, _value: u8, t: u64) {
        self.push("IOW", t, 0);
    }
    fn int_ack(&mut self, t: u64) -> u8 {
        self.push("INTA", t, 0);
        if self.ack_bytes.is_empty() {
            0xFF
        } else {
            self.ack_bytes.remove(0)
        }
    }
    fn internal(&mut self, t: u64, n: u32) {
        self.push("IN", t, n);
    }
    fn poll(&mut self, _t: u64, _pc: u16) -> Signals {
        self.signals
    }
    fn peek(&self, addr: u16) -> u8 {
        self.mem[addr as usize]
    }
}

/// One line of the table.
struct Entry {
    line: usize,
    prefix: String,
    op: u8,
    variant: String,
    mnemonic: String,
    /// `None` for prefix bytes whose opcodes have their own table.
    seq: Option<Vec<(String, u64)>>,
}

fn parse_table(text: &str) -> Result<Vec<Entry>, String> {
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let bad = || format!("cycles.txt:{}: cannot parse {raw:?}", i + 1);
        let fields: Vec<&str> = line.split('|').map(str::trim).collect();
        if fields.len() != 3 {
            return Err(bad());
        }
        let head: Vec<&str> = fields[0].split_whitespace().collect();
        if head.len() != 3 {
            return Err(bad());
        }
        let op = u8::from_str_radix(head[1], 16).map_err(|_| bad())?;
        let seq = if fields[2] == "-" {
            None
        } else {
            let mut s = Vec::new();
            for item in fields[2].split(',') {
                let mut it = item.split_whitespace();
                let (Some(kind), Some(n), None) = (it.next(), it.next(), it.next()) else {
                    return Err(bad());
                };
                let n: u64 = n.parse().map_err(|_| bad())?;
                if !["M1", "MR", "MW", "IOR", "IOW", "INTA", "IN"].contains(&kind) {
                    return Err(bad());
                }
                s.push((kind.to_string(), n));
            }
            Some(s)
        };
        out.push(Entry {
            line: i + 1,
            prefix: head[0].to_string(),
            op,
            variant: head[2].to_string(),
            mnemonic: fields[1].to_string(),
            seq,
        });
    }
    Ok(out)
}

const START: u16 = 0x1000;
const T0: u64 = 1000;
const HL: u16 = 0x3000;
const DISP: u8 = 0x10;
const SP: u16 = 0x6000;

/// The instruction bytes for a table entry: prefix, opcode and operands, the
/// operand count read off the mnemonic's placeholders.
fn instruction_bytes(e: &Entry) -> Vec<u8> {
    let mut b: Vec<u8> = match e.prefix.as_str() {
        "--" => vec![],
        "CB" => vec![0xCB],
        "ED" => vec![0xED],
        "DD" => vec![0xDD],
        "FD" => vec![0xFD],
        "DDCB" => return vec![0xDD, 0xCB, DISP, e.op],
        "FDCB" => return vec![0xFD, 0xCB, DISP, e.op],
        other => panic!("unknown prefix {other}"),
    };
    b.push(e.op);
    if (e.prefix == "DD" || e.prefix == "FD") && matches!(e.op, 0xDD | 0xFD | 0xED) {
        b.push(0x00);
        return b;
    }
    if e.mnemonic.contains("+d)") {
        b.push(DISP);
    }
    let rest = e.mnemonic.replace("+d)", ")");
    let words: Vec<&str> = rest
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if words.contains(&"nn") {
        // 4000H: outside the code, the stack and the (HL) area
        b.extend_from_slice(&[0x00, 0x40]);
    } else if words.contains(&"n") {
        b.push(0x40);
    } else if words.contains(&"e") {
        b.push(0x40); // jumps forward, out of the instruction
    }
    b
}

/// Flag mask and required state making condition `cc` (0..8) true.
fn condition(cc: u8) -> (u8, bool) {
    const Z: u8 = 0x40;
    const C: u8 = 0x01;
    const P: u8 = 0x04;
    const S: u8 = 0x80;
    [
        (Z, false),
        (Z, true),
        (C, false),
        (C, true),
        (P, false),
        (P, true),
        (S, false),
        (S, true),
    ][cc as usize]
}

/// Sets up the CPU and memory for an entry; returns an error text when the
/// variant does not fit the opcode.
fn prepare(e: &Entry, cpu: &mut Cpu, bus: &mut Recorder) -> Result<(), String> {
    let r = &mut cpu.regs;
    r.pc = START;
    r.sp = SP;
    r.hl = HL;
    r.de = 0x3800;
    r.bc = 0x0404;
    r.ix = HL;
    r.iy = HL;
    r.af = 0xFF00;
    r.i = 0x50;
    cpu.t = T0;
    let taken = match e.variant.as_str() {
        "-" => None,
        "taken" => Some(true),
        "not" => Some(false),
        "repeat" | "last" => {
            let block = e.prefix == "ED" && (e.op & 0xF4) == 0xB0;
            if !block {
                return Err("repeat/last variant on a non-repeating opcode".into());
            }
            let repeat = e.variant == "repeat";
            cpu.regs.bc = match (e.op & 2 == 0, repeat) {
                // LDIR/CPIR count BC; A (FFH) never equals (HL) (00H)
                (true, true) => 0x0002,
                (true, false) => 0x0001,
                // INIR/OTIR count B
                (false, true) => 0x0204,
                (false, false) => 0x0104,
            };
            return Ok(());
        }
        v => return Err(format!("unknown variant {v}")),
    };
    let Some(taken) = taken else { return Ok(()) };
    let plain = matches!(e.prefix.as_str(), "--" | "DD" | "FD");
    let (op, y) = (e.op, (e.op >> 3) & 7);
    if plain && op == 0x10 {
        cpu.regs.bc = if taken { 0x0204 } else { 0x0104 };
    } else if plain && (op & 0xE7) == 0x20 {
        set_condition(cpu, y - 4, taken);
    } else if plain && matches!(op & 0xC7, 0xC0 | 0xC2 | 0xC4) {
        set_condition(cpu, y, taken);
    } else {
        return Err("taken/not variant on an unconditional opcode".into());
    }
    let _ = bus;
    Ok(())
}

fn set_condition(cpu: &mut Cpu, cc: u8, taken: bool) {
    let (mask, when_set) = condition(cc);
    let set = when_set == taken;
    let f = if set { mask } else { 0 };
    cpu.regs.af = (cpu.regs.af & 0xFF00) | f as u16;
}

/// Runs the instruction(s) of one entry and returns the recorded calls, or an
/// error describing a timing inconsistency in the calls themselves.
fn run_entry(e: &Entry) -> Result<Vec<(String, u64)>, String> {
    let mut cpu = Cpu::new(Model::Nmos);
    let mut bus = Recorder {
        mem: vec![0; 0x10000],
        calls: Vec::new(),
        signals: Signals::NONE,
        ack_bytes: Vec::new(),
    };
    let end;
    if e.prefix == "INT" {
        prepare(e, &mut cpu, &mut bus)?;
        // an interrupt taken before the NOP at START
        end = START + 1;
        match e.op {
            0 => bus.signals = Signals::NMI,
            1..=4 => {
                bus.signals = Signals::INT;
                cpu.regs.iff1 = true;
                cpu.regs.iff2 = true;
                cpu.regs.im = match e.op {
                    1 | 2 => 0,
                    3 => 1,
                    _ => 2,
                };
                if e.op == 2 {
                    bus.ack_bytes = vec![0xCD, 0x00, 0x40]; // CALL 4000H
                } else if e.op == 4 {
                    bus.ack_bytes = vec![0xFE]; // vector at 50FEH
                }
            }
            _ => return Err("unknown interrupt entry".into()),
        }
    } else {
        let bytes = instruction_bytes(e);
        bus.mem[START as usize..START as usize + bytes.len()].copy_from_slice(&bytes);
        prepare(e, &mut cpu, &mut bus)?;
        end = START + bytes.len() as u16;
    }
    // Step until the PC leaves the instruction: a CPU may treat a chain of
    // DD/FD prefixes as several steps. Repeats and jumps land outside (START, end).
    for _ in 0..4 {
        cpu.step(&mut bus);
        let pc = cpu.regs.pc;
        if cpu.halted || pc <= START || pc >= end {
            break;
        }
    }
    let calls = &bus.calls;
    if calls.is_empty() {
        return Err("no bus calls at all".into());
    }
    if calls[0].t != T0 {
        return Err(format!(
            "first bus call at T {} but the instruction began at T {T0}",
            calls[0].t
        ));
    }
    let mut seq: Vec<(String, u64)> = Vec::new();
    for (i, c) in calls.iter().enumerate() {
        let next = calls.get(i + 1).map_or(cpu.t, |n| n.t);
        if next < c.t {
            return Err(format!(
                "T-state went backwards after call {i} ({})",
                c.kind
            ));
        }
        let len = next - c.t;
        if c.kind == "IN" && u64::from(c.n) != len {
            return Err(format!(
                "internal(t, {}) at call {i} but {len} T-states passed before the next call",
                c.n
            ));
        }
        match seq.last_mut() {
            Some(last) if c.kind == "IN" && last.0 == "IN" => last.1 += len,
            _ if c.kind == "IN" && len == 0 => {}
            _ => seq.push((c.kind.to_string(), len)),
        }
    }
    Ok(seq)
}

fn show(seq: &[(String, u64)]) -> String {
    seq.iter()
        .map(|(k, n)| format!("{k} {n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[test]
fn every_opcode_matches_the_cycle_table() {
    let text = include_str!("data/cycles.txt");
    let entries = parse_table(text).unwrap_or_else(|e| panic!("{e}"));

    // Coverage: every opcode of every prefix has at least one entry.
    let mut report = String::new();
    let mut seen: BTreeMap<(&str, u8), usize> = BTreeMap::new();
    for e in &entries {
        *seen.entry((e.prefix.as_str(), e.op)).or_default() += 1;
    }
    for prefix in ["--", "CB", "ED", "DD", "FD", "DDCB", "FDCB"] {
        for op in 0..=255u8 {
            if !seen.contains_key(&(prefix, op)) {
                writeln!(report, "table has no entry for {prefix} {op:02X}").unwrap();
            }
        }
    }
    for op in 0..5u8 {
        if !seen.contains_key(&("INT", op)) {
            writeln!(report, "table has no entry for INT {op:02X}").unwrap();
        }
    }

    let mut checked = 0;
    let mut mismatches = 0;
    for e in &entries {
        let Some(expected) = &e.seq else { continue };
        checked += 1;
        let head = format!(
            "line {}: {} {:02X} {} ({})",
            e.line, e.prefix, e.op, e.variant, e.mnemonic
        );
        match run_entry(e) {
            Err(msg) => {
                mismatches += 1;
                writeln!(report, "{head}: {msg}").unwrap();
            }
            Ok(actual) if &actual != expected => {
                mismatches += 1;
                writeln!(
                    report,
                    "{head}:\n    table: {}\n    core:  {}",
                    show(expected),
                    show(&actual)
                )
                .unwrap();
            }
            Ok(_) => {}
        }
    }
    assert!(checked > 1800, "only {checked} table entries checked");
    assert!(
        report.is_empty(),
        "{mismatches} of {checked} entries differ from the cycle table:\n{report}"
    );
    println!("{checked} table entries match");
}
