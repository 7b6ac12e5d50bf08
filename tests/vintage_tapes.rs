//! Machine-code tapes of vintage games load with SYSTEM and start, under our
//! own ROM and (with `TRS80_ROM`) under Level II: the tape plays at 500 baud
//! through the cassette port, `*?` comes back, every block's bytes are in
//! memory, and after `/` the CPU reaches the entry address the tape names;
//! 3-5 emulated seconds later the same screens show under both ROMs.
//!
//! The tapes are not ours to ship: `TRS80_VINTAGE_CAS` names a folder of
//! `.cas` images (SYSTEM tapes are used, BASIC tapes skipped). Without it the
//! test prints `SKIPPED`. BASIC tapes in the folder are CLOADed under both
//! ROMs and must give the same program memory, byte for byte (and LIST ends on
//! the same screen). Tried with Radio Shack's Invasion Force (INVADE), Big
//! Five's Defense Command (DEFENS, 1982) and Cornsoft's Scarfman (SCARFM, 1981),
//! as found in the public `cschweda/trs80-emulator` repository
//! (`public/programs/*.cas`).

mod common;
use common::{boot_level2, level2_rom};
use trs80_machine::cas::{self, TapeFile};
use trs80_machine::cmd::Block;
use trs80_machine::{Machine, StopReason, CPU_HZ};

/// Load `tape` (SYSTEM file `name`, blocks, entry) with SYSTEM on `rom` and
/// start it; the screens shown 3-5 emulated seconds after the start, or what
/// went wrong.
fn load_and_start(
    rom: &[u8],
    tape: &[u8],
    name: &str,
    blocks: &[Block],
    entry: u16,
) -> Result<String, String> {
    let mut m = boot_level2(rom);
    m.type_text("SYSTEM\n");
    if !m.run_until_text("*?", 300) {
        return Err(format!("no *? prompt:\n{}", m.screen_text()));
    }
    m.cassette().insert(tape.to_vec());
    m.type_text(&format!("{name}\n"));
    // 500 baud: about 2 ms a bit, so a byte takes 16 ms; allow double.
    let frames = (tape.len() as u32 * 32 / 25).max(600) + 600;
    let prompts = |m: &Machine| m.screen_text().matches("*?").count();
    if !m.run_until(frames, |m| prompts(m) >= 2) {
        return Err(format!("the tape did not finish:\n{}", m.screen_text()));
    }
    for block in blocks {
        for (i, &b) in block.data.iter().enumerate() {
            let a = block.addr.wrapping_add(i as u16);
            if m.peek(a) != b {
                return Err(format!(
                    "byte {a:04X} is {:02X}, the tape has {b:02X}",
                    m.peek(a)
                ));
            }
        }
    }
    m.debug().add_breakpoint(entry);
    m.type_text("/\n");
    for _ in 0..100 {
        if let StopReason::Breakpoint(pc) = m.run_for(CPU_HZ / 10) {
            assert_eq!(pc, entry);
            m.debug().clear();
            m.run_for(3 * CPU_HZ);
            // Titles blink: every character each screen cell shows over the
            // next 2 s (a cell that changes is drawn as `~`, its characters
            // listed after the screen).
            let mut cells = vec![std::collections::BTreeSet::new(); 16 * 65];
            for _ in 0..80 {
                m.run_frame();
                for (cell, c) in cells.iter_mut().zip(m.screen_text().chars()) {
                    cell.insert(c);
                }
            }
            let mut screen: String = cells
                .iter()
                .map(|c| {
                    if c.len() == 1 {
                        *c.first().unwrap()
                    } else {
                        '~'
                    }
                })
                .collect();
            for (i, c) in cells.iter().enumerate().filter(|(_, c)| c.len() > 1) {
                screen += &format!("\n{i}: {}", c.iter().collect::<String>());
            }
            return Ok(screen);
        }
    }
    Err(format!(
        "the entry {:04X} was never reached:\n{}",
        entry,
        m.screen_text()
    ))
}

/// The `.cas` files of `dir` that parse as tapes, in name order: path, bytes, tape.
fn cas_tapes(dir: &std::path::Path) -> Vec<(std::path::PathBuf, Vec<u8>, cas::Tape)> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("TRS80_VINTAGE_CAS")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x.eq_ignore_ascii_case("cas")))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .filter_map(|path| {
            let bytes = std::fs::read(&path).unwrap();
            let tape = cas::parse(&bytes).ok()?;
            Some((path, bytes, tape))
        })
        .collect()
}

