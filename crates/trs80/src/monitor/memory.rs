//! Memory commands: dump, enter, peek, fill, move, compare, search, load,
//! save and the BASIC loader.

use super::help::Cmd;
use super::loader::{basic_loader, Hook, LoaderOptions};
use super::number::{self, address, byte_list, Symbols};
use super::{usage, Monitor, MonitorError, Reply};
use crate::formats::cmd;
use crate::Machine;

/// First byte of video RAM.
const VIDEO_START: u16 = 0x3C00;
/// First byte of main RAM.
const RAM_START: u16 = 0x4000;
/// Most differences `c` lists: one screenful (16 lines) with the count line.
const MAX_LISTED: usize = 15;
/// `s` shows at most one screenful (16 lines) of matches ...
const SEARCH_LINES: usize = 16;
/// ... 8 addresses a line.
const SEARCH_PER_LINE: usize = 8;

/// True when a POKE at `addr` lands in video RAM or fitted RAM.
pub(super) fn writable(m: &Machine, addr: u16) -> bool {
    addr >= VIDEO_START && addr <= m.ram_top().max(RAM_START - 1)
}

/// Checks that `len` bytes from `start` all land in RAM, without wrapping past FFFFH.
pub(super) fn check_writable(m: &Machine, start: u16, len: usize) -> Result<(), MonitorError> {
    if len == 0 {
        return Ok(());
    }
    let end = start as usize + len - 1;
    if end > 0xFFFF {
        return Err(
            format!("{start:04X}H + {len} bytes runs past FFFFH; nothing was written").into(),
        );
    }
    let top = m.ram_top();
    for a in [start as usize, end] {
        if !writable(m, a as u16) {
            return Err(format!(
                "{a:04X}H is not RAM (video 3C00H-3FFFH, RAM 4000H-{top:04X}H); nothing was written"
            )
            .into());
        }
    }
    Ok(())
}

/// Parses `START END` or `START LLEN` into an inclusive range.
pub(super) fn range(a: &str, b: &str, syms: &Symbols) -> Result<(u16, u16), MonitorError> {
    let start = address(a, syms)?;
    let end = if let Some(len) = b.strip_prefix(['L', 'l']).filter(|l| !l.is_empty()) {
        let n = number::eval(len, syms)?;
        if n < 1 || start as i64 + n - 1 > 0xFFFF {
            return Err(format!("{b}: the length must be 1.. and stay below 10000H").into());
        }
        (start as i64 + n - 1) as u16
    } else {
        address(b, syms)?
    };
    if end < start {
        return Err(format!("the end {end:04X}H is before the start {start:04X}H").into());
    }
    Ok((start, end))
}

fn read(m: &Machine, start: u16, len: usize) -> Vec<u8> {
    (0..len)
        .map(|i| m.peek(start.wrapping_add(i as u16)))
        .collect()
}

