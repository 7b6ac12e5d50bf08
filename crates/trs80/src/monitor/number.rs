//! Numbers, symbols and argument tokens of the monitor's command language.
//!
//! | written as            | means                                              |
//! |-----------------------|----------------------------------------------------|
//! | `7000`, `7000H`, `$7000`, `0x7000`, `&H7000` | hexadecimal                 |
//! | `#28672`, `28672.`    | decimal (always marked, so a number reads the same whatever its size) |
//! | `-4096`               | decimal, negative as BASIC writes addresses above 32767 (`-4096` = F000H) |
//! | `'A'`                 | the character's code (41H)                         |
//! | `LOOP`, `LOOP+2`      | a symbol (assembler label), with `+`/`-` offsets   |
//!
//! A bare word that is valid hex (`BEEF`) is hex; a symbol spelled like hex is
//! written with a leading `.` (`.BEEF`).

use std::collections::BTreeMap;

/// Labels known to the monitor, kept in upper case.
pub type Symbols = BTreeMap<String, u16>;

/// Why an argument was rejected; the text names the argument and what was wrong.
pub type ArgError = String;

/// Splits a command line into arguments: whitespace and commas separate them,
/// and a double-quoted string (`"HELLO, WORLD"`) is one argument, kept with its
/// quotes so [`is_text`] can recognise it.
pub fn tokenize(line: &str) -> Result<Vec<String>, ArgError> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
                let mut s = String::from('"');
                let mut closed = false;
                for c in chars.by_ref() {
                    s.push(c);
                    if c == '"' {
                        closed = true;
                        break;
                    }
                }
                if !closed {
                    return Err("a quoted text has no closing \"".into());
                }
                out.push(s);
            }
            '\'' if cur.is_empty() => {
                // A character literal 'x' (may be a space or comma).
                cur.push(c);
                if let Some(&n) = chars.peek() {
                    cur.push(n);
                    chars.next();
                    if chars.peek() == Some(&'\'') {
                        cur.push('\'');
                        chars.next();
                    }
                }
            }
            c if c.is_whitespace() || c == ',' => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            c => cur.push(c),
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

/// True when the argument is a quoted text (`"..."`).
pub fn is_text(arg: &str) -> bool {
    arg.len() >= 2 && arg.starts_with('"') && arg.ends_with('"')
}

/// The bytes of a quoted text argument (ASCII only).
pub fn text_bytes(arg: &str) -> Result<Vec<u8>, ArgError> {
    let inner = &arg[1..arg.len() - 1];
    if !inner.is_ascii() {
        return Err(format!("{arg}: only ASCII characters can be stored"));
    }
    if inner.is_empty() {
        return Err("an empty text \"\" has no bytes".into());
    }
    Ok(inner.as_bytes().to_vec())
}

fn hex_value(digits: &str, whole: &str) -> Result<i64, ArgError> {
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(format!(
            "{whole}: not a number (hex digits are 0-9 and A-F)"
        ));
    }
    if digits.len() > 8 {
        return Err(format!("{whole}: number too large"));
    }
    Ok(i64::from_str_radix(digits, 16).expect("checked hex digits"))
}

fn dec_value(digits: &str, whole: &str) -> Result<i64, ArgError> {
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(format!("{whole}: not a decimal number"));
    }
    if digits.len() > 9 {
        return Err(format!("{whole}: number too large"));
    }
    Ok(digits.parse::<i64>().expect("checked decimal digits"))
}

fn is_symbol_name(s: &str) -> bool {
    let mut c = s.chars();
    matches!(c.next(), Some(f) if f.is_ascii_alphabetic() || f == '_' || f == '.' || f == '@')
        && s.chars()
            .skip(1)
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '@' || c == '$')
}

