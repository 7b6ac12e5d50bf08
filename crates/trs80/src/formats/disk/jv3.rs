//! JV3: a table of sector headers, then the sectors' data in table order.
//!
//! Follows Tim Mann's "Common File Formats for Emulated TRS-80 Floppy Disks", JV3 section.
//!
//! | offset | bytes | meaning |
//! |---|---|---|
//! | 0 | 2,901 × 3 | entries (track, sector, flags); track FFH = free entry |
//! | 8,703 | 1 | write protect: FFH writable, 00H protected |
//! | 8,704 | … | data blocks in entry order, each the entry's size |
//! | after the data | 8,704 | optional second table (last byte padding), then its data |
//!
//! | flag bits | meaning |
//! |---|---|
//! | 80H | double density |
//! | 60H | data address mark: SD 00 = FBH, 20H = FAH, 40H = F9H, 60H = F8H; DD 00 = FBH, 20H = F8H |
//! | 10H | side 1 |
//! | 08H | data CRC error |
//! | 04H | non-IBM sector (refused) |
//! | 03H | size: used 0 = 256, 1 = 128, 2 = 1024, 3 = 512; free 0 = 512, 1 = 1024, 2 = 128, 3 = 256 |
//!
//! Entries after the last used one own no data. Sectors of a track pass the head in table order.

use super::track::{self, RawTrack};
use super::{
    dam, even_angle, Density, DiskError, DiskFormat, SectorData, SectorId, SectorImage, WriteFault,
};

/// Entries in one header table.
pub const ENTRIES: usize = 2901;
/// Bytes of one header table with its write-protect (or padding) byte.
pub const TABLE_BYTES: usize = ENTRIES * 3 + 1;
/// Most tracks accepted.
pub const MAX_TRACKS: u8 = 96;

const DENSITY: u8 = 0x80;
const DAM_BITS: u8 = 0x60;
const SIDE: u8 = 0x10;
const CRC_ERROR: u8 = 0x08;
const NON_IBM: u8 = 0x04;
const FREE: u8 = 0xFF;

/// One header entry and its data block (empty for entries past the last used one).
#[derive(Clone, Debug, PartialEq, Eq)]
struct Entry {
    raw: [u8; 3],
    data: Vec<u8>,
}

impl Entry {
    fn used(&self) -> bool {
        self.raw[0] != FREE
    }
    fn size(&self) -> usize {
        let code = self.raw[2] & 3;
        let ibm = if self.used() { code ^ 1 } else { code ^ 2 };
        128 << ibm
    }
    fn side(&self) -> u8 {
        (self.raw[2] & SIDE != 0) as u8
    }
    fn density(&self) -> Density {
        if self.raw[2] & DENSITY != 0 {
            Density::Double
        } else {
            Density::Single
        }
    }
    fn dam(&self) -> u8 {
        let bits = self.raw[2] & DAM_BITS;
        match (self.density(), bits) {
            (Density::Single, 0x00) => dam::NORMAL,
            (Density::Single, 0x20) => dam::USER_FA,
            (Density::Single, 0x40) => dam::USER_F9,
            (Density::Single, _) => dam::DELETED,
            (Density::Double, 0x00) => dam::NORMAL,
            (Density::Double, _) => dam::DELETED,
        }
    }
}

/// A JV3 image.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Jv3 {
    /// Entries of the first and (when present) second table, `ENTRIES` each.
    entries: Vec<Entry>,
    /// Byte after each table (write protect, then padding).
    table_tail: Vec<u8>,
    /// Bytes after the last data block that form no table (kept as they are).
    trailing: Vec<u8>,
}

fn invalid(offset: usize, what: &'static str, found: u8) -> DiskError {
    DiskError::Invalid {
        format: DiskFormat::Jv3,
        offset,
        what,
        found: found as u32,
    }
}

