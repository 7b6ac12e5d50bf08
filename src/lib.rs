//! The `trs80` application: command line, session and front ends.
//!
//! The binary (`src/main.rs`) only parses the command line and reports errors. The modules
//! are layers; each imports only those listed after it (`tests/layers.rs` checks there is no
//! circle):
//!
//! | module | what |
//! |---|---|
//! | [`app`] | the one dispatcher: emulator, `trs80 monitor`, `trs80 asm` |
//! | [`frontend`] | headless, terminal and window: host input → [`session::HostCommand`], frames out |
//! | [`session`] | the machine and everything attached to it; `finish` writes every output |
//! | [`options`] | the clap structs |
//! | [`files_cli`], [`serial_cli`] | program files and cassettes; printers and the serial port |
//! | [`state_cli`], [`sound_cli`] | save states; sound to a WAV file and live ([`alsa`], loaded at run time) |
//! | [`monitor_cli`] | the monitor in a terminal |
//! | [`web_serve`] | `trs80 web`: the web build served on 127.0.0.1 |
//! | [`asm_cmd`], [`throttle`], [`line_edit`], [`screen`], [`png_out`], [`serial_host`], [`until`], [`outputs`] | helpers that import nothing above them |
#![warn(missing_docs)]

pub mod alsa;
pub mod app;
pub mod asm_cmd;
pub mod disk_cli;
pub mod files_cli;
pub mod frontend;
pub mod line_edit;
pub mod monitor_cli;
pub mod options;
pub mod outputs;
pub mod png_out;
pub mod serial_cli;
pub mod serial_host;
pub mod session;
pub mod sound_cli;
pub mod state_cli;
pub mod until;
pub mod web_serve;

// Shared with the web front end (crates/web): see the `trs80-host` crate.
pub use trs80_host::{screen, throttle};
