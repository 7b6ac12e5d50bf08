//! Assembly errors with file, line, column and a caret under the culprit.

use std::fmt;

/// One error: where it is and what is wrong.
///
/// Displayed as
///
/// ```text
/// prog.asm:3:12: error: expected an expression, found `)`
///     LD A,(IX+)
///              ^
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AsmError {
    /// File name as given to the assembler (`<line>` for [`crate::assemble_line`]).
    pub file: String,
    /// 1-based line number.
    pub line: usize,
    /// 1-based column (in characters).
    pub column: usize,
    /// What is wrong, e.g. "expected `)`, found end of line".
    pub message: String,
    /// The source line the error is on (after macro parameter substitution).
    pub source_line: String,
    /// Extra context, e.g. "in macro PRINT called at prog.asm:10".
    pub note: Option<String>,
}

impl AsmError {
    /// The source line and a caret line under column `column`.
    pub fn caret(&self) -> String {
        let mut pad = String::new();
        for (i, c) in self.source_line.chars().enumerate() {
            if i + 1 >= self.column {
                break;
            }
            pad.push(if c == '\t' { '\t' } else { ' ' });
        }
        format!("{}\n{pad}^", self.source_line)
    }
}

impl fmt::Display for AsmError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: error: {}",
            self.file, self.line, self.column, self.message
        )?;
        if let Some(n) = &self.note {
            write!(f, " ({n})")?;
        }
        write!(f, "\n{}", self.caret())
    }
}

impl std::error::Error for AsmError {}

/// All errors of a failed assembly, in source order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AsmErrors(pub Vec<AsmError>);

impl fmt::Display for AsmErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        if self.0.len() > 1 {
            write!(f, "\n{} errors", self.0.len())?;
        }
        Ok(())
    }
}

impl std::error::Error for AsmErrors {}