/// Check one entry; `at` is its offset in the file.
fn check_entry(e: [u8; 3], at: usize) -> Result<(), DiskError> {
    if e[0] == FREE {
        return Ok(());
    }
    if e[0] >= MAX_TRACKS {
        return Err(invalid(at, "track number must be below 96", e[0]));
    }
    if e[2] & NON_IBM != 0 {
        return Err(invalid(
            at + 2,
            "non-IBM sector flag (04H) is not supported",
            e[2],
        ));
    }
    if e[2] & DENSITY != 0 && e[2] & 0x40 != 0 {
        return Err(invalid(
            at + 2,
            "double-density sector with a single-density-only mark (40H/60H)",
            e[2],
        ));
    }
    Ok(())
}

/// A sound JV3 header table at the start of `bytes` (used to tell JV3 from JV1).
pub(super) fn looks_like(bytes: &[u8]) -> bool {
    bytes.len() >= TABLE_BYTES
        && matches!(bytes[TABLE_BYTES - 1], 0x00 | 0xFF)
        && (0..ENTRIES).all(|i| {
            let e = [bytes[3 * i], bytes[3 * i + 1], bytes[3 * i + 2]];
            check_entry(e, 3 * i).is_ok()
        })
}

impl Jv3 {
    /// Parse a JV3 image.
    pub fn parse(bytes: &[u8]) -> Result<Jv3, DiskError> {
        let mut d = Jv3 {
            entries: Vec::new(),
            table_tail: Vec::new(),
            trailing: Vec::new(),
        };
        let mut at = 0;
        for table in 0..2 {
            if bytes.len() < at + TABLE_BYTES {
                return Err(DiskError::Truncated {
                    format: DiskFormat::Jv3,
                    offset: bytes.len(),
                    what: "the sector header table",
                });
            }
            let head = &bytes[at..at + TABLE_BYTES];
            let tail = head[TABLE_BYTES - 1];
            if table == 0 && !matches!(tail, 0x00 | 0xFF) {
                return Err(invalid(
                    at + TABLE_BYTES - 1,
                    "write-protect byte must be 00H or FFH",
                    tail,
                ));
            }
            let mut entries: Vec<Entry> = Vec::with_capacity(ENTRIES);
            for i in 0..ENTRIES {
                let raw = [head[3 * i], head[3 * i + 1], head[3 * i + 2]];
                check_entry(raw, at + 3 * i)?;
                entries.push(Entry {
                    raw,
                    data: Vec::new(),
                });
            }
            let mut data_at = at + TABLE_BYTES;
            let last_used = entries.iter().rposition(Entry::used);
            for e in entries.iter_mut().take(last_used.map_or(0, |l| l + 1)) {
                let end = data_at + e.size();
                if end > bytes.len() {
                    return Err(DiskError::Truncated {
                        format: DiskFormat::Jv3,
                        offset: bytes.len(),
                        what: "a sector's data",
                    });
                }
                e.data = bytes[data_at..end].to_vec();
                data_at = end;
            }
            d.entries.extend(entries);
            d.table_tail.push(tail);
            at = data_at;
            if bytes.len() - at < TABLE_BYTES {
                break;
            }
        }
        d.trailing = bytes[at..].to_vec();
        Ok(d)
    }

    /// An image with no sectors yet (format tracks with [`SectorImage::write_track`]).
    pub fn empty() -> Jv3 {
        Jv3 {
            entries: vec![
                Entry {
                    raw: [FREE, FREE, FREE],
                    data: Vec::new(),
                };
                ENTRIES
            ],
            table_tail: vec![0xFF],
            trailing: Vec::new(),
        }
    }

    /// Indices of the entries of one track side, in table order.
    fn track_entries(&self, cyl: u8, side: u8) -> Vec<usize> {
        (0..self.entries.len())
            .filter(|&i| {
                let e = &self.entries[i];
                e.used() && e.raw[0] == cyl && e.side() == side
            })
            .collect()
    }
}

/// The flags byte of a used entry.
fn flags(density: Density, dam_byte: u8, side: u8, size_code: u8, crc_error: bool) -> u8 {
    let dam_bits = match (density, dam_byte) {
        (_, dam::NORMAL) => 0x00,
        (Density::Single, dam::USER_FA) => 0x20,
        (Density::Single, dam::USER_F9) => 0x40,
        (Density::Single, _) => 0x60,
        (Density::Double, _) => 0x20,
    };
    let d = if density == Density::Double {
        DENSITY
    } else {
        0
    };
    let s = if side != 0 { SIDE } else { 0 };
    let c = if crc_error { CRC_ERROR } else { 0 };
    d | dam_bits | s | c | ((size_code & 3) ^ 1)
}

