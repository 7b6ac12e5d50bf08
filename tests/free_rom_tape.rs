//! BASIC programs on tape with our ROM: the tape CSAVE's routine writes is the
//! one Level II writes for the same program (recorded in
//! `tests/data/free_rom/csave_level2.txt`), CLOAD's routine loads Level II's
//! tape byte for byte and rebuilds the line links, and CLOAD? finds a
//! difference. With `TRS80_ROM` set the recording is checked against Level II
//! again (`RECORD_LEVEL2=1` rewrites it), our tape is loaded by Level II, and
//! a longer program typed into both crosses between them by tape both ways.

mod common;
use common::{boot_level2, level2_rom, stored_program};
use trs80_machine::cassette::DeckMode;
use trs80_machine::{Machine, StopReason, CPU_HZ};

const RECORDING: &str = "tests/data/free_rom/csave_level2.txt";

/// `10 PRINT "HI"` / `20 GOTO 10` as Level II stores them at 42E9H.
const PROGRAM: &[u8] = &[
    0xF4, 0x42, 0x0A, 0x00, 0xB2, 0x20, 0x22, 0x48, 0x49, 0x22, 0x00, 0xFD, 0x42, 0x14, 0x00, 0x8D,
    0x20, 0x31, 0x30, 0x00, 0x00, 0x00,
];

fn free() -> &'static roms::Rom {
    roms::get("free").unwrap()
}

fn boot_ours() -> Machine {
    boot_level2(free().image)
}

fn word(m: &Machine, a: u16) -> u16 {
    u16::from_le_bytes([m.peek(a), m.peek(a + 1)])
}

/// Put PROGRAM at 42E9H with its end pointers, as if typed in.
fn put_program(m: &mut Machine, at: u16) {
    m.load(at, PROGRAM);
    let end = at + PROGRAM.len() as u16;
    for p in [0x40F9, 0x40FB, 0x40FD] {
        m.load(p, &end.to_le_bytes());
    }
}

/// Call a routine of our ROM with A = `a` (CSAVEP takes the name in A) and
/// run it until it returns.
fn call(m: &mut Machine, symbol: &str, a: u8) {
    m.poke(0x7000, 0x76); // HALT to return to
    let regs = &mut m.cpu_mut().regs;
    regs.sp = 0x6F00;
    regs.pc = free().symbol(symbol).unwrap();
    m.poke(0x6F00, 0x00);
    m.poke(0x6F01, 0x70);
    let regs = &mut m.cpu_mut().regs;
    regs.af = u16::from(a) << 8;
    m.cpu_mut().halted = false; // out of the last call's HALT
    for _ in 0..600 {
        if matches!(m.run_for(CPU_HZ / 10), StopReason::Halted) {
            return;
        }
    }
    panic!(
        "{symbol} did not return (PC {:04X}):\n{}",
        m.cpu().regs.pc,
        m.screen_text()
    );
}

fn hex(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join(" ")
}

fn recorded_tape() -> Vec<u8> {
    let text = std::fs::read_to_string(RECORDING).expect(RECORDING);
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .flat_map(|l| l.split_whitespace())
        .map(|b| u8::from_str_radix(b, 16).expect("hex"))
        .collect()
}

/// The tape a booted BASIC (`rom`, Level II or ours) writes when PROGRAM is
/// typed in and CSAVEd as "A".
fn typed_csave(rom: &[u8]) -> Vec<u8> {
    let mut m = boot_level2(rom);
    m.type_text("10 PRINT \"HI\"\n20 GOTO 10\n");
    assert!(m.run_until_typed(600));
    m.cassette().insert_blank();
    m.cassette().set_mode(DeckMode::Record);
    type_and_wait_for_the_tape(&mut m, "CSAVE \"A\"\n");
    m.cassette().eject().expect("a tape")
}

/// The tape our CSAVE routine writes for PROGRAM in memory, named "A".
fn our_csavep_tape() -> Vec<u8> {
    let mut m = boot_ours();
    put_program(&mut m, 0x42E9);
    m.cassette().insert_blank();
    m.cassette().set_mode(DeckMode::Record);
    call(&mut m, "CSAVEP", b'A');
    assert!(!m.cassette().motor_on(), "the motor stops");
    m.cassette().eject().expect("a tape")
}

/// Type `text`, then run until the cassette motor has started and stopped.
fn type_and_wait_for_the_tape(m: &mut Machine, text: &str) {
    m.type_text(text);
    assert!(m.run_until_typed(3000), "{}", m.screen_text());
    let mut started = false;
    for _ in 0..6000 {
        started |= m.cassette().motor_on();
        if started && !m.cassette().motor_on() {
            break;
        }
        m.run_frame();
    }
    m.run_for(CPU_HZ / 2);
}

