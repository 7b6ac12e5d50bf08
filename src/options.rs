//! Command-line options: `trs80 [OPTIONS] [FILE]` plus subcommands. Only the clap structs
//! live here; nothing in this file runs anything, and nothing at run time parses arguments
//! again.
//!
//! - [`Cli`] is the top level. Running the emulator takes [`RunArgs`]; tools are
//!   subcommands of [`Command`]. Options and subcommands don't mix
//!   (`args_conflicts_with_subcommands`).
//! - [`MachineArgs`] (`--rom`, `--ram`) is shared: flattened into [`RunArgs`] and
//!   [`MonitorArgs`], so `trs80` and `trs80 monitor` build the same machine from the same
//!   words.
//! - The option groups of the printers and serial port ([`crate::serial_cli::SerialArgs`]),
//!   program files ([`crate::files_cli::FileArgs`]) and the assembler
//!   ([`crate::asm_cmd::AsmArgs`]) are declared next to the code that parses their values,
//!   and flattened in here; those modules import nothing from this one.
//! - `app.rs` dispatches on [`Command`].

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

pub use crate::screen::Phosphor;

/// Examples shown at the end of `trs80 --help`.
const EXAMPLES: &str = "\
Examples:
  trs80                                   boot the built-in ROM in a window (or the terminal)
  trs80 --rom ~/roms/level2.rom           boot a Level II ROM image (or set TRS80_ROM)
  trs80 --frontend terminal               run inside the terminal (e.g. over SSH)
  trs80 --turbo                           run as fast as the host allows
  trs80 --speed 200 --scale 3 --phosphor green
  trs80 --frontend headless --type 'PRINT 2+2\\n' --until ' 4' --screen-out screen.txt
  trs80 --frontend headless --run-for 2 --screenshot boot.png
  trs80 --save-state game.state           save the machine at exit; --load-state game.state resumes
  trs80 --frontend headless --run-for 5 --sound-out tune.wav   record the sound
  trs80 web --port 8080                   serve the web build (bash web/build.sh) to a browser

In --type (also for `trs80 monitor`), `\\n` and `\\r` are ENTER and `\\\\` is a backslash.
--until waits for text that appears after the typing is done.
Keys in the window and terminal: F1 BREAK (also Esc), F2 CLEAR (also Home), F5 paste a text
file (--paste-file), F6 save state, F7 load it back, F8 monitor, F9 turbo on/off, F10 reset,
F12 screenshot.";

/// TRS-80 Model I emulator (Z80 at 1.77408 MHz, 64×16 screen, Level II ROM compatible).
///
/// Runs the emulated computer in a window, in the terminal, or headless for scripts
/// and tests. Without --rom (or TRS80_ROM) it boots the project's own free ROM.
#[derive(Parser, Debug)]
#[command(
    name = "trs80",
    version,
    about,
    long_about,
    after_help = EXAMPLES,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// A tool to run instead of the emulator.
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Options for running the emulator.
    #[command(flatten)]
    pub run: RunArgs,
}

/// Tools that run instead of the emulator.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Assemble a Z80 source file (Zilog syntax) into a binary or /CMD file.
    Asm(crate::asm_cmd::AsmArgs),
    /// The PEEK/POKE hex monitor with a line assembler, on a fresh machine
    /// (interactive, or --script FILE).
    Monitor(MonitorArgs),
    /// Make, inspect and read floppy disk images (JV1, JV3, DMK).
    Disk(crate::disk_cli::DiskCmd),
    /// Serve the emulator's web page (`web/dist`, built by `bash web/build.sh`) on
    /// 127.0.0.1 for a browser.
    Web(crate::web_serve::WebArgs),
}

/// Which front end shows the emulated computer.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Frontend {
    /// A desktop window (X11) with real dot geometry.
    Window,
    /// The screen drawn in this terminal; keys read in raw mode.
    Terminal,
    /// No display and no terminal control: for scripts, CI and tests.
    Headless,
}

/// Options for running the emulator.
#[derive(clap::Args, Debug, Clone)]
pub struct RunArgs {
    /// Program to load after boot (.bas/.cas/.cmd), or a disk image (JV1/JV3/DMK) to put in
    /// drive 0 and boot.
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,

    /// ROM and RAM.
    #[command(flatten)]
    pub machine: MachineArgs,

