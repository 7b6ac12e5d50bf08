//! Property test of the fast loaders against a machine: random BASIC programs and machine-code
//! images (some too big, some outside RAM) are installed; each either loads completely (and
//! reads back the same) or is refused with memory untouched. Nothing is ever half-loaded.

use trs80_machine::basic::{self, Program};
use trs80_machine::cmd::{Block, MemoryImage};
use trs80_machine::loader::{install_basic, install_image, read_basic};
use trs80_machine::{Config, Machine};

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// A machine whose RAM holds BASIC's pointers as they are after boot (48K, no program).
fn basic_machine(rom: &[u8], ram_kib: u16) -> Machine {
    let mut m = Machine::new(&Config {
        rom,
        ram_kib,
        expansion_interface: ram_kib > 16,
        ..Config::default()
    })
    .unwrap();
    let top = m.ram_top();
    let w = |m: &mut Machine, a: u16, v: u16| m.load(a, &v.to_le_bytes());
    w(&mut m, basic::TXTTAB, basic::DEFAULT_TXTTAB);
    w(&mut m, basic::MEMSIZ, top);
    w(&mut m, basic::STKTOP, top - 50);
    m.cpu_mut().regs.sp = top - 80;
    m
}

fn ram(m: &Machine) -> Vec<u8> {
    (0x3C00..=0xFFFFu16).map(|a| m.peek(a)).collect()
}

#[test]
fn installs_are_all_or_nothing() {
    let mut rom = vec![0u8; 12 * 1024];
    rom[..2].copy_from_slice(&[0x18, 0xFE]);
    let mut rng = Rng(0x1234_5678_9ABC_DEF1);
    let (mut ok, mut refused) = (0, 0);
    for case in 0..1500 {
        let ram_kib = [4u16, 16, 48][case % 3];
        let mut m = basic_machine(&rom, ram_kib);
        let before = ram(&m);
        if case % 2 == 0 {
            // A BASIC program of up to ~40K.
            let big = rng.below(4) == 0;
            let lines = rng.below(if big { 4000 } else { 40 }) + 1;
            let mut text = String::new();
            for i in 0..lines {
                let body = "PRINT\"X\";A".repeat(1 + rng.below(4) as usize);
                text.push_str(&format!("{} {body}\n", i + 1));
            }
            let p = Program::from_text(&text).unwrap();
            match install_basic(&mut m, &p) {
                Ok(()) => {
                    ok += 1;
                    assert_eq!(read_basic(&m).unwrap(), p);
                    let end =
                        u16::from_le_bytes([m.peek(basic::VARTAB), m.peek(basic::VARTAB + 1)]);
                    assert_eq!(usize::from(end - basic::DEFAULT_TXTTAB), p.image_len());
                }
                Err(e) => {
                    refused += 1;
                    assert!(e.to_string().contains("bytes"), "{e}");
                    assert_eq!(ram(&m), before);
                }
            }
        } else {
            let blocks = (0..1 + rng.below(4))
                .map(|_| Block {
                    addr: 0x3000 + rng.below(0xD000) as u16,
                    data: vec![0xAA; 1 + rng.below(600) as usize],
                })
                .filter(|b| usize::from(b.addr) + b.data.len() <= 0x10000)
                .collect();
            let img = MemoryImage {
                blocks,
                entry: None,
            };
            match install_image(&mut m, &img) {
                Ok(()) => {
                    ok += 1;
                    for b in &img.blocks {
                        assert!(
                            b.addr >= 0x3C00
                                && usize::from(b.addr) + b.data.len()
                                    <= usize::from(m.ram_top()) + 1
                        );
                        assert_eq!(m.peek(b.addr), 0xAA);
                    }
                }
                Err(e) => {
                    refused += 1;
                    assert!(e.to_string().contains("outside RAM"), "{e}");
                    assert_eq!(ram(&m), before);
                }
            }
        }
    }
    println!("{ok} installed, {refused} refused");
    assert!(ok > 250 && refused > 250);
}
