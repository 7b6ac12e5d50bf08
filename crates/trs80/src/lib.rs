//! The TRS-80 Model I: memory map, keyboard, video, cassette, Expansion
//! Interface, RS-232-C board and the PEEK/POKE hex monitor.
#![warn(missing_docs)]

pub mod basic;
pub mod cas;
pub mod cassette;
pub mod cmd;
pub mod loader;
pub mod rs232;
