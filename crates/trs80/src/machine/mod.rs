//! The whole Model I as one object: a Z80 plus the keyboard unit's ROM, RAM, keyboard and
//! video, and (optionally) the Expansion Interface with its clock, printer port and extra RAM,
//! and the RS-232-C board.
//!
//! Follows the TRS-80 Model I Technical Reference Manual (26-2103). This folder is the machine
//! layer, above the devices ([`crate::devices`]) and below the loader, the monitor and the
//! front ends:
//!
//! | file | what |
//! |---|---|
//! | `mod.rs` | this façade: [`Config`], [`Machine`], running in T-states, host access |
//! | `board.rs` | [`Board`]: memory, devices, the one address decoder and port decoder, the scheduler of timed devices |
//! | `debug_bus.rs` | the checking bus used while breakpoints or watchpoints are set |
//! | `debug.rs` | the breakpoint, watchpoint and port-break sets |
//! | `memory_map.rs` | named addresses and ports |
//! | `rom.rs` | ROM sizes and identification |
//! | `state.rs` | save states: the machine to bytes and back |
//!
//! Without the Expansion Interface, 37E0H–37EFH read FFH like any unused address (so the
//! floppy status reads FFH and Level II boots to BASIC), there is no interrupt source and RAM
//! is at most 16 KB. Unused I/O ports read FFH. The RESET button drives NMI; power-on is a Z80
//! /RESET.
//!
//! Timing: one frame is [`T_PER_FRAME`] = 29,568 T-states (1,774,080 Hz / 60), see
//! [`crate::clock`]. Nothing here uses wall time.
//!
//! Not emulated: the HALT → NMI gate some boards have (a HALT stops the run with
//! [`StopReason::Halted`] and waits for an interrupt), video-access "snow", the disk
//! controller, RAM above 16 KB without an Expansion Interface, speed-up kits.
//!
//! ```
//! use trs80_machine::{Config, Machine, StopReason};
//! let rom = [0x18, 0xFE]; // JR $ — a 2-byte stand-in; real ROMs are 2/4/8/12 KB
//! let mut image = vec![0xFF; 2048];
//! image[..2].copy_from_slice(&rom);
//! let mut m = Machine::new(&Config { rom: &image, ..Config::default() }).unwrap();
//! let _ = m.run_frame(); // 29,568 T-states; a front end calls this 60 times a second
//! let text = m.screen_text();
//! assert_eq!(text.lines().count(), 16);
//! ```

mod board;
pub mod debug;
mod debug_bus;
mod decks;
pub mod memory_map;
pub mod rom;
pub mod state;

pub use board::{Board, Port, Region};

use crate::devices::cassette::Cassette;
use crate::devices::expansion::Expansion;
use crate::devices::fd1771::Fd1771;
use crate::devices::keyboard::{Key, Keyboard};
use crate::devices::printer::Printer;
use crate::devices::rs232::Rs232;
use crate::devices::video::Video;
use crate::formats::disk::Disk;
use debug::Debug;
use debug_bus::DebugBus;
use memory_map as map;
use rom::RomKind;
use z80::{Cpu, Exit, Model};

pub use crate::clock::{CPU_HZ, T_PER_FRAME};
/// Frames the tool helpers let the program settle after typing.
const SETTLE_FRAMES: u32 = 6;

/// How the machine is built. `Config::default()` is 48 KB with the Expansion
/// Interface, no lower-case modification, no RS-232 board and an empty ROM
/// (which [`Machine::new`] rejects: set `rom`).
#[derive(Clone, Copy, Debug)]
pub struct Config<'a> {
    /// The ROM image: 2, 4, 8 or 12 KB, mapped from 0000H.
    pub rom: &'a [u8],
    /// RAM in KB: 4, 16, 32 or 48 (more than 16 needs the Expansion Interface).
    pub ram_kib: u16,
    /// The Expansion Interface: 40 Hz clock interrupt, printer port, RAM above
    /// 16 KB, the 37E0H latch.
    pub expansion_interface: bool,
    /// The lower-case modification (video RAM keeps bit 6).
    pub lowercase_mod: bool,
    /// The RS-232-C board (ports E8H–EBH).
    pub rs232: bool,
    /// What the caller knows the ROM to be (for example our own ROM, which it built itself).
    /// `None`: identify the image by its CRC-32 ([`rom::identify`]), which knows Tandy's ROMs.
    pub rom_kind: Option<RomKind>,
}

