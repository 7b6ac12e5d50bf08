//! Command-line options for printers and the RS-232-C board (`--printer`, `--serial`,
//! `--rs232-switches`), and the per-run glue that plugs the chosen ends into the machine and
//! saves what was printed.
//!
//! A front end uses it like this: `args.needs_rs232()` → set `Config::rs232`; after
//! `Machine::new`, `let mut s = args.attach(&mut machine)?`; after every run slice
//! `s.pump(&mut machine)`; at exit `s.finish(&mut machine, &mut report)`.

use std::io::Write;
use std::path::PathBuf;
use std::str::FromStr;

use crate::outputs::{Report, Spool};
use anyhow::{bail, Result};
use terminet::{Band, LineSpeed};
use trs80_machine::serial::{FileLink, HostEnd, Loopback, SerialEnd, TerminetEnd};
use trs80_machine::Machine;

use crate::serial_host::{TcpLink, TcpListenLink, TtyLink};

/// Printer and serial-port options.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct SerialArgs {
    /// Attach a printer (repeatable).
    ///
    /// `terminet:FILE[,png=PREFIX][,pdf=FILE.pdf][,strict][,width=N][,lines=N][,baud=110|150|300][,full]`:
    /// a GE TermiNet 300 plugged into the RS-232-C board. The text on the paper goes to FILE at
    /// exit, each form to PREFIX-1.png, PREFIX-2.png, …, all forms to one PDF. By default the printer is forgiving:
    /// characters sent while the paper or hammers are still moving are held and printed late;
    /// `strict` loses them as the real printer does. `width` print positions (118), `lines` per
    /// form (66), `baud` = its speed switch (300), `full` = full ASCII belt (default upper case).
    /// Level II BASIC needs a serial printer driver: see roms/examples/terminet_driver.asm.
    ///
    /// `parallel:FILE` (or `text:FILE`): the parallel printer port at 37E8H: what LPRINT and LLIST
    /// send is saved to FILE as plain text at exit (ordinary LPRINT/LLIST, no driver needed).
    #[arg(long, value_name = "KIND:FILE[,OPTS]")]
    pub printer: Vec<PrinterSpec>,

    /// Connect the RS-232-C board (ports E8H–EBH) to the host.
    ///
    /// `tty:PATH[,baud=N]` a serial device or pty (opened at N baud, default 300; modem lines
    /// a pty lacks are reported once and read as ready), `tcp:HOST:PORT` connect,
    /// `listen:PORT` or `listen:HOST:PORT` accept one client at a time (on 127.0.0.1 unless a
    /// host is given), `file:PATH` write what is sent to a file, `loop` a loopback plug.
    /// Bytes are paced at the emulated UART's bit rate in emulated time.
    #[arg(long, value_name = "KIND:WHERE")]
    pub serial: Option<SerialSpec>,

    /// Sense switches of the RS-232-C board read at port E9H (e.g. 0x6F or 111): bits 0–2
    /// baud code, 3 parity off, 4 two stop bits, 5–6 word length, 7 even parity. Default 0x6F.
    #[arg(long, value_name = "BYTE", value_parser = parse_byte)]
    pub rs232_switches: Option<u8>,
}

/// One `--printer` value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PrinterSpec {
    /// The GE TermiNet 300 on the serial port.
    Terminet {
        /// Text output file.
        file: PathBuf,
        /// Page picture prefix.
        png: Option<String>,
        /// PDF output file.
        pdf: Option<PathBuf>,
        /// Printer settings.
        config: terminet::Config,
    },
    /// Plain text from the parallel port.
    Parallel {
        /// Text output file.
        file: PathBuf,
    },
}

