//! Code commands: `u` (disassemble) and `a` (the line assembler).

use super::help::Cmd;
use super::memory::check_writable;
use super::number::{self, address, Symbols};
use super::{usage, valid_label, Monitor, MonitorError, Reply};
use crate::Machine;

/// Most lines one `u` lists.
const MAX_DIS_LINES: usize = 2000;

/// A failed assembly: the 1-based column and what went wrong.
pub(super) struct AsmFailure {
    pub col: usize,
    pub msg: String,
}

/// One instruction disassembled at `addr`: text and length.
fn dis_one(bytes: &[u8], addr: u16, syms: &Symbols) -> (String, usize) {
    adapter::disassemble(bytes, addr, syms)
}

/// One line assembled at `addr`.
fn asm_one(line: &str, addr: u16, syms: &Symbols) -> Result<Vec<u8>, AsmFailure> {
    adapter::assemble(line, addr, syms)
}

/// The bridge to the z80asm crate.
mod adapter {
    use super::{AsmFailure, Symbols};

    fn table(syms: &Symbols) -> z80asm::SymbolTable {
        let mut t = z80asm::SymbolTable::new();
        for (n, v) in syms {
            t.insert(n, *v);
        }
        t
    }

    pub(super) fn disassemble(bytes: &[u8], addr: u16, syms: &Symbols) -> (String, usize) {
        let t = table(syms);
        let d = z80asm::disassemble(bytes, addr, Some(&t));
        (d.text, d.len.max(1))
    }

    pub(super) fn assemble(line: &str, addr: u16, syms: &Symbols) -> Result<Vec<u8>, AsmFailure> {
        let t = table(syms);
        z80asm::assemble_line(line, addr, &t).map_err(|e| AsmFailure {
            col: e.column,
            msg: e.message,
        })
    }
}

/// `7000  3E 41        LD A,41H` for a stored instruction.
fn listing(addr: u16, bytes: &[u8], text: &str) -> String {
    let hex: Vec<String> = bytes.iter().map(|b| format!("{b:02X}")).collect();
    format!("{addr:04X}  {:<12} {text}", hex.join(" "))
}

impl Monitor {
    /// The listing line of the instruction at `addr` and its length.
    pub(super) fn dis_line(&self, m: &Machine, addr: u16) -> (String, u16) {
        let bytes: Vec<u8> = (0..4).map(|i| m.peek(addr.wrapping_add(i))).collect();
        let (text, len) = dis_one(&bytes, addr, &self.symbols);
        (listing(addr, &bytes[..len.min(4)], &text), len as u16)
    }

    pub(super) fn disassemble(&mut self, m: &mut Machine, args: &[String]) -> Reply {
        let (start, end, count) = match args {
            [] => (self.next_dis, None, 16),
            [a] => (address(a, &self.symbols)?, None, 16),
            [a, b] if b.starts_with(['L', 'l']) => {
                // `u START LLEN`, the length as `d` reads it.
                let (start, end) = super::memory::range(a, b, &self.symbols)?;
                (start, Some(end), MAX_DIS_LINES)
            }
            [a, b] => {
                let start = address(a, &self.symbols)?;
                // A line count is `#N` or `N.` (decimal), or a plain number of up to 3
                // digits that cannot be an end address (read as one it lies before START);
                // a plain number that could be either is refused, naming both.
                let small = b.len() <= 3 && b.chars().all(|c| c.is_ascii_digit());
                let marked = b.starts_with('#') || (b.len() > 1 && b.ends_with('.'));
                if small {
                    let as_end = address(b, &self.symbols)?;
                    if as_end >= start {
                        return Err(format!(
                            "{b} could be a line count or the end address {as_end:04X}H: \
                             u {a} #{b} lists {b} lines, u {a} 0{b} ends at {as_end:04X}H"
                        )
                        .into());
                    }
                }
                if small || marked {
                    let n = number::count(b, "the line count", 999, &self.symbols)?;
                    if n == 0 {
                        return Err("the line count must be at least 1".into());
                    }
                    (start, None, n as usize)
                } else {
                    let end = address(b, &self.symbols)?;
                    if end < start {
                        return Err(
                            format!("the end {end:04X}H is before the start {start:04X}H").into(),
                        );
                    }
                    (start, Some(end), MAX_DIS_LINES)
                }
            }
            _ => return Err(usage(Cmd::Disassemble)),
        };
        let by_addr: std::collections::BTreeMap<u16, &String> =
            self.symbols.iter().map(|(n, v)| (*v, n)).collect();
        let mut out = Vec::new();
        let mut a = start as u32;
        let mut lines = 0;
        while lines < count && a <= 0xFFFF {
            if let Some(e) = end {
                if a > e as u32 {
                    break;
                }
            }
            if let Some(name) = by_addr.get(&(a as u16)) {
                out.push(format!("{name}:"));
            }
            let (line, len) = self.dis_line(m, a as u16);
            out.push(line);
            a += len as u32;
            lines += 1;
        }
        self.next_dis = a as u16;
        Ok(out.join("\n"))
    }

