//! Save states of the printer and of a line receiver: the whole model as bytes and back.
//!
//! The bytes are little-endian: booleans one byte, counts four, ticks eight. [`save`] and
//! [`load`] keep a [`Terminet`] (the paper printed so far with every strike and its colour,
//! the print position, the timing of the mechanism, the counters, and the character frames
//! still on its receive line); [`save_receiver`] and [`load_receiver`] keep one
//! [`Receiver`] (a UART's line and sampling position). Every count is checked against the
//! bytes left before anything is allocated, and every index against the printer's size, so
//! damaged bytes give an [`Error`], never a panic.

use std::collections::VecDeque;
use std::fmt;

use crate::line::{Format, Parity, Rate, Receiver, Waveform};
use crate::{Config, Page, Stats, Strike, Terminet};

/// Damaged state bytes: where, and which field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Error {
    /// Offset in the bytes given to the loader.
    pub offset: usize,
    /// The field and what it must be.
    pub what: &'static str,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "printer state damaged at byte {}: {}",
            self.offset, self.what
        )
    }
}

impl std::error::Error for Error {}

type Result<T> = std::result::Result<T, Error>;

/// The largest tick a state may hold (about 82,000 years at the Model I's clock); a break
/// still on is stored as `u64::MAX`.
pub const MAX_TICK: u64 = 1 << 62;

#[derive(Default)]
struct Out(Vec<u8>);

impl Out {
    fn u8(&mut self, v: u8) {
        self.0.push(v);
    }
    fn u32(&mut self, v: usize) {
        self.0.extend_from_slice(&(v as u32).to_le_bytes());
    }
    fn u64(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn opt(&mut self, v: Option<u64>) {
        self.u8(u8::from(v.is_some()));
        self.u64(v.unwrap_or(0));
    }
}

struct In<'a> {
    buf: &'a [u8],
    at: usize,
}

impl In<'_> {
    fn err(&self, what: &'static str) -> Error {
        Error {
            offset: self.at,
            what,
        }
    }
    fn take(&mut self, n: usize, what: &'static str) -> Result<&[u8]> {
        if self.buf.len() - self.at < n {
            return Err(self.err(what));
        }
        self.at += n;
        Ok(&self.buf[self.at - n..self.at])
    }
    fn u8(&mut self, what: &'static str) -> Result<u8> {
        Ok(self.take(1, what)?[0])
    }
    fn bool(&mut self, what: &'static str) -> Result<bool> {
        match self.u8(what)? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(Error {
                offset: self.at - 1,
                what,
            }),
        }
    }
    fn u64(&mut self, what: &'static str) -> Result<u64> {
        Ok(u64::from_le_bytes(
            self.take(8, what)?.try_into().expect("8"),
        ))
    }
    /// A tick: at most [`MAX_TICK`], so later sums cannot overflow.
    fn tick(&mut self, what: &'static str) -> Result<u64> {
        let t = self.u64(what)?;
        if t > MAX_TICK {
            return Err(Error {
                offset: self.at - 8,
                what,
            });
        }
        Ok(t)
    }
    fn opt(&mut self, what: &'static str) -> Result<Option<u64>> {
        let some = self.bool(what)?;
        let v = self.tick(what)?;
        Ok(some.then_some(v))
    }
    /// A count of items that each take at least `min` bytes.
    fn count(&mut self, min: usize, what: &'static str) -> Result<usize> {
        let n = u32::from_le_bytes(self.take(4, what)?.try_into().expect("4")) as usize;
        if n > (self.buf.len() - self.at) / min.max(1) {
            return Err(Error {
                offset: self.at - 4,
                what,
            });
        }
        Ok(n)
    }
}

/// A line receiver as bytes (append to `out`).
pub fn save_receiver(rx: &Receiver, out: &mut Vec<u8>) {
    let mut o = Out(std::mem::take(out));
    put_receiver(rx, &mut o);
    *out = o.0;
}

/// A receiver from [`save_receiver`]'s bytes (all of them).
pub fn load_receiver(bytes: &[u8]) -> Result<Receiver> {
    let mut i = In { buf: bytes, at: 0 };
    let rx = get_receiver(&mut i)?;
    end(&i)?;
    Ok(rx)
}

fn end(i: &In<'_>) -> Result<()> {
    if i.at != i.buf.len() {
        return Err(i.err("bytes after the end"));
    }
    Ok(())
}