impl Default for Config<'_> {
    fn default() -> Self {
        Config {
            rom: &[],
            ram_kib: 48,
            expansion_interface: true,
            lowercase_mod: false,
            rs232: false,
            rom_kind: None,
        }
    }
}

/// Why a [`Config`] cannot be built.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfigError {
    /// The ROM image is empty.
    RomEmpty,
    /// The ROM image is not 2, 4, 8 or 12 KB (its size in bytes).
    RomSize(usize),
    /// RAM size not 4, 16, 32 or 48 KB.
    RamSize(u16),
    /// More than 16 KB of RAM asked for without the Expansion Interface.
    RamNeedsExpansionInterface(u16),
    /// A disk drive asked for on a machine without the Expansion Interface.
    DiskNeedsExpansionInterface,
    /// Drive number not 0–3.
    NoSuchDrive(usize),
}

impl core::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            ConfigError::RomEmpty => f.write_str("the ROM image is empty"),
            ConfigError::RomSize(n) => write!(
                f,
                "the ROM image is {n} bytes; the Model I takes 2, 4, 8 or 12 KB (2048, 4096, 8192 or 12288 bytes)"
            ),
            ConfigError::RamSize(k) => {
                write!(f, "{k} KB of RAM is not a Model I size (4, 16, 32 or 48 KB)")
            }
            ConfigError::RamNeedsExpansionInterface(k) => write!(
                f,
                "{k} KB of RAM needs the Expansion Interface (the keyboard unit holds at most 16 KB)"
            ),
            ConfigError::DiskNeedsExpansionInterface => {
                f.write_str("disk drives need the Expansion Interface")
            }
            ConfigError::NoSuchDrive(n) => write!(f, "there is no drive {n}: drives are 0 to 3"),
        }
    }
}

impl std::error::Error for ConfigError {}

/// Why [`Machine::run_for`], [`Machine::run_frame`] or [`Machine::step`] returned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StopReason {
    /// The T-state budget was spent.
    BudgetSpent,
    /// About to execute the instruction at this breakpoint.
    Breakpoint(u16),
    /// The last instruction accessed a watched address.
    Watchpoint {
        /// The address.
        addr: u16,
        /// True for a write, false for a read.
        write: bool,
        /// The byte read or written.
        value: u8,
    },
    /// The last instruction did IN or OUT on a watched port.
    PortBreak {
        /// The port (low address byte).
        port: u8,
        /// True for OUT, false for IN.
        write: bool,
        /// The byte read or written.
        value: u8,
    },
    /// The CPU executed HALT.
    Halted,
    /// [`Machine::step`] ran one instruction.
    Stepped,
}

/// A TRS-80 Model I.
#[derive(Debug)]
pub struct Machine {
    cpu: Cpu,
    board: Board,
    debug: Debug,
    rom_kind: RomKind,
}

impl Machine {
    /// Build a machine (powered on, PC = 0). Fails, changing nothing, on a ROM
    /// image of the wrong size or an impossible RAM size.
    pub fn new(config: &Config<'_>) -> Result<Machine, ConfigError> {
        let rom = config.rom;
        if rom.is_empty() {
            return Err(ConfigError::RomEmpty);
        }
        if !rom::ROM_SIZES.contains(&rom.len()) {
            return Err(ConfigError::RomSize(rom.len()));
        }
        let ram_kib = config.ram_kib;
        if ![4, 16, 32, 48].contains(&ram_kib) {
            return Err(ConfigError::RamSize(ram_kib));
        }
        if ram_kib > 16 && !config.expansion_interface {
            return Err(ConfigError::RamNeedsExpansionInterface(ram_kib));
        }
        let mut mem = Box::new([map::FLOATING_BUS; 0x10000]);
        mem[..rom.len()].copy_from_slice(rom);
        let ram_top = (map::RAM_START as u32 + ram_kib as u32 * 1024 - 1) as u16;
        mem[map::RAM_START as usize..=ram_top as usize].fill(0);
        let ei = config.expansion_interface;
        let mut board = Board {
            mem,
            ram_top,
            ei,
            rs232_fitted: config.rs232,
            next_event: 0,
            nmi: false,
            keyboard: Keyboard::new(),
            video: Video::new(config.lowercase_mod),
            expansion: Expansion::new(),
            printer: Printer::new(),
            cassette: Cassette::new(),
            cassette2: Cassette::new(),
            recorder: None,
            rs232: Rs232::new(),
            fdc: None,
        };
        board.reschedule();
        Ok(Machine {
            cpu: Cpu::new(Model::Nmos),
            board,
            debug: Debug::default(),
            rom_kind: config.rom_kind.unwrap_or_else(|| rom::identify(rom)),
        })
    }

