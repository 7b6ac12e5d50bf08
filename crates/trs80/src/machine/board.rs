//! Everything on the Z80's bus but the Z80: memory, the devices, and the one place that
//! decides which of them an address or a port reaches.
//!
//! Follows the TRS-80 Model I Technical Reference Manual (26-2103), "Address Decoding" and
//! "Port Decoding" (the address names are in [`crate::machine::memory_map`]). Every memory
//! access goes through [`Board::decode`] and every I/O access through [`Board::decode_port`];
//! [`Board::read`], [`Board::write`], [`Board::peek`] and [`Board::poke`] only say what each
//! region does for that kind of access.
//!
//! | address        | region            | read                         | write                 |
//! |----------------|-------------------|------------------------------|-----------------------|
//! | 0000H–2FFFH    | [`Region::Rom`]   | ROM (FFH past the image)     | ignored               |
//! | 3000H–37DFH    | [`Region::Unmapped`] | FFH                       | ignored               |
//! | 37E0H–37E3H    | [`Region::IntLatch`] (EI) | interrupt latch      | drive select          |
//! | 37E4H–37E7H    | [`Region::CassetteSelect`] (EI) | FFH            | cassette deck select  |
//! | 37E8H–37EBH    | [`Region::Printer`] (EI) | printer status        | printer data          |
//! | 37ECH–37EFH    | [`Region::Fdc`] (EI) | FFH: no controller         | ignored               |
//! | 3800H–3BFFH    | [`Region::Keyboard`] | key matrix rows           | ignored               |
//! | 3C00H–3FFFH    | [`Region::Video`] | video RAM                    | video RAM (bit-6 gate) |
//! | 4000H–top      | [`Region::Ram`]   | RAM                          | RAM                   |
//! | above top      | [`Region::Ram`]   | FFH (never written)          | ignored               |
//!
//! | port     | [`Port`]            | IN                             | OUT                         |
//! |----------|---------------------|--------------------------------|-----------------------------|
//! | FFH      | [`Port::CassetteVideo`] | bit 7 cassette latch, bit 6 = 0 in 32-column mode | cassette bits, bit 3 32-column mode |
//! | E8H–EBH  | [`Port::Rs232`] (board fitted) | the UART and switches | the UART and baud generator |
//! | others   | [`Port::Unmapped`]  | FFH                            | ignored                     |
//!
//! Without the Expansion Interface, 37E0H–37EFH are unmapped (so the floppy status reads FFH
//! and Level II boots to BASIC). Not emulated here: partial address decoding mirrors other than
//! the keyboard's (the devices handle their own). The floppy controller is fitted when the first
//! disk is inserted; until then 37ECH–37EFH read FFH, "no controller".

use crate::devices::cassette::Cassette;
use crate::devices::expansion::{self, Expansion};
use crate::devices::fd1771::Fd1771;
use crate::devices::keyboard::Keyboard;
use crate::devices::printer::Printer;
use crate::devices::rs232::Rs232;
use crate::devices::video::Video;
use crate::machine::memory_map as map;
use z80::{Bus, Signals};

/// What a memory address reaches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Region {
    /// The ROM sockets.
    Rom,
    /// The RAM area 4000H–FFFFH. Only the fitted size (up to `ram_top`) takes writes; the
    /// bytes above it are never written and read FFH, so reads need no size check.
    Ram,
    /// Video RAM.
    Video,
    /// The keyboard matrix.
    Keyboard,
    /// Expansion Interface interrupt latch (read) / drive select (write).
    IntLatch,
    /// Expansion Interface cassette select latch.
    CassetteSelect,
    /// Parallel printer status / data.
    Printer,
    /// Floppy controller registers.
    Fdc,
    /// Nothing: reads FFH, writes are ignored.
    Unmapped,
}

/// What an I/O port reaches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Port {
    /// Port FFH: cassette and 32-column mode.
    CassetteVideo,
    /// Ports E8H–EBH: the RS-232-C board.
    Rs232,
    /// Nothing: reads FFH, writes are ignored.
    Unmapped,
}

