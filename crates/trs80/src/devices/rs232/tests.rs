use super::*;
use crate::devices::serial::{Loopback, ModemIn, SerialEnd};
use std::any::Any;

/// 300-baud bit time is 5,913.6 T; one 16× clock period is 369 T.
const BIT16_300: u64 = 369;
/// Start bit to the middle of the stop bit of a 10-bit frame at 300 baud: 9.5 bits.
const MID_STOP_300_10: u64 = 56_179;
const FRAME_300_10: u64 = 59_136;

fn board_with_loopback() -> Rs232 {
    let mut b = Rs232::new();
    b.attach(Box::new(Loopback::new()), 0);
    b.io_write(ports::MODEM_RESET, 0, 10);
    b.io_write(ports::SWITCHES_BAUD, 0x55, 20);
    b.io_write(ports::STATUS_CONTROL, 0x6F, 30); // 8 bits, no parity, 1 stop, no break, DTR, RTS
    b
}

#[test]
fn power_on_status_and_switches() {
    let mut b = Rs232::new();
    assert_eq!(b.io_read(ports::STATUS_CONTROL, 0), status::THRE);
    assert_eq!(b.io_read(ports::SWITCHES_BAUD, 0), DEFAULT_SWITCHES);
    b.set_switches(0xA5);
    assert_eq!(b.io_read(ports::SWITCHES_BAUD, 5), 0xA5);
    // Nothing plugged in: modem lines false, RXD at mark.
    assert_eq!(b.io_read(ports::MODEM_RESET, 7), modem::RXD);
    // Only the low two address bits are decoded by the board.
    assert_eq!(b.io_read(0x01, 8), 0xA5);
}

#[test]
fn control_byte_decoding() {
    assert_eq!(
        control_format(0x6C),
        Format {
            data_bits: 8,
            parity: Parity::None,
            stop_bits: 1
        }
    );
    assert_eq!(
        control_format(0xA7),
        Format {
            data_bits: 7,
            parity: Parity::Even,
            stop_bits: 1
        }
    );
    assert_eq!(
        control_format(0x54),
        Format {
            data_bits: 6,
            parity: Parity::Odd,
            stop_bits: 2
        }
    );
    assert_eq!(control_format(0x08).data_bits, 5);
    assert_eq!(baud_x10(0x5), 3000);
    assert_eq!(baud_x10(0x3), 1345);
    assert_eq!(baud_x10(0xF), 192_000);
}

#[test]
fn transmit_timing_and_thre_at_exact_t_states() {
    let mut b = board_with_loopback();
    let t0 = 1_000;
    b.io_write(ports::DATA, b'A', t0);
    assert_eq!(b.io_read(ports::STATUS_CONTROL, t0) & status::THRE, 0);
    assert_eq!(
        b.io_read(ports::STATUS_CONTROL, t0 + BIT16_300 - 1) & status::THRE,
        0
    );
    assert_eq!(
        b.io_read(ports::STATUS_CONTROL, t0 + BIT16_300) & status::THRE,
        status::THRE
    );
    let start = t0 + BIT16_300;
    // The start bit is on the wire (RXD via the loopback plug) from `start`.
    assert_eq!(b.io_read(ports::MODEM_RESET, start + 1) & modem::RXD, 0);
    // 'A' = 41H: bit 0 = 1 → mark during the first data bit.
    assert_eq!(
        b.io_read(ports::MODEM_RESET, start + 5_914) & modem::RXD,
        modem::RXD
    );
    // Receive side: DR exactly at the middle of the stop bit.
    assert_eq!(
        b.io_read(ports::STATUS_CONTROL, start + MID_STOP_300_10 - 1) & status::DR,
        0
    );
    let s = b.io_read(ports::STATUS_CONTROL, start + MID_STOP_300_10);
    assert_eq!(s, status::DR | status::THRE);
    assert_eq!(b.io_read(ports::DATA, start + MID_STOP_300_10 + 10), b'A');
    assert_eq!(
        b.io_read(ports::STATUS_CONTROL, start + MID_STOP_300_10 + 20) & status::DR,
        0
    );
    // A second character waits for the shift register: THRE stays 0 until the first frame ends.
    b.io_write(ports::DATA, b'B', start + MID_STOP_300_10 + 30);
    assert_eq!(
        b.io_read(ports::STATUS_CONTROL, start + FRAME_300_10 - 1) & status::THRE,
        0
    );
    assert_eq!(
        b.io_read(ports::STATUS_CONTROL, start + FRAME_300_10) & status::THRE,
        status::THRE
    );
    // 'B' follows back to back.
    let t_b = start + FRAME_300_10 + MID_STOP_300_10;
    assert_eq!(b.io_read(ports::STATUS_CONTROL, t_b - 1) & status::DR, 0);
    assert_eq!(
        b.io_read(ports::STATUS_CONTROL, t_b) & status::DR,
        status::DR
    );
    assert_eq!(b.io_read(ports::DATA, t_b), b'B');
}

