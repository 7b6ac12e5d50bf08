//! The PEEK/POKE hex monitor: a command language over a paused [`Machine`].
//!
//! The monitor is independent of any front end: it takes one line of text and
//! returns text ([`Monitor::exec`]). Front ends (the `trs80 monitor` command,
//! `--monitor-script`, the window and terminal hot keys) only move lines in
//! and out. It never opens files itself: `load`/`save` go through a
//! [`FileStore`] the front end supplies.
//!
//! Every command validates all of its arguments before it touches the machine,
//! so a typo, a bad number, an address outside RAM or an assembly error gives
//! one message and changes nothing.
//!
//! | area        | commands                                                        |
//! |-------------|-----------------------------------------------------------------|
//! | memory      | `d` dump, `e` enter/POKE, `peek`, `f` fill, `m` move, `c` compare, `s` search |
//! | CPU         | `r` registers, `g` go, `step`, `t` trace, `p` step over          |
//! | breaks      | `b`/`bc` execution, `w`/`wc` memory read/write, `io`/`ioc` ports |
//! | code        | `u` disassemble, `a` assemble (line by line, echoing the hex)    |
//! | BASIC       | `basic` DATA/POKE loader with USR or SYSTEM hook                 |
//! | files       | `load`/`save` binary or /CMD, `bas` BASIC program as text        |
//! | other       | `sym`, `budget`, `help`, `x`                                     |
//!
//! ```no_run
//! use trs80_machine::{Config, Machine, monitor::Monitor};
//! let rom = vec![0x18, 0xFE]; // JR $ (any 2 KB+ ROM image)
//! let mut m = Machine::new(&Config { rom: &rom, ..Default::default() }).unwrap();
//! let mut mon = Monitor::new();
//! println!("{}", mon.exec(&mut m, "d 0 L10").unwrap());
//! ```

pub mod help;
pub mod loader;
pub mod number;

mod bas;
mod code;
mod cpu;
mod memory;

use crate::Machine;
use help::Cmd;
use number::Symbols;

/// Default T-state budget of `g` and `p`: ten emulated seconds.
pub const DEFAULT_BUDGET: u64 = 10 * crate::CPU_HZ;

/// Where `load` gets bytes and `save` puts them; supplied by the front end.
pub trait FileStore {
    /// The contents of the file called `name`, or why it cannot be read.
    fn read(&mut self, name: &str) -> Result<Vec<u8>, String>;
    /// Stores `bytes` as the file called `name`, or says why not.
    fn write(&mut self, name: &str, bytes: &[u8]) -> Result<(), String>;
}

/// A rejected command: one line saying what was wrong. The machine is unchanged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MonitorError(pub String);

impl std::fmt::Display for MonitorError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for MonitorError {}

impl From<String> for MonitorError {
    fn from(s: String) -> Self {
        MonitorError(s)
    }
}

impl From<&str> for MonitorError {
    fn from(s: &str) -> Self {
        MonitorError(s.to_string())
    }
}

/// Result of one monitor line.
pub type Reply = Result<String, MonitorError>;

/// The monitor's state between lines (symbols, where `d`/`u` continue,
/// assemble mode, run budget).
pub struct Monitor {
    symbols: Symbols,
    /// `Some(addr)` while in assemble mode: the next instruction's address.
    asm_at: Option<u16>,
    asm_start: u16,
    next_dump: u16,
    next_dis: u16,
    budget: u64,
    files: Option<Box<dyn FileStore>>,
    leave: bool,
    fixups: Vec<code::Fixup>,
}

impl Default for Monitor {
    fn default() -> Self {
        Self::new()
    }
}

impl Monitor {
    /// A monitor with no symbols and no file access.
    pub fn new() -> Self {
        Monitor {
            symbols: Symbols::new(),
            asm_at: None,
            asm_start: 0,
            next_dump: 0,
            next_dis: 0,
            budget: DEFAULT_BUDGET,
            files: None,
            leave: false,
            fixups: Vec::new(),
        }
    }

    /// Gives the monitor a place to load and save files.
    pub fn set_files(&mut self, files: Box<dyn FileStore>) {
        self.files = Some(files);
    }