/// Everything on the CPU's bus, and the scheduler of the timed devices
/// ([`Board::next_event`]). The CPU is kept outside so that `cpu.run(&mut board, …)` can
/// borrow both.
#[derive(Debug)]
pub struct Board {
    /// ROM (padded to 12 KB with FFH) and RAM, flat; RAM above the fitted size stays FFH and
    /// is never written.
    pub(super) mem: Box<[u8; 0x10000]>,
    pub(super) ram_top: u16,
    pub(super) ei: bool,
    pub(super) rs232_fitted: bool,
    /// T-state of the next timed device event, or `u64::MAX`.
    pub(super) next_event: u64,
    pub(super) nmi: bool,
    pub(super) keyboard: Keyboard,
    pub(super) video: Video,
    pub(super) expansion: Expansion,
    pub(super) printer: Printer,
    /// Deck 1 (the keyboard unit's cassette port goes here unless the Expansion Interface's
    /// latch selects deck 2).
    pub(super) cassette: Cassette,
    /// Deck 2, selected through the latch at 37E4H.
    pub(super) cassette2: Cassette,
    /// A deck in RECORD wired to the port's output whichever deck is selected.
    pub(super) recorder: Option<Box<Cassette>>,
    pub(super) rs232: Rs232,
    /// The floppy controller and drives, once a disk has been inserted.
    pub(super) fdc: Option<Box<Fd1771>>,
}

impl Board {
    /// Which region `addr` reaches: the one address decoder.
    #[inline(always)]
    pub fn decode(&self, addr: u16) -> Region {
        match addr {
            0x0000..=0x2FFF => Region::Rom,
            0x4000..=0xFFFF => Region::Ram,
            0x3C00..=0x3FFF => Region::Video,
            0x3800..=0x3BFF => Region::Keyboard,
            0x37E0..=0x37EF if self.ei => match addr & 0x000C {
                0x0 => Region::IntLatch,
                0x4 => Region::CassetteSelect,
                0x8 => Region::Printer,
                _ => Region::Fdc,
            },
            _ => Region::Unmapped,
        }
    }

    /// Which device port `port` (low address byte) reaches: the one port decoder.
    #[inline(always)]
    pub fn decode_port(&self, port: u8) -> Port {
        match port {
            map::PORT_FF => Port::CassetteVideo,
            map::PORT_RS232_FIRST..=map::PORT_RS232_LAST if self.rs232_fitted => Port::Rs232,
            _ => Port::Unmapped,
        }
    }

    /// One memory read at `addr` at T-state `t` (opcode fetch or data). Memory and video RAM
    /// are read here, inline in the CPU's loop; the devices out of line.
    #[inline(always)]
    pub(super) fn read(&mut self, addr: u16, t: u64) -> u8 {
        match self.decode(addr) {
            Region::Rom | Region::Ram => self.mem[addr as usize],
            Region::Video => self.video.read(addr - map::VIDEO),
            region => self.read_device(region, addr, t),
        }
    }

    /// A read of a device register (the regions [`Board::read`] does not handle inline).
    #[inline(never)]
    fn read_device(&mut self, region: Region, addr: u16, t: u64) -> u8 {
        match region {
            Region::Keyboard => self.keyboard.read(addr, t),
            Region::IntLatch => {
                self.fdc_at(t);
                self.expansion.read_latch(t)
            }
            Region::Printer => self.printer.read_status(t),
            Region::Fdc => match self.fdc.as_deref_mut() {
                Some(f) => {
                    let v = f.read(addr, t);
                    self.fdc_sync();
                    v
                }
                None => expansion::FDC_ABSENT,
            },
            Region::Rom | Region::Ram | Region::Video => self.peek(addr),
            Region::CassetteSelect | Region::Unmapped => map::FLOATING_BUS,
        }
    }

    /// One memory write. RAM and video RAM are written here, inline in the CPU's loop; the
    /// devices out of line.
    #[inline(always)]
    pub(super) fn write(&mut self, addr: u16, v: u8, t: u64) {
        match self.decode(addr) {
            Region::Ram => {
                if addr <= self.ram_top {
                    self.mem[addr as usize] = v
                }
            }
            Region::Video => self.video.write(addr - map::VIDEO, v),
            Region::Rom | Region::Keyboard | Region::Unmapped => {}
            region => self.write_device(region, addr, v, t),
        }
    }

