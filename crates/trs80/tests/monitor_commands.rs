//! Every monitor command with valid and invalid input. After each invalid
//! line the whole 64 KB address space, the registers and the T-state count
//! must be exactly as before.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use trs80_machine::monitor::{FileStore, Monitor};
use trs80_machine::{Config, Machine};

/// A 2 KB ROM: `DI`, then `JR $` at 0001H; the rest FFH.
fn rom() -> Vec<u8> {
    let mut r = vec![0xFF; 0x800];
    r[0] = 0xF3;
    r[1] = 0x18;
    r[2] = 0xFE;
    r
}

fn machine() -> Machine {
    let rom = rom();
    Machine::new(&Config {
        rom: &rom,
        ram_kib: 16,
        expansion_interface: false,
        ..Default::default()
    })
    .unwrap()
}

#[derive(PartialEq, Debug)]
struct Snapshot {
    mem: Vec<u8>,
    regs: z80::Registers,
    halted: bool,
    t: u64,
}

fn snap(m: &Machine) -> Snapshot {
    Snapshot {
        mem: (0..=0xFFFFu16).map(|a| m.peek(a)).collect(),
        regs: m.cpu().regs,
        halted: m.cpu().halted,
        t: m.t_states(),
    }
}

/// Runs `line`, expects an error containing `needle`, and checks that nothing changed.
fn bad(mon: &mut Monitor, m: &mut Machine, line: &str, needle: &str) {
    let before = snap(m);
    let err = mon
        .exec(m, line)
        .expect_err(&format!("`{line}` should be rejected"));
    assert!(
        err.0.to_lowercase().contains(&needle.to_lowercase()),
        "`{line}`: error `{err}` does not mention `{needle}`"
    );
    assert!(!err.0.is_empty());
    let after = snap(m);
    assert!(before == after, "`{line}` changed the machine");
}

fn ok(mon: &mut Monitor, m: &mut Machine, line: &str) -> String {
    mon.exec(m, line)
        .unwrap_or_else(|e| panic!("`{line}` failed: {e}"))
}

fn setup() -> (Monitor, Machine) {
    let mut m = machine();
    // Known bytes to look at.
    m.load(0x7000, &[0x3E, 0x41, 0x32, 0x00, 0x3C, 0xC9, b'H', b'I']);
    (Monitor::new(), m)
}

#[test]
fn unknown_command_and_bad_tokens() {
    let (mut mon, mut m) = setup();
    bad(&mut mon, &mut m, "zap 7000", "unknown command");
    bad(&mut mon, &mut m, "e 7000 \"open", "closing");
    assert_eq!(ok(&mut mon, &mut m, ""), "");
    assert_eq!(ok(&mut mon, &mut m, "; a comment"), "");
}

#[test]
fn help() {
    let (mut mon, mut m) = setup();
    let all = ok(&mut mon, &mut m, "help");
    for name in [
        "d ", "e ", "peek", "f ", "m ", "c ", "s ", "r ", "g ", "step", "t ", "p ", "b ", "bc",
        "w ", "wc", "io", "ioc", "u ", "a ", "basic", "load", "save", "sym", "budget", "x ",
    ] {
        assert!(all.contains(name), "help lacks {name}");
    }
    for c in trs80_machine::monitor::help::COMMANDS {
        let h = ok(&mut mon, &mut m, &format!("help {}", c.names[0]));
        assert!(h.starts_with(c.usage), "help {}", c.names[0]);
    }
    bad(&mut mon, &mut m, "help nonsense", "no command");
    bad(&mut mon, &mut m, "help d e", "usage");
}

#[test]
fn dump() {
    let (mut mon, mut m) = setup();
    let d = ok(&mut mon, &mut m, "d 7000 7007");
    assert_eq!(
        d,
        "7000  3E 41 32 00 3C C9 48 49                           >A2.<.HI"
    );
    let d = ok(&mut mon, &mut m, "d #28672 L3");
    assert!(d.starts_with("7000  3E 41 32 "), "{d}");
    let d = ok(&mut mon, &mut m, "d");
    assert!(d.starts_with("7003  00 3C C9"), "continues: {d}");
    assert_eq!(ok(&mut mon, &mut m, "d 7000").lines().count(), 8);
    bad(&mut mon, &mut m, "d 7000 6FFF", "before the start");
    bad(&mut mon, &mut m, "d 10000H", "out of range");
    bad(&mut mon, &mut m, "d 7G00", "not a number");
    bad(&mut mon, &mut m, "d 1 2 3", "usage");
    bad(&mut mon, &mut m, "d FFFF L2", "length");
}

