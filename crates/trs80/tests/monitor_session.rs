//! A scripted monitor session (no Tandy ROM): assemble a routine with `a`,
//! check the echoed hex, run it with `g` to a breakpoint, check registers and
//! memory; then step, trace, step over and the break kinds on real execution.

use trs80_machine::monitor::Monitor;
use trs80_machine::{Config, Machine};

/// A 2 KB ROM: `DI`, then `JR $` at 0001H; the rest FFH.
fn machine() -> Machine {
    let mut rom = vec![0xFF; 0x800];
    rom[..3].copy_from_slice(&[0xF3, 0x18, 0xFE]);
    Machine::new(&Config {
        rom: &rom,
        ram_kib: 16,
        expansion_interface: false,
        ..Default::default()
    })
    .unwrap()
}

/// Everything the machine shows: 64 KB, registers, T-states.
fn snapshot(m: &Machine) -> (Vec<u8>, z80::Registers, u64, bool) {
    (
        (0..=0xFFFFu16).map(|a| m.peek(a)).collect(),
        m.cpu().regs,
        m.t_states(),
        m.cpu().halted,
    )
}

/// `line` must be rejected with a message containing `what`, changing nothing.
fn bad(mon: &mut Monitor, m: &mut Machine, line: &str, what: &str) {
    let before = snapshot(m);
    let e = mon.exec(m, line).expect_err(line);
    assert!(e.0.contains(what), "{line}: {e}");
    assert!(before == snapshot(m), "`{line}` changed the machine");
}

fn ok(mon: &mut Monitor, m: &mut Machine, line: &str) -> String {
    mon.exec(m, line)
        .unwrap_or_else(|e| panic!("`{line}` failed: {e}"))
}

/// Copies `n` stars to the screen, sums 1..5 into A, then stops at DONE.
const ROUTINE: &[(&str, &str)] = &[
    ("start: ld hl,3C00H", "7000  21 00 3C     LD HL,3C00H"),
    ("  ld b,5", "7003  06 05        LD B,05H"),
    ("  xor a", "7005  AF           XOR A"),
    ("loop: ld (hl),'*'", "7006  36 2A        LD (HL),2AH"),
    ("  inc hl", "7008  23           INC HL"),
    ("  add a,b", "7009  80           ADD A,B"),
    ("  djnz loop", "700A  10 FA        DJNZ LOOP"),
    ("  ld (result),a", "700C  32 00 71     LD (7100H),A"),
    ("done: jr done", "700F  18 FE        JR DONE"),
];

fn assemble_routine(mon: &mut Monitor, m: &mut Machine) {
    ok(mon, m, "sym result 7100");
    let r = ok(mon, m, "a 7000");
    assert!(r.contains("7000H"), "{r}");
    for (line, echo) in ROUTINE {
        assert!(mon.assembling());
        let out = ok(mon, m, line);
        let last = out.lines().last().unwrap();
        // The listing shows symbols where the value matches one: compare the hex columns exactly
        // and the text loosely.
        assert_eq!(&last[..19], &echo[..19], "hex for `{line}`");
        let want_text = &echo[19..];
        let got_text = &last[19..];
        assert!(
            got_text == want_text
                || got_text.contains("RESULT")
                || got_text.contains("LOOP")
                || got_text.contains("DONE"),
            "`{line}` echoed `{last}`, expected `{echo}`"
        );
    }
    let end = ok(mon, m, ".");
    assert_eq!(end, "end of assembly: 17 bytes at 7000H-7010H");
    assert!(!mon.assembling());
}

#[test]
fn assemble_run_to_breakpoint_check_registers_and_memory() {
    let mut m = machine();
    let mut mon = Monitor::new();
    assemble_routine(&mut mon, &mut m);
    // The echoed bytes are in memory.
    let bytes: Vec<u8> = (0..17).map(|i| m.peek(0x7000 + i)).collect();
    assert_eq!(
        bytes,
        [
            0x21, 0x00, 0x3C, 0x06, 0x05, 0xAF, 0x36, 0x2A, 0x23, 0x80, 0x10, 0xFA, 0x32, 0x00,
            0x71, 0x18, 0xFE
        ]
    );
    ok(&mut mon, &mut m, "b done");
    let r = ok(&mut mon, &mut m, "g start");
    assert!(r.starts_with("stopped: breakpoint at 700FH"), "{r}");
    let regs = m.cpu().regs;
    assert_eq!(regs.pc, 0x700F);
    assert_eq!(regs.a(), 15, "1+2+3+4+5");
    assert_eq!(regs.bc >> 8, 0);
    assert_eq!(regs.hl, 0x3C05);
    assert_eq!(m.peek(0x7100), 15);
    let screen: Vec<u8> = (0..6).map(|i| m.peek(0x3C00 + i)).collect();
    assert_eq!(&screen[..5], b"*****");
    // The register display says the same.
    let r = ok(&mut mon, &mut m, "r");
    assert!(
        r.contains("PC=700F") && r.contains("AF=0F") && r.contains("HL=3C05"),
        "{r}"
    );
    assert!(ok(&mut mon, &mut m, "peek result").contains("byte 0FH (15)"));
    // T-states: 10 + 7 + 4 + 5×(10+6+4) + 4×13 + 8 + 13 = 194.
    assert!(r.contains("T=194"), "{r}");
}

