//! Save states: a machine saved at T-state N and loaded into a fresh machine runs on exactly
//! as the original (memory, registers, screen, the parallel printer's output, the TermiNet's
//! paper with what it printed before N, and sound samples, up to N + 10^8); a state from another ROM, of a newer version or damaged is refused with one
//! error and the machine unchanged; and the reader survives damaged files (a few thousand by
//! default; `TRS80_STATE_MUTATIONS=100000` for the full run).

use testkit::{env_u64, Rng};
use trs80_machine::audio::Resampler;
use trs80_machine::disk::Disk;
use trs80_machine::formats::state::StateError;
use trs80_machine::machine::state::{MAGIC, VERSION};
use trs80_machine::serial::TerminetEnd;
use trs80_machine::{rom, Config, Machine, T_PER_FRAME};

/// A program that uses every part the state covers: the 40 Hz interrupt, port FFH sound at
/// changing rates with the cassette motor going on and off (the tape plays; decks 1 and 2
/// selected in turn through the latch at 37E4H, a recorder wired in), the keyboard,
/// video RAM, the printer port, the RS-232-C board (300 baud to a TermiNet, a CR now and
/// then) and RAM all over.
const PROGRAM: &str = "
SEED    EQU 5000H
LEVEL   EQU 5002H
TICKS   EQU 5003H
CUR     EQU 5004H
KEYS    EQU 5006H
        ORG 0
        DI
        LD SP,4800H
        IM 1
        JP START
        DS 38H-$,0
INT:    PUSH AF
        LD A,(37E0H)
        LD A,(TICKS)
        INC A
        LD (TICKS),A
        POP AF
        EI
        RETI
        DS 66H-$,0
NMI:    RETN
START:  LD HL,3C00H
        LD (CUR),HL
        LD HL,1234H
        LD (SEED),HL
        LD A,1
        LD (LEVEL),A
        LD A,55H
        OUT (0E9H),A
        LD A,6FH
        OUT (0EAH),A
        EI
MAIN:   LD HL,(SEED)
        ADD HL,HL
        JR NC,NOX
        LD A,L
        XOR 2DH
        LD L,A
NOX:    LD (SEED),HL
        LD A,(LEVEL)
        XOR 3
        LD (LEVEL),A
        LD B,A
        LD A,(TICKS)
        AND 40H
        RRCA
        RRCA
        RRCA
        RRCA
        OR B
        OUT (0FFH),A
        LD A,(TICKS)
        AND 20H
        RRCA
        RRCA
        RRCA
        RRCA
        LD (37E4H),A
        LD A,L
        AND 3FH
        INC A
        LD B,A
DLY:    DJNZ DLY
        LD A,(38FFH)
        LD (KEYS),A
        LD HL,(CUR)
        LD A,(SEED)
        AND 3FH
        ADD A,20H
        LD (HL),A
        INC HL
        LD A,H
        CP 40H
        JR NZ,SCR
        LD H,3CH
SCR:    LD (CUR),HL
        IN A,(0EAH)
        AND 40H
        JR Z,NOTX
        LD A,(SEED)
        AND 3FH
        ADD A,20H
        CP 5CH
        JR C,TX
        LD A,0DH
TX:     OUT (0EBH),A
NOTX:   LD A,(37E8H)
        AND 0F0H
        CP 30H
        JR NZ,MAIN
        LD A,(SEED+1)
        AND 3FH
        ADD A,20H
        LD (37E8H),A
        LD HL,(SEED)
        SET 7,H
        LD A,(HL)
        INC A
        LD (HL),A
        JP MAIN
";

fn rom_image() -> Vec<u8> {
    let asm = z80asm::assemble_str("state.asm", PROGRAM, &z80asm::Options::default()).unwrap();
    let mut r = asm.image.clone();
    r.resize(0x1000, 0xFF);
    r
}

/// The program's machine with a TermiNet on the RS-232-C board.
fn machine(rom: &[u8]) -> Machine {
    let mut m = Machine::new(&Config {
        rom,
        rs232: true,
        ..Config::default()
    })
    .unwrap();
    let t = m.t_states();
    let printer = TerminetEnd::new(terminet::Config::default());
    m.rs232().unwrap().attach(Box::new(printer), t);
    m
}

/// The TermiNet's paper as text, and its counters.
fn paper(m: &mut Machine) -> (String, terminet::Stats) {
    let end = m.rs232().unwrap().end();
    let p = &end.as_any().downcast_ref::<TerminetEnd>().unwrap().printer;
    (p.text(), p.stats().clone())
}

