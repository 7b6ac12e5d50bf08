//! File formats of the Model I, as pure data: parsing and writing bytes, nothing of the
//! machine. The loader ([`crate::loader`]) puts them into a running machine.
//!
//! | file | format |
//! |---|---|
//! | [`cas`] | `.CAS` cassette images (BASIC and SYSTEM tapes) |
//! | [`cmd`] | `/CMD` load-module files and plain memory images |
//! | [`basic`] | tokenised Level II BASIC programs, and their text form |
//! | [`disk`] | floppy disk images (JV1, JV3, DMK) |
//! | [`state`] | the reader, writer and error of save states |

pub mod basic;
pub mod cas;
pub mod cmd;
pub mod disk;
pub mod state;
