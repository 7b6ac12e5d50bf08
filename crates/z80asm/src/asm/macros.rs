//! Macros and repeat blocks: collecting a `MACRO … ENDM` or `REPT n … ENDR` body, running a
//! `REPT` body `n` times, expanding a macro call with its arguments, and `\@` (a name part
//! unique to each expansion).

use std::rc::Rc;

use super::{first_col, first_words, strip_comment, Assembler, Loc, MAX_DEPTH};
use crate::expr::ParseError;
use crate::lexer::is_ident_char;

pub(super) struct Macro {
    pub(super) params: Vec<String>,
    pub(super) body: Rc<Vec<String>>,
    pub(super) file: Rc<str>,
    pub(super) first_line: usize,
}

pub(super) struct MacroDef {
    pub(super) name: String,
    pub(super) params: Vec<String>,
    pub(super) body: Vec<String>,
    pub(super) depth: usize,
    pub(super) file: Rc<str>,
    pub(super) first_line: usize,
    pub(super) at: (Loc, String),
    /// `Some(count)` for a `REPT count` … `ENDR` block, `None` for a macro.
    pub(super) rept: Option<usize>,
}

impl Assembler<'_> {
    /// One line while a `MACRO` or `REPT` body is being collected: nested openers and
    /// closers are counted; the closer at depth 0 ends the body (a `REPT` then runs).
    pub(super) fn collect_body_line(&mut self, loc: &Loc, text: &str) {
        let Some(d) = self.defining.as_mut() else {
            return;
        };
        let (w0, w1) = first_words(text);
        let (open, close) = if d.rept.is_some() {
            ("REPT", "ENDR")
        } else {
            ("MACRO", "ENDM")
        };
        if w0 == close || w1 == close {
            if d.depth == 0 {
                let d = self.defining.take().expect("checked above");
                if let Some(count) = d.rept {
                    self.list(loc, text, None, None);
                    self.repeat(d, count);
                    return;
                }
                let m = Macro {
                    params: d.params,
                    body: Rc::new(d.body),
                    file: d.file,
                    first_line: d.first_line,
                };
                self.macros.insert(d.name, Rc::new(m));
                self.list(loc, text, None, None);
                return;
            }
            d.depth -= 1;
        } else if w0 == open || w1 == open {
            d.depth += 1;
        }
        d.body.push(text.to_string());
        self.list(loc, text, None, None);
    }

    /// Runs the body of a finished `REPT` block `count` times; `\@` in it is
    /// unique to each repetition.
    pub(super) fn repeat(&mut self, d: MacroDef, count: usize) {
        if self.depth >= MAX_DEPTH {
            let col = first_col(&d.at.1);
            self.error_at(&d.at.0, &d.at.1, col, "REPT nested too deeply".into());
            return;
        }
        let note = format!("in REPT at {}:{}", d.at.0.file, d.at.0.line);
        let note = match &d.at.0.note {
            Some(n) if n.matches(" at ").count() < 3 => format!("{note}, {n}"),
            Some(_) => format!("{note}, …"),
            None => note,
        };
        let note: Rc<str> = Rc::from(note.as_str());
        self.depth += 1;
        for _ in 0..count {
            if self.ended || self.aborted {
                break;
            }
            self.expansions += 1;
            let unique = format!("_{}", self.expansions);
            let body: Vec<String> = d
                .body
                .iter()
                .map(|l| substitute(l, &[], &[], &unique))
                .collect();
            self.run_lines(
                &d.file,
                &Rc::new(body),
                d.first_line,
                Some(note.clone()),
                true,
            );
        }
        self.depth -= 1;
    }

    pub(super) fn expand(
        &mut self,
        m: &Rc<Macro>,
        name: &str,
        loc: &Loc,
        text: &str,
        mcol: usize,
    ) -> Result<(), ParseError> {
        if self.depth >= MAX_DEPTH {
            return Err(ParseError {
                col: mcol,
                msg: format!("macro {name} nested too deeply (recursion?)"),
            });
        }
        let after: String = text.chars().skip(mcol - 1 + name.chars().count()).collect();
        let args = split_args(&after);
        if args.len() > m.params.len()
            && !(m.params.is_empty() && args.len() == 1 && args[0].is_empty())
        {
            return Err(ParseError {
                col: mcol,
                msg: format!(
                    "macro {name} takes {} argument(s), {} given",
                    m.params.len(),
                    args.len()
                ),
            });
        }
        self.expansions += 1;
        let unique = format!("_{}", self.expansions);
        let body: Vec<String> = m
            .body
            .iter()
            .map(|l| substitute(l, &m.params, &args, &unique))
            .collect();
        let note = format!("in macro {name} called at {}:{}", loc.file, loc.line);
        let note = match &loc.note {
            Some(n) if n.matches(" called at ").count() < 3 => format!("{note}, {n}"),
            Some(_) => format!("{note}, …"),
            None => note,
        };
        self.depth += 1;
        self.run_lines(
            &m.file,
            &Rc::new(body),
            m.first_line,
            Some(Rc::from(note.as_str())),
            true,
        );
        self.depth -= 1;
        Ok(())
    }
}

