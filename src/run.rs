//! Runs the emulator with the chosen front end (window, terminal or headless).
//!
//! Shared by all front ends: reading the ROM, building the machine, the text to type
//! after boot, the stop conditions (`--run-for`, `--until`) and the files written on
//! exit (`--screen-out`, `--screenshot`).

use std::path::Path;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use trs80_machine::{video, Config, Machine, CPU_HZ};

use crate::cli::{Frontend, RunArgs};

/// Name of the built-in ROM in the `roms` crate.
pub const BUILTIN_ROM: &str = "free";

/// Reads the ROM image named by `--rom`/`TRS80_ROM`, or returns the built-in ROM.
pub fn read_rom(args: &RunArgs) -> Result<Vec<u8>> {
    match &args.rom {
        Some(path) => {
            std::fs::read(path).with_context(|| format!("cannot read ROM image {}", path.display()))
        }
        None => builtin_rom(),
    }
}

/// The built-in free ROM image (`roms/free/`, assembled at build time).
pub fn builtin_rom() -> Result<Vec<u8>> {
    let rom = roms::get(BUILTIN_ROM).context("this build has no built-in ROM")?;
    Ok(rom.image.to_vec())
}

/// Builds the machine the options describe.
pub fn build_machine(args: &RunArgs, rom: &[u8]) -> Result<Machine> {
    let config = Config {
        rom,
        ram_kib: args.ram,
        expansion_interface: args.ram > 16,
        rs232: args.serial.needs_rs232(),
        ..Config::default()
    };
    let what = match &args.rom {
        Some(p) => format!("cannot boot ROM {}", p.display()),
        None => "cannot boot the built-in ROM".to_string(),
    };
    Machine::new(&config).context(what)
}

/// Turns the `\n` escapes of `--type` into line ends (`\\` is a backslash).
pub fn unescape_typed(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') | Some('r') => out.push('\n'),
            Some('\\') => out.push('\\'),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// The keystrokes to type after boot: `--type` then the contents of `--type-file`.
pub fn typed_input(args: &RunArgs) -> Result<String> {
    let mut text = args
        .type_text
        .as_deref()
        .map(unescape_typed)
        .unwrap_or_default();
    if let Some(path) = &args.type_file {
        let file = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read --type-file {}", path.display()))?;
        text.push_str(&file);
    }
    Ok(text)
}

/// Frames the screen must stay unchanged (and not blank) before typing starts.
const BOOT_STABLE_FRAMES: u32 = 15;
/// Longest wait for the boot screen before typing anyway (10 emulated seconds).
const BOOT_MAX_FRAMES: u32 = 600;

/// Runs the machine until its boot screen has settled (not blank and unchanged for a
/// quarter of a second), so that `--type` keys go to the first prompt (Level II's
/// MEMORY SIZE?, the free ROM's `>`) instead of being read while the ROM starts up.
pub fn wait_for_boot(m: &mut Machine) {
    let mut last = m.screen_text();
    let mut stable = 0;
    for _ in 0..BOOT_MAX_FRAMES {
        m.run_frame();
        let now = m.screen_text();
        if now == last && now.chars().any(|c| !c.is_whitespace()) {
            stable += 1;
            if stable >= BOOT_STABLE_FRAMES {
                return;
            }
        } else {
            stable = 0;
            last = now;
        }
    }
}

/// Converts `--run-for` seconds into emulated T-states.
pub fn seconds_to_t(seconds: f64) -> Result<u64> {
    if !seconds.is_finite() || !(0.0..=1.0e7).contains(&seconds) {
        bail!("--run-for {seconds}: give a number of seconds between 0 and 10000000");
    }
    Ok((seconds * CPU_HZ as f64).round() as u64)
}

/// When a run stops on its own.
#[derive(Debug, Clone)]
pub struct StopRule {
    /// Stop (successfully, unless `until` is set) at this T-state.
    pub limit_t: Option<u64>,
    /// Stop successfully when this text is on the screen and typing is done.
    pub until: Option<String>,
}

/// What a stop rule says after a frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Keep running.
    Continue,
    /// Stop; the run succeeded.
    Done,
    /// Stop; the run failed with this message.
    Failed(String),
}

