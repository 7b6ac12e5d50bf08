//! Save states: the whole machine to bytes and back ([`Machine::save_state`],
//! [`Machine::load_state`]). The layout is documented for users in `docs/SAVE_STATES.md`:
//!
//! ```text
//! magic "TRS80ST" 1AH (8 bytes) · version (u16) · body length (u32) · body · CRC-32 (u32)
//! body = sections in this order, each a 4-byte tag, a u32 length and its bytes:
//!   MACH  ROM hash, RAM size, Expansion Interface, RS-232-C board, pending NMI
//!   CPU   every register, WZ, Q, IFF1/2, IM, HALT, the EI delay, NMI line, LD A,I mark, T-state
//!   RAM   4000H to the top of RAM
//!   KEYS VIDE EXPN PRNT CASS   the devices (CASS: deck 1)
//!   CAS2  deck 2 (from version 3)   CREC  the recorder, when one is wired (from version 3)
//!   UART  (only with the RS-232-C board; from version 2 with the receive line and the end's
//!         own state: the TermiNet's paper, a loopback's frames, a host link's waiting bytes)
//!   FDC   (only once a disk was inserted)
//!   END   (empty)
//! ```
//!
//! All numbers are little-endian. The ROM is not stored, only its hash: a state loads only on
//! a machine with the same ROM. Loading reads and checks the whole file into a new board
//! first and replaces the running machine only when every check passed, so a refused file
//! changes nothing. The host's breakpoints stay, and so does what is plugged into the
//! RS-232-C connector (it must be the same kind as when the state was saved).

use super::{Board, Machine};
use crate::devices::cassette::Cassette;
use crate::devices::expansion::Expansion;
use crate::devices::fd1771::Fd1771;
use crate::devices::keyboard::Keyboard;
use crate::devices::printer::Printer;
use crate::devices::rs232::Rs232;
use crate::devices::serial::{EndState, SerialEnd, Unplugged};
use crate::devices::video::Video;
use crate::formats::state::{self, Reader, StateError, Writer};
use crate::machine::memory_map as map;
use crate::machine::rom;
use z80::{Cpu, Hidden, Model};

/// The first eight bytes of every save state.
pub const MAGIC: &[u8; 8] = b"TRS80ST\x1A";
/// The layout this program writes and the newest it reads; it reads every older one too
/// (the version rule and the changes are in `docs/SAVE_STATES.md`).
pub const VERSION: u16 = 3;
/// Magic, version and body length.
const HEADER: usize = 14;

/// A 64-bit FNV-1a hash of the ROM area 0000H–2FFFH as the CPU sees it: the identity of the
/// ROM a state belongs to.
pub fn rom_hash(mem: &[u8]) -> u64 {
    mem[..map::ROM_MAX]
        .iter()
        .fold(0xCBF2_9CE4_8422_2325u64, |h, &b| {
            (h ^ b as u64).wrapping_mul(0x0100_0000_01B3)
        })
}

fn section(out: &mut Writer, tag: &[u8; 4], body: impl FnOnce(&mut Writer)) {
    let mut w = Writer::new();
    body(&mut w);
    out.raw(tag);
    out.bytes(&w.buf);
}

impl Machine {
    /// The whole machine as a save state (see [`crate::machine::state`] for the layout).
    pub fn save_state(&self) -> Vec<u8> {
        let b = &self.board;
        let mut body = Writer::new();
        section(&mut body, b"MACH", |w| {
            w.u64(rom_hash(&b.mem[..]));
            w.u16(self.ram_kib());
            w.bool(b.ei);
            w.bool(b.rs232_fitted);
            w.bool(b.nmi);
        });
        section(&mut body, b"CPU ", |w| save_cpu(&self.cpu, w));
        section(&mut body, b"RAM ", |w| {
            w.raw(&b.mem[map::RAM_START as usize..=b.ram_top as usize])
        });
        section(&mut body, b"KEYS", |w| b.keyboard.save_state(w));
        section(&mut body, b"VIDE", |w| b.video.save_state(w));
        section(&mut body, b"EXPN", |w| b.expansion.save_state(w));
        section(&mut body, b"PRNT", |w| b.printer.save_state(w));
        section(&mut body, b"CASS", |w| b.cassette.save_state(w));
        section(&mut body, b"CAS2", |w| b.cassette2.save_state(w));
        if let Some(r) = b.recorder.as_deref() {
            section(&mut body, b"CREC", |w| r.save_state(w));
        }
        if b.rs232_fitted {
            section(&mut body, b"UART", |w| b.rs232.save_state(w));
        }
        if let Some(f) = b.fdc.as_deref() {
            section(&mut body, b"FDC ", |w| f.save_state(w));
        }
        section(&mut body, b"END ", |_| {});
        let mut out = Writer::new();
        out.raw(MAGIC);
        out.u16(VERSION);
        out.bytes(&body.buf);
        let crc = rom::crc32(&out.buf);
        out.u32(crc);
        out.buf
    }

