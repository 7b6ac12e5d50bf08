//! ROM images: size rules and identification by CRC-32.
//!
//! The Model I keyboard unit has sockets for 12 KB of ROM at 0000H–2FFFH
//! (Level II: three 4 KB parts, or two parts 8 KB + 4 KB; Level I: 4 KB).
//! The machine accepts images of exactly 2, 4, 8 or 12 KB, mapped from 0000H;
//! sockets left empty read FFH (floating bus). Known images are recognised by
//! the CRC-32 (IEEE 802.3, reflected polynomial EDB88320H) of the whole image:
//!
//! | ROM                          | size  | CRC-32    |
//! |------------------------------|-------|-----------|
//! | Level I BASIC                | 4 KB  | 70D06DFFH |
//! | Level II BASIC, revision 1.2 | 12 KB | 0D8A132EH |
//! | Level II BASIC, revision 1.3 | 12 KB | A8E60D9AH |
//!
//! Any other image is accepted and reported as [`RomKind::Unknown`] with its CRC. Our own ROM
//! changes with every build, so no CRC names it: the program that built it says so
//! (`Config::rom_kind`), and [`matches_build`] tells whether an image read from a file is that
//! build's image, as is or padded with FFH to a socket size.

/// Which ROM a machine was built with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RomKind {
    /// Tandy Level I BASIC (4 KB).
    Level1,
    /// Tandy Level II BASIC, revision 1.2 (prints `MEMORY SIZE?`).
    Level2Rev1_2,
    /// Tandy Level II BASIC, revision 1.3 (prints `MEM SIZE?`).
    Level2Rev1_3,
    /// Our own free ROM, built from the project's sources (only the caller can say so).
    Free,
    /// Anything else; the CRC-32 of the image.
    Unknown(u32),
}

impl core::fmt::Display for RomKind {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            RomKind::Level1 => f.write_str("Level I BASIC"),
            RomKind::Level2Rev1_2 => f.write_str("Level II BASIC rev 1.2"),
            RomKind::Level2Rev1_3 => f.write_str("Level II BASIC rev 1.3"),
            RomKind::Free => f.write_str("the free ROM (built from our own sources)"),
            RomKind::Unknown(crc) => write!(f, "unknown ROM (CRC-32 {crc:08X})"),
        }
    }
}

/// CRC-32 of Level I BASIC.
pub const CRC_LEVEL1: u32 = 0x70D0_6DFF;
/// CRC-32 of Level II BASIC revision 1.2.
pub const CRC_LEVEL2_REV1_2: u32 = 0x0D8A_132E;
/// CRC-32 of Level II BASIC revision 1.3.
pub const CRC_LEVEL2_REV1_3: u32 = 0xA8E6_0D9A;

/// The ROM sizes the sockets take, in bytes.
pub const ROM_SIZES: [usize; 4] = [0x0800, 0x1000, 0x2000, 0x3000];

const fn make_table() -> [u32; 256] {
    let mut table = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
            k += 1;
        }
        table[i] = c;
        i += 1;
    }
    table
}

static CRC_TABLE: [u32; 256] = make_table();

/// CRC-32 (IEEE 802.3, as used by zip and PNG) of `data`.
pub fn crc32(data: &[u8]) -> u32 {
    let mut c = 0xFFFF_FFFFu32;
    for &b in data {
        c = CRC_TABLE[((c ^ b as u32) & 0xFF) as usize] ^ (c >> 8);
    }
    !c
}

/// Identify a ROM image by its CRC-32 (Tandy's ROMs; anything else is
/// [`RomKind::Unknown`]).
pub fn identify(image: &[u8]) -> RomKind {
    match crc32(image) {
        CRC_LEVEL1 => RomKind::Level1,
        CRC_LEVEL2_REV1_2 => RomKind::Level2Rev1_2,
        CRC_LEVEL2_REV1_3 => RomKind::Level2Rev1_3,
        crc => RomKind::Unknown(crc),
    }
}

/// True when `image` is `built` (a ROM the caller assembled), as is or padded with FFH.
pub fn matches_build(image: &[u8], built: &[u8]) -> bool {
    !built.is_empty()
        && image.len() >= built.len()
        && image[..built.len()] == *built
        && image[built.len()..].iter().all(|&b| b == 0xFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_check_value() {
        // The standard check value of CRC-32/ISO-HDLC.
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn a_built_image_is_recognised_padded_or_not() {
        let built = [0xF3, 0xC3, 0x00, 0x01, 0xFF];
        assert!(matches_build(&built, &built));
        let mut padded = built.to_vec();
        padded.resize(0x800, 0xFF);
        assert!(matches_build(&padded, &built));
        let mut changed = padded.clone();
        changed[0] ^= 1;
        assert!(!matches_build(&changed, &built));
        padded[0x7FF] = 0;
        assert!(!matches_build(&padded, &built), "padding must be FFH");
        assert!(!matches_build(&built[..2], &built), "too short");
        assert!(!matches_build(&built, &[]));
    }

    #[test]
    fn unknown_rom_reports_its_crc() {
        let img = [0u8; 0x800];
        assert_eq!(identify(&img), RomKind::Unknown(crc32(&img)));
    }
}
