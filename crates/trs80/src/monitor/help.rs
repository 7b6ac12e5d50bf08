//! The monitor's command table: names, usage and help text.

/// Which command a table entry runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cmd {
    /// `help`
    Help,
    /// `d`
    Dump,
    /// `e`
    Enter,
    /// `peek`
    Peek,
    /// `f`
    Fill,
    /// `m`
    Move,
    /// `c`
    Compare,
    /// `s`
    Search,
    /// `r`
    Regs,
    /// `g`
    Go,
    /// `step`
    Step,
    /// `t`
    Trace,
    /// `p`
    Over,
    /// `b`
    Break,
    /// `bc`
    BreakClear,
    /// `w`
    Watch,
    /// `wc`
    WatchClear,
    /// `io`
    PortBreak,
    /// `ioc`
    PortClear,
    /// `u`
    Disassemble,
    /// `a`
    Assemble,
    /// `basic`
    Basic,
    /// `load`
    Load,
    /// `save`
    Save,
    /// `bas`
    Bas,
    /// `sym`
    Sym,
    /// `budget`
    Budget,
    /// `fdc`
    Fdc,
    /// `x`
    Exit,
}

/// One command of the monitor.
pub struct CmdInfo {
    /// What it runs.
    pub cmd: Cmd,
    /// Its names; the first is the short one shown in the list.
    pub names: &'static [&'static str],
    /// Argument synopsis.
    pub usage: &'static str,
    /// One-line description.
    pub summary: &'static str,
    /// Further explanation and an example.
    pub detail: &'static str,
}

