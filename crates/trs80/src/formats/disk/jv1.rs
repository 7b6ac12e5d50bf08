//! JV1: a headerless array of 256-byte single-density sectors, 10 per track, one side.
//!
//! Follows Tim Mann's "Common File Formats for Emulated TRS-80 Floppy Disks", JV1 section.
//!
//! | item | value |
//! |---|---|
//! | sector offset | (track × 10 + sector) × 256 |
//! | sector IDs | 0–9, presented in the 2:1 interleave 0,5,1,6,2,7,3,8,4,9 |
//! | data address mark | FAH on track 17 (the TRSDOS 2.x directory), FBH elsewhere |
//! | size | 2,560 bytes per track (35 tracks = 89,600 bytes) |
//!
//! JV1 keeps no address marks, CRC errors or write protection. A write whose data address mark
//! the image cannot give back is refused ([`WriteFault::MarkNotKept`], a write fault for the
//! program): FBH off track 17; on track 17 FAH, or F8H (the mark a 1791 writes for a directory,
//! which the format's notes treat as the same convention). So a DOS that formats a data disk
//! with its directory elsewhere (LDOS puts it mid-disk and formats track 17 with FBH) gets a
//! write fault instead of a disk that reads back wrong; such disks need JV3 or DMK. Xtrs
//! likewise stops the command with an error on a JV1 directory mark off track 17. Write
//! protection is the host's flag only.

use super::track::{self, RawTrack};
use super::{dam, even_angle, Density, DiskError, SectorData, SectorId, SectorImage, WriteFault};

/// Sectors per track.
pub const SECTORS: usize = 10;
/// Bytes per sector.
pub const SECTOR_BYTES: usize = 256;
/// Bytes per track.
pub const TRACK_BYTES: usize = SECTORS * SECTOR_BYTES;
/// The track whose sectors read with the FAH mark.
pub const DIRECTORY_TRACK: u8 = 17;
/// Most tracks a JV1 image may have.
pub const MAX_TRACKS: usize = 255;

/// A JV1 image.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Jv1 {
    data: Vec<u8>,
    write_protected: bool,
}

impl Jv1 {
    /// Parse a JV1 image (a whole number of tracks).
    pub fn parse(bytes: &[u8]) -> Result<Jv1, DiskError> {
        let whole = bytes.len() / TRACK_BYTES * TRACK_BYTES;
        if bytes.is_empty() || whole != bytes.len() {
            return Err(DiskError::Truncated {
                format: super::DiskFormat::Jv1,
                offset: bytes.len(),
                what: "a 2,560-byte track",
            });
        }
        if bytes.len() > MAX_TRACKS * TRACK_BYTES {
            return Err(DiskError::Invalid {
                format: super::DiskFormat::Jv1,
                offset: MAX_TRACKS * TRACK_BYTES,
                what: "more than 255 tracks",
                found: (bytes.len() / TRACK_BYTES) as u32,
            });
        }
        Ok(Jv1 {
            data: bytes.to_vec(),
            write_protected: false,
        })
    }

    /// A formatted blank image: every byte E5H.
    pub fn blank(tracks: u8) -> Jv1 {
        Jv1 {
            data: vec![0xE5; tracks.max(1) as usize * TRACK_BYTES],
            write_protected: false,
        }
    }

    /// The data address mark every sector of track `cyl` reads with.
    fn mark_of(cyl: u8) -> u8 {
        if cyl == DIRECTORY_TRACK {
            dam::USER_FA
        } else {
            dam::NORMAL
        }
    }

    /// Refuses a sector mark the image cannot give back on track `cyl`.
    fn check_mark(cyl: u8, mark: u8) -> Result<(), WriteFault> {
        let kept = Self::mark_of(cyl);
        let directory = cyl == DIRECTORY_TRACK && mark == dam::DELETED;
        if mark == kept || directory {
            Ok(())
        } else {
            Err(WriteFault::MarkNotKept {
                track: cyl,
                mark,
                kept,
            })
        }
    }

    fn offset(&self, cyl: u8, side: u8, index: usize) -> Option<usize> {
        if side != 0 || cyl >= self.cylinders() || index >= SECTORS {
            return None;
        }
        let sector = track::interleave(SECTORS as u8)[index] as usize;
        Some((cyl as usize * SECTORS + sector) * SECTOR_BYTES)
    }
}

impl SectorImage for Jv1 {
    fn cylinders(&self) -> u8 {
        (self.data.len() / TRACK_BYTES) as u8
    }

    fn sides(&self) -> u8 {
        1
    }

    fn write_protected(&self) -> bool {
        self.write_protected
    }

    fn set_write_protected(&mut self, on: bool) {
        self.write_protected = on;
    }

    fn ids(&self, cyl: u8, side: u8) -> Vec<SectorId> {
        if side != 0 || cyl >= self.cylinders() {
            return Vec::new();
        }
        track::interleave(SECTORS as u8)
            .into_iter()
            .enumerate()
            .map(|(i, sector)| SectorId {
                track: cyl,
                side: 0,
                sector,
                size_code: 1,
                density: Density::Single,
                id_crc_error: false,
                angle: even_angle(i, SECTORS),
            })
            .collect()
    }

