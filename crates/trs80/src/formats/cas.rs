//! `.CAS` cassette images: the bytes the Level II ROM writes to tape, one after the other.
//!
//! Follows the tape layouts described on trs-80.com ("Tips and Tricks – Tape and File
//! Formats/Structures") and in xtrs's `cassette` manual page (the `.cas` image format).
//!
//! | part | bytes |
//! |---|---|
//! | leader | 00H bytes (CSAVE writes 255; any number is accepted, even none) |
//! | sync | A5H |
//! | BASIC (CSAVE) | D3H D3H D3H, 1-character name, program lines as in memory, 00H 00H end |
//! | SYSTEM | 55H, 6-character name (space padded), blocks `3CH len addr-lo addr-hi data… checksum` (len 00H = 256, checksum = low byte of addr-lo + addr-hi + data), then `78H entry-lo entry-hi` |
//!
//! An image may hold several files one after the other, each with its own leader and sync.
//! Images whose bit stream is not byte-aligned (the sync byte starts in the middle of a byte, as
//! in some images made from recordings) are re-aligned on the first 1 bit after the leader.
//!
//! Not handled: Level I tapes (start/end addresses, data, checksum) and Editor/Assembler source
//! tapes (D3H + 6-character name); both are reported as unsupported.

use std::fmt;

use crate::formats::basic::{BasicError, Program, DEFAULT_TXTTAB};
use crate::formats::cmd::{Block, MemoryImage};

/// Sync byte after the leader.
pub const SYNC: u8 = 0xA5;
/// Header byte of a BASIC tape (three of them).
pub const BASIC_HEADER: u8 = 0xD3;
/// Header byte of a SYSTEM tape.
pub const SYSTEM_HEADER: u8 = 0x55;
/// Start of a SYSTEM data block.
pub const SYSTEM_BLOCK: u8 = 0x3C;
/// SYSTEM end record (followed by the entry address).
pub const SYSTEM_END: u8 = 0x78;
/// Leader length we write (00H bytes before the sync byte): 255, what the Level II ROM's CSAVE
/// writes (measured by recording it), so our images equal the ROM's byte for byte.
pub const LEADER_LEN: usize = 255;

/// One file on a tape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TapeFile {
    /// A BASIC program saved with CSAVE.
    Basic {
        /// The one-character file name.
        name: u8,
        /// The program.
        program: Program,
    },
    /// A machine-language program loaded with SYSTEM.
    System {
        /// The six-character name, trailing spaces removed.
        name: String,
        /// Blocks and entry address (always present on a SYSTEM tape).
        image: MemoryImage,
    },
}

/// A parsed tape image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tape {
    /// The files, in tape order (at least one).
    pub files: Vec<TapeFile>,
    /// Bytes after the last good file that do not form another file (ignored), with the reason.
    pub trailing: Option<(usize, CasError)>,
}

/// Why a tape image was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CasError {
    /// The image has no bytes.
    Empty,
    /// The image does not start with a leader (00H bytes) or the sync byte: not a tape image.
    NotATape {
        /// The first byte.
        found: u8,
    },
    /// The leader is not followed by the sync byte A5H.
    WrongSync {
        /// Offset of the first byte after the leader.
        offset: usize,
        /// The byte found there.
        found: u8,
    },
    /// Only leader (00H) bytes, no sync byte.
    NoSync,
    /// The byte after the sync is neither a BASIC nor a SYSTEM header.
    Unsupported {
        /// Offset of the header byte.
        offset: usize,
        /// The header byte.
        found: u8,
    },
    /// The image ends in the middle of a file.
    Truncated {
        /// Offset where more bytes were needed.
        offset: usize,
        /// What was being read.
        what: &'static str,
    },
    /// A SYSTEM block's checksum does not match its contents.
    BadChecksum {
        /// Index of the block (0-based).
        block: usize,
        /// Its load address.
        addr: u16,
        /// Checksum computed from the data.
        expected: u8,
        /// Checksum stored on tape.
        found: u8,
        /// Offset of the checksum byte in the file.
        offset: usize,
    },
    /// A SYSTEM tape has something other than a block (3CH) or the end (78H).
    BadBlockType {
        /// Offset of the byte.
        offset: usize,
        /// The byte found.
        found: u8,
    },
}