/// Every command, in the order `help` lists them.
pub const COMMANDS: &[CmdInfo] = &[
    CmdInfo {
        cmd: Cmd::Help,
        names: &["help", "h", "?"],
        usage: "help [COMMAND]",
        summary: "list the commands, or explain one",
        detail: "Numbers are always hex, whatever their size: 7000, 7000H, $7000, 0x7000\n\
                 (so 10000 is 65536, too large for an address). Decimal is marked:\n\
                 #28672 or 28672. (BASIC's 16526 is #16526); a negative number is\n\
                 decimal as BASIC writes addresses (-4096 = F000H). 'A' is a character\n\
                 code. Symbols (labels from `a` or `sym`) work anywhere a number does,\n\
                 with + and - offsets: LOOP+2. Arguments are separated by spaces or\n\
                 commas. Counts (step, t, u COUNT, budget) and BASIC line numbers are decimal.",
    },
    CmdInfo {
        cmd: Cmd::Dump,
        names: &["d", "dump"],
        usage: "d [START [END | LLEN]]",
        summary: "dump memory as hex and ASCII",
        detail: "Shows 16 bytes a line. Without END shows 128 bytes; without START\n\
                 continues after the last dump. Example: d 3C00 L40",
    },
    CmdInfo {
        cmd: Cmd::Enter,
        names: &["e", "enter", "poke"],
        usage: "e ADDR BYTE|\"TEXT\" ...",
        summary: "store bytes (POKE one or many)",
        detail: "Writes the bytes from ADDR on. Every byte must land in RAM or video RAM,\n\
                 otherwise nothing is written. Example: e 7000 3E 41 \"HI\" 'X'",
    },
    CmdInfo {
        cmd: Cmd::Peek,
        names: &["peek"],
        usage: "peek ADDR",
        summary: "show the byte and the word at ADDR, in hex and decimal",
        detail: "The word is little-endian (ADDR low, ADDR+1 high), as PEEK(A)+256*PEEK(A+1).\n\
                 Example: peek #16526   (BASIC's USR vector, 408EH)",
    },
    CmdInfo {
        cmd: Cmd::Fill,
        names: &["f", "fill"],
        usage: "f START END BYTE|\"TEXT\" ...",
        summary: "fill a range with a byte pattern",
        detail: "Example: f 3C00 3FFF 20   (blank the screen)",
    },
    CmdInfo {
        cmd: Cmd::Move,
        names: &["m", "move"],
        usage: "m START END DEST",
        summary: "copy a range to DEST (overlap-safe)",
        detail: "Example: m 7000 70FF 8000",
    },
    CmdInfo {
        cmd: Cmd::Compare,
        names: &["c", "compare"],
        usage: "c START END DEST",
        summary: "compare a range with the one at DEST, list the differences",
        detail: "Lists at most one screenful (15 differing bytes and the count).\n\
                 Example: c 7000 70FF 8000",
    },
    CmdInfo {
        cmd: Cmd::Search,
        names: &["s", "search"],
        usage: "s START END BYTE|\"TEXT\" ...",
        summary: "find a byte sequence or text",
        detail: "Shows at most one screenful (16 lines of 8 addresses), then how many\n\
                 matches there are in all. Example: s 0 2FFF \"READY\"",
    },
    CmdInfo {
        cmd: Cmd::Regs,
        names: &["r", "regs"],
        usage: "r [REG VALUE ...]",
        summary: "show the registers, or set some",
        detail: "Registers: A F B C D E H L I R AF BC DE HL AF' BC' DE' HL' IX IY SP PC IM IFF.\n\
                 Example: r a 41 hl 7000 pc 7000   (also r pc=7000)",
    },
    CmdInfo {
        cmd: Cmd::Go,
        names: &["g", "go"],
        usage: "g [ADDR]",
        summary: "run (from ADDR) until a break, HALT, or the T-state budget",
        detail: "Stops at breakpoints, watchpoints and port breaks. A breakpoint at the\n\
                 start address is stepped over. See `budget`. Example: g 7000",
    },
    CmdInfo {
        cmd: Cmd::Step,
        names: &["step", "n"],
        usage: "step [N]",
        summary: "execute N instructions (default 1), then show the registers",
        detail: "Example: step 10",
    },
    CmdInfo {
        cmd: Cmd::Trace,
        names: &["t", "trace"],
        usage: "t [N]",
        summary: "execute N instructions (default 1), listing each with the registers after it",
        detail: "N is at most 10000. Example: t 20",
    },
    CmdInfo {
        cmd: Cmd::Over,
        names: &["p", "over"],
        usage: "p",
        summary: "step over: run a CALL, RST, DJNZ or block instruction (LDIR...) to its end",
        detail: "Other instructions are single-stepped. Stops early at breaks or the budget.",
    },
    CmdInfo {
        cmd: Cmd::Break,
        names: &["b", "bp"],
        usage: "b [ADDR ...]",
        summary: "set execution breakpoints; without ADDR list all breaks",
        detail: "Example: b 7005 LOOP",
    },
    CmdInfo {
        cmd: Cmd::BreakClear,
        names: &["bc"],
        usage: "bc ADDR ... | bc *",
        summary: "clear execution breakpoints (* = all)",
        detail: "Example: bc 7005",
    },
    CmdInfo {
        cmd: Cmd::Watch,
        names: &["w", "watch"],
        usage: "w ADDR [r|w|rw]",
        summary: "stop when the CPU reads and/or writes ADDR (default w)",
        detail: "Example: w 3C00 w",
    },
    CmdInfo {
        cmd: Cmd::WatchClear,
        names: &["wc"],
        usage: "wc ADDR | wc *",
        summary: "clear memory watchpoints (* = all)",
        detail: "Example: wc *",
    },
    CmdInfo {
        cmd: Cmd::PortBreak,
        names: &["io", "pb"],
        usage: "io PORT [in|out|both]",
        summary: "stop on IN and/or OUT to a port (default both)",
        detail: "PORT is 00-FF. Example: io FF out   (cassette/video-mode port)",
    },
    CmdInfo {
        cmd: Cmd::PortClear,
        names: &["ioc", "pbc"],
        usage: "ioc PORT | ioc *",
        summary: "clear port breaks (* = all)",
        detail: "Example: ioc FF",
    },
    CmdInfo {
        cmd: Cmd::Disassemble,
        names: &["u", "dis"],
        usage: "u [START [END | LLEN | COUNT]]",
        summary: "disassemble (unassemble) memory",
        detail: "Without END shows 16 instructions; without START continues. LLEN is a\n\
                 length in bytes as for `d`: u 7000 L10 lists the instructions that start\n\
                 in 7000H-700FH. COUNT is a number of lines: #N or N. (u 7000 #5), or\n\
                 plain up to 3 digits when that cannot be an end address (u 7000 5);\n\
                 u 0 100 is refused as ambiguous (#100 lines, or the end 0100H).",
    },
    CmdInfo {
        cmd: Cmd::Assemble,
        names: &["a", "asm"],
        usage: "a [ADDR]",
        summary: "assemble: type one instruction a line; `.` or an empty line ends",
        detail: "Each line is stored at once and echoed as `7000  3E 41        LD A,41H`.\n\
                 `LABEL:` defines a symbol at the current address; `ORG ADDR` moves on.\n\
                 A wrong line stores nothing and says which column and what was expected.",
    },
    CmdInfo {
        cmd: Cmd::Basic,
        names: &["basic"],
        usage: "basic START END [LINE [STEP]] [usr|system|none] [entry ADDR] [type]",
        summary: "print a BASIC DATA/POKE loader for a range (and optionally type it in)",
        detail: "LINE and STEP are decimal BASIC line numbers (default 10 10). The hook\n\
                 runs the code: usr (default) sets 16526/16527 and does X=USR(0); system\n\
                 runs SYSTEM and asks for /ADDR; none only POKEs. `type` also types the\n\
                 program into BASIC when the monitor is left. Example: basic 7000 7005 100",
    },
    CmdInfo {
        cmd: Cmd::Load,
        names: &["load", "l"],
        usage: "load FILE [ADDR]",
        summary: "load a binary at ADDR, a /CMD file (name ending /CMD or .CMD) where it says, \
                  or a save state (the whole machine)",
        detail: "The front end supplies the file; nothing is stored if any byte would miss RAM.\n\
                 A save state (made by `save FILE`, F6 or --save-state) replaces the whole\n\
                 machine; one from another ROM, a newer trs80 or a damaged file is refused.",
    },
    CmdInfo {
        cmd: Cmd::Save,
        names: &["save"],
        usage: "save FILE [START END [ENTRY]]",
        summary: "save a range as a binary, or as /CMD if FILE ends /CMD or .CMD; \
                  `save FILE` alone saves the whole machine as a save state",
        detail:
            "ENTRY (default START) is the /CMD transfer address. Example: save demo.cmd 7000 7005\n\
                 `save game.state` then `load game.state` puts the machine back as it was.",
    },
    CmdInfo {
        cmd: Cmd::Bas,
        names: &["bas", "savebas"],
        usage: "bas [FILE]",
        summary: "list the BASIC program in memory as text, or save it to FILE (.bas)",
        detail: "Keywords as LIST shows them; characters with no text form as \\xHH. \
                 Example: bas game.bas",
    },
    CmdInfo {
        cmd: Cmd::Sym,
        names: &["sym"],
        usage: "sym [NAME VALUE] | sym -NAME",
        summary: "list symbols, define one, or forget one",
        detail: "Example: sym VIDEO 3C00",
    },
    CmdInfo {
        cmd: Cmd::Budget,
        names: &["budget"],
        usage: "budget [T-STATES]",
        summary: "show or set how long g and p may run (decimal T-states; 1774080 = 1 s)",
        detail: "Default 17740800 (10 emulated seconds). Example: budget 1774080",
    },
    CmdInfo {
        cmd: Cmd::Fdc,
        names: &["fdc", "disk"],
        usage: "fdc",
        summary: "show the floppy controller's registers and the four drives",
        detail: "Status, command, track, sector and data registers, INTRQ, density, the\n\
                 selected drive and side, each drive's head position, disk and protection.",
    },
    CmdInfo {
        cmd: Cmd::Exit,
        names: &["x", "exit", "quit", "q"],
        usage: "x",
        summary: "leave the monitor and let the machine run",
        detail: "",
    },
];