#[test]
fn enter() {
    let (mut mon, mut m) = setup();
    let r = ok(&mut mon, &mut m, "e 7100 01 02,3 'A' \"BC\"");
    assert!(r.contains("6 bytes"), "{r}");
    assert_eq!(
        (0..6).map(|i| m.peek(0x7100 + i)).collect::<Vec<_>>(),
        vec![1, 2, 3, 0x41, 0x42, 0x43]
    );
    ok(&mut mon, &mut m, "poke #16526 #0");
    ok(&mut mon, &mut m, "poke 16527. 70");
    assert_eq!((m.peek(0x408E), m.peek(0x408F)), (0, 0x70));
    ok(&mut mon, &mut m, "e 3C00 2A");
    assert_eq!(m.peek(0x3C00), 0x2A);
    bad(&mut mon, &mut m, "e 7100", "usage");
    bad(&mut mon, &mut m, "e 7100 01 100", "byte");
    bad(&mut mon, &mut m, "e 7100 01 XY", "not a");
    bad(&mut mon, &mut m, "e 0100 00", "not RAM");
    // 16K machine: RAM ends at 7FFFH; a write that runs past it stores nothing.
    bad(&mut mon, &mut m, "e 7FFF 01 02", "not RAM");
    bad(&mut mon, &mut m, "e FFFF 01 02", "past FFFFH");
}

#[test]
fn peek() {
    let (mut mon, mut m) = setup();
    assert_eq!(
        ok(&mut mon, &mut m, "peek 7000"),
        "7000H (28672): byte 3EH (62)  word 413EH (16702)"
    );
    assert!(ok(&mut mon, &mut m, "peek #28672").starts_with("7000H"));
    assert!(ok(&mut mon, &mut m, "peek -4096").starts_with("F000H (61440): byte FFH"));
    bad(&mut mon, &mut m, "peek", "usage");
    bad(&mut mon, &mut m, "peek #70000", "out of range");
    bad(&mut mon, &mut m, "peek NOSUCH", "symbol");
}

#[test]
fn fill_move_compare() {
    let (mut mon, mut m) = setup();
    ok(&mut mon, &mut m, "f 7200 7204 AA 55");
    assert_eq!(
        (0..6).map(|i| m.peek(0x7200 + i)).collect::<Vec<_>>(),
        vec![0xAA, 0x55, 0xAA, 0x55, 0xAA, 0]
    );
    bad(&mut mon, &mut m, "f 7200 7204", "usage");
    bad(&mut mon, &mut m, "f 7204 7200 00", "before");
    bad(&mut mon, &mut m, "f 7F00 8000 00", "not RAM");
    bad(&mut mon, &mut m, "f 7200 7204 1FF", "byte");

    ok(&mut mon, &mut m, "m 7000 7007 7300");
    assert_eq!(m.peek(0x7306), b'H');
    // overlapping move upwards keeps the source bytes intact
    ok(&mut mon, &mut m, "m 7000 7007 7001");
    assert_eq!(
        (0..9).map(|i| m.peek(0x7000 + i)).collect::<Vec<_>>(),
        vec![0x3E, 0x3E, 0x41, 0x32, 0x00, 0x3C, 0xC9, b'H', b'I']
    );
    bad(&mut mon, &mut m, "m 7000 7007", "usage");
    bad(&mut mon, &mut m, "m 7000 7007 0", "not RAM");
    bad(&mut mon, &mut m, "m 7000 7007 7FFC", "not RAM");

    let same = ok(&mut mon, &mut m, "c 7001 7008 7300");
    assert_eq!(same, "8 bytes are the same");
    m.poke(0x7303, 0x99);
    let diff = ok(&mut mon, &mut m, "c 7001 7008 7300");
    assert_eq!(diff, "7004  00  7303  99\n1 of 8 bytes differ");
    // One screenful: 15 differences and the count.
    let many = ok(&mut mon, &mut m, "c 7000 70FF 7100");
    let lines: Vec<&str> = many.lines().collect();
    assert!(lines.len() <= 16, "{many}");
    if let Some(last) = lines.last().filter(|_| lines.len() == 16) {
        assert!(last.ends_with("differ, first 15 shown"), "{many}");
    }
    for i in 0..40 {
        m.poke(0x7400 + i, 0x55);
    }
    let many = ok(&mut mon, &mut m, "c 7400 7427 7500");
    assert_eq!(many.lines().count(), 16, "{many}");
    assert!(
        many.ends_with("40 of 40 bytes differ, first 15 shown"),
        "{many}"
    );
    bad(&mut mon, &mut m, "c 7001 7008", "usage");
    bad(&mut mon, &mut m, "c 7001 7008 FFFC", "past FFFFH");
}