    /// Which ROM the machine was built with.
    pub fn rom_kind(&self) -> RomKind {
        self.rom_kind
    }

    /// Power-on reset: the Z80 /RESET line, the 32-column latch and the
    /// interrupt latch cleared, the key queue dropped. RAM and video RAM keep
    /// their contents; time keeps counting.
    pub fn power_on_reset(&mut self) {
        self.cpu.reset();
        let t = self.cpu.t;
        let b = &mut self.board;
        b.video.set_wide(false);
        b.keyboard.clear_queue();
        b.nmi = false;
        if b.ei {
            b.expansion.reset(t);
        }
        b.reset_fdc(t);
        b.reschedule();
    }

    /// The Model I RESET button: a pulse on the Z80 NMI line, taken at the
    /// next instruction boundary.
    pub fn reset_button(&mut self) {
        self.board.nmi = true;
        // The button also drives SYSRES, which resets the floppy controller.
        self.board.reset_fdc(self.cpu.t);
        self.board.reschedule();
    }

    /// Put a disk image in drive `drive` (0–3), with the write-protect tab on or off. The
    /// first disk fits the floppy controller to the Expansion Interface.
    pub fn insert_disk(
        &mut self,
        drive: usize,
        disk: Disk,
        write_protect: bool,
    ) -> Result<(), ConfigError> {
        if !self.board.ei {
            return Err(ConfigError::DiskNeedsExpansionInterface);
        }
        if drive >= crate::devices::drives::DRIVES {
            return Err(ConfigError::NoSuchDrive(drive));
        }
        let t = self.cpu.t;
        let f = self.board.fdc.get_or_insert_with(|| {
            let mut f = Box::new(Fd1771::new());
            f.reset(t);
            f
        });
        f.insert(drive, disk, write_protect);
        self.board.reschedule();
        Ok(())
    }

    /// The floppy controller and its drives, if a disk was ever inserted.
    pub fn fdc(&self) -> Option<&Fd1771> {
        self.board.fdc.as_deref()
    }

    /// The floppy controller, for ejecting disks and clearing their changed flags.
    pub fn fdc_mut(&mut self) -> Option<&mut Fd1771> {
        self.board.fdc.as_deref_mut()
    }

    /// Run for `t_states` T-states (the last instruction may overshoot), or
    /// until a breakpoint, watchpoint, port break or HALT.
    pub fn run_for(&mut self, t_states: u64) -> StopReason {
        let until = self.cpu.t.saturating_add(t_states);
        // The host may have changed a device between runs (e.g. through `rs232()`).
        self.board.reschedule();
        if self.debug.any() {
            let mut bus = DebugBus {
                board: &mut self.board,
                debug: &self.debug,
                first: true,
                hit: None,
            };
            let exit = self.cpu.run(&mut bus, until);
            let hit = bus.hit.take();
            match (exit, hit) {
                (_, Some(reason)) => reason,
                (Exit::Halted, None) => StopReason::Halted,
                _ => StopReason::BudgetSpent,
            }
        } else {
            match self.cpu.run(&mut self.board, until) {
                Exit::Halted => StopReason::Halted,
                _ => StopReason::BudgetSpent,
            }
        }
    }

    /// Run one video frame ([`T_PER_FRAME`] T-states).
    pub fn run_frame(&mut self) -> StopReason {
        self.run_for(T_PER_FRAME)
    }

    /// Execute one instruction (or accept one interrupt). A breakpoint at the
    /// current PC is stepped over; a watchpoint or port break the instruction
    /// hits is reported instead of [`StopReason::Stepped`].
    pub fn step(&mut self) -> StopReason {
        self.board.reschedule();
        let mut bus = DebugBus {
            board: &mut self.board,
            debug: &self.debug,
            first: true,
            hit: None,
        };
        let exit = self.cpu.step(&mut bus);
        match (bus.hit.take(), exit) {
            (Some(StopReason::Breakpoint(_)), _) | (None, _) => {
                if exit == Exit::Halted {
                    StopReason::Halted
                } else {
                    StopReason::Stepped
                }
            }
            (Some(reason), _) => reason,
        }
    }

