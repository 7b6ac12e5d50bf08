//! The RS-232-C board driven by a Z80 program of ours at 110, 300 and 1200 baud, through a
//! loopback plug. The test single-steps the machine and logs every `IN A,(n)` / `OUT (n),A`
//! with the T-state of its I/O cycle (T1 of M3 = 7 T after the opcode fetch) and the byte,
//! then checks against the bit timing computed from the baud rate:
//! - every sample of the receive-data line (E8H bit 1) shows the level the frame puts on
//!   the wire at that exact T-state;
//! - THRE rises and DR, OE and FE appear between the last poll before and the first poll
//!   at/after the predicted T-state;
//! - the received characters are right.

use trs80_machine::rs232::ports;
use trs80_machine::serial::{Format, Frame, Loopback, Rate};
use trs80_machine::{Config, Machine, StopReason};

const HZ: u64 = 1_774_080;

const PROGRAM: &str = r#"
        ORG 5000H
START:  DI
        XOR A
        OUT (0E8H),A            ; master reset
        LD A,(RATES)
        OUT (0E9H),A
        LD A,6FH                ; 8N1, no break, DTR, RTS
        OUT (0EAH),A
        LD A,55H                ; 'U': alternating bits
        OUT (0EBH),A            ; first character
POLL1:  IN A,(0E8H)             ; receive-data line level
        IN A,(0EAH)
        BIT 7,A                 ; DR
        JR Z,POLL1
        IN A,(0EBH)             ; read it (clears DR)
        ; Overrun: two characters back to back, neither read in time.
        LD A,'A'
        OUT (0EBH),A
W1:     IN A,(0EAH)
        BIT 6,A                 ; THRE
        JR Z,W1
        LD A,'B'
        OUT (0EBH),A
POLL2:  IN A,(0EAH)
        BIT 5,A                 ; OE
        JR Z,POLL2
        IN A,(0EBH)             ; the newer character
        ; Framing error: receiver four times faster than the transmitter.
        XOR A
        OUT (0E8H),A
        LD A,(RATES+1)
        OUT (0E9H),A
        XOR A
        OUT (0EBH),A
POLL3:  IN A,(0EAH)
        BIT 4,A                 ; FE
        JR Z,POLL3
        HALT
RATES:  DB 0, 0
"#;

/// One logged port access: (T-state of the I/O cycle, port, byte, is OUT).
type Access = (u64, u8, u8, bool);

fn run(code: u8) -> Vec<Access> {
    let asm =
        z80asm::assemble_str("uart.asm", PROGRAM, &z80asm::Options::default()).expect("assembles");
    let rom = roms::get("free").expect("built-in ROM");
    let mut m = Machine::new(&Config {
        rom: rom.image,
        rs232: true,
        ..Config::default()
    })
    .unwrap();
    m.load(asm.origin, &asm.image);
    let rates = asm.symbols.get("rates").unwrap();
    m.poke(rates, code << 4 | code);
    m.poke(rates + 1, code << 4 | (code + 2));
    let t0 = m.t_states();
    m.rs232().unwrap().attach(Box::new(Loopback::new()), t0);
    m.cpu_mut().regs.pc = asm.origin;
    let mut log = Vec::new();
    for _ in 0..2_000_000 {
        let pc = m.cpu().regs.pc;
        let (op, n) = (m.peek(pc), m.peek(pc.wrapping_add(1)));
        let a_before = (m.cpu().regs.af >> 8) as u8;
        let t = m.t_states();
        let stop = m.step();
        match op {
            0xDB => log.push((t + 7, n, (m.cpu().regs.af >> 8) as u8, false)),
            0xD3 => log.push((t + 7, n, a_before, true)),
            _ => {}
        }
        if stop == StopReason::Halted || m.cpu().halted {
            return log;
        }
    }
    panic!("the program did not finish");
}

