//! An asynchronous serial line (RS-232 data wire) as a sequence of character frames in time,
//! and a receiver that recovers characters by sampling the line the way a UART does.
//!
//! Times are ticks of a clock given by the user (the TRS-80 passes its CPU clock,
//! 1,774,080 T-states a second), so everything here is deterministic.
//!
//! A frame on the wire (mark = 1 = idle, space = 0):
//!
//! | bit | level |
//! | --- | --- |
//! | start | space |
//! | data 0 … data n−1 | least significant bit first, n = 5…8 |
//! | parity (optional) | even: the data bits plus this bit hold an even number of 1s; odd: an odd number |
//! | stop (1 or 2) | mark |
//!
//! Bit edges fall at `start + i × clock_hz / baud`, computed in integers, so a 300-baud frame of
//! ten bits at 1,774,080 Hz lasts exactly 59,136 ticks.
//!
//! The [`Receiver`] waits for a mark-to-space edge, checks the start bit at its middle, samples
//! every following bit at its middle with its *own* rate and format, and reports the character
//! at the middle of the first stop bit. If its rate differs from the sender's it decodes
//! garbage with framing errors, as real hardware does. Not modelled: the 16× sampling clock
//! of real UARTs (edges are found exactly), noise, and 1.5 stop bits.

use std::collections::VecDeque;

/// Parity setting of a character frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Parity {
    /// No parity bit.
    #[default]
    None,
    /// Even parity bit.
    Even,
    /// Odd parity bit.
    Odd,
}

/// Character format: data bits, parity and stop bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Format {
    /// Data bits per character, 5 to 8.
    pub data_bits: u8,
    /// Parity bit.
    pub parity: Parity,
    /// Stop bits, 1 or 2.
    pub stop_bits: u8,
}

impl Format {
    /// 8 data bits, no parity, 1 stop bit.
    pub const EIGHT_N1: Format = Format {
        data_bits: 8,
        parity: Parity::None,
        stop_bits: 1,
    };

    /// Bits in one frame, start and stop bits included.
    pub fn frame_bits(&self) -> u32 {
        1 + u32::from(self.data_bits)
            + u32::from(self.parity != Parity::None)
            + u32::from(self.stop_bits)
    }

    /// The level of the parity bit for `data` (masked to the data bits), if there is one.
    pub fn parity_bit(&self, data: u8) -> Option<bool> {
        let ones = (data & self.data_mask()).count_ones();
        match self.parity {
            Parity::None => None,
            Parity::Even => Some(ones % 2 == 1),
            Parity::Odd => Some(ones % 2 == 0),
        }
    }

    /// Mask of the data bits.
    pub fn data_mask(&self) -> u8 {
        (((1u16) << self.data_bits.clamp(5, 8)) - 1) as u8
    }
}

/// A bit rate in tenths of a baud (134.5 baud is 1345), tied to the tick clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    /// Ticks per second (1,774,080 for the TRS-80 Model I CPU clock).
    pub clock_hz: u64,
    /// Bits per second × 10.
    pub baud_x10: u32,
}

impl Rate {
    /// A whole-number baud rate.
    pub fn new(clock_hz: u64, baud: u32) -> Rate {
        Rate {
            clock_hz,
            baud_x10: baud.max(1) * 10,
        }
    }

    /// Ticks from the start of bit 0 to the start of bit `i` (may be fractional: floor).
    pub fn ticks(&self, i: u64) -> u64 {
        i * self.clock_hz * 10 / u64::from(self.baud_x10.max(1))
    }

    /// Ticks from the start of bit 0 to the middle of bit `i`.
    pub fn mid_ticks(&self, i: u64) -> u64 {
        (2 * i + 1) * self.clock_hz * 10 / (2 * u64::from(self.baud_x10.max(1)))
    }

    /// Bits per second (rounded down).
    pub fn baud(&self) -> u32 {
        self.baud_x10 / 10
    }
}