    /// T-state of the earliest pending event of any timed device (the Expansion Interface
    /// clock, the RS-232-C transmitter), or `u64::MAX`; see [`Board::next_event`].
    pub fn next_event(&self) -> u64 {
        self.board.next_event()
    }

    /// T-states since power-on.
    pub fn t_states(&self) -> u64 {
        self.cpu.t
    }

    /// The CPU.
    pub fn cpu(&self) -> &Cpu {
        &self.cpu
    }

    /// The CPU, for changing registers.
    pub fn cpu_mut(&mut self) -> &mut Cpu {
        &mut self.cpu
    }

    /// What the CPU would read at `addr`, with no side effect (the keyboard
    /// queue does not advance, the interrupt latch is not cleared).
    pub fn peek(&self, addr: u16) -> u8 {
        self.board.peek(addr)
    }

    /// Write RAM or video RAM (video through the bit-6 gate); writes to ROM,
    /// device registers and unfitted addresses are ignored.
    pub fn poke(&mut self, addr: u16, v: u8) {
        self.board.poke(addr, v);
    }

    /// [`Machine::poke`] each byte from `addr` on (wrapping at FFFFH).
    pub fn load(&mut self, addr: u16, bytes: &[u8]) {
        for (i, &b) in bytes.iter().enumerate() {
            self.poke(addr.wrapping_add(i as u16), b);
        }
    }

    /// The last RAM address (4FFFH, 7FFFH, BFFFH or FFFFH).
    pub fn ram_top(&self) -> u16 {
        self.board.ram_top
    }

    /// Press a key (host side; held until [`Machine::key_up`]).
    pub fn key_down(&mut self, k: Key) {
        self.board.keyboard.key_down(k);
    }

    /// Release a key.
    pub fn key_up(&mut self, k: Key) {
        self.board.keyboard.key_up(k);
    }

    /// Queue text to be typed, timed in T-states (see [`crate::devices::keyboard`]):
    /// `'\n'` is ENTER, lower case is SHIFT + letter, shifted symbols use SHIFT; each line
    /// after the first waits until the program asks for a key again.
    pub fn type_text(&mut self, s: &str) {
        self.board.keyboard.type_text(s);
    }

    /// True while queued keys remain.
    pub fn typing_pending(&self) -> bool {
        self.board.keyboard.typing_pending(self.cpu.t)
    }

    /// The keyboard (read-only: reads so far, whether presses are still queued).
    pub fn keyboard(&self) -> &Keyboard {
        &self.board.keyboard
    }

    /// The keyboard (queue hold time, queued key chords).
    pub fn keyboard_mut(&mut self) -> &mut Keyboard {
        &mut self.board.keyboard
    }

    /// The screen as 16 lines of 64 characters joined by `'\n'`; see
    /// [`Video::text_char`] (graphics show as spaces).
    pub fn screen_text(&self) -> String {
        self.board.video.screen_text()
    }

    /// The 1 KB of video RAM (as stored: bit 6 gated on a stock machine).
    pub fn video_ram(&self) -> &[u8; 1024] {
        self.board.video.ram()
    }

    /// True when the lower-case modification is fitted (video RAM keeps bit 6).
    pub fn lowercase_mod(&self) -> bool {
        self.board.video.lowercase_mod()
    }

    /// True in 32-column mode.
    pub fn wide_mode(&self) -> bool {
        self.board.video.wide()
    }

    /// Render the screen into `fb` (0x00RRGGBB, `video::SCREEN_W` ×
    /// `video::SCREEN_H`, white on black).
    pub fn render(&self, fb: &mut [u32]) {
        self.board.video.render(fb);
    }

    /// Run frames until the screen text contains `text` (true) or
    /// `max_frames` frames have run (false).
    pub fn run_until_text(&mut self, text: &str, max_frames: u32) -> bool {
        self.run_until(max_frames, |m| m.screen_text().contains(text))
    }

