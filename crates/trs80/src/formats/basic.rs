//! Level II BASIC program text: tokenizer, detokenizer and the program-memory layout.
//!
//! Follows the Level II BASIC Reference Manual's keyword list, trs-80.com's "Tape and File
//! Formats" page (line format) and what the Level II ROM was observed doing when run in this
//! emulator (tokenizer rules, pointers); the token table below is our own transcription of the
//! keyword list, indexed by token − 80H.
//!
//! | item | value |
//! |---|---|
//! | tokens | 80H (`END`) … FBH (`'`), one byte each |
//! | line in memory | next-line pointer (LSB, MSB), line number (LSB, MSB), tokenized text, 00H |
//! | end of program | a next-line pointer of 00 00 |
//! | TXTTAB (40A4H) | program start, 42E9H after boot; the byte before it is 00H |
//! | VARTAB (40F9H) | address after the 00 00 end marker (simple variables start here) |
//! | ARYTAB (40FBH), STREND (40FDH) | arrays / free memory; both = VARTAB when no variables exist |
//! | largest line number | 65529 |
//!
//! # Normalisation rules (what `detokenize(tokenize(text))` gives)
//! The tokenizer does what the ROM's line input does, so a listing read back is what LIST shows:
//! - The line number loses leading zeros and the blanks before it; one blank after it is dropped
//!   (further blanks are kept, as the ROM keeps them); LIST puts one space after it.
//! - Keywords are recognised anywhere outside string literals, `REM`/`'` comments and `DATA`
//!   items, in either case, even inside what looks like a variable name (`TOTAL` holds `TO`),
//!   and are written back in upper case.
//! - Letters outside strings, comments and DATA items are stored in upper case.
//! - `?` becomes `PRINT`. `^` (and the arrow `↑`) become the exponent token, listed as `[`, the
//!   character the Model I shows as ↑.
//! - `'` is stored as `:REM'` (3AH 93H FBH) and listed as `'`; `ELSE` is stored with a colon in
//!   front (3AH 95H), which the listing hides. The colon is added even after a typed colon
//!   (`:ELSE` is stored 3AH 3AH 95H and listed `:ELSE`), as the ROM does.
//! - Everything else, spaces included, is kept exactly as typed.
//! - Bytes with no printable ASCII form (graphics characters in strings, control codes, and bytes
//!   that are not where the ROM would put them, like a lone 95H) are written as `\xHH`, and a
//!   backslash itself as `\x5C`, so export and import are lossless. On import `\x` followed by two
//!   hex digits is that byte, taken as it is (never part of a keyword, never a quote); any other
//!   backslash is an ordinary character. Where a plain listing would read back differently
//!   (`L?` lists as `LPRINT`, as on the real machine), the export escapes the bytes concerned.
//!
//! Not emulated: the 240-character limit of the ROM's input buffer (imported lines may be longer
//! than a user could type; such lines then cannot be re-entered with EDIT).

use std::fmt;

/// First token value.
pub const FIRST_TOKEN: u8 = 0x80;
/// Token of `ELSE` (stored after a colon).
pub const TOKEN_ELSE: u8 = 0x95;
/// Token of `REM`.
pub const TOKEN_REM: u8 = 0x93;
/// Token of `DATA`.
pub const TOKEN_DATA: u8 = 0x88;
/// Token of `PRINT` (also what `?` becomes).
pub const TOKEN_PRINT: u8 = 0xB2;
/// Token of `'` (always stored as `:REM'`).
pub const TOKEN_APOSTROPHE: u8 = 0xFB;
/// Token of the exponent operator ↑.
pub const TOKEN_POWER: u8 = 0xD1;
/// Largest line number Level II accepts.
pub const MAX_LINE_NUMBER: u16 = 65529;

/// TXTTAB: pointer to the start of the program.
pub const TXTTAB: u16 = 0x40A4;
/// VARTAB: pointer to the end of the program (start of simple variables).
pub const VARTAB: u16 = 0x40F9;
/// ARYTAB: pointer to the start of arrays.
pub const ARYTAB: u16 = 0x40FB;
/// STREND: pointer to the end of arrays (start of free memory).
pub const STREND: u16 = 0x40FD;
/// STKTOP: bottom of string space; the stack grows down from below it.
pub const STKTOP: u16 = 0x40A0;
/// MEMSIZ: highest byte BASIC uses.
pub const MEMSIZ: u16 = 0x40B1;
/// FRETOP: next free byte of string space.
pub const FRETOP: u16 = 0x40D6;
/// DATPTR: READ/DATA pointer.
pub const DATPTR: u16 = 0x40FF;
/// Line number and text pointer kept for CONT (4 bytes).
pub const CONT_STATE: u16 = 0x40F5;
/// Program start right after boot.
pub const DEFAULT_TXTTAB: u16 = 0x42E9;

