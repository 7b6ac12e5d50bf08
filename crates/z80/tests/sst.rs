//! SingleStepTests z80 v1: every opcode file, every case, one instruction each.
//!
//! The suite (github.com/SingleStepTests/z80, MIT licence) has one JSON file
//! per opcode sequence (`00.json` … `fd cb __ ff.json`, 1,604 files of 1,000
//! cases). A case gives the registers (including WZ = MEMPTR, Q, IFF1/2, IM,
//! `ei` = "the last instruction was EI" and `p` = "the last instruction was
//! LD A,I/R") and the RAM before and after one instruction, the bus sampled
//! once per T-state, and the I/O transactions. It is not part of the
//! repository: set `Z80_SST_DIR` to the folder holding the `*.json` files (or
//! to the repository's root, which has them in `v1/`). Without it the test
//! prints `SKIPPED: …` and passes. `Z80_SST_ONLY=ed b` runs only the files
//! whose name starts with that text. A full run reads 1.3 GB of JSON.
//!
//! Checked for every case: all registers and hidden state above (EI delay and
//! P through [`Cpu::ei_delay`] and [`Cpu::after_ld_a_ir`]), the RAM, the
//! T-state count (= number of samples), and every memory and I/O access —
//! order, kind, address, data and the T-state of its T1 — rebuilt from the
//! samples and compared with the [`Bus`] calls the core made. The rebuild
//! follows the suite's sampling (one sample at the end of each T-state, MREQ
//! and RD/WR shown for one T-state only):
//!
//! | access        | sample with pins | T1 is      | data in sample | next sample's address |
//! |---------------|------------------|------------|----------------|-----------------------|
//! | opcode fetch  | `r-m-`           | that − 1   | next           | refresh: I, R before the fetch's increment |
//! | memory read   | `r-m-`           | that − 1   | next           | the same address      |
//! | memory write  | `-wm-`           | that − 1   | that           |                       |
//! | I/O read      | `r--i`           | that − 2   | next           |                       |
//! | I/O write     | `-w-i`           | that − 2   | that           |                       |
//!
//! The suite has no interrupts; `ei` and `p` set on entry change nothing a
//! case can observe and are not loaded.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Instant;

use serde_json::Value;
use z80::{Bus, Cpu, Model};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Fetch,
    MemRead,
    MemWrite,
    IoRead,
    IoWrite,
}

/// One bus access: kind, address, data, T-state of T1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Access {
    kind: Kind,
    addr: u16,
    data: u8,
    t: u64,
}

/// 64 KiB RAM that logs every access and answers I/O reads from the case's
/// `ports` list, in order.
struct SstBus {
    mem: Vec<u8>,
    log: Vec<Access>,
    port_reads: Vec<u8>,
    next_port_read: usize,
}

impl SstBus {
    fn push(&mut self, kind: Kind, addr: u16, data: u8, t: u64) {
        self.log.push(Access {
            kind,
            addr,
            data,
            t,
        });
    }
}

impl Bus for SstBus {
    fn fetch_opcode(&mut self, addr: u16, t: u64) -> u8 {
        let v = self.mem[addr as usize];
        self.push(Kind::Fetch, addr, v, t);
        v
    }
    fn mem_read(&mut self, addr: u16, t: u64) -> u8 {
        let v = self.mem[addr as usize];
        self.push(Kind::MemRead, addr, v, t);
        v
    }
    fn mem_write(&mut self, addr: u16, value: u8, t: u64) {
        self.mem[addr as usize] = value;
        self.push(Kind::MemWrite, addr, value, t);
    }
    fn io_read(&mut self, port: u16, t: u64) -> u8 {
        let v = self
            .port_reads
            .get(self.next_port_read)
            .copied()
            .unwrap_or(0xFF);
        self.next_port_read += 1;
        self.push(Kind::IoRead, port, v, t);
        v
    }
    fn io_write(&mut self, port: u16, value: u8, t: u64) {
        self.push(Kind::IoWrite, port, value, t);
    }
    fn peek(&self, addr: u16) -> u8 {
        self.mem[addr as usize]
    }
}

fn num(v: &Value, key: &str) -> u64 {
    v[key]
        .as_u64()
        .unwrap_or_else(|| panic!("field {key:?} missing or not a number"))
}

/// The folder holding the JSON files, or `None` (printed as skipped).
fn suite_dir() -> Option<PathBuf> {
    let Some(dir) = std::env::var_os("Z80_SST_DIR") else {
        println!(
            "SKIPPED: Z80_SST_DIR is not set (folder with the SingleStepTests z80 v1 *.json files)"
        );
        return None;
    };
    let dir = PathBuf::from(dir);
    let v1 = dir.join("v1");
    Some(if v1.is_dir() { v1 } else { dir })
}

fn json_files(dir: &Path) -> Vec<PathBuf> {
    let only = std::env::var("Z80_SST_ONLY").unwrap_or_default();
    let entries = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("Z80_SST_DIR: cannot list {}: {e}", dir.display()));
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.ends_with(".json") && name.starts_with(only.as_str())
        })
        .collect();
    files.sort();
    assert!(
        !files.is_empty(),
        "Z80_SST_DIR: no *.json files in {} (filter {only:?})",
        dir.display()
    );
    files
}

