//! `trs80 asm`: assemble a Z80 source file (Zilog syntax) with [`z80asm`].
//!
//! Writes a binary image (`--format bin`, the default: bytes from the lowest
//! to the highest address written, gaps filled with `--fill`) or a TRS-80
//! /CMD load module (`--format cmd`), and optionally a listing and a symbol
//! file (`NAME EQU 1234H` lines, which can be INCLUDEd or given to the
//! monitor). On any source error nothing is written: every error is printed
//! as `file:line:col: error: …` with the line and a caret.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context};

/// Output format of `trs80 asm`.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum AsmFormat {
    /// Raw memory image from the lowest address written.
    Bin,
    /// TRS-80 /CMD load module (load records + transfer address).
    Cmd,
}

/// Assemble a Z80 source file (Zilog syntax) into a binary or /CMD file.
#[derive(clap::Args, Debug)]
pub struct AsmArgs {
    /// Source file (.asm).
    #[arg(value_name = "IN.asm")]
    pub input: PathBuf,

    /// Output file.
    #[arg(short, long, value_name = "OUT")]
    pub output: PathBuf,

    /// Also write a listing (address, bytes, line, source).
    #[arg(long, value_name = "FILE")]
    pub listing: Option<PathBuf>,

    /// Also write the symbol table (`NAME EQU 1234H` per line).
    #[arg(long, value_name = "FILE")]
    pub symbols: Option<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = AsmFormat::Bin)]
    pub format: AsmFormat,

    /// Byte for gaps in a binary image (e.g. 0, 255, 0FFH, 0xFF).
    #[arg(long, value_name = "BYTE", default_value = "0FFH", value_parser = parse_byte)]
    pub fill: u8,

    /// Extra directory searched by INCLUDE (after the including file's own).
    #[arg(short = 'I', long = "include-dir", value_name = "DIR")]
    pub include_dirs: Vec<PathBuf>,
}

fn parse_byte(s: &str) -> Result<u8, String> {
    let t = s.trim();
    let v = if let Some(h) = t
        .strip_prefix("0x")
        .or_else(|| t.strip_prefix("0X"))
        .or_else(|| t.strip_prefix('$'))
    {
        u32::from_str_radix(h, 16).ok()
    } else if let Some(h) = t.strip_suffix('H').or_else(|| t.strip_suffix('h')) {
        u32::from_str_radix(h, 16).ok()
    } else {
        t.parse::<u32>().ok()
    };
    match v {
        Some(v) if v <= 0xFF => Ok(v as u8),
        _ => Err(format!(
            "`{s}` is not a byte value (0..255, 0FFH, 0xFF or $FF)"
        )),
    }
}

/// Runs `trs80 asm`.
pub fn run(args: AsmArgs) -> anyhow::Result<ExitCode> {
    let input = args.input.to_string_lossy().into_owned();
    let options = z80asm::Options {
        fill: args.fill,
        include_dirs: args
            .include_dirs
            .iter()
            .map(|d| d.to_string_lossy().into_owned())
            .collect(),
    };
    let out = match z80asm::assemble(&input, &z80asm::FsLoader, &options) {
        Ok(out) => out,
        Err(errors) => {
            eprintln!("{errors}");
            let n = errors.0.len();
            bail!(
                "{input}: {n} error{}; nothing written",
                if n == 1 { "" } else { "s" }
            );
        }
    };
    let bytes = match args.format {
        AsmFormat::Bin => out.image.clone(),
        AsmFormat::Cmd => out.to_cmd(),
    };
    std::fs::write(&args.output, &bytes)
        .with_context(|| format!("cannot write {}", args.output.display()))?;
    if let Some(p) = &args.listing {
        std::fs::write(p, &out.listing)
            .with_context(|| format!("cannot write listing {}", p.display()))?;
    }
    if let Some(p) = &args.symbols {
        std::fs::write(p, out.symbols.format())
            .with_context(|| format!("cannot write symbols {}", p.display()))?;
    }
    let end = out.origin as usize + out.image.len();
    let entry = out
        .entry
        .map(|e| format!(", entry {e:04X}H"))
        .unwrap_or_default();
    println!(
        "{}: {} bytes ({:04X}H-{:04X}H{entry}), {} symbols",
        args.output.display(),
        bytes.len(),
        out.origin,
        end.saturating_sub(1),
        out.symbols.len()
    );
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::parse_byte;

    #[test]
    fn fill_byte_forms() {
        assert_eq!(parse_byte("0"), Ok(0));
        assert_eq!(parse_byte("255"), Ok(255));
        assert_eq!(parse_byte("0E5H"), Ok(0xE5));
        assert_eq!(parse_byte("0x7f"), Ok(0x7F));
        assert_eq!(parse_byte("$10"), Ok(0x10));
        assert!(parse_byte("256").is_err());
        assert!(parse_byte("zz").is_err());
    }
}