/// Keyword text of each token, token − 80H. `[` is the exponent arrow (key code 5BH).
const KEYWORDS: [&str; 124] = [
    // 80H
    "END", "FOR", "RESET", "SET", "CLS", "CMD", "RANDOM", "NEXT", //
    "DATA", "INPUT", "DIM", "READ", "LET", "GOTO", "RUN", "IF", //
    // 90H
    "RESTORE", "GOSUB", "RETURN", "REM", "STOP", "ELSE", "TRON", "TROFF", //
    "DEFSTR", "DEFINT", "DEFSNG", "DEFDBL", "LINE", "EDIT", "ERROR", "RESUME", //
    // A0H
    "OUT", "ON", "OPEN", "FIELD", "GET", "PUT", "CLOSE", "LOAD", //
    "MERGE", "NAME", "KILL", "LSET", "RSET", "SAVE", "SYSTEM", "LPRINT", //
    // B0H
    "DEF", "POKE", "PRINT", "CONT", "LIST", "LLIST", "DELETE", "AUTO", //
    "CLEAR", "CLOAD", "CSAVE", "NEW", "TAB(", "TO", "FN", "USING", //
    // C0H
    "VARPTR", "USR", "ERL", "ERR", "STRING$", "INSTR", "POINT", "TIME$", //
    "MEM", "INKEY$", "THEN", "NOT", "STEP", "+", "-", "*", //
    // D0H
    "/", "[", "AND", "OR", ">", "=", "<", "SGN", //
    "INT", "ABS", "FRE", "INP", "POS", "SQR", "RND", "LOG", //
    // E0H
    "EXP", "COS", "SIN", "TAN", "ATN", "PEEK", "CVI", "CVS", //
    "CVD", "EOF", "LOC", "LOF", "MKI$", "MKS$", "MKD$", "CINT", //
    // F0H
    "CSNG", "CDBL", "FIX", "LEN", "STR$", "VAL", "ASC", "CHR$", //
    "LEFT$", "RIGHT$", "MID$", "'",
];

/// Last token value (`'`).
pub const LAST_TOKEN: u8 = FIRST_TOKEN + (KEYWORDS.len() as u8 - 1);

/// The keyword a token byte stands for, or `None` for a byte that is not a token.
pub fn keyword(token: u8) -> Option<&'static str> {
    token
        .checked_sub(FIRST_TOKEN)
        .and_then(|i| KEYWORDS.get(i as usize).copied())
}

/// All keywords with their tokens, in token order.
pub fn keywords() -> impl Iterator<Item = (u8, &'static str)> {
    KEYWORDS
        .iter()
        .enumerate()
        .map(|(i, k)| (FIRST_TOKEN + i as u8, *k))
}

/// Why a BASIC listing or program image was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BasicError {
    /// A text line does not start with a line number.
    NoLineNumber {
        /// 1-based line of the text.
        text_line: usize,
    },
    /// A line number above 65529.
    LineNumberTooLarge {
        /// 1-based line of the text.
        text_line: usize,
        /// The number as written.
        number: u32,
    },
    /// The text has no program lines at all.
    Empty,
    /// A program image ends in the middle of a line or before its 00 00 end marker.
    Truncated {
        /// Offset in the image where more bytes were needed.
        offset: usize,
    },
    /// A next-line pointer in memory does not point forward inside RAM.
    BadLink {
        /// Address of the line whose pointer is wrong.
        addr: u16,
        /// The pointer found there.
        link: u16,
    },
    /// The program does not fit between the program start and the stack.
    OutOfMemory {
        /// Bytes the program needs (with its end marker).
        need: usize,
        /// Bytes available.
        have: usize,
    },
    /// BASIC's pointers do not describe a usable program area (BASIC not started yet?).
    NotReady {
        /// What is wrong.
        why: String,
    },
}