/// The accesses rebuilt from the per-T-state samples, each with the address
/// on the bus one sample later (refresh address for an opcode fetch).
fn rebuild(cycles: &[Value]) -> Vec<(Access, Option<u16>)> {
    let sample = |k: usize| -> (Option<u16>, Option<u8>, &str) {
        let s = &cycles[k];
        (
            s[0].as_u64().map(|a| a as u16),
            s[1].as_u64().map(|d| d as u8),
            s[2].as_str().unwrap_or(""),
        )
    };
    let mut out = Vec::new();
    for k in 0..cycles.len() {
        let (addr, data, pins) = sample(k);
        let b = pins.as_bytes();
        if b.len() != 4 {
            continue;
        }
        let (read, write, mreq, iorq) = (b[0] == b'r', b[1] == b'w', b[2] == b'm', b[3] == b'i');
        let next = (k + 1 < cycles.len()).then(|| sample(k + 1));
        let (kind, back, data) = match (read, write, mreq, iorq) {
            (true, false, true, false) => (Kind::MemRead, 1, next.and_then(|n| n.1)),
            (false, true, true, false) => (Kind::MemWrite, 1, data),
            (true, false, false, true) => (Kind::IoRead, 2, next.and_then(|n| n.1)),
            (false, true, false, true) => (Kind::IoWrite, 2, data),
            _ => continue,
        };
        out.push((
            Access {
                kind,
                addr: addr.unwrap_or(0),
                data: data.unwrap_or(0),
                t: (k as u64).wrapping_sub(back),
            },
            next.and_then(|n| n.0),
        ));
    }
    out
}

/// Run one case; append a description of every mismatch to `err`.
fn run_case(case: &Value, bus: &mut SstBus, err: &mut String) {
    let init = &case["initial"];
    let fin = &case["final"];
    for cell in init["ram"].as_array().expect("initial ram") {
        bus.mem[cell[0].as_u64().unwrap() as usize] = cell[1].as_u64().unwrap() as u8;
    }
    bus.log.clear();
    bus.port_reads.clear();
    bus.next_port_read = 0;
    if let Some(ports) = case["ports"].as_array() {
        for p in ports {
            if p[2].as_str() == Some("r") {
                bus.port_reads.push(p[1].as_u64().unwrap() as u8);
            }
        }
    }

    let mut cpu = Cpu::new(Model::Nmos);
    let pair = |v: &Value, h: &str, l: &str| ((num(v, h) as u16) << 8) | num(v, l) as u16;
    {
        let r = &mut cpu.regs;
        r.af = pair(init, "a", "f");
        r.bc = pair(init, "b", "c");
        r.de = pair(init, "d", "e");
        r.hl = pair(init, "h", "l");
        r.af_ = num(init, "af_") as u16;
        r.bc_ = num(init, "bc_") as u16;
        r.de_ = num(init, "de_") as u16;
        r.hl_ = num(init, "hl_") as u16;
        r.ix = num(init, "ix") as u16;
        r.iy = num(init, "iy") as u16;
        r.sp = num(init, "sp") as u16;
        r.pc = num(init, "pc") as u16;
        r.wz = num(init, "wz") as u16;
        r.i = num(init, "i") as u8;
        r.r = num(init, "r") as u8;
        r.im = num(init, "im") as u8;
        r.iff1 = num(init, "iff1") != 0;
        r.iff2 = num(init, "iff2") != 0;
        r.q = num(init, "q") as u8;
    }
    cpu.step(bus);

    let r = &cpu.regs;
    let got: [(&str, u64); 25] = [
        ("a", (r.af >> 8) as u64),
        ("f", (r.af & 0xFF) as u64),
        ("b", (r.bc >> 8) as u64),
        ("c", (r.bc & 0xFF) as u64),
        ("d", (r.de >> 8) as u64),
        ("e", (r.de & 0xFF) as u64),
        ("h", (r.hl >> 8) as u64),
        ("l", (r.hl & 0xFF) as u64),
        ("af_", r.af_ as u64),
        ("bc_", r.bc_ as u64),
        ("de_", r.de_ as u64),
        ("hl_", r.hl_ as u64),
        ("ix", r.ix as u64),
        ("iy", r.iy as u64),
        ("sp", r.sp as u64),
        ("pc", r.pc as u64),
        ("wz", r.wz as u64),
        ("i", r.i as u64),
        ("r", r.r as u64),
        ("im", r.im as u64),
        ("iff1", r.iff1 as u64),
        ("iff2", r.iff2 as u64),
        ("q", r.q as u64),
        ("ei", cpu.ei_delay() as u64),
        ("p", cpu.after_ld_a_ir() as u64),
    ];
    for (name, ours) in got {
        let want = num(fin, name);
        if ours != want {
            let _ = write!(err, " {name}={ours:X}(want {want:X})");
        }
    }
    for cell in fin["ram"].as_array().expect("final ram") {
        let (a, v) = (
            cell[0].as_u64().unwrap() as usize,
            cell[1].as_u64().unwrap(),
        );
        if bus.mem[a] as u64 != v {
            let _ = write!(err, " ram[{a:04X}]={:02X}(want {v:02X})", bus.mem[a]);
        }
    }

    let cycles = case["cycles"].as_array().expect("cycles");
    if cpu.t != cycles.len() as u64 {
        let _ = write!(err, " T={}(want {})", cpu.t, cycles.len());
    }
    let theirs = rebuild(cycles);
    if theirs.len() != bus.log.len() {
        let _ = write!(err, " {} accesses(want {})", bus.log.len(), theirs.len());
    }
    let (i0, r0) = (num(init, "i") as u16, num(init, "r") as u8);
    let mut fetches = 0u8;
    for (k, (ours, (want, next_addr))) in bus.log.iter().zip(&theirs).enumerate() {
        let mut ours_as_bus = *ours;
        let expect_next = if ours.kind == Kind::Fetch {
            ours_as_bus.kind = Kind::MemRead;
            let r = (r0 & 0x80) | (r0.wrapping_add(fetches) & 0x7F);
            fetches += 1;
            Some((i0 << 8) | r as u16)
        } else if ours.kind == Kind::MemRead {
            Some(ours.addr)
        } else {
            None
        };
        if ours_as_bus != *want {
            let _ = write!(err, " access {k}: {ours:?} (want {want:?})");
        } else if expect_next.is_some() && expect_next != *next_addr {
            let _ = write!(
                err,
                " access {k}: {:?} at {:04X}: next address {next_addr:04X?} (want {expect_next:04X?})",
                ours.kind, ours.addr
            );
        }
    }
    if let Some(ports) = case["ports"].as_array() {
        let io: Vec<_> = bus
            .log
            .iter()
            .filter(|a| matches!(a.kind, Kind::IoRead | Kind::IoWrite))
            .collect();
        if io.len() != ports.len() {
            let _ = write!(
                err,
                " {} I/O accesses(want {} ports)",
                io.len(),
                ports.len()
            );
        }
        for (a, p) in io.iter().zip(ports) {
            let kind = if a.kind == Kind::IoRead { "r" } else { "w" };
            if (a.addr as u64, a.data as u64, kind)
                != (
                    p[0].as_u64().unwrap(),
                    p[1].as_u64().unwrap(),
                    p[2].as_str().unwrap(),
                )
            {
                let _ = write!(err, " port {a:?} (want {p})");
            }
        }
    }

    // Leave the RAM zeroed for the next case.
    for side in [init, fin] {
        for cell in side["ram"].as_array().unwrap() {
            bus.mem[cell[0].as_u64().unwrap() as usize] = 0;
        }
    }
    for a in &bus.log {
        if a.kind == Kind::MemWrite {
            bus.mem[a.addr as usize] = 0;
        }
    }
}