#[test]
fn csave_writes_level2s_tape() {
    if let Some(rom) = level2_rom("csave_writes_level2s_tape (Level II)") {
        let tape = typed_csave(&rom);
        if std::env::var_os("RECORD_LEVEL2").is_some() {
            let rows: Vec<String> = tape.chunks(32).map(hex).collect();
            std::fs::write(
                RECORDING,
                format!(
                    "# The tape Level II (v1.2) writes for CSAVE \"A\" of 10 PRINT \"HI\" / 20 GOTO 10,\n\
                     # as the emulated deck recorded it: leader, A5H, D3H x 3, the name, the program.\n{}\n",
                    rows.join("\n")
                ),
            )
            .unwrap();
        }
        assert_eq!(hex(&tape), hex(&recorded_tape()), "Level II");
    }
    assert_eq!(hex(&our_csavep_tape()), hex(&recorded_tape()));
}

/// The lines of the screen that read BAD (CLOAD? found a difference).
fn bads(m: &Machine) -> usize {
    m.screen_text()
        .lines()
        .filter(|l| l.trim_end() == "BAD")
        .count()
}

#[test]
fn cload_loads_level2s_tape_and_relinks_it() {
    let mut m = boot_ours();
    m.cassette().insert(recorded_tape());
    type_and_wait_for_the_tape(&mut m, "CLOAD\n");
    assert_eq!(bads(&m), 0, "{}", m.screen_text());
    let got: Vec<u8> = (0x42E9..0x42E9 + PROGRAM.len() as u16)
        .map(|a| m.peek(a))
        .collect();
    assert_eq!(hex(&got), hex(PROGRAM));
    assert_eq!(word(&m, 0x40F9), 0x42E9 + PROGRAM.len() as u16, "VARTAB");

    // The same program saved from 5000H: its links point there; loading at
    // 42E9H rebuilds them.
    let mut m = boot_ours();
    let mut moved = PROGRAM.to_vec();
    moved[0..2].copy_from_slice(&0x500Bu16.to_le_bytes());
    moved[11..13].copy_from_slice(&0x5014u16.to_le_bytes());
    let mut tape = vec![0u8; 255];
    tape.extend([0xA5, 0xD3, 0xD3, 0xD3, b'B']);
    tape.extend(&moved);
    m.cassette().insert(tape);
    type_and_wait_for_the_tape(&mut m, "CLOAD \"B\"\n");
    let got: Vec<u8> = (0x42E9..0x42E9 + PROGRAM.len() as u16)
        .map(|a| m.peek(a))
        .collect();
    assert_eq!(hex(&got), hex(PROGRAM), "links rebuilt");
}

#[test]
fn cload_skips_other_names_and_verifies() {
    // Two programs on one tape: "X" then "A"; CLOAD "A" skips X.
    let mut other = vec![0u8; 255];
    other.extend([
        0xA5, 0xD3, 0xD3, 0xD3, b'X', 0xF0, 0x42, 0x05, 0x00, 0x93, 0x00, 0, 0,
    ]);
    let mut m = boot_ours();
    let mut tape = other.clone();
    tape.extend(recorded_tape());
    m.cassette().insert(tape.clone());
    type_and_wait_for_the_tape(&mut m, "CLOAD \"A\"\n");
    let got: Vec<u8> = (0x42E9..0x42E9 + PROGRAM.len() as u16)
        .map(|a| m.peek(a))
        .collect();
    assert_eq!(hex(&got), hex(PROGRAM));
    // CLOAD? against memory: the same, then with one byte changed.
    m.cassette().insert(recorded_tape());
    type_and_wait_for_the_tape(&mut m, "CLOAD? \"A\"\n");
    assert_eq!(
        bads(&m),
        0,
        "CLOAD? finds no difference\n{}",
        m.screen_text()
    );
    m.poke(0x42ED, b'?');
    m.cassette().insert(recorded_tape());
    type_and_wait_for_the_tape(&mut m, "CLOAD? \"A\"\n");
    assert_eq!(
        bads(&m),
        1,
        "CLOAD? finds the difference\n{}",
        m.screen_text()
    );
    assert_eq!(m.peek(0x42ED), b'?', "CLOAD? changes nothing");
}

#[test]
fn level2_loads_our_tape() {
    let Some(rom) = level2_rom("level2_loads_our_tape") else {
        return;
    };
    let mut m = boot_level2(&rom);
    m.cassette().insert(our_csavep_tape());
    type_and_wait_for_the_tape(&mut m, "CLOAD\n");
    let program = stored_program(&m);
    assert_eq!(program.len(), 2, "{}", m.screen_text());
    assert_eq!(program[0].0, 10);
    assert_eq!(program[1].0, 20);
    let got: Vec<u8> = (0x42E9..0x42E9 + PROGRAM.len() as u16)
        .map(|a| m.peek(a))
        .collect();
    assert_eq!(hex(&got), hex(PROGRAM));
}

