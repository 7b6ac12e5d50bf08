//! The serial line between the RS-232-C board ([`crate::devices::rs232`]) and what is plugged into it.
//!
//! The line carries character frames with their exact timing ([`Frame`]: start tick, bit rate,
//! format, data), break conditions, and the modem control lines (RTS/DTR from the computer;
//! CTS/DSR/CD/RI from the device). All times are T-states of the Model I clock
//! (1,774,080 per second), so a run is deterministic whatever the host does.
//!
//! Ends provided here (anything else implements [`SerialEnd`]):
//!
//! | end | data | modem lines seen by the computer |
//! | --- | --- | --- |
//! | [`Unplugged`] | nothing; RXD idle (mark) | all false |
//! | [`Loopback`] | TXD wired to RXD (a test plug): frames come back at the sender's rate and are sampled at the receiver's | CTS ← RTS, DSR and CD ← DTR, RI false |
//! | [`TerminetEnd`] | the GE TermiNet 300 model ([`terminet`]) on TXD; it sends nothing back | CTS, DSR, CD = printer on line |
//! | [`HostEnd`] over a [`ByteLink`] | bytes to and from a host file, pty, tty or socket; received bytes are framed at the board's receive setting and paced at its bit rate | from the link (true when it cannot tell) |
//! | [`FileLink`] | a [`ByteLink`] writing transmitted bytes to any `std::io::Write` (a file) | all true |
//!
//! Not modelled: the electrical level of the lines, cable lengths, and ring/carrier timing.

use std::any::Any;
use std::collections::VecDeque;
use std::io::Write;

use crate::formats::state::{self, Reader, StateError, Writer};

pub use terminet::line::{Format, Frame, Parity, Rate};

/// Modem control lines driven by the computer (the board's outputs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ModemOut {
    /// Data Terminal Ready.
    pub dtr: bool,
    /// Request To Send.
    pub rts: bool,
}

/// Modem status lines driven by the device, as the board reads them (true = asserted).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ModemIn {
    /// Clear To Send.
    pub cts: bool,
    /// Data Set Ready.
    pub dsr: bool,
    /// Carrier Detect.
    pub cd: bool,
    /// Ring Indicator.
    pub ri: bool,
}

impl ModemIn {
    /// CTS, DSR and CD asserted, RI not: a device that is simply ready.
    pub const READY: ModemIn = ModemIn {
        cts: true,
        dsr: true,
        cd: true,
        ri: false,
    };
}

/// Something the device puts on the board's receive line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineEvent {
    /// A character frame.
    Frame(Frame),
    /// The line is held at space from `t` (`on`), or released at `t`.
    Break {
        /// Tick of the change.
        t: u64,
        /// Break on or off.
        on: bool,
    },
}

/// How the board's receiver is set: ends that deliver plain bytes frame them like this.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RxSetting {
    /// Receive bit rate.
    pub rate: Rate,
    /// Receive character format.
    pub format: Format,
}

/// What is plugged into the board's DB-25 connector.
pub trait SerialEnd: Send {
    /// The board starts sending `frame` (its start bit begins at `frame.start`).
    /// Frames come in time order and do not overlap.
    fn transmit(&mut self, frame: &Frame);

    /// The board holds its TXD at space from `t` (`on`) or releases it.
    fn set_break(&mut self, t: u64, on: bool) {
        let _ = (t, on);
    }

    /// The board's DTR/RTS outputs change at `t`.
    fn set_modem_out(&mut self, t: u64, lines: ModemOut) {
        let _ = (t, lines);
    }

    /// The device's modem lines at `t`.
    fn modem_in(&mut self, t: u64) -> ModemIn;

    /// The next thing the device puts on the receive line at or before `t`, if any
    /// (called repeatedly until `None`). `rx` is the board's current receive setting.
    fn receive(&mut self, t: u64, rx: RxSetting) -> Option<LineEvent> {
        let _ = (t, rx);
        None
    }

    /// Brings the device up to `t` (a printer acts on what it has received).
    fn advance(&mut self, t: u64) {
        let _ = t;
    }

    /// A problem to tell the user about, once (e.g. the host peer went away). The emulated
    /// line just goes quiet; the run goes on.
    fn take_error(&mut self) -> Option<String> {
        None
    }

