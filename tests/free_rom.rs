//! The built-in free ROM (roms/free.asm, stage 0) on the emulated machine: boot banner,
//! prompt, keyboard echo through its own matrix scan, ENTER/backspace/CLEAR, scrolling,
//! the RTC interrupt, the RESET button, and the pinned Level II entry points.

use trs80_machine::{Config, Key, Machine, CPU_HZ};

fn free() -> &'static roms::Rom {
    roms::get("free").expect("roms/free.asm is built")
}

fn boot(ram_kib: u16) -> Machine {
    let rom = free();
    let mut m = Machine::new(&Config {
        rom: rom.image,
        ram_kib,
        expansion_interface: ram_kib > 16,
        ..Config::default()
    })
    .unwrap();
    assert!(
        m.run_until_text("READY", 120),
        "no READY:\n{}",
        m.screen_text()
    );
    m
}

fn lines(m: &Machine) -> Vec<String> {
    m.screen_text()
        .lines()
        .map(|l| l.trim_end().to_string())
        .collect()
}

fn type_and_settle(m: &mut Machine, s: &str) {
    m.type_text(s);
    assert!(m.run_until_typed(2_000), "typing never finished");
}

#[test]
fn image_and_entry_points() {
    let rom = free();
    assert_eq!((rom.origin, rom.image.len()), (0, 0x3000));
    // Level II's published entry points.
    assert_eq!(rom.symbol("KBSCANE"), Some(0x002B));
    assert_eq!(rom.symbol("DSPCHRE"), Some(0x0033));
    assert_eq!(rom.symbol("RST38"), Some(0x0038));
    assert_eq!(rom.symbol("KBWAITE"), Some(0x0049));
    assert_eq!(rom.symbol("NMI"), Some(0x0066));
    // Each is a JP into the ROM.
    for a in [0x2B, 0x33, 0x49, 0x66] {
        assert_eq!(rom.image[a], 0xC3, "JP at {a:04X}");
    }
}

#[test]
fn boots_to_banner_and_prompt_in_4k() {
    let m = boot(4);
    let l = lines(&m);
    assert_eq!(l[0], "TRS-80 MODEL I - FREE ROM (STAGE 0)");
    assert_eq!(l[2], "READY");
    assert_eq!(l[3], ">_");
    // Boot is quick: READY within half a second of emulated time.
    assert!(m.t_states() < CPU_HZ / 2, "{} T", m.t_states());
}

#[test]
fn echoes_keys_with_enter_backspace_and_clear() {
    let mut m = boot(16);
    type_and_settle(&mut m, "10 PRINT \"A+B\";(3*4)<>5?\n");
    type_and_settle(&mut m, "XY\x08Z");
    let l = lines(&m);
    assert_eq!(l[3], ">10 PRINT \"A+B\";(3*4)<>5?");
    assert_eq!(l[4], ">XZ_");
    // Backspace stops at the prompt.
    type_and_settle(&mut m, "\x08\x08\x08\x08");
    assert_eq!(lines(&m)[4], ">_");
    // CLEAR clears the screen and gives a prompt at the top.
    m.keyboard_mut().queue_keys(false, &[Key::Clear]);
    assert!(m.run_until_typed(200));
    let l = lines(&m);
    assert_eq!(l[0], ">_");
    assert!(l[1..].iter().all(|s| s.is_empty()));
}

#[test]
fn scrolls_at_the_bottom() {
    let mut m = boot(16);
    let text: String = (0..20).map(|i| format!("L{i}\n")).collect();
    type_and_settle(&mut m, &text);
    let l = lines(&m);
    assert_eq!(l[15], ">_");
    assert_eq!(l[14], ">L19");
    assert_eq!(l[0], ">L5");
}

#[test]
fn counts_rtc_interrupts_harmlessly() {
    let mut m = boot(48);
    let before = m.peek(0x4040);
    m.run_for(CPU_HZ); // one second: 40 ticks of the Expansion Interface clock
    let ticks = m.peek(0x4040).wrapping_sub(before);
    assert!((39..=41).contains(&ticks), "{ticks} ticks");
    type_and_settle(&mut m, "OK\n");
    assert_eq!(lines(&m)[3], ">OK");
}

#[test]
fn reset_button_restarts() {
    let mut m = boot(16);
    type_and_settle(&mut m, "BEFORE\n");
    m.reset_button();
    m.run_for(CPU_HZ / 2);
    let l = lines(&m);
    assert_eq!(l[0], "TRS-80 MODEL I - FREE ROM (STAGE 0)");
    assert!(!m.screen_text().contains("BEFORE"));
}
