//! The story end to end, on our own ROM and (with `TRS80_ROM`) on Level II: boot, type the
//! BASIC loader of our TermiNet driver (roms/examples/terminet_driver.asm, as the monitor's
//! `basic` command writes it), RUN it (its USR call initialises the UART and hooks the printer
//! DCB at 4026H), type a 20-line program, LLIST it. The TermiNet's paper must hold exactly
//! the listing, a page picture must exist, and the time the printing took must be 30
//! characters a second plus the carriage-return intervals (within 2 %).

use trs80_machine::monitor::loader::{basic_loader, Hook, LoaderOptions};
use trs80_machine::serial::TerminetEnd;
use trs80_machine::{Config, Machine};

/// One 10-bit character at 300 baud, in T-states.
const CHAR_T: u64 = 59_136;
/// The TermiNet's new-line interval, 300 ms.
const NEWLINE_T: u64 = 1_774_080 * 300 / 1000;

fn program() -> Vec<String> {
    (1..=20)
        .map(|i| match i % 4 {
            0 => format!("{} PRINT \"LINE {}\";I*{}", i * 10, i, i),
            1 => format!("{} FOR I=1 TO {}", i * 10, i),
            2 => format!("{} A$=\"TERMINET 300 LINE {}\"", i * 10, i),
            _ => format!("{} NEXT I:REM {}", i * 10, "X".repeat(i)),
        })
        .collect()
}

fn printer(m: &mut Machine) -> &terminet::Terminet {
    let board = m.rs232().expect("board fitted");
    &board
        .end()
        .as_any()
        .downcast_ref::<TerminetEnd>()
        .expect("TermiNet")
        .printer
}

#[test]
fn llist_through_the_hand_poked_driver_on_our_rom() {
    story(roms::get("free").expect("our ROM").image);
}

#[test]
fn llist_through_the_hand_poked_driver_on_level2() {
    let Some(path) = std::env::var_os("TRS80_ROM") else {
        println!("SKIPPED: TRS80_ROM is not set (path of a Level II ROM image)");
        return;
    };
    story(&std::fs::read(&path).expect("TRS80_ROM readable"));
}

fn story(rom: &[u8]) {
    let mut m = Machine::new(&Config {
        rom,
        rs232: true,
        ..Config::default()
    })
    .expect("ROM accepted");
    let t = m.t_states();
    let cfg = terminet::Config {
        strict: true,
        ..terminet::Config::default()
    };
    m.rs232()
        .unwrap()
        .attach(Box::new(TerminetEnd::new(cfg)), t);

    assert!(m.run_until_text("SIZE?", 600), "{}", m.screen_text());
    m.type_text("32511\n");
    assert!(m.run_until_typed(600));
    assert!(m.run_until_text("READY", 600), "{}", m.screen_text());

    let driver = roms::get("examples/terminet_driver").expect("driver assembled");
    let opts = LoaderOptions {
        first_line: 10,
        step: 10,
        hook: Hook::Usr,
        entry: driver.origin,
    };
    let loader = basic_loader(driver.origin, driver.image, &opts).expect("loader");
    m.type_text(&loader);
    m.type_text("RUN\n");
    assert!(m.run_until_typed(200_000), "typing the loader");
    for _ in 0..120 {
        m.run_frame();
    }
    let screen = m.screen_text();
    let after_run = screen.rsplit_once(">RUN").map_or("", |x| x.1);
    assert!(
        after_run.contains("READY") && !after_run.contains("ERROR"),
        "{screen}"
    );
    let hook = u16::from(m.peek(0x4026)) | u16::from(m.peek(0x4027)) << 8;
    assert_eq!(
        Some(hook),
        driver.symbol("driver"),
        "USR(0) hooked the printer DCB"
    );

    m.type_text("NEW\n");
    let lines = program();
    for l in &lines {
        m.type_text(l);
        m.type_text("\n");
    }
    assert!(m.run_until_typed(200_000), "typing the program");
    let before = printer(&mut m).stats().clone();
    assert_eq!(before.printed, 0);
    llist(&mut m);
    let p = printer(&mut m).clone();

    let expected: String = lines.iter().map(|l| format!("{l}\n")).collect();
    assert_eq!(p.text(), expected, "the paper holds the listing");
    let s = p.stats();
    assert_eq!(
        s.lost, 0,
        "strict mode: the driver's fills give the printer its time"
    );

    let png = p.page_png(0).expect("a page");
    let mut r = png::Decoder::new(std::io::Cursor::new(png))
        .read_info()
        .unwrap();
    let mut buf = vec![0; r.output_buffer_size()];
    let info = r.next_frame(&mut buf).unwrap();
    assert_eq!((info.width, info.height), (1785, 1320));

    let chars: u64 = lines.iter().map(|l| l.len() as u64 - 1).sum();
    let expected_t = chars * CHAR_T + (lines.len() as u64 - 1) * NEWLINE_T;
    let took = s.last_print.unwrap() - s.first_print.unwrap();
    let ratio = took as f64 / expected_t as f64;
    println!(
        "printing took {took} T ({:.3} s), 30 cps + CR model {expected_t} T ({:.3} s), ratio {ratio:.4}; stats {s:?}",
        took as f64 / 1_774_080.0,
        expected_t as f64 / 1_774_080.0
    );
    assert!((ratio - 1.0).abs() <= 0.02, "ratio {ratio}");

    // A driver that sends no fills after CR LF: the strict printer loses the start of each
    // new line, the forgiving one holds it.
    m.poke(driver.symbol("filln").unwrap() + 1, 0);
    for strict in [true, false] {
        let t = m.t_states();
        let cfg = terminet::Config {
            strict,
            ..terminet::Config::default()
        };
        m.rs232()
            .unwrap()
            .attach(Box::new(TerminetEnd::new(cfg)), t);
        llist(&mut m);
        let p = printer(&mut m).clone();
        let s = p.stats();
        println!("no fills, strict {strict}: {s:?}");
        if strict {
            // CR and LF take 2 of the 9 character times: 6 characters of every later line
            // are lost (a line's LF also counts as a second line feed when the whole line
            // was lost, but every line here is longer than 6).
            assert_eq!(s.lost, 6 * 19);
            assert_ne!(p.text(), expected);
        } else {
            assert_eq!(s.lost, 0);
            assert!(s.held > 0);
            assert_eq!(p.text(), expected);
        }
    }
}

/// Types LLIST and runs until the printer has printed everything.
fn llist(m: &mut Machine) {
    m.type_text("LLIST\n");
    assert!(m.run_until_typed(2_000));
    let mut frames = 0;
    while frames < 60 * 180 {
        m.run_frame();
        frames += 1;
        let t = m.t_states();
        m.rs232().unwrap().advance(t);
        if printer(m).stats().printed > 0 && m.screen_text().trim_end().ends_with("READY\n>") {
            break;
        }
    }
    // The forgiving printer may still be working through what it holds.
    for _ in 0..60 * 30 {
        m.run_frame();
    }
    let t = m.t_states();
    m.rs232().unwrap().advance(t);
}
