//! The `--printer` and `--serial` options end to end without a Tandy ROM: parse the command
//! line, build the machine as `trs80` does, plug in the ends, run a Z80 program of ours that
//! prints through the UART (and the parallel port), then check the files written at exit.

use clap::Parser;
use trs80::options::{Cli, MachineArgs};
use trs80::session::build_machine;

const PROGRAM: &str = r#"
        ORG 5000H
START:  DI
        XOR A
        OUT (0E8H),A
        LD A,55H
        OUT (0E9H),A
        LD A,6FH
        OUT (0EAH),A
        LD HL,TEXT
NEXT:   LD A,(HL)
        OR A
        JR Z,PAR
WAIT:   IN A,(0EAH)
        AND 40H
        JR Z,WAIT
        LD A,(HL)
        OUT (0EBH),A
        INC HL
        JR NEXT
PAR:    LD A,'P'                ; parallel port: "P", CR
        LD (37E8H),A
        LD A,0DH
        LD (37E8H),A
        HALT
TEXT:   DB "Hello, TermiNet",0DH,0AH,7FH,7FH,7FH,7FH,7FH,"LINE 2",0DH,0AH,0 ; DEL fills
"#;

/// The machine the options describe, on the built-in ROM whatever TRS80_ROM says.
fn builtin_machine(cli: &Cli) -> anyhow::Result<trs80_machine::Machine> {
    let machine = MachineArgs {
        rom: None,
        ram: cli.run.machine.ram,
        lowercase: false,
    };
    build_machine(&machine, cli.run.serial.needs_rs232())
}

fn run_program(args: &[&str]) -> trs80_machine::Machine {
    let cli = Cli::try_parse_from(args).expect("options parse");
    let mut m = builtin_machine(&cli).expect("machine");
    let mut session = cli.run.serial.attach(&mut m).expect("ends attach");
    let asm = z80asm::assemble_str("p.asm", PROGRAM, &z80asm::Options::default()).unwrap();
    m.load(asm.origin, &asm.image);
    m.cpu_mut().regs.pc = asm.origin;
    for _ in 0..120 {
        m.run_frame();
        session.pump(&mut m);
    }
    let mut report = trs80::outputs::Report::default();
    session.finish(&mut m, &mut report);
    report.into_result().expect("outputs written");
    m
}

#[test]
fn terminet_text_and_pages_and_parallel_text() {
    let dir = std::env::temp_dir().join(format!("trs80-serial-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let text = dir.join("tn.txt");
    let lp = dir.join("lp.txt");
    let prefix = dir.join("page");
    let tn_arg = format!(
        "--printer=terminet:{},png={},pdf={}",
        text.display(),
        prefix.display(),
        dir.join("paper.pdf").display()
    );
    let lp_arg = format!("--printer=parallel:{}", lp.display());
    run_program(&["trs80", &tn_arg, &lp_arg]);
    // Upper-case belt; the second line came one fill short and is held (forgiving default).
    assert_eq!(
        std::fs::read_to_string(&text).unwrap(),
        "HELLO, TERMINET\nLINE 2\n"
    );
    let png = std::fs::read(dir.join("page-1.png")).unwrap();
    assert_eq!(&png[1..4], b"PNG");
    assert!(!dir.join("page-2.png").exists());
    let pdf = std::fs::read(dir.join("paper.pdf")).unwrap();
    assert!(
        pdf.starts_with(b"%PDF-") && String::from_utf8_lossy(&pdf).contains("(HELLO, TERMINET) Tj")
    );
    assert_eq!(std::fs::read_to_string(&lp).unwrap(), "P\n");

    // Strict: "L" arrives 8 character times after the last character of line 1 (CR, LF and
    // only 5 fills), one short of the 300 ms the printer needs: it is lost.
    let strict_arg = format!("--printer=terminet:{},strict", text.display());
    run_program(&["trs80", &strict_arg]);
    assert_eq!(
        std::fs::read_to_string(&text).unwrap(),
        "HELLO, TERMINET\nINE 2\n"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn serial_file_end_and_switches() {
    let dir = std::env::temp_dir().join(format!("trs80-serial-file-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("line.bin");
    let arg = format!("--serial=file:{}", out.display());
    let mut m = run_program(&["trs80", &arg, "--rs232-switches", "0x6A"]);
    assert_eq!(
        std::fs::read(&out).unwrap(),
        b"Hello, TermiNet\r\n\x7f\x7f\x7f\x7f\x7fLINE 2\r\n".to_vec()
    );
    let t = m.t_states();
    assert_eq!(m.rs232().unwrap().io_read(0xE9, t), 0x6A);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn bad_paths_fail_cleanly() {
    let cli =
        Cli::try_parse_from(["trs80", "--printer", "terminet:/nonexistent-dir/x.txt"]).unwrap();
    let mut m = builtin_machine(&cli).unwrap();
    let err = cli.run.serial.attach(&mut m).err().expect("error");
    assert!(
        format!("{err:#}").contains("--printer terminet /nonexistent-dir/x.txt: cannot be written"),
        "{err:#}"
    );
    assert!(Cli::try_parse_from(["trs80", "--serial", "bogus:1"]).is_err());
    assert!(
        Cli::try_parse_from(["trs80", "--printer", "terminet:a", "--serial", "loop"])
            .map(|c| c.run.serial.validate().is_err())
            .unwrap_or(true)
    );
}