#[test]
fn search() {
    let (mut mon, mut m) = setup();
    assert_eq!(ok(&mut mon, &mut m, "s 7000 7100 \"HI\""), "7006\n1 found");
    assert_eq!(ok(&mut mon, &mut m, "s 7000 7100 32 00"), "7002\n1 found");
    assert!(ok(&mut mon, &mut m, "s 7000 7005 \"HI\"").contains("not found"));
    bad(&mut mon, &mut m, "s 7000 7100", "usage");
    bad(&mut mon, &mut m, "s 7000 7100 \"\"", "empty");
    bad(&mut mon, &mut m, "s 7100 7000 00", "before");
}

#[test]
fn registers() {
    let (mut mon, mut m) = setup();
    let r = ok(&mut mon, &mut m, "r");
    assert!(r.contains("PC=0000"), "{r}");
    ok(
        &mut mon,
        &mut m,
        "r a 41 hl 7000 pc=7000 bc' 1234 f FF im 1 iff 1",
    );
    let regs = m.cpu().regs;
    assert_eq!(regs.af, 0x41FF);
    assert_eq!(regs.hl, 0x7000);
    assert_eq!(regs.pc, 0x7000);
    assert_eq!(regs.bc_, 0x1234);
    assert_eq!(regs.im, 1);
    assert!(regs.iff1 && regs.iff2);
    let r = ok(&mut mon, &mut m, "r");
    assert!(r.contains("F=SZYHXPNC"), "{r}");
    bad(&mut mon, &mut m, "r q 1", "not a register");
    bad(&mut mon, &mut m, "r a", "value");
    bad(&mut mon, &mut m, "r a 100", "byte");
    bad(&mut mon, &mut m, "r hl 10000H", "16 bits");
    bad(&mut mon, &mut m, "r im 3", "IM is");
    // The first pair is fine, the second is not: neither is applied.
    bad(&mut mon, &mut m, "r a 00 b 1FF", "byte");
    assert_eq!(m.cpu().regs.af, 0x41FF);
}

