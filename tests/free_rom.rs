//! Our own ROM (`roms/free/`) on the emulated machine: its size, its pinned
//! Level II entry points, the power-on dialogue, the communication region it
//! leaves in RAM (compared with what the real Level II leaves, recorded in
//! `tests/data/free_rom/`), the line editor under the key queue, and the
//! RESET button.
//!
//! With `TRS80_ROM` set to a Level II image the recorded observations are
//! checked against the real ROM again; `RECORD_LEVEL2=1` rewrites them.

mod common;
use common::{level2_rom, lines};
use trs80_machine::{Config, Machine, StopReason, CPU_HZ};

fn free() -> &'static roms::Rom {
    roms::get("free").expect("roms/free/main.asm is built")
}

/// Power on with `rom` and `ram_kib` of RAM; wait for the MEMORY SIZE? question.
fn power_on(rom: &[u8], ram_kib: u16) -> Machine {
    let mut m = Machine::new(&Config {
        rom,
        ram_kib,
        expansion_interface: ram_kib > 16,
        ..Config::default()
    })
    .unwrap();
    assert!(
        m.run_until_text("SIZE?", 300),
        "no MEMORY SIZE?:\n{}",
        m.screen_text()
    );
    m
}

/// Answer MEMORY SIZE? with `answer` and let the ROM settle.
fn answer(m: &mut Machine, answer: &str) {
    m.type_text(answer);
    assert!(m.run_until_typed(2_000), "typing never finished");
    m.run_for(CPU_HZ / 2);
}

fn word(m: &Machine, a: u16) -> u16 {
    u16::from_le_bytes([m.peek(a), m.peek(a + 1)])
}

/// Boot our ROM to READY on 48 KB.
fn boot() -> Machine {
    let mut m = power_on(free().image, 48);
    answer(&mut m, "\n");
    assert_eq!(lines(&m)[2], "READY", "{}", m.screen_text());
    m
}

#[test]
fn fits_the_model_i_rom_space_and_reports_its_room() {
    let rom = free();
    assert_eq!((rom.origin, rom.image.len()), (0, 12_288));
    let free_bytes = rom.symbol("ROM_FREE").expect("main.asm defines ROM_FREE") as usize;
    // The padding PLACE counts is FFH filler, and nothing else is.
    let filler = rom.image.iter().filter(|&&b| b == 0xFF).count();
    assert!(
        free_bytes <= filler,
        "{free_bytes} free > {filler} FFH bytes"
    );
    assert!(free_bytes > 0 && free_bytes < 12_288);
    println!(
        "roms/free: {} bytes used, {free_bytes} free",
        12_288 - free_bytes
    );
}

/// The Level II addresses machine code calls, with the symbol our ROM has there.
const PINS: &[(&str, u16)] = &[
    ("RESET", 0x0000),
    ("RST08", 0x0008),
    ("WHERE", 0x000B),
    ("DISKBT", 0x000D),
    ("RST10", 0x0010),
    ("GETDEV", 0x0013),
    ("RST18", 0x0018),
    ("PUTDEV", 0x001B),
    ("RST20", 0x0020),
    ("CTLDEV", 0x0023),
    ("RST28", 0x0028),
    ("KBD", 0x002B),
    ("RST30", 0x0030),
    ("DSP", 0x0033),
    ("RST38", 0x0038),
    ("PRT", 0x003B),
    ("KEYINE", 0x0040),
    ("KEY", 0x0049),
    ("KEYTAB", 0x0050),
    ("DELAY", 0x0060),
    ("NMIE", 0x0066),
    ("L3E", 0x012D),
    ("CLS", 0x01C9),
    ("RANDOM", 0x01D3),
    ("PULSEE", 0x01D9),
    ("CTOFFE", 0x01F8),
    ("DEFDRVE", 0x0212),
    ("BLINKE", 0x022C),
    ("CASINE", 0x0235),
    ("CASOUTE", 0x0264),
    ("CWRTONE", 0x0284),
    ("CASLDRE", 0x0287),
    ("CSRDONE", 0x0293),
    ("CASSYNE", 0x0296),
    ("SYSTEME", 0x02B2),
    ("CADRINE", 0x0314),
    ("ISCHAR", 0x0358),
    ("INLINE", 0x0361),
    ("INCHR", 0x0384),
    ("KBDRVE", 0x03E3),
    ("VIDDRVE", 0x0458),
    ("PRTDRVE", 0x058D),
    ("RESETR", 0x06CC),
    ("OVERR", 0x07B2),
    ("CINT", 0x0A7F),
    ("MAKINT", 0x0A9A),
    ("CSNG", 0x0AB1),
    ("CDBL", 0x0ADB),
    ("FIX", 0x0B26),
    ("INT", 0x0B37),
    ("FIN", 0x0E6C),
    ("LINPRT", 0x0FAF),
    ("FOUT", 0x0FBD),
    ("OMERRE", 0x197A),
    ("SNERRE", 0x1997),
    ("ERRORE", 0x19A2),
    ("READYE", 0x1A19),
    ("NEWE", 0x1B49),
    ("CPDEHLE", 0x1C90),
    ("SYNCHKE", 0x1C96),
    ("CHRGETE", 0x1D78),
    ("FCERRE", 0x1E4A),
    ("LINGETE", 0x1E5A),
    ("GETYPEE", 0x25D9),
    ("STROUTE", 0x28A7),
    ("GETINTE", 0x2B02),
    ("CSAVEE", 0x2BF5),
    ("CLOADE", 0x2C1F),
];