/// The program's machine, run to about `n` T-states with a tape, a disk and typing.
fn running(rom: &[u8], n: u64) -> Machine {
    let mut m = machine(rom);
    m.set_sound(true);
    m.cassette()
        .insert((0..600u32).map(|i| (i * 37 % 251) as u8).collect());
    m.cassette2()
        .insert((0..400u32).map(|i| (i * 53 % 241) as u8).collect());
    m.attach_recorder();
    let disk = Disk::parse(&vec![0xE5; 2560 * 35]).unwrap();
    m.insert_disk(0, disk, false).unwrap();
    m.type_text("HELLO THERE\n");
    while m.t_states() < n {
        m.run_for(T_PER_FRAME.min(n - m.t_states()));
        m.take_sound();
    }
    m
}

/// Runs to T-state `end` a frame at a time; returns the sound samples and printer output.
fn run_on(m: &mut Machine, end: u64) -> (Vec<i16>, Vec<u8>) {
    let mut r = Resampler::new(44_100, m.t_states());
    let mut samples = Vec::new();
    let mut paper = Vec::new();
    while m.t_states() < end {
        m.run_for(T_PER_FRAME.min(end - m.t_states()));
        let log = m.take_sound();
        r.render(&log, m.t_states(), &mut samples);
        paper.extend(m.take_printer_output());
    }
    (samples, paper)
}

fn memory(m: &Machine) -> Vec<u8> {
    (0..=0xFFFFu16).map(|a| m.peek(a)).collect()
}

#[test]
fn a_loaded_state_runs_on_exactly_like_the_original() {
    let rom = rom_image();
    let mut a = running(&rom, 3_000_017);
    let n = a.t_states();
    let (paper_at_n, _) = paper(&mut a);
    assert!(
        paper_at_n.len() > 20,
        "the TermiNet printed before N: {paper_at_n:?}"
    );
    let state = a.save_state();
    assert!(state.starts_with(MAGIC));
    let mut b = machine(&rom);
    b.load_state(&state).unwrap();
    assert!(
        b.save_state() == state,
        "saving a loaded state gives the same bytes"
    );
    assert_eq!(b.t_states(), n);
    assert!(b.fdc().is_some(), "the disk controller came along");

    let end = n + 100_000_000;
    let (sa, pa) = run_on(&mut a, end);
    let (sb, pb) = run_on(&mut b, end);
    assert_eq!(a.t_states(), b.t_states());
    assert_eq!(a.cpu().regs, b.cpu().regs);
    assert_eq!(a.cpu().halted, b.cpu().halted);
    assert_eq!(a.cpu().hidden(), b.cpu().hidden());
    assert!(memory(&a) == memory(&b), "memory differs");
    assert_eq!(a.screen_text(), b.screen_text());
    assert!(pa.len() > 1000, "the program printed ({} bytes)", pa.len());
    assert!(pa == pb, "printer output differs");
    assert!(sa.len() > 44_100 * 50, "{} samples", sa.len());
    assert!(sa.iter().any(|&s| s.abs() > 3000), "the program made sound");
    assert!(sa == sb, "sound samples differ");
    let (text_a, stats_a) = paper(&mut a);
    let (text_b, stats_b) = paper(&mut b);
    // `b` printed nothing before N itself: equal paper and counters mean the paper before
    // N came along in the state.
    assert!(
        text_a.len() > paper_at_n.len() + 500,
        "the TermiNet printed after N"
    );
    assert!(text_a == text_b, "TermiNet paper differs");
    assert_eq!(stats_a, stats_b);
    let recorded = a.recorder().and_then(|r| r.tape().map(<[u8]>::to_vec));
    assert!(
        recorded.as_ref().is_some_and(|t| t.len() > 10),
        "the recorder took the port's pulses"
    );
    assert_eq!(
        recorded,
        b.recorder().and_then(|r| r.tape().map(<[u8]>::to_vec))
    );
    assert!(a.cassette2().position() > 0, "deck 2 played");
    assert_eq!(a.cassette2().position(), b.cassette2().position());
    assert!(a.save_state() == b.save_state());
}

#[test]
fn refused_states_change_nothing() {
    let rom = rom_image();
    let a = running(&rom, 1_000_000);
    let state = a.save_state();
    let mut b = running(&rom, 500_000);
    let before = b.save_state();

    // Another ROM.
    let mut other = rom.clone();
    other[0xFFF] ^= 1;
    let mut c = machine(&other);
    let c_before = c.save_state();
    assert!(matches!(
        c.load_state(&state),
        Err(StateError::WrongRom { .. })
    ));
    assert!(c.save_state() == c_before);

    // A newer version, with its checksum right.
    let mut newer = state.clone();
    newer[8..10].copy_from_slice(&(VERSION + 1).to_le_bytes());
    fix_crc(&mut newer);
    let e = b.load_state(&newer).unwrap_err();
    assert!(matches!(e, StateError::NewerVersion { .. }), "{e}");
    assert!(e.to_string().contains("newer"), "{e}");

    // Damaged: a flipped bit in RAM, cut short, not a state at all.
    let mut flipped = state.clone();
    flipped[5000] ^= 0x10;
    assert_eq!(b.load_state(&flipped), Err(StateError::Checksum));
    assert_eq!(
        b.load_state(&state[..state.len() - 1]),
        Err(StateError::Checksum)
    );
    assert_eq!(b.load_state(b"10 PRINT"), Err(StateError::NotAState));
    assert!(b.save_state() == before, "the machine is unchanged");

    // And a good one loads.
    b.load_state(&state).unwrap();
    assert!(b.save_state() == state);
}

