//! LDOS / TRSDOS-2.x-style directories on a disk image: list the files and copy them out.
//!
//! Follows the LDOS 5.3 technical information (the "Disk organisation" chapter of the LDOS
//! manual: boot sector, GAT, HIT, directory entries, extents).
//!
//! | place | contents |
//! |---|---|
//! | track 0 sector 0, byte 2 | the directory cylinder |
//! | directory sector 0 (GAT) | granule map; disk name at D0H (8 bytes), date at D8H (8 bytes) |
//! | directory sector 1 (HIT) | one hash byte per entry |
//! | directory sectors 2… | entries of 32 bytes (LDOS; TRSDOS 2.x: 48, the extra 16 more extents) |
//!
//! | entry byte | meaning |
//! |---|---|
//! | 0 | attributes: 80H extended entry, 40H system file, 10H in use, 08H invisible, 07H protection |
//! | 3 | end-of-file byte offset in the last sector (0 = the whole sector) |
//! | 4 | logical record length (0 = 256) |
//! | 5–12, 13–15 | name and extension, space padded |
//! | 20–21 | ending record number: sectors in the file (little-endian) |
//! | 22… | extents of two bytes: cylinder, then granule (bits 7–5 first granule, 4–0 count − 1); FFH ends; FEH, DEC links to the extended entry |
//!
//! A DEC (directory entry code) holds the entry's slot in bits 7–5 and its sector − 2 in
//! bits 4–0. Granules are 5 sectors (10 per track, single density) or 6 (18 per track,
//! double density), numbered from the first sector of the cylinder; an extent's granules
//! run on into the next cylinders.
//!
//! Not handled: TRSDOS 2.x is read with the same rules (untested against a real TRSDOS 2.x
//! image); NEWDOS/80 and DOSPLUS layouts; passwords are ignored.

use std::fmt;

use super::Disk;

/// A file in the directory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DirEntry {
    /// `NAME/EXT` (no extension: `NAME`).
    pub name: String,
    /// Attribute byte (see the table above).
    pub attributes: u8,
    /// Logical record length (1–256).
    pub lrl: u16,
    /// Sectors in the file (ERN).
    pub sectors: u16,
    /// Bytes in the file.
    pub size: u32,
    /// (cylinder, granule byte) pairs, following extended entries.
    pub extents: Vec<(u8, u8)>,
}

impl DirEntry {
    /// A system file (attribute 40H).
    pub fn system(&self) -> bool {
        self.attributes & 0x40 != 0
    }
    /// An invisible file (attribute 08H).
    pub fn invisible(&self) -> bool {
        self.attributes & 0x08 != 0
    }
}

/// A disk's directory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directory {
    /// Disk name from the GAT.
    pub disk_name: String,
    /// Disk date from the GAT.
    pub date: String,
    /// Directory cylinder.
    pub cylinder: u8,
    /// Files in use, in directory order.
    pub files: Vec<DirEntry>,
}

/// Why a directory or file could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DosError {
    /// Track 0 sector 0 is not on the disk.
    NoBootSector,
    /// A directory sector is missing (cylinder, sector).
    MissingSector(u8, u8),
    /// The boot sector names a directory cylinder that is not on the disk.
    BadDirectoryCylinder(u8),
    /// No such file.
    NotFound(String),
    /// An extent points outside the disk.
    BadExtent {
        /// File name.
        file: String,
        /// Cylinder of the extent.
        cylinder: u8,
    },
}

impl fmt::Display for DosError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoBootSector => write!(f, "no boot sector (track 0 sector 0) on the disk"),
            Self::MissingSector(c, s) => {
                write!(f, "directory sector {s} of cylinder {c} is not on the disk")
            }
            Self::BadDirectoryCylinder(c) => write!(
                f,
                "the boot sector names cylinder {c} for the directory, which the disk does not have: not an LDOS/TRSDOS disk?"
            ),
            Self::NotFound(n) => write!(f, "no file {n} in the directory"),
            Self::BadExtent { file, cylinder } => {
                write!(f, "{file}: an extent points at cylinder {cylinder}, beyond the disk")
            }
        }
    }
}

impl std::error::Error for DosError {}