impl fmt::Display for CasError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => write!(f, "empty file, not a cassette image"),
            Self::NotATape { found } => write!(
                f,
                "not a cassette image: it starts with {found:02X}H, not a leader of 00H bytes and the sync byte A5H"
            ),
            Self::WrongSync { offset, found } => write!(
                f,
                "wrong sync: byte {offset} after the leader is {found:02X}H, expected A5H"
            ),
            Self::NoSync => write!(f, "only leader bytes (00H), no sync byte A5H"),
            Self::Unsupported { offset, found } => write!(
                f,
                "unsupported tape: header byte {found:02X}H at {offset} is neither BASIC (D3H D3H D3H) nor SYSTEM (55H); Level I and editor/assembler tapes are not supported"
            ),
            Self::Truncated { offset, what } => {
                write!(f, "cassette image truncated at byte {offset} while reading {what}")
            }
            Self::BadChecksum {
                block,
                addr,
                expected,
                found,
                offset,
            } => write!(
                f,
                "bad checksum in SYSTEM block {block} (load address {addr:04X}H): computed {expected:02X}H, tape has {found:02X}H at byte {offset}"
            ),
            Self::BadBlockType { offset, found } => write!(
                f,
                "SYSTEM tape: byte {offset} is {found:02X}H, expected a block (3CH) or the end (78H)"
            ),
        }
    }
}

impl std::error::Error for CasError {}

impl CasError {
    fn offset_by(mut self, n: usize) -> CasError {
        match &mut self {
            Self::WrongSync { offset, .. }
            | Self::Unsupported { offset, .. }
            | Self::Truncated { offset, .. }
            | Self::BadBlockType { offset, .. }
            | Self::BadChecksum { offset, .. } => *offset += n,
            _ => {}
        }
        self
    }
}

/// Parse a tape image. The first file must be good; anything after it that is not a good file
/// is reported in [`Tape::trailing`].
pub fn parse(bytes: &[u8]) -> Result<Tape, CasError> {
    let first = *bytes.first().ok_or(CasError::Empty)?;
    if first != 0 && first != SYNC {
        return Err(CasError::NotATape { found: first });
    }
    let aligned = align(bytes)?;
    // Offsets in errors count from the start of the image.
    let lead = bytes.len() - aligned.len();
    let (file, mut used) = parse_file(&aligned).map_err(|e| e.offset_by(lead))?;
    let mut tape = Tape {
        files: vec![file],
        trailing: None,
    };
    loop {
        let rest = &aligned[used..];
        let skip = rest.iter().take_while(|&&b| b == 0).count();
        if skip == rest.len() {
            return Ok(tape);
        }
        match align(rest).and_then(|r| parse_file(&r)) {
            Ok((file, n)) => {
                tape.files.push(file);
                if rest[skip] != SYNC {
                    // Re-aligned: offsets no longer match this buffer; take it as the last file.
                    return Ok(tape);
                }
                used += skip + n;
            }
            Err(e) => {
                tape.trailing = Some((rest.len(), e));
                return Ok(tape);
            }
        }
    }
}

/// Check only that the image starts like a tape: leader (00H bytes) and the sync byte A5H.
/// For Level I tapes, whose contents [`parse`] does not read.
pub fn check_sync(bytes: &[u8]) -> Result<(), CasError> {
    let first = *bytes.first().ok_or(CasError::Empty)?;
    if first != 0 && first != SYNC {
        return Err(CasError::NotATape { found: first });
    }
    align(bytes).map(|_| ())
}

/// Return the image from the sync byte on, re-aligned to byte boundaries when the sync byte does
/// not start on one.
fn align(bytes: &[u8]) -> Result<Vec<u8>, CasError> {
    let lead = bytes.iter().take_while(|&&b| b == 0).count();
    let Some(&b) = bytes.get(lead) else {
        return Err(CasError::NoSync);
    };
    if b == SYNC {
        return Ok(bytes[lead..].to_vec());
    }
    // Shift left so the first 1 bit becomes bit 7.
    let shift = b.leading_zeros();
    let rest = &bytes[lead..];
    let shifted: Vec<u8> = (0..rest.len())
        .map(|i| {
            let hi = rest[i] << shift;
            let lo = if shift == 0 {
                0
            } else {
                rest.get(i + 1).map_or(0, |n| n >> (8 - shift))
            };
            hi | lo
        })
        .collect();
    if shifted[0] == SYNC {
        Ok(shifted)
    } else {
        Err(CasError::WrongSync {
            offset: lead,
            found: b,
        })
    }
}