    pub(super) fn start_assemble(&mut self, m: &mut Machine, args: &[String]) -> Reply {
        let at = match args {
            [] => m.cpu().regs.pc,
            [a] => address(a, &self.symbols)?,
            _ => return Err(usage(Cmd::Assemble)),
        };
        self.asm_at = Some(at);
        self.asm_start = at;
        Ok(format!(
            "assembling at {at:04X}H: one instruction a line, LABEL: allowed; `.` or an empty line ends"
        ))
    }

    /// One line in assemble mode.
    pub(super) fn assemble_line(&mut self, m: &mut Machine, line: &str) -> Reply {
        let at = self.asm_at.expect("assemble mode");
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed == "." {
            self.asm_at = None;
            self.next_dis = self.asm_start;
            let n = at.wrapping_sub(self.asm_start);
            let mut msg = if n == 0 {
                "end of assembly; nothing stored".to_string()
            } else {
                format!(
                    "end of assembly: {n} bytes at {:04X}H-{:04X}H",
                    self.asm_start,
                    at.wrapping_sub(1)
                )
            };
            let pending = self.pending_fixups();
            if !pending.is_empty() {
                msg.push_str("\nstill waiting for labels (define them with `a` or `sym`):");
                for p in pending {
                    msg.push_str("\n  ");
                    msg.push_str(&p);
                }
            }
            return Ok(msg);
        }
        // Split off "LABEL:"; blank it in the text so error columns still match what was typed.
        let mut text = line.to_string();
        let mut label = None;
        if let Some(colon) = line.find(':') {
            let head = line[..colon].trim();
            if !head.is_empty() && !head.contains(['"', '\'', ' ', '\t', ';']) {
                let up = head.to_ascii_uppercase();
                if !valid_label(&up) {
                    return Err(format!(
                        "column 1: expected a label (letter, then letters, digits or _) before `:`, found `{head}`"
                    )
                    .into());
                }
                label = Some(up);
                text = format!("{}{}", " ".repeat(colon + 1), &line[colon + 1..]);
            }
        }
        // ORG moves the assembly address.
        let body = text.trim();
        let mut words = body.splitn(2, char::is_whitespace);
        if words.next().is_some_and(|w| w.eq_ignore_ascii_case("org")) {
            let arg = words.next().unwrap_or("").trim();
            let to = address(arg, &self.symbols).map_err(|e| MonitorError(format!("ORG: {e}")))?;
            if let Some(l) = label {
                self.symbols.insert(l, to);
            }
            self.asm_at = Some(to);
            self.asm_start = to;
            return Ok(format!("{to:04X}"));
        }
        let mut syms = self.symbols.clone();
        let redefined = label.as_ref().and_then(|l| {
            self.symbols
                .get(l)
                .filter(|&&v| v != at)
                .map(|v| (l.clone(), *v))
        });
        if let Some(l) = &label {
            syms.insert(l.clone(), at);
        }
        let mut out = String::new();
        if let Some((l, old)) = redefined {
            out.push_str(&format!("({l} was {old:04X}H)\n"));
        }
        if let Some(l) = &label {
            out.push_str(&format!("{l}:\n"));
        }
        if body.is_empty() || body.starts_with(';') {
            // A label on its own.
            if label.is_some() {
                let fixed = self.resolve_fixups(m, &syms);
                self.symbols = syms;
                out.push_str(&fixed);
            }
            return Ok(out.trim_end().to_string());
        }
        // Assemble; names not defined yet are forward references: assemble them
        // as the current address to learn the length, and fix the bytes up
        // when the label appears.
        let mut forward: Vec<String> = Vec::new();
        let bytes = loop {
            match asm_one(&text, at, &syms) {
                Ok(b) => break b,
                Err(f) => {
                    if let Some(name) = undefined_name(&f.msg) {
                        if forward.len() < 8 && !forward.contains(&name) && valid_label(&name) {
                            syms.insert(name.clone(), at);
                            forward.push(name);
                            continue;
                        }
                    }
                    let pad: String = line
                        .chars()
                        .take(f.col.saturating_sub(1))
                        .map(|c| if c == '\t' { '\t' } else { ' ' })
                        .collect();
                    return Err(MonitorError(format!(
                        "column {}: {}\n    {}\n    {pad}^",
                        f.col,
                        f.msg,
                        line.trim_end()
                    )));
                }
            }
        };
        if bytes.is_empty() {
            // e.g. DS without a fill value: space reserved, nothing written.
            for f in &forward {
                syms.remove(f);
            }
            let fixed = self.resolve_fixups(m, &syms);
            self.symbols = syms;
            out.push_str(&fixed);
            return Ok(out.trim_end().to_string());
        }
        check_writable(m, at, bytes.len())?;
        m.load(at, &bytes);
        for f in &forward {
            syms.remove(f);
        }
        if !forward.is_empty() {
            self.fixups.push(Fixup {
                addr: at,
                text: text.clone(),
                len: bytes.len(),
                names: forward.clone(),
            });
        }
        let fixed = if label.is_some() {
            self.resolve_fixups(m, &syms)
        } else {
            String::new()
        };
        self.symbols = syms;
        let next = at.wrapping_add(bytes.len() as u16);
        self.asm_at = Some(next);
        let (dis, len) = dis_one(&bytes, at, &self.symbols);
        let shown = if !forward.is_empty() || len != bytes.len() {
            body.to_ascii_uppercase()
        } else {
            dis
        };
        out.push_str(&listing(at, &bytes, &shown));
        if !forward.is_empty() {
            out.push_str(&format!(
                "   ; {} not defined yet: fixed up when it is",
                forward.join(", ")
            ));
        }
        if !fixed.is_empty() {
            out.push('\n');
            out.push_str(fixed.trim_end());
        }
        Ok(out)
    }

