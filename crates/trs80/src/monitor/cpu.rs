//! CPU commands: registers, go, step, trace, step over, and the break lists.

use super::help::Cmd;
use super::number::{self, address};
use super::{usage, Monitor, MonitorError, Reply};
use crate::{Machine, StopReason};

/// Most instructions one `t` lists.
pub const MAX_TRACE: u32 = 10_000;
/// Most instructions one `step` executes.
pub const MAX_STEP: u32 = 1_000_000;

/// A register the `r` command can set.
#[derive(Clone, Copy)]
enum Reg {
    /// 8-bit: which pair and whether it is the high byte.
    Half(fn(&mut z80::Registers) -> &mut u16, bool),
    Pair(fn(&mut z80::Registers) -> &mut u16),
    I,
    R,
    Im,
    Iff,
}

fn reg_by_name(n: &str) -> Option<Reg> {
    use Reg::*;
    Some(match n {
        "a" => Half(|r| &mut r.af, true),
        "f" => Half(|r| &mut r.af, false),
        "b" => Half(|r| &mut r.bc, true),
        "c" => Half(|r| &mut r.bc, false),
        "d" => Half(|r| &mut r.de, true),
        "e" => Half(|r| &mut r.de, false),
        "h" => Half(|r| &mut r.hl, true),
        "l" => Half(|r| &mut r.hl, false),
        "af" => Pair(|r| &mut r.af),
        "bc" => Pair(|r| &mut r.bc),
        "de" => Pair(|r| &mut r.de),
        "hl" => Pair(|r| &mut r.hl),
        "af'" => Pair(|r| &mut r.af_),
        "bc'" => Pair(|r| &mut r.bc_),
        "de'" => Pair(|r| &mut r.de_),
        "hl'" => Pair(|r| &mut r.hl_),
        "ix" => Pair(|r| &mut r.ix),
        "iy" => Pair(|r| &mut r.iy),
        "sp" => Pair(|r| &mut r.sp),
        "pc" => Pair(|r| &mut r.pc),
        "i" => I,
        "r" => R,
        "im" => Im,
        "iff" => Iff,
        _ => return None,
    })
}

/// `SZYHXPNC` with `-` for each clear flag.
pub(super) fn flags(f: u8) -> String {
    "SZYHXPNC"
        .chars()
        .enumerate()
        .map(|(i, c)| if f & (0x80 >> i) != 0 { c } else { '-' })
        .collect()
}

/// The one-line register summary used by `t`.
fn short_regs(m: &Machine) -> String {
    let r = &m.cpu().regs;
    format!(
        "A={:02X} F={} BC={:04X} DE={:04X} HL={:04X} IX={:04X} IY={:04X} SP={:04X}",
        r.a(),
        flags(r.f()),
        r.bc,
        r.de,
        r.hl,
        r.ix,
        r.iy,
        r.sp
    )
}

/// How a run or step ended, in words.
fn describe(stop: StopReason) -> String {
    match stop {
        StopReason::BudgetSpent => "the T-state budget is spent".into(),
        StopReason::Breakpoint(a) => format!("breakpoint at {a:04X}H"),
        StopReason::Watchpoint { addr, write, value } => format!(
            "watchpoint: {} {addr:04X}H ({value:02X}H)",
            if write { "write to" } else { "read of" }
        ),
        StopReason::PortBreak { port, write, value } => format!(
            "port break: {} port {port:02X}H ({value:02X}H)",
            if write { "OUT to" } else { "IN from" }
        ),
        StopReason::Halted => "the CPU executed HALT".into(),
        StopReason::Stepped => "stepped".into(),
    }
}

/// Length of a step-over-able instruction at `pc` (CALL, RST, DJNZ, block
/// repeats), or `None` for everything else.
fn over_len(m: &Machine, pc: u16) -> Option<u16> {
    let op = m.peek(pc);
    match op {
        0xCD | 0xC4 | 0xCC | 0xD4 | 0xDC | 0xE4 | 0xEC | 0xF4 | 0xFC => Some(3),
        0x10 => Some(2),
        o if o & 0xC7 == 0xC7 => Some(1),
        0xED => match m.peek(pc.wrapping_add(1)) {
            0xB0..=0xB3 | 0xB8..=0xBB => Some(2),
            _ => None,
        },
        0x76 => None,
        _ => None,
    }
}

