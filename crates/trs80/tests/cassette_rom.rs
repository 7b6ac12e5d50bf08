//! The cassette deck and loaders under a real Level II ROM (found through `TRS80_ROM`; the
//! tests print `SKIPPED` and pass without it): CSAVE → .CAS → CLOAD round trip through the
//! pulse signal, the tokenizer checked byte for byte against the ROM's own, a SYSTEM tape
//! loaded by the ROM's SYSTEM command, and the fast paths.

mod common;

use trs80_machine::basic::{self, Program};
use trs80_machine::cas::{self, TapeFile};
use trs80_machine::loader::{self, at_prompt, identify, LoadMode, PendingLoad};
use trs80_machine::{Config, Machine};

fn rom() -> Option<Vec<u8>> {
    let Some(path) = std::env::var_os("TRS80_ROM") else {
        println!("SKIPPED: TRS80_ROM is not set (path of a Level II ROM image)");
        return None;
    };
    match std::fs::read(&path) {
        Ok(r) => Some(r),
        Err(e) => {
            println!(
                "SKIPPED: cannot read TRS80_ROM {}: {e}",
                path.to_string_lossy()
            );
            None
        }
    }
}

/// Power on and answer MEMORY SIZE? so BASIC shows its prompt.
fn boot(rom: &[u8]) -> Machine {
    let mut m = Machine::new(&Config {
        rom,
        ..Config::default()
    })
    .unwrap();
    let mut load = PendingLoad::new(
        &identify(b"10 END\n", None).unwrap(),
        b"",
        LoadMode::Real,
        false,
    )
    .unwrap();
    // Only the boot part of a load: run until the prompt, then drop the plan.
    for _ in 0..2000 {
        if load.poll(&mut m).is_ok() && at_prompt(&m.screen_text()) && !m.typing_pending() {
            break;
        }
        m.run_frame();
    }
    assert!(
        at_prompt(&m.screen_text()),
        "no prompt:\n{}",
        m.screen_text()
    );
    m.type_text("CLS\n");
    m.run_until_typed(600);
    m
}

/// Type `text` and wait until BASIC is back at its prompt.
fn type_and_wait(m: &mut Machine, text: &str) {
    m.type_text(text);
    assert!(m.run_until_typed(200_000), "typing did not finish");
    for _ in 0..3000 {
        if at_prompt(&m.screen_text()) {
            return;
        }
        m.run_frame();
    }
    panic!("no prompt after {text:?}:\n{}", m.screen_text());
}

/// Run until the tape has started and stopped again and BASIC is back at its prompt.
fn wait_tape(m: &mut Machine, max_frames: u32) {
    let mut started = false;
    for _ in 0..max_frames {
        let moving = m.cassette().is_moving();
        started |= moving;
        if started && !moving && at_prompt(&m.screen_text()) {
            return;
        }
        m.run_frame();
    }
    panic!(
        "tape did not finish (started {started}):\n{}",
        m.screen_text()
    );
}

fn list(m: &mut Machine) -> String {
    type_and_wait(m, "CLS\nLIST\n");
    m.screen_text()
}

/// Bytes from TXTTAB to VARTAB.
fn program_bytes(m: &Machine) -> Vec<u8> {
    let w = |a: u16| u16::from_le_bytes([m.peek(a), m.peek(a + 1)]);
    (w(basic::TXTTAB)..w(basic::VARTAB))
        .map(|a| m.peek(a))
        .collect()
}

const PROGRAM: &str = "\
10 REM CASSETTE ROUND TRIP
20 FOR I=1 TO 3:PRINT \"LINE\";I:NEXT I
30 A$=\"HELLO\":IF LEN(A$)=5 THEN PRINT A$ ELSE PRINT \"NO\"
40 DATA 1,2,\"X:Y\"
50 READ A,B,C$:PRINT A+B;C$ 'COMMENT
60 ?\"DONE\"
";