#[test]
fn breakpoints_watchpoints_port_breaks() {
    let (mut mon, mut m) = setup();
    assert_eq!(ok(&mut mon, &mut m, "b"), "no breaks set");
    ok(&mut mon, &mut m, "b 7005 7002");
    assert_eq!(ok(&mut mon, &mut m, "b"), "breakpoints: 7002 7005");
    bad(&mut mon, &mut m, "b 7005 nowhere", "symbol");
    bad(&mut mon, &mut m, "bc 7100", "no breakpoint");
    bad(&mut mon, &mut m, "bc", "usage");
    ok(&mut mon, &mut m, "bc 7002");
    assert_eq!(m.debug().breakpoints(), &[0x7005]);
    ok(&mut mon, &mut m, "bc *");
    assert!(m.debug().breakpoints().is_empty());

    ok(&mut mon, &mut m, "w 3C00");
    ok(&mut mon, &mut m, "w 7000 rw");
    let l = ok(&mut mon, &mut m, "w");
    assert!(
        l.contains("watch 3C00 w") && l.contains("watch 7000 rw"),
        "{l}"
    );
    bad(&mut mon, &mut m, "w 7000 x", "expected r, w or rw");
    bad(&mut mon, &mut m, "wc 7100", "no watchpoint");
    bad(&mut mon, &mut m, "wc", "usage");
    ok(&mut mon, &mut m, "wc 3C00");
    assert_eq!(m.debug().watches().len(), 1);
    ok(&mut mon, &mut m, "wc *");
    assert!(m.debug().watches().is_empty());

    ok(&mut mon, &mut m, "io FF out");
    ok(&mut mon, &mut m, "pb E8");
    let l = ok(&mut mon, &mut m, "io");
    assert!(
        l.contains("port FF out") && l.contains("port E8 both"),
        "{l}"
    );
    bad(&mut mon, &mut m, "io 100", "port is");
    bad(
        &mut mon,
        &mut m,
        "io FF sideways",
        "expected in, out or both",
    );
    bad(&mut mon, &mut m, "ioc 12", "no port break");
    ok(&mut mon, &mut m, "ioc *");
    assert!(m.debug().port_breaks().is_empty());
}

#[test]
fn symbols_and_budget() {
    let (mut mon, mut m) = setup();
    assert_eq!(ok(&mut mon, &mut m, "sym"), "no symbols");
    ok(&mut mon, &mut m, "sym start 7000");
    assert_eq!(ok(&mut mon, &mut m, "sym"), "7000  START");
    assert!(ok(&mut mon, &mut m, "peek start+6").contains("byte 48H"));
    bad(&mut mon, &mut m, "sym 9x 7000", "symbol starts");
    bad(&mut mon, &mut m, "sym -nothing", "no symbol");
    ok(&mut mon, &mut m, "sym -start");
    bad(&mut mon, &mut m, "peek start", "symbol");
    assert!(ok(&mut mon, &mut m, "budget 1774080").contains("1.000 emulated seconds"));
    assert_eq!(mon.budget(), 1_774_080);
    bad(&mut mon, &mut m, "budget 5", "at least");
    bad(&mut mon, &mut m, "budget -5", "budget");
    assert_eq!(mon.budget(), 1_774_080);
}

#[test]
fn basic_loader() {
    let (mut mon, mut m) = setup();
    let t = ok(&mut mon, &mut m, "basic 7000 7005");
    assert!(
        t.contains("20 S=0:FOR A=28672 TO 28677:READ V:POKE A,V:S=S+V:NEXT"),
        "{t}"
    );
    assert!(t.contains("40 POKE 16526,0:POKE 16527,112:X=USR(0)"), "{t}");
    assert!(t.ends_with("50 DATA 62,65,50,0,60,201"), "{t}");
    let t = ok(&mut mon, &mut m, "basic 7000 7005 100 5 system entry 7002");
    assert!(t.contains("115 PRINT \"AT *? TYPE /28674\":SYSTEM"), "{t}");
    bad(&mut mon, &mut m, "basic 7000", "usage");
    bad(&mut mon, &mut m, "basic 7005 7000", "before");
    bad(&mut mon, &mut m, "basic 7000 7005 65525", "65529");
    bad(&mut mon, &mut m, "basic 7000 7005 10 0", "step");
    bad(&mut mon, &mut m, "basic 7000 7005 sideways", "expected");
    bad(&mut mon, &mut m, "basic 7000 7005 entry", "entry needs");
    // `type` queues the text for the keyboard; the machine's memory is untouched.
    let before = snap(&m);
    let t = ok(&mut mon, &mut m, "basic 7000 7005 type");
    assert!(t.contains("typing 5 lines"), "{t}");
    assert!(m.typing_pending());
    assert!(before == snap(&m));
}

#[derive(Clone, Default)]
struct MemFiles(Arc<Mutex<HashMap<String, Vec<u8>>>>);