    /// Replaces the running machine with the state in `bytes`. Refused, with the machine
    /// unchanged, when the file is not a state, is of a newer version, is damaged, or
    /// belongs to another ROM or another kind of RS-232-C end.
    pub fn load_state(&mut self, bytes: &[u8]) -> Result<(), StateError> {
        if bytes.len() < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
            return Err(StateError::NotAState);
        }
        let mut head = Reader::new(&bytes[..bytes.len().min(HEADER)], 0);
        head.raw(MAGIC.len(), "magic")?;
        let version = head.u16("version")?;
        if version > VERSION {
            return Err(StateError::NewerVersion {
                found: version,
                supported: VERSION,
            });
        }
        if version == 0 {
            return Err(head.invalid(2, "version (1 or later)"));
        }
        let len = head.u32("body length")? as usize;
        if bytes.len() != HEADER + len + 4 {
            return Err(StateError::Checksum);
        }
        let crc = u32::from_le_bytes(bytes[HEADER + len..].try_into().expect("4 bytes"));
        if rom::crc32(&bytes[..HEADER + len]) != crc {
            return Err(StateError::Checksum);
        }
        let body = Reader::new(&bytes[HEADER..HEADER + len], HEADER);
        let (cpu, board, end_state) = self.read_body(body, version)?;
        self.cpu = cpu;
        let mut old = std::mem::replace(&mut self.board, board);
        // What is plugged into the connector stays plugged in, in the state saved.
        if old.rs232_fitted && self.board.rs232_fitted {
            self.board.rs232.plug(old.rs232.unplug());
            if let Some(s) = end_state {
                self.board.rs232.end_mut().apply_state(s);
            }
        }
        self.board.reschedule();
        Ok(())
    }

    fn read_body(
        &mut self,
        mut r: Reader<'_>,
        version: u16,
    ) -> Result<(Cpu, Board, Option<EndState>), StateError> {
        let mut s = Sections { r: &mut r };
        let mut m = s.next(b"MACH")?;
        let saved = m.u64("ROM hash")?;
        let here = rom_hash(&self.board.mem[..]);
        if saved != here {
            return Err(StateError::WrongRom { saved, here });
        }
        let ram_kib = m.u16("RAM size")?;
        if ![4, 16, 32, 48].contains(&ram_kib) {
            return Err(m.invalid(2, "RAM size (4, 16, 32 or 48 KB)"));
        }
        let ei = m.bool("Expansion Interface")?;
        if ram_kib > 16 && !ei {
            return Err(m.invalid(1, "more than 16 KB without the Expansion Interface"));
        }
        let rs232_fitted = m.bool("RS-232-C board")?;
        let nmi = m.bool("pending NMI")?;
        m.finish("MACH section")?;

        let mut c = s.next(b"CPU ")?;
        let cpu = load_cpu(&mut c)?;
        c.finish("CPU section")?;
        let t = cpu.t;

        let ram_top = (map::RAM_START as u32 + ram_kib as u32 * 1024 - 1) as u16;
        let mut ram = s.next(b"RAM ")?;
        let mut mem = Box::new([map::FLOATING_BUS; 0x10000]);
        mem[..map::ROM_MAX].copy_from_slice(&self.board.mem[..map::ROM_MAX]);
        let n = ram_top as usize + 1 - map::RAM_START as usize;
        mem[map::RAM_START as usize..=ram_top as usize].copy_from_slice(ram.raw(n, "RAM")?);
        ram.finish("RAM section")?;

        let keyboard = s.device(b"KEYS", Keyboard::load_state)?;
        let video = s.device(b"VIDE", Video::load_state)?;
        let expansion = s.device(b"EXPN", Expansion::load_state)?;
        if ei && expansion.next_tick() > t.saturating_add(crate::devices::expansion::RTC_PERIOD_T) {
            return Err(StateError::Invalid {
                offset: s.r.offset(),
                what: "clock tick more than one period ahead",
            });
        }
        let printer = s.device(b"PRNT", Printer::load_state)?;
        let cassette = s.device(b"CASS", Cassette::load_state)?;
        let (cassette2, recorder) = if version >= 3 {
            let two = s.device(b"CAS2", Cassette::load_state)?;
            let rec = if s.peek_tag() == Some(*b"CREC") {
                Some(Box::new(s.device(b"CREC", Cassette::load_state)?))
            } else {
                None
            };
            (two, rec)
        } else {
            let mut two = Cassette::new();
            two.set_speed(cassette.speed());
            (two, None)
        };
        let here: &dyn SerialEnd = if self.board.rs232_fitted {
            self.board.rs232.end()
        } else {
            &Unplugged
        };
        let (rs232, end_state) = if rs232_fitted {
            s.device(b"UART", |r| Rs232::load_state(r, here, version))?
        } else if here.kind() != Unplugged.kind() {
            return Err(StateError::SerialEnd {
                saved: "no RS-232-C board".into(),
                here: here.kind().into(),
            });
        } else {
            (Rs232::new(), None)
        };
        let fdc = if s.peek_tag() == Some(*b"FDC ") {
            if !ei {
                return Err(StateError::Invalid {
                    offset: s.r.offset(),
                    what: "a floppy controller without the Expansion Interface",
                });
            }
            let mut f = s.next(b"FDC ")?;
            let fdc = Fd1771::load_state(&mut f, t)?;
            f.finish("FDC section")?;
            Some(Box::new(fdc))
        } else {
            None
        };
        s.next(b"END ")?.finish("END section")?;
        s.r.finish("data after the END section")?;
        Ok((
            cpu,
            Board {
                mem,
                ram_top,
                ei,
                rs232_fitted,
                next_event: 0,
                nmi,
                keyboard,
                video,
                expansion,
                printer,
                cassette,
                cassette2,
                recorder,
                rs232,
                fdc,
            },
            end_state,
        ))
    }

    fn ram_kib(&self) -> u16 {
        ((self.board.ram_top as u32 + 1 - map::RAM_START as u32) / 1024) as u16
    }
}