impl fmt::Display for BasicError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoLineNumber { text_line } => {
                write!(f, "line {text_line}: no BASIC line number at the start")
            }
            Self::LineNumberTooLarge { text_line, number } => write!(
                f,
                "line {text_line}: line number {number} is above {MAX_LINE_NUMBER}"
            ),
            Self::Empty => write!(f, "no BASIC program lines"),
            Self::Truncated { offset } => write!(
                f,
                "program image truncated at byte {offset} (no 00 00 end marker)"
            ),
            Self::BadLink { addr, link } => write!(
                f,
                "line at {addr:04X}H has a broken next-line pointer {link:04X}H"
            ),
            Self::OutOfMemory { need, have } => write!(
                f,
                "program needs {need} bytes but only {have} are free for BASIC"
            ),
            Self::NotReady { why } => write!(f, "BASIC is not ready: {why}"),
        }
    }
}

impl std::error::Error for BasicError {}

/// One tokenized program line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// Line number (0–65529).
    pub number: u16,
    /// Tokenized text, without the 00H terminator (never contains 00H).
    pub body: Vec<u8>,
}

/// A tokenized BASIC program: lines in ascending number order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Program {
    /// The lines, sorted by number, no duplicates.
    pub lines: Vec<Line>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Normal,
    Quote { in_data: bool },
    Data,
    Rem,
}

/// Turn the text of a line (everything after the line number) into stored bytes, the way the
/// Level II line input does. `\xHH` escapes stand for that byte as it is: an escaped byte is
/// never part of a keyword and never starts or ends a string, comment or DATA item.
pub fn tokenize(text: &str) -> Vec<u8> {
    tokenize_units(&unescape(text))
}

/// One source byte and whether it came from a `\xHH` escape.
type Unit = (u8, bool);

fn tokenize_units(src: &[Unit]) -> Vec<u8> {
    let mut out = Vec::with_capacity(src.len());
    let mut mode = Mode::Normal;
    let mut i = 0;
    while i < src.len() {
        let (c, escaped) = src[i];
        if escaped {
            out.push(c);
            i += 1;
            continue;
        }
        match mode {
            Mode::Quote { in_data } => {
                out.push(c);
                if c == b'"' {
                    mode = if in_data { Mode::Data } else { Mode::Normal };
                }
                i += 1;
            }
            Mode::Rem => {
                out.push(c);
                i += 1;
            }
            Mode::Data => {
                out.push(c);
                if c == b'"' {
                    mode = Mode::Quote { in_data: true };
                } else if c == b':' {
                    mode = Mode::Normal;
                }
                i += 1;
            }
            Mode::Normal => {
                if c == b'"' {
                    out.push(c);
                    mode = Mode::Quote { in_data: false };
                    i += 1;
                } else if c == b'?' {
                    out.push(TOKEN_PRINT);
                    i += 1;
                } else if c == b'^' {
                    out.push(TOKEN_POWER);
                    i += 1;
                } else if c == b'\'' {
                    out.extend_from_slice(&[b':', TOKEN_REM, TOKEN_APOSTROPHE]);
                    mode = Mode::Rem;
                    i += 1;
                } else if let Some((token, len)) = match_keyword(&src[i..]) {
                    match token {
                        TOKEN_ELSE => out.push(b':'),
                        TOKEN_REM => mode = Mode::Rem,
                        TOKEN_DATA => mode = Mode::Data,
                        _ => {}
                    }
                    out.push(token);
                    i += len;
                } else {
                    out.push(c.to_ascii_uppercase());
                    i += 1;
                }
            }
        }
    }
    out
}

/// The first keyword, in token order, that the (unescaped) source starts with, ignoring case.
fn match_keyword(s: &[Unit]) -> Option<(u8, usize)> {
    let c = s[0].0;
    if c.is_ascii_digit() || c == b' ' || c == b'\'' || c >= 0x80 {
        return None;
    }
    keywords().find_map(|(token, kw)| {
        let kw = kw.as_bytes();
        (token != TOKEN_APOSTROPHE
            && s.len() >= kw.len()
            && s[..kw.len()]
                .iter()
                .zip(kw)
                .all(|(&(b, esc), &k)| !esc && b.eq_ignore_ascii_case(&k)))
        .then_some((token, kw.len()))
    })
}