    /// What this is, for messages and save states ("nothing", "a TermiNet printer"…). A
    /// state saved with one kind of end loads only where the same kind is plugged in.
    fn kind(&self) -> &'static str {
        "a serial device"
    }

    /// Save states: what the end keeps of its own (a printer's paper, characters on the
    /// wire). Nothing by default.
    fn save_state(&self, w: &mut Writer) {
        let _ = w;
    }

    /// Reads and checks what [`SerialEnd::save_state`] wrote, changing nothing yet (the
    /// running machine is only touched once the whole state has been read).
    fn read_state(&self, r: &mut Reader<'_>) -> state::Result<EndState> {
        let _ = r;
        Ok(EndState(Box::new(())))
    }

    /// Puts a state [`SerialEnd::read_state`] returned into this end.
    fn apply_state(&mut self, s: EndState) {
        let _ = s;
    }

    /// What a save state cannot restore of this end, said once when a state is loaded.
    fn state_note(&self) -> Option<&'static str> {
        None
    }

    /// For reaching the concrete end (e.g. the printer, to save its pages).
    fn as_any(&self) -> &dyn Any;

    /// Mutable form of [`SerialEnd::as_any`].
    fn as_any_mut(&mut self) -> &mut dyn Any;
}

/// Nothing plugged in.
#[derive(Debug, Default, Clone, Copy)]
pub struct Unplugged;