/// Checks that `flag` in the EAH polls after `from` first reads 1 exactly when due: the last
/// poll before `due` reads 0 and the first poll at or after it reads 1.
fn rises_at(log: &[Access], from: u64, flag: u8, due: u64, what: &str) {
    let polls: Vec<&Access> = log
        .iter()
        .filter(|a| a.0 > from && a.1 == ports::STATUS_CONTROL && !a.3)
        .collect();
    let first_set = polls
        .iter()
        .position(|a| a.2 & flag != 0)
        .unwrap_or_else(|| panic!("{what} never set"));
    assert!(first_set > 0, "{what}: set at the first poll already");
    let (before, after) = (polls[first_set - 1], polls[first_set]);
    assert!(
        before.0 < due && after.0 >= due,
        "{what}: due at {due}, polls saw 0 at {} and 1 at {}",
        before.0,
        after.0
    );
}

fn check_rate(code: u8, baud: u32) {
    let log = run(code);
    let rate = Rate::new(HZ, baud);
    let bit16 = rate.ticks(1) / 16;
    let outs: Vec<&Access> = log.iter().filter(|a| a.3 && a.1 == ports::DATA).collect();
    assert_eq!(outs.len(), 4);

    // 1. The first frame on the wire, bit by bit, via the loopback plug's RXD.
    let start = outs[0].0 + bit16;
    let frame = Frame {
        start,
        rate,
        format: Format::EIGHT_N1,
        data: 0x55,
    };
    let levels = frame.levels();
    let mut samples = 0;
    for a in log
        .iter()
        .filter(|a| a.1 == ports::MODEM_RESET && !a.3 && a.0 >= start && a.0 < frame.end())
    {
        let bit = (0..levels.len())
            .rev()
            .find(|&i| start + rate.ticks(i as u64) <= a.0)
            .unwrap();
        assert_eq!(
            a.2 & 0x02 != 0,
            levels[bit],
            "RXD at T {} (bit {bit}) at {baud} baud",
            a.0
        );
        samples += 1;
    }
    assert!(
        samples > 2 * levels.len(),
        "only {samples} samples of the line"
    );
    // THRE back to 1 one 16× clock after the OUT (it was 0 in the meantime).
    rises_at(&log, outs[0].0, 0x40, start, "THRE");
    // DR at the middle of the stop bit.
    let dr_due = start + rate.mid_ticks(9);
    rises_at(&log, outs[0].0, 0x80, dr_due, "DR");
    let first_read = log.iter().find(|a| a.1 == ports::DATA && !a.3).unwrap();
    assert_eq!(first_read.2, 0x55);

    // 2. Overrun: 'A' then 'B' back to back; OE with 'B' (DR for 'A' was never cleared).
    // 'A' was written while the stop bit of 'U' was still going out, so it waits for it.
    let frame_t = frame.end() - start;
    let start_a = (outs[1].0 + bit16).max(frame.end());
    assert!(outs[1].0 + bit16 < frame.end());
    rises_at(
        &log,
        outs[2].0,
        0x20,
        start_a + frame_t + rate.mid_ticks(9),
        "OE",
    );
    let reads: Vec<u8> = log
        .iter()
        .filter(|a| a.1 == ports::DATA && !a.3)
        .map(|a| a.2)
        .collect();
    assert_eq!(reads, [0x55, b'B']);

    // 3. Framing error: a NUL at `baud` read by a receiver four times faster stops at the
    // middle of its own stop bit, 9.5 of its bits after the start bit's edge.
    let start_nul = (outs[3].0 + bit16).max(start_a + 2 * frame_t);
    let fast = Rate::new(
        HZ,
        match baud {
            110 => 150,
            300 => 1200,
            _ => 2000,
        },
    );
    rises_at(&log, outs[3].0, 0x10, start_nul + fast.mid_ticks(9), "FE");
}

#[test]
fn uart_at_110_baud() {
    check_rate(0x2, 110);
}

#[test]
fn uart_at_300_baud() {
    check_rate(0x5, 300);
}

#[test]
fn uart_at_1200_baud() {
    check_rate(0x7, 1200);
}
