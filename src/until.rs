//! `--until TEXT`: waiting for text that appears on the screen after the typing is done.
//!
//! A typed `RUN` leaves the `READY` of the command before it on the screen, so "the screen
//! contains READY" would stop the run before the program printed anything. While a key
//! press is still queued the session [remembers](NewText::remember) the screen; once the
//! last press has gone to the program, the text counts only where it is new: on a line
//! that scrolled in since, or on a remembered line at a place it was not before. Scrolling
//! is followed by finding how many lines up the remembered screen moved: the shift that
//! lines up the most unchanged non-blank lines. With nothing typed, text already on the
//! screen counts.

/// The `--until` text and the screen it must be new against.
#[derive(Debug, Clone)]
pub struct NewText {
    text: String,
    before: Option<String>,
}

impl NewText {
    /// Waits for `text`.
    pub fn new(text: &str) -> NewText {
        NewText {
            text: text.to_string(),
            before: None,
        }
    }

    /// The text waited for.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The screen while keys are still to be typed: what it shows is old.
    pub fn remember(&mut self, screen: &str) {
        self.before = Some(screen.to_string());
    }

    /// True when `screen` shows the text somewhere the remembered screen did not.
    pub fn appears(&self, screen: &str) -> bool {
        let text = self.text.as_str();
        let Some(before) = &self.before else {
            return screen.contains(text);
        };
        if text.contains('\n') {
            return screen.matches(text).count() > before.matches(text).count();
        }
        let old: Vec<&str> = before.lines().collect();
        let now: Vec<&str> = screen.lines().collect();
        // How far the old screen scrolled up: the shift that lines up the most non-blank
        // lines unchanged (old line i + up is now line i); none lined up: all is new.
        let same = |up: usize| {
            now.iter()
                .enumerate()
                .filter(|(i, l)| !l.trim().is_empty() && old.get(i + up) == Some(l))
                .count()
        };
        let up = (0..old.len())
            .max_by_key(|&up| (same(up), std::cmp::Reverse(up)))
            .filter(|&up| same(up) > 0)
            .unwrap_or(old.len());
        now.iter().enumerate().any(|(i, line)| {
            let was = old.get(i + up).copied().unwrap_or("");
            line.match_indices(text)
                .any(|(at, _)| was.get(at..at + text.len()) != Some(text))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn screen(lines: &[&str]) -> String {
        let mut v: Vec<String> = lines.iter().map(|l| format!("{l:<20}")).collect();
        v.resize(6, " ".repeat(20));
        v.join("\n")
    }

    #[test]
    fn old_text_does_not_count_and_new_text_does() {
        let mut w = NewText::new("READY");
        let before = screen(&["READY", ">10 PRINT 1", ">RU"]);
        assert!(w.appears(&before), "nothing remembered: any READY counts");
        w.remember(&before);
        assert!(!w.appears(&before));
        // RUN typed and echoed, the program prints, READY comes back below.
        let running = screen(&["READY", ">10 PRINT 1", ">RUN", " 1"]);
        assert!(!w.appears(&running));
        let done = screen(&["READY", ">10 PRINT 1", ">RUN", " 1", "READY", ">"]);
        assert!(w.appears(&done));
    }

    #[test]
    fn scrolling_moves_old_text_without_making_it_new() {
        let mut w = NewText::new("READY");
        let before = screen(&["A", "READY", "B", "C", "D", ">RU"]);
        w.remember(&before);
        let scrolled = screen(&["READY", "B", "C", "D", ">RUN", " 1"]);
        assert!(!w.appears(&scrolled));
        let scrolled_more = screen(&["C", "D", ">RUN", " 1", "READY", ">"]);
        assert!(w.appears(&scrolled_more));
        let cleared = screen(&["", "", "", "READY"]);
        assert!(w.appears(&cleared), "a redrawn screen is all new");
    }

    #[test]
    fn the_line_typed_on_need_not_be_the_last() {
        let mut w = NewText::new("READY");
        w.remember(&screen(&["LOGO", "READY", "DI"]));
        assert!(!w.appears(&screen(&["LOGO", "READY", "DIR", "DRIVE :0"])));
        assert!(w.appears(&screen(&["LOGO", "READY", "DIR", "DRIVE :0", "READY"])));
    }

    #[test]
    fn the_typed_line_itself_is_not_output() {
        let mut w = NewText::new("HELLO");
        w.remember(&screen(&["READY", ">PRINT \"HELLO\""]));
        assert!(!w.appears(&screen(&["READY", ">PRINT \"HELLO\""])));
        assert!(w.appears(&screen(&["READY", ">PRINT \"HELLO\"", "HELLO"])));
    }
}
