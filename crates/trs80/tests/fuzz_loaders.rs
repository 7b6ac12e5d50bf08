//! Property test of the file loaders: ≥ 100,000 generated inputs (valid files, mutated files and
//! random bytes) through every parser. None may panic; every error must have a message; every
//! file that parses must survive a write → parse round trip.
//!
//! Deterministic: a fixed-seed xorshift generator, no extra dependencies. `FUZZ_CASES=n`
//! overrides the number of cases, `FUZZ_SEED=n` the seed.

use testkit::{env_u64, Rng};
use trs80_machine::basic::{detokenize, keywords, tokenize, Program};
use trs80_machine::cas::{self, TapeFile};
use trs80_machine::cmd::{self, Block, MemoryImage};
use trs80_machine::loader::{identify, ProgramFile};

const PIECES: &[&str] = &[
    " ", " ", "A", "B", "I", "X$", "1", "23", "4.5", "E", "\"", "\"HI\"", ",", ";", ":", "(", ")",
    "=", "+", "-", "*", "/", "<", ">", "'", "%", "#", "!", "@", "N", "Q", "Z", "0", "9", "$",
];

/// Random BASIC statement text from keywords and ordinary characters (no `?`, `^` or escapes,
/// which the listing deliberately shows as their keyword or escape).
fn random_text(rng: &mut Rng) -> String {
    let kws: Vec<&str> = keywords().map(|(_, k)| k).filter(|k| *k != "'").collect();
    let mut s = String::new();
    for _ in 0..rng.below(30) {
        if rng.below(3) == 0 {
            s.push_str(kws[rng.below(kws.len())]);
        } else {
            s.push_str(PIECES[rng.below(PIECES.len())]);
        }
    }
    s
}

fn random_program(rng: &mut Rng) -> Program {
    let mut text = String::new();
    for _ in 0..1 + rng.below(6) {
        let n = rng.below(65530);
        text.push_str(&format!("{n} {}X\n", random_text(rng)));
    }
    Program::from_text(&text).expect("generated listing")
}

fn random_image(rng: &mut Rng) -> MemoryImage {
    let blocks = (0..1 + rng.below(4))
        .map(|_| {
            let len = 1 + rng.below(400);
            Block {
                addr: 0x4000 + rng.below(0x8000) as u16,
                data: (0..len).map(|_| rng.byte()).collect(),
            }
        })
        .collect();
    MemoryImage {
        blocks,
        entry: Some(rng.next_u64() as u16),
    }
}

fn valid_file(rng: &mut Rng) -> Vec<u8> {
    match rng.below(5) {
        0 => cas::write_basic(b'A' + rng.below(26) as u8, &random_program(rng)),
        1 => {
            let img = random_image(rng);
            cas::write_system("PROG", &img.blocks, img.entry.unwrap())
        }
        2 => cmd::write(&random_image(rng), Some("NAME")),
        3 => random_program(rng).to_text().into_bytes(),
        _ => {
            let mut v = vec![0xFF];
            v.extend(random_program(rng).to_image(0x6A00));
            v
        }
    }
}

fn mutate(rng: &mut Rng, mut v: Vec<u8>) -> Vec<u8> {
    for _ in 0..1 + rng.below(4) {
        if v.is_empty() {
            v.push(rng.byte());
        }
        let at = rng.below(v.len());
        match rng.below(6) {
            0 => v[at] ^= 1 << rng.below(8),
            1 => v[at] = rng.byte(),
            2 => v.truncate(at),
            3 => v.insert(at, rng.byte()),
            4 => {
                v.remove(at);
            }
            _ => {
                // Skip ahead into the interesting part of a tape (past the leader).
                let from = v.iter().position(|&b| b != 0).unwrap_or(0);
                let at = from + rng.below(v.len() - from + 1);
                v.truncate(at);
            }
        }
    }
    v
}

fn flat(img: &MemoryImage) -> Vec<(u16, u8)> {
    img.blocks
        .iter()
        .flat_map(|b| {
            b.data
                .iter()
                .enumerate()
                .map(move |(i, &d)| (b.addr.wrapping_add(i as u16), d))
        })
        .collect()
}