#[test]
fn every_pinned_entry_point_is_at_its_level_ii_address() {
    let rom = free();
    for &(name, addr) in PINS {
        assert_eq!(rom.symbol(name), Some(addr), "{name}");
        assert_ne!(
            rom.image[addr as usize], 0xFF,
            "{name} at {addr:04X} is filler"
        );
    }
    // The special keys' codes at 0050H, in Level II's order.
    assert_eq!(
        &rom.image[0x50..0x60],
        &[
            0x0D, 0x0D, 0x1F, 0x1F, 0x01, 0x01, 0x5B, 0x1B, 0x0A, 0x1A, 0x08, 0x18, 0x09, 0x19,
            0x20, 0x20
        ]
    );
}

#[test]
fn boots_to_its_own_banner_and_ready() {
    let m = boot();
    let l = lines(&m);
    assert_eq!(l[0], "MEMORY SIZE?");
    assert!(!l[1].is_empty() && !l[1].contains("RADIO SHACK"), "{l:?}");
    assert_eq!(&l[2..4], &["READY", ">_"]);
    assert_eq!(word(&m, 0x40B1), 0xFFFF, "MEMSIZ: all 48 KB");
    assert_eq!(word(&m, 0x40A0), 0xFFFF - 50, "50 bytes of string space");
}

#[test]
fn memory_size_answers_behave_as_on_level_ii() {
    // (RAM in KB, answer, MEMSIZ afterwards or None if the question comes again,
    // whether the screen was cleared for the new question)
    let cases: &[(u16, &str, Option<u16>, bool)] = &[
        (16, "\n", Some(0x7FFF), false),
        (32, "\n", Some(0xBFFF), false),
        (48, "   \n", Some(0xFFFF), false),
        (48, "32000\n", Some(31_998), false),
        (48, " 3 2000\n", Some(31_998), false),
        (48, "0\n", Some(0xFFFE), false),
        (48, "17430\n", Some(17_428), false),
        (48, "65529\n", Some(65_527), false),
        (16, "20000\n", Some(19_998), false),
        (16, "40000\n", None, false), // N-1 is not RAM: asked again below
        (48, "100\n", None, false),
        (48, "17429\n", None, true), // too little for BASIC: a clear screen
        (48, "65530\n", None, true), // not a number BASIC takes
        (48, "ABC\n", None, true),
        (48, "32000X\n", None, true),
        (48, "-5\n", None, true),
    ];
    for &(ram, typed, memsiz, cleared) in cases {
        let mut m = power_on(free().image, ram);
        answer(&mut m, typed);
        let l = lines(&m);
        let what = format!("{ram}K {typed:?}: {l:?}");
        match memsiz {
            Some(top) => {
                assert_eq!(l[2], "READY", "{what}");
                assert_eq!(word(&m, 0x40B1), top, "{what}");
            }
            None if cleared => assert_eq!(l[0], "MEMORY SIZE? _", "{what}"),
            None => {
                assert_eq!(
                    l[0].trim_end(),
                    format!("MEMORY SIZE? {}", typed.trim()),
                    "{what}"
                );
                assert_eq!(l[1], "MEMORY SIZE? _", "{what}");
            }
        }
    }
}

/// Cells whose contents are Level II's own business (its RAM division helper,
/// pointers into its ROM, its stack) and are not compared.
fn private_to_level2(a: u16) -> bool {
    matches!(a,
        0x4080..=0x408D | 0x40AF | 0x40B5..=0x40B7 | 0x40D3..=0x40D5 | 0x40DF..=0x40E0
        | 0x40E8..=0x40E9 | 0x4121..=0x4122 | 0x41E8..=0x42E7)
}

const COMM_REGION: &str = "tests/data/free_rom/level2_comm_region.txt";