/// Decode `\xHH` escapes and the UTF-8 arrow `↑` (exponent) into bytes; other non-ASCII
/// characters become their Latin-1 byte when they have one, else `?`.
fn unescape(text: &str) -> Vec<Unit> {
    let mut out = Vec::with_capacity(text.len());
    let bytes = text.as_bytes();
    let mut chars = text.char_indices();
    while let Some((pos, ch)) = chars.next() {
        if ch == '\\' && bytes.len() >= pos + 4 && bytes[pos + 1] == b'x' {
            let hex = |b: u8| (b as char).to_digit(16);
            if let (Some(h), Some(l)) = (hex(bytes[pos + 2]), hex(bytes[pos + 3])) {
                out.push(((h * 16 + l) as u8, true));
                for _ in 0..3 {
                    chars.next();
                }
                continue;
            }
        }
        match ch {
            '↑' => out.push((b'^', false)),
            c if (c as u32) < 0x100 => out.push((c as u32 as u8, false)),
            _ => out.push((b'?', false)),
        }
    }
    out
}

/// Turn stored bytes of one line (without its 00H) back into text, as LIST shows it, with the
/// escapes described in the module docs. The result always tokenizes back to exactly `body`:
/// where the plain listing would not (e.g. `L` followed by a `PRINT` token typed as `L?`, which
/// would come back as `LPRINT`), the bytes in question are written as escapes.
pub fn detokenize(body: &[u8]) -> String {
    let mut pieces = list_pieces(body);
    for _ in 0..=pieces.len() {
        let text: String = pieces.iter().map(|p| p.text.as_str()).collect();
        let back = tokenize(&text);
        if back == body {
            return text;
        }
        let k = back
            .iter()
            .zip(body)
            .position(|(a, b)| a != b)
            .unwrap_or(back.len().min(body.len()));
        // Escape the first piece at or after the divergence that is still plain.
        match pieces.iter_mut().find(|p| !p.escaped && p.end > k) {
            Some(p) => p.escape(body),
            None => break,
        }
    }
    // Never reached for bytes the ROM stores; all-escaped text is exact by construction.
    let mut out = String::new();
    for &b in body {
        push_escape(&mut out, b);
    }
    out
}

/// Listing text of stored bytes `start..end`.
struct Piece {
    text: String,
    start: usize,
    end: usize,
    escaped: bool,
}

impl Piece {
    fn escape(&mut self, body: &[u8]) {
        self.text.clear();
        for &b in &body[self.start..self.end] {
            push_escape(&mut self.text, b);
        }
        self.escaped = true;
    }
}

/// The plain listing, one piece per stored byte (or per `:ELSE` / `:REM'` group).
fn list_pieces(body: &[u8]) -> Vec<Piece> {
    let mut pieces: Vec<Piece> = Vec::with_capacity(body.len());
    let mut mode = Mode::Normal;
    let mut i = 0;
    while i < body.len() {
        let c = body[i];
        let mut text = String::new();
        let mut len = 1;
        match mode {
            Mode::Quote { in_data } => {
                push_char(&mut text, c);
                if c == b'"' {
                    mode = if in_data { Mode::Data } else { Mode::Normal };
                }
            }
            Mode::Rem => push_char(&mut text, c),
            Mode::Data => {
                push_char(&mut text, c);
                if c == b'"' {
                    mode = Mode::Quote { in_data: true };
                } else if c == b':' {
                    mode = Mode::Normal;
                }
            }
            Mode::Normal => {
                if c == b':' && body.get(i + 1) == Some(&TOKEN_ELSE) {
                    // The colon the ROM stores in front of ELSE is not listed.
                    text.push_str("ELSE");
                    len = 2;
                } else if c == b':'
                    && body.get(i + 1) == Some(&TOKEN_REM)
                    && body.get(i + 2) == Some(&TOKEN_APOSTROPHE)
                {
                    text.push('\'');
                    mode = Mode::Rem;
                    len = 3;
                } else {
                    match c {
                        b'"' => {
                            text.push('"');
                            mode = Mode::Quote { in_data: false };
                        }
                        TOKEN_REM => {
                            text.push_str("REM");
                            mode = Mode::Rem;
                        }
                        TOKEN_DATA => {
                            text.push_str("DATA");
                            mode = Mode::Data;
                        }
                        // Bytes the tokenizer would turn into something else.
                        TOKEN_ELSE | TOKEN_APOSTROPHE | b'?' | b'^' | b'\'' | b'a'..=b'z' => {
                            push_escape(&mut text, c)
                        }
                        _ => match keyword(c) {
                            Some(kw) => text.push_str(kw),
                            None => push_char(&mut text, c),
                        },
                    }
                }
            }
        }
        let escaped = text.starts_with("\\x");
        pieces.push(Piece {
            text,
            start: i,
            end: i + len,
            escaped,
        });
        i += len;
    }
    pieces
}

