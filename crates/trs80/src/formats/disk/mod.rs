//! Floppy disk images: JV1, JV3 and DMK, read and written at the sector level the FD1771 sees.
//!
//! Follows Tim Mann, "Common File Formats for Emulated TRS-80 Floppy Disks" (the JV1, JV3 and
//! DMK sections), and the Western Digital FD1771/FD179x data sheets for the address marks and
//! CRCs on a track.
//!
//! | format | what the file holds | density | sides | write protect |
//! |---|---|---|---|---|
//! | JV1 | 256-byte sectors, 10 per track (IDs 0–9), no header | single | 1 | host only |
//! | JV3 | 8,704-byte header of (track, sector, flags) entries, then the sectors | per sector | 1–2 | header byte 8,703 = 00H |
//! | DMK | 16-byte header, then raw tracks with a 64-entry ID address mark table | per sector | 1–2 | header byte 0 = FFH |
//!
//! The format is found from the content ([`Disk::parse`]), never from a file name. A damaged
//! image gives one [`DiskError`] that names what is wrong and where; nothing is half loaded.
//! Every image written by [`Disk::to_bytes`] after [`Disk::parse`] equals its input byte for
//! byte until the machine writes to it.
//!
//! Not handled: JV3's non-IBM (VTOS 3.0) sector flag and DMK "real drive" specifiers are
//! refused; a DMK track's gaps, clock patterns and write splices are kept as stored but a
//! rewritten sector is laid down at its old place.

use std::fmt;

pub mod dmk;
pub mod dos;
pub mod jv1;
pub mod jv3;
pub mod track;

pub use dmk::Dmk;
pub use jv1::Jv1;
pub use jv3::Jv3;

/// Recording density of a sector or a controller.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Density {
    /// FM, what the FD1771 reads and writes.
    Single,
    /// MFM, through a double-density doubler's FD1791.
    Double,
}

/// The three image formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DiskFormat {
    /// Headerless 10 × 256-byte single-density sectors per track.
    Jv1,
    /// Jeff Vavasour's format with a sector header table.
    Jv3,
    /// David Keil's raw-track format.
    Dmk,
}

impl fmt::Display for DiskFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Jv1 => "JV1",
            Self::Jv3 => "JV3",
            Self::Dmk => "DMK",
        })
    }
}

/// Data address marks (the byte after the sync that starts a data field).
pub mod dam {
    /// Normal data.
    pub const NORMAL: u8 = 0xFB;
    /// User-defined; Model I TRSDOS 2.x writes its directory with it.
    pub const USER_FA: u8 = 0xFA;
    /// User-defined.
    pub const USER_F9: u8 = 0xF9;
    /// Deleted data.
    pub const DELETED: u8 = 0xF8;
}

/// An ID field as the head reads it, with where it passes the head.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SectorId {
    /// Track number recorded in the ID.
    pub track: u8,
    /// Side number recorded in the ID.
    pub side: u8,
    /// Sector number recorded in the ID.
    pub sector: u8,
    /// Size code recorded in the ID (0 = 128, 1 = 256, 2 = 512, 3 = 1024 bytes).
    pub size_code: u8,
    /// Density it was recorded in.
    pub density: Density,
    /// The ID field's CRC does not match.
    pub id_crc_error: bool,
    /// Where the ID passes the head, in 1/65,536ths of a revolution after the index hole.
    pub angle: u16,
}

impl SectorId {
    /// Bytes in the data field (IBM size code).
    pub fn size(&self) -> usize {
        128 << (self.size_code & 3)
    }
}

/// A sector's data field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SectorData {
    /// The data bytes.
    pub data: Vec<u8>,
    /// Its data address mark (see [`dam`]).
    pub dam: u8,
    /// The data field's CRC does not match.
    pub crc_error: bool,
}

/// Why a write to an image could not be done; the controller reports it as a write fault.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WriteFault {
    /// The image is write protected.
    Protected,
    /// The sector or track is not on the image.
    NoSuchPlace,
    /// The format cannot hold what was written (for example a JV1 track that is not 10 × 256 bytes
    /// single density, or a full JV3 header).
    NotRepresentable,
    /// A JV1 image stores no data address marks: its sectors read FAH on track 17 and FBH on
    /// every other track, so a write with another mark would read back different.
    MarkNotKept {
        /// The track written.
        track: u8,
        /// The mark the program wrote.
        mark: u8,
        /// The mark the image gives that track.
        kept: u8,
    },
}

impl fmt::Display for WriteFault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Protected => write!(f, "the disk is write protected"),
            Self::NoSuchPlace => write!(f, "the track or sector is not on the image"),
            Self::NotRepresentable => write!(f, "the image format cannot hold what was written"),
            Self::MarkNotKept { track, mark, kept } => write!(
                f,
                "a JV1 image keeps no data address marks (its sectors read FAH on track 17 and \
                 FBH elsewhere), so it cannot take a sector with mark {mark:02X}H on track \
                 {track} (it would read back {kept:02X}H); give the DOS a JV3 or DMK image to \
                 format (`trs80 disk new --format jv3 FILE`)"
            ),
        }
    }
}

