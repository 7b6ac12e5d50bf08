//! The Radio Shack TRS-80 RS-232-C Interface (cat. 26-1145) for the Model I: an
//! AY-3-1015-class UART with a BR1941L dual baud-rate generator, fitted in the Expansion
//! Interface, at Z80 I/O ports E8H–EBH.
//!
//! Follows the TRS-80 RS-232-C Interface manual (26-1145) and the Model III manual's RS-232-C
//! chapter (pp. 43–46); where those leave a bit open, the reading of the Model I board in the
//! xtrs and MAME emulators is used and marked below.
//!
//! | port | IN | OUT |
//! | --- | --- | --- |
//! | E8H | modem status: bit 7 CTS, 6 DSR, 5 CD, 4 RI, 1 = the receive-data line (1 = mark); 0, 2, 3 read 0 | UART master reset (any value) |
//! | E9H | sense switches ([`Rs232::set_switches`]): bits 0–2 baud code, 3 = parity disabled, 4 = two stop bits, 5–6 word length, 7 = even parity | baud rates: high nibble transmit, low nibble receive (table below) |
//! | EAH | status: bit 7 DR data received, 6 THRE holding register empty, 5 OE overrun, 4 FE framing error, 3 PE parity error; 0–2 read 0 | control: bit 7 even parity (0 = odd), 6–5 word length (00 = 5, **01 = 7, 10 = 6**, 11 = 8 bits; xtrs/MAME wiring), 4 two stop bits, 3 parity inhibit, 2 = 0 sends BREAK, 1 DTR, 0 RTS (xtrs labels; the Model I manual swaps the names) |
//! | EBH | received character (clears DR) | character to transmit (clears THRE) |
//!
//! Baud codes: 0 = 50, 1 = 75, 2 = 110, 3 = 134.5, 4 = 150, 5 = 300, 6 = 600, 7 = 1200,
//! 8 = 1800, 9 = 2000, A = 2400, B = 3600, C = 4800, D = 7200, E = 9600, F = 19200 (nominal
//! rates; the generator's small errors are not modelled).
//!
//! Timing, all in T-states of the 1,774,080 Hz CPU clock (bit `i` of a frame starts at
//! `start + i × 1,774,080 / baud`, in integers):
//! - **Transmit.** Writing EBH clears THRE. If the shift register is idle the character moves
//!   into it one period of the 16× transmit clock later (bit time / 16): THRE sets again and the
//!   start bit begins then. If a frame is being shifted out, the character waits and moves in
//!   the moment that frame's last stop bit ends, so frames follow back to back. Writing EBH
//!   while THRE is 0 replaces the waiting character. A 300-baud 8N1 frame lasts 59,136 T.
//! - **Receive.** The receiver samples the line in the middle of each bit at the *receive*
//!   rate and format, whatever the sender used ([`terminet::line::Receiver`]). At the middle of
//!   the first stop bit the character enters the data register and DR, FE (stop bit was space),
//!   PE (parity mismatch) and OE (DR was still set: the previous character is overwritten) are
//!   updated together. Reading EBH clears DR only.
//! - **Master reset** (OUT E8H) clears DR, OE, FE, PE, empties the holding register (THRE = 1)
//!   and makes the receiver ignore a character already in progress; control, baud and modem
//!   latches keep their values.
//! - Power on: control latch 00H (so BREAK is on and DTR/RTS off until software writes EAH),
//!   baud latch 55H (300/300) — the real latches' power-on contents are unknown.
//!
//! Not emulated: a frame already started when a master reset or a BREAK arrives still goes out
//! whole on the line model's frame list (BREAK is laid over it); 1.5 stop bits (5-bit
//! characters with two stop bits send two); the 16× receive clock's sampling jitter; the
//! "register load" use of E8H that MAME describes.

use crate::devices::serial::{
    EndState, Format, Frame, LineEvent, ModemOut, Parity, Rate, RxSetting, SerialEnd, Unplugged,
};
use terminet::line::Receiver;

use crate::clock::CPU_HZ;
use crate::formats::state::{self, Reader, StateError, Writer};

/// Port numbers of the board.
pub mod ports {
    /// IN: modem status; OUT: UART master reset.
    pub const MODEM_RESET: u8 = 0xE8;
    /// IN: sense switches; OUT: baud-rate generator.
    pub const SWITCHES_BAUD: u8 = 0xE9;
    /// IN: UART status; OUT: UART control.
    pub const STATUS_CONTROL: u8 = 0xEA;
    /// IN: received data; OUT: transmit data.
    pub const DATA: u8 = 0xEB;
}