    fn read(&self, cyl: u8, side: u8, index: usize) -> Option<SectorData> {
        let at = self.offset(cyl, side, index)?;
        Some(SectorData {
            data: self.data[at..at + SECTOR_BYTES].to_vec(),
            dam: Self::mark_of(cyl),
            crc_error: false,
        })
    }

    fn write(
        &mut self,
        cyl: u8,
        side: u8,
        index: usize,
        data: &[u8],
        dam: u8,
    ) -> Result<(), WriteFault> {
        if self.write_protected {
            return Err(WriteFault::Protected);
        }
        let at = self
            .offset(cyl, side, index)
            .ok_or(WriteFault::NoSuchPlace)?;
        if data.len() != SECTOR_BYTES {
            return Err(WriteFault::NotRepresentable);
        }
        Self::check_mark(cyl, dam)?;
        self.data[at..at + SECTOR_BYTES].copy_from_slice(data);
        Ok(())
    }

    fn write_track(&mut self, cyl: u8, side: u8, raw: &RawTrack) -> Result<(), WriteFault> {
        if self.write_protected {
            return Err(WriteFault::Protected);
        }
        let n = self.cylinders();
        if side != 0 || cyl > n || (cyl == n && n as usize >= MAX_TRACKS) {
            return Err(WriteFault::NoSuchPlace);
        }
        // The track must be ten good 256-byte single-density sectors numbered 0–9.
        let secs = track::sectors(raw);
        let mut seen = [false; SECTORS];
        let mut fresh = vec![0xE5; TRACK_BYTES];
        for s in &secs {
            let ok = raw.density == Density::Single
                && s.id.size_code == 1
                && s.id.track == cyl
                && (s.id.sector as usize) < SECTORS
                && s.dam_at.is_some();
            if !ok || seen[s.id.sector as usize] {
                return Err(WriteFault::NotRepresentable);
            }
            Self::check_mark(cyl, s.dam)?;
            seen[s.id.sector as usize] = true;
            let at = s.id.sector as usize * SECTOR_BYTES;
            fresh[at..at + SECTOR_BYTES].copy_from_slice(&s.data);
        }
        if seen.contains(&false) {
            return Err(WriteFault::NotRepresentable);
        }
        if cyl == n {
            self.data.extend_from_slice(&fresh);
        } else {
            let at = cyl as usize * TRACK_BYTES;
            self.data[at..at + TRACK_BYTES].copy_from_slice(&fresh);
        }
        Ok(())
    }

    fn read_track(&self, cyl: u8, side: u8) -> Vec<u8> {
        let reads: Vec<(SectorId, SectorData)> = self
            .ids(cyl, side)
            .into_iter()
            .enumerate()
            .filter_map(|(i, id)| Some((id, self.read(cyl, side, i)?)))
            .collect();
        let plan: Vec<track::Planned<'_>> = reads
            .iter()
            .map(|(id, d)| track::Planned {
                id: *id,
                dam: d.dam,
                data: &d.data,
                crc_error: false,
            })
            .collect();
        track::build(&plan, Density::Single).bytes
    }

    fn to_bytes(&self) -> Vec<u8> {
        self.data.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn geometry_marks_and_writes() {
        let mut d = Jv1::blank(35);
        assert_eq!(d.to_bytes().len(), 89_600);
        let ids = d.ids(3, 0);
        assert_eq!(ids.len(), 10);
        assert_eq!(ids[1].sector, 5);
        assert!(ids.windows(2).all(|w| w[0].angle < w[1].angle));
        assert_eq!(d.read(17, 0, 0).unwrap().dam, 0xFA);
        assert_eq!(d.read(16, 0, 0).unwrap().dam, 0xFB);
        d.write(2, 0, 1, &[7; 256], 0xFB).unwrap(); // index 1 = sector 5
        assert_eq!(d.to_bytes()[(2 * 10 + 5) * 256], 7);
        assert_eq!(
            d.write(2, 1, 0, &[7; 256], 0xFB),
            Err(WriteFault::NoSuchPlace)
        );
        d.set_write_protected(true);
        assert_eq!(
            d.write(2, 0, 0, &[7; 256], 0xFB),
            Err(WriteFault::Protected)
        );
    }

    #[test]
    fn write_track_replaces_and_appends() {
        let mut d = Jv1::blank(2);
        let raw = track::standard(2, 0, Density::Single);
        d.write_track(2, 0, &raw).unwrap();
        assert_eq!(d.cylinders(), 3);
        let dd = track::standard(1, 0, Density::Double);
        assert_eq!(d.write_track(1, 0, &dd), Err(WriteFault::NotRepresentable));
        let wrong_track = track::standard(0, 0, Density::Single);
        assert_eq!(
            d.write_track(1, 0, &wrong_track),
            Err(WriteFault::NotRepresentable)
        );
        // READ TRACK of a JV1 track holds all ten sectors.
        let raw = RawTrack {
            bytes: d.read_track(1, 0),
            idams: Vec::new(),
            density: Density::Single,
        };
        let found = raw.bytes.windows(2).filter(|w| w == &[0xFF, 0xFE]).count();
        assert_eq!(found, 0, "marks sit after 00H sync bytes");
        let found = raw.bytes.windows(2).filter(|w| w == &[0x00, 0xFE]).count();
        assert_eq!(found, 10);
    }
}
