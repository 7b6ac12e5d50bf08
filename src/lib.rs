//! The `trs80` front ends: command line, window, terminal and headless runner.
//!
//! The binary (`src/main.rs`) only parses the command line and reports errors. Modules:
//! [`cli`] (options and subcommand dispatch), [`run`] (builds the machine and picks a
//! front end), [`window`], [`terminal`] and [`headless`] (the front ends), [`throttle`]
//! (real-time pacing), [`screen`] (text and pixel conversion), [`png_out`]
//! (screenshots). Subcommands and option groups owned by other parts of the emulator
//! live in their own modules, declared here.
#![warn(missing_docs)]

pub mod asm_cmd;
pub mod cli;
pub mod disk_cli;
pub mod files_cli;
pub mod headless;
pub mod line_edit;
pub mod monitor_cli;
pub mod png_out;
pub mod run;
pub mod screen;
pub mod serial_cli;
pub mod serial_host;
pub mod terminal;
pub mod throttle;
pub mod window;
