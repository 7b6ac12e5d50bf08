//! Source text: where files come from ([`FileLoader`]), `INCLUDE` with its search path, and
//! the plain-text helpers every other part uses (lines, comments, first words).

use std::collections::HashMap;
use std::rc::Rc;

use super::{text_of, Assembler, Loc, MAX_DEPTH};
use crate::expr::ParseError;
use crate::lexer::{is_ident_char, Tok, Token};

/// Supplies source files to the assembler (INCLUDE and the main file).
pub trait FileLoader {
    /// Returns the text of the file at `path` or a message why not.
    fn load(&self, path: &str) -> Result<String, String>;
}

/// Reads files from the file system.
#[derive(Debug, Clone, Copy, Default)]
pub struct FsLoader;

impl FileLoader for FsLoader {
    fn load(&self, path: &str) -> Result<String, String> {
        match std::fs::read(path) {
            Ok(b) => Ok(String::from_utf8_lossy(&b).into_owned()),
            Err(e) => Err(e.to_string()),
        }
    }
}

/// Files held in memory (tests, tools): path → text.
#[derive(Debug, Clone, Default)]
pub struct MemLoader {
    files: HashMap<String, String>,
}

impl MemLoader {
    /// An empty set of files.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds (or replaces) a file.
    pub fn add(&mut self, path: &str, text: &str) -> &mut Self {
        self.files.insert(path.to_string(), text.to_string());
        self
    }
}

impl FileLoader for MemLoader {
    fn load(&self, path: &str) -> Result<String, String> {
        self.files
            .get(path)
            .cloned()
            .ok_or_else(|| "no such file".to_string())
    }
}

impl Assembler<'_> {
    pub(super) fn include(
        &mut self,
        loc: &Loc,
        text: &str,
        args: &[Token],
        arg_col: usize,
        end_col: usize,
    ) -> Result<(), ParseError> {
        let name = match args {
            [Token {
                tok: Tok::Str(s), ..
            }] => String::from_utf8_lossy(s).into_owned(),
            [] => {
                return Err(ParseError {
                    col: end_col,
                    msg: "INCLUDE needs a file name".into(),
                })
            }
            _ => {
                let raw = text_of(text, args);
                raw.trim().to_string()
            }
        };
        if self.depth >= MAX_DEPTH {
            return Err(ParseError {
                col: arg_col,
                msg: "INCLUDE/macro nesting too deep (recursive INCLUDE?)".into(),
            });
        }
        let mut candidates = Vec::new();
        let base = std::path::Path::new(&*loc.file)
            .parent()
            .map(|p| p.to_path_buf())
            .unwrap_or_default();
        candidates.push(base.join(&name).to_string_lossy().into_owned());
        for d in &self.options.include_dirs {
            candidates.push(
                std::path::Path::new(d)
                    .join(&name)
                    .to_string_lossy()
                    .into_owned(),
            );
        }
        candidates.push(name.clone());
        candidates.dedup();
        let mut found = None;
        let mut why = String::new();
        for c in &candidates {
            let entry = match self.files.get(c) {
                Some(e) => e.clone(),
                None => {
                    let r = self.loader.load(c).map(|t| Rc::new(split_lines(&t)));
                    self.files.insert(c.clone(), r.clone());
                    r
                }
            };
            match entry {
                Ok(lines) => {
                    found = Some((c.clone(), lines));
                    break;
                }
                Err(e) => why = e,
            }
        }
        let Some((path, lines)) = found else {
            return Err(ParseError {
                col: arg_col,
                msg: format!(
                    "cannot include `{name}`: {why} (looked in: {})",
                    candidates.join(", ")
                ),
            });
        };
        let file: Rc<str> = Rc::from(path.as_str());
        self.depth += 1;
        let saved_note = loc.note.clone();
        self.run_lines(&file, &lines, 1, saved_note, false);
        self.depth -= 1;
        Ok(())
    }
}

/// Cuts a `;` comment off, respecting quotes (and `AF'`).
pub(super) fn strip_comment(s: &str) -> &str {
    let mut quote: Option<char> = None;
    let mut prev_ident = String::new();
    for (i, c) in s.char_indices() {
        match quote {
            Some(q) => {
                if c == q {
                    quote = None;
                }
            }
            None => {
                if c == ';' {
                    return &s[..i];
                }
                if c == '\'' && prev_ident.eq_ignore_ascii_case("AF") {
                    prev_ident.clear();
                    continue;
                }
                if c == '\'' || c == '"' {
                    quote = Some(c);
                }
            }
        }
        if is_ident_char(c) {
            prev_ident.push(c);
        } else {
            prev_ident.clear();
        }
    }
    s
}

/// First two words of a line, upper case, with a trailing `:` removed.
pub(super) fn first_words(text: &str) -> (String, String) {
    let code = strip_comment(text);
    let mut it = code
        .split_whitespace()
        .map(|w| w.trim_end_matches(':').to_ascii_uppercase());
    let a = it.next().unwrap_or_default();
    let b = it.next().unwrap_or_default();
    (a, b)
}

pub(super) fn split_lines(text: &str) -> Vec<String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.lines()
        .map(|l| l.trim_end_matches('\r').to_string())
        .collect()
}
