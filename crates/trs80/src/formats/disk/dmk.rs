//! DMK: raw tracks with a table of where each ID address mark is.
//!
//! Follows Tim Mann's "Common File Formats for Emulated TRS-80 Floppy Disks", DMK section
//! (David Keil's format).
//!
//! | offset | bytes | meaning |
//! |---|---|---|
//! | 0 | 1 | write protect: FFH protected, 00H writable |
//! | 1 | 1 | tracks per side |
//! | 2 | 2 | track length in bytes, little-endian, including the 128-byte IDAM table |
//! | 4 | 1 | options: 10H single-sided, 40H single-density bytes stored once, 80H ignore density |
//! | 5 | 7 | reserved, 0 |
//! | 12 | 4 | 0 (12345678H would mean a real drive: refused) |
//! | 16 | … | tracks, `(track × sides + side) × length` |
//!
//! Each track starts with 64 little-endian IDAM pointers: bit 15 = double density, bit 14
//! unused, bits 13–0 = offset of the FEH byte from the start of the track; 0 ends the list.
//! Unless option 40H or 80H is set, every single-density byte is stored twice.

use super::track::{self, RawTrack};
use super::{
    Density, DiskError, DiskFormat, LayoutDensity, SectorData, SectorId, SectorImage, WriteFault,
};

/// Header bytes.
pub const HEADER: usize = 16;
/// Bytes of the IDAM pointer table at the start of a track.
pub const TABLE: usize = 128;
/// Longest track accepted (the format's pointers hold 14 bits).
pub const MAX_TRACK_LEN: usize = 0x4000;
/// Most tracks per side accepted.
pub const MAX_TRACKS: u8 = 96;
/// Track length used for new double-density-capable images.
pub const NEW_TRACK_LEN_DD: usize = 0x1900;
/// Track length used for new single-density images (bytes stored twice).
pub const NEW_TRACK_LEN_SD: usize = 0x1900;

const OPT_SINGLE_SIDED: u8 = 0x10;
const OPT_SD_ONCE: u8 = 0x40;
const OPT_IGNORE_DENSITY: u8 = 0x80;
const DD_FLAG: u16 = 0x8000;
const PTR_BITS: u16 = 0x3FFF;

/// A DMK image.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dmk {
    header: [u8; HEADER],
    track_len: usize,
    sides: u8,
    tracks: Vec<Vec<u8>>,
}

/// A plausible DMK header: protect byte 00H/FFH, reserved bytes 0, a sane track length, and a
/// file length that matches.
pub(super) fn looks_like(bytes: &[u8]) -> bool {
    bytes.len() >= HEADER
        && matches!(bytes[0], 0x00 | 0xFF)
        && bytes[1] > 0
        && bytes[5..HEADER].iter().all(|&b| b == 0)
        && bytes[4] & !(OPT_SINGLE_SIDED | OPT_SD_ONCE | OPT_IGNORE_DENSITY) == 0
        && {
            let len = u16::from_le_bytes([bytes[2], bytes[3]]) as usize;
            (TABLE + 1..=MAX_TRACK_LEN).contains(&len)
        }
}

fn invalid(offset: usize, what: &'static str, found: u32) -> DiskError {
    DiskError::Invalid {
        format: DiskFormat::Dmk,
        offset,
        what,
        found,
    }
}