fn put_receiver(rx: &Receiver, o: &mut Out) {
    o.u32(rx.line.edges.len());
    for &(t, level) in &rx.line.edges {
        o.u64(t);
        o.u8(u8::from(level));
    }
    o.u32(rx.line.breaks.len());
    for &(s, e) in &rx.line.breaks {
        o.u64(s);
        o.u64(e);
    }
    o.u64(rx.rate.clock_hz);
    o.u64(u64::from(rx.rate.baud_x10));
    o.u8(rx.format.data_bits);
    o.u8(rx.format.parity as u8);
    o.u8(rx.format.stop_bits);
    o.u64(rx.search_from);
}

fn get_receiver(i: &mut In<'_>) -> Result<Receiver> {
    let mut edges: VecDeque<(u64, bool)> = VecDeque::new();
    for _ in 0..i.count(9, "line edge count")? {
        let edge = (i.tick("line edge time")?, i.bool("line edge level")?);
        if edges
            .back()
            .is_some_and(|&(t, level)| t >= edge.0 || level == edge.1)
        {
            return Err(i.err("line edges (in time order, alternating)"));
        }
        edges.push_back(edge);
    }
    let mut breaks = VecDeque::new();
    for _ in 0..i.count(16, "line break count")? {
        let start = i.tick("break start")?;
        let end = i.u64("break end")?;
        if end < start
            || (end > MAX_TICK && end != u64::MAX)
            || breaks.back().is_some_and(|&(_, e)| e > start)
        {
            return Err(i.err("break (in time order, not overlapping)"));
        }
        breaks.push_back((start, end));
    }
    let clock_hz = i.u64("receiver clock")?;
    let baud_x10 = i.u64("receiver rate")?;
    // At least ten ticks a bit, so every sample point moves the receiver on.
    if clock_hz > 1 << 40 || baud_x10 == 0 || baud_x10 > clock_hz {
        return Err(i.err("receiver clock or rate"));
    }
    let data_bits = i.u8("data bits")?;
    let parity = match i.u8("parity")? {
        0 => Parity::None,
        1 => Parity::Even,
        2 => Parity::Odd,
        _ => return Err(i.err("parity (0-2)")),
    };
    let stop_bits = i.u8("stop bits")?;
    if !(5..=8).contains(&data_bits) || !(1..=2).contains(&stop_bits) {
        return Err(i.err("data bits (5-8) or stop bits (1-2)"));
    }
    let mut rx = Receiver::new(
        Rate {
            clock_hz,
            baud_x10: baud_x10 as u32,
        },
        Format {
            data_bits,
            parity,
            stop_bits,
        },
    );
    rx.line = Waveform { edges, breaks };
    rx.search_from = i.tick("receiver position")?;
    Ok(rx)
}

/// The printer as bytes.
pub fn save(p: &Terminet) -> Vec<u8> {
    let mut o = Out::default();
    put_receiver(&p.rx, &mut o);
    o.u32(p.pages.len());
    for page in &p.pages {
        o.u32(page.lines.len());
        for row in &page.lines {
            o.u32(row.len());
            for cell in row {
                o.u32(cell.len());
                for s in cell {
                    o.u8(s.code);
                    o.u8(u8::from(s.red));
                }
            }
        }
    }
    o.u32(p.line);
    o.u32(p.col);
    o.u8(u8::from(p.red));
    o.u8(u8::from(p.esc));
    let s = &p.stats;
    for v in [
        s.received,
        s.printed,
        s.lost,
        s.held,
        s.framing_errors,
        s.bells,
    ] {
        o.u64(v);
    }
    o.opt(s.first_print);
    o.opt(s.last_print);
    o.opt(p.last_t);
    o.u64(p.ready_print);
    o.u64(p.ready_lf);
    o.opt(p.line_last_print);
    o.u32(p.lf_run as usize);
    o.u32(p.strike_t.len());
    for &t in &p.strike_t {
        o.opt(t);
    }
    o.0
}

