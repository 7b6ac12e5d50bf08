//! The TRS-80 Model I: memory map, keyboard, video, cassette, Expansion
//! Interface, RS-232-C board and the PEEK/POKE hex monitor.
//!
//! Build a [`Machine`] from a [`Config`] holding the ROM bytes, then drive it in
//! T-states ([`Machine::run_for`], [`Machine::run_frame`], [`Machine::step`]).
//!
//! The folders are the layers, each importing only those below it:
//!
//! | layer | what |
//! |---|---|
//! | [`monitor`] | the PEEK/POKE monitor with its line assembler |
//! | [`loader`] | putting programs, tapes and images into a running machine |
//! | [`machine`] | the façade, the board with the address decoder and scheduler, debugging |
//! | [`devices`] | one file per part of the hardware, plus the serial ends |
//! | [`formats`] | `.CAS`, `/CMD` and BASIC files as pure data |
//! | [`audio`] | the cassette port's signal resampled to host sound (beside the layers: uses the cassette's log and the clock) |
//! | [`clock`] | the T-state constants everything shares |
//!
//! The short paths of the earlier flat layout (`trs80_machine::keyboard`,
//! `trs80_machine::cas`, …) stay available as re-exports.
#![warn(missing_docs)]

pub mod audio;
pub mod clock;
pub mod devices;
pub mod formats;
pub mod loader;
pub mod machine;
pub mod monitor;

pub use devices::{cassette, expansion, font, keyboard, printer, rs232, serial, video};
pub use formats::{basic, cas, cmd, disk};
pub use machine::{debug, memory_map, rom};

pub use devices::keyboard::Key;
pub use machine::debug::{Debug, PortBreak, Watch};
pub use machine::rom::RomKind;
pub use machine::{Config, ConfigError, Machine, StopReason, CPU_HZ, T_PER_FRAME};
