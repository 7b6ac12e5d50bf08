//! Host ends of the emulated RS-232 line: a serial device or pty by path (the `serialport`
//! crate), a TCP connection, or a TCP listener. Each is a [`ByteLink`]: a plain, non-blocking
//! byte pipe; the board's bit timing, framing and handshake are modelled inside the emulator
//! in T-states (a pty has no real baud rate, parity or modem lines anyway).
//!
//! | end | data | modem lines (CTS/DSR/CD seen by the TRS-80) |
//! | --- | --- | --- |
//! | [`TtyLink`] | the device's bytes | read from the device; if it rejects modem-line calls (a pty does), that is reported once and the lines count as ready |
//! | [`TcpLink`] connect | the socket's bytes | ready while connected |
//! | [`TcpListenLink`] | the current client's bytes; accepts a new client when one leaves | ready only while a client is connected |
//!
//! A vanished peer or a failing device is reported once through [`ByteLink::take_error`]; the
//! emulated line then goes quiet and the emulator keeps running.

use std::collections::VecDeque;
use std::io::{ErrorKind, Read, Write};
use std::net::{TcpListener, TcpStream, ToSocketAddrs};
use std::time::Duration;

use anyhow::{Context, Result};
use serialport::SerialPort;
use trs80_machine::serial::{ByteLink, ModemIn, ModemOut};

/// Most bytes queued for a slow host peer before further ones are dropped.
const OUT_QUEUE_MAX: usize = 64 * 1024;

/// A queue of bytes waiting for a non-blocking writer.
#[derive(Default)]
struct OutQueue {
    bytes: VecDeque<u8>,
    dropped: bool,
}

impl OutQueue {
    fn push(&mut self, b: u8) {
        if self.bytes.len() < OUT_QUEUE_MAX {
            self.bytes.push_back(b);
        } else {
            self.dropped = true;
        }
    }

    /// Writes what the writer takes now. `Err` = the writer is gone.
    fn flush_to(&mut self, w: &mut dyn Write) -> std::io::Result<()> {
        while !self.bytes.is_empty() {
            let (a, _) = self.bytes.as_slices();
            match w.write(a) {
                Ok(0) => return Err(std::io::Error::new(ErrorKind::WriteZero, "peer closed")),
                Ok(n) => {
                    self.bytes.drain(..n);
                }
                Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                    return Ok(())
                }
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }
}

/// A host serial device or pseudo-terminal.
pub struct TtyLink {
    port: Box<dyn SerialPort>,
    name: String,
    out: OutQueue,
    error: Option<String>,
    dead: bool,
    modem_unsupported: bool,
    modem_cache: ModemIn,
    polls: u32,
}

impl TtyLink {
    /// Opens `path` (a tty, a pty slave, or a symlink to one) at `baud`, 8N1. The emulated
    /// UART's own settings are not copied to the device.
    pub fn open(path: &str, baud: u32) -> Result<TtyLink> {
        let port = serialport::new(path, baud)
            .timeout(Duration::ZERO)
            .open()
            .with_context(|| format!("cannot open serial device {path}"))?;
        Ok(TtyLink::from_port(port, path))
    }

    /// Wraps an open port (e.g. one end of `serialport::TTYPort::pair()`).
    pub fn from_port(mut port: Box<dyn SerialPort>, name: &str) -> TtyLink {
        let _ = port.set_timeout(Duration::ZERO);
        TtyLink {
            port,
            name: name.to_string(),
            out: OutQueue::default(),
            error: None,
            dead: false,
            modem_unsupported: false,
            modem_cache: ModemIn::READY,
            polls: 0,
        }
    }

    fn fail(&mut self, what: &str, e: impl std::fmt::Display) {
        if !self.dead {
            self.dead = true;
            self.error = Some(format!(
                "serial device {}: {what}: {e}; the emulated line is now idle",
                self.name
            ));
        }
    }

