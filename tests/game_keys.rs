//! A 30-line game of the kind Model I owners typed in (INKEY$ polling,
//! PRINT @ for the score, SET/RESET/POINT for the walls, the player and the
//! target), driven by a script of keys: after each key the harness waits for
//! the move counter to go up and the screen to settle, and keeps that screen.
//! The sequence of screens must be the same under our ROM and Level II
//! (`TRS80_ROM`; without it our ROM only has to finish the game).

mod common;
use common::{boot_level2, level2_rom};
use trs80_machine::basic::Program;
use trs80_machine::{loader, Key, Machine};

const GAME: &str = include_str!("data/game_keys.bas");

/// The keys: to the target at (20,10) and on to the next one, then quit.
fn script() -> String {
    let mut k = String::new();
    k.push_str(&"A".repeat(22));
    k.push_str(&"W".repeat(14));
    k.push_str("DDDDSSSSDDDDSSSSQ");
    k
}

/// Run the game on `rom` with the key script; the video RAM after every key
/// (graphics included; the blinking cursor shown as a blank).
fn screens(rom: &[u8]) -> Vec<Vec<u8>> {
    let mut m: Machine = boot_level2(rom);
    let listing = Program::from_text(GAME).expect("listing");
    loader::install_basic(&mut m, &listing).expect("fast load");
    m.type_text("RUN\n");
    assert!(m.run_until_typed(600));
    assert!(
        m.run_until(1_200, |m| m.screen_text().contains("MOVE 0")),
        "the game did not start:\n{}",
        m.screen_text()
    );
    // The first key only once the program waits for it, as every later one
    // (a key typed while line 65 still prints could be up again before
    // INKEY$ looks).
    settle(&mut m);
    let mut out = Vec::new();
    for (n, key) in script().chars().enumerate() {
        m.type_text(&key.to_string());
        assert!(m.run_until_typed(600));
        let want = if key == 'Q' {
            "GAME OVER".to_string()
        } else {
            format!("MOVE {} ", n + 1)
        };
        assert!(
            m.run_until(600, |m| m.screen_text().contains(&want)),
            "no {want:?} after key {n}:\n{}",
            m.screen_text()
        );
        settle(&mut m);
        let ram = m.video_ram().iter();
        out.push(ram.map(|&b| if b == b'_' { b' ' } else { b }).collect());
    }
    out
}

/// Run until the screen has not changed for 6 frames (at most 120).
fn settle(m: &mut Machine) {
    let mut last = m.video_ram().to_vec();
    let mut same = 0;
    m.run_until(120, |m| {
        let now = m.video_ram().to_vec();
        same = if now == last { same + 1 } else { 0 };
        last = now;
        same >= 6
    });
}

#[test]
fn the_game_gives_level2_screens() {
    assert_eq!(GAME.lines().count(), 30, "the game's listing");
    let ours = screens(roms::get("free").expect("roms/free").image);
    let last = String::from_utf8_lossy(ours.last().unwrap()).into_owned();
    assert!(last.contains("GAME OVER, SCORE 10 IN 52 MOVES"), "{last}");
    // The walls: the top row of blocks is set all along.
    assert!(ours[0][64..128].iter().all(|&b| b >= 0x80), "no wall");
    let Some(level2) = level2_rom("game_keys") else {
        return;
    };
    let theirs = screens(&level2);
    assert_eq!(ours.len(), theirs.len());
    for (i, (a, b)) in ours.iter().zip(&theirs).enumerate() {
        assert_eq!(a, b, "screen after key {i} differs");
    }
}

/// The counter a running program shows at the top left.
fn counter(m: &Machine) -> String {
    m.screen_text()
        .lines()
        .next()
        .unwrap_or("")
        .trim()
        .to_string()
}

/// SHIFT-@ held while a program runs pauses it until another key comes.
fn pauses(rom: &[u8]) {
    let mut m: Machine = boot_level2(rom);
    let listing = Program::from_text("10 N=N+1:PRINT @ 0,N;:GOTO 10").expect("listing");
    loader::install_basic(&mut m, &listing).expect("fast load");
    m.type_text("RUN\n");
    assert!(m.run_until_typed(600));
    m.run_until(30, |_| false);
    m.key_down(Key::Shift);
    m.key_down(Key::Char(b'@'));
    m.run_until(10, |_| false);
    m.key_up(Key::Char(b'@'));
    m.key_up(Key::Shift);
    m.run_until(5, |_| false);
    let paused = counter(&m);
    m.run_until(60, |_| false);
    assert_eq!(counter(&m), paused, "SHIFT-@ did not pause the program");
    m.type_text(" ");
    assert!(m.run_until_typed(600));
    m.run_until(30, |_| false);
    assert_ne!(counter(&m), paused, "another key did not go on");
}

#[test]
fn shift_at_pauses_a_running_program() {
    pauses(roms::get("free").expect("roms/free").image);
    if let Some(level2) = level2_rom("game_keys pause") {
        pauses(&level2);
    }
}
