//! Raw tracks: the bytes between two index pulses, with their ID and data address marks.
//!
//! Follows the Western Digital FD1771 and FD179x data sheets ("Write Track" and "Formatting
//! the disk"): in single density (FM) the controller turns F7H into the two CRC bytes, and
//! F8H–FBH, FCH and FEH are written as marks with missing clocks that also start the CRC; in
//! double density (MFM) F5H writes an A1H sync byte that presets the CRC, F6H writes C2H and
//! F7H the CRC. The CRC is CCITT (x¹⁶ + x¹² + x⁵ + 1, preset FFFFH).
//!
//! Used by WRITE TRACK on every format, by DMK's stored tracks, and to synthesise READ TRACK
//! on JV1/JV3 and blank images.

use super::{Density, SectorId};

/// CCITT CRC-16 of `bytes` continuing from `crc`.
pub fn crc16(mut crc: u16, bytes: &[u8]) -> u16 {
    for &b in bytes {
        crc ^= (b as u16) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 != 0 {
                (crc << 1) ^ 0x1021
            } else {
                crc << 1
            };
        }
    }
    crc
}

/// CRC after the three A1H sync bytes of a double-density mark.
pub const CRC_AFTER_SYNC: u16 = 0xCDB4;

/// A track as laid down by WRITE TRACK: one byte per recorded byte, and where its ID address
/// marks (FEH) are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawTrack {
    /// The recorded bytes, CRCs expanded.
    pub bytes: Vec<u8>,
    /// Offsets of the ID address marks in `bytes`.
    pub idams: Vec<usize>,
    /// Density the whole track was written in.
    pub density: Density,
}

/// Turn what the CPU wrote during WRITE TRACK into the recorded track.
pub fn encode(stream: &[u8], density: Density) -> RawTrack {
    let mut out = Vec::with_capacity(stream.len() + 64);
    let mut idams = Vec::new();
    let mut crc = 0xFFFFu16;
    let mut prev_sync = false;
    for &b in stream {
        let mut sync = false;
        match (density, b) {
            (_, 0xF7) => {
                out.extend_from_slice(&crc.to_be_bytes());
                prev_sync = false;
                continue;
            }
            (Density::Single, 0xF8..=0xFB | 0xFC | 0xFE) => {
                if b == 0xFE {
                    idams.push(out.len());
                }
                crc = crc16(0xFFFF, &[b]);
                out.push(b);
            }
            (Density::Double, 0xF5) => {
                if !prev_sync {
                    crc = 0xFFFF;
                }
                crc = crc16(crc, &[0xA1]);
                out.push(0xA1);
                sync = true;
            }
            (Density::Double, 0xF6) => {
                out.push(0xC2);
            }
            (Density::Double, 0xFE) if prev_sync => {
                idams.push(out.len());
                crc = crc16(crc, &[b]);
                out.push(b);
            }
            _ => {
                crc = crc16(crc, &[b]);
                out.push(b);
            }
        }
        prev_sync = sync;
    }
    RawTrack {
        bytes: out,
        idams,
        density,
    }
}

/// A sector found on a raw track.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawSector {
    /// Its ID field (angle filled in by the caller).
    pub id: SectorId,
    /// Offset (in recorded bytes from the IDAM) of the data address mark, if found.
    pub dam_at: Option<usize>,
    /// The data address mark.
    pub dam: u8,
    /// The data field (empty without a DAM or when it runs off the track).
    pub data: Vec<u8>,
    /// The data CRC does not match.
    pub crc_error: bool,
}

/// Bytes a controller searches after an ID's CRC for its data address mark.
fn dam_window(density: Density) -> usize {
    match density {
        Density::Single => 30,
        Density::Double => 43,
    }
}

