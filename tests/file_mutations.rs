//! Mutation test of the program-file loaders: a valid SYSTEM tape, BASIC tape, /CMD file,
//! BASIC listing and tokenized BASIC file of ours, with a byte flipped, the file cut short, or
//! a byte inserted, either
//!
//! - loads exactly what the parser of its own kind makes of those bytes (a /CMD file is never
//!   taken for BASIC or a tape, a tape never for anything else, and so on), installed into a
//!   booted machine byte for byte, or
//! - stops with one error that says where (byte, offset or line) and what is wrong, unless
//!   the whole file is unrecognisable — and the machine's memory is unchanged.
//!
//! By default every offset is cut, and flipped and inserted with one mask (a few thousand
//! cases, well under a second); `FILE_MUTATIONS=N` adds about N random mutations (flips, cuts,
//! inserts, several at once) from a fixed seed; 100000 is the full run.

mod common;

use trs80_machine::basic::Program;
use trs80_machine::cas::{self, TapeFile};
use trs80_machine::cmd::{self, Block, MemoryImage};
use trs80_machine::loader::{
    identify, install_basic, install_image, FileError, LoadError, ProgramFile,
};
use trs80_machine::Machine;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Tape,
    Cmd,
    Text,
    Tokenized,
}

fn files() -> Vec<(Kind, &'static str, Vec<u8>)> {
    let img = MemoryImage {
        blocks: vec![
            Block {
                addr: 0x7000,
                data: (0..300u32).map(|i| (i * 7 + 3) as u8).collect(),
            },
            Block {
                addr: 0x7EFD,
                data: vec![0x3E, 0x41, 0xC9],
            },
        ],
        entry: Some(0x7000),
    };
    let text = "10 PRINT \"HELLO\";A$\n20 FOR I=1 TO 10:NEXT I\n30 A$=\"X\"+CHR$(65):GOTO 10\n";
    let prog = Program::from_text(text).unwrap();
    let mut tokenized = vec![0xFF];
    tokenized.extend(prog.to_image(0x42E9));
    let tape_prog = Program::from_text("10 PRINT \"HELLO\"\n20 GOTO 10\n").unwrap();
    vec![
        (
            Kind::Tape,
            "cas",
            cas::write_system("SPORES", &img.blocks, 0x7000),
        ),
        (Kind::Tape, "cas", cas::write_basic(b'A', &tape_prog)),
        (Kind::Cmd, "cmd", cmd::write(&img, None)),
        (Kind::Text, "bas", text.as_bytes().to_vec()),
        (Kind::Tokenized, "bas", tokenized),
    ]
}

/// All of RAM and video RAM.
fn memory(m: &Machine) -> Vec<u8> {
    (0x3C00..=0xFFFFu32).map(|a| m.peek(a as u16)).collect()
}

/// Puts `before` back where the machine differs from it.
fn restore(m: &mut Machine, before: &[u8]) {
    for (i, &b) in before.iter().enumerate() {
        let a = 0x3C00 + i as u16;
        if m.peek(a) != b {
            m.poke(a, b);
        }
    }
}

/// True when the bytes still start as a tape does (a 00H leader or the sync byte A5H); a
/// tape whose first bytes were damaged into, say, `7'` is a one-line listing now, and must
/// load as exactly what the listing parser makes of it.
fn like_a_tape(bytes: &[u8]) -> bool {
    matches!(bytes.first(), Some(0x00 | 0xA5))
}

/// True when an error message says where the fault is.
fn names_a_place(msg: &str) -> bool {
    ["byte", "offset", "line", "after"]
        .iter()
        .any(|w| msg.contains(w))
}

struct Run {
    m: Machine,
    before: Vec<u8>,
    loaded: u64,
    refused: u64,
}