#[test]
fn step_trace_and_step_over() {
    let mut m = machine();
    let mut mon = Monitor::new();
    // 7000: CALL 7010 / LD B,3 / DJNZ $ / HALT ; 7010: LD A,42H / RET
    ok(&mut mon, &mut m, "e 7000 CD 10 70 06 03 10 FE 76");
    ok(&mut mon, &mut m, "e 7010 3E 42 C9");
    ok(&mut mon, &mut m, "r pc 7000 sp 7F00");
    let t = ok(&mut mon, &mut m, "t 2");
    let lines: Vec<&str> = t.lines().collect();
    assert!(lines[0].starts_with("7000  CD 10 70     CALL 7010H"), "{t}");
    assert!(
        lines[1].starts_with("7010  3E 42        LD A,42H") && lines[1].contains("A=42"),
        "{t}"
    );
    assert!(lines[2].starts_with("next: 7012  C9"), "{t}");
    let s = ok(&mut mon, &mut m, "step");
    assert!(s.contains("PC=7003"), "{s}");
    ok(&mut mon, &mut m, "step");
    // DJNZ $ loops 3 times: `p` runs it to the end.
    let p = ok(&mut mon, &mut m, "p");
    assert!(p.starts_with("stepped over to 7007H"), "{p}");
    assert_eq!(m.cpu().regs.bc >> 8, 0);
    // Step over a CALL.
    ok(&mut mon, &mut m, "r pc 7000 a 0");
    let p = ok(&mut mon, &mut m, "p");
    assert!(p.starts_with("stepped over to 7003H"), "{p}");
    assert_eq!(m.cpu().regs.a(), 0x42);
    assert_eq!(m.cpu().regs.sp, 0x7F00);
    // A plain instruction is just stepped; no temporary breakpoint is left behind.
    ok(&mut mon, &mut m, "p");
    assert_eq!(m.cpu().regs.pc, 0x7005);
    assert!(m.debug().breakpoints().is_empty());
    // HALT stops `g`.
    let g = ok(&mut mon, &mut m, "g");
    assert!(g.contains("HALT"), "{g}");
}

#[test]
fn watchpoints_and_port_breaks_stop_execution() {
    let mut m = machine();
    let mut mon = Monitor::new();
    ok(&mut mon, &mut m, "a 7000");
    for l in [
        "ld a,7",
        "ld (7100h),a",
        "out (0ffh),a",
        "ld a,(7100h)",
        "jr $",
    ] {
        ok(&mut mon, &mut m, l);
    }
    ok(&mut mon, &mut m, "");
    ok(&mut mon, &mut m, "w 7100 w");
    let g = ok(&mut mon, &mut m, "g 7000");
    assert!(
        g.starts_with("stopped: watchpoint: write to 7100H (07H)"),
        "{g}"
    );
    ok(&mut mon, &mut m, "wc *");
    ok(&mut mon, &mut m, "io FF out");
    let g = ok(&mut mon, &mut m, "g");
    assert!(
        g.starts_with("stopped: port break: OUT to port FFH (07H)"),
        "{g}"
    );
    ok(&mut mon, &mut m, "ioc *");
    ok(&mut mon, &mut m, "w 7100 r");
    let g = ok(&mut mon, &mut m, "g");
    assert!(
        g.starts_with("stopped: watchpoint: read of 7100H (07H)"),
        "{g}"
    );
    ok(&mut mon, &mut m, "wc *");
    // With nothing set, `g` ends at the budget and never hangs.
    ok(&mut mon, &mut m, "budget 10000");
    let g = ok(&mut mon, &mut m, "g");
    assert!(g.starts_with("stopped: the T-state budget is spent"), "{g}");
}