impl FromStr for PrinterSpec {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let (kind, rest) = s
            .split_once(':')
            .ok_or_else(|| format!("expected terminet:FILE or parallel:FILE, got `{s}`"))?;
        let mut parts = rest.split(',');
        let file = parts.next().unwrap_or("");
        if file.is_empty() {
            return Err(format!("`{s}`: missing output file"));
        }
        match kind {
            "parallel" | "text" => match parts.next() {
                None => Ok(PrinterSpec::Parallel { file: file.into() }),
                Some(o) => Err(format!("`{s}`: the parallel printer has no option `{o}`")),
            },
            "terminet" => {
                let mut config = terminet::Config::default();
                let mut png = None;
                let mut pdf = None;
                for opt in parts {
                    let (k, v) = opt.split_once('=').unwrap_or((opt, ""));
                    let num = |max: u16| -> Result<u16, String> {
                        v.parse::<u16>()
                            .ok()
                            .filter(|n| (1..=max).contains(n))
                            .ok_or_else(|| format!("`{opt}`: expected a number 1..={max}"))
                    };
                    match k {
                        "png" if !v.is_empty() => png = Some(v.to_string()),
                        "pdf" if !v.is_empty() => pdf = Some(PathBuf::from(v)),
                        "strict" if v.is_empty() => config.strict = true,
                        "full" if v.is_empty() => config.band = Band::Full,
                        "width" => config.width = num(250)?,
                        "lines" => config.page_lines = num(255)?,
                        "baud" => {
                            config.speed = v
                                .parse()
                                .ok()
                                .and_then(LineSpeed::from_baud)
                                .ok_or_else(|| {
                                    format!("`{opt}`: the TermiNet runs at 110, 150 or 300 baud")
                                })?
                        }
                        _ => return Err(format!("`{s}`: unknown TermiNet option `{opt}`")),
                    }
                }
                Ok(PrinterSpec::Terminet {
                    file: file.into(),
                    png,
                    pdf,
                    config,
                })
            }
            _ => Err(format!(
                "unknown printer `{kind}` (expected terminet or parallel)"
            )),
        }
    }
}

/// One `--serial` value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SerialSpec {
    /// Host serial device or pty, and the baud rate to open it at.
    Tty(String, u32),
    /// TCP connect to `host:port`.
    Tcp(String),
    /// TCP listen on `host:port`.
    Listen(String),
    /// Output to a file.
    File(PathBuf),
    /// Loopback plug.
    Loop,
}

impl FromStr for SerialSpec {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        if s == "loop" {
            return Ok(SerialSpec::Loop);
        }
        let (kind, rest) = s.split_once(':').ok_or_else(|| {
            format!("expected tty:PATH, tcp:HOST:PORT, listen:PORT, file:PATH or loop, got `{s}`")
        })?;
        if rest.is_empty() {
            return Err(format!(
                "`{s}`: missing {}",
                if kind == "listen" { "port" } else { "address" }
            ));
        }
        let has_port = |a: &str| {
            a.rsplit_once(':')
                .is_some_and(|(h, p)| !h.is_empty() && p.parse::<u16>().is_ok())
        };
        match kind {
            "tty" => {
                let (path, baud) = match rest.split_once(",baud=") {
                    Some((p, b)) => (p, b.parse().map_err(|_| format!("`{s}`: bad baud rate"))?),
                    None => (rest, 300),
                };
                Ok(SerialSpec::Tty(path.to_string(), baud))
            }
            "tcp" if has_port(rest) => Ok(SerialSpec::Tcp(rest.to_string())),
            "tcp" => Err(format!("`{s}`: expected tcp:HOST:PORT")),
            "listen" if rest.parse::<u16>().is_ok() => {
                Ok(SerialSpec::Listen(format!("127.0.0.1:{rest}")))
            }
            "listen" if has_port(rest) => Ok(SerialSpec::Listen(rest.to_string())),
            "listen" => Err(format!("`{s}`: expected listen:PORT or listen:HOST:PORT")),
            "file" => Ok(SerialSpec::File(rest.into())),
            _ => Err(format!(
                "unknown serial end `{kind}` (expected tty, tcp, listen, file or loop)"
            )),
        }
    }
}