fn check(bytes: &[u8], stats: &mut [usize; 3]) {
    // Every parser, on every input: no panic, and a message for every error.
    match cas::parse(bytes) {
        Ok(tape) => {
            stats[0] += 1;
            for f in &tape.files {
                match f {
                    TapeFile::Basic { name, program } => {
                        let again = cas::parse(&cas::write_basic(*name, program)).unwrap();
                        assert_eq!(&again.files[0], f);
                    }
                    TapeFile::System { name, image } => {
                        let w = cas::write_system(name, &image.blocks, image.entry.unwrap());
                        let again = cas::parse(&w).unwrap();
                        let TapeFile::System { image: i2, .. } = &again.files[0] else {
                            panic!("SYSTEM tape came back as something else");
                        };
                        assert_eq!(flat(i2), flat(image));
                        assert_eq!(i2.entry, image.entry);
                    }
                }
            }
        }
        Err(e) => assert!(!e.to_string().is_empty()),
    }
    match cmd::parse(bytes) {
        Ok(img) => {
            stats[1] += 1;
            let again = cmd::parse(&cmd::write(&img, None)).unwrap();
            assert_eq!(flat(&again), flat(&img));
            assert_eq!(again.entry, img.entry);
        }
        Err(e) => assert!(!e.to_string().is_empty()),
    }
    match Program::from_image(bytes) {
        Ok((p, used)) => {
            assert!(used <= bytes.len());
            let _ = p.to_text();
        }
        Err(e) => assert!(!e.to_string().is_empty()),
    }
    match identify(bytes, Some("cas")) {
        Ok(ProgramFile::Basic(p)) => {
            stats[2] += 1;
            let _ = p.to_text();
        }
        Ok(f) => assert!(!f.describe().is_empty()),
        Err(e) => assert!(!e.to_string().is_empty()),
    }
    let text = String::from_utf8_lossy(bytes);
    if let Ok(p) = Program::from_text(&text) {
        // A listing read back from its own export is the same program.
        assert_eq!(Program::from_text(&p.to_text()).unwrap(), p);
    }
}

#[test]
fn loaders_survive_100k_generated_inputs() {
    let cases = env_u64("FUZZ_CASES", 100_000);
    let mut rng = Rng(env_u64("FUZZ_SEED", 0x7253_3830_CA55_E77E) | 1);
    let mut stats = [0usize; 3];
    for i in 0..cases {
        let input = match i % 4 {
            0 => valid_file(&mut rng),
            1 | 2 => {
                let v = valid_file(&mut rng);
                mutate(&mut rng, v)
            }
            _ => (0..rng.below(300)).map(|_| rng.byte()).collect(),
        };
        check(&input, &mut stats);
    }
    println!(
        "{cases} inputs: {} parsed as tapes, {} as /CMD, {} as BASIC",
        stats[0], stats[1], stats[2]
    );
    // The generator really produced a mix (the valid quarter alone guarantees these).
    assert!(stats[0] > cases as usize / 40 && stats[1] > cases as usize / 40);
}

#[test]
fn tokenize_detokenize_is_stable_on_random_statements() {
    let cases = env_u64("FUZZ_CASES", 100_000);
    let mut rng = Rng(env_u64("FUZZ_SEED", 0x5EED_0F70_CE00) | 1);
    for _ in 0..cases {
        let text = random_text(&mut rng);
        let stored = tokenize(&text);
        let listed = detokenize(&stored);
        assert_eq!(
            tokenize(&listed),
            stored,
            "text {text:?} listed as {listed:?}"
        );
        assert_eq!(detokenize(&tokenize(&listed)), listed);
    }
}

#[test]
fn export_is_lossless_for_any_stored_bytes() {
    let cases = env_u64("FUZZ_CASES", 100_000);
    let mut rng = Rng(env_u64("FUZZ_SEED", 0xB17E_5106) | 1);
    let mut escaped = 0;
    for _ in 0..cases {
        // Bytes a line can hold: anything but 00H, biased towards tokens and ASCII.
        let body: Vec<u8> = (0..rng.below(40))
            .map(|_| match rng.below(3) {
                0 => 0x80 + rng.below(0x7C) as u8,
                1 => 0x20 + rng.below(0x5F) as u8,
                _ => 1 + rng.below(255) as u8,
            })
            .collect();
        let text = detokenize(&body);
        assert!(text.is_ascii() && !text.contains('\n'));
        assert_eq!(tokenize(&text), body, "listed as {text:?}");
        escaped += usize::from(text.contains("\\x"));
    }
    println!("{cases} random lines, {escaped} needed escapes");
}