/// Results of one file: cases run, cases failed, the first few failures.
fn run_file(path: &Path) -> (usize, usize, String) {
    let text = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let cases: Value = serde_json::from_slice(&text)
        .unwrap_or_else(|e| panic!("{}: not JSON: {e}", path.display()));
    let cases = cases.as_array().expect("a file is an array of cases");
    let mut bus = SstBus {
        mem: vec![0; 0x10000],
        log: Vec::new(),
        port_reads: Vec::new(),
        next_port_read: 0,
    };
    let (mut failed, mut report) = (0, String::new());
    for case in cases {
        let mut err = String::new();
        run_case(case, &mut bus, &mut err);
        if !err.is_empty() {
            failed += 1;
            if failed <= 3 {
                let name = case["name"].as_str().unwrap_or("?");
                let _ = writeln!(report, "  {name}:{err}");
            }
        }
    }
    (cases.len(), failed, report)
}

#[test]
fn single_step_tests_v1() {
    let Some(dir) = suite_dir() else { return };
    let files = json_files(&dir);
    let start = Instant::now();
    let next = AtomicUsize::new(0);
    let results = Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(path) = files.get(i) else { break };
                let r = run_file(path);
                results.lock().unwrap().push((i, r));
            });
        }
    });
    let mut results = results.into_inner().unwrap();
    results.sort_by_key(|r| r.0);
    let (mut cases, mut failed, mut report) = (0, 0, String::new());
    for (i, (n, f, text)) in &results {
        cases += n;
        failed += f;
        if *f > 0 {
            let name = files[*i].file_name().unwrap().to_string_lossy();
            let _ = writeln!(report, "{name}: {f} of {n} cases fail, e.g.\n{text}");
        }
    }
    println!(
        "SingleStepTests z80 v1: {} / {cases} cases pass in {} files ({:.1} s)",
        cases - failed,
        files.len(),
        start.elapsed().as_secs_f64()
    );
    assert_eq!(failed, 0, "{failed} cases fail:\n{report}");
}