impl Dmk {
    /// Parse a DMK image.
    pub fn parse(bytes: &[u8]) -> Result<Dmk, DiskError> {
        if bytes.len() < HEADER {
            return Err(DiskError::Truncated {
                format: DiskFormat::Dmk,
                offset: bytes.len(),
                what: "the 16-byte header",
            });
        }
        let mut header = [0u8; HEADER];
        header.copy_from_slice(&bytes[..HEADER]);
        if !matches!(header[0], 0x00 | 0xFF) {
            return Err(invalid(
                0,
                "write-protect byte must be 00H or FFH",
                header[0] as u32,
            ));
        }
        if header[1] == 0 || header[1] > MAX_TRACKS {
            return Err(invalid(1, "track count must be 1 to 96", header[1] as u32));
        }
        let track_len = u16::from_le_bytes([header[2], header[3]]) as usize;
        if !(TABLE + 1..=MAX_TRACK_LEN).contains(&track_len) {
            return Err(invalid(
                2,
                "track length must be 129 to 16384",
                track_len as u32,
            ));
        }
        if header[4] & !(OPT_SINGLE_SIDED | OPT_SD_ONCE | OPT_IGNORE_DENSITY) != 0 {
            return Err(invalid(4, "unknown option bits", header[4] as u32));
        }
        if let Some(i) = (5..HEADER).find(|&i| header[i] != 0) {
            return Err(invalid(
                i,
                "reserved header bytes must be 0 (not a real-drive spec)",
                header[i] as u32,
            ));
        }
        let sides = if header[4] & OPT_SINGLE_SIDED != 0 {
            1
        } else {
            2
        };
        let n = header[1] as usize * sides as usize;
        let need = HEADER + n * track_len;
        if bytes.len() < need {
            return Err(DiskError::Truncated {
                format: DiskFormat::Dmk,
                offset: bytes.len(),
                what: "the tracks the header counts",
            });
        }
        if bytes.len() > need {
            return Err(invalid(
                need,
                "bytes after the last track",
                (bytes.len() - need) as u32,
            ));
        }
        let tracks = bytes[HEADER..]
            .chunks(track_len)
            .map(<[u8]>::to_vec)
            .collect();
        Ok(Dmk {
            header,
            track_len,
            sides,
            tracks,
        })
    }

    /// An image with no tracks (format them with [`SectorImage::write_track`]).
    pub fn empty(sides: u8, density: LayoutDensity) -> Dmk {
        let mut header = [0u8; HEADER];
        let len = match density {
            LayoutDensity::Single => NEW_TRACK_LEN_SD,
            _ => NEW_TRACK_LEN_DD,
        };
        header[2..4].copy_from_slice(&(len as u16).to_le_bytes());
        if sides < 2 {
            header[4] = OPT_SINGLE_SIDED;
        }
        Dmk {
            header,
            track_len: len,
            sides: sides.clamp(1, 2),
            tracks: Vec::new(),
        }
    }

    fn track(&self, cyl: u8, side: u8) -> Option<&Vec<u8>> {
        if side >= self.sides {
            return None;
        }
        self.tracks
            .get(cyl as usize * self.sides as usize + side as usize)
    }

    fn stride(&self, density: Density) -> usize {
        if density == Density::Single && self.header[4] & (OPT_SD_ONCE | OPT_IGNORE_DENSITY) == 0 {
            2
        } else {
            1
        }
    }

    /// The IDAM pointers of a track: (offset, density).
    fn idams(&self, t: &[u8]) -> Vec<(usize, Density)> {
        let mut out = Vec::new();
        for k in 0..TABLE / 2 {
            let p = u16::from_le_bytes([t[2 * k], t[2 * k + 1]]);
            if p == 0 {
                break;
            }
            let at = (p & PTR_BITS) as usize;
            if at < TABLE || at >= self.track_len {
                continue;
            }
            let density = if p & DD_FLAG != 0 && self.header[4] & OPT_IGNORE_DENSITY == 0 {
                Density::Double
            } else {
                Density::Single
            };
            out.push((at, density));
        }
        out
    }

    /// The sectors of a track that have a readable ID field, with their IDAM offsets.
    fn sectors(&self, cyl: u8, side: u8) -> Vec<(usize, track::RawSector)> {
        let Some(t) = self.track(cyl, side) else {
            return Vec::new();
        };
        self.idams(t)
            .into_iter()
            .filter_map(|(at, density)| {
                let mut s = track::sector_at(t, at, self.stride(density), density)?;
                s.id.angle = ((at - TABLE) * 65536 / (self.track_len - TABLE)) as u16;
                Some((at, s))
            })
            .collect()
    }
}

