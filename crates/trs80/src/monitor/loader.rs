//! The BASIC loader generator behind the monitor's `basic` command.
//!
//! It turns a range of memory into the Level II BASIC program people typed in
//! from magazines: a FOR/READ/POKE loop over decimal DATA lines, a checksum
//! test, and a hook that starts the code:
//!
//! | hook     | what the program does after POKEing                                   |
//! |----------|-----------------------------------------------------------------------|
//! | `usr`    | `POKE 16526,lo:POKE 16527,hi:X=USR(0)` (USR vector 408EH/408FH)        |
//! | `system` | prints `AT *? TYPE /nnnnn` and runs `SYSTEM` (its `/address` answer jumps to the code) |
//! | `none`   | stops after POKEing                                                   |
//!
//! Addresses are written as BASIC writes them: positive decimal (Level II's
//! POKE accepts 0–65535, and negative values −32768..−1 for the upper half).

use std::fmt::Write as _;

/// How the generated program starts the machine code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hook {
    /// Set the USR vector (16526/16527) and call `X=USR(0)`.
    Usr,
    /// Run `SYSTEM`, telling the user to answer `/address`.
    System,
    /// Only POKE the bytes.
    None,
}

/// Options of [`basic_loader`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LoaderOptions {
    /// First BASIC line number.
    pub first_line: u32,
    /// Line-number step.
    pub step: u32,
    /// How the code is started.
    pub hook: Hook,
    /// Where the code is entered (usually the start of the range).
    pub entry: u16,
}

/// Bytes per DATA line: at most 11 + 12×4 − 1 = 58 characters, one screen line.
pub const DATA_PER_LINE: usize = 12;

/// The highest line number Level II accepts.
pub const MAX_LINE: u32 = 65529;

/// Builds the loader program for `bytes` stored from `start`. Each line ends in
/// `\n`. Fails (with the reason) when the range is empty, runs past FFFFH, or
/// the line numbers would pass 65529.
pub fn basic_loader(start: u16, bytes: &[u8], opts: &LoaderOptions) -> Result<String, String> {
    if bytes.is_empty() {
        return Err("the range is empty".into());
    }
    let end = start as usize + bytes.len() - 1;
    if end > 0xFFFF {
        return Err("the range runs past FFFFH".into());
    }
    if opts.step == 0 {
        return Err("the line step must be at least 1".into());
    }
    let data_lines = bytes.len().div_ceil(DATA_PER_LINE);
    let hook_lines = usize::from(opts.hook != Hook::None);
    let total_lines = 3 + hook_lines + data_lines;
    let last = opts.first_line as u64 + (total_lines as u64 - 1) * opts.step as u64;
    if opts.first_line == 0 || last > MAX_LINE as u64 {
        return Err(format!(
            "line numbers {}..{} do not fit in 1..{MAX_LINE}",
            opts.first_line, last
        ));
    }
    let sum: u32 = bytes.iter().map(|&b| b as u32).sum();
    let mut n = opts.first_line;
    let mut out = String::new();
    let mut line = |out: &mut String, text: &str| {
        let _ = writeln!(out, "{n} {text}");
        n += opts.step;
    };
    line(
        &mut out,
        &format!(
            "REM {:04X}H-{:04X}H: SET MEMORY SIZE TO {} OR LESS",
            start,
            end,
            start.saturating_sub(1)
        ),
    );
    line(
        &mut out,
        &format!("S=0:FOR A={start} TO {end}:READ V:POKE A,V:S=S+V:NEXT"),
    );
    line(
        &mut out,
        &format!("IF S<>{sum} THEN PRINT \"DATA ERROR\":STOP"),
    );
    match opts.hook {
        Hook::Usr => line(
            &mut out,
            &format!(
                "POKE 16526,{}:POKE 16527,{}:X=USR(0)",
                opts.entry & 0xFF,
                opts.entry >> 8
            ),
        ),
        Hook::System => line(
            &mut out,
            &format!("PRINT \"AT *? TYPE /{}\":SYSTEM", opts.entry),
        ),
        Hook::None => {}
    }
    for chunk in bytes.chunks(DATA_PER_LINE) {
        let values: Vec<String> = chunk.iter().map(|b| b.to_string()).collect();
        line(&mut out, &format!("DATA {}", values.join(",")));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(hook: Hook) -> LoaderOptions {
        LoaderOptions {
            first_line: 10,
            step: 10,
            hook,
            entry: 0x7000,
        }
    }

    #[test]
    fn usr_loader() {
        let code = [0x3E, 0x41, 0x32, 0x00, 0x3C, 0xC9];
        let text = basic_loader(0x7000, &code, &opts(Hook::Usr)).unwrap();
        assert_eq!(
            text,
            "10 REM 7000H-7005H: SET MEMORY SIZE TO 28671 OR LESS\n\
             20 S=0:FOR A=28672 TO 28677:READ V:POKE A,V:S=S+V:NEXT\n\
             30 IF S<>438 THEN PRINT \"DATA ERROR\":STOP\n\
             40 POKE 16526,0:POKE 16527,112:X=USR(0)\n\
             50 DATA 62,65,50,0,60,201\n"
        );
    }

    #[test]
    fn system_hook_and_data_wrapping() {
        let code: Vec<u8> = (0..=24).collect();
        let o = LoaderOptions {
            first_line: 1000,
            step: 5,
            hook: Hook::System,
            entry: 0xF000,
        };
        let text = basic_loader(0xF000, &code, &o).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 4 + 3);
        assert_eq!(lines[3], "1015 PRINT \"AT *? TYPE /61440\":SYSTEM");
        assert_eq!(lines[4], "1020 DATA 0,1,2,3,4,5,6,7,8,9,10,11");
        assert_eq!(lines[6], "1030 DATA 24");
        assert!(lines[1].contains("FOR A=61440 TO 61464"));
        assert!(lines.iter().all(|l| l.len() <= 64));
    }

    #[test]
    fn no_hook() {
        let text = basic_loader(0x7000, &[201], &opts(Hook::None)).unwrap();
        assert_eq!(text.lines().count(), 4);
        assert!(!text.contains("USR"));
    }

    #[test]
    fn rejects() {
        assert!(basic_loader(0x7000, &[], &opts(Hook::Usr)).is_err());
        assert!(basic_loader(0xFFFF, &[1, 2], &opts(Hook::Usr)).is_err());
        let mut o = opts(Hook::Usr);
        o.first_line = 65520;
        assert!(basic_loader(0x7000, &[1], &o)
            .unwrap_err()
            .contains("65529"));
        o.first_line = 10;
        o.step = 0;
        assert!(basic_loader(0x7000, &[1], &o).is_err());
    }
}
