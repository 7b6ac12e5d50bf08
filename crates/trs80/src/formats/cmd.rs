//! /CMD load modules (the DOS machine-language file format): a stream of records.
//!
//! Follows the record types as documented in the LDOS Quarterly (Vol. 1 No. 4) and the srecord
//! `srec_trs80(5)` manual page.
//!
//! | type | record | payload |
//! |---|---|---|
//! | 01H | load block | address LSB, MSB, then length − 2 data bytes (length 00H/01H/02H = 254/255/256 data bytes) |
//! | 02H | transfer address, end | entry address LSB, MSB; loading stops |
//! | 03H | end without transfer | skipped; loading stops |
//! | 05H | module header (name) | text, skipped |
//! | 1FH | copyright | text, skipped |
//! | any other | — | skipped (`length` bytes, 00H = 256) |
//!
//! Each record is `type, length, payload`. Bytes after the end record are ignored (disk files
//! are padded to whole sectors).
//!
//! Not handled: partitioned-data-set members (types 04H, 06H–0EH) are skipped, not interpreted.

use std::fmt;

/// One contiguous run of bytes to place in memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// Load address of the first byte.
    pub addr: u16,
    /// The bytes.
    pub data: Vec<u8>,
}

/// A machine-language program: blocks to load and where to start it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MemoryImage {
    /// Blocks in file order (later blocks overwrite earlier ones where they overlap).
    pub blocks: Vec<Block>,
    /// Entry (transfer) address, if the file names one.
    pub entry: Option<u16>,
}

impl MemoryImage {
    /// Lowest and highest address the blocks touch, or `None` without data.
    pub fn span(&self) -> Option<(u16, u16)> {
        self.blocks
            .iter()
            .filter(|b| !b.data.is_empty())
            .map(|b| (b.addr, b.addr + (b.data.len() - 1) as u16))
            .fold(None, |acc, (lo, hi)| match acc {
                None => Some((lo, hi)),
                Some((a, b)) => Some((a.min(lo), b.max(hi))),
            })
    }

    /// Total number of data bytes.
    pub fn len(&self) -> usize {
        self.blocks.iter().map(|b| b.data.len()).sum()
    }

    /// True when there is no data.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Record type: load block.
pub const REC_LOAD: u8 = 0x01;
/// Record type: transfer address (end).
pub const REC_TRANSFER: u8 = 0x02;
/// Record type: end without transfer address.
pub const REC_END: u8 = 0x03;
/// Record type: module header.
pub const REC_HEADER: u8 = 0x05;
/// Highest record type byte a /CMD file uses.
pub const REC_MAX: u8 = 0x1F;

/// Why a /CMD file was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CmdError {
    /// The file is empty.
    Empty,
    /// The first byte is not a /CMD record type.
    NotCmd {
        /// The byte found.
        found: u8,
    },
    /// A record runs past the end of the file.
    Truncated {
        /// Offset of the record.
        offset: usize,
        /// Its type byte.
        record: u8,
    },
    /// A load block runs past address FFFFH.
    BlockWraps {
        /// Offset of the record.
        offset: usize,
        /// Its load address.
        addr: u16,
        /// Its length.
        len: usize,
    },
    /// The file ends without a transfer or end record.
    NoEnd {
        /// File length.
        len: usize,
    },
    /// There is no load block at all.
    NoData,
}

impl fmt::Display for CmdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => write!(f, "empty file, not a /CMD program"),
            Self::NotCmd { found } => write!(
                f,
                "not a /CMD program: first byte {found:02X}H is not a record type (00H-1FH)"
            ),
            Self::Truncated { offset, record } => write!(
                f,
                "/CMD file truncated: record type {record:02X}H at byte {offset} runs past the end"
            ),
            Self::BlockWraps { offset, addr, len } => write!(
                f,
                "/CMD load block at byte {offset} ({len} bytes at {addr:04X}H) runs past FFFFH"
            ),
            Self::NoEnd { len } => write!(
                f,
                "/CMD file ends after {len} bytes without a transfer-address record (truncated?)"
            ),
            Self::NoData => write!(f, "/CMD file has no load blocks"),
        }
    }
}

impl std::error::Error for CmdError {}