/// Parse one file starting at its sync byte. Returns the file and the bytes used.
fn parse_file(s: &[u8]) -> Result<(TapeFile, usize), CasError> {
    let get = |i: usize, what: &'static str| {
        s.get(i)
            .copied()
            .ok_or(CasError::Truncated { offset: i, what })
    };
    match get(1, "the header")? {
        BASIC_HEADER => {
            for i in 2..4 {
                if get(i, "the BASIC header")? != BASIC_HEADER {
                    return Err(CasError::Unsupported {
                        offset: 1,
                        found: BASIC_HEADER,
                    });
                }
            }
            let name = get(4, "the file name")?;
            let (program, n) = Program::from_image(&s[5..]).map_err(|e| match e {
                BasicError::Truncated { offset } => CasError::Truncated {
                    offset: offset + 5,
                    what: "the BASIC program",
                },
                _ => CasError::Truncated {
                    offset: s.len(),
                    what: "the BASIC program",
                },
            })?;
            Ok((TapeFile::Basic { name, program }, 5 + n))
        }
        SYSTEM_HEADER => {
            let name_bytes = s.get(2..8).ok_or(CasError::Truncated {
                offset: s.len(),
                what: "the file name",
            })?;
            let name: String = name_bytes
                .iter()
                .map(|&c| {
                    if (0x20..0x7F).contains(&c) {
                        c as char
                    } else {
                        '?'
                    }
                })
                .collect::<String>()
                .trim_end()
                .to_string();
            let mut image = MemoryImage::default();
            let mut p = 8;
            loop {
                match get(p, "a SYSTEM block")? {
                    SYSTEM_BLOCK => {
                        let len = match get(p + 1, "a block length")? {
                            0 => 256,
                            n => usize::from(n),
                        };
                        let lo = get(p + 2, "a block address")?;
                        let hi = get(p + 3, "a block address")?;
                        let data = s.get(p + 4..p + 4 + len).ok_or(CasError::Truncated {
                            offset: s.len(),
                            what: "a block's data",
                        })?;
                        let found = get(p + 4 + len, "a block checksum")?;
                        let expected = data
                            .iter()
                            .fold(lo.wrapping_add(hi), |a, &b| a.wrapping_add(b));
                        let addr = u16::from_le_bytes([lo, hi]);
                        if expected != found {
                            return Err(CasError::BadChecksum {
                                block: image.blocks.len(),
                                addr,
                                expected,
                                found,
                                offset: p + 4 + len,
                            });
                        }
                        image.blocks.push(Block {
                            addr,
                            data: data.to_vec(),
                        });
                        p += 5 + len;
                    }
                    SYSTEM_END => {
                        let lo = get(p + 1, "the entry address")?;
                        let hi = get(p + 2, "the entry address")?;
                        image.entry = Some(u16::from_le_bytes([lo, hi]));
                        return Ok((TapeFile::System { name, image }, p + 3));
                    }
                    found => return Err(CasError::BadBlockType { offset: p, found }),
                }
            }
        }
        found => Err(CasError::Unsupported { offset: 1, found }),
    }
}

fn leader() -> Vec<u8> {
    let mut v = vec![0; LEADER_LEN];
    v.push(SYNC);
    v
}

/// A BASIC tape image as CSAVE writes it: leader, sync, header, name, the program as it sits in
/// memory at the standard program start 42E9H.
pub fn write_basic(name: u8, program: &Program) -> Vec<u8> {
    let mut out = leader();
    out.extend_from_slice(&[BASIC_HEADER; 3]);
    out.push(name);
    out.extend_from_slice(&program.to_image(DEFAULT_TXTTAB));
    out
}