/// Status register bits (IN EAH).
pub mod status {
    /// Data received.
    pub const DR: u8 = 0x80;
    /// Transmitter holding register empty.
    pub const THRE: u8 = 0x40;
    /// Overrun error.
    pub const OE: u8 = 0x20;
    /// Framing error.
    pub const FE: u8 = 0x10;
    /// Parity error.
    pub const PE: u8 = 0x08;
}

/// Modem status bits (IN E8H).
pub mod modem {
    /// Clear To Send.
    pub const CTS: u8 = 0x80;
    /// Data Set Ready.
    pub const DSR: u8 = 0x40;
    /// Carrier Detect.
    pub const CD: u8 = 0x20;
    /// Ring Indicator.
    pub const RI: u8 = 0x10;
    /// The receive-data line itself (1 = mark).
    pub const RXD: u8 = 0x02;
}

/// The xtrs default sense-switch setting, 6FH: 9600 baud (code 7), 8 bits, no parity, 1 stop.
pub const DEFAULT_SWITCHES: u8 = 0x6F;

/// Baud rate × 10 for a 4-bit generator code.
pub fn baud_x10(code: u8) -> u32 {
    const TABLE: [u32; 16] = [
        500, 750, 1100, 1345, 1500, 3000, 6000, 12000, 18000, 20000, 24000, 36000, 48000, 72000,
        96000, 192000,
    ];
    TABLE[usize::from(code & 0x0F)]
}

/// The character format set by a control byte (EAH).
pub fn control_format(control: u8) -> Format {
    let data_bits = match (control >> 5) & 3 {
        0 => 5,
        1 => 7,
        2 => 6,
        _ => 8,
    };
    let parity = match (control & 0x08 != 0, control & 0x80 != 0) {
        (true, _) => Parity::None,
        (false, true) => Parity::Even,
        (false, false) => Parity::Odd,
    };
    Format {
        data_bits,
        parity,
        stop_bits: if control & 0x10 != 0 { 2 } else { 1 },
    }
}

/// The RS-232-C board.
pub struct Rs232 {
    switches: u8,
    control: u8,
    baud: u8,
    /// Character waiting in the transmit holding register, and when it moves on.
    thr: Option<(u8, u64)>,
    /// Tick at which the shift register has sent its last stop bit.
    shifter_free: u64,
    rx: Receiver,
    rbr: u8,
    dr: bool,
    oe: bool,
    fe: bool,
    pe: bool,
    /// Latest tick the board has been brought up to.
    now: u64,
    end: Box<dyn SerialEnd>,
}

impl std::fmt::Debug for Rs232 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rs232")
            .field("switches", &self.switches)
            .field("control", &self.control)
            .field("baud", &self.baud)
            .field("status", &self.status_bits())
            .finish_non_exhaustive()
    }
}

impl Default for Rs232 {
    fn default() -> Self {
        Self::new()
    }
}

impl Rs232 {
    /// A board at power-on with nothing plugged in and the [`DEFAULT_SWITCHES`].
    pub fn new() -> Self {
        let control = 0x00;
        let baud = 0x55;
        let rx = Receiver::new(
            Rate {
                clock_hz: CPU_HZ,
                baud_x10: baud_x10(baud),
            },
            control_format(control),
        );
        let mut board = Rs232 {
            switches: DEFAULT_SWITCHES,
            control,
            baud,
            thr: None,
            shifter_free: 0,
            rx,
            rbr: 0,
            dr: false,
            oe: false,
            fe: false,
            pe: false,
            now: 0,
            end: Box::new(Unplugged),
        };
        board.end.set_break(0, true);
        board
    }

    /// Sets the sense switches read at E9H.
    pub fn set_switches(&mut self, switches: u8) {
        self.switches = switches;
    }

    /// The sense switches.
    pub fn switches(&self) -> u8 {
        self.switches
    }

    /// Plugs `end` into the connector at tick `t`, returning what was plugged in before.
    /// The new end sees the current BREAK and DTR/RTS state.
    pub fn attach(&mut self, end: Box<dyn SerialEnd>, t: u64) -> Box<dyn SerialEnd> {
        self.advance(t);
        let old = std::mem::replace(&mut self.end, end);
        self.end.set_break(self.now, self.control & 0x04 == 0);
        let lines = self.modem_out();
        self.end.set_modem_out(self.now, lines);
        old
    }

    /// What is plugged in.
    pub fn end(&self) -> &dyn SerialEnd {
        self.end.as_ref()
    }

    /// What is plugged in, mutable (e.g. to reach the printer).
    pub fn end_mut(&mut self) -> &mut dyn SerialEnd {
        self.end.as_mut()
    }

