//! Symbol tables and the symbol-file text format (see [`SymbolTable`]).

use std::collections::BTreeMap;
use std::fmt;

use crate::lexer::hex16;

/// Name → 16-bit value.
///
/// Names are case-insensitive and kept in upper case. The symbol file is one
/// symbol per line, in assembler syntax so that it can also be `INCLUDE`d:
///
/// ```text
/// START EQU 4000H
/// MAIN.LOOP EQU 0C012H
/// ```
///
/// The value is always written as 4 hex digits with an `H` suffix and a
/// leading `0` when the first digit is a letter. [`SymbolTable::parse`] also
/// accepts any number form the assembler accepts (`$4000`, `0x4000`, decimal),
/// `NAME = value`, blank lines and `;` comments.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SymbolTable {
    map: BTreeMap<String, u16>,
}

/// A line of a symbol file that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SymbolParseError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for SymbolParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for SymbolParseError {}

impl SymbolTable {
    /// An empty table.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds or replaces a symbol (the name is stored in upper case).
    pub fn insert(&mut self, name: &str, value: u16) {
        self.map.insert(name.to_ascii_uppercase(), value);
    }

    /// Value of `name` (any case).
    pub fn get(&self, name: &str) -> Option<u16> {
        self.map.get(&name.to_ascii_uppercase()).copied()
    }

    /// The alphabetically first name whose value is `value`.
    pub fn name_of(&self, value: u16) -> Option<&str> {
        self.map
            .iter()
            .find(|(_, &v)| v == value)
            .map(|(k, _)| k.as_str())
    }

    /// Number of symbols.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// True when there are no symbols.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// All symbols in name order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, u16)> {
        self.map.iter().map(|(k, &v)| (k.as_str(), v))
    }

    /// Writes the symbol-file text (see the module docs).
    pub fn format(&self) -> String {
        let mut s = String::new();
        for (k, v) in self.iter() {
            s.push_str(k);
            s.push_str(" EQU ");
            s.push_str(&hex16(v));
            s.push('\n');
        }
        s
    }

    /// Reads symbol-file text (see the module docs).
    pub fn parse(text: &str) -> Result<SymbolTable, SymbolParseError> {
        let mut t = SymbolTable::new();
        for (i, raw) in text.lines().enumerate() {
            let line = raw.split(';').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let err = |m: &str| SymbolParseError {
                line: i + 1,
                message: m.to_string(),
            };
            let (name, value) = if let Some((n, v)) = line.split_once('=') {
                (n.trim(), v.trim())
            } else {
                let parts: Vec<&str> = line.split_whitespace().collect();
                match parts.as_slice() {
                    [n, op, v] if op.eq_ignore_ascii_case("EQU") => (*n, *v),
                    _ => return Err(err("expected `NAME EQU value`")),
                }
            };
            if name.is_empty() || !name.chars().all(crate::lexer::is_ident_char) {
                return Err(err("bad symbol name"));
            }
            let v = parse_value(value).ok_or_else(|| err(&format!("bad value `{value}`")))?;
            t.insert(name, v);
        }
        Ok(t)
    }
}

fn parse_value(s: &str) -> Option<u16> {
    let v = if let Some(h) = s.strip_prefix('$') {
        i64::from_str_radix(h, 16).ok()?
    } else if s.starts_with(|c: char| c.is_ascii_digit()) {
        crate::lexer::parse_number(s)?
    } else {
        return None;
    };
    u16::try_from(v).ok()
}

impl FromIterator<(String, u16)> for SymbolTable {
    fn from_iter<I: IntoIterator<Item = (String, u16)>>(iter: I) -> Self {
        let mut t = SymbolTable::new();
        for (k, v) in iter {
            t.insert(&k, v);
        }
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_parse_round_trip() {
        let mut t = SymbolTable::new();
        t.insert("start", 0x4000);
        t.insert("Main.loop", 0xC012);
        t.insert("Z", 0);
        let text = t.format();
        assert_eq!(text, "MAIN.LOOP EQU 0C012H\nSTART EQU 4000H\nZ EQU 0000H\n");
        assert_eq!(SymbolTable::parse(&text).unwrap(), t);
        let u = SymbolTable::parse("; c\nA1 = $12\nB1=0x20\n\nC1 EQU 30 ; x\n").unwrap();
        assert_eq!(
            (u.get("a1"), u.get("B1"), u.get("c1")),
            (Some(0x12), Some(0x20), Some(30))
        );
        assert_eq!(
            SymbolTable::parse("X EQU 1\nY EQU 10000H\n")
                .unwrap_err()
                .line,
            2
        );
        assert!(SymbolTable::parse("X 5").is_err());
        assert_eq!(t.name_of(0x4000), Some("START"));
    }
}