/// One term without sign: a literal or a symbol. `negated` says a unary minus
/// stood in front (which makes a bare literal decimal).
fn term(t: &str, negated: bool, syms: &Symbols) -> Result<i64, ArgError> {
    let u = t.to_ascii_uppercase();
    if u.len() == 3 && u.starts_with('\'') && u.ends_with('\'') {
        return Ok(t.as_bytes()[1] as i64);
    }
    if u.starts_with('\'') {
        return Err(format!("{t}: a character is written 'A'"));
    }
    if let Some(h) = u.strip_prefix("0X").or_else(|| u.strip_prefix("&H")) {
        return hex_value(h, t);
    }
    if let Some(h) = u.strip_prefix('$') {
        return hex_value(h, t);
    }
    if let Some(d) = u.strip_prefix('#') {
        return dec_value(d, t);
    }
    if let Some(d) = u.strip_suffix('.') {
        if d.chars().all(|c| c.is_ascii_digit()) && !d.is_empty() {
            return dec_value(d, t);
        }
    }
    if let Some(name) = u.strip_prefix('.') {
        return match syms.get(name) {
            Some(&v) => Ok(v as i64),
            None => Err(format!("{t}: unknown symbol {name}")),
        };
    }
    if u.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        if negated && u.chars().all(|c| c.is_ascii_digit()) {
            return dec_value(&u, t);
        }
        if let Some(h) = u.strip_suffix('H') {
            return hex_value(h, t);
        }
        return hex_value(&u, t);
    }
    // Starts with a letter: hex if it is all hex digits (F000, BEEF, FFH), else a symbol.
    let hexish = u.strip_suffix('H').unwrap_or(&u);
    if !hexish.is_empty() && hexish.chars().all(|c| c.is_ascii_hexdigit()) {
        return hex_value(hexish, t);
    }
    if is_symbol_name(&u) {
        return match syms.get(&u) {
            Some(&v) => Ok(v as i64),
            None => Err(format!("{t}: not a number and not a known symbol")),
        };
    }
    Err(format!("{t}: not a number"))
}

/// Evaluates an argument: terms joined by `+` and `-`, with an optional leading
/// `-` (which makes the first literal decimal, as BASIC writes negative addresses).
pub fn eval(arg: &str, syms: &Symbols) -> Result<i64, ArgError> {
    let a = arg.trim();
    if a.is_empty() {
        return Err("missing number".into());
    }
    let bytes = a.as_bytes();
    let mut total: i64 = 0;
    let mut i = 0;
    let mut sign = 1i64;
    let mut first = true;
    loop {
        // Optional sign (leading only on the first term; required between terms).
        let mut negated = false;
        if i < bytes.len() && (bytes[i] == b'-' || bytes[i] == b'+') {
            if bytes[i] == b'-' {
                sign = -sign;
                negated = first;
            }
            i += 1;
        } else if !first {
            return Err(format!("{arg}: expected + or -"));
        }
        // Term runs until the next + or - that is not inside a character literal.
        let start = i;
        if i < bytes.len() && bytes[i] == b'\'' {
            i = (i + 3).min(bytes.len());
        } else {
            while i < bytes.len() && bytes[i] != b'+' && bytes[i] != b'-' {
                i += 1;
            }
        }
        let t = &a[start..i];
        if t.is_empty() {
            return Err(format!("{arg}: a number is missing"));
        }
        let v = term(t, negated, syms)?;
        total += sign * v;
        if total.abs() > 0xFFFF_FFFF {
            return Err(format!("{arg}: number too large"));
        }
        first = false;
        sign = 1;
        if i >= bytes.len() {
            break;
        }
    }
    Ok(total)
}

/// An address: 0..FFFFH, or -32768..-1 meaning 65536 less that (BASIC style).
pub fn address(arg: &str, syms: &Symbols) -> Result<u16, ArgError> {
    let v = eval(arg, syms)?;
    match v {
        0..=0xFFFF => Ok(v as u16),
        -32768..=-1 => Ok((v + 65536) as u16),
        _ => Err(format!(
            "{arg}: address out of range (0000H-FFFFH, or -32768..65535 decimal){}",
            decimal_hint(arg)
        )),
    }
}

/// For a bare run of decimal digits that was read as hex: how to write it as decimal.
fn decimal_hint(arg: &str) -> String {
    let a = arg.trim();
    if !a.is_empty() && a.chars().all(|c| c.is_ascii_digit()) {
        format!("; numbers are hex, decimal is written #{a} or {a}.")
    } else {
        String::new()
    }
}

/// A byte value 0..FFH (or -128..-1 as two's complement).
pub fn byte(arg: &str, syms: &Symbols) -> Result<u8, ArgError> {
    let v = eval(arg, syms)?;
    match v {
        0..=0xFF => Ok(v as u8),
        -128..=-1 => Ok((v + 256) as u8),
        _ => Err(format!(
            "{arg}: does not fit in a byte (00H-FFH, 0-255){}",
            decimal_hint(arg)
        )),
    }
}