    /// DTR/RTS as the control latch drives them.
    pub fn modem_out(&self) -> ModemOut {
        ModemOut {
            dtr: self.control & 0x02 != 0,
            rts: self.control & 0x01 != 0,
        }
    }

    /// The control latch (last OUT EAH).
    pub fn control(&self) -> u8 {
        self.control
    }

    /// The baud latch (last OUT E9H).
    pub fn baud(&self) -> u8 {
        self.baud
    }

    /// Transmit rate.
    pub fn tx_rate(&self) -> Rate {
        Rate {
            clock_hz: CPU_HZ,
            baud_x10: baud_x10(self.baud >> 4),
        }
    }

    /// Receive rate.
    pub fn rx_rate(&self) -> Rate {
        Rate {
            clock_hz: CPU_HZ,
            baud_x10: baud_x10(self.baud & 0x0F),
        }
    }

    /// The character format from the control latch.
    pub fn format(&self) -> Format {
        control_format(self.control)
    }

    /// Brings the board and what is plugged in up to tick `t`: moves characters into the
    /// shift register, hands frames to the line, receives what arrived. Call it now and then
    /// (e.g. once a frame) so a printer prints even when the program stops touching the ports.
    pub fn advance(&mut self, t: u64) {
        let t = t.max(self.now);
        self.now = t;
        if let Some((data, at)) = self.thr {
            if at <= t {
                let frame = Frame {
                    start: at,
                    rate: self.tx_rate(),
                    format: self.format(),
                    data,
                };
                self.shifter_free = frame.end();
                self.thr = None;
                self.end.transmit(&frame);
            }
        }
        let setting = RxSetting {
            rate: self.rx_rate(),
            format: self.format(),
        };
        while let Some(ev) = self.end.receive(t, setting) {
            match ev {
                LineEvent::Frame(f) => self.rx.line.push_frame(&f),
                LineEvent::Break { t, on } => self.rx.line.set_break(t, on),
            }
        }
        while let Some(r) = self.rx.poll(t) {
            self.oe = self.dr;
            self.fe = r.framing_error;
            self.pe = r.parity_error;
            self.rbr = r.data;
            self.dr = true;
        }
        self.end.advance(t);
    }

    /// Tick of the board's next event: when the character waiting in the holding register
    /// moves into the shift register and its frame goes on the line (`u64::MAX` if none
    /// waits). The machine runs the board at that tick, so a character leaves on time even
    /// when the program never touches the ports again. Receiving needs no event: the status
    /// and data are worked out when the program reads them, and the board raises no interrupt.
    pub fn next_event(&self) -> u64 {
        self.thr.map_or(u64::MAX, |(_, at)| at)
    }

    fn status_bits(&self) -> u8 {
        (if self.dr { status::DR } else { 0 })
            | (if self.thr.is_none() { status::THRE } else { 0 })
            | (if self.oe { status::OE } else { 0 })
            | (if self.fe { status::FE } else { 0 })
            | (if self.pe { status::PE } else { 0 })
    }

    /// IN from port `port` (E8H–EBH; only the low two bits are decoded) at T-state `t`.
    pub fn io_read(&mut self, port: u8, t: u64) -> u8 {
        self.advance(t);
        match port & 3 {
            0 => {
                let m = self.end.modem_in(t);
                (if m.cts { modem::CTS } else { 0 })
                    | (if m.dsr { modem::DSR } else { 0 })
                    | (if m.cd { modem::CD } else { 0 })
                    | (if m.ri { modem::RI } else { 0 })
                    | (if self.rx.line.level(t) { modem::RXD } else { 0 })
            }
            1 => self.switches,
            2 => self.status_bits(),
            _ => {
                self.dr = false;
                self.rbr
            }
        }
    }

    /// OUT to port `port` (E8H–EBH; only the low two bits are decoded) at T-state `t`.
    pub fn io_write(&mut self, port: u8, value: u8, t: u64) {
        self.advance(t);
        let t = self.now;
        match port & 3 {
            0 => {
                self.thr = None;
                self.dr = false;
                self.oe = false;
                self.fe = false;
                self.pe = false;
                self.rx.resync(t);
            }
            1 => {
                self.baud = value;
                self.reconfigure_rx();
            }
            2 => {
                let was_break = self.control & 0x04 == 0;
                let old_lines = self.modem_out();
                self.control = value;
                self.reconfigure_rx();
                let is_break = value & 0x04 == 0;
                if is_break != was_break {
                    self.end.set_break(t, is_break);
                }
                let lines = self.modem_out();
                if lines != old_lines {
                    self.end.set_modem_out(t, lines);
                }
            }
            _ => match &mut self.thr {
                Some((data, _)) => *data = value,
                None => {
                    let at = if self.shifter_free <= t {
                        t + self.tx_rate().ticks(1) / 16
                    } else {
                        self.shifter_free
                    };
                    self.thr = Some((value, at));
                }
            },
        }
    }