#[test]
fn assembly_errors_change_nothing() {
    let mut m = machine();
    let mut mon = Monitor::new();
    ok(&mut mon, &mut m, "a 7000");
    ok(&mut mon, &mut m, "nop");
    let mem: Vec<u8> = (0..=0xFFFFu16).map(|a| m.peek(a)).collect();
    let regs = m.cpu().regs;
    for (line, col, what) in [
        ("ld a,(ix+200)", "column", "displacement"),
        ("frob a", "column 1", "unknown instruction"),
        ("ld a,", "column 6", "expected"),
        ("9lab: nop", "column 1", "label"),
    ] {
        let e = mon.exec(&mut m, line).expect_err(line);
        assert!(e.0.contains(col) && e.0.contains(what), "{line}: {e}");
        assert!(mon.assembling());
        assert_eq!(mon.prompt(), "7001  ", "the address does not move");
    }
    assert!(mon.symbols().get("9LAB").is_none());
    assert_eq!(mem, (0..=0xFFFFu16).map(|a| m.peek(a)).collect::<Vec<_>>());
    assert_eq!(regs, m.cpu().regs);
    // Assembling into ROM is refused too.
    ok(&mut mon, &mut m, ".");
    ok(&mut mon, &mut m, "a 0100");
    let e = mon.exec(&mut m, "nop").unwrap_err();
    assert!(e.0.contains("not RAM"), "{e}");
    ok(&mut mon, &mut m, ".");
    // Bad `a` arguments.
    assert!(mon
        .exec(&mut m, "a 7000 7001")
        .unwrap_err()
        .0
        .contains("usage"));
    assert!(mon
        .exec(&mut m, "a 10000H")
        .unwrap_err()
        .0
        .contains("out of range"));
    assert!(!mon.assembling());
}

#[test]
fn forward_references_are_fixed_up() {
    let mut m = machine();
    let mut mon = Monitor::new();
    ok(&mut mon, &mut m, "a 7000");
    let r = ok(&mut mon, &mut m, "jr later");
    assert!(
        r.contains("7000  18 FE") && r.contains("LATER not defined yet"),
        "{r}"
    );
    ok(&mut mon, &mut m, "nop");
    let r = ok(&mut mon, &mut m, "later: ret");
    assert!(
        r.contains("7000  18 01        JR LATER   ; fixed up"),
        "{r}"
    );
    assert_eq!(m.peek(0x7001), 0x01);
    ok(&mut mon, &mut m, "jp far");
    let r = ok(&mut mon, &mut m, ".");
    assert!(r.contains("still waiting") && r.contains("FAR"), "{r}");
    ok(&mut mon, &mut m, "sym far 7200");
    assert_eq!((m.peek(0x7005), m.peek(0x7006)), (0x00, 0x72));
}

#[test]
fn disassemble_command() {
    let mut m = machine();
    let mut mon = Monitor::new();
    ok(&mut mon, &mut m, "e 7000 3E 41 DD 7E 05 C9");
    let u = ok(&mut mon, &mut m, "u 7000 3");
    assert_eq!(
        u,
        "7000  3E 41        LD A,41H\n7002  DD 7E 05     LD A,(IX+05H)\n7005  C9           RET"
    );
    let u = ok(&mut mon, &mut m, "u 7000 7002");
    assert_eq!(u.lines().count(), 2);
    let u = ok(&mut mon, &mut m, "u");
    assert!(u.starts_with("7005  C9"), "continues after the last: {u}");
    // A count written as decimal is a count whatever START is.
    assert_eq!(ok(&mut mon, &mut m, "u 7000 #2").lines().count(), 2);
    assert_eq!(ok(&mut mon, &mut m, "u 7000 2.").lines().count(), 2);
    assert_eq!(ok(&mut mon, &mut m, "u 0 #3").lines().count(), 3);
    assert_eq!(ok(&mut mon, &mut m, "u 0 0002").lines().count(), 2);
    for (line, what) in [
        ("u 0 100", "could be a line count or the end address 0100H"),
        ("u 7002 7000", "before"),
        ("u 7000 0", "at least"),
        ("u x y z", "usage"),
        ("u 1FFFFH", "out of range"),
    ] {
        bad(&mut mon, &mut m, line, what);
    }
}

#[test]
fn step_and_trace_reject_bad_counts() {
    let mut m = machine();
    let mut mon = Monitor::new();
    ok(&mut mon, &mut m, "e 7000 3E 01");
    for (line, what) in [
        ("t 0", "at least"),
        ("t 10001", "0-10000"),
        ("step x", "not"),
        ("step 1 2", "usage"),
        ("p 3", "usage"),
        ("g 7000 7001", "usage"),
        ("g nowhere", "symbol"),
        ("g 10000H", "out of range"),
        ("t -1", "0-10000"),
    ] {
        bad(&mut mon, &mut m, line, what);
    }
}
