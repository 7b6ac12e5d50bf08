//! PNG screenshots of the emulated screen.
//!
//! The Model I draws 384×192 dots (64×16 cells of 6×12). Its dots are taller than wide:
//! from the raster timing (384 of 672 dot clocks per line, 192 of 264 lines) on a 4:3
//! tube a dot is about 1.75 times as tall as it is wide. Screenshots, like the window,
//! use 1:2 (each scan line drawn twice), so a screenshot at scale 1 is 384×384.

use std::io::Write;

use anyhow::{Context, Result};

use crate::screen::{scale_tint, Phosphor};

/// Encodes a 0x00RRGGBB framebuffer of `w`×`h` as an 8-bit RGB PNG.
pub fn encode_rgb<W: Write>(out: W, fb: &[u32], w: usize, h: usize) -> Result<()> {
    anyhow::ensure!(
        fb.len() == w * h,
        "framebuffer is {} pixels, not {w}×{h}",
        fb.len()
    );
    let mut enc = png::Encoder::new(out, w as u32, h as u32);
    enc.set_color(png::ColorType::Rgb);
    enc.set_depth(png::BitDepth::Eight);
    enc.set_compression(png::Compression::Best);
    let mut writer = enc.write_header().context("cannot write PNG header")?;
    let data: Vec<u8> = fb
        .iter()
        .flat_map(|&p| [(p >> 16) as u8, (p >> 8) as u8, p as u8])
        .collect();
    writer
        .write_image_data(&data)
        .context("cannot write PNG data")?;
    writer.finish().context("cannot finish PNG")?;
    Ok(())
}

/// The machine's `w`×`h` dot framebuffer (white on black) as a PNG with 1:2 dots, each dot
/// `scale`×(2·`scale`) pixels as in the window, in the phosphor colour.
pub fn screenshot_png(
    fb: &[u32],
    w: usize,
    h: usize,
    p: Phosphor,
    scale: usize,
) -> Result<Vec<u8>> {
    let img = scale_tint(fb, w, h, scale, 2 * scale, p);
    let mut png = Vec::new();
    encode_rgb(&mut png, &img, w * scale, h * 2 * scale)?;
    Ok(png)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_the_png_decoder() {
        let fb: Vec<u32> = (0..12u32).map(|i| i * 0x0A0B0C).collect();
        let mut bytes = Vec::new();
        encode_rgb(&mut bytes, &fb, 4, 3).unwrap();
        let dec = png::Decoder::new(std::io::Cursor::new(bytes));
        let mut reader = dec.read_info().unwrap();
        let mut buf = vec![0; reader.output_buffer_size()];
        let info = reader.next_frame(&mut buf).unwrap();
        assert_eq!((info.width, info.height), (4, 3));
        assert_eq!(info.color_type, png::ColorType::Rgb);
        for (i, &p) in fb.iter().enumerate() {
            assert_eq!(
                &buf[i * 3..i * 3 + 3],
                &[(p >> 16) as u8, (p >> 8) as u8, p as u8]
            );
        }
    }

    #[test]
    fn wrong_size_is_an_error() {
        assert!(encode_rgb(Vec::new(), &[0; 5], 2, 2).is_err());
    }
}