impl SectorImage for Dmk {
    fn cylinders(&self) -> u8 {
        (self.tracks.len() / self.sides as usize) as u8
    }

    fn sides(&self) -> u8 {
        self.sides
    }

    fn write_protected(&self) -> bool {
        self.header[0] == 0xFF
    }

    fn set_write_protected(&mut self, on: bool) {
        self.header[0] = if on { 0xFF } else { 0x00 };
    }

    fn ids(&self, cyl: u8, side: u8) -> Vec<SectorId> {
        self.sectors(cyl, side)
            .into_iter()
            .map(|(_, s)| s.id)
            .collect()
    }

    fn read(&self, cyl: u8, side: u8, index: usize) -> Option<SectorData> {
        let (_, s) = self.sectors(cyl, side).into_iter().nth(index)?;
        s.dam_at?;
        Some(SectorData {
            data: s.data,
            dam: s.dam,
            crc_error: s.crc_error,
        })
    }

    fn write(
        &mut self,
        cyl: u8,
        side: u8,
        index: usize,
        data: &[u8],
        dam_byte: u8,
    ) -> Result<(), WriteFault> {
        if self.write_protected() {
            return Err(WriteFault::Protected);
        }
        let (at, s) = self
            .sectors(cyl, side)
            .into_iter()
            .nth(index)
            .ok_or(WriteFault::NoSuchPlace)?;
        let dam_at = s.dam_at.ok_or(WriteFault::NoSuchPlace)?;
        if data.len() != s.id.size() {
            return Err(WriteFault::NotRepresentable);
        }
        let stride = self.stride(s.id.density);
        let pre = match s.id.density {
            Density::Single => 0xFFFF,
            Density::Double => track::CRC_AFTER_SYNC,
        };
        let crc = track::crc16(track::crc16(pre, &[dam_byte]), data);
        let mut field = Vec::with_capacity(data.len() + 3);
        field.push(dam_byte);
        field.extend_from_slice(data);
        field.extend_from_slice(&crc.to_be_bytes());
        let i = cyl as usize * self.sides as usize + side as usize;
        let t = &mut self.tracks[i];
        for (k, &b) in field.iter().enumerate() {
            let p = at + (dam_at + k) * stride;
            t[p..p + stride].fill(b);
        }
        Ok(())
    }

    fn write_track(&mut self, cyl: u8, side: u8, raw: &RawTrack) -> Result<(), WriteFault> {
        if self.write_protected() {
            return Err(WriteFault::Protected);
        }
        let n = self.cylinders();
        if side >= self.sides || cyl > n || (cyl == n && n >= MAX_TRACKS) {
            return Err(WriteFault::NoSuchPlace);
        }
        let stride = self.stride(raw.density);
        let fill = raw.bytes.last().copied().unwrap_or(0xFF);
        let mut t = vec![fill; self.track_len];
        t[..TABLE].fill(0);
        let mut ptrs = 0;
        let mut pos = TABLE;
        let mut next_idam = raw.idams.iter().peekable();
        for (i, &b) in raw.bytes.iter().enumerate() {
            if pos + stride > self.track_len {
                break;
            }
            if next_idam.peek() == Some(&&i) {
                next_idam.next();
                if ptrs < TABLE / 2 {
                    let flag = if raw.density == Density::Double {
                        DD_FLAG
                    } else {
                        0
                    };
                    t[2 * ptrs..2 * ptrs + 2].copy_from_slice(&(pos as u16 | flag).to_le_bytes());
                    ptrs += 1;
                }
            }
            t[pos..pos + stride].fill(b);
            pos += stride;
        }
        if cyl == n {
            // A new cylinder: both sides of it, the other one blank.
            for _ in 0..self.sides {
                let mut blank = vec![fill; self.track_len];
                blank[..TABLE].fill(0);
                self.tracks.push(blank);
            }
            self.header[1] = n + 1;
        }
        self.tracks[cyl as usize * self.sides as usize + side as usize] = t;
        Ok(())
    }