    /// Adds symbols (e.g. from an assembler listing); names are matched case-insensitively.
    pub fn add_symbols<'a>(&mut self, syms: impl IntoIterator<Item = (&'a str, u16)>) {
        for (n, v) in syms {
            self.symbols.insert(n.to_ascii_uppercase(), v);
        }
    }

    /// The symbols known now (labels from `a`, `sym`, [`Monitor::add_symbols`]).
    pub fn symbols(&self) -> &Symbols {
        &self.symbols
    }

    /// The T-state budget of `g` and `p`.
    pub fn budget(&self) -> u64 {
        self.budget
    }

    /// True while lines are read as assembly (after `a`).
    pub fn assembling(&self) -> bool {
        self.asm_at.is_some()
    }

    /// The prompt to show before the next line: `7003  ` in assemble mode, else `> `.
    pub fn prompt(&self) -> String {
        match self.asm_at {
            Some(a) => format!("{a:04X}  "),
            None => "> ".to_string(),
        }
    }

    /// True once after `x`: the front end should leave the monitor and run the machine.
    pub fn take_leave_request(&mut self) -> bool {
        std::mem::take(&mut self.leave)
    }

    /// Runs one line and returns its output. On `Err` nothing in the machine
    /// has changed.
    pub fn exec(&mut self, m: &mut Machine, line: &str) -> Reply {
        if self.asm_at.is_some() {
            return self.assemble_line(m, line);
        }
        let line = line.trim();
        if line.is_empty() || line.starts_with(';') {
            return Ok(String::new());
        }
        let args = number::tokenize(line)?;
        let Some(info) = help::find(&args[0]) else {
            return Err(format!("unknown command `{}` (help lists the commands)", args[0]).into());
        };
        let rest = &args[1..];
        match info.cmd {
            Cmd::Help => self.help(rest),
            Cmd::Dump => self.dump(m, rest),
            Cmd::Enter => self.enter(m, rest),
            Cmd::Peek => self.peek(m, rest),
            Cmd::Fill => self.fill(m, rest),
            Cmd::Move => self.move_(m, rest),
            Cmd::Compare => self.compare(m, rest),
            Cmd::Search => self.search(m, rest),
            Cmd::Regs => self.regs(m, rest),
            Cmd::Go => self.go(m, rest),
            Cmd::Step => self.step(m, rest),
            Cmd::Trace => self.trace(m, rest),
            Cmd::Over => self.over(m, rest),
            Cmd::Break => self.set_break(m, rest),
            Cmd::BreakClear => self.clear_break(m, rest),
            Cmd::Watch => self.set_watch(m, rest),
            Cmd::WatchClear => self.clear_watch(m, rest),
            Cmd::PortBreak => self.set_port_break(m, rest),
            Cmd::PortClear => self.clear_port_break(m, rest),
            Cmd::Disassemble => self.disassemble(m, rest),
            Cmd::Assemble => self.start_assemble(m, rest),
            Cmd::Basic => self.basic(m, rest),
            Cmd::Load => self.load(m, rest),
            Cmd::Save => self.save(m, rest),
            Cmd::Bas => self.bas(m, rest),
            Cmd::Sym => self.sym(m, rest),
            Cmd::Budget => self.set_budget(rest),
            Cmd::Fdc => {
                no_more(rest, 0, info)?;
                Ok(fdc_report(m))
            }
            Cmd::Exit => {
                no_more(rest, 0, info)?;
                self.leave = true;
                Ok("leaving the monitor".into())
            }
        }
    }

    /// Runs a script: every line is echoed after the prompt, followed by its
    /// output. Stops at the first rejected line and returns the transcript so
    /// far together with the line number (1-based) and the error.
    pub fn run_script(
        &mut self,
        m: &mut Machine,
        script: &str,
    ) -> Result<String, (String, usize, MonitorError)> {
        let mut out = String::new();
        for (i, line) in script.lines().enumerate() {
            out.push_str(&self.prompt());
            out.push_str(line.trim_end());
            out.push('\n');
            match self.exec(m, line) {
                Ok(text) => {
                    if !text.is_empty() {
                        out.push_str(&text);
                        out.push('\n');
                    }
                }
                Err(e) => return Err((out, i + 1, e)),
            }
            if self.take_leave_request() {
                self.leave = true;
                break;
            }
        }
        Ok(out)
    }

    fn help(&self, args: &[String]) -> Reply {
        match args {
            [] => Ok(help::overview()),
            [name] => match help::find(name) {
                Some(c) => Ok(c.long_help()),
                None => Err(format!("no command called `{name}` (help lists them)").into()),
            },
            _ => Err("usage: help [COMMAND]".into()),
        }
    }

    fn sym(&mut self, m: &mut Machine, args: &[String]) -> Reply {
        match args {
            [] => {
                if self.symbols.is_empty() {
                    return Ok("no symbols".into());
                }
                let mut by_addr: Vec<(&String, &u16)> = self.symbols.iter().collect();
                by_addr.sort_by_key(|(n, v)| (**v, (*n).clone()));
                Ok(by_addr
                    .iter()
                    .map(|(n, v)| format!("{v:04X}  {n}"))
                    .collect::<Vec<_>>()
                    .join("\n"))
            }
            [name] if name.starts_with('-') => {
                let n = name[1..].to_ascii_uppercase();
                match self.symbols.remove(&n) {
                    Some(_) => Ok(format!("forgot {n}")),
                    None => Err(format!("no symbol called {n}").into()),
                }
            }
            [name, value] => {
                let n = name.to_ascii_uppercase();
                if !valid_label(&n) {
                    return Err(format!(
                        "{name}: a symbol starts with a letter and has letters, digits or _"
                    )
                    .into());
                }
                let v = number::word(value, &self.symbols)?;
                let mut syms = self.symbols.clone();
                syms.insert(n.clone(), v);
                let fixed = self.resolve_fixups(m, &syms);
                self.symbols = syms;
                Ok(format!("{n} = {v:04X}H ({v})\n{fixed}")
                    .trim_end()
                    .to_string())
            }
            _ => Err("usage: sym [NAME VALUE] | sym -NAME".into()),
        }
    }

    fn set_budget(&mut self, args: &[String]) -> Reply {
        match args {
            [] => {}
            [n] => {
                let v = number::count(n, "the budget", 4_000_000_000, &self.symbols)?;
                if v < 100 {
                    return Err("the budget must be at least 100 T-states".into());
                }
                self.budget = v as u64;
            }
            _ => return Err("usage: budget [T-STATES]".into()),
        }
        Ok(format!(
            "g and p run at most {} T-states ({:.3} emulated seconds)",
            self.budget,
            self.budget as f64 / crate::CPU_HZ as f64
        ))
    }
}