#[test]
fn csave_to_cas_then_cload_in_a_fresh_machine_lists_the_same() {
    let Some(rom) = rom() else { return };
    let mut m = boot(&rom);
    type_and_wait(&mut m, PROGRAM);
    let listed = list(&mut m);
    let typed_bytes = program_bytes(&m);

    // CSAVE onto a blank tape through the port FFH signal.
    m.cassette().insert_blank();
    m.type_text("CSAVE \"A\"\n");
    wait_tape(&mut m, 20_000);
    let tape = m.cassette().eject().expect("tape");
    let leader = tape.iter().take_while(|&&b| b == 0).count();
    println!("CSAVE wrote {} bytes, leader {leader}", tape.len());
    let parsed = cas::parse(&tape).expect("the recorded tape parses");
    let TapeFile::Basic { name, program } = &parsed.files[0] else {
        panic!("not a BASIC tape");
    };
    assert_eq!(*name, b'A');
    // The ROM's own tokenizer and ours agree byte for byte.
    assert_eq!(program, &Program::from_text(PROGRAM).unwrap());
    assert_eq!(
        &tape[leader..],
        &cas::write_basic(b'A', program)[cas::LEADER_LEN..]
    );
    assert_eq!(
        program.to_image(basic::DEFAULT_TXTTAB),
        typed_bytes,
        "tape holds the program as stored in memory"
    );

    // CLOAD in a fresh machine.
    let mut fresh = boot(&rom);
    fresh.cassette().insert(tape.clone());
    fresh.type_text("CLOAD\n");
    wait_tape(&mut fresh, 20_000);
    assert_eq!(program_bytes(&fresh), typed_bytes);
    assert_eq!(list(&mut fresh), listed);

    // CLOAD? verifies against memory: no BAD.
    fresh.cassette().insert(tape);
    fresh.type_text("CLS\nCLOAD?\n");
    wait_tape(&mut fresh, 20_000);
    assert!(
        !fresh.screen_text().contains("BAD"),
        "{}",
        fresh.screen_text()
    );
}

/// The corpus (every keyword) plus lines that exercise the normalisation rules.
const EXTRA: &str = "\
610 print a;\"mixed Case\":goto 10
620 IF A THEN 1:ELSE 2
630 ?5:?\"X\";
0640   X=1
650 DATA abc,\"def\":print
660 rem lower
";

#[test]
fn typed_listing_is_stored_exactly_as_our_tokenizer_stores_it() {
    let Some(rom) = rom() else { return };
    let corpus = include_str!("data/corpus.bas");
    let mut m = boot(&rom);
    type_and_wait(&mut m, corpus);
    type_and_wait(&mut m, EXTRA);
    let typed = program_bytes(&m);
    let text = format!("{corpus}{EXTRA}");
    let ours = Program::from_text(&text).unwrap();
    let (rom_program, _) = Program::from_image(&typed).unwrap();
    for (a, b) in rom_program.lines.iter().zip(&ours.lines) {
        assert_eq!(
            a,
            b,
            "line {}: ROM {:?} / ours {:?}",
            a.number,
            basic::detokenize(&a.body),
            basic::detokenize(&b.body)
        );
    }
    assert_eq!(ours.to_image(basic::DEFAULT_TXTTAB), typed);
    // Export from memory.
    assert_eq!(loader::read_basic(&m).unwrap(), ours);
}

const DEMO: &str = include_str!("../../../roms/tests/tape_demo.asm");

fn demo() -> z80asm::Assembly {
    z80asm::assemble_str("tape_demo.asm", DEMO, &z80asm::Options::default()).unwrap()
}

/// `asm` as a SYSTEM tape named DEMO.
fn system_tape(asm: &z80asm::Assembly) -> Vec<u8> {
    let blocks: Vec<_> = asm
        .blocks
        .iter()
        .map(|(a, d)| trs80_machine::cmd::Block {
            addr: *a,
            data: d.clone(),
        })
        .collect();
    cas::write_system("DEMO", &blocks, asm.entry.unwrap())
}

