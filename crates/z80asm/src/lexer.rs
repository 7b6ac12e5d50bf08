//! Splits one source line into tokens, each with its 1-based column.
//!
//! Numbers: decimal `42`, hex `1FH` / `0x1F` / `$1F`, binary `%1010` /
//! `0b1010` / `1010B`, octal `17O` / `17Q`. A lone `$` is the current
//! address. Strings and character constants use `'…'` or `"…"`; the quote is
//! written twice to include it (`'It''s'`). `;` starts a comment. `AF'` is
//! one token.

/// Kind of a token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Tok {
    /// Identifier or keyword (original spelling).
    Ident(String),
    /// Number literal.
    Num(i64),
    /// Quoted string (bytes as written).
    Str(Vec<u8>),
    /// `$` on its own: the address of the current statement.
    Dollar,
    /// Punctuation or operator, e.g. `(`, `<<`, `,`.
    Punct(&'static str),
}

/// One token with its place on the line.
#[derive(Debug, Clone)]
pub(crate) struct Token {
    pub tok: Tok,
    /// 1-based column (in characters) of the first character.
    pub col: usize,
}

/// A lexing error: column and message.
#[derive(Debug, Clone)]
pub(crate) struct LexError {
    pub col: usize,
    pub msg: String,
}

const PUNCTS: [&str; 26] = [
    "<<", ">>", "<=", ">=", "==", "!=", "<>", "&&", "||", "(", ")", ",", "+", "-", "*", "/", "%",
    "&", "|", "^", "~", "!", "<", ">", "=", ":",
];

pub(crate) fn is_ident_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_' || c == '.' || c == '?' || c == '@'
}

pub(crate) fn is_ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '?' || c == '@'
}

/// True when the previous token ends a value, so a following `%` is the
/// modulo operator rather than a binary number prefix.
fn ends_value(prev: Option<&Token>) -> bool {
    matches!(
        prev.map(|t| &t.tok),
        Some(Tok::Ident(_))
            | Some(Tok::Num(_))
            | Some(Tok::Str(_))
            | Some(Tok::Dollar)
            | Some(Tok::Punct(")"))
    )
}

/// Formats an 8-bit value as assembler hex (`05H`, `0FFH`): the form [`parse_number`] reads.
pub fn hex8(v: u8) -> String {
    leading_digit(format!("{v:02X}H"))
}

/// Formats a 16-bit value as assembler hex (`4000H`, `0C000H`).
pub fn hex16(v: u16) -> String {
    leading_digit(format!("{v:04X}H"))
}

/// A hex literal must start with a digit: `0` goes in front of one that starts with A–F.
fn leading_digit(s: String) -> String {
    if s.as_bytes()[0].is_ascii_alphabetic() {
        format!("0{s}")
    } else {
        s
    }
}

/// Parses the text of a number literal that starts with a digit.
pub(crate) fn parse_number(text: &str) -> Option<i64> {
    let t = text.to_ascii_uppercase();
    let (digits, radix) = if let Some(h) = t.strip_suffix('H') {
        (h, 16)
    } else if let Some(x) = t.strip_prefix("0X") {
        (x, 16)
    } else if let Some(b) = t.strip_prefix("0B").filter(|b| !b.is_empty()) {
        (b, 2)
    } else if let Some(b) = t.strip_suffix('B') {
        (b, 2)
    } else if let Some(o) = t.strip_suffix('O').or_else(|| t.strip_suffix('Q')) {
        (o, 8)
    } else if let Some(d) = t.strip_suffix('D') {
        (d, 10)
    } else {
        (t.as_str(), 10)
    };
    radix_value(digits, radix)
}

/// The value of `digits` in `radix`, if there are any and it fits 32 bits.
fn radix_value(digits: &str, radix: u32) -> Option<i64> {
    if digits.is_empty() || digits.len() > 64 {
        return None;
    }
    let v = u64::from_str_radix(digits, radix).ok()?;
    if v > u32::MAX as u64 {
        return None;
    }
    Some(v as i64)
}

/// The token of a `$hex` or `%binary` number whose digits are `digits`.
fn prefixed_number(digits: &str, radix: u32, prefix: char, col: usize) -> Result<Token, LexError> {
    match radix_value(digits, radix) {
        Some(v) => Ok(Token {
            tok: Tok::Num(v),
            col,
        }),
        None => Err(LexError {
            col,
            msg: format!("malformed number `{prefix}{digits}`"),
        }),
    }
}