#[test]
fn vintage_system_tapes_load_and_start_under_both_roms() {
    let Some(dir) = std::env::var_os("TRS80_VINTAGE_CAS") else {
        println!("SKIPPED: TRS80_VINTAGE_CAS is not set (a folder of .cas images)");
        return;
    };
    let mut roms = vec![(
        "our ROM",
        roms::get("free").expect("roms/free").image.to_vec(),
    )];
    if let Some(rom) = level2_rom("vintage_tapes (Level II half)") {
        roms.push(("Level II", rom));
    }
    let (mut tried, mut failed) = (0, Vec::new());
    for (path, bytes, tape) in cas_tapes(dir.as_ref()) {
        let Some(TapeFile::System { name, image }) = tape.files.first() else {
            continue;
        };
        let Some(entry) = image.entry else {
            continue;
        };
        let mut screens = Vec::new();
        for (who, rom) in &roms {
            tried += 1;
            match load_and_start(rom, &bytes, name, &image.blocks, entry) {
                Ok(screen) => {
                    println!(
                        "{}: {name} starts at {entry:04X} under {who}",
                        path.display()
                    );
                    screens.push(screen);
                }
                Err(e) => failed.push(format!("{} under {who}: {e}", path.display())),
            }
        }
        // The game's own title screens, the same under both ROMs.
        if screens.len() == 2 && screens[0] != screens[1] {
            failed.push(format!(
                "{}: after 3 s our ROM shows\n{}\nLevel II shows\n{}",
                path.display(),
                screens[0],
                screens[1]
            ));
        }
    }
    assert!(tried > 0, "no SYSTEM tape in {}", dir.to_string_lossy());
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

/// CLOAD `tape` under `rom`: the program's bytes (40A4H up to 40F9H) and
/// the last screen of its LIST, or what went wrong.
fn cload(rom: &[u8], tape: &[u8]) -> Result<(Vec<u8>, String), String> {
    let mut m = boot_level2(rom);
    m.cassette().insert(tape.to_vec());
    m.type_text("CLOAD\n");
    let frames = (tape.len() as u32 * 32 / 25).max(600) + 600;
    let (mut started, mut done) = (false, false);
    for _ in 0..frames {
        started |= m.cassette().motor_on();
        if started && !m.cassette().motor_on() {
            done = true;
            break;
        }
        m.run_frame();
    }
    if !done {
        return Err(format!("the tape did not finish:\n{}", m.screen_text()));
    }
    m.run_for(CPU_HZ / 2);
    m.type_text("CLS:LIST\n");
    // The listing's last screen, once READY and the prompt are back (a listed
    // string can show a '>' alone on the last line for a moment).
    let listed = m.run_until_typed(600)
        && m.run_until(6000, |m| {
            let s = m.screen_text();
            let mut lines = s.lines().map(str::trim_end).filter(|l| !l.is_empty());
            let (last, before) = (lines.next_back(), lines.next_back());
            before == Some("READY") && last.is_some_and(|l| l == ">" || l == ">_")
        });
    if !listed {
        return Err(format!("LIST did not end:\n{}", m.screen_text()));
    }
    let word = |a: u16| u16::from_le_bytes([m.peek(a), m.peek(a + 1)]);
    let bytes = (word(0x40A4)..word(0x40F9)).map(|a| m.peek(a)).collect();
    Ok((bytes, m.screen_text()))
}

#[test]
fn vintage_basic_tapes_cload_alike_under_both_roms() {
    let Some(dir) = std::env::var_os("TRS80_VINTAGE_CAS") else {
        println!("SKIPPED: TRS80_VINTAGE_CAS is not set (a folder of .cas images)");
        return;
    };
    let Some(level2) = level2_rom("vintage_basic_tapes (needs Level II to compare)") else {
        return;
    };
    let ours = roms::get("free").expect("roms/free").image;
    let (mut tried, mut failed) = (0, Vec::new());
    for (path, bytes, tape) in cas_tapes(dir.as_ref()) {
        let Some(TapeFile::Basic { name, .. }) = tape.files.first() else {
            continue;
        };
        tried += 1;
        match (cload(&level2, &bytes), cload(ours, &bytes)) {
            (Ok((want, screen2)), Ok((got, screen))) => {
                if want.len() < 16 {
                    failed.push(format!("{}: Level II loaded nothing", path.display()));
                } else if got != want {
                    let at = got.iter().zip(&want).position(|(a, b)| a != b);
                    failed.push(format!(
                        "{}: our ROM loaded {} bytes, Level II {} (first difference at {at:?})",
                        path.display(),
                        got.len(),
                        want.len()
                    ));
                } else if screen != screen2 {
                    failed.push(format!(
                        "{}: LIST shows\n{screen}\nunder our ROM, under Level II\n{screen2}",
                        path.display()
                    ));
                } else {
                    println!(
                        "{}: \"{}\" CLOADs to the same {} bytes under both ROMs",
                        path.display(),
                        char::from(*name),
                        got.len()
                    );
                }
            }
            (Err(e), _) => failed.push(format!("{} under Level II: {e}", path.display())),
            (_, Err(e)) => failed.push(format!("{} under our ROM: {e}", path.display())),
        }
    }
    assert!(tried > 0, "no BASIC tape in {}", dir.to_string_lossy());
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}
