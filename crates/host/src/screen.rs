//! Turning the Model I's video RAM into text for terminals and files, and framebuffers
//! into host pixels.
//!
//! Video RAM is 1,024 bytes at 3C00H, 16 rows of 64 cells. A cell's code decides what
//! it shows (TRS-80 Model I Technical Reference Manual, "Video Display"; xtrs's manual page on
//! `-lowercase` and `-charset`):
//!
//! | code | shown |
//! | --- | --- |
//! | 00H–1FH | as 40H–5FH (bit 6 is rebuilt by a gate on a stock machine) |
//! | 20H–5FH | ASCII; 5BH–5EH are the arrows ↑ ↓ ← → on the Model I |
//! | 60H–7FH | stock machine: as 20H–3FH (bit 6 not stored); lower-case mod: a–z etc. |
//! | 80H–FFH | 2×3 block graphics: bit 0 top-left, 1 top-right, 2 middle-left, 3 middle-right, 4 bottom-left, 5 bottom-right (C0H–FFH repeat 80H–BFH) |
//!
//! Block graphics map exactly onto Unicode's "Symbols for Legacy Computing" sextants
//! (U+1FB00–U+1FB3B), whose "BLOCK SEXTANT-n…" numbering is the same left-to-right,
//! top-to-bottom order as the TRS-80's bits. Unicode leaves out the four patterns that
//! already exist: empty (space), full block (U+2588), left half (U+258C, bits 0,2,4) and
//! right half (U+2590, bits 1,3,5), so the sextant for pattern `p` is
//! `U+1FB00 + p − 1 − (p > 21) − (p > 42)`.
//!
//! In 32-column (wide) mode only the even cells are shown, each twice as wide; the text
//! forms show each even cell followed by a space.

/// Colour of the emulated CRT's phosphor.
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Phosphor {
    /// White (P4), as on the Model I's monitor.
    #[default]
    White,
    /// Green (P1).
    Green,
    /// Amber (P3).
    Amber,
}

/// Columns of the text screen.
pub const COLS: usize = 64;
/// Rows of the text screen.
pub const ROWS: usize = 16;

/// The Unicode character for a 2×3 block pattern (bits 0–5 as on the TRS-80).
pub fn sextant(pattern: u8) -> char {
    let p = u32::from(pattern & 0x3F);
    match p {
        0 => ' ',
        0x3F => '\u{2588}',
        0x15 => '\u{258C}',
        0x2A => '\u{2590}',
        _ => {
            let skipped = u32::from(p > 0x15) + u32::from(p > 0x2A);
            char::from_u32(0x1FB00 + p - 1 - skipped).unwrap_or('?')
        }
    }
}

/// The character a video cell shows, with or without the lower-case modification.
pub fn cell_char(code: u8, lowercase: bool) -> char {
    if code & 0x80 != 0 {
        return sextant(code);
    }
    let mut c = code & 0x7F;
    if c < 0x20 {
        c += 0x40;
    } else if c >= 0x60 && !lowercase {
        c -= 0x40;
    }
    match c {
        0x5B => '↑',
        0x5C => '↓',
        0x5D => '←',
        0x5E => '→',
        0x7F => ' ',
        _ => char::from(c),
    }
}

/// The screen as 16 lines of 64 characters (graphics as sextants).
pub fn screen_lines(vram: &[u8], wide: bool, lowercase: bool) -> Vec<String> {
    vram.chunks(COLS)
        .take(ROWS)
        .map(|row| {
            row.iter()
                .enumerate()
                .map(|(i, &code)| {
                    if wide && i % 2 == 1 {
                        ' '
                    } else {
                        cell_char(code, lowercase)
                    }
                })
                .collect()
        })
        .collect()
}

/// The RGB colour of lit dots for a phosphor.
pub fn phosphor_rgb(p: Phosphor) -> (u8, u8, u8) {
    match p {
        Phosphor::White => (0xFF, 0xFF, 0xFF),
        Phosphor::Green => (0x33, 0xFF, 0x66),
        Phosphor::Amber => (0xFF, 0xB0, 0x00),
    }
}