/// Parse a /CMD file.
pub fn parse(bytes: &[u8]) -> Result<MemoryImage, CmdError> {
    let first = *bytes.first().ok_or(CmdError::Empty)?;
    if first > REC_MAX {
        return Err(CmdError::NotCmd { found: first });
    }
    let mut image = MemoryImage::default();
    let mut p = 0;
    loop {
        let Some(&kind) = bytes.get(p) else {
            return Err(CmdError::NoEnd { len: bytes.len() });
        };
        let len = *bytes.get(p + 1).ok_or(CmdError::Truncated {
            offset: p,
            record: kind,
        })?;
        if kind == REC_END {
            // Loading stops here; whatever follows (even a short payload) is not needed.
            if image.blocks.is_empty() {
                return Err(CmdError::NoData);
            }
            return Ok(image);
        }
        let payload_len = match (kind, len) {
            (REC_LOAD, 0..=2) => usize::from(len) + 256,
            (_, 0) => 256,
            _ => usize::from(len),
        };
        let payload = bytes
            .get(p + 2..p + 2 + payload_len)
            .ok_or(CmdError::Truncated {
                offset: p,
                record: kind,
            })?;
        match kind {
            REC_LOAD => {
                let addr = u16::from_le_bytes([payload[0], payload[1]]);
                let data = &payload[2..];
                if usize::from(addr) + data.len() > 0x10000 {
                    return Err(CmdError::BlockWraps {
                        offset: p,
                        addr,
                        len: data.len(),
                    });
                }
                image.blocks.push(Block {
                    addr,
                    data: data.to_vec(),
                });
            }
            REC_TRANSFER => {
                if payload.len() < 2 {
                    return Err(CmdError::Truncated {
                        offset: p,
                        record: kind,
                    });
                }
                image.entry = Some(u16::from_le_bytes([payload[0], payload[1]]));
                if image.blocks.is_empty() {
                    return Err(CmdError::NoData);
                }
                return Ok(image);
            }
            _ => {}
        }
        p += 2 + payload_len;
    }
}

/// Write a /CMD file: an optional module header, load blocks of up to 256 bytes, and a
/// transfer record (or an end record when `entry` is `None`).
pub fn write(image: &MemoryImage, name: Option<&str>) -> Vec<u8> {
    let mut out = Vec::new();
    if let Some(name) = name {
        let n: Vec<u8> = name.bytes().take(255).collect();
        if !n.is_empty() {
            out.push(REC_HEADER);
            out.push(n.len() as u8);
            out.extend_from_slice(&n);
        }
    }
    for b in &image.blocks {
        let mut addr = b.addr;
        for chunk in b.data.chunks(256) {
            out.push(REC_LOAD);
            out.push((chunk.len() + 2) as u8); // 256 + 2 wraps to 02H, as the format says
            out.extend_from_slice(&addr.to_le_bytes());
            out.extend_from_slice(chunk);
            addr = addr.wrapping_add(chunk.len() as u16);
        }
    }
    match image.entry {
        Some(e) => {
            out.extend_from_slice(&[REC_TRANSFER, 2]);
            out.extend_from_slice(&e.to_le_bytes());
        }
        None => out.extend_from_slice(&[REC_END, 0]),
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> MemoryImage {
        MemoryImage {
            blocks: vec![
                Block {
                    addr: 0x5200,
                    data: (0..300).map(|i| i as u8).collect(),
                },
                Block {
                    addr: 0x7000,
                    data: vec![0xC9],
                },
            ],
            entry: Some(0x5200),
        }
    }

    #[test]
    fn write_then_parse_round_trips() {
        let img = sample();
        let bytes = write(&img, Some("DEMO"));
        assert_eq!(&bytes[..6], &[0x05, 4, b'D', b'E', b'M', b'O']);
        // 256-byte block uses length byte 02H.
        assert_eq!(&bytes[6..10], &[0x01, 0x02, 0x00, 0x52]);
        let back = parse(&bytes).unwrap();
        assert_eq!(back.entry, Some(0x5200));
        assert_eq!(back.len(), 301);
        assert_eq!(back.span(), Some((0x5200, 0x7000)));
        let flat: Vec<u8> = back.blocks[..2]
            .iter()
            .flat_map(|b| b.data.clone())
            .collect();
        assert_eq!(flat, img.blocks[0].data);
    }

    #[test]
    fn unknown_records_are_skipped_and_padding_ignored() {
        let mut f = vec![0x1F, 3, b'(', b'C', b')', 0x07, 0];
        f.extend(std::iter::repeat_n(0xAA, 256));
        f.extend_from_slice(&[0x01, 3, 0x00, 0x60, 0x76, 0x02, 2, 0x00, 0x60, 0xE5, 0xE5]);
        let img = parse(&f).unwrap();
        assert_eq!(
            img.blocks,
            vec![Block {
                addr: 0x6000,
                data: vec![0x76]
            }]
        );
        assert_eq!(img.entry, Some(0x6000));
    }

    #[test]
    fn errors_name_the_problem() {
        assert_eq!(parse(&[]), Err(CmdError::Empty));
        assert_eq!(parse(b"10 PRINT"), Err(CmdError::NotCmd { found: b'1' }));
        let bytes = write(&sample(), None);
        for cut in 1..bytes.len() - 1 {
            let e = parse(&bytes[..cut]).unwrap_err();
            assert!(
                matches!(e, CmdError::Truncated { .. } | CmdError::NoEnd { .. }),
                "{cut}: {e}"
            );
        }
        assert_eq!(parse(&[0x02, 2, 0, 0x60]), Err(CmdError::NoData));
        assert!(matches!(
            parse(&[0x01, 4, 0xFF, 0xFF, 1, 2, 0x02, 2, 0, 0]),
            Err(CmdError::BlockWraps { .. })
        ));
    }
}