/// A printer with settings `cfg` in the state [`save`] wrote (all of `bytes`). Refused when
/// the bytes are damaged or do not fit the settings (a print position past the width, a
/// line past the form).
pub fn load(cfg: &Config, bytes: &[u8]) -> Result<Terminet> {
    let i = &mut In { buf: bytes, at: 0 };
    let mut p = Terminet::new(cfg.clone());
    let rx = get_receiver(i)?;
    if (rx.rate, rx.format) != (p.rx.rate, p.rx.format) {
        return Err(i.err("receiver rate and format (the printer's speed switch)"));
    }
    p.rx = rx;
    let mut pages = Vec::new();
    for _ in 0..i.count(4, "page count")? {
        let mut page = Page::default();
        for _ in 0..i.count(4, "line count")? {
            let mut row = Vec::new();
            for _ in 0..i.count(4, "column count")? {
                let mut cell = Vec::new();
                for _ in 0..i.count(2, "strike count")? {
                    let code = i.u8("strike code")?;
                    cell.push(Strike {
                        code,
                        red: i.bool("strike colour")?,
                    });
                }
                row.push(cell);
            }
            page.lines.push(row);
        }
        pages.push(page);
    }
    if pages.is_empty() {
        return Err(i.err("page count (at least one)"));
    }
    p.pages = pages;
    p.line = i.count(0, "print line")?;
    p.col = i.count(0, "print column")?;
    let width = usize::from(cfg.width.max(1));
    if p.line >= usize::from(cfg.page_lines.max(1)) || p.col >= width {
        return Err(i.err("print position outside the form"));
    }
    p.red = i.bool("red ribbon")?;
    p.esc = i.bool("after ESC")?;
    let mut counters = [0u64; 6];
    for c in &mut counters {
        *c = i.u64("printer counter")?;
    }
    let [received, printed, lost, held, framing_errors, bells] = counters;
    p.stats = Stats {
        received,
        printed,
        lost,
        held,
        framing_errors,
        bells,
        first_print: i.opt("first print")?,
        last_print: i.opt("last print")?,
    };
    p.last_t = i.opt("last character time")?;
    p.ready_print = i.tick("ready to print")?;
    p.ready_lf = i.tick("ready for line feed")?;
    p.line_last_print = i.opt("last print on the line")?;
    p.lf_run = i.count(0, "line feed run")? as u32;
    if p.lf_run > 1 << 30 {
        return Err(i.err("line feed run"));
    }
    if i.count(9, "hammer count")? != width {
        return Err(i.err("hammer count (the printer's width)"));
    }
    for t in p.strike_t.iter_mut() {
        *t = i.opt("hammer time")?;
    }
    end(i)?;
    Ok(p)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::line::Frame;

    fn printer_with_paper() -> Terminet {
        let cfg = Config::default();
        let mut p = Terminet::new(cfg.clone());
        let rate = Rate::new(cfg.clock_hz, 300);
        let mut t = 1000;
        for &b in b"HELLO\r\nWORLD\x1b3RED" {
            let f = Frame {
                start: t,
                rate,
                format: Format::EIGHT_N1,
                data: b,
            };
            p.receive_frame(&f);
            t = f.end() + 400_000;
        }
        p.advance(t - 600_000); // the last characters are still on the line
        p
    }

    #[test]
    fn round_trip_keeps_paper_position_and_the_line() {
        let p = printer_with_paper();
        let bytes = save(&p);
        let mut q = load(p.config(), &bytes).unwrap();
        assert_eq!(save(&q), bytes);
        let mut p = p;
        p.advance(100_000_000);
        q.advance(100_000_000);
        assert_eq!(p.text(), q.text());
        assert!(
            p.text().contains("HELLO") && p.text().contains("RED"),
            "{}",
            p.text()
        );
        assert_eq!(p.stats(), q.stats());
    }

    #[test]
    fn damaged_bytes_are_refused_without_panic() {
        let p = printer_with_paper();
        let bytes = save(&p);
        for cut in 0..bytes.len() {
            assert!(load(p.config(), &bytes[..cut]).is_err(), "cut at {cut}");
        }
        let mut rng = testkit::Rng::new(21);
        for _ in 0..20_000 {
            let mut b = bytes.clone();
            let at = rng.below(b.len());
            b[at] ^= 1 << rng.below(8);
            if let Ok(mut q) = load(p.config(), &b) {
                q.advance(50_000_000);
                let _ = q.text();
            }
        }
        let narrow = Config {
            width: 4,
            ..Config::default()
        };
        assert!(load(&narrow, &bytes).is_err());
    }
}