/// The data of sector `sector` (by its ID) on a cylinder, side 0.
fn sector(disk: &Disk, cyl: u8, sector: u8) -> Option<Vec<u8>> {
    let img = disk.image();
    let i = img.ids(cyl, 0).iter().position(|id| id.sector == sector)?;
    Some(img.read(cyl, 0, i)?.data)
}

/// Sectors per granule on a cylinder (5 single density, 6 double).
fn granule_sectors(disk: &Disk, cyl: u8) -> u8 {
    if disk.image().ids(cyl, 0).len() >= 18 {
        6
    } else {
        5
    }
}

fn text(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| {
            if (0x20..0x7F).contains(&b) {
                b as char
            } else {
                ' '
            }
        })
        .collect::<String>()
        .trim_end()
        .to_string()
}

/// Read the directory.
pub fn directory(disk: &Disk) -> Result<Directory, DosError> {
    let boot = sector(disk, 0, 0).ok_or(DosError::NoBootSector)?;
    let cyl = boot[2];
    if cyl == 0 || cyl >= disk.image().cylinders() {
        return Err(DosError::BadDirectoryCylinder(cyl));
    }
    let gat = sector(disk, cyl, 0).ok_or(DosError::MissingSector(cyl, 0))?;
    let nsec = disk.image().ids(cyl, 0).len() as u8;
    // Entries: 32 bytes each (LDOS); a sector whose second slot is not an entry but whose
    // 49th byte starts one is TRSDOS 2.x's 48-byte layout.
    let mut raw: Vec<(u8, Vec<u8>)> = Vec::new(); // (DEC, entry bytes)
    for s in 2..nsec.max(2) {
        let Some(data) = sector(disk, cyl, s) else {
            continue;
        };
        let trsdos = data.len() >= 256
            && data[32..48].iter().all(|&b| b == 0)
            && data[48] & 0x10 != 0
            && data[53] > b' ';
        let size = if trsdos { 48 } else { 32 };
        for (slot, e) in data.chunks_exact(size).take(8).enumerate() {
            raw.push((((slot as u8) << 5) | (s - 2), e.to_vec()));
        }
    }
    let find = |dec: u8| raw.iter().find(|(d, _)| *d == dec).map(|(_, e)| e);
    let mut files = Vec::new();
    for (_, e) in &raw {
        if e[0] & 0x10 == 0 || e[0] & 0x80 != 0 || e[5] <= b' ' {
            continue;
        }
        let name = text(&e[5..13]);
        let ext = text(&e[13..16]);
        let name = if ext.is_empty() {
            name
        } else {
            format!("{name}/{ext}")
        };
        let sectors = u16::from_le_bytes([e[20], e[21]]);
        let eof = e[3] as u32;
        let size = match (sectors, eof) {
            (0, _) => 0,
            (n, 0) => n as u32 * 256,
            (n, b) => (n as u32 - 1) * 256 + b,
        };
        let mut extents = Vec::new();
        let mut entry = e;
        for _ in 0..16 {
            let mut next = None;
            for pair in entry[22..].chunks_exact(2) {
                match pair[0] {
                    0xFF => break,
                    0xFE => {
                        next = find(pair[1]);
                        break;
                    }
                    c => extents.push((c, pair[1])),
                }
            }
            match next {
                Some(n) => entry = n,
                None => break,
            }
        }
        files.push(DirEntry {
            name,
            attributes: e[0],
            lrl: if e[4] == 0 { 256 } else { e[4] as u16 },
            sectors,
            size,
            extents,
        });
    }
    Ok(Directory {
        disk_name: text(&gat[0xD0..0xD8]),
        date: text(&gat[0xD8..0xE0]),
        cylinder: cyl,
        files,
    })
}