    fn modem_failed(&mut self, e: serialport::Error) {
        if !self.modem_unsupported {
            self.modem_unsupported = true;
            self.error.get_or_insert(format!(
                "serial device {}: modem lines not supported ({e}); CTS/DSR/CD are taken as ready",
                self.name
            ));
        }
    }
}

impl ByteLink for TtyLink {
    fn send(&mut self, byte: u8) {
        if self.dead {
            return;
        }
        self.out.push(byte);
        if let Err(e) = self.out.flush_to(&mut self.port) {
            self.fail("write failed", e);
        }
    }

    fn poll_recv(&mut self) -> Option<u8> {
        if self.dead {
            return None;
        }
        if let Err(e) = self.out.flush_to(&mut self.port) {
            self.fail("write failed", e);
            return None;
        }
        match self.port.bytes_to_read() {
            Ok(0) => None,
            Ok(_) => {
                let mut b = [0u8; 1];
                match self.port.read(&mut b) {
                    Ok(1) => Some(b[0]),
                    Ok(_) => None,
                    Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                        None
                    }
                    Err(e) => {
                        self.fail("read failed", e);
                        None
                    }
                }
            }
            Err(e) => {
                self.fail("status failed", e);
                None
            }
        }
    }

    fn modem_in(&mut self) -> ModemIn {
        if self.modem_unsupported || self.dead {
            return ModemIn::READY;
        }
        // Ask the device now and then, not on every IN instruction.
        self.polls = self.polls.wrapping_add(1);
        if self.polls % 256 != 1 {
            return self.modem_cache;
        }
        let read = |p: &mut Box<dyn SerialPort>| -> serialport::Result<ModemIn> {
            Ok(ModemIn {
                cts: p.read_clear_to_send()?,
                dsr: p.read_data_set_ready()?,
                cd: p.read_carrier_detect()?,
                ri: p.read_ring_indicator()?,
            })
        };
        match read(&mut self.port) {
            Ok(m) => self.modem_cache = m,
            Err(e) => self.modem_failed(e),
        }
        self.modem_cache
    }

    fn set_modem_out(&mut self, lines: ModemOut) {
        if self.modem_unsupported || self.dead {
            return;
        }
        let r = self
            .port
            .write_data_terminal_ready(lines.dtr)
            .and_then(|_| self.port.write_request_to_send(lines.rts));
        if let Err(e) = r {
            self.modem_failed(e);
        }
    }

    fn take_error(&mut self) -> Option<String> {
        if self.out.dropped {
            self.out.dropped = false;
            return Some(format!(
                "serial device {}: not reading; bytes dropped",
                self.name
            ));
        }
        self.error.take()
    }
}

/// A TCP connection (the emulator connects).
pub struct TcpLink {
    stream: Option<TcpStream>,
    peer: String,
    out: OutQueue,
    error: Option<String>,
}

impl TcpLink {
    /// Connects to `addr` (`host:port`).
    pub fn connect(addr: &str) -> Result<TcpLink> {
        let addrs: Vec<_> = addr
            .to_socket_addrs()
            .with_context(|| format!("cannot resolve {addr}"))?
            .collect();
        let stream =
            TcpStream::connect(&addrs[..]).with_context(|| format!("cannot connect to {addr}"))?;
        TcpLink::from_stream(stream, addr)
    }

    /// Wraps a connected stream.
    pub fn from_stream(stream: TcpStream, peer: &str) -> Result<TcpLink> {
        stream
            .set_nonblocking(true)
            .context("cannot make the socket non-blocking")?;
        let _ = stream.set_nodelay(true);
        Ok(TcpLink {
            stream: Some(stream),
            peer: peer.to_string(),
            out: OutQueue::default(),
            error: None,
        })
    }

    fn lost(&mut self, e: impl std::fmt::Display) {
        if self.stream.take().is_some() {
            self.error = Some(format!(
                "TCP peer {}: {e}; the emulated line is now idle",
                self.peer
            ));
        }
    }