impl SerialEnd for Unplugged {
    fn kind(&self) -> &'static str {
        "nothing"
    }
    fn transmit(&mut self, _frame: &Frame) {}
    fn modem_in(&mut self, _t: u64) -> ModemIn {
        ModemIn::default()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

/// An end's own part of a save state, read and checked ([`SerialEnd::read_state`]) but not
/// yet put in ([`SerialEnd::apply_state`]).
pub struct EndState(Box<dyn Any + Send>);

fn save_frame(w: &mut Writer, f: &Frame) {
    w.u64(f.start);
    w.u64(f.rate.clock_hz);
    w.u32(f.rate.baud_x10);
    w.u8(f.format.data_bits);
    w.u8(f.format.parity as u8);
    w.u8(f.format.stop_bits);
    w.u8(f.data);
}

fn read_frame(r: &mut Reader<'_>) -> state::Result<Frame> {
    let start = r.t("frame start")?;
    let clock_hz = r.u64("frame clock")?;
    let baud_x10 = r.u32("frame rate")?;
    if clock_hz > 1 << 40 || baud_x10 == 0 || u64::from(baud_x10) > clock_hz {
        return Err(r.invalid(12, "frame clock or rate"));
    }
    let data_bits = r.u8("frame data bits")?;
    let parity = [Parity::None, Parity::Even, Parity::Odd][r.tag(3, "frame parity")? as usize];
    let stop_bits = r.u8("frame stop bits")?;
    if !(5..=8).contains(&data_bits) || !(1..=2).contains(&stop_bits) {
        return Err(r.invalid(3, "frame data bits (5-8) or stop bits (1-2)"));
    }
    Ok(Frame {
        start,
        rate: Rate { clock_hz, baud_x10 },
        format: Format {
            data_bits,
            parity,
            stop_bits,
        },
        data: r.u8("frame data")?,
    })
}

/// A count of items of at least `min` bytes each, checked against the bytes left.
fn count(r: &mut Reader<'_>, min: usize, what: &'static str) -> state::Result<usize> {
    let n = r.u32(what)? as usize;
    if n > r.remaining() / min {
        return Err(r.invalid(4, what));
    }
    Ok(n)
}

/// A loopback plug: TXD → RXD, RTS → CTS, DTR → DSR and CD.
#[derive(Debug, Default, Clone)]
pub struct Loopback {
    queue: VecDeque<LineEvent>,
    lines: ModemOut,
}

impl Loopback {
    /// A loopback plug.
    pub fn new() -> Loopback {
        Loopback::default()
    }
}

impl SerialEnd for Loopback {
    fn kind(&self) -> &'static str {
        "a loopback plug"
    }
    fn transmit(&mut self, frame: &Frame) {
        self.queue.push_back(LineEvent::Frame(*frame));
    }
    fn set_break(&mut self, t: u64, on: bool) {
        self.queue.push_back(LineEvent::Break { t, on });
    }
    fn set_modem_out(&mut self, _t: u64, lines: ModemOut) {
        self.lines = lines;
    }
    fn modem_in(&mut self, _t: u64) -> ModemIn {
        ModemIn {
            cts: self.lines.rts,
            dsr: self.lines.dtr,
            cd: self.lines.dtr,
            ri: false,
        }
    }
    fn receive(&mut self, t: u64, _rx: RxSetting) -> Option<LineEvent> {
        let start = match self.queue.front()? {
            LineEvent::Frame(f) => f.start,
            LineEvent::Break { t, .. } => *t,
        };
        if start <= t {
            self.queue.pop_front()
        } else {
            None
        }
    }
    /// The frames and breaks on their way back (a character in flight) and DTR/RTS.
    fn save_state(&self, w: &mut Writer) {
        w.u32(self.queue.len() as u32);
        for e in &self.queue {
            match e {
                LineEvent::Frame(f) => {
                    w.u8(0);
                    save_frame(w, f);
                }
                LineEvent::Break { t, on } => {
                    w.u8(1);
                    w.u64(*t);
                    w.bool(*on);
                }
            }
        }
        w.bool(self.lines.dtr);
        w.bool(self.lines.rts);
    }
    fn read_state(&self, r: &mut Reader<'_>) -> state::Result<EndState> {
        let mut queue = VecDeque::new();
        for _ in 0..count(r, 10, "loopback queue length")? {
            queue.push_back(match r.tag(2, "loopback event")? {
                0 => LineEvent::Frame(read_frame(r)?),
                _ => LineEvent::Break {
                    t: r.t("loopback break time")?,
                    on: r.bool("loopback break")?,
                },
            });
        }
        let lines = ModemOut {
            dtr: r.bool("loopback DTR")?,
            rts: r.bool("loopback RTS")?,
        };
        Ok(EndState(Box::new(Loopback { queue, lines })))
    }
    fn apply_state(&mut self, s: EndState) {
        if let Ok(l) = s.0.downcast::<Loopback>() {
            *self = *l;
        }
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

/// The GE TermiNet 300 printer on the line.
#[derive(Debug, Clone)]
pub struct TerminetEnd {
    /// The printer.
    pub printer: terminet::Terminet,
}

impl TerminetEnd {
    /// A TermiNet with the given settings.
    pub fn new(cfg: terminet::Config) -> TerminetEnd {
        TerminetEnd {
            printer: terminet::Terminet::new(cfg),
        }
    }
}

impl SerialEnd for TerminetEnd {
    fn kind(&self) -> &'static str {
        "a TermiNet printer"
    }
    fn transmit(&mut self, frame: &Frame) {
        self.printer.receive_frame(frame);
    }
    fn set_break(&mut self, t: u64, on: bool) {
        self.printer.set_break(t, on);
    }
    fn modem_in(&mut self, _t: u64) -> ModemIn {
        let on = self.printer.online();
        ModemIn {
            cts: on,
            dsr: on,
            cd: on,
            ri: false,
        }
    }
    fn advance(&mut self, t: u64) {
        self.printer.advance(t);
    }
    /// The whole printer: the paper so far, the mechanism's timing, the line.
    fn save_state(&self, w: &mut Writer) {
        w.bytes(&terminet::state::save(&self.printer));
    }
    fn read_state(&self, r: &mut Reader<'_>) -> state::Result<EndState> {
        let at = r.offset() + 4;
        let bytes = r.bytes(usize::MAX, "TermiNet state")?;
        let printer = terminet::state::load(self.printer.config(), bytes).map_err(|e| {
            StateError::Invalid {
                offset: at + e.offset,
                what: e.what,
            }
        })?;
        Ok(EndState(Box::new(printer)))
    }
    fn apply_state(&mut self, s: EndState) {
        if let Ok(p) = s.0.downcast::<terminet::Terminet>() {
            self.printer = *p;
        }
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

/// A plain byte pipe to the host (file, pty, tty, socket). Calls must not block.
pub trait ByteLink: Send {
    /// Sends one byte (data bits only).
    fn send(&mut self, byte: u8);
    /// A byte from the host if one is ready now.
    fn poll_recv(&mut self) -> Option<u8>;
    /// The host side's modem lines (default: ready).
    fn modem_in(&mut self) -> ModemIn {
        ModemIn::READY
    }
    /// Passes DTR/RTS to the host side if it can.
    fn set_modem_out(&mut self, lines: ModemOut) {
        let _ = lines;
    }
    /// A problem to report once.
    fn take_error(&mut self) -> Option<String> {
        None
    }
}

/// A [`SerialEnd`] over a host [`ByteLink`]: sends each transmitted character's data bits,
/// and frames received bytes at the board's receive setting, one after another at its bit rate
/// (a byte counts as arrived when the board first looks at the line after the host delivered
/// it).
pub struct HostEnd<L: ByteLink> {
    /// The host link.
    pub link: L,
    pending: VecDeque<(u8, u64)>,
    line_free: u64,
}

impl<L: ByteLink> HostEnd<L> {
    /// An end over `link`.
    pub fn new(link: L) -> HostEnd<L> {
        HostEnd {
            link,
            pending: VecDeque::new(),
            line_free: 0,
        }
    }
}

impl<L: ByteLink + 'static> SerialEnd for HostEnd<L> {
    fn kind(&self) -> &'static str {
        "a host serial link"
    }
    fn transmit(&mut self, frame: &Frame) {
        self.link.send(frame.data & frame.format.data_mask());
    }
    fn set_modem_out(&mut self, _t: u64, lines: ModemOut) {
        self.link.set_modem_out(lines);
    }
    fn modem_in(&mut self, _t: u64) -> ModemIn {
        self.link.modem_in()
    }
    fn receive(&mut self, t: u64, rx: RxSetting) -> Option<LineEvent> {
        while self.pending.len() < 64 {
            match self.link.poll_recv() {
                Some(b) => self.pending.push_back((b, t)),
                None => break,
            }
        }
        let &(data, arrived) = self.pending.front()?;
        let start = self.line_free.max(arrived);
        if start > t {
            return None;
        }
        self.pending.pop_front();
        let f = Frame {
            start,
            rate: rx.rate,
            format: rx.format,
            data,
        };
        self.line_free = f.end();
        Some(LineEvent::Frame(f))
    }
    fn take_error(&mut self) -> Option<String> {
        self.link.take_error()
    }
    /// The bytes the host already sent that have not reached the board's line yet.
    fn save_state(&self, w: &mut Writer) {
        w.u32(self.pending.len() as u32);
        for &(b, t) in &self.pending {
            w.u8(b);
            w.u64(t);
        }
        w.u64(self.line_free);
    }
    fn read_state(&self, r: &mut Reader<'_>) -> state::Result<EndState> {
        let mut pending = VecDeque::new();
        for _ in 0..count(r, 9, "host bytes waiting")? {
            pending.push_back((r.u8("host byte")?, r.t("host byte time")?));
        }
        let line_free = r.t("host line free")?;
        Ok(EndState(Box::new((pending, line_free))))
    }
    fn apply_state(&mut self, s: EndState) {
        if let Ok(p) = s.0.downcast::<(VecDeque<(u8, u64)>, u64)>() {
            (self.pending, self.line_free) = *p;
        }
    }
    fn state_note(&self) -> Option<&'static str> {
        Some(
            "the host end of the serial link (file, pty, tty or TCP peer) is not rewound: \
             what it was sent stays sent, and it is not asked to send again",
        )
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

/// A [`ByteLink`] that writes what the computer sends to a writer (e.g. a file) and never
/// sends anything back. A write error is reported once; later bytes are dropped.
pub struct FileLink<W: Write + Send> {
    out: W,
    error: Option<String>,
    failed: bool,
}

impl<W: Write + Send> FileLink<W> {
    /// A link writing to `out`.
    pub fn new(out: W) -> FileLink<W> {
        FileLink {
            out,
            error: None,
            failed: false,
        }
    }

    /// The writer.
    pub fn get_ref(&self) -> &W {
        &self.out
    }
}

impl<W: Write + Send> ByteLink for FileLink<W> {
    fn send(&mut self, byte: u8) {
        if self.failed {
            return;
        }
        if let Err(e) = self.out.write_all(&[byte]).and_then(|_| self.out.flush()) {
            self.failed = true;
            self.error = Some(format!(
                "serial output file: {e}; further output is dropped"
            ));
        }
    }
    fn poll_recv(&mut self) -> Option<u8> {
        None
    }
    fn take_error(&mut self) -> Option<String> {
        self.error.take()
    }
}