impl FileStore for MemFiles {
    fn read(&mut self, name: &str) -> Result<Vec<u8>, String> {
        self.0
            .lock()
            .unwrap()
            .get(name)
            .cloned()
            .ok_or_else(|| "no such file".to_string())
    }
    fn write(&mut self, name: &str, bytes: &[u8]) -> Result<(), String> {
        if name.contains("readonly") {
            return Err("read-only".into());
        }
        self.0
            .lock()
            .unwrap()
            .insert(name.to_string(), bytes.to_vec());
        Ok(())
    }
}

#[test]
fn load_and_save() {
    let (mut mon, mut m) = setup();
    bad(&mut mon, &mut m, "load x.bin 7000", "no file access");
    let files = MemFiles::default();
    mon.set_files(Box::new(files.clone()));
    ok(&mut mon, &mut m, "save prog.bin 7000 7007");
    assert_eq!(
        files.0.lock().unwrap()["prog.bin"],
        vec![0x3E, 0x41, 0x32, 0x00, 0x3C, 0xC9, b'H', b'I']
    );
    ok(&mut mon, &mut m, "save PROG/CMD 7000 7005 7002");
    let cmd = files.0.lock().unwrap()["PROG/CMD"].clone();
    assert_eq!(
        cmd,
        vec![
            0x05, 4, b'P', b'R', b'O', b'G', 0x01, 8, 0x00, 0x70, 0x3E, 0x41, 0x32, 0x00, 0x3C,
            0xC9, 0x02, 0x02, 0x02, 0x70
        ]
    );
    let r = ok(&mut mon, &mut m, "load prog.bin 7400");
    assert!(r.contains("8 bytes at 7400H-7407H"), "{r}");
    assert_eq!(m.peek(0x7407), b'I');
    // /CMD goes back where it came from.
    ok(&mut mon, &mut m, "f 7000 7007 0");
    let r = ok(&mut mon, &mut m, "load PROG/CMD");
    assert!(r.contains("entry 7002H"), "{r}");
    assert_eq!(m.peek(0x7005), 0xC9);
    bad(&mut mon, &mut m, "load missing.bin 7000", "no such file");
    bad(&mut mon, &mut m, "load prog.bin", "needs an address");
    bad(&mut mon, &mut m, "load prog.bin 7FFC", "not RAM");
    bad(&mut mon, &mut m, "load prog.bin 1000", "not RAM");
    files
        .0
        .lock()
        .unwrap()
        .insert("BAD/CMD".into(), vec![0x01, 0x09, 0x00, 0x70, 1]);
    bad(&mut mon, &mut m, "load BAD/CMD", "truncated");
    files.0.lock().unwrap().insert(
        "HIGH/CMD".into(),
        vec![0x01, 0x03, 0x00, 0x90, 1, 0x02, 0x02, 0x00, 0x90],
    );
    bad(&mut mon, &mut m, "load HIGH/CMD", "not RAM");
    bad(&mut mon, &mut m, "save readonly.bin 7000 7001", "read-only");
    bad(&mut mon, &mut m, "save x.bin 7001 7000", "before");
    bad(&mut mon, &mut m, "save x.bin 7000", "usage");
}

#[test]
fn exit_command() {
    let (mut mon, mut m) = setup();
    assert!(!mon.take_leave_request());
    ok(&mut mon, &mut m, "x");
    assert!(mon.take_leave_request());
    assert!(!mon.take_leave_request());
    bad(&mut mon, &mut m, "x now", "too many");
}

#[test]
fn search_shows_one_screenful_and_the_count() {
    let (mut mon, mut m) = setup();
    let zeros = (0..=0xFFFFu32).filter(|&a| m.peek(a as u16) == 0).count();
    assert!(zeros > 16 * 8, "the test needs many matches, has {zeros}");
    let out = ok(&mut mon, &mut m, "s 0 FFFF 00");
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines.len() <= 17, "{} lines", lines.len());
    let last = lines.last().unwrap();
    assert!(last.starts_with(&format!("{zeros} found")), "{last}");
    // The lines shown are the first matches, in order.
    let shown: Vec<u16> = lines[..lines.len() - 1]
        .iter()
        .flat_map(|l| l.split_whitespace())
        .map(|a| u16::from_str_radix(a, 16).unwrap())
        .collect();
    let first: Vec<u16> = (0..=0xFFFFu32)
        .filter(|&a| m.peek(a as u16) == 0)
        .map(|a| a as u16)
        .take(shown.len())
        .collect();
    assert_eq!(shown, first);
    assert!(last.contains(&format!("{} shown", shown.len())), "{last}");
}