/// Looks a command up by any of its names (case-insensitive).
pub fn find(name: &str) -> Option<&'static CmdInfo> {
    let n = name.to_ascii_lowercase();
    COMMANDS.iter().find(|c| c.names.contains(&n.as_str()))
}

/// The text of `help` (no argument).
pub fn overview() -> String {
    let mut s = String::from("Commands (help COMMAND for details and number formats):\n");
    for c in COMMANDS {
        s.push_str(&format!("  {:<24} {}\n", c.usage_head(), c.summary));
    }
    s.push_str("Numbers are hex (7000, 7000H); decimal is written #28672 or 28672.");
    s
}

impl CmdInfo {
    fn usage_head(&self) -> String {
        let u: String = self.usage.chars().take(24).collect();
        if self.usage.len() > 24 {
            format!("{}…", &u[..23])
        } else {
            u
        }
    }

    /// The text of `help NAME`.
    pub fn long_help(&self) -> String {
        let mut s = format!("{}\n  {}", self.usage, self.summary);
        if self.names.len() > 1 {
            s.push_str(&format!("\n  names: {}", self.names.join(", ")));
        }
        if !self.detail.is_empty() {
            for l in self.detail.lines() {
                s.push_str("\n  ");
                s.push_str(l);
            }
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_every_command_has_help() {
        let mut seen = std::collections::HashSet::new();
        for c in COMMANDS {
            assert!(!c.summary.is_empty());
            for n in c.names {
                assert!(seen.insert(*n), "duplicate command name {n}");
                assert_eq!(find(n).map(|f| f.cmd), Some(c.cmd));
            }
        }
        assert!(find("nonsense").is_none());
        assert!(overview().contains("basic"));
        assert!(find("A").unwrap().long_help().contains("LABEL:"));
    }
}
