//! Expressions: parsing (from tokens) and evaluation.
//!
//! Precedence, loosest first: `||`; `&&`; `|`; `^`; `&`;
//! `= == != <> < > <= >=` (true = 1, false = 0); `<< >>`; `+ -`; `* / %`;
//! unary `- + ~ !`. Operands: numbers, character constants (`'A'`, `'AB'`),
//! symbols, `$` (address of the current statement), parentheses and the
//! functions `LOW(x)` / `HIGH(x)`. Arithmetic is 64-bit, wrapping.

use crate::lexer::{Tok, Token};

/// Parsed expression.
#[derive(Debug, Clone)]
pub(crate) enum Expr {
    Num(i64),
    Pc,
    Sym(String, usize),
    Unary(&'static str, Box<Expr>),
    Binary(&'static str, Box<Expr>, Box<Expr>, usize),
    Func(&'static str, Box<Expr>),
}

impl Expr {
    /// The name when the expression is a single identifier.
    pub(crate) fn as_name(&self) -> Option<&str> {
        match self {
            Expr::Sym(s, _) => Some(s),
            _ => None,
        }
    }
}

/// Parse error: column and message.
#[derive(Debug, Clone)]
pub(crate) struct ParseError {
    pub col: usize,
    pub msg: String,
}

fn describe(t: Option<&Token>) -> String {
    match t.map(|t| &t.tok) {
        None => "end of line".into(),
        Some(Tok::Ident(s)) => format!("`{s}`"),
        Some(Tok::Num(n)) => format!("number {n}"),
        Some(Tok::Str(_)) => "a string".into(),
        Some(Tok::Dollar) => "`$`".into(),
        Some(Tok::Punct(p)) => format!("`{p}`"),
    }
}

/// Recursive-descent parser over a token slice.
pub(crate) struct Parser<'t> {
    toks: &'t [Token],
    pos: usize,
    end_col: usize,
    depth: usize,
}

const LEVELS: [&[&str]; 9] = [
    &["||"],
    &["&&"],
    &["|"],
    &["^"],
    &["&"],
    &["=", "==", "!=", "<>", "<", ">", "<=", ">="],
    &["<<", ">>"],
    &["+", "-"],
    &["*", "/", "%"],
];

impl<'t> Parser<'t> {
    /// `end_col` is the column reported when the tokens run out.
    pub(crate) fn new(toks: &'t [Token], end_col: usize) -> Self {
        Parser {
            toks,
            pos: 0,
            end_col,
            depth: 0,
        }
    }

    fn peek(&self) -> Option<&Token> {
        self.toks.get(self.pos)
    }

    fn col(&self) -> usize {
        self.peek().map(|t| t.col).unwrap_or(self.end_col)
    }

    fn err<T>(&self, what: &str) -> Result<T, ParseError> {
        Err(ParseError {
            col: self.col(),
            msg: format!("expected {what}, found {}", describe(self.peek())),
        })
    }

    /// Parses a whole token slice as one expression.
    pub(crate) fn parse_all(toks: &'t [Token], end_col: usize) -> Result<Expr, ParseError> {
        let mut p = Parser::new(toks, end_col);
        let e = p.expr()?;
        if p.pos < toks.len() {
            return p.err("an operator or end of expression");
        }
        Ok(e)
    }

    pub(crate) fn expr(&mut self) -> Result<Expr, ParseError> {
        self.depth += 1;
        if self.depth > 200 {
            return Err(ParseError {
                col: self.col(),
                msg: "expression nested too deeply".into(),
            });
        }
        let r = self.level(0);
        self.depth -= 1;
        r
    }

    fn level(&mut self, n: usize) -> Result<Expr, ParseError> {
        if n == LEVELS.len() {
            return self.unary();
        }
        let mut lhs = self.level(n + 1)?;
        loop {
            let op = match self.peek().map(|t| &t.tok) {
                Some(Tok::Punct(p)) if LEVELS[n].contains(p) => *p,
                _ => break,
            };
            let col = self.col();
            self.pos += 1;
            let rhs = self.level(n + 1)?;
            lhs = Expr::Binary(op, Box::new(lhs), Box::new(rhs), col);
        }
        Ok(lhs)
    }

    fn unary(&mut self) -> Result<Expr, ParseError> {
        self.depth += 1;
        if self.depth > 200 {
            return Err(ParseError {
                col: self.col(),
                msg: "expression nested too deeply".into(),
            });
        }
        let r = match self.peek().map(|t| &t.tok) {
            Some(Tok::Punct(p)) if ["-", "+", "~", "!"].contains(p) => {
                let op = *p;
                self.pos += 1;
                let e = self.unary()?;
                Ok(Expr::Unary(op, Box::new(e)))
            }
            _ => self.primary(),
        };
        self.depth -= 1;
        r
    }

    fn primary(&mut self) -> Result<Expr, ParseError> {
        let Some(t) = self.peek().cloned() else {
            return self.err("an expression");
        };
        match t.tok {
            Tok::Num(v) => {
                self.pos += 1;
                Ok(Expr::Num(v))
            }
            Tok::Dollar => {
                self.pos += 1;
                Ok(Expr::Pc)
            }
            Tok::Str(ref b) => {
                if b.is_empty() || b.len() > 2 {
                    return Err(ParseError {
                        col: t.col,
                        msg: "a character constant holds one or two characters".into(),
                    });
                }
                self.pos += 1;
                let v = b.iter().fold(0i64, |a, &c| (a << 8) | c as i64);
                Ok(Expr::Num(v))
            }
            Tok::Ident(ref s) => {
                self.pos += 1;
                let up = s.to_ascii_uppercase();
                let func = match up.as_str() {
                    "LOW" => Some("LOW"),
                    "HIGH" => Some("HIGH"),
                    _ => None,
                };
                if let (Some(f), Some(Tok::Punct("("))) = (func, self.peek().map(|t| &t.tok)) {
                    self.pos += 1;
                    let e = self.expr()?;
                    self.close()?;
                    return Ok(Expr::Func(f, Box::new(e)));
                }
                Ok(Expr::Sym(s.clone(), t.col))
            }
            Tok::Punct("(") => {
                self.pos += 1;
                let e = self.expr()?;
                self.close()?;
                Ok(e)
            }
            _ => self.err("an expression"),
        }
    }

    fn close(&mut self) -> Result<(), ParseError> {
        match self.peek().map(|t| &t.tok) {
            Some(Tok::Punct(")")) => {
                self.pos += 1;
                Ok(())
            }
            _ => self.err("`)`"),
        }
    }
}

/// What evaluation needs from the assembler.
pub(crate) trait Env {
    /// Value of the current statement's address.
    fn pc(&self) -> i64;
    /// Looks a symbol up; `None` when undefined (so far).
    fn lookup(&mut self, name: &str) -> Option<i64>;
}

/// Evaluation failure: column and message. `undefined` marks a symbol that
/// may be defined later (forward reference).
#[derive(Debug, Clone)]
pub(crate) struct EvalError {
    pub col: usize,
    pub msg: String,
}

/// Evaluates `e`. Undefined symbols evaluate to 0 and are reported in the
/// returned error list alongside the value.
pub(crate) fn eval(e: &Expr, env: &mut dyn Env, errs: &mut Vec<EvalError>) -> i64 {
    match e {
        Expr::Num(v) => *v,
        Expr::Pc => env.pc(),
        Expr::Sym(s, col) => match env.lookup(s) {
            Some(v) => v,
            None => {
                errs.push(EvalError {
                    col: *col,
                    msg: format!("undefined symbol `{s}`"),
                });
                0
            }
        },
        Expr::Func(f, a) => {
            let v = eval(a, env, errs);
            if *f == "LOW" {
                v & 0xFF
            } else {
                (v >> 8) & 0xFF
            }
        }
        Expr::Unary(op, a) => {
            let v = eval(a, env, errs);
            match *op {
                "-" => v.wrapping_neg(),
                "~" => !v,
                "!" => (v == 0) as i64,
                _ => v,
            }
        }
        Expr::Binary(op, a, b, col) => {
            let x = eval(a, env, errs);
            let y = eval(b, env, errs);
            match *op {
                "+" => x.wrapping_add(y),
                "-" => x.wrapping_sub(y),
                "*" => x.wrapping_mul(y),
                "/" | "%" => {
                    if y == 0 {
                        errs.push(EvalError {
                            col: *col,
                            msg: "division by zero".into(),
                        });
                        0
                    } else if *op == "/" {
                        x.wrapping_div(y)
                    } else {
                        x.wrapping_rem(y)
                    }
                }
                "&" => x & y,
                "|" => x | y,
                "^" => x ^ y,
                "<<" if (0..64).contains(&y) => x.wrapping_shl(y as u32),
                "<<" => 0,
                ">>" => {
                    if (0..64).contains(&y) {
                        x >> y
                    } else if x < 0 {
                        -1
                    } else {
                        0
                    }
                }
                "&&" => (x != 0 && y != 0) as i64,
                "||" => (x != 0 || y != 0) as i64,
                "=" | "==" => (x == y) as i64,
                "!=" | "<>" => (x != y) as i64,
                "<" => (x < y) as i64,
                ">" => (x > y) as i64,
                "<=" => (x <= y) as i64,
                ">=" => (x >= y) as i64,
                _ => 0,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexer::lex;

    struct E;
    impl Env for E {
        fn pc(&self) -> i64 {
            0x4000
        }
        fn lookup(&mut self, name: &str) -> Option<i64> {
            (name == "X").then_some(10)
        }
    }

    fn ev(s: &str) -> i64 {
        let t = lex(s).unwrap();
        let e = Parser::parse_all(&t, 99).unwrap();
        let mut errs = vec![];
        let v = eval(&e, &mut E, &mut errs);
        assert!(errs.is_empty(), "{s}: {errs:?}");
        v
    }

    #[test]
    fn precedence_and_operators() {
        assert_eq!(ev("1+2*3"), 7);
        assert_eq!(ev("(1+2)*3"), 9);
        assert_eq!(ev("-X+1"), -9);
        assert_eq!(ev("~0 & 0FFH"), 255);
        assert_eq!(ev("1 << 4 | 1"), 17);
        assert_eq!(ev("17 % 5 ^ 1"), 3);
        assert_eq!(ev("$ + 3"), 0x4003);
        assert_eq!(ev("'A' + 80H"), 0xC1);
        assert_eq!(ev("HIGH(1234H) + LOW(1234H)"), 0x46);
        assert_eq!(ev("X = 10 && X < 11"), 1);
        assert_eq!(ev("100 / 7 - 40H >> 1"), (14 - 64) >> 1);
    }

    #[test]
    fn errors() {
        let t = lex("1 + * 2").unwrap();
        let e = Parser::parse_all(&t, 8).unwrap_err();
        assert_eq!(e.col, 5);
        let t = lex("Y / 0").unwrap();
        let e = Parser::parse_all(&t, 6).unwrap();
        let mut errs = vec![];
        eval(&e, &mut E, &mut errs);
        assert_eq!(errs.len(), 2);
        assert!(errs[0].msg.contains("undefined"));
    }
}