/// Why an image was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DiskError {
    /// The file has no bytes.
    Empty,
    /// Neither a DMK nor a JV3 header, and not a whole number of 2,560-byte JV1 tracks.
    Unrecognised {
        /// Length of the file.
        len: usize,
    },
    /// The image ends before the data its header describes.
    Truncated {
        /// Format the header says.
        format: DiskFormat,
        /// Offset where more bytes were needed.
        offset: usize,
        /// What was being read.
        what: &'static str,
    },
    /// A header field holds a value the format does not allow.
    Invalid {
        /// Format of the image.
        format: DiskFormat,
        /// Offset of the field.
        offset: usize,
        /// Which field and what it must be.
        what: &'static str,
        /// The value found.
        found: u32,
    },
}

impl fmt::Display for DiskError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => write!(f, "empty file, not a disk image"),
            Self::Unrecognised { len } => write!(
                f,
                "not a disk image: no DMK or JV3 header, and {len} bytes is not a whole number of \
                 2,560-byte JV1 tracks (1 to 255)"
            ),
            Self::Truncated {
                format,
                offset,
                what,
            } => write!(
                f,
                "{format} image truncated at byte {offset} while reading {what}"
            ),
            Self::Invalid {
                format,
                offset,
                what,
                found,
            } => write!(
                f,
                "bad {format} image: byte {offset}: {what} (found {found:X}H)"
            ),
        }
    }
}

impl std::error::Error for DiskError {}

/// What every image format offers the controller: sectors by physical position on a track.
pub trait SectorImage {
    /// Tracks (cylinders) on the image.
    fn cylinders(&self) -> u8;
    /// Sides (1 or 2).
    fn sides(&self) -> u8;
    /// Whether the image says it is write protected.
    fn write_protected(&self) -> bool;
    /// Set or clear the image's own write-protect flag (JV1 keeps it in memory only).
    fn set_write_protected(&mut self, on: bool);
    /// The ID fields on a track, in the order they pass the head after the index hole.
    fn ids(&self, cyl: u8, side: u8) -> Vec<SectorId>;
    /// The data field of the `index`th ID on a track (None: the ID has no data field).
    fn read(&self, cyl: u8, side: u8, index: usize) -> Option<SectorData>;
    /// Replace the data field of the `index`th ID on a track.
    fn write(
        &mut self,
        cyl: u8,
        side: u8,
        index: usize,
        data: &[u8],
        dam: u8,
    ) -> Result<(), WriteFault>;
    /// Replace a whole track with what a WRITE TRACK laid down (see [`track::encode`]).
    fn write_track(&mut self, cyl: u8, side: u8, track: &track::RawTrack)
        -> Result<(), WriteFault>;
    /// The track's bytes as READ TRACK returns them (one byte per recorded byte).
    fn read_track(&self, cyl: u8, side: u8) -> Vec<u8>;
    /// The image file's bytes.
    fn to_bytes(&self) -> Vec<u8>;
}

/// A disk image of any of the three formats.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Disk {
    /// A JV1 image.
    Jv1(Jv1),
    /// A JV3 image.
    Jv3(Jv3),
    /// A DMK image.
    Dmk(Dmk),
}

/// Whether `bytes` carry a disk image's own signature (a DMK or JV3 header, or a JV1 boot
/// sector starting 00H FEH): only then is a file of unknown kind taken as a disk (a JV1
/// image is otherwise just a multiple of 2,560 bytes, as other files may be).
pub fn looks_like_disk(bytes: &[u8]) -> bool {
    match Disk::parse(bytes) {
        Ok(Disk::Jv1(_)) => bytes.starts_with(&[0x00, 0xFE]),
        Ok(_) => true,
        Err(_) => false,
    }
}

impl Disk {
    /// Recognise and parse an image by its content.
    pub fn parse(bytes: &[u8]) -> Result<Disk, DiskError> {
        if bytes.is_empty() {
            return Err(DiskError::Empty);
        }
        let jv1_size = bytes.len() % jv1::TRACK_BYTES == 0 && bytes.len() <= 255 * jv1::TRACK_BYTES;
        if dmk::looks_like(bytes) {
            match Dmk::parse(bytes) {
                Ok(d) => return Ok(Disk::Dmk(d)),
                Err(e) if !jv1_size => return Err(e),
                Err(_) => {}
            }
        }
        // A JV1 boot sector starts 00H FEH; anything else of JV1 size is JV1 unless it has a
        // sound JV3 header.
        if jv1_size && bytes.starts_with(&[0x00, 0xFE]) {
            return Jv1::parse(bytes).map(Disk::Jv1);
        }
        if jv3::looks_like(bytes) {
            match Jv3::parse(bytes) {
                Ok(d) => return Ok(Disk::Jv3(d)),
                Err(e) if !jv1_size => return Err(e),
                Err(_) => {}
            }
        }
        if jv1_size {
            return Jv1::parse(bytes).map(Disk::Jv1);
        }
        Err(DiskError::Unrecognised { len: bytes.len() })
    }