    /// A write to a device register (the regions [`Board::write`] does not handle inline).
    #[inline(never)]
    fn write_device(&mut self, region: Region, addr: u16, v: u8, t: u64) {
        match region {
            Region::IntLatch => {
                self.expansion.write_drive_select(v);
                if let Some(f) = self.fdc.as_deref_mut() {
                    f.select(v, t);
                    self.fdc_sync();
                }
            }
            Region::CassetteSelect => {
                let was = self.deck2_connected();
                self.expansion.write_cassette_select(v);
                if was != self.deck2_connected() {
                    let (old, new) = if was {
                        (&mut self.cassette2, &mut self.cassette)
                    } else {
                        (&mut self.cassette, &mut self.cassette2)
                    };
                    let bits = old.port_bits();
                    old.connect(false, bits, t);
                    new.connect(true, bits, t);
                }
            }
            Region::Printer => self.printer.write_data(v, t),
            Region::Fdc => {
                if let Some(f) = self.fdc.as_deref_mut() {
                    f.write(addr, v, t);
                    self.fdc_sync();
                }
            }
            Region::Rom | Region::Ram | Region::Video | Region::Keyboard | Region::Unmapped => {}
        }
    }

    /// What a read would return, with no side effect (the key queue does not advance, the
    /// interrupt latch is not cleared).
    pub(super) fn peek(&self, addr: u16) -> u8 {
        match self.decode(addr) {
            Region::Rom | Region::Ram => self.mem[addr as usize],
            Region::Video => self.video.read(addr - map::VIDEO),
            Region::Keyboard => self.keyboard.peek(addr),
            Region::IntLatch => self.expansion.peek_latch(),
            Region::Printer => self.printer.read_status(0),
            Region::Fdc => self
                .fdc
                .as_ref()
                .map_or(expansion::FDC_ABSENT, |f| f.peek(addr)),
            Region::CassetteSelect | Region::Unmapped => map::FLOATING_BUS,
        }
    }

    /// A host-side write: RAM and video RAM only; device registers are left alone.
    pub(super) fn poke(&mut self, addr: u16, v: u8) {
        match self.decode(addr) {
            Region::Ram if addr <= self.ram_top => self.mem[addr as usize] = v,
            Region::Video => self.video.write(addr - map::VIDEO, v),
            _ => {}
        }
    }

    pub(super) fn port_in(&mut self, port: u16, t: u64) -> u8 {
        let p = port as u8;
        match self.decode_port(p) {
            Port::CassetteVideo => {
                let latch = if self.deck().input_latch(t) { 0x80 } else { 0 };
                let mode = if self.video.wide() { 0 } else { 0x40 };
                latch | mode | 0x3F
            }
            Port::Rs232 => {
                let v = self.rs232.io_read(p, t);
                self.reschedule();
                v
            }
            Port::Unmapped => map::FLOATING_BUS,
        }
    }

    pub(super) fn port_out(&mut self, port: u16, v: u8, t: u64) {
        let p = port as u8;
        match self.decode_port(p) {
            Port::CassetteVideo => {
                self.video.set_wide(v & 0x08 != 0);
                self.deck().port_out(v, t);
                if let Some(r) = self.recorder.as_deref_mut() {
                    r.port_out(v, t);
                }
            }
            Port::Rs232 => {
                self.rs232.io_write(p, v, t);
                self.reschedule();
            }
            Port::Unmapped => {}
        }
    }

    /// True when the Expansion Interface's latch connects the cassette port to deck 2.
    #[inline]
    pub(super) fn deck2_connected(&self) -> bool {
        self.ei && self.expansion.deck2_selected()
    }

    /// The deck the cassette port is connected to.
    #[inline]
    pub(super) fn deck(&mut self) -> &mut Cassette {
        if self.deck2_connected() {
            &mut self.cassette2
        } else {
            &mut self.cassette
        }
    }

