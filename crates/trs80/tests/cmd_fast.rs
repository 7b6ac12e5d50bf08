//! Fast paths that need no Tandy ROM: our demo program (roms/tests/tape_demo.asm) assembled,
//! written as a /CMD file and as a SYSTEM tape, loaded straight into memory and started, on a
//! machine whose ROM is nothing but a loop. Also: refused loads change nothing.

mod common;

use trs80_machine::cas;
use trs80_machine::cmd;
use trs80_machine::loader::{
    identify, install_image, LoadError, LoadMode, PendingLoad, ProgramFile,
};
use trs80_machine::{Config, Machine};

const DEMO: &str = include_str!("../../../roms/tests/tape_demo.asm");

fn assemble() -> z80asm::Assembly {
    z80asm::assemble_str("tape_demo.asm", DEMO, &z80asm::Options::default())
        .unwrap_or_else(|e| panic!("tape_demo.asm: {e}"))
}

/// A 12 KB ROM that only loops (JR $ at 0000H).
fn idle_machine(ram_kib: u16) -> Machine {
    let mut rom = vec![0u8; 12 * 1024];
    rom[0] = 0x18;
    rom[1] = 0xFE;
    Machine::new(&Config {
        rom: &rom,
        ram_kib,
        expansion_interface: ram_kib > 16,
        ..Config::default()
    })
    .unwrap()
}

fn run_file(bytes: &[u8]) -> Machine {
    let mut m = idle_machine(48);
    m.run_for(100_000);
    let file = identify(bytes, None).unwrap();
    let mut load = PendingLoad::new(&file, bytes, LoadMode::Fast, true).unwrap();
    load.run(&mut m, |_| {}).unwrap();
    for _ in 0..10 {
        m.run_frame();
    }
    m
}

#[test]
fn cmd_file_loads_and_runs_through_the_fast_path() {
    let asm = assemble();
    let bytes = asm.to_cmd();
    let parsed = cmd::parse(&bytes).unwrap();
    assert_eq!(parsed.entry, Some(asm.symbols.get("START").unwrap()));
    assert!(parsed.blocks.len() >= 2, "more than one 256-byte record");
    let m = run_file(&bytes);
    assert_eq!(common::screen_row(&m, 8), "TAPE DEMO OK");
}

#[test]
fn system_tape_loads_and_runs_through_the_fast_path() {
    let asm = assemble();
    let blocks: Vec<_> = asm
        .blocks
        .iter()
        .map(|(a, d)| cmd::Block {
            addr: *a,
            data: d.clone(),
        })
        .collect();
    let tape = cas::write_system("DEMO", &blocks, asm.entry.unwrap());
    assert!(matches!(identify(&tape, None), Ok(ProgramFile::Tape(_))));
    let m = run_file(&tape);
    assert_eq!(common::screen_row(&m, 8), "TAPE DEMO OK");
}

#[test]
fn a_block_outside_ram_is_refused_and_nothing_is_written() {
    let mut m = idle_machine(16);
    let before: Vec<u8> = (0x4000..=0x7FFFu16).map(|a| m.peek(a)).collect();
    let img = cmd::MemoryImage {
        blocks: vec![
            cmd::Block {
                addr: 0x5000,
                data: vec![0x11; 16],
            },
            cmd::Block {
                addr: 0x7FF0,
                data: vec![0x22; 32], // runs past the 16K RAM top (7FFFH)
            },
        ],
        entry: Some(0x5000),
    };
    assert!(matches!(
        install_image(&mut m, &img),
        Err(LoadError::OutsideRam {
            addr: 0x7FF0,
            len: 32,
            ram_top: 0x7FFF
        })
    ));
    let after: Vec<u8> = (0x4000..=0x7FFFu16).map(|a| m.peek(a)).collect();
    assert_eq!(before, after);
    let bytes = cmd::write(&img, None);
    let mut load = PendingLoad::new(
        &identify(&bytes, None).unwrap(),
        &bytes,
        LoadMode::Fast,
        true,
    )
    .unwrap();
    let e = load.run(&mut m, |_| {}).unwrap_err();
    assert!(e.to_string().contains("7FF0H"), "{e}");
    let pc = m.cpu().regs.pc;
    assert!(pc < 2, "not started: PC {pc:04X}");
}