/// Tokenises `line`. Stops at a `;` comment.
pub(crate) fn lex(line: &str) -> Result<Vec<Token>, LexError> {
    let chars: Vec<char> = line.chars().collect();
    let mut out: Vec<Token> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let col = i + 1;
        if c == ';' {
            break;
        }
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if is_ident_start(c) {
            let start = i;
            while i < chars.len() && is_ident_char(chars[i]) {
                i += 1;
            }
            let mut s: String = chars[start..i].iter().collect();
            if s.eq_ignore_ascii_case("AF") && i < chars.len() && chars[i] == '\'' {
                s.push('\'');
                i += 1;
            }
            out.push(Token {
                tok: Tok::Ident(s),
                col,
            });
            continue;
        }
        if c.is_ascii_digit() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_alphanumeric() {
                i += 1;
            }
            let s: String = chars[start..i].iter().collect();
            match parse_number(&s) {
                Some(v) => out.push(Token {
                    tok: Tok::Num(v),
                    col,
                }),
                None => {
                    return Err(LexError {
                        col,
                        msg: format!("malformed number `{s}`"),
                    });
                }
            }
            continue;
        }
        if c == '$' {
            let start = i + 1;
            let mut j = start;
            while j < chars.len() && chars[j].is_ascii_hexdigit() {
                j += 1;
            }
            if j > start && !(j < chars.len() && is_ident_char(chars[j])) {
                let s: String = chars[start..j].iter().collect();
                out.push(prefixed_number(&s, 16, '$', col)?);
                i = j;
            } else {
                out.push(Token {
                    tok: Tok::Dollar,
                    col,
                });
                i += 1;
            }
            continue;
        }
        if c == '%'
            && !ends_value(out.last())
            && i + 1 < chars.len()
            && matches!(chars[i + 1], '0' | '1')
        {
            let start = i + 1;
            let mut j = start;
            while j < chars.len() && matches!(chars[j], '0' | '1') {
                j += 1;
            }
            let s: String = chars[start..j].iter().collect();
            out.push(prefixed_number(&s, 2, '%', col)?);
            i = j;
            continue;
        }
        if c == '\'' || c == '"' {
            let q = c;
            let mut bytes = Vec::new();
            i += 1;
            loop {
                if i >= chars.len() {
                    return Err(LexError {
                        col,
                        msg: "unterminated string (missing closing quote)".into(),
                    });
                }
                if chars[i] == q {
                    if i + 1 < chars.len() && chars[i + 1] == q {
                        bytes.push(q as u8);
                        i += 2;
                        continue;
                    }
                    i += 1;
                    break;
                }
                let ch = chars[i];
                if (ch as u32) > 0xFF {
                    return Err(LexError {
                        col: i + 1,
                        msg: "character outside the 8-bit range in string".into(),
                    });
                }
                bytes.push(ch as u32 as u8);
                i += 1;
            }
            out.push(Token {
                tok: Tok::Str(bytes),
                col,
            });
            continue;
        }
        let rest: String = chars[i..chars.len().min(i + 2)].iter().collect();
        if let Some(p) = PUNCTS.iter().find(|p| rest.starts_with(**p)) {
            out.push(Token {
                tok: Tok::Punct(p),
                col,
            });
            i += p.len();
            continue;
        }
        return Err(LexError {
            col,
            msg: format!("unexpected character `{c}`"),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_formatting_reads_back() {
        assert_eq!((hex8(5), hex8(0xFF)), ("05H".into(), "0FFH".into()));
        assert_eq!(
            (hex16(0x4000), hex16(0xC000)),
            ("4000H".into(), "0C000H".into())
        );
        for v in [0u16, 9, 0xA0, 0xFFFF] {
            assert_eq!(parse_number(&hex16(v)), Some(v as i64));
        }
    }

    fn nums(s: &str) -> Vec<i64> {
        lex(s)
            .unwrap()
            .into_iter()
            .filter_map(|t| {
                if let Tok::Num(v) = t.tok {
                    Some(v)
                } else {
                    None
                }
            })
            .collect()
    }

    #[test]
    fn number_forms() {
        assert_eq!(
            nums("1FH,0x1F,$1F,%1010,0b1010 1010B 17O 17Q 42 42D 0FFH"),
            vec![31, 31, 31, 10, 10, 10, 15, 15, 42, 42, 255]
        );
        assert_eq!(nums("5%3"), vec![5, 3]);
        assert!(lex("12G").is_err());
        assert!(lex("'abc").is_err());
    }

    #[test]
    fn af_prime_and_strings() {
        let t = lex("EX AF,AF' ; c").unwrap();
        assert_eq!(t[3].tok, Tok::Ident("AF'".into()));
        let t = lex("DB 'It''s'").unwrap();
        assert_eq!(t[1].tok, Tok::Str(b"It's".to_vec()));
        assert_eq!(t[1].col, 4);
    }
}