/// Splits macro call arguments at top-level commas (outside parentheses
/// and quotes), trimming each.
fn split_args(s: &str) -> Vec<String> {
    let code = strip_comment(s);
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut depth = 0i32;
    let mut quote: Option<char> = None;
    let mut prev_ident = String::new();
    for c in code.chars() {
        match quote {
            Some(q) => {
                if c == q {
                    quote = None;
                }
                cur.push(c);
                continue;
            }
            None => match c {
                '\'' if prev_ident.eq_ignore_ascii_case("AF") => {}
                '\'' | '"' => quote = Some(c),
                '(' => depth += 1,
                ')' => depth -= 1,
                ',' if depth <= 0 => {
                    out.push(cur.trim().to_string());
                    cur.clear();
                    prev_ident.clear();
                    continue;
                }
                _ => {}
            },
        }
        if is_ident_char(c) {
            prev_ident.push(c);
        } else {
            prev_ident.clear();
        }
        cur.push(c);
    }
    out.push(cur.trim().to_string());
    if out.len() == 1 && out[0].is_empty() {
        out.clear();
    }
    out
}

/// Replaces whole-word parameter names (outside quotes and comments) by
/// the call's arguments, and `\@` by a name part unique to this expansion.
fn substitute(line: &str, params: &[String], args: &[String], unique: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    let mut quote: Option<char> = None;
    let mut last_word = String::new();
    while i < chars.len() {
        let c = chars[i];
        if let Some(q) = quote {
            out.push(c);
            if c == q {
                quote = None;
            }
            i += 1;
            continue;
        }
        if c == ';' {
            out.extend(&chars[i..]);
            break;
        }
        if c == '\\' && chars.get(i + 1) == Some(&'@') {
            out.push_str(unique);
            i += 2;
            continue;
        }
        if c == '\'' || c == '"' {
            if !(c == '\'' && last_word.eq_ignore_ascii_case("AF")) {
                quote = Some(c);
            }
            out.push(c);
            last_word.clear();
            i += 1;
            continue;
        }
        if is_ident_char(c) {
            let start = i;
            while i < chars.len() && is_ident_char(chars[i]) {
                i += 1;
            }
            let w: String = chars[start..i].iter().collect();
            let up = w.to_ascii_uppercase();
            match params.iter().position(|p| *p == up) {
                Some(k) => out.push_str(args.get(k).map(|s| s.as_str()).unwrap_or("")),
                None => out.push_str(&w),
            }
            last_word = w;
            continue;
        }
        last_word.clear();
        out.push(c);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn args_and_substitution() {
        assert_eq!(
            split_args(" A, (1,2), 'x,y' ; c"),
            vec!["A", "(1,2)", "'x,y'"]
        );
        assert_eq!(split_args("   "), Vec::<String>::new());
        let s = substitute(" LD A,N ; N", &["N".into()], &["5".into()], "_1");
        assert_eq!(s, " LD A,5 ; N");
        let s = substitute("L\\@: DB 'N',N", &["N".into()], &["7".into()], "_3");
        assert_eq!(s, "L_3: DB 'N',7");
        assert_eq!(first_words("lab: IF 1"), ("LAB".into(), "IF".into()));
    }
}