/// Tints a white-on-black 0x00RRGGBB pixel with the phosphor colour.
pub fn tint(pixel: u32, p: Phosphor) -> u32 {
    if p == Phosphor::White {
        return pixel & 0x00FF_FFFF;
    }
    let level = ((pixel >> 16) & 0xFF)
        .max((pixel >> 8) & 0xFF)
        .max(pixel & 0xFF);
    let (r, g, b) = phosphor_rgb(p);
    let scale = |c: u8| u32::from(c) * level / 255;
    (scale(r) << 16) | (scale(g) << 8) | scale(b)
}

/// Scales a `w`×`h` framebuffer by `sx`×`sy` (integer, nearest neighbour) and tints it.
pub fn scale_tint(src: &[u32], w: usize, h: usize, sx: usize, sy: usize, p: Phosphor) -> Vec<u32> {
    let mut out = Vec::with_capacity(w * sx * h * sy);
    for y in 0..h {
        let row_start = out.len();
        for &px in &src[y * w..(y + 1) * w] {
            let c = tint(px, p);
            out.extend(std::iter::repeat_n(c, sx));
        }
        let row_end = out.len();
        for _ in 1..sy {
            out.extend_from_within(row_start..row_end);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Code points read from the Unicode 13 chart names "BLOCK SEXTANT-…".
    #[test]
    fn sextants_match_unicode_names() {
        // (positions lit as in the Unicode name, code point)
        let table: [(&[u8], u32); 8] = [
            (&[1], 0x1FB00),
            (&[2], 0x1FB01),
            (&[1, 2], 0x1FB02),
            (&[3, 5], 0x1FB13),
            (&[2, 3, 5], 0x1FB14),
            (&[1, 4, 6], 0x1FB27),
            (&[1, 2, 4, 6], 0x1FB28),
            (&[2, 3, 4, 5, 6], 0x1FB3B),
        ];
        for (cells, cp) in table {
            let bits = cells.iter().fold(0u8, |b, &n| b | 1 << (n - 1));
            assert_eq!(sextant(bits) as u32, cp, "cells {cells:?}");
        }
        assert_eq!(sextant(0), ' ');
        assert_eq!(sextant(0b111111), '█');
        assert_eq!(sextant(0b010101), '▌');
        assert_eq!(sextant(0b101010), '▐');
    }

    #[test]
    fn all_64_patterns_are_distinct_and_in_range() {
        let mut seen = std::collections::HashSet::new();
        for p in 0..64u8 {
            let c = sextant(p);
            assert!(seen.insert(c), "pattern {p} repeats {c}");
            let cp = c as u32;
            assert!(
                (0x1FB00..=0x1FB3B).contains(&cp) || [0x20, 0x2588, 0x258C, 0x2590].contains(&cp)
            );
        }
        // C0H-FFH show the same as 80H-BFH.
        assert_eq!(cell_char(0xC5, false), cell_char(0x85, false));
    }

    #[test]
    fn text_codes_follow_the_stock_character_generator() {
        assert_eq!(cell_char(b'A', false), 'A');
        assert_eq!(cell_char(0x01, false), 'A');
        assert_eq!(cell_char(b'a', false), '!');
        assert_eq!(cell_char(b'a', true), 'a');
        assert_eq!(cell_char(0x5B, false), '↑');
        assert_eq!(cell_char(b'_', false), '_');
    }

    #[test]
    fn lines_and_wide_mode() {
        let mut vram = [b' '; 1024];
        vram[..5].copy_from_slice(b"HELLO");
        vram[64] = 0xBF;
        let lines = screen_lines(&vram, false, false);
        assert_eq!(lines.len(), 16);
        assert!(lines[0].starts_with("HELLO "));
        assert_eq!(lines[0].chars().count(), 64);
        assert!(lines[1].starts_with('█'));
        let wide = screen_lines(&vram, true, false);
        assert!(wide[0].starts_with("H L O "));
    }

    #[test]
    fn tint_and_scale() {
        assert_eq!(tint(0xFFFFFF, Phosphor::Amber), 0xFFB000);
        assert_eq!(tint(0, Phosphor::Green), 0);
        let out = scale_tint(&[0xFFFFFF, 0], 2, 1, 2, 3, Phosphor::White);
        assert_eq!(out.len(), 12);
        assert_eq!(&out[..4], &[0xFFFFFF, 0xFFFFFF, 0, 0]);
        assert_eq!(&out[8..], &[0xFFFFFF, 0xFFFFFF, 0, 0]);
    }
}