    /// Run frames until `done(self)` holds (checked before each frame and
    /// after the last; true) or `max_frames` frames have run (false).
    pub fn run_until(&mut self, max_frames: u32, mut done: impl FnMut(&Machine) -> bool) -> bool {
        for _ in 0..max_frames {
            if done(self) {
                return true;
            }
            self.run_frame();
        }
        done(self)
    }

    /// Run frames until the key queue is drained, then a few more frames so
    /// the program can act on the last key. False if `max_frames` ran out first.
    pub fn run_until_typed(&mut self, max_frames: u32) -> bool {
        for _ in 0..max_frames {
            if !self.typing_pending() {
                for _ in 0..SETTLE_FRAMES {
                    self.run_frame();
                }
                return true;
            }
            self.run_frame();
        }
        false
    }

    /// Take the bytes sent to the parallel printer so far.
    pub fn take_printer_output(&mut self) -> Vec<u8> {
        self.board.printer.take_output()
    }

    /// The printer port (to put the printer off line).
    pub fn printer(&mut self) -> &mut Printer {
        &mut self.board.printer
    }

    /// Breakpoints, watchpoints and port breaks.
    pub fn debug(&mut self) -> &mut Debug {
        &mut self.debug
    }

    /// The RS-232-C board, when fitted.
    pub fn rs232(&mut self) -> Option<&mut Rs232> {
        if self.board.rs232_fitted {
            Some(&mut self.board.rs232)
        } else {
            None
        }
    }

