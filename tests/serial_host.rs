//! Bytes through the emulated RS-232-C board to real host ends and back: a pty pair
//! (`serialport::TTYPort::pair()`), TCP connect and TCP listen on the loopback interface.
//!
//! The board is driven with IN/OUT calls at explicit T-states, as a polling Z80 program
//! would. Host I/O is asynchronous, so the tests wait (boundedly) for bytes to cross.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::time::{Duration, Instant};

use serialport::SerialPort;

use trs80::serial_host::{TcpLink, TcpListenLink, TtyLink};
use trs80_machine::rs232::{ports, status, Rs232};
use trs80_machine::serial::{ByteLink, HostEnd};

/// 300-baud 8N1 frame in T-states.
const FRAME: u64 = 59_136;

fn board(link: impl ByteLink + 'static) -> Rs232 {
    let mut b = Rs232::new();
    b.attach(Box::new(HostEnd::new(link)), 0);
    b.io_write(ports::MODEM_RESET, 0, 10);
    b.io_write(ports::SWITCHES_BAUD, 0x55, 20);
    b.io_write(ports::STATUS_CONTROL, 0x6F, 30);
    b
}

/// Sends `bytes` the way a polling driver does; returns the T-state after the last frame.
fn send(b: &mut Rs232, mut t: u64, bytes: &[u8]) -> u64 {
    for &c in bytes {
        while b.io_read(ports::STATUS_CONTROL, t) & status::THRE == 0 {
            t += 40;
        }
        b.io_write(ports::DATA, c, t);
        t += 40;
    }
    t += 2 * FRAME;
    b.advance(t);
    t
}

/// Receives `n` bytes by polling DR, feeding emulated time as host bytes arrive.
fn receive(b: &mut Rs232, mut t: u64, n: usize) -> (Vec<u8>, u64) {
    let mut got = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(5);
    while got.len() < n && Instant::now() < deadline {
        let s = b.io_read(ports::STATUS_CONTROL, t);
        assert_eq!(s & status::OE, 0, "a polling loop this fast never overruns");
        if s & status::DR != 0 {
            got.push(b.io_read(ports::DATA, t + 10));
        } else {
            std::thread::sleep(Duration::from_micros(200));
        }
        t += 1_000;
    }
    (got, t)
}

fn read_exact_within(r: &mut impl Read, n: usize) -> Vec<u8> {
    let mut out = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(5);
    let mut buf = [0u8; 256];
    while out.len() < n && Instant::now() < deadline {
        match r.read(&mut buf) {
            Ok(k) => out.extend_from_slice(&buf[..k]),
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                std::thread::sleep(Duration::from_millis(2))
            }
            Err(e) => panic!("{e}"),
        }
    }
    out
}

fn all_bytes() -> Vec<u8> {
    (0..=255u8).collect()
}

#[test]
fn pty_pair_round_trip() {
    let (master, mut slave) = match serialport::TTYPort::pair() {
        Ok(p) => p,
        Err(e) => {
            println!("SKIPPED: no pseudo-terminals here ({e})");
            return;
        }
    };
    slave.set_timeout(Duration::from_millis(20)).unwrap();
    let mut b = board(TtyLink::from_port(Box::new(master), "pty master"));
    let data = all_bytes();
    let t = send(&mut b, 100, &data);
    assert_eq!(
        read_exact_within(&mut slave, data.len()),
        data,
        "board → pty"
    );
    // The other way: the emulated receiver gets the bytes paced at 300 baud.
    slave.write_all(b"READY\r").unwrap();
    let (got, t_end) = receive(&mut b, t, 6);
    assert_eq!(got, b"READY\r");
    assert!(
        t_end - t >= 5 * FRAME,
        "six characters take at least five frame times"
    );
    // A pty rejects modem-line calls: reported once, not fatal, lines read as ready.
    let m = b.io_read(ports::MODEM_RESET, t_end);
    assert_eq!(m & 0xE0, 0xE0);
    let e = b
        .end_mut()
        .take_error()
        .expect("the modem-line failure is reported");
    assert!(e.contains("modem lines not supported"), "{e}");
    b.io_write(ports::STATUS_CONTROL, 0x6C, t_end + 10);
    b.io_read(ports::MODEM_RESET, t_end + 20);
    assert_eq!(b.end_mut().take_error(), None, "reported once only");
}

#[test]
fn tcp_connect_round_trip_and_peer_going_away() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let link = TcpLink::connect(&addr).unwrap();
    let (mut peer, _) = listener.accept().unwrap();
    peer.set_read_timeout(Some(Duration::from_millis(20)))
        .unwrap();
    let mut b = board(link);
    let data = all_bytes();
    let t = send(&mut b, 100, &data);
    assert_eq!(read_exact_within(&mut peer, data.len()), data);
    peer.write_all(b"\x00\xFFOK").unwrap();
    let (got, t) = receive(&mut b, t, 4);
    assert_eq!(got, b"\x00\xFFOK");
    // The peer vanishes: one message, the line goes quiet, nothing panics.
    drop(peer);
    let mut t = t;
    let mut errors = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(5);
    while errors.is_empty() && Instant::now() < deadline {
        t = send(&mut b, t, b"X");
        if let Some(e) = b.end_mut().take_error() {
            errors.push(e);
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].contains("TCP peer"), "{errors:?}");
    // Disconnected: CTS/DSR/CD drop; more output is simply dropped.
    assert_eq!(b.io_read(ports::MODEM_RESET, t) & 0xE0, 0);
    send(&mut b, t, b"more");
    assert_eq!(b.end_mut().take_error(), None);
}

#[test]
fn tcp_listen_round_trip() {
    let link = TcpListenLink::bind("127.0.0.1:0").unwrap();
    let addr = link.local_addr().unwrap();
    assert!(addr.ip().is_loopback());
    let mut b = board(link);
    // No client yet: modem lines down.
    assert_eq!(b.io_read(ports::MODEM_RESET, 50) & 0xE0, 0);
    let mut client = TcpStream::connect(addr).unwrap();
    client
        .set_read_timeout(Some(Duration::from_millis(20)))
        .unwrap();
    let mut t = 100;
    let deadline = Instant::now() + Duration::from_secs(5);
    while b.io_read(ports::MODEM_RESET, t) & 0x80 == 0 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(2));
        t += 100;
    }
    assert_eq!(
        b.io_read(ports::MODEM_RESET, t) & 0xE0,
        0xE0,
        "client accepted"
    );
    let t = send(&mut b, t, b"HELLO FROM THE TRS-80\r");
    assert_eq!(
        read_exact_within(&mut client, 22),
        b"HELLO FROM THE TRS-80\r"
    );
    client.write_all(b"HI").unwrap();
    let (got, _) = receive(&mut b, t, 2);
    assert_eq!(got, b"HI");
}