    /// The image's format.
    pub fn format(&self) -> DiskFormat {
        match self {
            Disk::Jv1(_) => DiskFormat::Jv1,
            Disk::Jv3(_) => DiskFormat::Jv3,
            Disk::Dmk(_) => DiskFormat::Dmk,
        }
    }

    /// The format-independent view.
    pub fn image(&self) -> &dyn SectorImage {
        match self {
            Disk::Jv1(d) => d,
            Disk::Jv3(d) => d,
            Disk::Dmk(d) => d,
        }
    }

    /// The format-independent view, for writing.
    pub fn image_mut(&mut self) -> &mut dyn SectorImage {
        match self {
            Disk::Jv1(d) => d,
            Disk::Jv3(d) => d,
            Disk::Dmk(d) => d,
        }
    }

    /// A blank formatted image (every data byte E5H, DAM FBH, directory track untouched).
    pub fn blank(format: DiskFormat, layout: Layout) -> Result<Disk, WriteFault> {
        let mut d = match format {
            DiskFormat::Jv1 => {
                if layout.sides != 1 || layout.density != LayoutDensity::Single {
                    return Err(WriteFault::NotRepresentable);
                }
                Disk::Jv1(Jv1::blank(layout.tracks))
            }
            DiskFormat::Jv3 => Disk::Jv3(Jv3::empty()),
            DiskFormat::Dmk => Disk::Dmk(Dmk::empty(layout.sides, layout.density)),
        };
        if format != DiskFormat::Jv1 {
            for cyl in 0..layout.tracks {
                for side in 0..layout.sides {
                    let density = layout.density_of(cyl);
                    let raw = track::standard(cyl, side, density);
                    d.image_mut().write_track(cyl, side, &raw)?;
                }
            }
        }
        Ok(d)
    }
}

/// Density plan of a new image.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LayoutDensity {
    /// Every track single density, 10 sectors.
    Single,
    /// Every track double density, 18 sectors.
    Double,
    /// Track 0 single density (so the ROM can boot it), the rest double.
    Mixed,
}

/// Geometry of a new image.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Layout {
    /// Tracks per side (35, 40, 80 …).
    pub tracks: u8,
    /// 1 or 2.
    pub sides: u8,
    /// Density plan.
    pub density: LayoutDensity,
}

impl Layout {
    /// Density of track `cyl`.
    pub fn density_of(&self, cyl: u8) -> Density {
        match self.density {
            LayoutDensity::Single => Density::Single,
            LayoutDensity::Double => Density::Double,
            LayoutDensity::Mixed if cyl == 0 => Density::Single,
            LayoutDensity::Mixed => Density::Double,
        }
    }
}

/// Evenly spaced angles for `n` sectors on a track whose layout is not recorded (JV1, JV3).
pub(crate) fn even_angle(i: usize, n: usize) -> u16 {
    // The first ID passes a little after the index hole (after gap 4a).
    (1024 + i * (65536 - 1024) / n.max(1)) as u16
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detection_by_content() {
        assert_eq!(Disk::parse(&[]), Err(DiskError::Empty));
        assert!(matches!(
            Disk::parse(&[1, 2, 3]),
            Err(DiskError::Unrecognised { len: 3 })
        ));
        let jv1 = Disk::blank(
            DiskFormat::Jv1,
            Layout {
                tracks: 35,
                sides: 1,
                density: LayoutDensity::Single,
            },
        )
        .unwrap();
        for (fmt, d) in [
            (DiskFormat::Jv1, jv1),
            (
                DiskFormat::Jv3,
                Disk::blank(
                    DiskFormat::Jv3,
                    Layout {
                        tracks: 40,
                        sides: 2,
                        density: LayoutDensity::Mixed,
                    },
                )
                .unwrap(),
            ),
            (
                DiskFormat::Dmk,
                Disk::blank(
                    DiskFormat::Dmk,
                    Layout {
                        tracks: 40,
                        sides: 1,
                        density: LayoutDensity::Double,
                    },
                )
                .unwrap(),
            ),
        ] {
            let bytes = d.image().to_bytes();
            let back = Disk::parse(&bytes).unwrap();
            assert_eq!(back.format(), fmt);
            assert_eq!(back.image().to_bytes(), bytes);
        }
    }
}