/// A label name: a letter or `_` first, then letters, digits or `_`.
fn valid_label(n: &str) -> bool {
    let mut c = n.chars();
    matches!(c.next(), Some(f) if f.is_ascii_alphabetic() || f == '_')
        && c.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Rejects extra arguments beyond `max`.
fn no_more(args: &[String], max: usize, info: &help::CmdInfo) -> Result<(), MonitorError> {
    if args.len() > max {
        Err(format!("too many arguments; usage: {}", info.usage).into())
    } else {
        Ok(())
    }
}

/// The usage error of a command.
fn usage(cmd: Cmd) -> MonitorError {
    let info = help::COMMANDS
        .iter()
        .find(|c| c.cmd == cmd)
        .expect("every command is in the table");
    MonitorError(format!("usage: {}", info.usage))
}

/// The `fdc` command's report.
fn fdc_report(m: &Machine) -> String {
    let Some(f) = m.fdc() else {
        return "no floppy controller: no disk has been inserted".into();
    };
    let st = f.state();
    let mut out = format!(
        "status {:02X}  command {:02X}  track {:02X}  sector {:02X}  data {:02X}  INTRQ {}  {:?} density\n",
        st.status,
        st.command,
        st.track,
        st.sector,
        st.data,
        st.intrq as u8,
        st.density
    );
    match st.selected {
        Some((d, side)) => {
            out += &format!(
                "drive {d} side {side} selected, motor {}\n",
                if st.motor_on { "on" } else { "off" }
            )
        }
        None => out += "no drive selected\n",
    }
    for n in 0..4 {
        let d = f.drives.drive(n);
        let disk = match &d.disk {
            Some(disk) => format!(
                "{} {} tracks{}{}",
                disk.format(),
                disk.image().cylinders(),
                if d.write_protected() {
                    ", write protected"
                } else {
                    ""
                },
                if d.dirty { ", changed" } else { "" }
            ),
            None => "empty".into(),
        };
        out += &format!(":{n} head on track {:2}  {disk}\n", st.cyl[n]);
    }
    out.pop();
    out
}
