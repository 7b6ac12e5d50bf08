//! Whole-machine tests that need no Tandy ROM: small programs of ours from
//! `roms/tests/*.asm` (assembled at build time by the `roms` crate) run as the
//! machine's ROM and are checked through their variables, found by symbol.

use trs80_machine::expansion::RTC_PERIOD_T;
use trs80_machine::{Config, Key, Machine, StopReason, CPU_HZ};

/// A test program: `roms/tests/<name>.asm`, built by the `roms` crate.
struct Program(&'static roms::Rom);

impl Program {
    fn load(name: &str) -> Program {
        let rom = roms::get(&format!("tests/{name}")).expect("built from roms/tests");
        assert_eq!(rom.origin, 0, "{name} runs as the ROM");
        Program(rom)
    }

    fn sym(&self, name: &str) -> u16 {
        self.0
            .symbol(name)
            .unwrap_or_else(|| panic!("symbol {name} in {}", self.0.name))
    }

    /// A machine with this program as its ROM (padded to 2 KB).
    fn machine(&self, config: Config<'_>) -> Machine {
        assert!(self.0.image.len() <= 0x800);
        let mut rom = self.0.image.to_vec();
        rom.resize(0x800, 0xFF);
        Machine::new(&Config {
            rom: &rom,
            ..config
        })
        .unwrap()
    }
}

fn word(m: &Machine, addr: u16) -> u16 {
    u16::from_le_bytes([m.peek(addr), m.peek(addr + 1)])
}

#[test]
fn keyboard_matrix_rows_as_the_program_reads_them() {
    let p = Program::load("keyboard");
    let mut m = p.machine(Config::default());
    let rows = p.sym("ROWS");
    m.run_frame();
    assert!((0..10).all(|i| m.peek(rows + i) == 0), "no key down");
    m.key_down(Key::Char(b'G')); // row 0 bit 7
    m.key_down(Key::Char(b'H')); // row 1 bit 0
    m.key_down(Key::Enter); // row 6 bit 0
    m.key_down(Key::Shift); // row 7 bit 0
    m.run_frame();
    let got: Vec<u8> = (0..10).map(|i| m.peek(rows + i)).collect();
    assert_eq!(got, [0x80, 0x01, 0, 0, 0, 0, 0x01, 0x01, 0x81, 0x81]);
    m.key_up(Key::Char(b'G'));
    m.key_up(Key::Char(b'H'));
    m.key_up(Key::Enter);
    m.key_up(Key::Shift);
    m.run_frame();
    assert!((0..10).all(|i| m.peek(rows + i) == 0));
}

#[test]
fn key_queue_types_every_key_once_into_our_scanner() {
    let p = Program::load("keyboard");
    let mut m = p.machine(Config::default());
    let text = "HELLO, WORLD! 1100 \"QUOTED\" a=b\n";
    m.type_text(text);
    assert!(m.run_until_typed(2000));
    // Each character is one chord: its key, plus SHIFT (matrix number 56) for
    // shifted characters. Within a chord the order the scanner counts them in
    // depends on which row it was reading when the chord went down.
    let n = m.peek(p.sym("NPRESS")) as usize;
    let got: Vec<u8> = (0..n)
        .map(|i| m.peek(p.sym("PRESSES") + i as u16))
        .collect();
    let mut rest = &got[..];
    for c in text.chars() {
        let (shift, key) = trs80_machine::keyboard::keys_for_char(c).unwrap();
        let (row, bit) = key.position().unwrap();
        let mut chord = vec![(row * 8) as u8 + bit];
        if shift {
            chord.push(56);
        }
        assert!(rest.len() >= chord.len(), "{c:?} missing; presses {got:?}");
        let (head, tail) = rest.split_at(chord.len());
        let mut head = head.to_vec();
        head.sort_unstable();
        chord.sort_unstable();
        assert_eq!(head, chord, "{c:?}; presses {got:?}");
        rest = tail;
    }
    assert!(rest.is_empty(), "extra presses {rest:?}");
}

#[test]
fn video_ram_bit6_gate_and_32_column_mode() {
    let p = Program::load("video");
    let mut m = p.machine(Config::default());
    let mut halted = false;
    for _ in 0..10 {
        if m.run_frame() == StopReason::Halted {
            halted = true;
            break;
        }
    }
    assert!(halted, "program ran to its HALT");
    let rb = p.sym("READBACK");
    let got: Vec<u8> = (0..6).map(|i| m.peek(rb + i)).collect();
    // 00H→40H, 1FH→5FH, 41H→41H, 61H→21H, 80H→80H, C5H→85H (stock bit-6 gate).
    assert_eq!(got, [0x40, 0x5F, 0x41, 0x21, 0x80, 0x85]);
    assert_eq!(
        m.peek(p.sym("MODE64")),
        0x7F,
        "port FFH: bit 6 set in 64-column mode"
    );
    assert_eq!(
        m.peek(p.sym("MODE32")),
        0x3F,
        "port FFH: bit 6 clear in 32-column mode"
    );
    assert!(m.wide_mode());
    for (i, &b) in m.video_ram().iter().enumerate() {
        let code = i as u8;
        let want = if code & 0xA0 == 0 {
            code | 0x40
        } else {
            code & 0xBF
        };
        assert_eq!(b, want, "cell {i}");
    }
    // With the lower-case modification the RAM keeps every bit.
    let mut lc = p.machine(Config {
        lowercase_mod: true,
        ..Config::default()
    });
    for _ in 0..10 {
        lc.run_frame();
    }
    assert!(lc
        .video_ram()
        .iter()
        .enumerate()
        .all(|(i, &b)| b == i as u8));
}

#[test]
fn rtc_interrupts_40_times_per_second() {
    let p = Program::load("rtc");
    let mut m = p.machine(Config::default());
    let seconds = 5;
    // Run just past the 200th tick (ticks fall at k × 44,352 T).
    let budget = seconds * CPU_HZ + RTC_PERIOD_T / 2;
    while m.t_states() < budget {
        let left = budget - m.t_states();
        m.run_for(left.min(T_FRAME));
    }
    assert_eq!(word(&m, p.sym("TICKS")), 40 * seconds as u16);
    assert_eq!(m.peek(p.sym("LATCH")), 0x80, "latch bit 7 = RTC");
    assert!(
        word(&m, p.sym("SPINS")) > 1000,
        "main loop runs between ticks"
    );

    // Without the Expansion Interface there is no interrupt source.
    let mut bare = p.machine(Config {
        ram_kib: 16,
        expansion_interface: false,
        ..Config::default()
    });
    bare.run_for(CPU_HZ);
    assert_eq!(word(&bare, p.sym("TICKS")), 0);
}
const T_FRAME: u64 = trs80_machine::T_PER_FRAME;

#[test]
fn printer_port_status_and_data() {
    let p = Program::load("printer");
    let mut m = p.machine(Config::default());
    assert!(m.run_until(10, |m| m.cpu().halted));
    assert_eq!(m.take_printer_output(), b"HELLO, PRINTER\r");
    assert_eq!(m.peek(p.sym("SENT")), 15);
    assert_eq!(word(&m, p.sym("POLLS")), 15, "ready at every poll");

    // An offline printer reads busy: the program waits and nothing is printed.
    let mut off = p.machine(Config::default());
    off.printer().set_online(false);
    off.run_for(CPU_HZ / 10);
    assert!(!off.cpu().halted);
    assert!(off.take_printer_output().is_empty());
    assert!(word(&off, p.sym("POLLS")) > 100);
    assert_eq!(off.peek(p.sym("SENT")), 0);
}