/// Parses a byte written in decimal, `0x..`, `..H` or `$..`.
pub fn parse_byte(s: &str) -> Result<u8, String> {
    let t = s.trim();
    let lower = t.to_ascii_lowercase();
    let r = if let Some(h) = lower.strip_prefix("0x").or_else(|| lower.strip_prefix('$')) {
        u8::from_str_radix(h, 16)
    } else if let Some(h) = lower.strip_suffix('h') {
        u8::from_str_radix(h, 16)
    } else {
        t.parse::<u8>()
    };
    r.map_err(|_| format!("`{s}` is not a byte (0–255, 0x00–0xFF or 00H–FFH)"))
}

impl SerialArgs {
    /// Whether the machine needs the RS-232-C board fitted.
    pub fn needs_rs232(&self) -> bool {
        self.serial.is_some()
            || self.rs232_switches.is_some()
            || self
                .printer
                .iter()
                .any(|p| matches!(p, PrinterSpec::Terminet { .. }))
    }

    /// Checks the options fit together (one thing per connector).
    pub fn validate(&self) -> Result<()> {
        let terminets = self
            .printer
            .iter()
            .filter(|p| matches!(p, PrinterSpec::Terminet { .. }))
            .count();
        let parallels = self.printer.len() - terminets;
        if terminets > 1 || parallels > 1 {
            bail!("at most one TermiNet and one parallel printer");
        }
        if terminets == 1 && self.serial.is_some() {
            bail!("--printer terminet and --serial both need the RS-232-C connector; choose one");
        }
        Ok(())
    }

    /// Plugs the chosen ends into `machine` (built with `Config::rs232` = [`Self::needs_rs232`]).
    /// Opens every host file and connection now, so a bad path fails before the run starts.
    pub fn attach(&self, machine: &mut Machine) -> Result<SerialSession> {
        self.validate()?;
        let mut session = SerialSession::default();
        let mut end: Option<Box<dyn SerialEnd>> = None;
        for p in &self.printer {
            match p {
                PrinterSpec::Parallel { file } => {
                    session.parallel = Some(Spool::new(file, "--printer parallel")?);
                }
                PrinterSpec::Terminet {
                    file,
                    png,
                    pdf,
                    config,
                } => {
                    // Check the paths now so a bad one is reported before the run.
                    crate::outputs::check(file, "--printer terminet")?;
                    if let Some(prefix) = png {
                        crate::outputs::check(&page_path(prefix, 0), "--printer png=")?;
                    }
                    if let Some(pdf) = pdf {
                        crate::outputs::check(pdf, "--printer pdf=")?;
                    }
                    session.terminet = Some(TerminetOut {
                        text: file.clone(),
                        png: png.clone(),
                        pdf: pdf.clone(),
                    });
                    end = Some(Box::new(TerminetEnd::new(config.clone())));
                }
            }
        }
        if let Some(spec) = &self.serial {
            end = Some(match spec {
                SerialSpec::Loop => Box::new(Loopback::new()),
                SerialSpec::File(path) => {
                    let spool = Spool::new(path, "--serial file:")?;
                    session.serial_file = Some(spool.clone());
                    Box::new(HostEnd::new(FileLink::new(spool)))
                }
                SerialSpec::Tty(path, baud) => Box::new(HostEnd::new(TtyLink::open(path, *baud)?)),
                SerialSpec::Tcp(addr) => Box::new(HostEnd::new(TcpLink::connect(addr)?)),
                SerialSpec::Listen(addr) => {
                    let l = TcpListenLink::bind(addr)?;
                    eprintln!(
                        "trs80: RS-232-C board listening on {}",
                        l.local_addr().map_or(addr.clone(), |a| a.to_string())
                    );
                    Box::new(HostEnd::new(l))
                }
            });
        }
        if self.needs_rs232() {
            let t = machine.t_states();
            let Some(board) = machine.rs232() else {
                bail!("the machine was built without the RS-232-C board");
            };
            if let Some(sw) = self.rs232_switches {
                board.set_switches(sw);
            }
            if let Some(end) = end {
                board.attach(end, t);
            }
        }
        Ok(session)
    }
}