    /// Run as fast as the host allows (toggle with F9 in the window).
    #[arg(long)]
    pub turbo: bool,

    /// Speed in percent of the real 1.77408 MHz (ignored with --turbo; headless runs
    /// always run as fast as the host allows, timed in emulated T-states).
    #[arg(long, value_name = "PCT", default_value_t = DEFAULT_SPEED,
          value_parser = clap::value_parser!(u32).range(1..=10_000))]
    pub speed: u32,

    /// Front end. Default: window when a display is available, else (or when the window
    /// cannot open) terminal.
    #[arg(long, value_enum)]
    pub frontend: Option<Frontend>,

    /// Window scale: each emulated dot becomes SCALE×(2·SCALE) host pixels.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_SCALE,
          value_parser = clap::value_parser!(u32).range(1..=8))]
    pub scale: u32,

    /// Phosphor colour of the window and screenshots.
    #[arg(long, value_enum, default_value_t = Phosphor::White)]
    pub phosphor: Phosphor,

    /// Keys to type after boot; `\n` (or `\r`) is ENTER, `\\` a backslash.
    #[arg(long = "type", value_name = "TEXT")]
    pub type_text: Option<String>,

    /// Type the contents of a text file after boot (after --type).
    #[arg(long, value_name = "FILE")]
    pub type_file: Option<PathBuf>,

    /// Text file typed when F5 is pressed in the window.
    #[arg(long, value_name = "FILE")]
    pub paste_file: Option<PathBuf>,

    /// Stop after this many emulated seconds (headless: default 10 when --until is absent).
    #[arg(long, value_name = "SECONDS", allow_negative_numbers = true)]
    pub run_for: Option<f64>,

    /// Stop successfully when this text appears on the screen (after typing is done).
    #[arg(long, value_name = "TEXT")]
    pub until: Option<String>,

    /// On exit, write the screen as text (16 lines of 64 characters) to FILE (`-`: stdout).
    #[arg(long, value_name = "FILE")]
    pub screen_out: Option<PathBuf>,

    /// On exit, write the screen as a PNG image at --scale (F12 in the window writes one too).
    #[arg(long, value_name = "FILE.png")]
    pub screenshot: Option<PathBuf>,

    /// Boot (as --rom/--ram/--type say), then run the monitor commands in FILE
    /// non-interactively and print the transcript.
    #[arg(long, value_name = "FILE")]
    pub monitor_script: Option<PathBuf>,
    /// Printers and the RS-232-C board (`--printer`, `--serial`, `--rs232-switches`).
    #[command(flatten)]
    pub serial: crate::serial_cli::SerialArgs,
    /// Program files and the cassette deck.
    #[command(flatten)]
    pub files: crate::files_cli::FileArgs,
    /// Floppy disks (`--disk0` … `--disk3`, `--write-protect`).
    #[command(flatten)]
    pub disks: crate::disk_cli::DiskArgs,
    /// Save states (`--load-state`, `--save-state`).
    #[command(flatten)]
    pub state: crate::state_cli::StateArgs,
    /// Sound (`--sound-out`, `--no-sound`, `--mute-tape`, `--audio-device`).
    #[command(flatten)]
    pub sound: crate::sound_cli::SoundArgs,
}

/// The machine both `trs80` and `trs80 monitor` build.
#[derive(clap::Args, Debug, Clone)]
pub struct MachineArgs {
    /// ROM image to boot (2, 4, 8 or 12 KB; a shorter image is padded with FFH). Default:
    /// the built-in free ROM.
    #[arg(long, value_name = "PATH", env = "TRS80_ROM")]
    pub rom: Option<PathBuf>,

    /// RAM size in KB: 4, 16, 32 or 48 (above 16 implies the Expansion Interface).
    #[arg(long, value_name = "KB", default_value_t = DEFAULT_RAM_KB)]
    pub ram: u16,

    /// The lower-case modification: video RAM keeps bit 6, so codes 60H-7FH show lower
    /// case (in the window, the terminal, screenshots, --screen-out and --until).
    #[arg(long)]
    pub lowercase: bool,
}

impl Default for MachineArgs {
    fn default() -> Self {
        MachineArgs {
            rom: None,
            ram: DEFAULT_RAM_KB,
            lowercase: false,
        }
    }
}