    /// Re-assembles the lines that wait for labels now defined in `syms` and
    /// stores their final bytes. Returns one listing line per fixed line.
    pub(super) fn resolve_fixups(&mut self, m: &mut Machine, syms: &Symbols) -> String {
        let mut out = String::new();
        let mut keep = Vec::new();
        for f in std::mem::take(&mut self.fixups) {
            if !f.names.iter().all(|n| syms.contains_key(n)) {
                keep.push(f);
                continue;
            }
            match asm_one(&f.text, f.addr, syms) {
                Ok(b) if b.len() == f.len => {
                    m.load(f.addr, &b);
                    let (dis, _) = dis_one(&b, f.addr, syms);
                    out.push_str(&format!("{}   ; fixed up\n", listing(f.addr, &b, &dis)));
                }
                Ok(_) => out.push_str(&format!(
                    "{:04X}  {}   ; cannot fix up: the instruction changed length\n",
                    f.addr,
                    f.text.trim()
                )),
                Err(e) => out.push_str(&format!(
                    "{:04X}  {}   ; cannot fix up: {}\n",
                    f.addr,
                    f.text.trim(),
                    e.msg
                )),
            }
        }
        self.fixups = keep;
        out
    }

    /// Forward references still waiting for their labels.
    pub(super) fn pending_fixups(&self) -> Vec<String> {
        self.fixups
            .iter()
            .map(|f| {
                format!(
                    "{:04X}  {}  (needs {})",
                    f.addr,
                    f.text.trim(),
                    f.names.join(", ")
                )
            })
            .collect()
    }
}

/// A line stored with placeholder values for labels not defined yet.
#[derive(Clone, Debug)]
pub(super) struct Fixup {
    addr: u16,
    text: String,
    len: usize,
    names: Vec<String>,
}

/// The symbol name in an assembler "undefined symbol `NAME`" message.
fn undefined_name(msg: &str) -> Option<String> {
    let rest = msg.strip_prefix("undefined symbol `")?;
    let name = rest.split('`').next()?;
    Some(name.to_ascii_uppercase())
}
