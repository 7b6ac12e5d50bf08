//! Conditional assembly: `IF expr`, `IFDEF name`, `IFNDEF name`, `ELSE`, `ENDIF`, on one
//! stack of open conditions. A line is assembled only while the innermost condition is true;
//! inside a false branch only these words are looked at (no expression is evaluated, so a
//! skipped branch may use symbols that do not exist), to keep the nesting right.

use super::{first_words, Assembler, Listed, Loc};
use crate::expr::{ParseError, Parser};
use crate::lexer::{Tok, Token};

/// Words that open, switch or close a condition.
const COND_WORDS: &[&str] = &["IF", "IFDEF", "IFNDEF", "ELSE", "ENDIF"];

/// One open `IF`.
pub(super) struct Cond {
    /// Lines are assembled (this branch is taken and every outer one is).
    pub(super) active: bool,
    /// Every outer condition is true (so `ELSE` may turn this one on).
    pub(super) parent_active: bool,
    pub(super) else_seen: bool,
    /// Where the `IF` is, for "IF without ENDIF".
    pub(super) at: (Loc, String),
}

impl Assembler<'_> {
    /// True while lines are assembled (no condition open, or the innermost is true).
    pub(super) fn active(&self) -> bool {
        self.conds.last().is_none_or(|c| c.active)
    }

    fn open_cond(&mut self, active: bool, parent_active: bool, loc: &Loc, text: &str) {
        self.conds.push(Cond {
            active,
            parent_active,
            else_seen: false,
            at: (loc.clone(), text.to_string()),
        });
    }

    /// `ELSE`: the other branch of the innermost condition.
    fn else_branch(&mut self) -> Result<(), &'static str> {
        let c = self.conds.last_mut().ok_or("ELSE without IF")?;
        if c.else_seen {
            return Err("second ELSE for the same IF");
        }
        c.else_seen = true;
        c.active = !c.active && c.parent_active;
        Ok(())
    }

    /// A line inside a false branch: only the nesting words count.
    pub(super) fn skip_inactive_line(&mut self, loc: &Loc, text: &str) {
        let (w0, w1) = first_words(text);
        let w = if COND_WORDS.contains(&w0.as_str()) {
            w0
        } else {
            w1
        };
        match w.as_str() {
            "IF" | "IFDEF" | "IFNDEF" => self.open_cond(false, false, loc, text),
            "ELSE" => {
                if let Err(msg) = self.else_branch() {
                    self.error_at(loc, text, 1, msg.into());
                }
            }
            "ENDIF" => {
                self.conds.pop();
            }
            _ => {}
        }
        self.list(loc, text, None, None);
    }

    /// `IF`, `IFDEF`, `IFNDEF`, `ELSE` or `ENDIF` met while assembling.
    pub(super) fn conditional(
        &mut self,
        mn: &str,
        args: &[Token],
        (mcol, arg_col, end_col): (usize, usize, usize),
        loc: &Loc,
        text: &str,
    ) -> Result<Listed, ParseError> {
        match mn {
            "ELSE" => self
                .else_branch()
                .map_err(|msg| ParseError {
                    col: mcol,
                    msg: msg.into(),
                })
                .map(|_| Listed::Plain),
            "ENDIF" => match self.conds.pop() {
                Some(_) => Ok(Listed::Plain),
                None => Err(ParseError {
                    col: mcol,
                    msg: "ENDIF without IF".into(),
                }),
            },
            _ => {
                let cond = if mn == "IF" {
                    let e = Parser::parse_all(args, end_col)?;
                    self.value(&e, loc, text).0 != 0
                } else {
                    let name = match args {
                        [Token {
                            tok: Tok::Ident(n), ..
                        }] => n.clone(),
                        _ => {
                            return Err(ParseError {
                                col: arg_col,
                                msg: format!("{mn} takes one symbol name"),
                            })
                        }
                    };
                    let full = super::scoped(&self.scope, &name);
                    let def = self.defined.contains(&full) || self.macros.contains_key(&full);
                    def == (mn == "IFDEF")
                };
                self.open_cond(cond, true, loc, text);
                Ok(Listed::Plain)
            }
        }
    }
}