    /// The T-state of the earliest event of any fitted timed device, or `u64::MAX`.
    ///
    /// | device | its events |
    /// |---|---|
    /// | Expansion Interface | each 40 Hz clock tick (sets the interrupt latch) |
    /// | RS-232-C board | the moment a written character moves into the shift register and its frame goes on the line (one 16× clock after the write, or when the frame before it ends) |
    /// | floppy controller | the next byte, step, head settle or timeout of a command, an index pulse while Force Interrupt waits for one, the motor stopping under a transfer |
    ///
    /// The cassette has no events: the deck works out the tape's pulses from the T-state of
    /// each port FFH access, and the Model I takes no interrupt from it. Everything else (the
    /// keyboard queue, video, printer port) acts only when the CPU touches it.
    pub fn next_event(&self) -> u64 {
        let mut next = u64::MAX;
        if self.ei {
            next = next.min(self.expansion.next_tick());
        }
        if self.rs232_fitted {
            next = next.min(self.rs232.next_event());
        }
        if let Some(f) = self.fdc.as_deref() {
            next = next.min(f.next_event());
        }
        next
    }

    /// Recomputes the earliest device event (after the host or the CPU changed a device).
    pub(super) fn reschedule(&mut self) {
        self.next_event = self.next_event();
    }

    /// Brings every timed device up to `t` and schedules the next event.
    #[cold]
    #[inline(never)]
    fn run_events(&mut self, t: u64) {
        if self.ei {
            self.expansion.advance(t);
        }
        if self.rs232_fitted {
            self.rs232.advance(t);
        }
        if let Some(f) = self.fdc.as_deref_mut() {
            f.advance(t);
            self.expansion.set_fdc_intrq(f.intrq());
        }
        self.reschedule();
    }

    /// Brings the floppy controller up to `t` (before the interrupt latch is read).
    fn fdc_at(&mut self, t: u64) {
        if let Some(f) = self.fdc.as_deref_mut() {
            f.advance(t);
            self.fdc_sync();
        }
    }

    /// After a controller access: its INTRQ into the interrupt latch, its next event into the
    /// schedule.
    fn fdc_sync(&mut self) {
        if let Some(f) = self.fdc.as_deref() {
            self.expansion.set_fdc_intrq(f.intrq());
            self.next_event = self.next_event.min(f.next_event());
        }
    }

    /// SYSRES: the floppy controller's master reset.
    pub(super) fn reset_fdc(&mut self, t: u64) {
        if let Some(f) = self.fdc.as_deref_mut() {
            f.reset(t);
            self.expansion.set_fdc_intrq(false);
        }
    }

    /// The interrupt lines at `t`, bringing the timed devices up to `t` first when one of
    /// them is due. Called at every instruction boundary: the CPU runs to the earliest
    /// device event and no further before the device acts, whatever the program does.
    #[inline(always)]
    pub(super) fn signals(&mut self, t: u64) -> Signals {
        if t >= self.next_event {
            self.run_events(t);
        }
        let mut s = if self.expansion.int_pending() {
            Signals::INT
        } else {
            Signals::NONE
        };
        if self.nmi {
            self.nmi = false;
            s = s | Signals::NMI;
        }
        s
    }
}

impl Bus for Board {
    #[inline(always)]
    fn fetch_opcode(&mut self, addr: u16, t: u64) -> u8 {
        self.read(addr, t)
    }
    #[inline(always)]
    fn mem_read(&mut self, addr: u16, t: u64) -> u8 {
        self.read(addr, t)
    }
    #[inline(always)]
    fn mem_write(&mut self, addr: u16, value: u8, t: u64) {
        self.write(addr, value, t)
    }
    fn io_read(&mut self, port: u16, t: u64) -> u8 {
        self.port_in(port, t)
    }
    fn io_write(&mut self, port: u16, value: u8, t: u64) {
        self.port_out(port, value, t)
    }
    #[inline(always)]
    fn poll(&mut self, t: u64, _pc: u16) -> Signals {
        self.signals(t)
    }
    fn peek(&self, addr: u16) -> u8 {
        Board::peek(self, addr)
    }
}