/// Where the TermiNet's paper goes at exit.
struct TerminetOut {
    text: PathBuf,
    png: Option<String>,
    pdf: Option<PathBuf>,
}

/// Output files of a run: call [`SerialSession::pump`] after each run slice and
/// [`SerialSession::finish`] at the end.
#[derive(Default)]
pub struct SerialSession {
    parallel: Option<Spool>,
    serial_file: Option<Spool>,
    terminet: Option<TerminetOut>,
    last_was_cr: bool,
    parallel_failed: bool,
}

impl SerialSession {
    /// Brings the serial line up to the machine's time, writes parallel-printer output, and
    /// prints host-side problems (once each) on stderr.
    pub fn pump(&mut self, machine: &mut Machine) {
        let t = machine.t_states();
        if let Some(board) = machine.rs232() {
            board.advance(t);
            if let Some(e) = board.end_mut().take_error() {
                eprintln!("trs80: {e}");
            }
        }
        let bytes = machine.take_printer_output();
        if let (Some(w), false) = (self.parallel.as_mut(), bytes.is_empty()) {
            let text = parallel_text(&bytes, &mut self.last_was_cr);
            if let Err(e) = w.write_all(&text).and_then(|_| w.flush()) {
                if !self.parallel_failed {
                    self.parallel_failed = true;
                    eprintln!("trs80: --printer parallel: {e}");
                }
            }
        }
    }

    /// Final pump, then writes the TermiNet's text, page pictures and PDF, each on its own
    /// (left unchanged, with a note, when nothing was printed).
    pub fn finish(&mut self, machine: &mut Machine, report: &mut Report) {
        self.pump(machine);
        if let Some(spool) = &self.parallel {
            spool.finish(report, "nothing was printed");
        }
        if let Some(spool) = &self.serial_file {
            spool.finish(report, "nothing was sent");
        }
        let Some(out) = &self.terminet else {
            return;
        };
        let Some(board) = machine.rs232() else {
            return;
        };
        let Some(end) = board.end().as_any().downcast_ref::<TerminetEnd>() else {
            return;
        };
        let printer = &end.printer;
        if printer.stats().printed == 0 {
            report.unchanged(&out.text, "--printer terminet", "nothing was printed");
            return;
        }
        report.write(&out.text, printer.text().as_bytes(), "--printer terminet");
        if let Some(prefix) = &out.png {
            for i in 0..printer.pages().len() {
                match printer.page_png(i) {
                    Some(bytes) => report.write(&page_path(prefix, i), &bytes, "page picture"),
                    None => report.add(Err(anyhow::anyhow!("cannot draw page {}", i + 1))),
                }
            }
        }
        if let Some(path) = &out.pdf {
            report.write(path, &printer.pdf(), "--printer pdf=");
        }
    }
}

/// The file of page `i` (from 0) of `png=PREFIX`.
fn page_path(prefix: &str, i: usize) -> PathBuf {
    PathBuf::from(format!("{prefix}-{}.png", i + 1))
}