/// RAM size when `--ram` is not given.
pub const DEFAULT_RAM_KB: u16 = 48;
/// `--speed` when not given, in percent.
pub const DEFAULT_SPEED: u32 = 100;
/// `--scale` when not given.
pub const DEFAULT_SCALE: u32 = 2;

impl RunArgs {
    /// The options of a plain `trs80` run on `machine`: what the command line gives when
    /// nothing else is said (used when `trs80 monitor` hands its machine to a front end).
    pub fn defaults(machine: MachineArgs) -> RunArgs {
        RunArgs {
            file: None,
            machine,
            turbo: false,
            speed: DEFAULT_SPEED,
            frontend: None,
            scale: DEFAULT_SCALE,
            phosphor: Phosphor::default(),
            type_text: None,
            type_file: None,
            paste_file: None,
            run_for: None,
            until: None,
            screen_out: None,
            screenshot: None,
            monitor_script: None,
            serial: Default::default(),
            files: Default::default(),
            disks: Default::default(),
            state: Default::default(),
            sound: Default::default(),
        }
    }
}

/// `trs80 monitor`: open the monitor on a fresh machine.
#[derive(clap::Args, Debug, Clone)]
pub struct MonitorArgs {
    /// Run the monitor commands in FILE (one a line) instead of reading the
    /// keyboard; prints the transcript and fails on the first rejected line.
    #[arg(long, value_name = "FILE")]
    pub script: Option<PathBuf>,

    /// ROM and RAM.
    #[command(flatten)]
    pub machine: MachineArgs,

    /// Run the machine this many emulated seconds before the monitor opens
    /// (e.g. 2 to let BASIC boot).
    #[arg(long, value_name = "SECONDS", default_value_t = 0.0)]
    pub boot: f64,

    /// Keys to type (after --boot) before the monitor opens; the same escapes as
    /// `trs80 --type`: `\n` (or `\r`) is ENTER, `\\` a backslash.
    #[arg(long = "type", value_name = "TEXT")]
    pub type_text: Option<String>,

    /// Directory that `load` and `save` use for relative names (default: the current one).
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,

    /// Symbol file (as written by `trs80 asm --symbols`): its labels work as addresses.
    #[arg(long, value_name = "FILE")]
    pub symbols: Option<PathBuf>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn parses_run_options() {
        let cli = Cli::try_parse_from([
            "trs80",
            "--frontend",
            "headless",
            "--type",
            "PRINT 1\\n",
            "--until",
            "READY",
            "--speed",
            "150",
            "prog.bas",
        ])
        .unwrap();
        assert!(cli.command.is_none());
        assert_eq!(cli.run.frontend, Some(Frontend::Headless));
        assert_eq!(cli.run.type_text.as_deref(), Some("PRINT 1\\n"));
        assert_eq!(cli.run.speed, 150);
        assert_eq!(cli.run.file, Some(PathBuf::from("prog.bas")));
    }

    #[test]
    fn defaults_match_an_empty_command_line() {
        let parsed = Cli::try_parse_from(["trs80"]).unwrap().run;
        let made = RunArgs::defaults(MachineArgs {
            rom: parsed.machine.rom.clone(),
            ..MachineArgs::default()
        });
        assert_eq!(format!("{parsed:?}"), format!("{made:?}"));
    }

    #[test]
    fn run_and_monitor_share_the_machine_options() {
        let run = Cli::try_parse_from(["trs80", "--rom", "a.rom", "--ram", "16"]).unwrap();
        let Some(Command::Monitor(mon)) =
            Cli::try_parse_from(["trs80", "monitor", "--rom", "a.rom", "--ram", "16"])
                .unwrap()
                .command
        else {
            panic!("monitor subcommand");
        };
        assert_eq!(run.run.machine.rom, mon.machine.rom);
        assert_eq!((run.run.machine.ram, mon.machine.ram), (16, 16));
    }

    #[test]
    fn rejects_bad_values() {
        assert!(Cli::try_parse_from(["trs80", "--speed", "0"]).is_err());
        assert!(Cli::try_parse_from(["trs80", "--frontend", "tv"]).is_err());
        assert!(Cli::try_parse_from(["trs80", "--scale", "99"]).is_err());
    }
}