#[test]
fn the_basic_statements_csave_cload_and_cload_verify() {
    // CSAVE typed at our BASIC writes Level II's tape.
    assert_eq!(hex(&typed_csave(free().image)), hex(&recorded_tape()));

    // CLOAD of Level II's tape, then LIST.
    let mut m = boot_ours();
    m.cassette().insert(recorded_tape());
    type_and_wait_for_the_tape(&mut m, "CLOAD\n");
    m.type_text("LIST\n");
    assert!(m.run_until_typed(600));
    m.run_for(CPU_HZ / 2);
    let screen = m.screen_text();
    assert!(
        screen.contains("10 PRINT \"HI\"") && screen.contains("20 GOTO 10"),
        "{screen}"
    );

    // CLOAD? "A" against a different program: BAD.
    m.type_text("20 GOTO 20\n");
    assert!(m.run_until_typed(600));
    m.cassette().insert(recorded_tape());
    type_and_wait_for_the_tape(&mut m, "CLOAD? \"A\"\n");
    let lines = common::lines(&m);
    let at = lines.iter().rposition(|l| l == ">CLOAD? \"A\"").unwrap();
    assert_eq!(&lines[at + 1..at + 3], ["BAD", "READY"], "{lines:#?}");
}

/// A longer program, typed line by line (strings, DATA, arrays, ELSE,
/// ON GOSUB, PRINT USING, long lines).
const LONGER: &str = "10 REM A TAPE BETWEEN TWO ROMS\n\
20 DIM A(10):FOR I=1 TO 10:A(I)=I*I:NEXT I\n\
30 A$=\"HELLO, WORLD\":PRINT A$;TAB(20);LEN(A$)\n\
40 IF A(3)>5 THEN PRINT \"BIG\" ELSE PRINT \"SMALL\"\n\
50 DATA 1,2.5,\"X,Y\",-7E+12,&\n\
60 ON 2 GOSUB 100,200:READ B,C,D$:PRINT B;C;D$:END\n\
100 PRINT USING \"##.##\";3.14159:RETURN\n\
200 PRINT CHR$(65);STRING$(5,\"*\");MID$(A$,2,3);INT(-2.5);SQR(2)*ATN(1)/LOG(10):RETURN\n\
300 X#=1.23456789012345#:Y!=2:Z%=3:PRINT X#+Y!+Z%,POS(0),MEM,FRE(A$),PEEK(16526)\n";

/// The program in memory: from the start of the program (40A4H) to its end
/// (40F9H).
fn program_bytes(m: &Machine) -> Vec<u8> {
    (word(m, 0x40A4)..word(m, 0x40F9))
        .map(|a| m.peek(a))
        .collect()
}

/// LONGER typed into a booted BASIC (`rom`) and CSAVEd as "P": the machine
/// and the tape.
fn typed_longer(rom: &[u8]) -> (Machine, Vec<u8>) {
    let mut m = boot_level2(rom);
    m.type_text(LONGER);
    assert!(m.run_until_typed(3000), "{}", m.screen_text());
    m.cassette().insert_blank();
    m.cassette().set_mode(DeckMode::Record);
    type_and_wait_for_the_tape(&mut m, "CSAVE \"P\"\n");
    let tape = m.cassette().eject().expect("a tape");
    (m, tape)
}

/// `tape` loaded with CLOAD by a freshly booted `rom`: its program bytes.
fn cloaded(rom: &[u8], tape: &[u8]) -> Vec<u8> {
    let mut m = boot_level2(rom);
    m.cassette().insert(tape.to_vec());
    type_and_wait_for_the_tape(&mut m, "CLOAD\n");
    program_bytes(&m)
}

#[test]
fn a_longer_program_crosses_between_the_roms_by_tape() {
    let Some(level2) = level2_rom("a_longer_program_crosses_between_the_roms_by_tape") else {
        return;
    };
    let (m2, tape2) = typed_longer(&level2);
    let (ours, tape_ours) = typed_longer(free().image);
    let typed = program_bytes(&m2);
    assert_eq!(stored_program(&m2).len(), 9, "{}", m2.screen_text());
    assert_eq!(hex(&program_bytes(&ours)), hex(&typed), "typed in");
    assert_eq!(hex(&tape_ours), hex(&tape2), "the tapes");
    // Ours -> Level II and Level II -> ours: memory byte for byte.
    assert_eq!(hex(&cloaded(&level2, &tape_ours)), hex(&typed), "Level II");
    assert_eq!(hex(&cloaded(free().image, &tape2)), hex(&typed), "ours");
    println!(
        "{} program bytes, a tape of {} bytes, the same both ways",
        typed.len(),
        tape_ours.len()
    );
}