#[test]
fn system_tape_of_our_program_loads_with_system_and_runs() {
    let Some(rom) = rom() else { return };
    let asm = demo();
    let tape = system_tape(&asm);
    let mut m = boot(&rom);
    m.cassette().insert(tape.clone());
    m.type_text("SYSTEM\n");
    assert!(m.run_until_text("*?", 600));
    let start = m.t_states();
    m.type_text("DEMO\n");
    let mut started = false;
    for _ in 0..20_000 {
        let moving = m.cassette().is_moving();
        started |= moving;
        if started && !moving {
            break;
        }
        m.run_frame();
    }
    let secs = (m.t_states() - start) as f64 / trs80_machine::CPU_HZ as f64;
    println!(
        "SYSTEM load of {} bytes took {secs:.1} emulated seconds",
        tape.len()
    );
    // The ROM stops the motor in the middle of the last bit cell.
    assert!(
        m.cassette().progress().unwrap() > 0.99,
        "{}",
        m.screen_text()
    );
    // Real speed: about 62 bytes a second.
    assert!(secs > tape.len() as f64 / 70.0, "{secs}");
    m.run_until_text("*?", 300);
    m.type_text("/\n");
    m.run_until_typed(600);
    for _ in 0..10 {
        m.run_frame();
    }
    assert_eq!(
        common::screen_row(&m, 8),
        "TAPE DEMO OK",
        "{}",
        m.screen_text()
    );
}

#[test]
fn pending_load_real_and_fast_paths_under_the_rom() {
    let Some(rom) = rom() else { return };
    // SYSTEM tape through PendingLoad (real speed, started with `/`).
    let asm = demo();
    let tape = system_tape(&asm);
    let mut m = Machine::new(&Config {
        rom: &rom,
        ..Config::default()
    })
    .unwrap();
    let file = identify(&tape, None).unwrap();
    let mut fractions = Vec::new();
    PendingLoad::new(&file, &tape, LoadMode::Real, true)
        .unwrap()
        .run(&mut m, |f| fractions.push(f))
        .unwrap();
    for _ in 0..10 {
        m.run_frame();
    }
    assert_eq!(
        common::screen_row(&m, 8),
        "TAPE DEMO OK",
        "{}",
        m.screen_text()
    );
    assert!(
        fractions.windows(2).all(|w| w[0] <= w[1]),
        "progress goes forward"
    );
    assert!(fractions.len() > 100 && *fractions.last().unwrap() > 0.99);

    // The same program as /CMD, fast, from power-on under the ROM.
    let cmd_bytes = asm.to_cmd();
    let mut m = Machine::new(&Config {
        rom: &rom,
        ..Config::default()
    })
    .unwrap();
    let file = identify(&cmd_bytes, None).unwrap();
    PendingLoad::new(&file, &cmd_bytes, LoadMode::Fast, true)
        .unwrap()
        .run(&mut m, |_| {})
        .unwrap();
    for _ in 0..10 {
        m.run_frame();
    }
    assert_eq!(
        common::screen_row(&m, 8),
        "TAPE DEMO OK",
        "{}",
        m.screen_text()
    );

    // A BASIC tape through PendingLoad, real CLOAD, then RUN.
    let program = Program::from_text(PROGRAM).unwrap();
    let tape = cas::write_basic(b'P', &program);
    let mut m = Machine::new(&Config {
        rom: &rom,
        ..Config::default()
    })
    .unwrap();
    PendingLoad::new(
        &identify(&tape, None).unwrap(),
        &tape,
        LoadMode::Real,
        false,
    )
    .unwrap()
    .run(&mut m, |_| {})
    .unwrap();
    assert_eq!(loader::read_basic(&m).unwrap(), program);
}

