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

    pub(super) fn disassemble(bytes: &[u8], _addr: u16, _syms: &Symbols) -> (String, usize) {
        (format!("DEFB {:02X}H", bytes[0]), 1)
    }

    pub(super) fn assemble(
        _line: &str,
        _addr: u16,
        _syms: &Symbols,
    ) -> Result<Vec<u8>, AsmFailure> {
        Err(AsmFailure {
            col: 1,
            msg: "the assembler is not wired in yet".into(),
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
            [a, b] => {
                let start = address(a, &self.symbols)?;
                // A small plain decimal number is a line count; anything else is an end address.
                if b.len() <= 3 && b.chars().all(|c| c.is_ascii_digit()) {
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
            return Ok(if n == 0 {
                "end of assembly; nothing stored".into()
            } else {
                format!(
                    "end of assembly: {n} bytes at {:04X}H-{:04X}H",
                    self.asm_start,
                    at.wrapping_sub(1)
                )
            });
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
        if let Some(l) = &label {
            syms.insert(l.clone(), at);
        }
        if body.is_empty() || body.starts_with(';') {
            // Label only.
            if let Some(l) = label {
                self.symbols = syms;
                return Ok(format!("{l} = {at:04X}H"));
            }
            return Ok(String::new());
        }
        let bytes = asm_one(&text, at, &syms).map_err(|f| {
            MonitorError(format!(
                "{}\n{}^ column {}: {}",
                line.trim_end(),
                " ".repeat(f.col.saturating_sub(1)),
                f.col,
                f.msg
            ))
        })?;
        if bytes.is_empty() {
            if let Some(l) = label {
                self.symbols = syms;
                return Ok(format!("{l} = {at:04X}H"));
            }
            return Ok(String::new());
        }
        check_writable(m, at, bytes.len())?;
        m.load(at, &bytes);
        self.symbols = syms;
        let next = at.wrapping_add(bytes.len() as u16);
        self.asm_at = Some(next);
        let (dis, len) = dis_one(&bytes, at, &self.symbols);
        let shown = if len == bytes.len() {
            dis
        } else {
            body.to_ascii_uppercase()
        };
        let mut out = String::new();
        if let Some(l) = label {
            out.push_str(&format!("{l}:\n"));
        }
        out.push_str(&listing(at, &bytes, &shown));
        Ok(out)
    }
}