impl Monitor {
    /// The full register display plus the next instruction.
    pub(super) fn reg_display(&self, m: &Machine) -> String {
        let c = m.cpu();
        let r = &c.regs;
        format!(
            "PC={:04X} SP={:04X} AF={:04X} BC={:04X} DE={:04X} HL={:04X} IX={:04X} IY={:04X}\n\
             AF'={:04X} BC'={:04X} DE'={:04X} HL'={:04X} I={:02X} R={:02X} IM{} {}{} F={} T={}\n{}",
            r.pc,
            r.sp,
            r.af,
            r.bc,
            r.de,
            r.hl,
            r.ix,
            r.iy,
            r.af_,
            r.bc_,
            r.de_,
            r.hl_,
            r.i,
            r.r,
            r.im,
            if r.iff1 { "EI" } else { "DI" },
            if c.halted { " HALTED" } else { "" },
            flags(r.f()),
            m.t_states(),
            self.dis_line(m, r.pc).0
        )
    }

    pub(super) fn regs(&mut self, m: &mut Machine, args: &[String]) -> Reply {
        if args.is_empty() {
            return Ok(self.reg_display(m));
        }
        // "pc=7000" and "pc 7000" both work.
        let mut parts: Vec<String> = Vec::new();
        for a in args {
            for p in a.split('=') {
                if !p.is_empty() {
                    parts.push(p.to_string());
                }
            }
        }
        if parts.len() % 2 != 0 {
            return Err(format!(
                "{}: give a value for each register (r REG VALUE ...)",
                parts.last().map(String::as_str).unwrap_or("")
            )
            .into());
        }
        let mut regs = m.cpu().regs;
        let mut pc_set = false;
        for pair in parts.chunks(2) {
            let name = pair[0].to_ascii_lowercase();
            let Some(reg) = reg_by_name(&name) else {
                return Err(format!(
                    "{}: not a register (A F B C D E H L I R AF BC DE HL AF' BC' DE' HL' IX IY SP PC IM IFF)",
                    pair[0]
                )
                .into());
            };
            let v = &pair[1];
            match reg {
                Reg::Half(get, high) => {
                    let b = number::byte(v, &self.symbols)? as u16;
                    let p = get(&mut regs);
                    *p = if high {
                        (*p & 0x00FF) | (b << 8)
                    } else {
                        (*p & 0xFF00) | b
                    };
                }
                Reg::Pair(get) => {
                    *get(&mut regs) = number::word(v, &self.symbols)?;
                    pc_set |= name == "pc";
                }
                Reg::I => regs.i = number::byte(v, &self.symbols)?,
                Reg::R => regs.r = number::byte(v, &self.symbols)?,
                Reg::Im => {
                    let n = number::eval(v, &self.symbols)?;
                    if !(0..=2).contains(&n) {
                        return Err(format!("{v}: IM is 0, 1 or 2").into());
                    }
                    regs.im = n as u8;
                }
                Reg::Iff => {
                    let n = number::eval(v, &self.symbols)?;
                    if !(0..=1).contains(&n) {
                        return Err(format!("{v}: IFF is 0 (DI) or 1 (EI)").into());
                    }
                    regs.iff1 = n == 1;
                    regs.iff2 = n == 1;
                }
            }
        }
        let cpu = m.cpu_mut();
        cpu.regs = regs;
        if pc_set {
            cpu.halted = false;
        }
        Ok(self.reg_display(m))
    }

    fn set_pc_arg(&self, m: &mut Machine, args: &[String], cmd: Cmd) -> Result<(), MonitorError> {
        match args {
            [] => Ok(()),
            [a] => {
                let pc = address(a, &self.symbols)?;
                let cpu = m.cpu_mut();
                cpu.regs.pc = pc;
                cpu.halted = false;
                Ok(())
            }
            _ => Err(usage(cmd)),
        }
    }

    pub(super) fn go(&mut self, m: &mut Machine, args: &[String]) -> Reply {
        // Validate before touching PC.
        if let [a] = args {
            address(a, &self.symbols)?;
        }
        self.set_pc_arg(m, args, Cmd::Go)?;
        let t0 = m.t_states();
        let stop = m.run_for(self.budget);
        let used = m.t_states() - t0;
        Ok(format!(
            "stopped: {} after {used} T-states\n{}",
            describe(stop),
            self.reg_display(m)
        ))
    }

    pub(super) fn step(&mut self, m: &mut Machine, args: &[String]) -> Reply {
        let n = match args {
            [] => 1,
            [n] => number::count(n, "the step count", MAX_STEP, &self.symbols)?,
            _ => return Err(usage(Cmd::Step)),
        };
        if n == 0 {
            return Err("step count must be at least 1".into());
        }
        let mut done = 0;
        let mut last = StopReason::Stepped;
        while done < n {
            last = m.step();
            done += 1;
            if !matches!(last, StopReason::Stepped) {
                break;
            }
        }
        let mut s = format!("{done} instruction{}", if done == 1 { "" } else { "s" });
        if !matches!(last, StopReason::Stepped) {
            s.push_str(&format!("; stopped: {}", describe(last)));
        }
        Ok(format!("{s}\n{}", self.reg_display(m)))
    }

