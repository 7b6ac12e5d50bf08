//! Drawing a form as a picture: green-bar fan-fold paper with tractor holes, 10 characters per
//! inch and 6 lines per inch at [`PAGE_DPI`], type from [`crate::font`].

use crate::font::{glyph, GLYPH_H, GLYPH_W};
use crate::Page;

/// Resolution of page pictures, dots per inch.
pub const PAGE_DPI: usize = 120;
/// Width of one print position in pixels (1/10 inch).
pub const CELL_W: usize = PAGE_DPI / 10;
/// Height of one line in pixels (1/6 inch).
pub const CELL_H: usize = PAGE_DPI / 6;
/// Pixels per font dot.
const DOT: usize = 2;
/// Width of each tractor-feed strip (1/2 inch).
const STRIP: usize = PAGE_DPI / 2;
/// Standard wide fan-fold paper: 14 7/8 inches.
const PAPER_W_MIN: usize = PAGE_DPI * 119 / 8;

const PAPER: [u8; 3] = [0xFB, 0xFA, 0xF2];
const GREEN_BAR: [u8; 3] = [0xD8, 0xEC, 0xD4];
const HOLE: [u8; 3] = [0x50, 0x50, 0x58];
const PERFORATION: [u8; 3] = [0xB0, 0xB0, 0xA8];
const INK: [u8; 3] = [0x1C, 0x1C, 0x2A];
const RED_INK: [u8; 3] = [0xB0, 0x18, 0x18];

/// Size in pixels of a form's picture: (width, height).
pub(crate) fn page_size(width_cols: usize, page_lines: usize) -> (usize, usize) {
    let w = PAPER_W_MIN.max(width_cols * CELL_W + 2 * STRIP + 2 * CELL_W * 4);
    (w, page_lines.max(1) * CELL_H)
}

/// X pixel of column 0: the print line is centred between the tractor strips.
pub(crate) fn left_edge(width_cols: usize, paper_w: usize) -> usize {
    (paper_w - width_cols * CELL_W) / 2
}

pub(crate) fn render_png(page: &Page, width_cols: usize, page_lines: usize) -> Vec<u8> {
    let (w, h) = page_size(width_cols, page_lines);
    let mut px = vec![0u8; w * h * 3];
    let mut put = |x: usize, y: usize, c: [u8; 3]| {
        if x < w && y < h {
            let i = (y * w + x) * 3;
            px[i..i + 3].copy_from_slice(&c);
        }
    };
    // Paper and green bars: three lines green, three lines plain, from the top of the form.
    for y in 0..h {
        let bar = (y / (CELL_H * 3)) % 2 == 0;
        for x in 0..w {
            let inside = x >= STRIP && x < w - STRIP;
            put(x, y, if bar && inside { GREEN_BAR } else { PAPER });
        }
    }
    // Tractor holes every half inch, and the perforations along the strips and at the fold.
    let r = PAGE_DPI / 16;
    for cy in (PAGE_DPI / 4..h).step_by(PAGE_DPI / 2) {
        for cx in [STRIP / 2, w - STRIP / 2] {
            for y in cy - r..=cy + r {
                for x in cx - r..=cx + r {
                    let (dx, dy) = (x.abs_diff(cx), y.abs_diff(cy));
                    if dx * dx + dy * dy <= r * r {
                        put(x, y, HOLE);
                    }
                }
            }
        }
    }
    for y in (0..h).filter(|y| y % 8 < 4) {
        put(STRIP, y, PERFORATION);
        put(w - STRIP - 1, y, PERFORATION);
    }
    for x in (0..w).filter(|x| x % 10 < 6) {
        put(x, h - 1, PERFORATION);
    }
    // Type.
    let x0 = left_edge(width_cols, w);
    let ox = (CELL_W - GLYPH_W * DOT) / 2;
    let oy = (CELL_H - GLYPH_H * DOT) / 2;
    for (l, row) in page.lines.iter().enumerate().take(page_lines) {
        for (c, cell) in row.iter().enumerate() {
            for s in cell {
                let g = glyph(s.code);
                let ink = if s.red { RED_INK } else { INK };
                for (gy, bits) in g.iter().enumerate() {
                    for gx in 0..GLYPH_W {
                        if bits >> (GLYPH_W - 1 - gx) & 1 == 1 {
                            for dy in 0..DOT {
                                for dx in 0..DOT {
                                    put(
                                        x0 + c * CELL_W + ox + gx * DOT + dx,
                                        l * CELL_H + oy + gy * DOT + dy,
                                        ink,
                                    );
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    encode(&px, w, h)
}

fn encode(rgb: &[u8], w: usize, h: usize) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, w as u32, h as u32);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        let ppm = (PAGE_DPI as f64 / 0.0254).round() as u32;
        enc.set_pixel_dims(Some(png::PixelDimensions {
            xppu: ppm,
            yppu: ppm,
            unit: png::Unit::Meter,
        }));
        // Writing to a Vec cannot fail, and the sizes above are consistent.
        let mut wr = enc.write_header().expect("PNG header into memory");
        wr.write_image_data(rgb).expect("PNG data into memory");
    }
    out
}