fn fix_crc(s: &mut [u8]) {
    let n = s.len() - 4;
    let body = (n - 14) as u32;
    s[10..14].copy_from_slice(&body.to_le_bytes());
    let crc = rom::crc32(&s[..n]);
    s[n..].copy_from_slice(&crc.to_le_bytes());
}

/// One random damage: bit flips, byte changes, cuts, insertions, a length or count field
/// set large; half the time the checksum is made right again so the parser itself is tried.
fn mutate(rng: &mut Rng, good: &[u8]) -> Vec<u8> {
    let mut s = good.to_vec();
    for _ in 0..1 + rng.below(3) {
        if s.len() < 19 {
            break; // cut down to the header: nothing left to damage
        }
        let body = 14..s.len() - 4;
        let at = body.start + rng.below(body.end - body.start);
        match rng.below(6) {
            0 => s[at] ^= 1 << rng.below(8),
            1 => s[at] = rng.byte(),
            2 => {
                let n = 1 + rng.below(64).min(s.len() - at);
                s.drain(at..(at + n).min(s.len()));
            }
            3 => {
                let bytes: Vec<u8> = (0..1 + rng.below(16)).map(|_| rng.byte()).collect();
                s.splice(at..at, bytes);
            }
            4 => {
                let v = [0xFF, 0x7F, 0x80, 0x00][rng.below(4)];
                for b in s.iter_mut().skip(at).take(4) {
                    *b = v;
                }
            }
            _ => s.truncate(at),
        }
    }
    if rng.below(2) == 0 && s.len() >= 18 {
        fix_crc(&mut s);
    }
    s
}

#[test]
fn damaged_states_give_one_error_and_no_panic() {
    let rom = rom_image();
    let count = env_u64("TRS80_STATE_MUTATIONS", 3_000);
    let mut m = running(&rom, 700_000);
    let mut rs = Machine::new(&Config {
        rom: &rom,
        rs232: true,
        ram_kib: 16,
        ..Config::default()
    })
    .unwrap();
    rs.run_for(200_000);
    let goods = [m.save_state(), rs.save_state()];
    let mut rng = Rng::new(0x5A7E_0001);
    let (mut refused, mut loaded) = (0u64, 0u64);
    for i in 0..count {
        let good = &goods[i as usize % 2];
        let bad = mutate(&mut rng, good);
        match m.load_state(&bad) {
            Err(e) => {
                refused += 1;
                assert!(!e.to_string().is_empty());
                if i % 64 == 0 {
                    // Still the machine it was.
                    let now = m.save_state();
                    m.load_state(&now).unwrap();
                }
            }
            Ok(()) => {
                // Damage the checks cannot see (a RAM byte, a register): it must run.
                loaded += 1;
                m.run_for(2_000);
                m.load_state(&goods[0]).unwrap();
            }
        }
    }
    println!("{count} damaged states: {refused} refused, {loaded} loaded and ran");
    assert!(refused > count / 2);
}

#[test]
fn an_older_version_still_loads() {
    // Without the RS-232-C board, version 1 and 2 have the same layout: a version 1 file
    // must load (the version rule: every older version is read).
    let rom = rom_image();
    let mut a = Machine::new(&Config {
        rom: &rom,
        ..Config::default()
    })
    .unwrap();
    a.run_for(500_000);
    let now = a.save_state();
    for version in [1u16, 2] {
        // Before version 3 there was no deck 2 (CAS2) and no recorder (CREC).
        let mut old = without_section(&now, b"CAS2");
        old[8..10].copy_from_slice(&version.to_le_bytes());
        fix_crc(&mut old);
        let mut b = Machine::new(&Config {
            rom: &rom,
            ..Config::default()
        })
        .unwrap();
        b.load_state(&old).unwrap();
        assert!(b.save_state() == now, "version {version}");
    }
}

/// `state` with the section `tag` taken out (the body length fixed, not the checksum).
fn without_section(state: &[u8], tag: &[u8; 4]) -> Vec<u8> {
    let mut out = state[..14].to_vec();
    let end = state.len() - 4;
    let mut at = 14;
    while at < end {
        let len = u32::from_le_bytes(state[at + 4..at + 8].try_into().unwrap()) as usize;
        if &state[at..at + 4] != tag {
            out.extend_from_slice(&state[at..at + 8 + len]);
        }
        at += 8 + len;
    }
    let body = (out.len() - 14) as u32;
    out[10..14].copy_from_slice(&body.to_le_bytes());
    out.extend_from_slice(&[0; 4]);
    out
}