/// A 16-bit value (same range rules as [`address`]).
pub fn word(arg: &str, syms: &Symbols) -> Result<u16, ArgError> {
    address(arg, syms).map_err(|_| format!("{arg}: does not fit in 16 bits (0000H-FFFFH)"))
}

/// A plain decimal count (BASIC line numbers, repeat counts). `H`/`$`/`0x` hex is accepted too.
pub fn count(arg: &str, what: &str, max: u32, syms: &Symbols) -> Result<u32, ArgError> {
    let u = arg.to_ascii_uppercase();
    let v = if !u.is_empty() && u.chars().all(|c| c.is_ascii_digit()) {
        dec_value(&u, arg)?
    } else {
        eval(arg, syms)?
    };
    if v < 0 || v > max as i64 {
        return Err(format!("{arg}: {what} must be 0-{max}"));
    }
    Ok(v as u32)
}

/// The bytes a list of arguments stands for: each argument is a byte value or a
/// quoted text.
pub fn byte_list(args: &[String], syms: &Symbols) -> Result<Vec<u8>, ArgError> {
    let mut out = Vec::new();
    for a in args {
        if is_text(a) {
            out.extend(text_bytes(a)?);
        } else {
            out.push(byte(a, syms)?);
        }
    }
    if out.is_empty() {
        return Err("no bytes given".into());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn syms() -> Symbols {
        let mut s = Symbols::new();
        s.insert("LOOP".into(), 0x7003);
        s.insert("BEEF".into(), 0x1234);
        s
    }

    #[test]
    fn hex_forms() {
        let s = syms();
        for a in ["7000", "7000H", "7000h", "$7000", "0x7000", "&H7000"] {
            assert_eq!(address(a, &s), Ok(0x7000), "{a}");
        }
        assert_eq!(address("F000", &s), Ok(0xF000));
        assert_eq!(address("FFH", &s), Ok(0xFF));
        assert_eq!(address("0", &s), Ok(0));
    }

    #[test]
    fn decimal_forms() {
        let s = syms();
        assert_eq!(address("#28672", &s), Ok(0x7000));
        assert_eq!(address("16526.", &s), Ok(0x408E));
        assert_eq!(address("#1000", &s), Ok(1000));
        assert_eq!(address("1000.", &s), Ok(1000));
        assert_eq!(address("-4096", &s), Ok(0xF000));
        assert_eq!(address("-1", &s), Ok(0xFFFF));
        assert_eq!(address("-32768", &s), Ok(0x8000));
        assert_eq!(address("#65535", &s), Ok(0xFFFF));
        // Bare digits are hex whatever their number.
        assert_eq!(address("01000", &s), Ok(0x1000));
        assert_eq!(address("9999", &s), Ok(0x9999));
    }

    #[test]
    fn symbols_and_offsets() {
        let s = syms();
        assert_eq!(address("loop", &s), Ok(0x7003));
        assert_eq!(address("LOOP+2", &s), Ok(0x7005));
        assert_eq!(address("LOOP-3", &s), Ok(0x7000));
        assert_eq!(address("BEEF", &s), Ok(0xBEEF));
        assert_eq!(address(".BEEF", &s), Ok(0x1234));
        assert_eq!(byte("'A'", &s), Ok(0x41));
    }

    #[test]
    fn rejects() {
        let s = syms();
        assert!(address("10000H", &s).unwrap_err().contains("out of range"));
        assert!(address("#65536", &s).unwrap_err().contains("out of range"));
        assert!(address("16526", &s)
            .unwrap_err()
            .contains("#16526 or 16526."));
        assert!(address("-32769", &s).unwrap_err().contains("out of range"));
        assert!(address("7G00", &s).unwrap_err().contains("not a number"));
        assert!(address("NOPE", &s)
            .unwrap_err()
            .contains("not a known symbol"));
        assert!(address("", &s).is_err());
        assert!(address("LOOP+", &s).is_err());
        assert!(byte("100", &s).unwrap_err().contains("byte"));
        assert!(address("#12A", &s).is_err());
    }

    #[test]
    fn tokens() {
        let t = tokenize(r#"e 7000 3E,41 "HI, THERE" ' '"#).unwrap();
        assert_eq!(t, vec!["e", "7000", "3E", "41", "\"HI, THERE\"", "' '"]);
        assert!(tokenize("s 0 10 \"abc").is_err());
        let b = byte_list(&t[2..], &syms()).unwrap();
        assert_eq!(b, b"\x3e\x41HI, THERE ".to_vec());
    }
}