/// The body, section by section.
struct Sections<'r, 'a> {
    r: &'r mut Reader<'a>,
}

impl<'a> Sections<'_, 'a> {
    fn peek_tag(&self) -> Option<[u8; 4]> {
        self.r.peek4()
    }

    /// The next section, which must be `tag`.
    fn next(&mut self, tag: &'static [u8; 4]) -> state::Result<Reader<'a>> {
        let at = self.r.offset();
        let found = self.r.raw(4, "section tag")?;
        if found != tag {
            return Err(StateError::Invalid {
                offset: at,
                what: section_name(tag),
            });
        }
        let start = self.r.offset() + 4;
        let body = self.r.bytes(usize::MAX, section_name(tag))?;
        Ok(Reader::new(body, start))
    }

    /// A section read by `load`, which must use all of it.
    fn device<T>(
        &mut self,
        tag: &'static [u8; 4],
        load: impl FnOnce(&mut Reader<'a>) -> state::Result<T>,
    ) -> state::Result<T> {
        let mut r = self.next(tag)?;
        let v = load(&mut r)?;
        r.finish(section_name(tag))?;
        Ok(v)
    }
}

/// What is expected where a section tag is wrong or a section has bytes left over.
fn section_name(tag: &[u8; 4]) -> &'static str {
    match tag {
        b"MACH" => "the MACH section (machine)",
        b"CPU " => "the CPU section",
        b"RAM " => "the RAM section",
        b"KEYS" => "the KEYS section (keyboard)",
        b"VIDE" => "the VIDE section (video)",
        b"EXPN" => "the EXPN section (Expansion Interface)",
        b"PRNT" => "the PRNT section (printer)",
        b"CASS" => "the CASS section (cassette deck 1)",
        b"CAS2" => "the CAS2 section (cassette deck 2)",
        b"CREC" => "the CREC section (cassette recorder)",
        b"UART" => "the UART section (RS-232-C)",
        b"FDC " => "the FDC section (floppy controller)",
        _ => "the END section",
    }
}

fn save_cpu(cpu: &Cpu, w: &mut Writer) {
    let r = &cpu.regs;
    for v in [
        r.af, r.bc, r.de, r.hl, r.af_, r.bc_, r.de_, r.hl_, r.ix, r.iy, r.sp, r.pc, r.wz,
    ] {
        w.u16(v);
    }
    for v in [r.i, r.r, r.im, r.q] {
        w.u8(v);
    }
    let h = cpu.hidden();
    for v in [
        r.iff1,
        r.iff2,
        cpu.halted,
        h.ei_delay,
        h.nmi_line,
        h.after_ld_a_ir,
    ] {
        w.bool(v);
    }
    w.u8(match cpu.model {
        Model::Nmos => 0,
        Model::Cmos => 1,
    });
    w.u64(cpu.t);
}

fn load_cpu(c: &mut Reader<'_>) -> state::Result<Cpu> {
    let model = Model::Nmos;
    let mut cpu = Cpu::new(model);
    let mut w = [0u16; 13];
    for v in w.iter_mut() {
        *v = c.u16("CPU register")?;
    }
    let r = &mut cpu.regs;
    [
        r.af, r.bc, r.de, r.hl, r.af_, r.bc_, r.de_, r.hl_, r.ix, r.iy, r.sp, r.pc, r.wz,
    ] = w;
    r.i = c.u8("I")?;
    r.r = c.u8("R")?;
    r.im = c.tag(3, "interrupt mode (0-2)")?;
    r.q = c.u8("Q")?;
    r.iff1 = c.bool("IFF1")?;
    r.iff2 = c.bool("IFF2")?;
    cpu.halted = c.bool("HALT")?;
    let hidden = Hidden {
        ei_delay: c.bool("EI delay")?,
        nmi_line: c.bool("NMI line")?,
        after_ld_a_ir: c.bool("LD A,I mark")?,
    };
    cpu.model = match c.tag(2, "CPU model")? {
        0 => Model::Nmos,
        _ => Model::Cmos,
    };
    cpu.t = c.t("T-state clock")?;
    cpu.set_hidden(hidden);
    Ok(cpu)
}
