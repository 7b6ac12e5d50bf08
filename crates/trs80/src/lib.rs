//! The TRS-80 Model I: memory map, keyboard, video, cassette, Expansion
//! Interface, RS-232-C board and the PEEK/POKE hex monitor.
//!
//! Build a [`Machine`] from a [`Config`] holding the ROM bytes, then drive it in
//! T-states ([`Machine::run_for`], [`Machine::run_frame`], [`Machine::step`]).
#![warn(missing_docs)]

pub mod basic;
pub mod cas;
pub mod cassette;
pub mod cmd;
pub mod debug;
pub mod expansion;
pub mod font;
pub mod keyboard;
pub mod loader;
pub mod machine;
pub mod memory_map;
pub mod monitor;
pub mod printer;
pub mod rom;
pub mod rs232;
pub mod serial;
pub mod video;

/// Devices of the Expansion Interface's disk system.
pub mod devices {
    pub mod drives;
    pub mod fd1771;
}
/// File formats: floppy disk images.
pub mod formats {
    pub mod disk;
}
pub use formats::disk;

pub use debug::{Debug, PortBreak, Watch};
pub use keyboard::Key;
pub use machine::{Config, ConfigError, Machine, StopReason, CPU_HZ, T_PER_FRAME};
pub use rom::RomKind;