/// Output of RUN for a program put in by `mode`.
fn run_output(rom: &[u8], listing: &str, mode: LoadMode) -> (String, Vec<u8>) {
    let mut m = Machine::new(&Config {
        rom,
        ..Config::default()
    })
    .unwrap();
    let bytes = listing.as_bytes();
    let file = identify(bytes, Some("bas")).unwrap();
    PendingLoad::new(&file, bytes, mode, false)
        .unwrap()
        .run(&mut m, |_| {})
        .unwrap();
    let program = program_bytes(&m);
    type_and_wait(&mut m, "CLS\nRUN\n");
    (m.screen_text(), program)
}

#[test]
fn bas_imported_fast_runs_the_same_as_typed() {
    let Some(rom) = rom() else { return };
    let listing = "\
10 DIM A(20):S=0
20 FOR I=1 TO 20:A(I)=I*I:S=S+A(I):NEXT
30 PRINT \"SUM OF SQUARES\";S
40 A$=\"\":FOR I=1 TO 5:A$=A$+CHR$(64+I):NEXT:PRINT A$
50 READ X,Y$:PRINT X*2;Y$:DATA 21,\"DATA ITEM\"
60 IF S>2000 THEN PRINT \"BIG\" ELSE PRINT \"SMALL\"
70 GOSUB 100:PRINT \"BACK\":END
100 PRINT USING \"###.##\";3.14159:RETURN
";
    let (typed_screen, typed_mem) = run_output(&rom, listing, LoadMode::Real);
    let (fast_screen, fast_mem) = run_output(&rom, listing, LoadMode::Fast);
    assert!(
        typed_screen.contains("SUM OF SQUARES 2870"),
        "{typed_screen}"
    );
    assert!(typed_screen.contains("ABCDE"));
    assert_eq!(fast_mem, typed_mem);
    assert_eq!(fast_screen, typed_screen);
}

#[test]
fn level1_csave_and_cload_at_250_baud() {
    let Some(path) = std::env::var_os("TRS80_LEVEL1_ROM") else {
        println!("SKIPPED: TRS80_LEVEL1_ROM is not set (path of a Level I ROM image)");
        return;
    };
    let rom = std::fs::read(path).unwrap();
    let new = || {
        let mut m = Machine::new(&Config {
            rom: &rom,
            ram_kib: 16,
            expansion_interface: false,
            ..Config::default()
        })
        .unwrap();
        assert!(m.run_until_text(">", 600));
        m.cassette()
            .set_speed(trs80_machine::cassette::Speed::Level1);
        m
    };
    let mut m = new();
    m.type_text("10 PRINT \"LEVEL ONE\"\n20 GOTO 10\n");
    m.run_until_typed(3000);
    m.cassette().insert_blank();
    let start = m.t_states();
    m.type_text("CSAVE\n");
    wait_tape(&mut m, 3000);
    let secs = (m.t_states() - start) as f64 / trs80_machine::CPU_HZ as f64;
    let tape = m.cassette().eject().unwrap();
    // Leader, sync, start and end address (MSB first), data, checksum.
    let lead = tape.iter().take_while(|&&b| b == 0).count();
    assert_eq!(tape[lead], cas::SYNC);
    let len = u16::from_be_bytes([tape[lead + 3], tape[lead + 4]])
        - u16::from_be_bytes([tape[lead + 1], tape[lead + 2]]);
    assert_eq!(tape.len(), lead + 5 + usize::from(len) + 1);
    // 250 baud: about 31 bytes a second (the Level II rate would be about 62).
    assert!(
        secs > tape.len() as f64 / 40.0,
        "{secs} s for {} bytes",
        tape.len()
    );
    let mut fresh = new();
    fresh.cassette().insert(tape);
    fresh.type_text("CLOAD\n");
    wait_tape(&mut fresh, 3000);
    type_and_wait(&mut fresh, "LIST\n");
    let screen = fresh.screen_text();
    assert!(screen.contains("10  PRINT \"LEVEL ONE\""), "{screen}");
    assert!(screen.contains("20  GOTO 10"), "{screen}");
}
