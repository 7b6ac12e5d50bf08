//! The front ends. Each turns its host's input into [`crate::session::HostCommand`]s for the
//! session and shows the frames; none of them knows what a function key does, writes an
//! output file, or starts another front end.
//!
//! | file | shows the machine |
//! |---|---|
//! | [`headless`] | nowhere: runs to the stop rule as fast as the host allows |
//! | [`terminal`] | in a text terminal, keys in raw mode |
//! | [`window`] | in an X11 window at the real dot geometry |

pub mod headless;
pub mod terminal;
pub mod window;