/// One character frame sent on the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Frame {
    /// Tick at which the start bit begins.
    pub start: u64,
    /// The sender's bit rate.
    pub rate: Rate,
    /// The sender's character format.
    pub format: Format,
    /// The character (bits above the format's data bits are not sent).
    pub data: u8,
}

impl Frame {
    /// Tick at which the last stop bit ends.
    pub fn end(&self) -> u64 {
        self.start + self.rate.ticks(u64::from(self.format.frame_bits()))
    }

    /// The line levels of the frame's bits, start bit first.
    pub fn levels(&self) -> Vec<bool> {
        let mut v = Vec::with_capacity(12);
        v.push(false);
        for i in 0..self.format.data_bits {
            v.push(self.data >> i & 1 == 1);
        }
        if let Some(p) = self.format.parity_bit(self.data) {
            v.push(p);
        }
        v.extend(std::iter::repeat_n(
            true,
            usize::from(self.format.stop_bits),
        ));
        v
    }
}

/// The level of a line over time, built from frames and break conditions.
///
/// Frames must be added in time order and must not overlap (one sender per wire).
/// A break holds the line at space regardless of frames.
#[derive(Debug, Default, Clone)]
pub struct Waveform {
    /// Level changes caused by frames: (tick, level from then on). Idle level is mark.
    pub(crate) edges: VecDeque<(u64, bool)>,
    /// Break intervals: (start, end); `u64::MAX` while the break is still on.
    pub(crate) breaks: VecDeque<(u64, u64)>,
}

impl Waveform {
    /// An idle line (mark).
    pub fn new() -> Waveform {
        Waveform::default()
    }

    /// Adds a frame sent on the line.
    pub fn push_frame(&mut self, f: &Frame) {
        let levels = f.levels();
        let mut prev = self.frame_level_at_end();
        for (i, &lvl) in levels.iter().enumerate() {
            if lvl != prev {
                self.edges
                    .push_back((f.start + f.rate.ticks(i as u64), lvl));
                prev = lvl;
            }
        }
    }

    fn frame_level_at_end(&self) -> bool {
        self.edges.back().map(|e| e.1).unwrap_or(true)
    }

    /// Starts (`on`) or ends a break condition at tick `t`.
    pub fn set_break(&mut self, t: u64, on: bool) {
        match (on, self.breaks.back_mut()) {
            (true, Some(&mut (_, u64::MAX))) => {}
            (true, _) => self.breaks.push_back((t, u64::MAX)),
            (false, Some(last)) if last.1 == u64::MAX => last.1 = t.max(last.0),
            (false, _) => {}
        }
    }

    fn frame_level(&self, t: u64) -> bool {
        // Last edge at or before t.
        let mut lvl = true;
        for &(et, l) in &self.edges {
            if et > t {
                break;
            }
            lvl = l;
        }
        lvl
    }

    fn in_break(&self, t: u64) -> bool {
        self.breaks.iter().any(|&(s, e)| s <= t && t < e)
    }

    /// The line level at tick `t` (true = mark).
    pub fn level(&self, t: u64) -> bool {
        self.frame_level(t) && !self.in_break(t)
    }

    /// The first tick ≥ `from` at which the line goes from mark to space, if known yet.
    pub fn next_falling_edge(&self, from: u64) -> Option<u64> {
        let mut cands: Vec<u64> = self
            .edges
            .iter()
            .map(|e| e.0)
            .chain(self.breaks.iter().map(|b| b.0))
            .chain(self.breaks.iter().map(|b| b.1).filter(|&e| e != u64::MAX))
            .filter(|&t| t >= from)
            .collect();
        cands.sort_unstable();
        cands.dedup();
        // The line may already be at space at `from` (e.g. a break): that is not an edge.
        for t in cands {
            let before = if t == 0 { true } else { self.level(t - 1) };
            if before && !self.level(t) {
                return Some(t);
            }
        }
        None
    }

    /// Forgets everything that ended before tick `t`.
    pub fn trim_before(&mut self, t: u64) {
        while self.edges.len() > 1 && self.edges[1].0 < t {
            self.edges.pop_front();
        }
        while self
            .breaks
            .front()
            .is_some_and(|b| b.1 != u64::MAX && b.1 < t)
        {
            self.breaks.pop_front();
        }
    }
}

