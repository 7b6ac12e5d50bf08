//! What every front end of the emulator shares, the desktop ones (`src/frontend`) and the
//! web page (`crates/web`): the screen as text and in phosphor colours ([`screen`]), the
//! absolute-deadline pacing from emulated T-states to wall time ([`throttle`]), and the
//! logical keyboard map ([`keys`]). Nothing here reads files, opens windows or parses a
//! command line; it compiles for `wasm32-unknown-unknown` as it is.
#![warn(missing_docs)]

pub mod keys;
pub mod screen;
pub mod throttle;
