//! Machine code calling the ROM: each program in `roms/tests/entry/` calls
//! Level II entry points and leaves what it saw on the screen and in its
//! RESULT bytes. The transcript of each run must equal the one recorded from
//! the real Level II in `tests/data/entry_points/`, so our ROM is compared with
//! Level II's behaviour even where no Tandy ROM is at hand.
//!
//! With `TRS80_ROM` set the programs also run under that ROM and must give the
//! recorded transcripts again; with `RECORD_LEVEL2=1` as well, the transcripts
//! are recorded anew from it.

mod common;
use common::{boot_level2, level2_rom};
use trs80_machine::cassette::DeckMode;
use trs80_machine::cmd::Block;
use trs80_machine::{cas, Config, Key, Machine, RomKind, StopReason, CPU_HZ};

/// What the test does on the keyboard while a program runs.
#[derive(Clone, Copy)]
enum Press {
    Text(&'static str),
    Key(Key),
}

/// The cassette deck during a run.
#[derive(Clone, Copy, PartialEq)]
enum Deck {
    None,
    /// A blank tape in record mode; what was recorded joins the transcript.
    Record,
    /// A SYSTEM tape of `roms/tests/entry/tape_prog.asm`, playing.
    PlaySystem,
    /// A leader, the sync byte and eight bytes, playing.
    PlayBytes,
}

struct Case {
    /// Transcript name (also the program's name unless `program` says otherwise).
    name: &'static str,
    program: &'static str,
    keys: &'static [Press],
    /// A byte put at the program's `WHICH` symbol before it runs.
    which: Option<u8>,
    deck: Deck,
}

const KEYS: &[Press] = &[
    Press::Text("Aa1!\n"),
    Press::Text("HELLO\n"),
    Press::Text("XY"),
    Press::Key(Key::Break),
    Press::Text("QRS"),
    Press::Key(Key::Left),
    Press::Text("\n"),
    Press::Text("BASIC LINE\n"),
];

const fn case(name: &'static str, program: &'static str) -> Case {
    Case {
        name,
        program,
        keys: &[],
        which: None,
        deck: Deck::None,
    }
}

const fn message(name: &'static str, which: u8) -> Case {
    Case {
        name,
        program: "messages",
        keys: &[],
        which: Some(which),
        deck: Deck::None,
    }
}

const CASES: &[Case] = &[
    case("video", "video"),
    case("dcb", "dcb"),
    case("rst", "rst"),
    case("printer", "printer"),
    Case {
        name: "keys",
        program: "keys",
        keys: KEYS,
        which: None,
        deck: Deck::None,
    },
    Case {
        name: "tape_write",
        program: "tape_write",
        keys: &[],
        which: None,
        deck: Deck::Record,
    },
    Case {
        name: "tape_read",
        program: "tape_read",
        keys: &[],
        which: None,
        deck: Deck::PlayBytes,
    },
    Case {
        name: "system",
        program: "system",
        keys: &[Press::Text("TPROG\n/\n")],
        which: None,
        deck: Deck::PlaySystem,
    },
    message("ready", 0),
    message("error_sn", 1),
    message("error_fc", 2),
    message("error_om", 3),
    message("error_ov", 4),
    message("error_l3", 5),
    message("error_e", 6),
];

/// Run one case on `rom`; the transcript: screen lines, then the RESULT bytes.
fn transcript(rom: &[u8], case: &Case) -> String {
    let prog = roms::get(&format!("tests/entry/{}", case.program)).expect("entry program");
    let mut m = boot_level2(rom);
    m.run_for(CPU_HZ / 10);
    m.load(prog.origin, prog.image);
    if let Some(v) = case.which {
        m.poke(prog.symbol("WHICH").unwrap(), v);
    }
    match case.deck {
        Deck::None => {}
        Deck::Record => {
            m.cassette().insert_blank();
            m.cassette().set_mode(DeckMode::Record);
        }
        Deck::PlaySystem => m.cassette().insert(system_tape()),
        Deck::PlayBytes => {
            let mut tape = vec![0u8; 255];
            tape.extend([0xA5, 0x12, 0x34, 0x56, 0x78, 0x9A, 0xBC, 0xDE, 0xF0]);
            m.cassette().insert(tape);
        }
    }
    m.cpu_mut().regs.sp = 0x6F00;
    m.cpu_mut().regs.pc = prog.entry.unwrap();
    for p in case.keys {
        match *p {
            Press::Text(t) => m.type_text(t),
            Press::Key(k) => m.keyboard_mut().queue_keys(false, &[k]),
        }
    }
    // Programs end in HALT, or (error and READY cases) at BASIC's prompt.
    let mut halted = false;
    for _ in 0..200 {
        if matches!(m.run_for(CPU_HZ / 20), StopReason::Halted) {
            halted = true;
            break;
        }
    }
    let mut out = String::new();
    for line in m.screen_text().lines() {
        out.push_str(&format!("|{}\n", line.trim_end()));
    }
    out.push_str(if halted { "halted\n" } else { "running\n" });
    let printed = m.take_printer_output();
    if !printed.is_empty() {
        let bytes: Vec<String> = printed.iter().map(|b| format!("{b:02X}")).collect();
        out.push_str(&format!("printer {}\n", bytes.join(" ")));
    }
    if case.deck == Deck::Record {
        let tape = m.cassette().eject().unwrap_or_default();
        let zeros = tape.iter().take_while(|&&b| b == 0).count();
        let rest: Vec<String> = tape[zeros..].iter().map(|b| format!("{b:02X}")).collect();
        out.push_str(&format!("tape {zeros} x 00, {}\n", rest.join(" ")));
    }
    let (start, end) = (
        prog.symbol("RESULT").unwrap(),
        prog.symbol("RESULT_END").unwrap(),
    );
    for row in (start..end).step_by(16) {
        let bytes: Vec<String> = (row..end.min(row + 16))
            .map(|a| format!("{:02X}", m.peek(a)))
            .collect();
        out.push_str(&format!("{}\n", bytes.join(" ")));
    }
    out
}

/// A SYSTEM tape (leader, sync, 55H, name TPROG, blocks, entry) of
/// `roms/tests/entry/tape_prog.asm`, written by our `.cas` writer.
fn system_tape() -> Vec<u8> {
    let p = roms::get("tests/entry/tape_prog").expect("tape_prog");
    let blocks = [Block {
        addr: p.origin,
        data: p.image.to_vec(),
    }];
    cas::write_system("TPROG", &blocks, p.entry.unwrap())
}

fn recorded_path(case: &Case) -> String {
    format!(
        "{}/tests/data/entry_points/{}.txt",
        env!("CARGO_MANIFEST_DIR"),
        case.name
    )
}

const HEADER: &str =
    "# Recorded from Level II (v1.2) running roms/tests/entry/ programs in this emulator:\n\
# the screen (| lines), whether the program reached its HALT, and its RESULT bytes.\n";

fn recorded(case: &Case) -> String {
    let text = std::fs::read_to_string(recorded_path(case))
        .unwrap_or_else(|e| panic!("{}: {e}", recorded_path(case)));
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| format!("{l}\n"))
        .collect()
}

