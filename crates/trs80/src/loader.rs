//! Program files: recognising a file by its contents, and loading it into a [`Machine`].
//!
//! Follows `shared/spec/level2-basic.md` §1.2–§1.3 (program layout and the pointers a loaded
//! program needs) and §7 (tape formats), and `shared/spec/model1-hardware.md` §7 (/CMD).
//!
//! | kind | recognised by | fast load |
//! |---|---|---|
//! | `.CAS` tape | leader of 00H then A5H (or A5H first) | BASIC: lines at TXTTAB, pointers fixed; SYSTEM: blocks into RAM, entry |
//! | `/CMD` | record stream starting with a type byte 00H–1FH that parses to its end | blocks into RAM, entry |
//! | tokenized BASIC | FFH, then program lines (disk BASIC save format) | lines at TXTTAB |
//! | `.BAS` text | text whose lines start with line numbers | tokenized, lines at TXTTAB |
//!
//! Every check happens before the first byte is written: a program that does not fit, or a
//! block outside RAM, is refused with nothing changed.
//!
//! Not handled: Level I tapes, disk images.

use std::fmt;

use crate::basic::{BasicError, Program};
use crate::cas::{self, CasError, Tape};
use crate::cmd::{self, CmdError, MemoryImage};

/// A recognised program file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProgramFile {
    /// A cassette image.
    Tape(Tape),
    /// A /CMD machine-language program.
    Cmd(MemoryImage),
    /// A BASIC program (from a text listing or a tokenized save).
    Basic(Program),
}

impl ProgramFile {
    /// A short description for messages ("BASIC tape \"A\"", "/CMD program", …).
    pub fn describe(&self) -> String {
        match self {
            ProgramFile::Tape(t) => match &t.files[0] {
                cas::TapeFile::Basic { name, program } => format!(
                    "BASIC tape \"{}\" ({} lines)",
                    char::from(*name).escape_default(),
                    program.lines.len()
                ),
                cas::TapeFile::System { name, image } => format!(
                    "SYSTEM tape \"{}\" ({} bytes, entry {:04X}H)",
                    name,
                    image.len(),
                    image.entry.unwrap_or(0)
                ),
            },
            ProgramFile::Cmd(img) => format!(
                "/CMD program ({} bytes, entry {})",
                img.len(),
                img.entry
                    .map_or("none".to_string(), |e| format!("{e:04X}H"))
            ),
            ProgramFile::Basic(p) => format!("BASIC program ({} lines)", p.lines.len()),
        }
    }
}

/// Why a file could not be used as a program.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileError {
    /// The file is empty.
    Empty,
    /// Not a cassette image, /CMD file or BASIC program.
    Unrecognised,
    /// Looks like (or is named as) a cassette image, but is bad.
    Cas(CasError),
    /// Looks like (or is named as) a /CMD file, but is bad.
    Cmd(CmdError),
    /// Looks like (or is named as) a BASIC program, but is bad.
    Basic(BasicError),
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => write!(f, "empty file"),
            Self::Unrecognised => write!(
                f,
                "not a cassette image (.CAS), /CMD program or BASIC listing"
            ),
            Self::Cas(e) => e.fmt(f),
            Self::Cmd(e) => e.fmt(f),
            Self::Basic(e) => write!(f, "BASIC: {e}"),
        }
    }
}

impl std::error::Error for FileError {}

impl From<CasError> for FileError {
    fn from(e: CasError) -> Self {
        Self::Cas(e)
    }
}
impl From<CmdError> for FileError {
    fn from(e: CmdError) -> Self {
        Self::Cmd(e)
    }
}
impl From<BasicError> for FileError {
    fn from(e: BasicError) -> Self {
        Self::Basic(e)
    }
}

/// Header byte of a tokenized (disk BASIC) program file.
pub const TOKENIZED_HEADER: u8 = 0xFF;

