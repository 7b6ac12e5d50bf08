//! Mutation test of content detection: a valid cassette image of ours, with one
//! byte flipped, the file cut short, or a byte inserted, is either still read as
//! a tape or rejected with an error. It is never taken for a /CMD
//! program or a BASIC listing (a damaged tape's 00H leader once read as /CMD
//! records and loaded garbage without a word).
//!
//! Every offset of one SYSTEM and one BASIC tape is tried by default;
//! `MUTATION_ROUNDS=n` repeats the flips with n different masks.

use trs80_machine::basic::Program;
use trs80_machine::cas;
use trs80_machine::cmd::Block;
use trs80_machine::loader::{identify, FileError, ProgramFile};

fn tapes() -> Vec<(&'static str, Vec<u8>)> {
    let blocks = [
        Block {
            addr: 0x7000,
            data: (0..300u32).map(|i| (i * 7 + 3) as u8).collect(),
        },
        Block {
            addr: 0x7EFD,
            data: vec![0x3E, 0x41, 0xC9],
        },
    ];
    let prog = Program::from_text("10 PRINT \"HELLO\"\n20 GOTO 10\n").unwrap();
    vec![
        ("SYSTEM", cas::write_system("SPORES", &blocks, 0x7000)),
        ("BASIC", cas::write_basic(b'A', &prog)),
    ]
}

/// A mutated tape is a tape or a cassette error, never another kind of file (a damaged first byte may leave nothing recognisable).
fn check(what: &str, bytes: &[u8], ext: Option<&str>) {
    match identify(bytes, ext) {
        Ok(ProgramFile::Tape(_))
        | Err(FileError::Cas(_) | FileError::Empty | FileError::Unrecognised) => {}
        Ok(ProgramFile::Cmd(img)) => panic!("{what}: read as /CMD: {img:?}"),
        Ok(ProgramFile::Basic(_)) => panic!("{what}: read as BASIC"),
        Err(e) => panic!("{what}: not a cassette error: {e}"),
    }
}

#[test]
fn damaged_tapes_are_tapes_or_cassette_errors() {
    let rounds: u32 = std::env::var("MUTATION_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    let mut cases = 0u64;
    for (kind, tape) in tapes() {
        for ext in [None, Some("cas"), Some("cmd")] {
            for cut in 0..tape.len() {
                check(&format!("{kind} cut to {cut}"), &tape[..cut], ext);
                cases += 1;
            }
            for i in 0..tape.len() {
                for r in 0..rounds {
                    let mask = [0x01u8, 0xFF, 0x80, 0x5A][r as usize % 4] ^ (r / 4) as u8;
                    if mask == 0 {
                        continue;
                    }
                    let mut t = tape.clone();
                    t[i] ^= mask;
                    check(&format!("{kind} byte {i} ^ {mask:02X}"), &t, ext);
                    let mut t = tape.clone();
                    t.insert(i, mask);
                    check(&format!("{kind} {mask:02X} inserted at {i}"), &t, ext);
                    cases += 2;
                }
            }
        }
    }
    println!("{cases} mutated tapes");
    assert!(cases > 1000);
}
