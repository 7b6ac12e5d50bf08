//! Helpers shared by this crate's integration tests.

use trs80_machine::Machine;

/// Row `n` of the screen as text, trailing blanks cut.
pub fn screen_row(m: &Machine, n: usize) -> String {
    let text = m.screen_text();
    text.lines().nth(n).unwrap_or("").trim_end().to_string()
}
