//! The byte-level pieces of a save state: a little-endian [`Writer`], a checking [`Reader`]
//! and the one error type, [`StateError`]. The layout of a whole state (magic number, version,
//! sections, checksum) is in `docs/SAVE_STATES.md` and `crate::machine::state`; this file knows
//! nothing of the machine.
//!
//! Every read is bounded: a length read from the file is checked against the bytes that are
//! left before anything is allocated, and a value outside its range is an error naming the
//! field and its byte offset. No input makes the reader panic.

use std::fmt;

/// Why a save state cannot be loaded. Loading changes nothing when it fails.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StateError {
    /// The file does not start with the magic number.
    NotAState,
    /// The file is of a later layout than this program reads.
    NewerVersion {
        /// The file's version.
        found: u16,
        /// The newest version this program reads.
        supported: u16,
    },
    /// The checksum over the file does not match: the file was damaged or cut short.
    Checksum,
    /// The file ends inside a field.
    Truncated {
        /// Byte offset where the field starts.
        offset: usize,
        /// The field.
        what: &'static str,
    },
    /// A field holds a value this layout never writes.
    Invalid {
        /// Byte offset of the field.
        offset: usize,
        /// The field and what it must be.
        what: &'static str,
    },
    /// The state was saved on a machine with another ROM.
    WrongRom {
        /// The hash the state records.
        saved: u64,
        /// The hash of this machine's ROM.
        here: u64,
    },
    /// The state needs something on the RS-232-C connector this machine does not have there.
    SerialEnd {
        /// What was plugged in when the state was saved.
        saved: String,
        /// What is plugged in here.
        here: String,
    },
}

impl fmt::Display for StateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotAState => f.write_str("not a trs80 save state (no TRS80ST magic number)"),
            Self::NewerVersion { found, supported } => write!(
                f,
                "save state version {found} is newer than this trs80 reads (up to {supported})"
            ),
            Self::Checksum => f.write_str("save state damaged: its checksum does not match"),
            Self::Truncated { offset, what } => {
                write!(f, "save state cut short at byte {offset}, in {what}")
            }
            Self::Invalid { offset, what } => {
                write!(f, "save state damaged at byte {offset}: {what}")
            }
            Self::WrongRom { saved, here } => write!(
                f,
                "save state is of a machine with another ROM (ROM hash {saved:016X}; this \
                 machine's ROM is {here:016X}): start trs80 with the ROM it was saved with"
            ),
            Self::SerialEnd { saved, here } => write!(
                f,
                "save state was made with {saved} on the RS-232-C port; this machine has {here}"
            ),
        }
    }
}

impl std::error::Error for StateError {}

/// The largest T-state a state may hold (about 82,000 years of emulated time).
pub const MAX_T: u64 = 1 << 62;

/// Result of reading a state.
pub type Result<T> = std::result::Result<T, StateError>;

/// Little-endian output.
#[derive(Debug, Default)]
pub struct Writer {
    /// The bytes written so far.
    pub buf: Vec<u8>,
}

impl Writer {
    /// An empty writer.
    pub fn new() -> Writer {
        Writer::default()
    }
    /// One byte.
    pub fn u8(&mut self, v: u8) {
        self.buf.push(v);
    }
    /// 0 or 1.
    pub fn bool(&mut self, v: bool) {
        self.buf.push(v as u8);
    }
    /// Two bytes.
    pub fn u16(&mut self, v: u16) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    /// Four bytes.
    pub fn u32(&mut self, v: u32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    /// Eight bytes.
    pub fn u64(&mut self, v: u64) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    /// Bytes as they are (the reader must know how many).
    pub fn raw(&mut self, b: &[u8]) {
        self.buf.extend_from_slice(b);
    }
    /// A 32-bit length, then the bytes.
    pub fn bytes(&mut self, b: &[u8]) {
        self.u32(b.len() as u32);
        self.raw(b);
    }
    /// 0, or 1 and the value.
    pub fn opt_u64(&mut self, v: Option<u64>) {
        match v {
            None => self.u8(0),
            Some(v) => {
                self.u8(1);
                self.u64(v);
            }
        }
    }
}

/// Checked little-endian input over a byte slice.
#[derive(Debug)]
pub struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
    /// Offset of `buf[0]` in the file (for error messages).
    base: usize,
}