#[test]
fn level2_gives_the_recorded_transcripts() {
    let Some(rom) = level2_rom("level2_gives_the_recorded_transcripts") else {
        return;
    };
    // The transcripts are of revision 1.2; 1.3 differs where its changes show
    // (the shifted down-arrow code in the key table, read by the rst program).
    let rev_1_3 = Machine::new(&Config {
        rom: &rom,
        ..Config::default()
    })
    .unwrap()
    .rom_kind()
        == RomKind::Level2Rev1_3;
    for case in CASES {
        let got = transcript(&rom, case);
        if std::env::var_os("RECORD_LEVEL2").is_some() && !rev_1_3 {
            std::fs::create_dir_all(format!(
                "{}/tests/data/entry_points",
                env!("CARGO_MANIFEST_DIR")
            ))
            .unwrap();
            std::fs::write(recorded_path(case), format!("{HEADER}{got}")).unwrap();
        }
        if rev_1_3 && case.name == "rst" {
            assert_ne!(got, recorded(case), "1.3's key table should differ");
            continue;
        }
        assert_eq!(got, recorded(case), "Level II, {}", case.name);
    }
}

#[test]
fn our_rom_gives_level2s_transcripts() {
    let rom = roms::get("free").unwrap().image;
    let mut wrong = Vec::new();
    for case in CASES {
        let got = transcript(rom, case);
        let want = recorded(case);
        if got != want {
            wrong.push(format!(
                "== {}\n-- ours:\n{got}-- Level II:\n{want}",
                case.name
            ));
        }
    }
    println!(
        "{} of {} entry-point programs agree with Level II",
        CASES.len() - wrong.len(),
        CASES.len()
    );
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