/// Read the sector whose ID address mark is at `at`, each recorded byte stored `stride` times.
/// None if the ID field runs off the track or the mark is not FEH.
pub fn sector_at(track: &[u8], at: usize, stride: usize, density: Density) -> Option<RawSector> {
    let get = |k: usize| track.get(at + k * stride).copied();
    if get(0)? != 0xFE {
        return None;
    }
    let mut id = [0u8; 7];
    for (k, b) in id.iter_mut().enumerate() {
        *b = get(k)?;
    }
    let pre = match density {
        Density::Single => 0xFFFF,
        Density::Double => CRC_AFTER_SYNC,
    };
    let id_crc_error = crc16(pre, &id[..5]) != u16::from_be_bytes([id[5], id[6]]);
    let sector_id = SectorId {
        track: id[1],
        side: id[2],
        sector: id[3],
        size_code: id[4],
        density,
        id_crc_error,
        angle: 0,
    };
    let mut s = RawSector {
        id: sector_id,
        dam_at: None,
        dam: 0,
        data: Vec::new(),
        crc_error: false,
    };
    for k in 7..7 + dam_window(density) {
        let Some(b) = get(k) else { break };
        if (0xF8..=0xFB).contains(&b) {
            let size = sector_id.size();
            let data: Option<Vec<u8>> = (k + 1..k + 1 + size).map(get).collect();
            let crc = (get(k + 1 + size), get(k + 2 + size));
            if let (Some(data), (Some(c1), Some(c2))) = (data, crc) {
                let calc = crc16(crc16(pre, &[b]), &data);
                s.crc_error = calc != u16::from_be_bytes([c1, c2]);
                s.dam_at = Some(k);
                s.dam = b;
                s.data = data;
            }
            break;
        }
    }
    Some(s)
}

/// The sectors of a raw track, in order.
pub fn sectors(raw: &RawTrack) -> Vec<RawSector> {
    raw.idams
        .iter()
        .filter_map(|&at| sector_at(&raw.bytes, at, 1, raw.density))
        .collect()
}

/// Raw bytes of one revolution: 3,125 in single density, 6,250 in double.
pub fn capacity(density: Density) -> usize {
    match density {
        Density::Single => 3125,
        Density::Double => 6250,
    }
}

/// One sector to lay down with [`build`].
#[derive(Clone, Debug)]
pub struct Planned<'a> {
    /// ID field contents.
    pub id: SectorId,
    /// Data address mark.
    pub dam: u8,
    /// Data (its length should match the ID's size code).
    pub data: &'a [u8],
    /// Store a wrong data CRC.
    pub crc_error: bool,
}

