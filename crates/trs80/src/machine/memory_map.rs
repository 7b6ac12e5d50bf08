//! The Model I address map and port numbers, as named constants.
//!
//! Follows the TRS-80 Model I Technical Reference Manual (26-2103), "Memory
//! Map" and "Input/Output". The decoding itself is `Board::decode` in `machine/board.rs`.
//!
//! | range          | device                                             |
//! |----------------|----------------------------------------------------|
//! | 0000H–2FFFH    | ROM (12 KB sockets; a smaller image leaves FFH)     |
//! | 3000H–37DFH    | unused: reads FFH, writes ignored                   |
//! | 37E0H–37E3H    | Expansion Interface: read interrupt latch, write drive select |
//! | 37E4H–37E7H    | Expansion Interface: cassette select latch (write)  |
//! | 37E8H–37EBH    | parallel printer: read status, write data           |
//! | 37ECH–37EFH    | floppy controller (FD1771) registers                |
//! | 3800H–3BFFH    | keyboard matrix (A0–A7 select rows, 3900H+ mirror)  |
//! | 3C00H–3FFFH    | video RAM, 64 × 16                                  |
//! | 4000H–FFFFH    | RAM, 4/16/32/48 KB from 4000H; above it reads FFH   |
//!
//! | port      | device                                                   |
//! |-----------|----------------------------------------------------------|
//! | FFH       | cassette (bits 0–2, 7) and 32-column mode (bit 3 / bit 6) |
//! | E8H–EBH   | RS-232-C board, when fitted                              |
//! | others    | nothing: reads FFH, writes ignored                       |

/// First ROM address.
pub const ROM_START: u16 = 0x0000;
/// Largest ROM the sockets hold (12 KB, 0000H–2FFFH).
pub const ROM_MAX: usize = 0x3000;
/// First address of the unused gap (reads FFH).
pub const GAP_START: u16 = 0x3000;
/// Expansion Interface interrupt latch (read) / drive select latch (write), 37E0H–37E3H.
pub const INT_LATCH: u16 = 0x37E0;
/// Expansion Interface cassette select latch, 37E4H–37E7H.
pub const CASSETTE_SELECT: u16 = 0x37E4;
/// Parallel printer status (read) / data (write), 37E8H–37EBH.
pub const PRINTER: u16 = 0x37E8;
/// FD1771 command/status register, 37ECH (track 37EDH, sector 37EEH, data 37EFH).
pub const FDC: u16 = 0x37EC;
/// Keyboard matrix, 3800H–3BFFH.
pub const KEYBOARD: u16 = 0x3800;
/// Video RAM, 3C00H–3FFFH.
pub const VIDEO: u16 = 0x3C00;
/// Size of video RAM.
pub const VIDEO_SIZE: usize = 0x400;
/// First RAM address.
pub const RAM_START: u16 = 0x4000;

/// Level II RST 38H (maskable interrupt) RAM vector.
pub const INT_VECTOR: u16 = 0x4012;

/// Cassette and video-mode port.
pub const PORT_FF: u8 = 0xFF;
/// First port of the RS-232-C board.
pub const PORT_RS232_FIRST: u8 = 0xE8;
/// Last port of the RS-232-C board.
pub const PORT_RS232_LAST: u8 = 0xEB;

/// What an undriven data bus reads as (pull-ups): FFH.
pub const FLOATING_BUS: u8 = 0xFF;