/// A character recovered by a [`Receiver`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Received {
    /// The data bits as sampled (upper bits 0).
    pub data: u8,
    /// Tick of the middle of the first stop bit, when the character is complete.
    pub t: u64,
    /// The stop bit was sampled as space.
    pub framing_error: bool,
    /// The parity bit did not match (false when the format has no parity).
    pub parity_error: bool,
}

/// A UART receiver sampling a [`Waveform`] at its own rate and format.
#[derive(Debug, Clone)]
pub struct Receiver {
    /// The line being received.
    pub line: Waveform,
    pub(crate) rate: Rate,
    pub(crate) format: Format,
    /// No start bit is looked for before this tick.
    pub(crate) search_from: u64,
}

impl Receiver {
    /// A receiver with the given rate and format on an idle line.
    pub fn new(rate: Rate, format: Format) -> Receiver {
        Receiver {
            line: Waveform::new(),
            rate,
            format,
            search_from: 0,
        }
    }

    /// Changes rate and format (takes effect for the next start bit).
    pub fn configure(&mut self, rate: Rate, format: Format) {
        self.rate = rate;
        self.format = format;
    }

    /// The receiver's rate.
    pub fn rate(&self) -> Rate {
        self.rate
    }

    /// The receiver's format.
    pub fn format(&self) -> Format {
        self.format
    }

    /// Ignores anything on the line before tick `t` (e.g. after a reset).
    pub fn resync(&mut self, t: u64) {
        self.search_from = self.search_from.max(t);
    }

