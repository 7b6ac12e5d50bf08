//! The Model I video: 1 KB of text RAM at 3C00H–3FFFH shown as 16 lines of 64
//! (or 32) characters in 6 × 12 dot cells, with 2 × 3 block graphics.
//!
//! Follows the TRS-80 Model I Technical Reference Manual, "Video Display",
//! cross-checked against xtrs's manual page (`-lowercase`, `-charset`).
//!
//! | item                 | behaviour                                                    |
//! |----------------------|--------------------------------------------------------------|
//! | 3C00H + 64·row + col | character at (row 0–15, col 0–63)                            |
//! | port FFH bit 3 (OUT) | 1 = 32-column mode: even addresses only, each char 12 dots wide |
//! | port FFH bit 6 (IN)  | NOT bit 3 (read back in `machine/board.rs`)                        |
//! | bit 6, stock machine | not stored; reads back as NOT(bit 5 OR bit 7) (the gate in Z30) |
//! | bit 6, lower-case mod| stored; 60H–7FH show lower case                              |
//! | 00H–1FH              | shown as 40H–5FH                                             |
//! | 20H–7FH              | glyphs from [`crate::devices::font`]                                  |
//! | 80H–BFH, C0H–FFH     | graphics: bits 0–5 light the 2 × 3 blocks (C0H–FFH = 80H–BFH) |
//!
//! Graphics blocks, each 3 dots wide × 4 lines high in the 6 × 12 cell:
//!
//! | | left | right |
//! |-|------|-------|
//! | top    | bit 0 | bit 1 |
//! | middle | bit 2 | bit 3 |
//! | bottom | bit 4 | bit 5 |
//!
//! The frame is [`SCREEN_W`] × [`SCREEN_H`] = 384 × 192 dots, white on black,
//! the real dot geometry (no border, no aspect correction; the real dots are
//! about twice as tall as wide on a 4:3 tube, which a front end may stretch).
//!
//! Not emulated: the display glitches ("snow") from CPU accesses during the
//! visible area, the raster itself (the frame is rendered from the RAM as it
//! is when [`Video::render`] is called).

use crate::devices::font::{self, CELL_H, CELL_W};
use crate::formats::state::{self, Reader, Writer};

/// Frame width in dots.
pub const SCREEN_W: usize = 384;
/// Frame height in lines.
pub const SCREEN_H: usize = 192;
/// Characters per line in 64-column mode.
pub const COLUMNS: usize = 64;
/// Text lines.
pub const ROWS: usize = 16;
/// A lit dot in the frame (0x00RRGGBB).
pub const FG: u32 = 0x00FF_FFFF;
/// An unlit dot in the frame.
pub const BG: u32 = 0x0000_0000;

/// The video RAM and mode latch.
#[derive(Clone, Debug)]
pub struct Video {
    ram: [u8; 1024],
    wide: bool,
    lowercase_mod: bool,
}

impl Video {
    /// Video RAM cleared to spaces would be 20H; the real RAM powers up with
    /// noise. We start with 20H (blank) so tests see a clean screen.
    pub fn new(lowercase_mod: bool) -> Self {
        Video {
            ram: [0x20; 1024],
            wide: false,
            lowercase_mod,
        }
    }

    /// The byte the RAM keeps when `v` is written (bit-6 gate applied on a
    /// stock machine).
    #[inline(always)]
    pub fn stored(&self, v: u8) -> u8 {
        if self.lowercase_mod {
            v
        } else if v & 0xA0 == 0 {
            v | 0x40
        } else {
            v & 0xBF
        }
    }

    /// CPU write at offset `off` (0–3FFH).
    #[inline(always)]
    pub fn write(&mut self, off: u16, v: u8) {
        self.ram[off as usize & 0x3FF] = self.stored(v);
    }

    /// CPU read at offset `off` (0–3FFH).
    #[inline(always)]
    pub fn read(&self, off: u16) -> u8 {
        self.ram[off as usize & 0x3FF]
    }

    /// The whole video RAM.
    pub fn ram(&self) -> &[u8; 1024] {
        &self.ram
    }

    /// True in 32-column mode (port FFH bit 3 set).
    pub fn wide(&self) -> bool {
        self.wide
    }

    /// Set the 32-column mode latch.
    pub fn set_wide(&mut self, wide: bool) {
        self.wide = wide;
    }

    /// True if the lower-case modification is fitted.
    pub fn lowercase_mod(&self) -> bool {
        self.lowercase_mod
    }

