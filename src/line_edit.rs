//! A small line editor with history for the interactive monitor.
//!
//! Why our own instead of rustyline: the monitor needs one-line prompts and
//! history only, and the project already talks to the terminal through
//! `rustix` (termios); a hundred lines of editing logic add no dependency and
//! can be tested without a terminal ([`EditState::key`] is pure).
//!
//! Keys: printable characters insert; Backspace/Delete; Left/Right, Home/End
//! (also Ctrl-A/Ctrl-E); Up/Down walk the history; Ctrl-U clears, Ctrl-K cuts
//! to the end; Ctrl-C drops the line; Ctrl-D on an empty line ends input.
//! When standard input is not a terminal, lines are read plainly.

use std::io::{self, BufRead, Write};
use std::sync::Mutex;

/// The terminal settings to go back to while a line is being read in raw mode.
static SAVED: Mutex<Option<rustix::termios::Termios>> = Mutex::new(None);

/// Puts the terminal back as it was if a line read in raw mode was cut off
/// (e.g. the window closed while the monitor waited for input).
pub fn restore_terminal() {
    if let Some(t) = SAVED.lock().unwrap_or_else(|e| e.into_inner()).take() {
        let _ = rustix::termios::tcsetattr(io::stdin(), rustix::termios::OptionalActions::Now, &t);
        let _ = io::stdout().write_all(b"\r\n");
        let _ = io::stdout().flush();
    }
}

/// A decoded key press.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EditKey {
    /// A printable character.
    Char(char),
    /// Enter / Return.
    Enter,
    /// Backspace.
    Backspace,
    /// Delete (the character under the cursor).
    Delete,
    /// Cursor left.
    Left,
    /// Cursor right.
    Right,
    /// Start of line.
    Home,
    /// End of line.
    End,
    /// Previous history entry.
    Up,
    /// Next history entry.
    Down,
    /// Ctrl-C: drop the line.
    Cancel,
    /// Ctrl-D: end of input on an empty line, else delete.
    Eof,
    /// Ctrl-U: clear the line.
    Clear,
    /// Ctrl-K: cut to the end.
    Kill,
}

/// Splits raw terminal input into keys (ANSI/VT escape sequences for arrows,
/// Home, End, Delete). Unknown sequences and control bytes are dropped.
pub fn decode_keys(bytes: &[u8]) -> Vec<EditKey> {
    let mut out = Vec::new();
    let text = String::from_utf8_lossy(bytes);
    let mut it = text.chars().peekable();
    while let Some(c) = it.next() {
        let k = match c {
            '\r' | '\n' => Some(EditKey::Enter),
            '\x7f' | '\x08' => Some(EditKey::Backspace),
            '\x01' => Some(EditKey::Home),
            '\x05' => Some(EditKey::End),
            '\x02' => Some(EditKey::Left),
            '\x06' => Some(EditKey::Right),
            '\x10' => Some(EditKey::Up),
            '\x0e' => Some(EditKey::Down),
            '\x03' => Some(EditKey::Cancel),
            '\x04' => Some(EditKey::Eof),
            '\x15' => Some(EditKey::Clear),
            '\x0b' => Some(EditKey::Kill),
            '\x1b' => {
                let intro = it.next();
                let mut params = String::new();
                let mut fin = None;
                if matches!(intro, Some('[') | Some('O')) {
                    for n in it.by_ref() {
                        if n.is_ascii_digit() || n == ';' {
                            params.push(n);
                        } else {
                            fin = Some(n);
                            break;
                        }
                    }
                }
                match (fin, params.as_str()) {
                    (Some('A'), _) => Some(EditKey::Up),
                    (Some('B'), _) => Some(EditKey::Down),
                    (Some('C'), _) => Some(EditKey::Right),
                    (Some('D'), _) => Some(EditKey::Left),
                    (Some('H'), _) => Some(EditKey::Home),
                    (Some('F'), _) => Some(EditKey::End),
                    (Some('~'), "1") | (Some('~'), "7") => Some(EditKey::Home),
                    (Some('~'), "4") | (Some('~'), "8") => Some(EditKey::End),
                    (Some('~'), "3") => Some(EditKey::Delete),
                    _ => None,
                }
            }
            c if !c.is_control() => Some(EditKey::Char(c)),
            _ => None,
        };
        if let Some(k) = k {
            out.push(k);
        }
    }
    out
}