    /// Decodes the next character complete at or before tick `t`, if any.
    ///
    /// Call repeatedly until `None`; the line must hold every frame that starts before `t`.
    pub fn poll(&mut self, t: u64) -> Option<Received> {
        loop {
            let edge = self.line.next_falling_edge(self.search_from)?;
            if edge > t {
                return None;
            }
            // Start bit checked at its middle.
            let mid_start = edge + self.rate.mid_ticks(0);
            if mid_start > t {
                return None;
            }
            if self.line.level(mid_start) {
                // A glitch, not a start bit.
                self.search_from = edge + 1;
                continue;
            }
            let nd = u64::from(self.format.data_bits);
            let has_par = self.format.parity != Parity::None;
            let stop_index = 1 + nd + u64::from(has_par);
            let stop_t = edge + self.rate.mid_ticks(stop_index);
            if stop_t > t {
                return None;
            }
            let mut data = 0u8;
            for i in 0..nd {
                if self.line.level(edge + self.rate.mid_ticks(1 + i)) {
                    data |= 1 << i;
                }
            }
            let parity_error = match self.format.parity_bit(data) {
                Some(p) => self.line.level(edge + self.rate.mid_ticks(1 + nd)) != p,
                None => false,
            };
            let framing_error = !self.line.level(stop_t);
            self.search_from = stop_t;
            self.line.trim_before(stop_t);
            return Some(Received {
                data,
                t: stop_t,
                framing_error,
                parity_error,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HZ: u64 = 1_774_080;

    fn send(rx: &mut Receiver, start: u64, baud: u32, fmt: Format, bytes: &[u8]) -> u64 {
        let mut t = start;
        for &b in bytes {
            let f = Frame {
                start: t,
                rate: Rate::new(HZ, baud),
                format: fmt,
                data: b,
            };
            rx.line.push_frame(&f);
            t = f.end();
        }
        t
    }

    #[test]
    fn frame_300_8n1_is_59136_ticks() {
        let f = Frame {
            start: 100,
            rate: Rate::new(HZ, 300),
            format: Format::EIGHT_N1,
            data: 0x41,
        };
        assert_eq!(f.end() - f.start, 59_136);
        let f7e2 = Frame {
            format: Format {
                data_bits: 7,
                parity: Parity::Even,
                stop_bits: 2,
            },
            rate: Rate::new(HZ, 110),
            ..f
        };
        assert_eq!(f7e2.end() - f7e2.start, 177_408);
    }

    #[test]
    fn matched_receiver_decodes_at_mid_stop_bit() {
        let fmt = Format {
            data_bits: 7,
            parity: Parity::Even,
            stop_bits: 1,
        };
        let mut rx = Receiver::new(Rate::new(HZ, 300), fmt);
        send(&mut rx, 1000, 300, fmt, b"HI\x7f");
        let a = rx.poll(u64::MAX).unwrap();
        assert_eq!(
            (a.data, a.framing_error, a.parity_error),
            (b'H', false, false)
        );
        // Mid of bit 9 = 9.5 × 5913.6 = 56179.2 → 56179.
        assert_eq!(a.t, 1000 + 56_179);
        assert_eq!(rx.poll(u64::MAX).unwrap().data, b'I');
        assert_eq!(rx.poll(u64::MAX).unwrap().data, 0x7f);
        assert_eq!(rx.poll(u64::MAX), None);
    }

    #[test]
    fn not_complete_before_its_time() {
        let mut rx = Receiver::new(Rate::new(HZ, 300), Format::EIGHT_N1);
        send(&mut rx, 0, 300, Format::EIGHT_N1, b"A");
        assert_eq!(rx.poll(56_178), None);
        assert_eq!(rx.poll(56_179).unwrap().data, b'A');
    }

    #[test]
    fn parity_error_detected() {
        let sent = Format {
            data_bits: 7,
            parity: Parity::Odd,
            stop_bits: 1,
        };
        let want = Format {
            data_bits: 7,
            parity: Parity::Even,
            stop_bits: 1,
        };
        let mut rx = Receiver::new(Rate::new(HZ, 300), want);
        send(&mut rx, 0, 300, sent, b"A");
        let r = rx.poll(u64::MAX).unwrap();
        assert_eq!(r.data, b'A');
        assert!(r.parity_error);
        assert!(!r.framing_error);
    }

    #[test]
    fn rate_mismatch_gives_garbage_and_framing_errors() {
        let mut rx = Receiver::new(Rate::new(HZ, 110), Format::EIGHT_N1);
        let text = b"HELLO, WORLD";
        send(&mut rx, 0, 300, Format::EIGHT_N1, text);
        let mut got = Vec::new();
        let mut fe = 0;
        while let Some(r) = rx.poll(u64::MAX) {
            got.push(r.data);
            fe += usize::from(r.framing_error);
        }
        assert_ne!(got, text.to_vec());
        assert!(got.len() < text.len());
        assert!(fe > 0, "{got:?}");
    }

    #[test]
    fn back_to_back_frames_after_a_partial_poll() {
        let r = Rate::new(HZ, 300);
        let mut rx = Receiver::new(r, Format::EIGHT_N1);
        let a = Frame {
            start: 1399,
            rate: r,
            format: Format::EIGHT_N1,
            data: b'A',
        };
        rx.line.push_frame(&a);
        assert_eq!(rx.poll(1399 + 56_179).unwrap().data, b'A');
        let b = Frame {
            start: a.end(),
            ..a
        };
        rx.line.push_frame(&Frame { data: b'B', ..b });
        let y = rx.poll(u64::MAX).unwrap();
        assert_eq!((y.data, y.t), (b'B', a.end() + 56_179));
    }

    #[test]
    fn break_reads_as_null_with_framing_error() {
        let mut rx = Receiver::new(Rate::new(HZ, 300), Format::EIGHT_N1);
        rx.line.set_break(500, true);
        rx.line.set_break(500 + 200_000, false);
        let r = rx.poll(u64::MAX).unwrap();
        assert_eq!((r.data, r.framing_error), (0, true));
        // The line stays at space: no new start bit until it returns to mark.
        assert_eq!(rx.poll(u64::MAX), None);
        send(&mut rx, 300_000, 300, Format::EIGHT_N1, b"Z");
        assert_eq!(rx.poll(u64::MAX).unwrap().data, b'Z');
    }
}