    fn reconfigure_rx(&mut self) {
        let rate = self.rx_rate();
        let format = self.format();
        self.rx.configure(rate, format);
    }
}

/// Save states: the switches, latches, transmitter and receiver registers, the kind of end
/// plugged in, and (from version 2) the receive line with a character on its way in and the
/// end's own state ([`SerialEnd::save_state`]). A version 1 state has neither: the receiver
/// starts idle at the loaded T-state and the end keeps its own state.
impl Rs232 {
    pub(crate) fn save_state(&self, w: &mut Writer) {
        for b in [self.switches, self.control, self.baud, self.rbr] {
            w.u8(b);
        }
        w.opt_u64(self.thr.map(|(_, at)| at));
        w.u8(self.thr.map_or(0, |(d, _)| d));
        w.u64(self.shifter_free);
        for b in [self.dr, self.oe, self.fe, self.pe] {
            w.bool(b);
        }
        w.u64(self.now);
        w.bytes(self.end.kind().as_bytes());
        let mut rx = Vec::new();
        terminet::state::save_receiver(&self.rx, &mut rx);
        w.bytes(&rx);
        let mut end = Writer::new();
        self.end.save_state(&mut end);
        w.bytes(&end.buf);
    }

    /// The board as saved, with nothing plugged in yet ([`Rs232::plug`] follows), and the
    /// end's state to put into `here` (what is plugged in on this machine) once plugged;
    /// refused when the state was saved with another kind of end. `version` is the file's.
    pub(crate) fn load_state(
        r: &mut Reader<'_>,
        here: &dyn SerialEnd,
        version: u16,
    ) -> state::Result<(Rs232, Option<EndState>)> {
        let mut b = Rs232::new();
        b.switches = r.u8("RS-232-C switches")?;
        b.control = r.u8("RS-232-C control")?;
        b.baud = r.u8("RS-232-C baud")?;
        b.rbr = r.u8("RS-232-C received data")?;
        let at = r.opt_u64("RS-232-C holding register")?;
        let data = r.u8("RS-232-C holding register data")?;
        b.thr = match at {
            Some(at) if at <= state::MAX_T => Some((data, at)),
            Some(_) => return Err(r.invalid(9, "RS-232-C holding register time")),
            None => None,
        };
        b.shifter_free = r.t("RS-232-C shift register")?;
        b.dr = r.bool("RS-232-C data ready")?;
        b.oe = r.bool("RS-232-C overrun")?;
        b.fe = r.bool("RS-232-C framing error")?;
        b.pe = r.bool("RS-232-C parity error")?;
        b.now = r.t("RS-232-C time")?;
        let saved = r.bytes(64, "RS-232-C end")?;
        if saved != here.kind().as_bytes() {
            return Err(StateError::SerialEnd {
                saved: String::from_utf8_lossy(saved).into_owned(),
                here: here.kind().to_string(),
            });
        }
        if version < 2 {
            b.reconfigure_rx();
            b.rx.resync(b.now);
            return Ok((b, None));
        }
        let at = r.offset() + 4;
        let rx = r.bytes(usize::MAX, "RS-232-C receive line")?;
        b.rx = terminet::state::load_receiver(rx).map_err(|e| StateError::Invalid {
            offset: at + e.offset,
            what: e.what,
        })?;
        b.reconfigure_rx();
        let at = r.offset() + 4;
        let mut end = Reader::new(r.bytes(usize::MAX, "RS-232-C end state")?, at);
        let end_state = here.read_state(&mut end)?;
        end.finish("RS-232-C end state")?;
        Ok((b, Some(end_state)))
    }

    /// Puts `end` in the connector as it is (no time passes), telling it the board's BREAK and
    /// DTR/RTS state.
    pub(crate) fn plug(&mut self, end: Box<dyn SerialEnd>) {
        self.end = end;
        self.end.set_break(self.now, self.control & 0x04 == 0);
        let lines = self.modem_out();
        self.end.set_modem_out(self.now, lines);
    }

    /// Takes out what is plugged in, leaving nothing.
    pub(crate) fn unplug(&mut self) -> Box<dyn SerialEnd> {
        std::mem::replace(&mut self.end, Box::new(Unplugged))
    }
}

#[cfg(test)]
mod tests;