    pub(super) fn trace(&mut self, m: &mut Machine, args: &[String]) -> Reply {
        let n = match args {
            [] => 1,
            [n] => number::count(n, "the trace count", MAX_TRACE, &self.symbols)?,
            _ => return Err(usage(Cmd::Trace)),
        };
        if n == 0 {
            return Err("trace count must be at least 1".into());
        }
        let mut out = Vec::new();
        for _ in 0..n {
            let pc = m.cpu().regs.pc;
            let line = self.dis_line(m, pc).0;
            let stop = m.step();
            out.push(format!("{line:<36} {}", short_regs(m)));
            if !matches!(stop, StopReason::Stepped) {
                out.push(format!("stopped: {}", describe(stop)));
                break;
            }
        }
        let pc = m.cpu().regs.pc;
        self.next_dis = pc;
        out.push(format!("next: {}", self.dis_line(m, pc).0));
        Ok(out.join("\n"))
    }

    pub(super) fn over(&mut self, m: &mut Machine, args: &[String]) -> Reply {
        if !args.is_empty() {
            return Err(usage(Cmd::Over));
        }
        let pc = m.cpu().regs.pc;
        let Some(len) = over_len(m, pc) else {
            return self.step(m, &[]);
        };
        let target = pc.wrapping_add(len);
        let sp0 = m.cpu().regs.sp;
        let temp = !m.debug().is_breakpoint(target);
        if temp {
            m.debug().add_breakpoint(target);
        }
        let t0 = m.t_states();
        let mut stop;
        loop {
            let used = m.t_states() - t0;
            if used >= self.budget {
                stop = StopReason::BudgetSpent;
                break;
            }
            stop = m.run_for(self.budget - used);
            // A recursive call can reach the return address deeper in the stack.
            if stop == StopReason::Breakpoint(target) && m.cpu().regs.sp < sp0 {
                continue;
            }
            break;
        }
        if temp {
            m.debug().remove_breakpoint(target);
        }
        let what = if stop == StopReason::Breakpoint(target) {
            format!("stepped over to {target:04X}H")
        } else {
            format!("stopped: {}", describe(stop))
        };
        Ok(format!(
            "{what} after {} T-states\n{}",
            m.t_states() - t0,
            self.reg_display(m)
        ))
    }

    fn list_breaks(&self, m: &mut Machine) -> String {
        let d = m.debug();
        let mut out = Vec::new();
        if !d.breakpoints().is_empty() {
            let mut b = d.breakpoints().to_vec();
            b.sort_unstable();
            out.push(format!(
                "breakpoints: {}",
                b.iter()
                    .map(|a| format!("{a:04X}"))
                    .collect::<Vec<_>>()
                    .join(" ")
            ));
        }
        for w in d.watches() {
            out.push(format!(
                "watch {:04X} {}",
                w.addr,
                match (w.read, w.write) {
                    (true, true) => "rw",
                    (true, false) => "r",
                    _ => "w",
                }
            ));
        }
        for p in d.port_breaks() {
            out.push(format!(
                "port {:02X} {}",
                p.port,
                match (p.read, p.write) {
                    (true, true) => "both",
                    (true, false) => "in",
                    _ => "out",
                }
            ));
        }
        if out.is_empty() {
            NO_BREAKS.into()
        } else {
            out.join("\n")
        }
    }

    /// What `bc *`, `wc *` or `ioc *` did, then the breaks of other kinds still set.
    fn cleared(&self, m: &mut Machine, kind: &str, names: &[String]) -> String {
        let done = match names.len() {
            0 => format!("no {kind}s to clear"),
            1 => format!("1 {kind} cleared ({})", names[0]),
            n => format!("{n} {kind}s cleared ({})", names.join(" ")),
        };
        let rest = self.list_breaks(m);
        if rest == NO_BREAKS {
            done
        } else {
            format!("{done}\n{rest}")
        }
    }

    pub(super) fn set_break(&mut self, m: &mut Machine, args: &[String]) -> Reply {
        if args.is_empty() {
            return Ok(self.list_breaks(m));
        }
        let addrs = args
            .iter()
            .map(|a| address(a, &self.symbols))
            .collect::<Result<Vec<_>, _>>()?;
        for a in addrs {
            m.debug().add_breakpoint(a);
        }
        Ok(self.list_breaks(m))
    }