/// `(address, Some(byte))` per cell of the recorded file; `--` is not compared.
fn recorded_region() -> Vec<(u16, Option<u8>)> {
    let text = std::fs::read_to_string(COMM_REGION).expect(COMM_REGION);
    let mut out = Vec::new();
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let (addr, bytes) = line.split_once(':').expect("ADDR: bytes");
        let addr = u16::from_str_radix(addr, 16).expect("hex address");
        for (i, b) in bytes.split_whitespace().enumerate() {
            out.push((addr + i as u16, u8::from_str_radix(b, 16).ok()));
        }
    }
    assert_eq!(out.len(), 0x300);
    out
}

fn region_text(m: &Machine) -> String {
    let mut s = String::new();
    for row in (0x4000u16..0x4300).step_by(16) {
        s.push_str(&format!("{row:04X}:"));
        for a in row..row + 16 {
            if private_to_level2(a) {
                s.push_str(" --");
            } else {
                s.push_str(&format!(" {:02X}", m.peek(a)));
            }
        }
        s.push('\n');
    }
    s
}

fn check_region(m: &Machine, who: &str) {
    let mut wrong = Vec::new();
    for (a, want) in recorded_region() {
        if let Some(want) = want {
            if m.peek(a) != want {
                wrong.push(format!("{a:04X}: {:02X} (Level II {want:02X})", m.peek(a)));
            }
        }
    }
    assert!(wrong.is_empty(), "{who}: {}", wrong.join(", "));
}

#[test]
fn leaves_the_communication_region_as_level_ii_does() {
    if let Some(rom) = level2_rom("leaves_the_communication_region_as_level_ii_does (Level II)") {
        let mut m = power_on(&rom, 48);
        answer(&mut m, "\n");
        if std::env::var_os("RECORD_LEVEL2").is_some() {
            let header: String = std::fs::read_to_string(COMM_REGION)
                .unwrap_or_default()
                .lines()
                .take_while(|l| l.starts_with('#'))
                .map(|l| format!("{l}\n"))
                .collect();
            std::fs::write(COMM_REGION, header + &region_text(&m)).unwrap();
        }
        check_region(&m, "Level II");
    }
    check_region(&boot(), "our ROM");
}

#[test]
fn the_line_editor_takes_2000_typed_characters_exactly() {
    let mut alphabet: Vec<char> =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 !\"#$%&'()*+,-./:;<=>?LLOO00  "
            .chars()
            .collect();
    alphabet.sort_unstable();
    let mut seed = 99_u32;
    let mut typed = Vec::new();
    while typed.iter().map(|l: &String| l.len() + 1).sum::<usize>() < 2000 {
        let line: String = (0..40)
            .map(|_| {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                alphabet[(seed >> 16) as usize % alphabet.len()]
            })
            .collect();
        typed.push(line);
    }
    // Both key timings: the queue's default, and the short presses the 1.2
    // ROM's scanner also takes.
    for (hold, release) in [(None, None), (Some(2_000), Some(500))] {
        let mut m = boot();
        let log = roms::get("tests/keyin_log").expect("roms/tests/keyin_log.asm");
        m.load(log.origin, log.image);
        m.cpu_mut().regs.pc = log.entry.unwrap();
        m.cpu_mut().regs.sp = 0x6F00;
        if let (Some(h), Some(r)) = (hold, release) {
            m.keyboard_mut().set_hold(h);
            m.keyboard_mut().set_release_hold(r);
        }
        let text: String = typed.iter().map(|l| format!("{l}\n")).collect();
        m.type_text(&text);
        assert!(m.run_until_typed(60_000), "the queue did not drain");
        m.run_for(CPU_HZ / 10);
        let start = log.symbol("LOG").unwrap();
        let end = word(&m, log.symbol("LOGPTR").unwrap());
        let got: Vec<u8> = (start..end).map(|a| m.peek(a)).collect();
        let want: Vec<u8> = typed.iter().flat_map(|l| l.bytes().chain([0x0D])).collect();
        assert_eq!(
            String::from_utf8_lossy(&got),
            String::from_utf8_lossy(&want),
            "hold {hold:?}"
        );
    }
}

#[test]
fn reset_button_returns_to_ready_with_the_memory_kept() {
    let mut m = boot();
    m.poke(0x42E9, 0x55);
    m.poke(0x7000, 0xAA);
    m.reset_button();
    m.run_for(CPU_HZ / 2);
    assert_eq!(m.peek(0x7000), 0xAA);
    assert_eq!(m.peek(0x42E9), 0x55);
    assert_eq!(word(&m, 0x40B1), 0xFFFF);
    let l = lines(&m);
    let i = l.iter().rposition(|s| s == "READY").expect("READY");
    assert_eq!(l[i + 1], ">_");
    assert!(matches!(m.run_for(1000), StopReason::BudgetSpent));
}