    fn read_track(&self, cyl: u8, side: u8) -> Vec<u8> {
        let Some(t) = self.track(cyl, side) else {
            return Vec::new();
        };
        let density = self.idams(t).first().map_or(Density::Single, |&(_, d)| d);
        t[TABLE..]
            .iter()
            .step_by(self.stride(density))
            .copied()
            .collect()
    }

    fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(HEADER + self.tracks.len() * self.track_len);
        out.extend_from_slice(&self.header);
        for t in &self.tracks {
            out.extend_from_slice(t);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn formatted(sides: u8, layout: LayoutDensity) -> Dmk {
        let mut d = Dmk::empty(sides, layout);
        for cyl in 0..3 {
            for side in 0..sides {
                let density = if layout == LayoutDensity::Double
                    || (layout == LayoutDensity::Mixed && cyl > 0)
                {
                    Density::Double
                } else {
                    Density::Single
                };
                d.write_track(cyl, side, &track::standard(cyl, side, density))
                    .unwrap();
            }
        }
        d
    }

    #[test]
    fn header_and_idam_table() {
        let d = formatted(1, LayoutDensity::Mixed);
        let bytes = d.to_bytes();
        assert_eq!(bytes[1], 3);
        assert_eq!(
            u16::from_le_bytes([bytes[2], bytes[3]]) as usize,
            NEW_TRACK_LEN_DD
        );
        assert_eq!(bytes[4], OPT_SINGLE_SIDED);
        assert_eq!(bytes.len(), HEADER + 3 * NEW_TRACK_LEN_DD);
        // Track 0 single density: pointers without the DD flag, FEH stored twice.
        let p = u16::from_le_bytes([bytes[HEADER], bytes[HEADER + 1]]) as usize;
        assert_eq!(p & 0x8000, 0);
        assert_eq!(&bytes[HEADER + p..HEADER + p + 2], &[0xFE, 0xFE]);
        // Track 1 double density.
        let t1 = HEADER + NEW_TRACK_LEN_DD;
        let p = u16::from_le_bytes([bytes[t1], bytes[t1 + 1]]);
        assert_eq!(p & 0x8000, 0x8000);
        assert_eq!(bytes[t1 + (p & 0x3FFF) as usize], 0xFE);
        assert_eq!(bytes[t1 + (p & 0x3FFF) as usize - 1], 0xA1);
        assert_eq!(Dmk::parse(&bytes).unwrap(), d);
        assert_eq!(d.ids(0, 0).len(), 10);
        assert_eq!(d.ids(2, 0).len(), 18);
    }

    #[test]
    fn sector_writes_keep_crcs_and_marks() {
        let mut d = formatted(2, LayoutDensity::Single);
        let data: Vec<u8> = (0..=255).collect();
        d.write(1, 1, 4, &data, 0xF8).unwrap();
        let r = d.read(1, 1, 4).unwrap();
        assert_eq!((r.data, r.dam, r.crc_error), (data, 0xF8, false));
        let again = Dmk::parse(&d.to_bytes()).unwrap();
        assert_eq!(again.read(1, 1, 4).unwrap().dam, 0xF8);
        d.set_write_protected(true);
        assert_eq!(d.to_bytes()[0], 0xFF);
        assert_eq!(
            d.write(1, 1, 4, &[0; 256], 0xFB),
            Err(WriteFault::Protected)
        );
    }

    #[test]
    fn header_errors() {
        let d = formatted(1, LayoutDensity::Single).to_bytes();
        let mut bad = d.clone();
        bad[12] = 0x12;
        assert!(matches!(
            Dmk::parse(&bad),
            Err(DiskError::Invalid { offset: 12, .. })
        ));
        assert!(matches!(
            Dmk::parse(&d[..d.len() - 5]),
            Err(DiskError::Truncated { .. })
        ));
        let mut bad = d.clone();
        bad[2] = 0;
        bad[3] = 0;
        assert!(matches!(
            Dmk::parse(&bad),
            Err(DiskError::Invalid { offset: 2, .. })
        ));
    }
}