    pub(super) fn clear_break(&mut self, m: &mut Machine, args: &[String]) -> Reply {
        if args == ["*"] {
            let mut all = m.debug().breakpoints().to_vec();
            all.sort_unstable();
            for &a in &all {
                m.debug().remove_breakpoint(a);
            }
            let names: Vec<String> = all.iter().map(|a| format!("{a:04X}")).collect();
            return Ok(self.cleared(m, "breakpoint", &names));
        }
        if args.is_empty() {
            return Err(usage(Cmd::BreakClear));
        }
        let addrs = args
            .iter()
            .map(|a| address(a, &self.symbols))
            .collect::<Result<Vec<_>, _>>()?;
        if let Some(a) = addrs.iter().find(|a| !m.debug().is_breakpoint(**a)) {
            return Err(format!("no breakpoint at {a:04X}H").into());
        }
        for a in addrs {
            m.debug().remove_breakpoint(a);
        }
        Ok(self.list_breaks(m))
    }

    pub(super) fn set_watch(&mut self, m: &mut Machine, args: &[String]) -> Reply {
        let (a, mode) = match args {
            [] => return Ok(self.list_breaks(m)),
            [a] => (a, "w".to_string()),
            [a, k] => (a, k.to_ascii_lowercase()),
            _ => return Err(usage(Cmd::Watch)),
        };
        let addr = address(a, &self.symbols)?;
        let (r, w) = match mode.as_str() {
            "r" => (true, false),
            "w" => (false, true),
            "rw" | "wr" => (true, true),
            _ => return Err(format!("{mode}: expected r, w or rw").into()),
        };
        m.debug().add_watch(addr, r, w);
        Ok(self.list_breaks(m))
    }

    pub(super) fn clear_watch(&mut self, m: &mut Machine, args: &[String]) -> Reply {
        match args {
            [s] if s == "*" => {
                let mut all: Vec<u16> = m.debug().watches().iter().map(|w| w.addr).collect();
                all.sort_unstable();
                for &a in &all {
                    m.debug().remove_watch(a);
                }
                let names: Vec<String> = all.iter().map(|a| format!("{a:04X}")).collect();
                return Ok(self.cleared(m, "watchpoint", &names));
            }
            [a] => {
                let addr = address(a, &self.symbols)?;
                if !m.debug().watches().iter().any(|w| w.addr == addr) {
                    return Err(format!("no watchpoint at {addr:04X}H").into());
                }
                m.debug().remove_watch(addr);
            }
            _ => return Err(usage(Cmd::WatchClear)),
        }
        Ok(self.list_breaks(m))
    }

    pub(super) fn set_port_break(&mut self, m: &mut Machine, args: &[String]) -> Reply {
        let (p, mode) = match args {
            [] => return Ok(self.list_breaks(m)),
            [p] => (p, "both".to_string()),
            [p, k] => (p, k.to_ascii_lowercase()),
            _ => return Err(usage(Cmd::PortBreak)),
        };
        let port = port_arg(p, &self.symbols)?;
        let (r, w) = match mode.as_str() {
            "in" | "r" => (true, false),
            "out" | "w" => (false, true),
            "both" | "rw" | "inout" => (true, true),
            _ => return Err(format!("{mode}: expected in, out or both").into()),
        };
        m.debug().add_port_break(port, r, w);
        Ok(self.list_breaks(m))
    }

    pub(super) fn clear_port_break(&mut self, m: &mut Machine, args: &[String]) -> Reply {
        match args {
            [s] if s == "*" => {
                let mut all: Vec<u8> = m.debug().port_breaks().iter().map(|p| p.port).collect();
                all.sort_unstable();
                for &p in &all {
                    m.debug().remove_port_break(p);
                }
                let names: Vec<String> = all.iter().map(|p| format!("{p:02X}")).collect();
                return Ok(self.cleared(m, "port break", &names));
            }
            [p] => {
                let port = port_arg(p, &self.symbols)?;
                if !m.debug().port_breaks().iter().any(|b| b.port == port) {
                    return Err(format!("no port break on {port:02X}H").into());
                }
                m.debug().remove_port_break(port);
            }
            _ => return Err(usage(Cmd::PortClear)),
        }
        Ok(self.list_breaks(m))
    }
}

/// What `b`, `w` and `io` say when nothing is set.
const NO_BREAKS: &str = "no breaks set";

fn port_arg(p: &str, syms: &number::Symbols) -> Result<u8, MonitorError> {
    let v = number::eval(p, syms)?;
    if !(0..=0xFF).contains(&v) {
        return Err(format!("{p}: a port is 00H-FFH").into());
    }
    Ok(v as u8)
}