/// Recognise a program file by its contents. `extension` (lower or upper case, no dot) only
/// decides which error to report when the contents match nothing.
pub fn identify(bytes: &[u8], extension: Option<&str>) -> Result<ProgramFile, FileError> {
    let first = *bytes.first().ok_or(FileError::Empty)?;
    let ext = extension.map(str::to_ascii_lowercase);
    let cas_result = (first == 0 || first == cas::SYNC).then(|| cas::parse(bytes));
    if let Some(Ok(tape)) = cas_result {
        return Ok(ProgramFile::Tape(tape));
    }
    let cmd_result = (first <= cmd::REC_MAX).then(|| cmd::parse(bytes));
    if let Some(Ok(img)) = cmd_result {
        return Ok(ProgramFile::Cmd(img));
    }
    if first == TOKENIZED_HEADER {
        if let Ok((p, _)) = Program::from_image(&bytes[1..]) {
            return Ok(ProgramFile::Basic(p));
        }
    }
    let text_result = looks_like_text(bytes).then(|| {
        let text = String::from_utf8_lossy(bytes);
        Program::from_text(&text)
    });
    if let Some(Ok(p)) = text_result {
        return Ok(ProgramFile::Basic(p));
    }
    // Nothing matched: report the most specific failure.
    Err(
        match (ext.as_deref(), cas_result, cmd_result, text_result) {
            (Some("cas"), Some(Err(e)), _, _) => e.into(),
            (Some("cas"), None, _, _) => CasError::NotATape { found: first }.into(),
            (Some("cmd"), _, Some(Err(e)), _) => e.into(),
            (Some("cmd"), _, None, _) => CmdError::NotCmd { found: first }.into(),
            (Some("bas" | "txt"), _, _, Some(Err(e))) => e.into(),
            (_, Some(Err(e)), _, _) if first == 0 => e.into(),
            (_, _, _, Some(Err(e))) if first.is_ascii_digit() || first == b' ' => e.into(),
            _ => FileError::Unrecognised,
        },
    )
}

/// True when the bytes read as plain text (printable ASCII, UTF-8, tabs and line ends).
fn looks_like_text(bytes: &[u8]) -> bool {
    std::str::from_utf8(bytes).is_ok_and(|s| {
        s.chars()
            .all(|c| !c.is_control() || matches!(c, '\n' | '\r' | '\t' | '\x1A'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cmd::Block;

    #[test]
    fn identifies_by_content_not_extension() {
        let p = Program::from_text("10 PRINT 1\n").unwrap();
        let cas_bytes = cas::write_basic(b'A', &p);
        assert!(matches!(
            identify(&cas_bytes, Some("bas")),
            Ok(ProgramFile::Tape(_))
        ));
        let img = MemoryImage {
            blocks: vec![Block {
                addr: 0x6000,
                data: vec![0x76],
            }],
            entry: Some(0x6000),
        };
        let cmd_bytes = cmd::write(&img, None);
        assert_eq!(identify(&cmd_bytes, Some("cas")), Ok(ProgramFile::Cmd(img)));
        assert_eq!(
            identify(b"10 PRINT 1\r\n", None),
            Ok(ProgramFile::Basic(p.clone()))
        );
        let mut tok = vec![TOKENIZED_HEADER];
        tok.extend(p.to_image(0x6A00));
        assert_eq!(identify(&tok, Some("bas")), Ok(ProgramFile::Basic(p)));
    }

    #[test]
    fn errors_follow_the_extension() {
        assert_eq!(identify(&[], None), Err(FileError::Empty));
        assert_eq!(
            identify(b"hello", Some("CAS")),
            Err(FileError::Cas(CasError::NotATape { found: b'h' }))
        );
        assert_eq!(identify(b"hello", None), Err(FileError::Unrecognised));
        assert!(matches!(
            identify(b"10 PRINT\nPRINT", Some("bas")),
            Err(FileError::Basic(BasicError::NoLineNumber { text_line: 2 }))
        ));
        assert!(matches!(
            identify(&[0, 0, 0xA5, 0xD3, 0xD3], Some("cas")),
            Err(FileError::Cas(CasError::Truncated { .. }))
        ));
        assert!(matches!(
            identify(&[1, 5, 0, 0x60], Some("cmd")),
            Err(FileError::Cmd(CmdError::Truncated { .. }))
        ));
    }
}