/// The WRITE TRACK stream a DOS FORMAT would send for these sectors, encoded: gaps, IDs, data.
pub fn build(sectors: &[Planned<'_>], density: Density) -> RawTrack {
    let (gap, sync_n, gap4a, gap2, gap3) = match density {
        Density::Single => (0xFFu8, 6, 16, 11, 12),
        Density::Double => (0x4Eu8, 12, 32, 22, 20),
    };
    let mut s: Vec<u8> = vec![gap; gap4a];
    let mark = |s: &mut Vec<u8>, m: u8| {
        s.extend(std::iter::repeat_n(0u8, sync_n));
        if density == Density::Double {
            s.extend_from_slice(&[0xF5; 3]);
        }
        s.push(m);
    };
    let mut crc_fixups = Vec::new();
    for p in sectors {
        mark(&mut s, 0xFE);
        s.extend_from_slice(&[p.id.track, p.id.side, p.id.sector, p.id.size_code, 0xF7]);
        s.extend(std::iter::repeat_n(gap, gap2));
        mark(&mut s, p.dam);
        // Data bytes F5H and up would be taken as marks or CRC commands; put them in later.
        let start = s.len();
        s.extend(p.data.iter().map(|&b| if b >= 0xF5 { 0 } else { b }));
        crc_fixups.push((start, p.data, p.crc_error));
        s.push(0xF7);
        s.extend(std::iter::repeat_n(gap, gap3));
    }
    let mut raw = encode(&s, density);
    // Put the real data back and recompute each data CRC (offsets shift by one per F7 before).
    let pre = match density {
        Density::Single => 0xFFFF,
        Density::Double => CRC_AFTER_SYNC,
    };
    for (i, (start, data, bad)) in crc_fixups.into_iter().enumerate() {
        // Each earlier sector's two F7s each became two bytes; this sector's ID F7 too.
        let at = start + 2 * i + 1;
        raw.bytes[at..at + data.len()].copy_from_slice(data);
        let dam = raw.bytes[at - 1];
        let mut crc = crc16(crc16(pre, &[dam]), data);
        if bad {
            crc ^= 0xFFFF;
        }
        raw.bytes[at + data.len()..at + data.len() + 2].copy_from_slice(&crc.to_be_bytes());
    }
    let cap = capacity(density);
    if raw.bytes.len() < cap {
        raw.bytes.resize(cap, gap);
    }
    raw
}

/// Physical order of sector IDs on a standard Model I track (2:1 interleave).
pub fn interleave(n: u8) -> Vec<u8> {
    let half = n.div_ceil(2);
    (0..n)
        .map(|i| if i % 2 == 0 { i / 2 } else { half + i / 2 })
        .collect()
}

/// A standard formatted track: 10 (SD) or 18 (DD) 256-byte sectors of E5H, IDs from 0.
pub fn standard(cyl: u8, side: u8, density: Density) -> RawTrack {
    let n = match density {
        Density::Single => 10,
        Density::Double => 18,
    };
    let data = [0xE5u8; 256];
    let plan: Vec<Planned<'_>> = interleave(n)
        .into_iter()
        .map(|sector| Planned {
            id: SectorId {
                track: cyl,
                side,
                sector,
                size_code: 1,
                density,
                id_crc_error: false,
                angle: 0,
            },
            dam: super::dam::NORMAL,
            data: &data,
            crc_error: false,
        })
        .collect();
    build(&plan, density)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_of_sync_marks() {
        assert_eq!(crc16(0xFFFF, &[0xA1, 0xA1, 0xA1]), CRC_AFTER_SYNC);
        // CRC-16/CCITT-FALSE check value.
        assert_eq!(crc16(0xFFFF, b"123456789"), 0x29B1);
    }

    #[test]
    fn standard_tracks_parse_back() {
        assert_eq!(interleave(10), vec![0, 5, 1, 6, 2, 7, 3, 8, 4, 9]);
        for (density, n) in [(Density::Single, 10), (Density::Double, 18)] {
            let raw = standard(7, 1, density);
            assert!(
                raw.bytes.len() <= capacity(density),
                "{density:?} track too long"
            );
            let secs = sectors(&raw);
            assert_eq!(secs.len(), n);
            for (s, id) in secs.iter().zip(interleave(n as u8)) {
                assert_eq!((s.id.track, s.id.side, s.id.sector), (7, 1, id));
                assert!(!s.id.id_crc_error && !s.crc_error);
                assert_eq!(s.dam, 0xFB);
                assert_eq!(s.data, vec![0xE5; 256]);
            }
        }
    }

    #[test]
    fn data_bytes_that_look_like_commands_survive() {
        let data: Vec<u8> = (0..=255).collect();
        let id = SectorId {
            track: 0,
            side: 0,
            sector: 3,
            size_code: 1,
            density: Density::Single,
            id_crc_error: false,
            angle: 0,
        };
        let plan = [
            Planned {
                id,
                dam: 0xF8,
                data: &data,
                crc_error: false,
            },
            Planned {
                id,
                dam: 0xFA,
                data: &data,
                crc_error: true,
            },
        ];
        let secs = sectors(&build(&plan, Density::Single));
        assert_eq!(secs[0].data, data);
        assert_eq!((secs[0].dam, secs[0].crc_error), (0xF8, false));
        assert_eq!((secs[1].dam, secs[1].crc_error), (0xFA, true));
    }
}