/// Turns parallel-printer bytes into text: CR ends a line (an LF right after a CR is
/// dropped, a lone LF also ends a line), FF and HT are kept, other control codes and bit-7
/// codes are dropped.
pub fn parallel_text(bytes: &[u8], last_was_cr: &mut bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    for &b in bytes {
        match b {
            0x0D => out.push(b'\n'),
            0x0A if *last_was_cr => {}
            0x0A => out.push(b'\n'),
            0x09 | 0x0C | 0x20..=0x7E => out.push(b),
            _ => {}
        }
        *last_was_cr = b == 0x0D;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printer_specs() {
        let p: PrinterSpec = "terminet:out.txt,png=page,strict,width=120"
            .parse()
            .unwrap();
        let PrinterSpec::Terminet {
            file,
            png,
            pdf,
            config,
        } = p
        else {
            panic!()
        };
        assert_eq!(pdf, None);
        assert_eq!(file, PathBuf::from("out.txt"));
        assert_eq!(png.as_deref(), Some("page"));
        assert!(config.strict);
        assert_eq!(config.width, 120);
        let d: PrinterSpec = "terminet:x.txt".parse().unwrap();
        assert!(
            matches!(d, PrinterSpec::Terminet { ref config, png: None, .. } if !config.strict && config.width == 118)
        );
        assert_eq!(
            "parallel:lp.txt".parse::<PrinterSpec>().unwrap(),
            PrinterSpec::Parallel {
                file: "lp.txt".into()
            }
        );
        for bad in [
            "terminet:",
            "terminet:x,baud=1200",
            "terminet:x,bogus",
            "laser:x",
            "x.txt",
            "terminet:x,width=0",
        ] {
            assert!(bad.parse::<PrinterSpec>().is_err(), "{bad}");
        }
    }

    #[test]
    fn serial_specs() {
        assert_eq!("loop".parse::<SerialSpec>().unwrap(), SerialSpec::Loop);
        assert_eq!(
            "listen:4000".parse::<SerialSpec>().unwrap(),
            SerialSpec::Listen("127.0.0.1:4000".into())
        );
        assert_eq!(
            "listen:0.0.0.0:4000".parse::<SerialSpec>().unwrap(),
            SerialSpec::Listen("0.0.0.0:4000".into())
        );
        assert_eq!(
            "tcp:localhost:23".parse::<SerialSpec>().unwrap(),
            SerialSpec::Tcp("localhost:23".into())
        );
        assert_eq!(
            "tty:/dev/pts/3".parse::<SerialSpec>().unwrap(),
            SerialSpec::Tty("/dev/pts/3".into(), 300)
        );
        assert_eq!(
            "tty:/dev/ttyS0,baud=9600".parse::<SerialSpec>().unwrap(),
            SerialSpec::Tty("/dev/ttyS0".into(), 9600)
        );
        assert_eq!(
            "file:o.bin".parse::<SerialSpec>().unwrap(),
            SerialSpec::File("o.bin".into())
        );
        for bad in [
            "tcp:nohost",
            "listen:",
            "listen:99999",
            "modem:x",
            "tty:",
            "tty:/x,baud=fast",
        ] {
            assert!(bad.parse::<SerialSpec>().is_err(), "{bad}");
        }
    }

    #[test]
    fn bytes() {
        assert_eq!(parse_byte("0x6F"), Ok(0x6F));
        assert_eq!(parse_byte("6FH"), Ok(0x6F));
        assert_eq!(parse_byte("$6f"), Ok(0x6F));
        assert_eq!(parse_byte("111"), Ok(111));
        assert!(parse_byte("256").is_err());
        assert!(parse_byte("zz").is_err());
    }

    #[test]
    fn options_must_fit_together() {
        let a = SerialArgs {
            printer: vec!["terminet:a.txt".parse().unwrap()],
            serial: Some(SerialSpec::Loop),
            rs232_switches: None,
        };
        assert!(a.validate().is_err());
        assert!(a.needs_rs232());
        let b = SerialArgs {
            printer: vec!["parallel:a.txt".parse().unwrap()],
            ..SerialArgs::default()
        };
        assert!(b.validate().is_ok());
        assert!(!b.needs_rs232());
    }

    #[test]
    fn parallel_text_lines() {
        let mut cr = false;
        assert_eq!(
            parallel_text(b"AB\r\nC\rD\n\x01\x0c", &mut cr),
            b"AB\nC\nD\n\x0c".to_vec()
        );
        let mut cr = false;
        let first = parallel_text(b"X\r", &mut cr);
        let second = parallel_text(b"\nY", &mut cr);
        assert_eq!([first, second].concat(), b"X\nY".to_vec());
    }
}