    fn connected(&self) -> bool {
        self.stream.is_some()
    }
}

/// Reads one byte from a non-blocking stream: `Ok(None)` = nothing now, `Err` = gone.
fn read_byte(s: &mut TcpStream) -> std::io::Result<Option<u8>> {
    let mut b = [0u8; 1];
    loop {
        return match s.read(&mut b) {
            Ok(0) => Err(std::io::Error::new(
                ErrorKind::UnexpectedEof,
                "connection closed",
            )),
            Ok(_) => Ok(Some(b[0])),
            Err(e) if e.kind() == ErrorKind::WouldBlock => Ok(None),
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(e) => Err(e),
        };
    }
}

impl ByteLink for TcpLink {
    fn send(&mut self, byte: u8) {
        let Some(s) = self.stream.as_mut() else {
            return;
        };
        self.out.push(byte);
        if let Err(e) = self.out.flush_to(s) {
            self.lost(e);
        }
    }

    fn poll_recv(&mut self) -> Option<u8> {
        let s = self.stream.as_mut()?;
        if let Err(e) = self.out.flush_to(s) {
            self.lost(e);
            return None;
        }
        match read_byte(self.stream.as_mut()?) {
            Ok(b) => b,
            Err(e) => {
                self.lost(e);
                None
            }
        }
    }

    fn modem_in(&mut self) -> ModemIn {
        if self.connected() {
            ModemIn::READY
        } else {
            ModemIn::default()
        }
    }

    fn take_error(&mut self) -> Option<String> {
        self.error.take()
    }
}

/// A TCP listener: one client at a time.
pub struct TcpListenLink {
    listener: TcpListener,
    client: Option<TcpLink>,
    error: Option<String>,
    accept_failed: bool,
}

impl TcpListenLink {
    /// Listens on `addr` (e.g. `127.0.0.1:4000`).
    pub fn bind(addr: &str) -> Result<TcpListenLink> {
        let listener =
            TcpListener::bind(addr).with_context(|| format!("cannot listen on {addr}"))?;
        listener
            .set_nonblocking(true)
            .context("cannot make the listener non-blocking")?;
        Ok(TcpListenLink {
            listener,
            client: None,
            error: None,
            accept_failed: false,
        })
    }

    /// The address actually bound (useful with port 0).
    pub fn local_addr(&self) -> std::io::Result<std::net::SocketAddr> {
        self.listener.local_addr()
    }

    fn poll_accept(&mut self) {
        if self.client.as_ref().is_some_and(TcpLink::connected) {
            return;
        }
        if let Some(mut old) = self.client.take() {
            if let Some(e) = old.take_error() {
                self.error.get_or_insert(e);
            }
        }
        match self.listener.accept() {
            Ok((s, peer)) => match TcpLink::from_stream(s, &peer.to_string()) {
                Ok(l) => self.client = Some(l),
                Err(e) => self.error = Some(format!("{e:#}")),
            },
            Err(e) if e.kind() == ErrorKind::WouldBlock => {}
            Err(e) => {
                if !self.accept_failed {
                    self.accept_failed = true;
                    self.error = Some(format!("TCP listener: {e}"));
                }
            }
        }
    }
}

impl ByteLink for TcpListenLink {
    fn send(&mut self, byte: u8) {
        self.poll_accept();
        if let Some(c) = self.client.as_mut() {
            c.send(byte);
        }
    }

    fn poll_recv(&mut self) -> Option<u8> {
        self.poll_accept();
        self.client.as_mut()?.poll_recv()
    }

    fn modem_in(&mut self) -> ModemIn {
        self.poll_accept();
        match self.client.as_mut() {
            Some(c) => c.modem_in(),
            None => ModemIn::default(),
        }
    }

    fn take_error(&mut self) -> Option<String> {
        if let Some(c) = self.client.as_mut() {
            if let Some(e) = c.take_error() {
                return Some(e);
            }
        }
        self.error.take()
    }
}