    /// The character a screen code shows, for the text view: 00H–1FH as
    /// 40H–5FH; 5BH–5EH (↑ ↓ ← →) as `[ \ ] ^`; lower case as itself with the
    /// modification; graphics codes (80H–FFH) as a space.
    pub fn text_char(code: u8) -> char {
        match code {
            0x00..=0x1F => (code + 0x40) as char,
            0x20..=0x7F => code as char,
            _ => ' ',
        }
    }

    /// 16 lines of 64 characters joined by `'\n'` (the RAM layout, whatever
    /// the column mode; see [`Video::text_char`] for the mapping).
    pub fn screen_text(&self) -> String {
        let mut s = String::with_capacity(ROWS * (COLUMNS + 1));
        for row in 0..ROWS {
            if row > 0 {
                s.push('\n');
            }
            for col in 0..COLUMNS {
                s.push(Self::text_char(self.ram[row * COLUMNS + col]));
            }
        }
        s
    }

    /// The 12 dot lines (6 bits each, bit 5 = leftmost dot) of a screen code.
    pub fn cell_dots(&self, code: u8) -> [u8; CELL_H] {
        if code & 0x80 != 0 {
            let mut cell = [0u8; CELL_H];
            for (band, lines) in cell.chunks_mut(4).enumerate() {
                let left = code >> (2 * band) & 1 != 0;
                let right = code >> (2 * band + 1) & 1 != 0;
                let bits = if left { 0b111000 } else { 0 } | if right { 0b000111 } else { 0 };
                lines.fill(bits);
            }
            cell
        } else {
            let c = if code < 0x20 { code + 0x40 } else { code };
            font::cells()[c as usize & 0x7F]
        }
    }

    /// Render the screen into `fb` (0x00RRGGBB, [`SCREEN_W`] × [`SCREEN_H`],
    /// row-major). A shorter buffer is filled as far as it goes.
    pub fn render(&self, fb: &mut [u32]) {
        let step = if self.wide { 2 } else { 1 };
        for row in 0..ROWS {
            for col in (0..COLUMNS).step_by(step) {
                let dots = self.cell_dots(self.ram[row * COLUMNS + col]);
                for (line, &bits) in dots.iter().enumerate() {
                    let y = row * CELL_H + line;
                    let base = y * SCREEN_W + col * CELL_W;
                    for dx in 0..CELL_W * step {
                        let lit = bits & (0x20 >> (dx / step)) != 0;
                        if let Some(p) = fb.get_mut(base + dx) {
                            *p = if lit { FG } else { BG };
                        }
                    }
                }
            }
        }
    }
}

/// Save states: video RAM and the two mode bits.
impl Video {
    pub(crate) fn save_state(&self, w: &mut Writer) {
        w.raw(&self.ram);
        w.bool(self.wide);
        w.bool(self.lowercase_mod);
    }

    pub(crate) fn load_state(r: &mut Reader<'_>) -> state::Result<Video> {
        let mut v = Video::new(false);
        v.ram.copy_from_slice(r.raw(1024, "video RAM")?);
        v.wide = r.bool("32-column mode")?;
        v.lowercase_mod = r.bool("lower-case modification")?;
        Ok(v)
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bit6_gate_without_lowercase_mod() {
        let mut v = Video::new(false);
        for (w, r) in [
            (0x00, 0x40),
            (0x1F, 0x5F),
            (0x20, 0x20),
            (0x41, 0x41),
            (0x61, 0x21),
            (0x7F, 0x3F),
            (0x80, 0x80),
            (0xC5, 0x85),
            (0xFF, 0xBF),
        ] {
            v.write(0, w);
            assert_eq!(v.read(0), r, "wrote {w:02X}");
        }
        let mut lc = Video::new(true);
        lc.write(5, 0x61);
        assert_eq!(lc.read(5), 0x61);
        lc.write(5, 0x05);
        assert_eq!(lc.read(5), 0x05);
    }

    #[test]
    fn graphics_blocks_are_3_by_4() {
        let v = Video::new(false);
        let d = v.cell_dots(0x80 | 0b100110); // top-right, middle-left, bottom-right
        assert_eq!(&d[0..4], &[0b000111; 4]);
        assert_eq!(&d[4..8], &[0b111000; 4]);
        assert_eq!(&d[8..12], &[0b000111; 4]);
        assert_eq!(v.cell_dots(0xBF), [0b111111; 12]);
        assert_eq!(v.cell_dots(0xC1), v.cell_dots(0x81));
    }

    #[test]
    fn text_view() {
        let mut v = Video::new(false);
        for (i, b) in b"READY".iter().enumerate() {
            v.write(64 + i as u16, *b);
        }
        v.write(70, 0x81);
        let t = v.screen_text();
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines.len(), 16);
        assert!(lines.iter().all(|l| l.len() == 64));
        assert!(lines[1].starts_with("READY "));
    }
}