#[test]
fn disassemble_takes_a_length_like_dump() {
    let (mut mon, mut m) = setup();
    // 7000 LD A,41H (2 bytes); 7002 LD (3C00H),A (3 bytes); 7005 RET.
    let l = ok(&mut mon, &mut m, "u 7000 L5");
    assert_eq!(l, ok(&mut mon, &mut m, "u 7000 7004"));
    assert_eq!(l.lines().count(), 2, "{l}");
    let l = ok(&mut mon, &mut m, "u 7000 L6");
    assert_eq!(l.lines().count(), 3, "{l}");
    assert_eq!(
        ok(&mut mon, &mut m, "d 7000 L5"),
        ok(&mut mon, &mut m, "d 7000 7004")
    );
    bad(&mut mon, &mut m, "u 7000 L0", "length");
    bad(&mut mon, &mut m, "u FFFF L2", "length");
}

#[test]
fn numbers_read_the_same_way_whatever_their_size() {
    let (mut mon, mut m) = setup();
    assert!(ok(&mut mon, &mut m, "peek 9999").starts_with("9999H"));
    assert!(ok(&mut mon, &mut m, "peek 1000").starts_with("1000H"));
    // Five hex digits are too many for an address; the error says how to write decimal.
    bad(&mut mon, &mut m, "peek 10000", "#10000");
    bad(&mut mon, &mut m, "d 28672", "#28672");
    assert!(ok(&mut mon, &mut m, "peek #10000").starts_with("2710H (10000)"));
    assert!(ok(&mut mon, &mut m, "peek 10000.").starts_with("2710H (10000)"));
    let h = ok(&mut mon, &mut m, "help");
    assert!(h.contains("#28672"), "help names the decimal form: {h}");
    let h = ok(&mut mon, &mut m, "help help");
    assert!(h.contains("always hex"), "help states the rule: {h}");
}

#[test]
fn clearing_all_breaks_says_what_it_did() {
    let (mut mon, mut m) = setup();
    ok(&mut mon, &mut m, "b 7005 7002");
    assert_eq!(
        ok(&mut mon, &mut m, "bc *"),
        "2 breakpoints cleared (7002 7005)"
    );
    assert_eq!(ok(&mut mon, &mut m, "bc *"), "no breakpoints to clear");
    ok(&mut mon, &mut m, "w 3C00");
    ok(&mut mon, &mut m, "io FF out");
    assert_eq!(
        ok(&mut mon, &mut m, "wc *"),
        "1 watchpoint cleared (3C00)\nport FF out"
    );
    assert_eq!(ok(&mut mon, &mut m, "ioc *"), "1 port break cleared (FF)");
    assert_eq!(ok(&mut mon, &mut m, "ioc *"), "no port breaks to clear");
}

#[test]
fn save_and_load_a_state() {
    let (mut mon, mut m) = setup();
    let files = MemFiles::default();
    mon.set_files(Box::new(files.clone()));
    let r = ok(&mut mon, &mut m, "save here.state");
    assert!(r.contains("save state"), "{r}");
    let before = m.save_state();
    ok(&mut mon, &mut m, "f 7000 70FF 55");
    ok(&mut mon, &mut m, "r pc 1234");
    m.run_for(10_000);
    let r = ok(&mut mon, &mut m, "load here.state");
    assert!(r.contains("save state loaded"), "{r}");
    assert!(m.save_state() == before, "the machine is back as it was");
    // A damaged state is refused and changes nothing.
    let mut bad_state = before.clone();
    bad_state[100] ^= 1;
    files
        .0
        .lock()
        .unwrap()
        .insert("bad.state".into(), bad_state);
    bad(&mut mon, &mut m, "load bad.state", "checksum");
    assert!(m.save_state() == before);
}