/// What a key did to the line being edited.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EditResult {
    /// Keep editing.
    Editing,
    /// The line is finished.
    Done(String),
    /// Input ended (Ctrl-D on an empty line).
    EndOfInput,
}

/// One line being edited, with access to the history.
#[derive(Clone, Debug, Default)]
pub struct EditState {
    /// The characters of the line.
    pub buf: Vec<char>,
    /// Cursor position in `buf`.
    pub cursor: usize,
    hist_pos: usize,
    draft: Vec<char>,
}

impl EditState {
    /// A fresh line; `history_len` entries can be recalled.
    pub fn new(history_len: usize) -> Self {
        EditState {
            hist_pos: history_len,
            ..Default::default()
        }
    }

    /// Applies one key.
    pub fn key(&mut self, k: EditKey, history: &[String]) -> EditResult {
        match k {
            EditKey::Char(c) => {
                self.buf.insert(self.cursor, c);
                self.cursor += 1;
            }
            EditKey::Enter => return EditResult::Done(self.buf.iter().collect()),
            EditKey::Backspace => {
                if self.cursor > 0 {
                    self.cursor -= 1;
                    self.buf.remove(self.cursor);
                }
            }
            EditKey::Delete => {
                if self.cursor < self.buf.len() {
                    self.buf.remove(self.cursor);
                }
            }
            EditKey::Eof => {
                if self.buf.is_empty() {
                    return EditResult::EndOfInput;
                }
                if self.cursor < self.buf.len() {
                    self.buf.remove(self.cursor);
                }
            }
            EditKey::Left => self.cursor = self.cursor.saturating_sub(1),
            EditKey::Right => self.cursor = (self.cursor + 1).min(self.buf.len()),
            EditKey::Home => self.cursor = 0,
            EditKey::End => self.cursor = self.buf.len(),
            EditKey::Cancel => return EditResult::Done(String::new()),
            EditKey::Clear => {
                self.buf.clear();
                self.cursor = 0;
            }
            EditKey::Kill => self.buf.truncate(self.cursor),
            EditKey::Up => {
                if self.hist_pos > 0 && self.hist_pos <= history.len() {
                    if self.hist_pos == history.len() {
                        self.draft = self.buf.clone();
                    }
                    self.hist_pos -= 1;
                    self.buf = history[self.hist_pos].chars().collect();
                    self.cursor = self.buf.len();
                }
            }
            EditKey::Down => {
                if self.hist_pos < history.len() {
                    self.hist_pos += 1;
                    self.buf = if self.hist_pos == history.len() {
                        self.draft.clone()
                    } else {
                        history[self.hist_pos].chars().collect()
                    };
                    self.cursor = self.buf.len();
                }
            }
        }
        EditResult::Editing
    }

    /// The terminal output that redraws the line after `prompt`.
    pub fn render(&self, prompt: &str) -> String {
        let line: String = self.buf.iter().collect();
        let back = self.buf.len() - self.cursor;
        let mut s = format!("\r{prompt}{line}\x1b[K");
        if back > 0 {
            s.push_str(&format!("\x1b[{back}D"));
        }
        s
    }
}

/// Reads lines from the terminal with editing and history.
pub struct LineReader {
    history: Vec<String>,
    tty: bool,
    /// Keys typed ahead, after the ENTER that finished the previous line.
    pending: std::collections::VecDeque<EditKey>,
}

/// Most lines kept in the history.
const HISTORY_MAX: usize = 500;

impl Default for LineReader {
    fn default() -> Self {
        Self::new()
    }
}

impl LineReader {
    /// A reader on standard input; editing is on when it is a terminal.
    pub fn new() -> Self {
        LineReader {
            history: Vec::new(),
            pending: Default::default(),
            tty: rustix::termios::isatty(io::stdin()) && rustix::termios::isatty(io::stdout()),
        }
    }

