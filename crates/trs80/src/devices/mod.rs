//! The parts of the Model I and what plugs into them, one file each. Every file opens with the
//! public manual it follows, a table of its addresses, ports and bits, and what it does not
//! emulate. A device knows only its own registers and the T-state of each access; the board
//! ([`crate::machine`]) decides which device an address or port reaches and asks each timed
//! device when its next event is due.
//!
//! | file | part |
//! |---|---|
//! | [`keyboard`] | the key matrix at 3800H and the timed key queue |
//! | [`video`], [`font`] | video RAM at 3C00H, 64/32 columns, the character generator |
//! | [`cassette`] | the cassette interface on port FFH and a deck |
//! | [`fd1771`], [`drives`] | the floppy disk controller at 37ECH and the drives behind it |
//! | [`expansion`] | the Expansion Interface latches and 40 Hz clock at 37E0H |
//! | [`printer`] | the parallel printer port at 37E8H |
//! | [`rs232`] | the RS-232-C board at ports E8H–EBH |
//! | [`serial`] | the serial line and the ends plugged into the board |

pub mod cassette;
pub mod drives;
pub mod expansion;
pub mod fd1771;
pub mod font;
pub mod keyboard;
pub mod printer;
pub mod rs232;
pub mod serial;
pub mod video;
