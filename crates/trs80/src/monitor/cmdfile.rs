//! The DOS `/CMD` load-module format, as far as the monitor's `load`/`save` need it.
//!
//! Follows the record layout in `shared/spec/model1-hardware.md` §7 (after the
//! LDOS Quarterly description used by xtrs `load_cmd.c`):
//!
//! | type | record                | payload                                            |
//! |------|-----------------------|----------------------------------------------------|
//! | 01H  | load block            | address LSB, MSB, data; length counts the address bytes, 00H/01H/02H mean 254/255/256 data bytes |
//! | 02H  | transfer address, end | entry LSB, MSB                                     |
//! | 03H  | end, no transfer      | skipped                                            |
//! | 05H  | module header         | name text                                          |
//! | other| comment/ISAM/…        | skipped by its length (00H = 256)                  |
//!
//! Not handled: ISAM/PDS member selection (members are loaded as plain blocks).

/// A decoded /CMD file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CmdImage {
    /// Load blocks in file order: (address, bytes).
    pub blocks: Vec<(u16, Vec<u8>)>,
    /// Transfer (entry) address, if the file has one.
    pub entry: Option<u16>,
    /// Module name from a 05H header record.
    pub name: Option<String>,
}

/// Decodes a /CMD file. Fails with the offset and reason on a truncated or
/// malformed record, or when the file has no load block.
pub fn decode(bytes: &[u8]) -> Result<CmdImage, String> {
    let mut img = CmdImage::default();
    let mut i = 0;
    while i < bytes.len() {
        let kind = bytes[i];
        let Some(&len) = bytes.get(i + 1) else {
            return Err(format!("/CMD record at offset {i} has no length byte"));
        };
        let body = i + 2;
        match kind {
            0x01 => {
                let n = match len {
                    0 => 254,
                    1 => 255,
                    2 => 256,
                    l => l as usize - 2,
                };
                let end = body + 2 + n;
                if end > bytes.len() {
                    return Err(format!("/CMD load block at offset {i} is cut short"));
                }
                let addr = u16::from_le_bytes([bytes[body], bytes[body + 1]]);
                if addr as usize + n > 0x10000 {
                    return Err(format!("/CMD load block at offset {i} runs past FFFFH"));
                }
                img.blocks.push((addr, bytes[body + 2..end].to_vec()));
                i = end;
            }
            0x02 => {
                if len < 2 || body + 2 > bytes.len() {
                    return Err(format!("/CMD transfer record at offset {i} is cut short"));
                }
                img.entry = Some(u16::from_le_bytes([bytes[body], bytes[body + 1]]));
                break;
            }
            0x03 => break,
            _ => {
                let n = if len == 0 { 256 } else { len as usize };
                if body + n > bytes.len() {
                    return Err(format!(
                        "/CMD record {kind:02X}H at offset {i} is cut short"
                    ));
                }
                if kind == 0x05 {
                    img.name = Some(String::from_utf8_lossy(&bytes[body..body + n]).into_owned());
                }
                i = body + n;
            }
        }
    }
    if img.blocks.is_empty() {
        return Err("not a /CMD file: it has no load block".into());
    }
    Ok(img)
}

/// Encodes `data` stored from `start` as a /CMD file: an optional 05H name
/// header, load blocks of up to 256 bytes, then a 02H transfer record.
pub fn encode(name: Option<&str>, start: u16, data: &[u8], entry: u16) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() + data.len() / 64 + 16);
    if let Some(n) = name {
        let n: Vec<u8> = n.bytes().take(255).collect();
        if !n.is_empty() {
            out.push(0x05);
            out.push(n.len() as u8);
            out.extend_from_slice(&n);
        }
    }
    let mut addr = start;
    for chunk in data.chunks(256) {
        out.push(0x01);
        out.push(((chunk.len() + 2) & 0xFF) as u8);
        out.extend_from_slice(&addr.to_le_bytes());
        out.extend_from_slice(chunk);
        addr = addr.wrapping_add(chunk.len() as u16);
    }
    out.extend_from_slice(&[0x02, 0x02]);
    out.extend_from_slice(&entry.to_le_bytes());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_with_long_block() {
        let data: Vec<u8> = (0..600u32).map(|v| v as u8).collect();
        let file = encode(Some("DEMO"), 0x7000, &data, 0x7010);
        let img = decode(&file).unwrap();
        assert_eq!(img.name.as_deref(), Some("DEMO"));
        assert_eq!(img.entry, Some(0x7010));
        assert_eq!(img.blocks.len(), 3);
        assert_eq!(img.blocks[0].0, 0x7000);
        assert_eq!(img.blocks[0].1.len(), 256);
        assert_eq!(img.blocks[2], (0x7200, data[512..].to_vec()));
        // The 256-byte block is written with length byte 02H.
        assert_eq!(&file[6..8], &[0x01, 0x02]);
    }

    #[test]
    fn length_codes_and_skips() {
        // comment record 1FH, then a 254-byte block (length 00H), then transfer
        let mut f = vec![0x1F, 0x03, b'(', b'C', b')', 0x01, 0x00, 0x00, 0x80];
        f.extend(std::iter::repeat_n(0xAA, 254));
        f.extend([0x02, 0x02, 0x00, 0x80]);
        let img = decode(&f).unwrap();
        assert_eq!(img.blocks[0].0, 0x8000);
        assert_eq!(img.blocks[0].1.len(), 254);
        assert_eq!(img.entry, Some(0x8000));
    }

    #[test]
    fn rejects_bad_files() {
        assert!(decode(&[]).is_err());
        assert!(decode(&[0x01, 0x05, 0x00, 0x70, 1]).is_err());
        assert!(decode(&[0x01]).is_err());
        assert!(decode(&[0x02, 0x02, 0x00]).is_err());
        assert!(decode(&[0x01, 0x04, 0xFF, 0xFF, 1, 2]).is_err());
    }
}