/// The bytes of file `name` (`NAME/EXT`, any case).
pub fn read_file(disk: &Disk, dir: &Directory, name: &str) -> Result<Vec<u8>, DosError> {
    let want = name.to_ascii_uppercase();
    let f = dir
        .files
        .iter()
        .find(|f| f.name == want)
        .ok_or_else(|| DosError::NotFound(name.to_string()))?;
    let mut out = Vec::with_capacity(f.sectors as usize * 256);
    let need = f.sectors as usize * 256;
    'extents: for &(cyl, gran) in &f.extents {
        // Contiguous granules run on into the following cylinders.
        let (mut c, mut g) = (cyl, gran >> 5);
        for _ in 0..(gran & 0x1F) + 1 {
            if c >= disk.image().cylinders() {
                return Err(DosError::BadExtent {
                    file: f.name.clone(),
                    cylinder: c,
                });
            }
            let per = granule_sectors(disk, c);
            for s in g * per..(g + 1) * per {
                if out.len() >= need {
                    break 'extents;
                }
                let data = sector(disk, c, s).ok_or(DosError::MissingSector(c, s))?;
                out.extend_from_slice(&data);
            }
            g += 1;
            if g * per >= disk.image().ids(c, 0).len() as u8 {
                c += 1;
                g = 0;
            }
        }
    }
    out.truncate(f.size as usize);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::disk::{DiskFormat, Layout, LayoutDensity};

    fn put(disk: &mut Disk, cyl: u8, sec: u8, data: &[u8]) {
        let img = disk.image_mut();
        let i = img
            .ids(cyl, 0)
            .iter()
            .position(|id| id.sector == sec)
            .unwrap();
        let mut full = vec![0u8; 256];
        full[..data.len()].copy_from_slice(data);
        // The directory track carries FAH, as a Model I DOS writes it on the FD1771.
        let mark = if cyl == 17 { 0xFA } else { 0xFB };
        img.write(cyl, 0, i, &full, mark).unwrap();
    }

    /// A directory written by hand: one file in two extents, the second via an extended entry.
    #[test]
    fn lists_and_reads_a_file_across_extents() {
        let layout = Layout {
            tracks: 35,
            sides: 1,
            density: LayoutDensity::Single,
        };
        let mut d = Disk::blank(DiskFormat::Jv1, layout).unwrap();
        put(&mut d, 0, 0, &[0x00, 0xFE, 17]);
        let mut gat = vec![0u8; 256];
        gat[0xD0..0xE0].copy_from_slice(b"TESTDISK01/02/86");
        put(&mut d, 17, 0, &gat);
        let mut dir = vec![0u8; 256];
        let e = &mut dir[0..32];
        e[0] = 0x10;
        e[3] = 100; // 100 bytes in the last sector
        e[5..16].copy_from_slice(b"HELLO   TXT");
        e[20] = 7; // 7 sectors: 6 full + 100 bytes
        e[22..28].copy_from_slice(&[5, 0x20, 0xFE, 0x20, 0xFF, 0xFF]); // cyl 5 granule 1; link
        let x = &mut dir[32..64];
        x[0] = 0x90; // extended entry in slot 1 of sector 2 (DEC 20H)
        x[22..26].copy_from_slice(&[9, 0x00, 0xFF, 0xFF]); // cyl 9 granule 0
        put(&mut d, 17, 2, &dir);
        for s in 5..10 {
            put(&mut d, 5, s, &[s; 256]);
        }
        for s in 0..5 {
            put(&mut d, 9, s, &[0x40 + s; 256]);
        }
        let listing = directory(&d).unwrap();
        assert_eq!(
            (listing.disk_name.as_str(), listing.date.as_str()),
            ("TESTDISK", "01/02/86")
        );
        assert_eq!(listing.files.len(), 1);
        let f = &listing.files[0];
        assert_eq!(
            (f.name.as_str(), f.sectors, f.size),
            ("HELLO/TXT", 7, 6 * 256 + 100)
        );
        assert_eq!(f.extents, vec![(5, 0x20), (9, 0x00)]);
        let bytes = read_file(&d, &listing, "hello/txt").unwrap();
        assert_eq!(bytes.len(), 6 * 256 + 100);
        assert_eq!(bytes[0], 5);
        assert_eq!(bytes[5 * 256], 0x40);
        assert_eq!(bytes[6 * 256], 0x41);
        assert_eq!(
            read_file(&d, &listing, "NONE/TXT"),
            Err(DosError::NotFound("NONE/TXT".into()))
        );
        put(&mut d, 0, 0, &[0x00, 0xFE, 200]);
        assert_eq!(directory(&d), Err(DosError::BadDirectoryCylinder(200)));
    }
}