    /// Shows `prompt` and reads one line; `Ok(None)` at end of input.
    pub fn read_line(&mut self, prompt: &str) -> io::Result<Option<String>> {
        let mut out = io::stdout();
        if !self.tty {
            write!(out, "{prompt}")?;
            out.flush()?;
            let mut line = String::new();
            if io::stdin().lock().read_line(&mut line)? == 0 {
                return Ok(None);
            }
            return Ok(Some(line.trim_end_matches(['\r', '\n']).to_string()));
        }
        let stdin = io::stdin();
        let saved = rustix::termios::tcgetattr(&stdin)?;
        let mut raw = saved.clone();
        raw.make_raw();
        *SAVED.lock().unwrap_or_else(|e| e.into_inner()) = Some(saved.clone());
        rustix::termios::tcsetattr(&stdin, rustix::termios::OptionalActions::Now, &raw)?;
        let result = self.edit(prompt);
        rustix::termios::tcsetattr(&stdin, rustix::termios::OptionalActions::Now, &saved)?;
        SAVED.lock().unwrap_or_else(|e| e.into_inner()).take();
        write!(out, "\r\n")?;
        let line = result?;
        if let Some(l) = &line {
            if !l.trim().is_empty() && self.history.last() != Some(l) {
                self.history.push(l.clone());
                if self.history.len() > HISTORY_MAX {
                    self.history.remove(0);
                }
            }
        }
        Ok(line)
    }

    fn edit(&mut self, prompt: &str) -> io::Result<Option<String>> {
        let mut out = io::stdout();
        let mut st = EditState::new(self.history.len());
        write!(out, "{}", st.render(prompt))?;
        out.flush()?;
        let mut buf = [0u8; 64];
        loop {
            while let Some(k) = self.pending.pop_front() {
                match st.key(k, &self.history) {
                    EditResult::Editing => {}
                    EditResult::Done(l) => {
                        write!(out, "{}", st.render(prompt))?;
                        return Ok(Some(l));
                    }
                    EditResult::EndOfInput => return Ok(None),
                }
            }
            write!(out, "{}", st.render(prompt))?;
            out.flush()?;
            // Read the descriptor itself: std's buffered stdin could keep bytes
            // that a front end polling the descriptor would then miss.
            let n = rustix::io::read(io::stdin(), &mut buf)?;
            if n == 0 {
                return Ok(None);
            }
            self.pending.extend(decode_keys(&buf[..n]));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn type_in(st: &mut EditState, bytes: &[u8], hist: &[String]) -> EditResult {
        let mut r = EditResult::Editing;
        for k in decode_keys(bytes) {
            r = st.key(k, hist);
            if r != EditResult::Editing {
                break;
            }
        }
        r
    }

    #[test]
    fn decodes_escape_sequences() {
        assert_eq!(
            decode_keys(b"a\x1b[A\x1b[B\x1b[C\x1b[D\x1b[3~\x1bOH\x1b[F\x7f\r"),
            vec![
                EditKey::Char('a'),
                EditKey::Up,
                EditKey::Down,
                EditKey::Right,
                EditKey::Left,
                EditKey::Delete,
                EditKey::Home,
                EditKey::End,
                EditKey::Backspace,
                EditKey::Enter
            ]
        );
    }

    #[test]
    fn edits_in_the_middle() {
        let mut st = EditState::new(0);
        let r = type_in(&mut st, b"d 700\x1b[D\x1b[D1\x1b[F0\r", &[]);
        assert_eq!(r, EditResult::Done("d 71000".into()));
        let mut st = EditState::new(0);
        assert_eq!(
            type_in(&mut st, b"abc\x01\x0b\r", &[]),
            EditResult::Done("".into())
        );
        let mut st = EditState::new(0);
        assert_eq!(
            type_in(&mut st, b"x\x7f\x7fy\r", &[]),
            EditResult::Done("y".into())
        );
        let mut st = EditState::new(0);
        assert_eq!(type_in(&mut st, b"\x04", &[]), EditResult::EndOfInput);
    }

    #[test]
    fn history_walks_and_keeps_the_draft() {
        let hist = vec!["d 7000".to_string(), "r".to_string()];
        let mut st = EditState::new(hist.len());
        assert_eq!(
            type_in(&mut st, b"u\x1b[A\x1b[A\r", &hist),
            EditResult::Done("d 7000".into())
        );
        let mut st = EditState::new(hist.len());
        assert_eq!(
            type_in(&mut st, b"u\x1b[A\x1b[A\x1b[B\x1b[B\x1b[B\r", &hist),
            EditResult::Done("u".into())
        );
    }

    #[test]
    fn render_places_the_cursor() {
        let mut st = EditState::new(0);
        type_in(&mut st, b"abc\x1b[D", &[]);
        assert_eq!(st.render("> "), "\r> abc\x1b[K\x1b[1D");
    }
}