impl SectorImage for Jv3 {
    fn cylinders(&self) -> u8 {
        self.entries
            .iter()
            .filter(|e| e.used())
            .map(|e| e.raw[0] + 1)
            .max()
            .unwrap_or(0)
    }

    fn sides(&self) -> u8 {
        1 + self.entries.iter().any(|e| e.used() && e.side() == 1) as u8
    }

    fn write_protected(&self) -> bool {
        self.table_tail[0] == 0x00
    }

    fn set_write_protected(&mut self, on: bool) {
        self.table_tail[0] = if on { 0x00 } else { 0xFF };
    }

    fn ids(&self, cyl: u8, side: u8) -> Vec<SectorId> {
        let list = self.track_entries(cyl, side);
        let n = list.len();
        list.into_iter()
            .enumerate()
            .map(|(i, k)| {
                let e = &self.entries[k];
                SectorId {
                    track: e.raw[0],
                    side: e.side(),
                    sector: e.raw[1],
                    size_code: (e.raw[2] & 3) ^ 1,
                    density: e.density(),
                    id_crc_error: false,
                    angle: even_angle(i, n),
                }
            })
            .collect()
    }

    fn read(&self, cyl: u8, side: u8, index: usize) -> Option<SectorData> {
        let e = &self.entries[*self.track_entries(cyl, side).get(index)?];
        Some(SectorData {
            data: e.data.clone(),
            dam: e.dam(),
            crc_error: e.raw[2] & CRC_ERROR != 0,
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
        let k = *self
            .track_entries(cyl, side)
            .get(index)
            .ok_or(WriteFault::NoSuchPlace)?;
        let e = &mut self.entries[k];
        if data.len() != e.size() {
            return Err(WriteFault::NotRepresentable);
        }
        e.data.copy_from_slice(data);
        let size_code = (e.raw[2] & 3) ^ 1;
        e.raw[2] = flags(e.density(), dam_byte, side, size_code, false);
        Ok(())
    }

    fn write_track(&mut self, cyl: u8, side: u8, raw: &RawTrack) -> Result<(), WriteFault> {
        if self.write_protected() {
            return Err(WriteFault::Protected);
        }
        if cyl >= MAX_TRACKS || side > 1 {
            return Err(WriteFault::NoSuchPlace);
        }
        let new: Vec<track::RawSector> = track::sectors(raw)
            .into_iter()
            .filter(|s| s.dam_at.is_some())
            .collect();
        // Free the old sectors of this track side (their data blocks stay with the entries).
        let old = self.track_entries(cyl, side);
        let free_slots = self.entries.iter().filter(|e| !e.used()).count();
        if free_slots + old.len() < new.len() {
            return Err(WriteFault::NotRepresentable);
        }
        for k in old {
            let e = &mut self.entries[k];
            let free_code = ((e.raw[2] & 3) ^ 1) ^ 2;
            e.raw = [FREE, FREE, 0xFC | free_code];
        }
        // Lay the new sectors into free entries in table order; the entry's data block takes the
        // new size (later blocks simply move in the file).
        let mut slot = 0;
        for s in new {
            while self.entries[slot].used() {
                slot += 1;
            }
            let e = &mut self.entries[slot];
            e.raw = [
                cyl,
                s.id.sector,
                flags(raw.density, s.dam, side, s.id.size_code, s.crc_error),
            ];
            e.data = s.data;
            slot += 1;
        }
        // A second table when the first one has filled up.
        if self.entries.len() == ENTRIES && self.entries.iter().all(Entry::used) {
            self.entries.extend(std::iter::repeat_n(
                Entry {
                    raw: [FREE, FREE, FREE],
                    data: Vec::new(),
                },
                ENTRIES,
            ));
            self.table_tail.push(0xFF);
        }
        // Entries before the last used one must own a data block.
        let last = self.entries.iter().rposition(Entry::used).unwrap_or(0);
        for e in &mut self.entries[..last] {
            if e.data.is_empty() {
                e.data = vec![0xE5; e.size()];
            }
        }
        Ok(())
    }

    fn read_track(&self, cyl: u8, side: u8) -> Vec<u8> {
        let list = self.track_entries(cyl, side);
        let density = list
            .first()
            .map_or(Density::Single, |&k| self.entries[k].density());
        let ids = self.ids(cyl, side);
        let plan: Vec<track::Planned<'_>> = list
            .iter()
            .zip(ids)
            .filter(|(&k, _)| self.entries[k].density() == density)
            .map(|(&k, id)| track::Planned {
                id,
                dam: self.entries[k].dam(),
                data: &self.entries[k].data,
                crc_error: self.entries[k].raw[2] & CRC_ERROR != 0,
            })
            .collect();
        track::build(&plan, density).bytes
    }

    fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        for (t, table) in self.entries.chunks(ENTRIES).enumerate() {
            for e in table {
                out.extend_from_slice(&e.raw);
            }
            out.push(self.table_tail[t]);
            let last = table.iter().rposition(Entry::used);
            for e in table.iter().take(last.map_or(0, |l| l + 1)) {
                out.extend_from_slice(&e.data);
            }
        }
        out.extend_from_slice(&self.trailing);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_layout_and_round_trip() {
        let mut d = Jv3::empty();
        d.write_track(0, 0, &track::standard(0, 0, Density::Single))
            .unwrap();
        d.write_track(1, 1, &track::standard(1, 1, Density::Double))
            .unwrap();
        let bytes = d.to_bytes();
        assert_eq!(bytes.len(), TABLE_BYTES + 28 * 256);
        assert_eq!(&bytes[0..3], &[0, 0, 0x00]); // track 0, sector 0, SD, 256 bytes (code 0)
        assert_eq!(&bytes[30..33], &[1, 0, 0x80 | 0x10]);
        assert_eq!(bytes[TABLE_BYTES - 1], 0xFF);
        let back = Jv3::parse(&bytes).unwrap();
        assert_eq!(back, d);
        assert_eq!((back.cylinders(), back.sides()), (2, 2));
        assert_eq!(back.ids(1, 1)[1].sector, 9);
        assert_eq!(back.ids(1, 1)[1].density, Density::Double);
    }

    #[test]
    fn marks_protect_and_reformat() {
        let mut d = Jv3::empty();
        d.write_track(17, 0, &track::standard(17, 0, Density::Single))
            .unwrap();
        d.write(17, 0, 0, &[1; 256], dam::DELETED).unwrap();
        d.write(17, 0, 1, &[2; 256], dam::USER_FA).unwrap();
        assert_eq!(d.read(17, 0, 0).unwrap().dam, 0xF8);
        assert_eq!(d.read(17, 0, 1).unwrap().dam, 0xFA);
        assert_eq!(d.read(17, 0, 2).unwrap().dam, 0xFB);
        // Reformatting a track reuses the freed entries.
        d.write_track(17, 0, &track::standard(17, 0, Density::Double))
            .unwrap();
        assert_eq!(d.ids(17, 0).len(), 18);
        assert_eq!(d.read(17, 0, 0).unwrap().data, vec![0xE5; 256]);
        let bytes = d.to_bytes();
        assert_eq!(Jv3::parse(&bytes).unwrap().to_bytes(), bytes);
        d.set_write_protected(true);
        assert_eq!(d.to_bytes()[TABLE_BYTES - 1], 0);
        assert_eq!(
            d.write(17, 0, 0, &[0; 256], 0xFB),
            Err(WriteFault::Protected)
        );
    }

    #[test]
    fn errors_name_the_place() {
        let mut d = Jv3::empty();
        d.write_track(0, 0, &track::standard(0, 0, Density::Single))
            .unwrap();
        let bytes = d.to_bytes();
        let short = &bytes[..bytes.len() - 1];
        assert!(matches!(
            Jv3::parse(short),
            Err(DiskError::Truncated { offset, .. }) if offset == bytes.len() - 1
        ));
        let mut bad = bytes.clone();
        bad[5] |= NON_IBM;
        assert!(matches!(
            Jv3::parse(&bad),
            Err(DiskError::Invalid { offset: 5, .. })
        ));
    }
}