/// A SYSTEM tape image: leader, sync, header, name (first 6 characters, space padded), blocks of
/// up to 256 bytes with checksums, end record with `entry`.
pub fn write_system(name: &str, blocks: &[Block], entry: u16) -> Vec<u8> {
    let mut out = leader();
    out.push(SYSTEM_HEADER);
    let mut n: Vec<u8> = name.bytes().take(6).collect();
    n.resize(6, b' ');
    out.extend_from_slice(&n);
    for b in blocks {
        let mut addr = b.addr;
        for chunk in b.data.chunks(256) {
            let [lo, hi] = addr.to_le_bytes();
            out.extend_from_slice(&[SYSTEM_BLOCK, chunk.len() as u8, lo, hi]);
            out.extend_from_slice(chunk);
            out.push(
                chunk
                    .iter()
                    .fold(lo.wrapping_add(hi), |a, &c| a.wrapping_add(c)),
            );
            addr = addr.wrapping_add(chunk.len() as u16);
        }
    }
    let [lo, hi] = entry.to_le_bytes();
    out.extend_from_slice(&[SYSTEM_END, lo, hi]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn program() -> Program {
        Program::from_text("10 PRINT \"HI\"\n20 GOTO 10\n").unwrap()
    }

    #[test]
    fn basic_tape_matches_the_csave_example() {
        let img = write_basic(b'A', &program());
        assert_eq!(img[LEADER_LEN], SYNC);
        assert_eq!(
            &img[LEADER_LEN + 1..],
            &[
                0xD3, 0xD3, 0xD3, 0x41, 0xF4, 0x42, 0x0A, 0x00, 0xB2, 0x20, 0x22, 0x48, 0x49, 0x22,
                0x00, 0xFD, 0x42, 0x14, 0x00, 0x8D, 0x20, 0x31, 0x30, 0x00, 0x00, 0x00
            ]
        );
        let tape = parse(&img).unwrap();
        assert_eq!(
            tape.files,
            vec![TapeFile::Basic {
                name: b'A',
                program: program()
            }]
        );
        assert_eq!(tape.trailing, None);
    }

    #[test]
    fn system_tape_round_trip_and_checksum() {
        let blocks = vec![Block {
            addr: 0x7000,
            data: (0..=255u8).chain(0..10).collect(),
        }];
        let img = write_system("GAME", &blocks, 0x7000);
        let tape = parse(&img).unwrap();
        let TapeFile::System { name, image } = &tape.files[0] else {
            panic!("not a SYSTEM file");
        };
        assert_eq!(name, "GAME");
        assert_eq!(image.entry, Some(0x7000));
        assert_eq!(image.blocks.len(), 2);
        assert_eq!(image.blocks[1].addr, 0x7100);
        // Corrupt a data byte: the checksum catches it.
        let mut bad = img.clone();
        bad[LEADER_LEN + 8 + 4 + 5] ^= 1;
        assert!(matches!(
            parse(&bad),
            Err(CasError::BadChecksum {
                block: 0,
                addr: 0x7000,
                ..
            })
        ));
    }

    #[test]
    fn several_files_and_trailing_junk() {
        let mut img = write_basic(b'A', &program());
        img.extend(write_system(
            "X",
            &[Block {
                addr: 0x6000,
                data: vec![1],
            }],
            0x6000,
        ));
        img.extend_from_slice(&[0, 0, 0x12, 0x34]);
        let tape = parse(&img).unwrap();
        assert_eq!(tape.files.len(), 2);
        assert!(matches!(
            tape.trailing,
            Some((4, CasError::WrongSync { .. }))
        ));
    }

    #[test]
    fn misaligned_bit_stream_is_realigned() {
        let img = write_basic(b'B', &program());
        for shift in 1..8u32 {
            // Delay the whole bit stream by `shift` bits.
            let mut bits: Vec<bool> = vec![false; shift as usize];
            for b in &img {
                bits.extend((0..8).map(|i| b & (0x80 >> i) != 0));
            }
            while bits.len() % 8 != 0 {
                bits.push(false);
            }
            let bytes: Vec<u8> = bits
                .chunks(8)
                .map(|c| c.iter().fold(0, |a, &b| (a << 1) | u8::from(b)))
                .collect();
            let tape = parse(&bytes).unwrap();
            assert_eq!(
                tape.files[0],
                TapeFile::Basic {
                    name: b'B',
                    program: program()
                },
                "shift {shift}"
            );
        }
    }

    #[test]
    fn errors_name_what_is_wrong() {
        assert_eq!(parse(&[]), Err(CasError::Empty));
        assert_eq!(parse(b"10 PRINT"), Err(CasError::NotATape { found: b'1' }));
        assert_eq!(parse(&[0, 0, 0]), Err(CasError::NoSync));
        assert_eq!(
            parse(&[0, 0, 0x7F, 1]),
            Err(CasError::WrongSync {
                offset: 2,
                found: 0x7F
            })
        );
        assert!(matches!(
            parse(&[0, 0xA5, 0x42]),
            Err(CasError::Unsupported { .. })
        ));
        let img = write_basic(b'A', &program());
        for cut in LEADER_LEN + 1..img.len() {
            assert!(
                matches!(parse(&img[..cut]), Err(CasError::Truncated { .. })),
                "cut {cut}"
            );
        }
        let img = write_system(
            "X",
            &[Block {
                addr: 0x6000,
                data: vec![1, 2, 3],
            }],
            0x6000,
        );
        for cut in LEADER_LEN + 1..img.len() {
            assert!(
                matches!(parse(&img[..cut]), Err(CasError::Truncated { .. })),
                "cut {cut}"
            );
        }
        let mut bad = img.clone();
        bad[LEADER_LEN + 8] = 0x99;
        assert!(matches!(
            parse(&bad),
            Err(CasError::BadBlockType { found: 0x99, .. })
        ));
        for e in [CasError::NoSync, CasError::Empty] {
            assert!(!e.to_string().is_empty());
        }
    }
}