fn push_char(out: &mut String, c: u8) {
    if (0x20..0x7F).contains(&c) && c != b'\\' {
        out.push(c as char);
    } else {
        push_escape(out, c);
    }
}

fn push_escape(out: &mut String, c: u8) {
    use fmt::Write;
    let _ = write!(out, "\\x{c:02X}");
}

impl Program {
    /// Parse a text listing (`10 PRINT "HI"` lines, any line ending). Blank lines are skipped;
    /// a repeated line number replaces the earlier line, and lines are sorted, as when typed.
    /// A line with only a number is kept as an empty line only if it is not followed by text
    /// (typing it would delete the line: it is dropped here too).
    pub fn from_text(text: &str) -> Result<Program, BasicError> {
        let mut lines: Vec<Line> = Vec::new();
        for (idx, raw) in text.lines().enumerate() {
            let text_line = idx + 1;
            let raw = raw.trim_end_matches(['\r', '\x1A']);
            let s = raw.trim_start_matches([' ', '\t']);
            if s.is_empty() {
                continue;
            }
            let digits = s.bytes().take_while(u8::is_ascii_digit).count();
            if digits == 0 {
                return Err(BasicError::NoLineNumber { text_line });
            }
            let number = s[..digits]
                .bytes()
                .fold(0u32, |n, d| (n * 10 + u32::from(d - b'0')).min(1_000_000));
            if number > u32::from(MAX_LINE_NUMBER) {
                return Err(BasicError::LineNumberTooLarge { text_line, number });
            }
            let number = number as u16;
            // The ROM drops one blank after the line number and keeps any others.
            let rest = s[digits..].strip_prefix(' ').unwrap_or(&s[digits..]);
            let body = tokenize(rest);
            let pos = lines.binary_search_by_key(&number, |l| l.number);
            match (pos, body.is_empty()) {
                (Ok(p), true) => {
                    lines.remove(p);
                }
                (Ok(p), false) => lines[p].body = body,
                (Err(_), true) => {}
                (Err(p), false) => lines.insert(p, Line { number, body }),
            }
        }
        if lines.is_empty() {
            return Err(BasicError::Empty);
        }
        Ok(Program { lines })
    }

    /// The listing as text, one `number text` line each, ending in a newline.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for l in &self.lines {
            out.push_str(&l.number.to_string());
            out.push(' ');
            out.push_str(&detokenize(&l.body));
            out.push('\n');
        }
        out
    }

    /// Number of bytes the program takes in memory, end marker included.
    pub fn image_len(&self) -> usize {
        self.lines.iter().map(|l| l.body.len() + 5).sum::<usize>() + 2
    }

    /// The program as it sits in memory (and on a CSAVE tape) when it starts at `base`:
    /// linked lines, then the 00 00 end marker.
    pub fn to_image(&self, base: u16) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.image_len());
        for l in &self.lines {
            let next = usize::from(base) + out.len() + l.body.len() + 5;
            out.extend_from_slice(&(next as u16).to_le_bytes());
            out.extend_from_slice(&l.number.to_le_bytes());
            out.extend_from_slice(&l.body);
            out.push(0);
        }
        out.extend_from_slice(&[0, 0]);
        out
    }

    /// Read a program image by its contents, as the ROM does after CLOAD: the stored next-line
    /// pointers are ignored; a pointer of 00 00 ends the program. Returns the program and the
    /// number of bytes used.
    pub fn from_image(image: &[u8]) -> Result<(Program, usize), BasicError> {
        let mut lines = Vec::new();
        let mut p = 0;
        loop {
            let link = image
                .get(p..p + 2)
                .ok_or(BasicError::Truncated { offset: p })?;
            if link == [0, 0] {
                return Ok((Program { lines }, p + 2));
            }
            let num = image
                .get(p + 2..p + 4)
                .ok_or(BasicError::Truncated { offset: p + 2 })?;
            let number = u16::from_le_bytes([num[0], num[1]]);
            let text = &image[p + 4..];
            let end = text
                .iter()
                .position(|&b| b == 0)
                .ok_or(BasicError::Truncated {
                    offset: image.len(),
                })?;
            lines.push(Line {
                number,
                body: text[..end].to_vec(),
            });
            p += 4 + end + 1;
        }
    }
}

