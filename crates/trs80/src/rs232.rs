//! The Radio Shack RS-232-C Interface (26-1145) for the Model I, ports E8H–EBH.
//!
//! Placeholder: the UART model lands with the RS-232-C issue. The machine calls
//! exactly these methods from its I/O decode for ports E8H–EBH.

/// The RS-232-C board.
#[derive(Debug, Default)]
pub struct Rs232 {
    _private: (),
}

impl Rs232 {
    /// A board with nothing plugged in.
    pub fn new() -> Self {
        Self::default()
    }

    /// IN from port `port` (E8H–EBH) at T-state `t`.
    pub fn io_read(&mut self, port: u8, t: u64) -> u8 {
        let _ = (port, t);
        0xFF
    }

    /// OUT to port `port` (E8H–EBH) at T-state `t`.
    pub fn io_write(&mut self, port: u8, value: u8, t: u64) {
        let _ = (port, value, t);
    }
}
