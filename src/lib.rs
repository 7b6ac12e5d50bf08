//! The `trs80` front ends: command line, window, terminal and headless runner.
//!
//! The binary (`src/main.rs`) only parses the command line and reports errors. Modules:
//! [`cli`] (options and subcommand dispatch), [`run`] (chooses and runs a front end),
//! [`throttle`] (real-time pacing). Subcommands and option groups owned by other parts
//! of the emulator live in their own modules, declared here.
#![warn(missing_docs)]

pub mod asm_cmd;
pub mod cli;
pub mod run;
pub mod throttle;