    /// What a save state cannot restore of what is plugged into the RS-232-C board (a host
    /// peer is not rewound), to tell the user once when a state is loaded.
    pub fn serial_state_note(&self) -> Option<&'static str> {
        self.board
            .rs232_fitted
            .then(|| self.board.rs232.end().state_note())
            .flatten()
    }

    /// The Expansion Interface registers, when fitted.
    pub fn expansion(&self) -> Option<&Expansion> {
        self.board.ei.then_some(&self.board.expansion)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::devices::expansion;
    use crate::devices::serial::{FileLink, HostEnd};
    use z80::Signals;

    fn rom(size: usize) -> Vec<u8> {
        vec![0u8; size]
    }

    #[test]
    fn config_errors() {
        let r = rom(0x3000);
        let ok = Config {
            rom: &r,
            ..Config::default()
        };
        assert!(Machine::new(&ok).is_ok());
        assert_eq!(
            Machine::new(&Config::default()).unwrap_err(),
            ConfigError::RomEmpty
        );
        let big = rom(0x3001);
        assert_eq!(
            Machine::new(&Config { rom: &big, ..ok }).unwrap_err(),
            ConfigError::RomSize(0x3001)
        );
        let huge = rom(0x4000);
        assert_eq!(
            Machine::new(&Config { rom: &huge, ..ok }).unwrap_err(),
            ConfigError::RomSize(0x4000)
        );
        assert_eq!(
            Machine::new(&Config { ram_kib: 8, ..ok }).unwrap_err(),
            ConfigError::RamSize(8)
        );
        assert_eq!(
            Machine::new(&Config {
                expansion_interface: false,
                ..ok
            })
            .unwrap_err(),
            ConfigError::RamNeedsExpansionInterface(48)
        );
        for size in rom::ROM_SIZES {
            let r = rom(size);
            assert!(Machine::new(&Config { rom: &r, ..ok }).is_ok(), "{size}");
        }
        assert!(ConfigError::RomSize(5).to_string().contains("5 bytes"));
    }

    #[test]
    fn memory_map_and_unmapped_reads() {
        let mut r = rom(0x1000);
        r[0] = 0x12;
        let mut m = Machine::new(&Config {
            rom: &r,
            ram_kib: 16,
            expansion_interface: false,
            ..Config::default()
        })
        .unwrap();
        assert_eq!(m.ram_top(), 0x7FFF);
        assert_eq!(m.peek(0), 0x12);
        assert_eq!(m.peek(0x1000), 0xFF); // empty socket
        assert_eq!(m.peek(0x3000), 0xFF);
        assert_eq!(m.peek(0x37EC), 0xFF); // no EI
        assert_eq!(m.peek(0x8000), 0xFF); // no RAM
        m.poke(0, 0x99); // ROM: ignored
        assert_eq!(m.peek(0), 0x12);
        m.poke(0x8000, 1); // unfitted: ignored
        assert_eq!(m.peek(0x8000), 0xFF);
        m.poke(0x7FFF, 0x5A);
        assert_eq!(m.peek(0x7FFF), 0x5A);
        m.poke(0x3C00, 0x61); // video, gated
        assert_eq!(m.peek(0x3C00), 0x21);
        m.key_down(Key::Char(b'Z'));
        assert_eq!(m.peek(0x3808), 0x04);
        // The bus path sees the same.
        assert_eq!(m.board.read(0x3808, 0), 0x04);
        assert_eq!(m.board.port_in(0xFF, 0) & 0x7F, 0x7F);
        m.board.port_out(0xFF, 0x08, 0);
        assert!(m.wide_mode());
        assert_eq!(m.board.port_in(0xFF, 0) & 0x40, 0);
        assert_eq!(m.board.port_in(0x12, 0), 0xFF);
    }

    #[test]
    fn read_peek_write_and_poke_share_one_decoder() {
        for (ram_kib, ei) in [(16, false), (48, true), (4, true)] {
            let mut r = rom(0x2000);
            r.iter_mut().enumerate().for_each(|(i, b)| *b = i as u8);
            let config = Config {
                rom: &r,
                ram_kib,
                expansion_interface: ei,
                ..Config::default()
            };
            let mut bus = Machine::new(&config).unwrap();
            let mut host = Machine::new(&config).unwrap();
            for addr in 0..=0xFFFFu16 {
                let region = bus.board.decode(addr);
                // A fresh machine: no key down, no tick pending, so reads have no effect.
                assert_eq!(
                    bus.board.read(addr, 0),
                    host.peek(addr),
                    "{addr:04X} {region:?}"
                );
                if matches!(
                    region,
                    Region::Printer | Region::IntLatch | Region::CassetteSelect
                ) {
                    continue; // writes to device latches are not host pokes
                }
                let before = host.peek(addr);
                let v = (addr as u8) ^ 0x5A;
                bus.board.write(addr, v, 0);
                host.poke(addr, v);
                assert_eq!(bus.peek(addr), host.peek(addr), "{addr:04X} {region:?}");
                match region {
                    Region::Ram if addr <= bus.ram_top() => assert_eq!(host.peek(addr), v),
                    Region::Video => {} // the bit-6 gate: same on both paths, checked above
                    _ => assert_eq!(host.peek(addr), before, "{addr:04X} {region:?} changed"),
                }
            }
        }
    }

    #[test]
    fn expansion_registers() {
        let r = rom(0x3000);
        let mut m = Machine::new(&Config {
            rom: &r,
            ..Config::default()
        })
        .unwrap();
        assert_eq!(m.ram_top(), 0xFFFF);
        let b = &mut m.board;
        assert_eq!(b.read(0x37EC, 0), 0xFF);
        assert_eq!(b.read(0x37E8, 0) & 0xF0, 0x30);
        b.write(0x37E8, b'X', 0);
        assert_eq!(b.read(0x37E0, 100), 0);
        assert!(b.signals(expansion::RTC_PERIOD_T).contains(Signals::INT));
        assert_eq!(b.read(0x37E0, expansion::RTC_PERIOD_T + 4), 0x80);
        assert!(!b
            .signals(expansion::RTC_PERIOD_T + 8)
            .contains(Signals::INT));
        b.write(0x37E4, 1, 0);
        assert_eq!(b.expansion.cassette_select(), 1);
        assert_eq!(m.take_printer_output(), b"X");
    }

    #[test]
    fn the_select_latch_connects_deck_1_or_deck_2() {
        let r = rom(0x3000);
        let mut m = Machine::new(&Config {
            rom: &r,
            ..Config::default()
        })
        .unwrap();
        m.cassette().insert(vec![0x55; 20]);
        m.cassette2().insert(vec![0xAA; 20]);
        m.attach_recorder();
        assert_eq!(m.selected_deck(), 1);
        m.board.port_out(0xFF, 0x04, 10);
        assert!(m.cassette().motor_on() && !m.cassette2().motor_on());
        // POKE 14308,2: deck 2 takes the port, its motor starts and deck 1's stops.
        m.board.write(0x37E4, 2, 20);
        assert_eq!(m.selected_deck(), 2);
        assert!(!m.cassette().motor_on() && m.cassette2().motor_on());
        let t = 40_000;
        let _ = m.board.port_in(0xFF, t);
        assert!(m.cassette2().position() > 0, "deck 2 plays");
        assert_eq!(m.cassette().position(), 0, "deck 1 stands still");
        // Any value but 2 is deck 1 again; the recorder followed the motor throughout.
        m.board.write(0x37E4, 3, t);
        assert_eq!(m.selected_deck(), 1);
        assert!(m.cassette().motor_on() && !m.cassette2().motor_on());
        assert!(m.recorder().unwrap().motor_on());
        m.board.port_out(0xFF, 0x00, t + 10);
        assert!(!m.cassette().motor_on() && !m.recorder().unwrap().motor_on());
        // Without the Expansion Interface there is one deck.
        let mut bare = Machine::new(&Config {
            rom: &r,
            expansion_interface: false,
            ram_kib: 16,
            ..Config::default()
        })
        .unwrap();
        bare.board.write(0x37E4, 2, 0);
        assert_eq!(bare.selected_deck(), 1);
    }

    #[test]
    fn rom_kind_reported() {
        let r = rom(0x800);
        let m = Machine::new(&Config {
            rom: &r,
            ..Config::default()
        })
        .unwrap();
        assert_eq!(m.rom_kind(), RomKind::Unknown(rom::crc32(&r)));
        let told = Machine::new(&Config {
            rom: &r,
            rom_kind: Some(RomKind::Free),
            ..Config::default()
        })
        .unwrap();
        assert_eq!(told.rom_kind(), RomKind::Free);
    }

    /// A machine whose ROM is `src` assembled at 0000H.
    fn with_program(src: &str) -> (Machine, z80asm::SymbolTable) {
        let asm = z80asm::assemble_str("t.asm", src, &z80asm::Options::default()).unwrap();
        let mut r = asm.image.clone();
        r.resize(0x800, 0xFF);
        let m = Machine::new(&Config {
            rom: &r,
            ..Config::default()
        })
        .unwrap();
        (m, asm.symbols)
    }

    const LOOP: &str = "
        ORG 0
        LD SP,4800H
        LD HL,5000H
LOOP:   INC (HL)
        LD A,(5001H)
        OUT (12H),A
        IN A,(34H)
MARK:   JR LOOP
";

    #[test]
    fn breakpoints_stop_before_and_continue() {
        let (mut m, sym) = with_program(LOOP);
        let mark = sym.get("MARK").unwrap();
        m.debug().add_breakpoint(mark);
        assert_eq!(m.run_for(10_000), StopReason::Breakpoint(mark));
        assert_eq!(m.cpu().regs.pc, mark);
        assert_eq!(m.peek(0x5000), 1);
        // Continuing runs the breakpointed instruction and stops on the next pass.
        assert_eq!(m.run_for(10_000), StopReason::Breakpoint(mark));
        assert_eq!(m.peek(0x5000), 2);
        assert_eq!(m.step(), StopReason::Stepped);
        assert_eq!(m.cpu().regs.pc, sym.get("LOOP").unwrap());
        assert!(m.debug().remove_breakpoint(mark));
        assert!(!m.debug().any());
        assert_eq!(m.run_for(1000), StopReason::BudgetSpent);
    }

    #[test]
    fn watchpoints_and_port_breaks_stop_after_the_access() {
        let (mut m, sym) = with_program(LOOP);
        m.debug().add_watch(0x5000, false, true);
        assert_eq!(
            m.run_for(10_000),
            StopReason::Watchpoint {
                addr: 0x5000,
                write: true,
                value: 1
            }
        );
        m.debug().clear();
        m.debug().add_watch(0x5001, true, false);
        assert_eq!(
            m.run_for(10_000),
            StopReason::Watchpoint {
                addr: 0x5001,
                write: false,
                value: 0
            }
        );
        m.debug().clear();
        m.debug().add_port_break(0x12, false, true);
        assert_eq!(
            m.run_for(10_000),
            StopReason::PortBreak {
                port: 0x12,
                write: true,
                value: 0
            }
        );
        m.debug().clear();
        m.debug().add_port_break(0x34, true, false);
        assert_eq!(
            m.run_for(10_000),
            StopReason::PortBreak {
                port: 0x34,
                write: false,
                value: 0xFF
            }
        );
        assert_eq!(m.cpu().regs.pc, sym.get("MARK").unwrap());
        // step reports a watch hit too.
        m.debug().clear();
        m.debug().add_watch(0x5000, true, true);
        let mut reason = StopReason::Stepped;
        for _ in 0..3 {
            reason = m.step();
            if reason != StopReason::Stepped {
                break;
            }
        }
        assert!(
            matches!(reason, StopReason::Watchpoint { addr: 0x5000, .. }),
            "{reason:?}"
        );
    }

    #[test]
    fn halt_and_reset_button_nmi() {
        let (mut m, sym) = with_program(
            "
        ORG 0
        LD SP,4800H
        HALT
        DS 66H-$,0
NMI:    LD A,42H
        LD (5000H),A
STOP:   JR STOP
",
        );
        assert_eq!(m.run_for(1000), StopReason::Halted);
        assert!(m.cpu().halted);
        assert_eq!(m.run_for(1000), StopReason::BudgetSpent, "halted CPU idles");
        m.reset_button();
        m.run_for(1000);
        assert_eq!(m.peek(0x5000), 0x42);
        assert_eq!(m.cpu().regs.pc, sym.get("STOP").unwrap());
        let t = m.t_states();
        m.power_on_reset();
        assert_eq!(m.cpu().regs.pc, 0);
        assert_eq!(m.peek(0x5000), 0x42, "RAM kept");
        assert_eq!(m.t_states(), t);
    }

    /// What the host end of the serial line has received.
    fn sent(m: &mut Machine) -> Vec<u8> {
        let end = m.rs232().unwrap().end().as_any();
        let end = end.downcast_ref::<HostEnd<FileLink<Vec<u8>>>>().unwrap();
        end.link.get_ref().clone()
    }

    #[test]
    fn characters_leave_the_uart_on_time_while_the_program_loops() {
        // 300 baud, 8 bits, no parity, one stop bit, no BREAK; send "OK" (the 'K' as soon
        // as the holding register is free) and spin without touching a port again.
        let asm = z80asm::assemble_str(
            "t.asm",
            "
        ORG 0
        LD A,55H
        OUT (0E9H),A
        LD A,6FH
        OUT (0EAH),A
        LD A,'O'
        OUT (0EBH),A
WAIT:   IN A,(0EAH)     ; wait for THRE: the 'O' has moved into the shift register
        AND 40H
        JR Z,WAIT
        LD A,'K'
        OUT (0EBH),A    ; waits in the holding register for the 'O' frame to end
SPIN:   JR SPIN
",
            &z80asm::Options::default(),
        )
        .unwrap();
        let mut r = asm.image.clone();
        r.resize(0x800, 0xFF);
        let mut m = Machine::new(&Config {
            rom: &r,
            rs232: true,
            ..Config::default()
        })
        .unwrap();
        let t = m.t_states();
        m.rs232()
            .unwrap()
            .attach(Box::new(HostEnd::new(FileLink::new(Vec::new()))), t);
        assert_eq!(
            m.next_event(),
            expansion::RTC_PERIOD_T,
            "only the clock is due"
        );
        m.run_for(200);
        let frame = 10 * CPU_HZ / 300; // start, 8 data bits, stop
        assert!(
            m.next_event() < 200 + 369 + 10,
            "the 'O' is due one 16x clock after the OUT"
        );
        m.run_frame();
        assert_eq!(
            sent(&mut m),
            b"O",
            "one frame: the first character has left"
        );
        m.run_for(frame - T_PER_FRAME);
        assert_eq!(
            sent(&mut m),
            b"O",
            "the second waits for the first frame to end"
        );
        m.run_frame();
        assert_eq!(sent(&mut m), b"OK");
        assert_eq!(m.next_event(), m.expansion().unwrap().next_tick());
    }

    #[test]
    fn run_for_spends_the_budget_in_t_states() {
        let (mut m, _) = with_program(LOOP);
        let t0 = m.t_states();
        m.run_frame();
        let t1 = m.t_states();
        assert!(t1 - t0 >= T_PER_FRAME && t1 - t0 < T_PER_FRAME + 30);
        m.run_for(T_PER_FRAME * 59);
        assert!(m.t_states() - t0 >= CPU_HZ);
    }
}