fn hex(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The dump lines for an inclusive range, 16 bytes a line.
pub(super) fn dump_lines(m: &Machine, start: u16, end: u16) -> String {
    let mut out = Vec::new();
    let mut a = start as usize;
    while a <= end as usize {
        let n = (end as usize - a + 1).min(16);
        let bytes = read(m, a as u16, n);
        let mut h = String::new();
        for i in 0..16 {
            if i == 8 {
                h.push(' ');
            }
            match bytes.get(i) {
                Some(b) => h.push_str(&format!("{b:02X} ")),
                None => h.push_str("   "),
            }
        }
        let ascii: String = bytes
            .iter()
            .map(|&b| {
                if (0x20..0x7F).contains(&b) {
                    b as char
                } else {
                    '.'
                }
            })
            .collect();
        out.push(format!("{a:04X}  {h} {ascii}"));
        a += 16;
    }
    out.join("\n")
}

fn is_cmd_name(name: &str) -> bool {
    let l = name.to_ascii_lowercase();
    l.ends_with("/cmd") || l.ends_with(".cmd")
}

impl Monitor {
    pub(super) fn dump(&mut self, m: &mut Machine, args: &[String]) -> Reply {
        let (start, end) = match args {
            [] => (self.next_dump, self.next_dump.saturating_add(0x7F)),
            [a] => {
                let s = address(a, &self.symbols)?;
                (s, s.saturating_add(0x7F))
            }
            [a, b] => range(a, b, &self.symbols)?,
            _ => return Err(usage(Cmd::Dump)),
        };
        self.next_dump = end.wrapping_add(1);
        Ok(dump_lines(m, start, end))
    }

    pub(super) fn enter(&mut self, m: &mut Machine, args: &[String]) -> Reply {
        if args.len() < 2 {
            return Err(usage(Cmd::Enter));
        }
        let start = address(&args[0], &self.symbols)?;
        let bytes = byte_list(&args[1..], &self.symbols)?;
        check_writable(m, start, bytes.len())?;
        m.load(start, &bytes);
        let end = start as usize + bytes.len() - 1;
        Ok(format!(
            "{start:04X}H-{end:04X}H ({start}-{end}): {} byte{} stored",
            bytes.len(),
            if bytes.len() == 1 { "" } else { "s" }
        ))
    }

    pub(super) fn peek(&mut self, m: &mut Machine, args: &[String]) -> Reply {
        let [a] = args else {
            return Err(usage(Cmd::Peek));
        };
        let a = address(a, &self.symbols)?;
        let b = m.peek(a);
        let w = u16::from_le_bytes([b, m.peek(a.wrapping_add(1))]);
        Ok(format!(
            "{a:04X}H ({a}): byte {b:02X}H ({b})  word {w:04X}H ({w})"
        ))
    }

    pub(super) fn fill(&mut self, m: &mut Machine, args: &[String]) -> Reply {
        if args.len() < 3 {
            return Err(usage(Cmd::Fill));
        }
        let (start, end) = range(&args[0], &args[1], &self.symbols)?;
        let pattern = byte_list(&args[2..], &self.symbols)?;
        let len = end as usize - start as usize + 1;
        check_writable(m, start, len)?;
        let bytes: Vec<u8> = pattern.iter().copied().cycle().take(len).collect();
        m.load(start, &bytes);
        Ok(format!("{start:04X}H-{end:04X}H filled ({len} bytes)"))
    }

    pub(super) fn move_(&mut self, m: &mut Machine, args: &[String]) -> Reply {
        let [a, b, d] = args else {
            return Err(usage(Cmd::Move));
        };
        let (start, end) = range(a, b, &self.symbols)?;
        let dest = address(d, &self.symbols)?;
        let len = end as usize - start as usize + 1;
        check_writable(m, dest, len)?;
        let bytes = read(m, start, len);
        m.load(dest, &bytes);
        Ok(format!(
            "{start:04X}H-{end:04X}H copied to {dest:04X}H-{:04X}H",
            dest as usize + len - 1
        ))
    }

    pub(super) fn compare(&mut self, m: &mut Machine, args: &[String]) -> Reply {
        let [a, b, d] = args else {
            return Err(usage(Cmd::Compare));
        };
        let (start, end) = range(a, b, &self.symbols)?;
        let dest = address(d, &self.symbols)?;
        let len = end as usize - start as usize + 1;
        if dest as usize + len - 1 > 0xFFFF {
            return Err(format!("{dest:04X}H + {len} bytes runs past FFFFH").into());
        }
        let x = read(m, start, len);
        let y = read(m, dest, len);
        let diffs: Vec<usize> = (0..len).filter(|&i| x[i] != y[i]).collect();
        if diffs.is_empty() {
            return Ok(format!("{len} bytes are the same"));
        }
        let mut out: Vec<String> = diffs
            .iter()
            .take(MAX_LISTED)
            .map(|&i| {
                format!(
                    "{:04X}  {:02X}  {:04X}  {:02X}",
                    start as usize + i,
                    x[i],
                    dest as usize + i,
                    y[i]
                )
            })
            .collect();
        if diffs.len() > MAX_LISTED {
            out.push(format!(
                "{} of {len} bytes differ, first {MAX_LISTED} shown",
                diffs.len()
            ));
        } else {
            out.push(format!("{} of {len} bytes differ", diffs.len()));
        }
        Ok(out.join("\n"))
    }

    pub(super) fn search(&mut self, m: &mut Machine, args: &[String]) -> Reply {
        if args.len() < 3 {
            return Err(usage(Cmd::Search));
        }
        let (start, end) = range(&args[0], &args[1], &self.symbols)?;
        let pat = byte_list(&args[2..], &self.symbols)?;
        let len = end as usize - start as usize + 1;
        let hay = read(m, start, len);
        let hits: Vec<usize> = if pat.len() > len {
            Vec::new()
        } else {
            (0..=len - pat.len())
                .filter(|&i| hay[i..i + pat.len()] == pat[..])
                .collect()
        };
        if hits.is_empty() {
            return Ok(format!(
                "{} not found in {start:04X}H-{end:04X}H",
                hex(&pat)
            ));
        }
        // One screenful: at most 16 lines of 8 addresses, then the count of all matches.
        let shown = hits.len().min(SEARCH_LINES * SEARCH_PER_LINE);
        let mut out: Vec<String> = hits[..shown]
            .chunks(SEARCH_PER_LINE)
            .map(|c| {
                c.iter()
                    .map(|&i| format!("{:04X}", start as usize + i))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        if shown < hits.len() {
            out.push(format!("{} found, first {shown} shown", hits.len()));
        } else {
            out.push(format!("{} found", hits.len()));
        }
        Ok(out.join("\n"))
    }

    pub(super) fn basic(&mut self, m: &mut Machine, args: &[String]) -> Reply {
        if args.len() < 2 {
            return Err(usage(Cmd::Basic));
        }
        let (start, end) = range(&args[0], &args[1], &self.symbols)?;
        let mut opts = LoaderOptions {
            first_line: 10,
            step: 10,
            hook: Hook::Usr,
            entry: start,
        };
        let mut numbers = 0;
        let mut type_it = false;
        let mut i = 2;
        while i < args.len() {
            let a = args[i].to_ascii_lowercase();
            match a.as_str() {
                "usr" => opts.hook = Hook::Usr,
                "system" | "sys" => opts.hook = Hook::System,
                "none" => opts.hook = Hook::None,
                "type" => type_it = true,
                "entry" => {
                    let Some(e) = args.get(i + 1) else {
                        return Err("entry needs an address".into());
                    };
                    opts.entry = address(e, &self.symbols)?;
                    i += 1;
                }
                _ if numbers < 2 && a.chars().all(|c| c.is_ascii_digit()) => {
                    let v =
                        number::count(&a, "a line number", super::loader::MAX_LINE, &self.symbols)?;
                    if numbers == 0 {
                        opts.first_line = v;
                    } else {
                        opts.step = v;
                    }
                    numbers += 1;
                }
                _ => {
                    return Err(format!(
                    "{}: expected a decimal LINE or STEP, usr, system, none, entry ADDR or type",
                    args[i]
                )
                    .into())
                }
            }
            i += 1;
        }
        let bytes = read(m, start, end as usize - start as usize + 1);
        let text = basic_loader(start, &bytes, &opts)?;
        if type_it {
            m.type_text(&text);
            Ok(format!(
                "{text}(typing {} lines into the machine)",
                text.lines().count()
            ))
        } else {
            Ok(text.trim_end().to_string())
        }
    }

    pub(super) fn load(&mut self, m: &mut Machine, args: &[String]) -> Reply {
        let (name, at) = match args {
            [n] => (n, None),
            [n, a] => (n, Some(address(a, &self.symbols)?)),
            _ => return Err(usage(Cmd::Load)),
        };
        let name = name.trim_matches('"');
        let files = self
            .files
            .as_mut()
            .ok_or("this front end gives the monitor no file access")?;
        let data = files.read(name).map_err(|e| format!("{name}: {e}"))?;
        if at.is_none() && data.starts_with(crate::machine::state::MAGIC) {
            m.load_state(&data).map_err(|e| format!("{name}: {e}"))?;
            self.next_dis = m.cpu().regs.pc;
            let note = m
                .serial_state_note()
                .map(|n| format!("\nnote: {n}"))
                .unwrap_or_default();
            return Ok(format!(
                "{name}: save state loaded (PC {:04X}H, T-state {}){note}",
                m.cpu().regs.pc,
                m.t_states()
            ));
        }
        if is_cmd_name(name) && at.is_none() {
            let img = cmd::parse(&data).map_err(|e| format!("{name}: {e}"))?;
            for b in &img.blocks {
                check_writable(m, b.addr, b.data.len())?;
            }
            for b in &img.blocks {
                m.load(b.addr, &b.data);
            }
            let lo = img.span().map(|(lo, _)| lo).unwrap_or(0);
            let total = img.len();
            let mut s = format!(
                "{name}: {} block{}, {total} bytes from {lo:04X}H",
                img.blocks.len(),
                if img.blocks.len() == 1 { "" } else { "s" }
            );
            if let Some(e) = img.entry {
                s.push_str(&format!("; entry {e:04X}H (g {e:04X} runs it)"));
                self.next_dis = e;
            }
            Ok(s)
        } else {
            let Some(at) = at else {
                return Err(
                    format!("{name}: a binary file needs an address: load FILE ADDR").into(),
                );
            };
            if data.is_empty() {
                return Err(format!("{name}: the file is empty").into());
            }
            check_writable(m, at, data.len())?;
            m.load(at, &data);
            Ok(format!(
                "{name}: {} bytes at {at:04X}H-{:04X}H",
                data.len(),
                at as usize + data.len() - 1
            ))
        }
    }

    pub(super) fn save(&mut self, m: &mut Machine, args: &[String]) -> Reply {
        if let [name] = args {
            let name = name.trim_matches('"');
            let files = self
                .files
                .as_mut()
                .ok_or("this front end gives the monitor no file access")?;
            let state = m.save_state();
            files
                .write(name, &state)
                .map_err(|e| format!("{name}: {e}"))?;
            return Ok(format!(
                "{name}: save state of the whole machine at T-state {} ({} bytes)",
                m.t_states(),
                state.len()
            ));
        }
        let (name, a, b, entry) = match args {
            [n, a, b] => (n, a, b, None),
            [n, a, b, e] => (n, a, b, Some(address(e, &self.symbols)?)),
            _ => return Err(usage(Cmd::Save)),
        };
        let name = name.trim_matches('"');
        let (start, end) = range(a, b, &self.symbols)?;
        let files = self
            .files
            .as_mut()
            .ok_or("this front end gives the monitor no file access")?;
        let bytes = read(m, start, end as usize - start as usize + 1);
        let (out, what) = if is_cmd_name(name) {
            let stem = name[..name.len() - 4]
                .rsplit(['/', '\\'])
                .next()
                .unwrap_or("")
                .to_ascii_uppercase();
            let entry = entry.unwrap_or(start);
            (
                cmd::write(
                    &cmd::MemoryImage {
                        blocks: vec![cmd::Block {
                            addr: start,
                            data: bytes,
                        }],
                        entry: Some(entry),
                    },
                    Some(&stem),
                ),
                format!("/CMD, entry {entry:04X}H"),
            )
        } else {
            (bytes, "binary".to_string())
        };
        files
            .write(name, &out)
            .map_err(|e| format!("{name}: {e}"))?;
        Ok(format!(
            "{name}: saved {start:04X}H-{end:04X}H ({what}, {} bytes in the file)",
            out.len()
        ))
    }
}
