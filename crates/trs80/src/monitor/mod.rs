//! The PEEK/POKE hex monitor (work in progress).

pub mod cmdfile;
pub mod help;
pub mod loader;
pub mod number;