impl Run {
    fn check(&mut self, kind: Kind, what: &str, bytes: &[u8], ext: Option<&str>) {
        let result = identify(bytes, ext);
        let installed = match &result {
            Ok(ProgramFile::Tape(tape)) => {
                assert_eq!(kind, Kind::Tape, "{what}: a damaged file read as a tape");
                assert_eq!(cas::parse(bytes).as_ref(), Ok(tape), "{what}");
                match &tape.files[0] {
                    TapeFile::System { image, .. } => self.install_image(what, image),
                    TapeFile::Basic { program, .. } => self.install_basic(what, program),
                }
            }
            Ok(ProgramFile::Cmd(img)) => {
                assert!(
                    kind == Kind::Cmd || (kind == Kind::Tape && !like_a_tape(bytes)),
                    "{what}: a damaged file read as /CMD"
                );
                assert_eq!(cmd::parse(bytes).as_ref(), Ok(img), "{what}");
                self.install_image(what, img)
            }
            Ok(ProgramFile::Basic(p)) => {
                assert_ne!(kind, Kind::Cmd, "{what}: a damaged /CMD file read as BASIC");
                // A tokenized file keeps its FFH header; a listing is text (a tokenized file
                // cut to nothing and given new bytes may be a listing).
                let direct = if bytes[0] == 0xFF {
                    Program::from_image(&bytes[1..]).map(|(p, _)| p)
                } else {
                    Program::from_text(&String::from_utf8_lossy(bytes))
                };
                assert_eq!(
                    direct.as_ref(),
                    Ok(p),
                    "{what}: not what its own parser makes"
                );
                assert!(
                    kind != Kind::Tape || !like_a_tape(bytes),
                    "{what}: a damaged tape read as BASIC"
                );
                self.install_basic(what, p)
            }
            Err(e) => {
                let whole = matches!(
                    e,
                    FileError::Empty
                        | FileError::Unrecognised
                        | FileError::Cmd(cmd::CmdError::NoData)
                );
                assert!(
                    whole || names_a_place(&e.to_string()),
                    "{what}: the error does not say where: {e}"
                );
                Ok(())
            }
        };
        match (&result, installed) {
            (Ok(_), Ok(())) => {
                self.loaded += 1;
                restore(&mut self.m, &self.before);
            }
            (_, Err(e)) => {
                self.refused += 1;
                assert!(
                    memory(&self.m) == self.before,
                    "{what}: memory changed by {e}"
                );
            }
            (Err(_), Ok(())) => self.refused += 1,
        }
    }

    /// Installs a memory image and checks every byte of it in memory.
    fn install_image(&mut self, what: &str, img: &MemoryImage) -> Result<(), LoadError> {
        install_image(&mut self.m, img).map(|_| {
            // Later blocks overwrite earlier ones.
            let mut want = std::collections::BTreeMap::new();
            for b in &img.blocks {
                for (i, &v) in b.data.iter().enumerate() {
                    want.insert(b.addr.wrapping_add(i as u16), v);
                }
            }
            for (&a, &v) in &want {
                // Video RAM on a stock machine keeps no bit 6 (it reads back as
                // NOT(bit 5 OR bit 7)).
                let v = match a {
                    0x3C00..=0x3FFF if v & 0xA0 == 0 => v | 0x40,
                    0x3C00..=0x3FFF => v & 0xBF,
                    _ => v,
                };
                assert_eq!(self.m.peek(a), v, "{what}: byte at {a:04X}H");
            }
        })
    }

    /// Installs a BASIC program and checks that it reads back the same.
    fn install_basic(&mut self, what: &str, p: &Program) -> Result<(), LoadError> {
        install_basic(&mut self.m, p).map(|_| {
            let got = trs80_machine::loader::read_basic(&self.m).expect("read back");
            assert_eq!(&got, p, "{what}: the program in memory");
        })
    }
}

#[test]
fn damaged_program_files_load_exactly_or_fail_saying_where() {
    let m = common::boot_level2(roms::get("free").expect("our ROM").image);
    let before = memory(&m);
    let mut run = Run {
        m,
        before,
        loaded: 0,
        refused: 0,
    };
    let extra: u64 = std::env::var("FILE_MUTATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let mut rng = testkit::Rng::new(0x9E37_79B9_7F4A_7C15);
    for (kind, ext, file) in files() {
        // The file itself loads.
        let loaded = run.loaded;
        run.check(kind, &format!("{kind:?} intact"), &file, Some(ext));
        assert_eq!(run.loaded, loaded + 1, "{kind:?}: the intact file loads");
        for e in [Some(ext), None] {
            for cut in 0..file.len() {
                run.check(kind, &format!("{kind:?} cut to {cut}"), &file[..cut], e);
            }
            for i in 0..file.len() {
                let mut f = file.clone();
                f[i] ^= 0x21;
                run.check(kind, &format!("{kind:?} byte {i} ^ 21H"), &f, e);
                let mut f = file.clone();
                f.insert(i, 0x0D);
                run.check(kind, &format!("{kind:?} 0DH inserted at {i}"), &f, e);
            }
        }
        for n in 0..extra / 5 {
            let mut f = file.clone();
            let mut how = Vec::new();
            for _ in 0..1 + rng.below(3) {
                let at = rng.below(f.len().max(1));
                match rng.below(3) {
                    0 if !f.is_empty() => {
                        let mask = 1 + rng.below(255) as u8;
                        f[at] ^= mask;
                        how.push(format!("byte {at} ^ {mask:02X}H"));
                    }
                    1 => {
                        f.truncate(at);
                        how.push(format!("cut to {at}"));
                    }
                    _ => {
                        let b = rng.byte();
                        f.insert(at, b);
                        how.push(format!("{b:02X}H inserted at {at}"));
                    }
                }
            }
            let e = if n % 2 == 0 { Some(ext) } else { None };
            run.check(kind, &format!("{kind:?} {}", how.join(", ")), &f, e);
        }
    }
    println!(
        "{} mutated files: {} loaded exactly, {} refused with memory unchanged",
        run.loaded + run.refused,
        run.loaded,
        run.refused
    );
    assert!(run.loaded > 100 && run.refused > 100);
}