impl<'a> Reader<'a> {
    /// Reads `buf`, which starts at byte `base` of the file.
    pub fn new(buf: &'a [u8], base: usize) -> Reader<'a> {
        Reader { buf, pos: 0, base }
    }
    /// Byte offset in the file of the next read.
    pub fn offset(&self) -> usize {
        self.base + self.pos
    }
    /// Bytes not yet read.
    pub fn remaining(&self) -> usize {
        self.buf.len() - self.pos
    }
    /// An [`StateError::Invalid`] at the offset of the field just read (`back` bytes long).
    pub fn invalid(&self, back: usize, what: &'static str) -> StateError {
        StateError::Invalid {
            offset: self.offset().saturating_sub(back),
            what,
        }
    }
    /// `n` bytes as they are.
    pub fn raw(&mut self, n: usize, what: &'static str) -> Result<&'a [u8]> {
        if self.remaining() < n {
            return Err(StateError::Truncated {
                offset: self.offset(),
                what,
            });
        }
        let s = &self.buf[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }
    fn array<const N: usize>(&mut self, what: &'static str) -> Result<[u8; N]> {
        let mut a = [0; N];
        a.copy_from_slice(self.raw(N, what)?);
        Ok(a)
    }
    /// One byte.
    pub fn u8(&mut self, what: &'static str) -> Result<u8> {
        Ok(self.raw(1, what)?[0])
    }
    /// 0 or 1, anything else is an error.
    pub fn bool(&mut self, what: &'static str) -> Result<bool> {
        match self.u8(what)? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(self.invalid(1, what)),
        }
    }
    /// Two bytes.
    pub fn u16(&mut self, what: &'static str) -> Result<u16> {
        Ok(u16::from_le_bytes(self.array(what)?))
    }
    /// Four bytes.
    pub fn u32(&mut self, what: &'static str) -> Result<u32> {
        Ok(u32::from_le_bytes(self.array(what)?))
    }
    /// Eight bytes.
    pub fn u64(&mut self, what: &'static str) -> Result<u64> {
        Ok(u64::from_le_bytes(self.array(what)?))
    }
    /// A T-state: at most [`MAX_T`], so that adding a device's delays never overflows.
    pub fn t(&mut self, what: &'static str) -> Result<u64> {
        let v = self.u64(what)?;
        if v > MAX_T {
            return Err(self.invalid(8, what));
        }
        Ok(v)
    }
    /// A T-state or `u64::MAX` ("never").
    pub fn t_or_never(&mut self, what: &'static str) -> Result<u64> {
        let v = self.u64(what)?;
        if v > MAX_T && v != u64::MAX {
            return Err(self.invalid(8, what));
        }
        Ok(v)
    }
    /// A byte that must be below `limit` (an enum tag).
    pub fn tag(&mut self, limit: u8, what: &'static str) -> Result<u8> {
        let v = self.u8(what)?;
        if v >= limit {
            return Err(self.invalid(1, what));
        }
        Ok(v)
    }
    /// A 32-bit length (at most `max`), then that many bytes.
    pub fn bytes(&mut self, max: usize, what: &'static str) -> Result<&'a [u8]> {
        let n = self.u32(what)? as usize;
        if n > max {
            return Err(self.invalid(4, what));
        }
        self.raw(n, what)
    }
    /// What [`Writer::opt_u64`] wrote.
    pub fn opt_u64(&mut self, what: &'static str) -> Result<Option<u64>> {
        Ok(if self.bool(what)? {
            Some(self.u64(what)?)
        } else {
            None
        })
    }
    /// The next four bytes, without reading them.
    pub fn peek4(&self) -> Option<[u8; 4]> {
        self.buf.get(self.pos..self.pos + 4)?.try_into().ok()
    }
    /// Errs unless every byte has been read.
    pub fn finish(&self, what: &'static str) -> Result<()> {
        if self.remaining() != 0 {
            return Err(StateError::Invalid {
                offset: self.offset(),
                what,
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_bounds() {
        let mut w = Writer::new();
        w.u8(7);
        w.bool(true);
        w.u16(0x1234);
        w.u32(0xDEAD_BEEF);
        w.u64(u64::MAX - 1);
        w.bytes(b"abc");
        w.opt_u64(Some(9));
        w.opt_u64(None);
        let mut r = Reader::new(&w.buf, 10);
        assert_eq!(r.u8("a").unwrap(), 7);
        assert!(r.bool("b").unwrap());
        assert_eq!(r.u16("c").unwrap(), 0x1234);
        assert_eq!(r.u32("d").unwrap(), 0xDEAD_BEEF);
        assert_eq!(r.u64("e").unwrap(), u64::MAX - 1);
        assert_eq!(r.bytes(3, "f").unwrap(), b"abc");
        assert_eq!(r.opt_u64("g").unwrap(), Some(9));
        assert_eq!(r.opt_u64("h").unwrap(), None);
        r.finish("end").unwrap();
        assert_eq!(
            r.u8("x"),
            Err(StateError::Truncated {
                offset: 10 + w.buf.len(),
                what: "x"
            })
        );
        let mut r = Reader::new(&[5, 0, 0, 0, 1, 2], 0);
        assert!(matches!(r.bytes(4, "y"), Err(StateError::Invalid { .. })));
        let mut r = Reader::new(&[2], 0);
        assert!(matches!(r.bool("z"), Err(StateError::Invalid { .. })));
        let mut r = Reader::new(&[3], 0);
        assert!(r.tag(3, "t").is_err());
    }
}