impl StopRule {
    /// The stop rule from the options; `default_secs` applies when neither `--run-for`
    /// nor `--until` is given (headless), and as the timeout of `--until`.
    pub fn from_args(args: &RunArgs, default_secs: Option<f64>, start_t: u64) -> Result<Self> {
        let secs = match (args.run_for, &args.until) {
            (Some(s), _) => Some(s),
            (None, Some(_)) => default_secs.map(|d| d.max(60.0)),
            (None, None) => default_secs,
        };
        let limit_t = match secs {
            Some(s) => Some(start_t + seconds_to_t(s)?),
            None => None,
        };
        if let Some(u) = &args.until {
            if u.is_empty() {
                bail!("--until needs a non-empty text");
            }
        }
        Ok(Self {
            limit_t,
            until: args.until.clone(),
        })
    }

    /// Checks the machine after a frame.
    pub fn check(&self, m: &Machine) -> Verdict {
        if let Some(text) = &self.until {
            if !m.typing_pending() && m.screen_text().contains(text.as_str()) {
                return Verdict::Done;
            }
        }
        match self.limit_t {
            Some(limit) if m.t_states() >= limit => match &self.until {
                Some(text) => Verdict::Failed(format!(
                    "--until: {text:?} did not appear on the screen within {:.1} emulated seconds; the screen shows:\n{}",
                    limit as f64 / CPU_HZ as f64,
                    m.screen_text()
                )),
                None => Verdict::Done,
            },
            _ => Verdict::Continue,
        }
    }
}

/// Writes `--screen-out` and `--screenshot` if asked for.
pub fn write_outputs(args: &RunArgs, m: &Machine) -> Result<()> {
    if let Some(path) = &args.screen_out {
        let mut text = m.screen_text();
        text.push('\n');
        std::fs::write(path, text)
            .with_context(|| format!("cannot write --screen-out {}", path.display()))?;
    }
    if let Some(path) = &args.screenshot {
        save_screenshot(path, m, args)?;
    }
    Ok(())
}

/// Writes a PNG screenshot of the machine's screen.
pub fn save_screenshot(path: &Path, m: &Machine, args: &RunArgs) -> Result<()> {
    let mut fb = vec![0u32; video::SCREEN_W * video::SCREEN_H];
    m.render(&mut fb);
    crate::png_out::write_screenshot(path, &fb, video::SCREEN_W, video::SCREEN_H, args.phosphor)
}

/// True when an X11 or Wayland display is available for a window.
pub fn display_available() -> bool {
    ["DISPLAY", "WAYLAND_DISPLAY"]
        .iter()
        .any(|v| std::env::var_os(v).is_some_and(|s| !s.is_empty()))
}

/// Runs the emulator as the options say.
pub fn run(args: &RunArgs) -> Result<ExitCode> {
    let rom = read_rom(args)?;
    let mut machine = build_machine(args, &rom)?;
    // FILE, --cassette, --cassette-out: loaded before the front end starts (see files_cli).
    let mut files =
        crate::files_cli::load_program(&mut machine, args.file.as_deref(), &args.files)?;
    // --printer, --serial: ends plugged in before the run (see serial_cli).
    let mut serial = args.serial.attach(&mut machine)?;
    let typed = typed_input(args)?;
    if !typed.is_empty() {
        wait_for_boot(&mut machine);
        machine.type_text(&typed);
    }
    // Monitor hook (monitor_cli): --monitor-script runs monitor commands instead of a front end.
    if let Some(script) = &args.monitor.monitor_script {
        let code = crate::monitor_cli::run_script_option(&mut machine, script, args.run_for)?;
        files.finish(&mut machine)?;
        return Ok(code);
    }
    let frontend = args.frontend.unwrap_or(if display_available() {
        Frontend::Window
    } else {
        Frontend::Terminal
    });
    let code = match frontend {
        Frontend::Headless => crate::headless::run(args, &mut machine),
        Frontend::Terminal => crate::terminal::run(args, &mut machine),
        Frontend::Window => crate::window::run(args, &mut machine),
    }?;
    files.finish(&mut machine)?;
    serial.finish(&mut machine)?;
    Ok(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unescape() {
        assert_eq!(unescape_typed(r"PRINT 1\nLIST\n"), "PRINT 1\nLIST\n");
        assert_eq!(unescape_typed(r"A\\B\x"), r"A\B\x");
        assert_eq!(unescape_typed("tail\\"), "tail\\");
    }

    #[test]
    fn run_for_bounds() {
        assert_eq!(seconds_to_t(1.0).unwrap(), CPU_HZ);
        assert_eq!(seconds_to_t(0.5).unwrap(), CPU_HZ / 2);
        assert!(seconds_to_t(-1.0).is_err());
        assert!(seconds_to_t(f64::NAN).is_err());
    }
}