#[test]
fn overrun_when_data_not_read() {
    let mut b = board_with_loopback();
    b.io_write(ports::DATA, 1, 1_000);
    b.io_write(ports::DATA, 2, 1_500);
    let start = 1_000 + BIT16_300;
    let second = start + FRAME_300_10 + MID_STOP_300_10;
    assert_eq!(b.io_read(ports::STATUS_CONTROL, second - 1) & status::OE, 0);
    assert_eq!(
        b.io_read(ports::STATUS_CONTROL, second) & (status::OE | status::DR),
        status::OE | status::DR
    );
    assert_eq!(
        b.io_read(ports::DATA, second + 1),
        2,
        "the newer character replaces the older"
    );
    // Master reset clears the error flags.
    b.io_write(ports::MODEM_RESET, 0, second + 2);
    assert_eq!(b.io_read(ports::STATUS_CONTROL, second + 3), status::THRE);
}

#[test]
fn framing_error_when_rates_differ() {
    let mut b = board_with_loopback();
    b.io_write(ports::SWITCHES_BAUD, 0x57, 40); // transmit 300, receive 1200
    b.io_write(ports::DATA, 0x00, 100);
    let mut flags = 0;
    for t in (100..200_000).step_by(100) {
        flags |= b.io_read(ports::STATUS_CONTROL, t);
    }
    assert_ne!(flags & status::FE, 0);
}

#[test]
fn break_is_received_as_null_with_framing_error() {
    let mut b = board_with_loopback();
    b.io_write(ports::STATUS_CONTROL, 0x6B, 1_000); // bit 2 = 0: BREAK
    assert_eq!(b.io_read(ports::MODEM_RESET, 1_001) & modem::RXD, 0);
    let s = b.io_read(ports::STATUS_CONTROL, 1_000 + MID_STOP_300_10);
    assert_eq!(s & (status::DR | status::FE), status::DR | status::FE);
    assert_eq!(b.io_read(ports::DATA, 1_000 + MID_STOP_300_10), 0);
    b.io_write(ports::STATUS_CONTROL, 0x6F, 100_000);
    assert_eq!(
        b.io_read(ports::MODEM_RESET, 100_001) & modem::RXD,
        modem::RXD
    );
}

#[test]
fn modem_lines_through_the_loopback_plug() {
    let mut b = board_with_loopback();
    assert_eq!(
        b.io_read(ports::MODEM_RESET, 40) & 0xF0,
        modem::CTS | modem::DSR | modem::CD
    );
    b.io_write(ports::STATUS_CONTROL, 0x6E, 50); // RTS off
    assert_eq!(
        b.io_read(ports::MODEM_RESET, 60) & 0xF0,
        modem::DSR | modem::CD
    );
    b.io_write(ports::STATUS_CONTROL, 0x6C, 70); // DTR off too
    assert_eq!(b.io_read(ports::MODEM_RESET, 80) & 0xF0, 0);
}

/// A device sending one scripted frame.
struct Script(Option<Frame>);
impl SerialEnd for Script {
    fn transmit(&mut self, _frame: &Frame) {}
    fn modem_in(&mut self, _t: u64) -> ModemIn {
        ModemIn::READY
    }
    fn receive(&mut self, t: u64, _rx: RxSetting) -> Option<LineEvent> {
        match self.0 {
            Some(f) if f.start <= t => self.0.take().map(LineEvent::Frame),
            _ => None,
        }
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

#[test]
fn parity_error_flag() {
    let mut b = Rs232::new();
    let odd7 = Format {
        data_bits: 7,
        parity: Parity::Odd,
        stop_bits: 1,
    };
    let rate = Rate {
        clock_hz: CPU_HZ,
        baud_x10: 3000,
    };
    b.attach(
        Box::new(Script(Some(Frame {
            start: 1_000,
            rate,
            format: odd7,
            data: b'C',
        }))),
        0,
    );
    b.io_write(ports::SWITCHES_BAUD, 0x55, 10);
    b.io_write(ports::STATUS_CONTROL, 0xA7, 20); // 7 bits even parity
    let s = b.io_read(ports::STATUS_CONTROL, 1_000 + MID_STOP_300_10);
    assert_eq!(
        s & (status::DR | status::PE | status::FE),
        status::DR | status::PE
    );
    assert_eq!(b.io_read(ports::DATA, 1_000 + MID_STOP_300_10), b'C');
}

#[test]
fn printer_end_prints_what_is_sent() {
    let mut b = Rs232::new();
    b.attach(
        Box::new(crate::devices::serial::TerminetEnd::new(
            terminet::Config::default(),
        )),
        0,
    );
    b.io_write(ports::SWITCHES_BAUD, 0x55, 10);
    b.io_write(ports::STATUS_CONTROL, 0x6F, 20);
    let mut t = 100;
    for &c in b"HI\r\n" {
        while b.io_read(ports::STATUS_CONTROL, t) & status::THRE == 0 {
            t += 50;
        }
        b.io_write(ports::DATA, c, t);
        t += 50;
    }
    b.advance(t + 4 * FRAME_300_10);
    let p = &b
        .end()
        .as_any()
        .downcast_ref::<crate::devices::serial::TerminetEnd>()
        .unwrap()
        .printer;
    assert_eq!(p.text(), "HI\n");
    assert_eq!(
        b.io_read(ports::MODEM_RESET, t + 5 * FRAME_300_10) & 0xF0,
        0xE0
    );
}