/// Read access to memory, for reading a program out of a machine.
pub trait Peek {
    /// The byte at `addr`, without side effects.
    fn peek(&self, addr: u16) -> u8;
    /// A little-endian word.
    fn peek_word(&self, addr: u16) -> u16 {
        u16::from_le_bytes([self.peek(addr), self.peek(addr.wrapping_add(1))])
    }
}

/// Read the program in memory by following its next-line pointers from TXTTAB, as LIST does.
/// Pointers must go forward and stay at or below `ram_top`.
pub fn read_program(mem: &impl Peek, ram_top: u16) -> Result<Program, BasicError> {
    let start = mem.peek_word(TXTTAB);
    if !(0x4000..=ram_top).contains(&start) {
        return Err(BasicError::NotReady {
            why: format!("program start {start:04X}H is outside RAM"),
        });
    }
    let mut lines = Vec::new();
    let mut p = start;
    loop {
        if u32::from(p) + 1 > u32::from(ram_top) {
            return Err(BasicError::BadLink { addr: p, link: 0 });
        }
        let link = mem.peek_word(p);
        if link == 0 {
            return Ok(Program { lines });
        }
        if link <= p.saturating_add(4) || link > ram_top {
            return Err(BasicError::BadLink { addr: p, link });
        }
        let number = mem.peek_word(p.wrapping_add(2));
        let mut body = Vec::new();
        let mut q = p.wrapping_add(4);
        while q < link && mem.peek(q) != 0 {
            body.push(mem.peek(q));
            q += 1;
        }
        lines.push(Line { number, body });
        p = link;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_has_124_tokens_and_known_positions() {
        assert_eq!(LAST_TOKEN, 0xFB);
        assert_eq!(keyword(0x80), Some("END"));
        assert_eq!(keyword(0x9F), Some("RESUME"));
        assert_eq!(keyword(0xB2), Some("PRINT"));
        assert_eq!(keyword(0xBC), Some("TAB("));
        assert_eq!(keyword(0xD1), Some("["));
        assert_eq!(keyword(0xD5), Some("="));
        assert_eq!(keyword(0xFA), Some("MID$"));
        assert_eq!(keyword(0xFC), None);
        assert_eq!(keyword(0x7F), None);
    }

    #[test]
    fn spec_example_program_image() {
        // level2-basic.md §1.2: the three-line example at 42E9H.
        let p = Program::from_text("10 PRINT \"HI\":A=1 'X\n20 IF A THEN 10 ELSE 20\n30 REM HI\n")
            .unwrap();
        let img = p.to_image(0x42E9);
        let expect: Vec<u8> = vec![
            0xFD, 0x42, 0x0A, 0x00, 0xB2, 0x20, 0x22, 0x48, 0x49, 0x22, 0x3A, 0x41, 0xD5, 0x31,
            0x20, 0x3A, 0x93, 0xFB, 0x58, 0x00, //
            0x10, 0x43, 0x14, 0x00, 0x8F, 0x20, 0x41, 0x20, 0xCA, 0x20, 0x31, 0x30, 0x20, 0x3A,
            0x95, 0x20, 0x32, 0x30, 0x00, //
            0x19, 0x43, 0x1E, 0x00, 0x93, 0x20, 0x48, 0x49, 0x00, //
            0x00, 0x00,
        ];
        assert_eq!(img, expect);
        assert_eq!(0x42E9 + img.len(), 0x431B); // VARTAB in the spec
        let (back, used) = Program::from_image(&img).unwrap();
        assert_eq!(used, img.len());
        assert_eq!(back, p);
        assert_eq!(
            back.to_text(),
            "10 PRINT \"HI\":A=1 'X\n20 IF A THEN 10 ELSE 20\n30 REM HI\n"
        );
    }

    #[test]
    fn csave_example_bytes() {
        // level2-basic.md §7: `10 PRINT "HI"`/`20 GOTO 10` as saved by CSAVE.
        let p = Program::from_text("10 PRINT \"HI\"\n20 GOTO 10").unwrap();
        assert_eq!(
            p.to_image(0x42E9),
            [
                0xF4, 0x42, 0x0A, 0x00, 0xB2, 0x20, 0x22, 0x48, 0x49, 0x22, 0x00, 0xFD, 0x42, 0x14,
                0x00, 0x8D, 0x20, 0x31, 0x30, 0x00, 0x00, 0x00
            ]
        );
    }

    #[test]
    fn tokenizer_quirks() {
        assert_eq!(tokenize("TOTAL=5"), [0xBD, b'T', b'A', b'L', 0xD5, b'5']);
        assert_eq!(tokenize("?5"), [0xB2, b'5']);
        assert_eq!(tokenize("print a"), [0xB2, b' ', b'A']);
        assert_eq!(
            tokenize("A$=\"ab?\""),
            [b'A', b'$', 0xD5, b'"', b'a', b'b', b'?', b'"']
        );
        assert_eq!(tokenize("DATA 1,PRINT:PRINT"), {
            let mut v = vec![0x88];
            v.extend_from_slice(b" 1,PRINT:");
            v.push(0xB2);
            v
        });
        assert_eq!(tokenize("DATA \"A:B\",C:?"), {
            let mut v = vec![0x88];
            v.extend_from_slice(b" \"A:B\",C:");
            v.push(0xB2);
            v
        });
        assert_eq!(tokenize("REM PRINT:PRINT"), {
            let mut v = vec![0x93];
            v.extend_from_slice(b" PRINT:PRINT");
            v
        });
        assert_eq!(tokenize("INPUT A:X=INP(1)"), {
            let mut v = vec![0x89];
            v.extend_from_slice(b" A:X");
            v.extend_from_slice(&[0xD5, 0xDB, b'(', b'1', b')']);
            v
        });
        assert_eq!(
            tokenize("ERROR 5:E=ERR"),
            [0x9E, b' ', b'5', b':', b'E', 0xD5, 0xC3]
        );
        assert_eq!(tokenize("2^3"), [b'2', 0xD1, b'3']);
        assert_eq!(tokenize("2↑3"), [b'2', 0xD1, b'3']);
        assert_eq!(tokenize("2[3"), [b'2', 0xD1, b'3']);
        assert_eq!(
            tokenize("P$=\"\\x80\\xBF\""),
            [b'P', b'$', 0xD5, b'"', 0x80, 0xBF, b'"']
        );
    }

    #[test]
    fn escapes_round_trip_every_byte_in_strings_and_rems() {
        for b in 1..=255u8 {
            let body = vec![b'"', b, b'"', b':', 0x93, b];
            let text = detokenize(&body);
            assert!(text.is_ascii(), "{text}");
            assert_eq!(tokenize(&text), body, "byte {b:02X} via {text}");
        }
    }

    #[test]
    fn from_text_sorts_replaces_deletes_and_rejects() {
        let p = Program::from_text("20 B\n10 A\n20 C\n30 D\n30\n\n").unwrap();
        assert_eq!(p.to_text(), "10 A\n20 C\n");
        assert_eq!(
            Program::from_text("PRINT 1"),
            Err(BasicError::NoLineNumber { text_line: 1 })
        );
        assert_eq!(
            Program::from_text("10 A\n65530 B"),
            Err(BasicError::LineNumberTooLarge {
                text_line: 2,
                number: 65530
            })
        );
        assert_eq!(Program::from_text("\n \n"), Err(BasicError::Empty));
        // Leading zeros go, one blank after the number goes, the rest stays (as in the ROM).
        assert_eq!(
            Program::from_text(" 0010  PRINT").unwrap().to_text(),
            "10  PRINT\n"
        );
        assert_eq!(
            Program::from_text("10PRINT").unwrap().to_text(),
            "10 PRINT\n"
        );
    }

    #[test]
    fn from_image_truncation_errors() {
        let p = Program::from_text("10 PRINT 1\n20 END").unwrap();
        let img = p.to_image(0x42E9);
        for cut in 0..img.len() {
            assert!(matches!(
                Program::from_image(&img[..cut]),
                Err(BasicError::Truncated { .. })
            ));
        }
    }
}
