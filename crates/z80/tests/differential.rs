//! Differential test against z80emu 0.11 (NMOS flavour).
//!
//! From random register and memory states, random instruction bytes (biased
//! towards the CB/ED/DD/FD/DDCB/FDCB pages) are executed one instruction at a
//! time on our core and on z80emu, and after every instruction the two must
//! agree on every register (F bit by bit, Y and X included), MEMPTR, R, I,
//! IFF1/IFF2, IM, HALT, the T-states spent, and the memory and I/O writes made
//! (address/port and value, in order). Each random state runs a few
//! instructions in a row so that state carried between instructions (Q for
//! SCF/CCF, MEMPTR, R) is compared too. Half of the states go through
//! `Cpu::step`, compared after every instruction; the other half run all their
//! instructions in one `Cpu::run` call (the batch loop), stopped by a BREAK
//! from `Bus::poll`, which also places each next instruction at PC; those are
//! compared at the end.
//!
//! `Z80_DIFF_COUNT` sets the number of instructions (default 1,000,000);
//! `Z80_DIFF_SEED` the seed, `Z80_DIFF_REPORTS` how many failing cases are
//! printed in full (default 10). The run is deterministic for a given seed.
//!
//! # Where z80emu differs from documented hardware (excluded, narrowly)
//!
//! * Block repeats (LDIR, LDDR, CPIR, CPDR, INIR, INDR, OTIR, OTDR) that do
//!   repeat: on the real chip the extra 5 T-states re-run an address
//!   computation (PC-2) that leaves bits 13 and 11 of PC in flags Y and X, and
//!   for INxR/OTxR alter H and P/V as well (measured on silicon by David Banks,
//!   2018, and described in "The Undocumented Z80 Documented" updates). z80emu
//!   0.11 keeps the flags of the non-repeating form (source: `block_transfer`,
//!   `block_search`, `block_in`, `block_out` in its `z80/internal.rs`). For a
//!   repeating iteration only, Y and X (and H, P/V for INxR/OTxR) are not
//!   compared, and z80emu's F is then set to ours so that the following
//!   instructions start from the same flags. Likewise MEMPTR after a repeating
//!   INxR/OTxR: the chip leaves the instruction's address + 1 there, as for
//!   LDxR/CPxR (SingleStepTests v1, files `ed b2`, `ed b3`, `ed ba`, `ed bb`;
//!   `tests/sst.rs`), while z80emu keeps the non-repeating BC ± 1; it is not
//!   compared for those iterations and z80emu's MEMPTR is set to ours.
//! * SCF/CCF right after one or more ignored DD/FD prefixes (e.g. `DD 37`): Y
//!   and X depend on Q, the "previous instruction changed the flags" latch.
//!   z80emu treats each prefix as an instruction of its own and clears Q there
//!   (`begin_instruction` runs for every fetched opcode, `z80/opcodes.rs`); our
//!   core carries the Q of the instruction before the prefix into the SCF/CCF,
//!   as an M1 prefix does not write F. We found no measurement of real silicon
//!   for this case, so for these two opcodes behind a prefix Y and X are not
//!   compared (and z80emu's F is set to ours afterwards).
//! * HALT: z80emu leaves PC on the HALT opcode and re-executes it; a core may
//!   equally advance PC past HALT and idle there (the address pushed by the next
//!   interrupt is HALT+1 either way). After a HALT only the halted state and the
//!   PC modulo this convention are compared, and the case ends.

use core::num::NonZeroU16;
use std::fmt::Write as _;

use testkit::Rng;
use z80::{Bus, Cpu, Exit, Model, Registers, Signals};
use z80emu::{Clock, Cpu as _, CpuDebugFn, InterruptMode, Io, Memory, Prefix, StkReg16, Z80NMOS};

/// What an input port returns: a fixed scramble of the port number.
fn port_value(port: u16, salt: u8) -> u8 {
    let x = u32::from(port).wrapping_mul(0x9E37_79B1);
    ((x >> 16) as u8) ^ salt
}

/// A write seen on the bus: (is I/O, address or port, value).
type Write = (bool, u16, u8);

/// Our side: 64 KiB of RAM and a write log. In batch mode `poll` places the
/// next instruction of `feed` at PC, and asks for a break when all have run.
struct OurBus {
    mem: Vec<u8>,
    writes: Vec<Write>,
    salt: u8,
    batch: bool,
    feed: Vec<[u8; 4]>,
    polls: usize,
}

impl Bus for OurBus {
    #[inline]
    fn fetch_opcode(&mut self, addr: u16, _t: u64) -> u8 {
        self.mem[addr as usize]
    }
    #[inline]
    fn mem_read(&mut self, addr: u16, _t: u64) -> u8 {
        self.mem[addr as usize]
    }
    #[inline]
    fn mem_write(&mut self, addr: u16, value: u8, _t: u64) {
        self.mem[addr as usize] = value;
        self.writes.push((false, addr, value));
    }
    #[inline]
    fn io_read(&mut self, port: u16, _t: u64) -> u8 {
        port_value(port, self.salt)
    }
    #[inline]
    fn io_write(&mut self, port: u16, value: u8, _t: u64) {
        self.writes.push((true, port, value));
    }
    fn poll(&mut self, _t: u64, pc: u16) -> Signals {
        if !self.batch {
            return Signals::NONE;
        }
        let Some(bytes) = self.feed.get(self.polls) else {
            return Signals::BREAK;
        };
        for (i, b) in bytes.iter().enumerate() {
            self.mem[pc.wrapping_add(i as u16) as usize] = *b;
        }
        self.polls += 1;
        Signals::NONE
    }
    fn peek(&self, addr: u16) -> u8 {
        self.mem[addr as usize]
    }
}

/// The peer's side: the same RAM, the same ports.
struct PeerBus {
    mem: Vec<u8>,
    writes: Vec<Write>,
    salt: u8,
}

impl Io for PeerBus {
    type Timestamp = u64;
    type WrIoBreak = ();
    type RetiBreak = ();
    fn read_io(&mut self, port: u16, _ts: u64) -> (u8, Option<NonZeroU16>) {
        (port_value(port, self.salt), None)
    }
    fn write_io(&mut self, port: u16, data: u8, _ts: u64) -> (Option<()>, Option<NonZeroU16>) {
        self.writes.push((true, port, data));
        (None, None)
    }
}

impl Memory for PeerBus {
    type Timestamp = u64;
    fn read_mem(&self, address: u16, _ts: u64) -> u8 {
        self.mem[address as usize]
    }
    fn read_opcode(&mut self, pc: u16, _ir: u16, _ts: u64) -> u8 {
        self.mem[pc as usize]
    }
    fn write_mem(&mut self, address: u16, value: u8, _ts: u64) {
        self.mem[address as usize] = value;
        self.writes.push((false, address, value));
    }
    fn read_debug(&self, address: u16) -> u8 {
        self.mem[address as usize]
    }
}

/// Random instruction bytes: a prefix page chosen with a bias, then random.
fn random_instruction(rng: &mut Rng) -> [u8; 4] {
    let mut b = [rng.byte(), rng.byte(), rng.byte(), rng.byte()];
    match rng.below(20) {
        0..=6 => {} // unprefixed (and whatever prefix it happens to be)
        7..=9 => b[0] = 0xCB,
        10..=13 => {
            b[0] = 0xED;
            // mostly the populated rows 40-7F and A0-BF
            b[1] = match rng.below(4) {
                0 | 1 => 0x40 | (b[1] & 0x3F),
                2 => 0xA0 | (b[1] & 0x1F),
                _ => b[1],
            };
        }
        14..=16 => b[0] = if rng.below(2) == 0 { 0xDD } else { 0xFD },
        _ => {
            b[0] = if rng.below(2) == 0 { 0xDD } else { 0xFD };
            b[1] = 0xCB;
        }
    }
    b
}

fn random_registers(rng: &mut Rng) -> Registers {
    Registers {
        af: (rng.next_u64() as u16),
        bc: (rng.next_u64() as u16),
        de: (rng.next_u64() as u16),
        hl: (rng.next_u64() as u16),
        af_: (rng.next_u64() as u16),
        bc_: (rng.next_u64() as u16),
        de_: (rng.next_u64() as u16),
        hl_: (rng.next_u64() as u16),
        ix: (rng.next_u64() as u16),
        iy: (rng.next_u64() as u16),
        sp: (rng.next_u64() as u16),
        pc: (rng.next_u64() as u16),
        i: rng.byte(),
        r: rng.byte(),
        wz: (rng.next_u64() as u16),
        iff1: rng.below(2) == 1,
        iff2: rng.below(2) == 1,
        im: rng.below(3) as u8,
        // z80emu starts with "flags not modified by the previous instruction"
        q: 0,
    }
}

fn load_peer(r: &Registers) -> Z80NMOS {
    let mut p = Z80NMOS::default();
    p.set_reg16(StkReg16::AF, r.af);
    p.set_reg16(StkReg16::BC, r.bc);
    p.set_reg16(StkReg16::DE, r.de);
    p.set_reg16(StkReg16::HL, r.hl);
    p.ex_af_af();
    p.exx();
    p.set_reg16(StkReg16::AF, r.af_);
    p.set_reg16(StkReg16::BC, r.bc_);
    p.set_reg16(StkReg16::DE, r.de_);
    p.set_reg16(StkReg16::HL, r.hl_);
    p.ex_af_af();
    p.exx();
    p.set_index16(Prefix::Xdd, r.ix);
    p.set_index16(Prefix::Yfd, r.iy);
    p.set_sp(r.sp);
    p.set_pc(r.pc);
    p.set_i(r.i);
    p.set_r(r.r);
    p.set_memptr(r.wz);
    p.set_iffs(r.iff1, r.iff2);
    p.set_im(match r.im {
        0 => InterruptMode::Mode0,
        1 => InterruptMode::Mode1,
        _ => InterruptMode::Mode2,
    });
    p
}

fn peer_registers(p: &Z80NMOS) -> Registers {
    let (iff1, iff2) = p.get_iffs();
    Registers {
        af: p.get_reg16(StkReg16::AF),
        bc: p.get_reg16(StkReg16::BC),
        de: p.get_reg16(StkReg16::DE),
        hl: p.get_reg16(StkReg16::HL),
        af_: p.get_alt_reg16(StkReg16::AF),
        bc_: p.get_alt_reg16(StkReg16::BC),
        de_: p.get_alt_reg16(StkReg16::DE),
        hl_: p.get_alt_reg16(StkReg16::HL),
        ix: p.get_index16(Prefix::Xdd),
        iy: p.get_index16(Prefix::Yfd),
        sp: p.get_sp(),
        pc: p.get_pc(),
        i: p.get_i(),
        r: p.get_r(),
        wz: p.get_memptr(),
        iff1,
        iff2,
        im: p.get_im() as u8,
        q: 0,
    }
}

/// Differences between the two register files, as text (empty when equal).
fn diff_registers(ours: &Registers, peer: &Registers, flag_mask: u8) -> String {
    let mut s = String::new();
    let mut cmp16 = |name: &str, a: u16, b: u16| {
        if a != b {
            write!(s, " {name}: ours {a:04X} z80emu {b:04X};").unwrap();
        }
    };
    cmp16("A", ours.af >> 8, peer.af >> 8);
    cmp16("BC", ours.bc, peer.bc);
    cmp16("DE", ours.de, peer.de);
    cmp16("HL", ours.hl, peer.hl);
    cmp16("AF'", ours.af_, peer.af_);
    cmp16("BC'", ours.bc_, peer.bc_);
    cmp16("DE'", ours.de_, peer.de_);
    cmp16("HL'", ours.hl_, peer.hl_);
    cmp16("IX", ours.ix, peer.ix);
    cmp16("IY", ours.iy, peer.iy);
    cmp16("SP", ours.sp, peer.sp);
    cmp16("PC", ours.pc, peer.pc);
    cmp16("I", ours.i.into(), peer.i.into());
    cmp16("R", ours.r.into(), peer.r.into());
    cmp16("MEMPTR", ours.wz, peer.wz);
    cmp16("IFF1", ours.iff1.into(), peer.iff1.into());
    cmp16("IFF2", ours.iff2.into(), peer.iff2.into());
    cmp16("IM", ours.im.into(), peer.im.into());
    let (fa, fb) = (ours.f() & flag_mask, peer.f() & flag_mask);
    if fa != fb {
        write!(s, " F: ours {} z80emu {};", flags(fa), flags(fb)).unwrap();
    }
    s
}

fn flags(f: u8) -> String {
    "SZYHXPNC"
        .chars()
        .enumerate()
        .map(|(i, c)| if f & (0x80 >> i) != 0 { c } else { '.' })
        .collect()
}

fn show_registers(r: &Registers) -> String {
    format!(
        "AF={:04X} BC={:04X} DE={:04X} HL={:04X} AF'={:04X} BC'={:04X} DE'={:04X} HL'={:04X} \
         IX={:04X} IY={:04X} SP={:04X} PC={:04X} I={:02X} R={:02X} MEMPTR={:04X} IFF1={} IFF2={} IM={} Q={:02X}",
        r.af, r.bc, r.de, r.hl, r.af_, r.bc_, r.de_, r.hl_, r.ix, r.iy, r.sp, r.pc, r.i, r.r,
        r.wz, r.iff1 as u8, r.iff2 as u8, r.im, r.q
    )
}

const STEPS_PER_STATE: u32 = 4;

/// Instructions whose comparison needs a per-instruction exclusion (see the
/// module docs) are left out of batch runs.
fn excluded_in_batch(bytes: &[u8; 4]) -> bool {
    let skip = bytes
        .iter()
        .take_while(|&&b| b == 0xDD || b == 0xFD)
        .count();
    if skip >= 3 {
        return false;
    }
    let block = bytes[skip] == 0xED && (bytes[skip + 1] & 0xF4) == 0xB0;
    let scf_ccf = skip > 0 && (bytes[skip] == 0x37 || bytes[skip] == 0x3F);
    block || scf_ccf
}

#[test]
fn random_instructions_match_z80emu() {
    let count: u64 = std::env::var("Z80_DIFF_COUNT")
        .ok()
        .and_then(|v| v.replace('_', "").parse().ok())
        .unwrap_or(1_000_000);
    let seed: u64 = std::env::var("Z80_DIFF_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0x5A80_2026);
    let max_reports: usize = std::env::var("Z80_DIFF_REPORTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10);
    let mut rng = Rng::new(seed);

    let mut mem = vec![0u8; 0x10000];
    for b in mem.iter_mut() {
        *b = rng.byte();
    }
    let salt = rng.byte();
    let mut ours_bus = OurBus {
        mem: mem.clone(),
        writes: Vec::new(),
        salt,
        batch: false,
        feed: Vec::new(),
        polls: 0,
    };
    let mut peer_bus = PeerBus {
        mem,
        writes: Vec::new(),
        salt,
    };

    let mut done: u64 = 0;
    let mut states: u64 = 0;
    let mut reports: Vec<String> = Vec::new();
    let mut failures: u64 = 0;
    while done < count {
        states += 1;
        let start = random_registers(&mut rng);
        let mut cpu = Cpu::new(Model::Nmos);
        cpu.regs = start;
        cpu.t = 0;
        let mut peer = load_peer(&start);
        let mut peer_t = z80emu::host::TsCounter::<u64>::default();
        let mut history = String::new();

        // Every other state runs its instructions in one `Cpu::run` call (the
        // batch loop), the others one `Cpu::step` at a time with a comparison
        // after each instruction.
        if states % 2 == 0 {
            let n = STEPS_PER_STATE.min((count - done) as u32) as usize;
            let mut feed = Vec::with_capacity(n);
            while feed.len() < n {
                let b = random_instruction(&mut rng);
                if !excluded_in_batch(&b) {
                    feed.push(b);
                }
            }
            done += n as u64;
            ours_bus.batch = true;
            ours_bus.feed = feed.clone();
            ours_bus.polls = 0;
            ours_bus.writes.clear();
            peer_bus.writes.clear();
            let exit = cpu.run(&mut ours_bus, u64::MAX);
            ours_bus.batch = false;
            for bytes in &feed {
                let pc = peer.get_pc();
                for (i, b) in bytes.iter().enumerate() {
                    peer_bus.mem[pc.wrapping_add(i as u16) as usize] = *b;
                }
                loop {
                    let _ = peer.execute_next(&mut peer_bus, &mut peer_t, None::<CpuDebugFn>);
                    if !peer.is_after_prefix() {
                        break;
                    }
                }
                if peer.is_halt() {
                    break;
                }
            }
            let ours = cpu.regs;
            let mut theirs = peer_registers(&peer);
            let halted = peer.is_halt();
            if halted && cpu.halted && ours.pc == theirs.pc.wrapping_add(1) {
                theirs.pc = ours.pc; // HALT: PC convention, see module docs
            }
            let mut diff = diff_registers(&ours, &theirs, 0xFF);
            let peer_dt = peer_t.as_timestamp();
            if cpu.t != peer_dt {
                write!(diff, " T-states: ours {} z80emu {peer_dt};", cpu.t).unwrap();
            }
            let expected_exit = if halted { Exit::Halted } else { Exit::Break };
            if exit != expected_exit || cpu.halted != halted {
                write!(
                    diff,
                    " run() returned {exit:?}, halted {} (z80emu halted {halted});",
                    cpu.halted
                )
                .unwrap();
            }
            if !halted && ours_bus.polls != n {
                write!(
                    diff,
                    " {} instruction boundaries polled, not {n};",
                    ours_bus.polls
                )
                .unwrap();
            }
            if ours_bus.writes != peer_bus.writes {
                write!(
                    diff,
                    " writes: ours {:X?} z80emu {:X?};",
                    ours_bus.writes, peer_bus.writes
                )
                .unwrap();
            }
            if !diff.is_empty() {
                failures += 1;
                if reports.len() < max_reports {
                    let list: Vec<String> = feed
                        .iter()
                        .map(|b| format!("{:02X} {:02X} {:02X} {:02X}", b[0], b[1], b[2], b[3]))
                        .collect();
                    reports.push(format!(
                        "state #{states} (batch run of {n} instructions):\n    {}\n    instructions placed at each PC: {}\n   differs:{diff}\n    ours after:   {}\n    z80emu after: {}",
                        show_registers(&start),
                        list.join(" | "),
                        show_registers(&ours),
                        show_registers(&theirs)
                    ));
                }
                peer_bus.mem.copy_from_slice(&ours_bus.mem);
            }
            continue;
        }

        for _ in 0..STEPS_PER_STATE {
            if done >= count {
                break;
            }
            done += 1;
            let pc = cpu.regs.pc;
            let bytes = random_instruction(&mut rng);
            for (i, b) in bytes.iter().enumerate() {
                let a = pc.wrapping_add(i as u16) as usize;
                ours_bus.mem[a] = *b;
                peer_bus.mem[a] = *b;
            }
            let before = cpu.regs;
            ours_bus.writes.clear();
            peer_bus.writes.clear();

            let t0 = cpu.t;
            cpu.step(&mut ours_bus);
            let ours_t = cpu.t - t0;

            let pt0 = peer_t.as_timestamp();
            loop {
                let _ = peer.execute_next(&mut peer_bus, &mut peer_t, None::<CpuDebugFn>);
                if !peer.is_after_prefix() {
                    break;
                }
            }
            let peer_dt = peer_t.as_timestamp() - pt0;

            let ours = cpu.regs;
            let mut theirs = peer_registers(&peer);
            let mut mask = 0xFF;
            // Excluded: undocumented flags of a repeating block instruction.
            // the opcode after any DD/FD prefixes
            let skip = bytes
                .iter()
                .take_while(|&&b| b == 0xDD || b == 0xFD)
                .count();
            let block = skip < 3 && bytes[skip] == 0xED && (bytes[skip + 1] & 0xF4) == 0xB0;
            if block && theirs.pc == pc.wrapping_add(skip as u16) {
                mask = if bytes[skip + 1] & 2 == 0 {
                    !0x28
                } else {
                    // INxR/OTxR: MEMPTR too (see module docs); carried on.
                    theirs.wz = ours.wz;
                    peer.set_memptr(ours.wz);
                    !0x3C
                };
            }
            // Excluded: Y and X of SCF/CCF right after an ignored DD/FD prefix.
            if skip > 0 && skip < 4 && (bytes[skip] == 0x37 || bytes[skip] == 0x3F) {
                mask &= !0x28;
            }
            let halted = peer.is_halt();
            if halted && cpu.halted && ours.pc == theirs.pc.wrapping_add(1) {
                theirs.pc = ours.pc; // HALT: PC convention, see module docs
            }
            let mut diff = diff_registers(&ours, &theirs, mask);
            if ours_t != peer_dt {
                write!(diff, " T-states: ours {ours_t} z80emu {peer_dt};").unwrap();
            }
            if cpu.halted != halted {
                write!(diff, " halted: ours {} z80emu {halted};", cpu.halted).unwrap();
            }
            if ours_bus.writes != peer_bus.writes {
                write!(
                    diff,
                    " writes: ours {:X?} z80emu {:X?};",
                    ours_bus.writes, peer_bus.writes
                )
                .unwrap();
            }
            writeln!(
                history,
                "    {}\n    bytes at PC {pc:04X}: {:02X} {:02X} {:02X} {:02X}",
                show_registers(&before),
                bytes[0],
                bytes[1],
                bytes[2],
                bytes[3]
            )
            .unwrap();
            if mask != 0xFF {
                // carry the hardware flags on, so later instructions compare
                peer.set_flags(z80emu::CpuFlags::from_bits_truncate(ours.f()));
            }
            if !diff.is_empty() {
                failures += 1;
                if reports.len() < max_reports {
                    reports.push(format!(
                        "state #{states} (instruction #{done}), after:\n{history}   differs:{diff}\n    ours after:   {}\n    z80emu after: {}",
                        show_registers(&ours),
                        show_registers(&theirs)
                    ));
                }
                // the two machines have diverged: resynchronise memory, next state
                peer_bus.mem.copy_from_slice(&ours_bus.mem);
                break;
            }
            if halted {
                break;
            }
        }
    }
    assert!(
        failures == 0,
        "{failures} of {done} instructions differ from z80emu (seed {seed:#X}); first {}:\n{}",
        reports.len(),
        reports.join("\n")
    );
    println!("{done} instructions from {states} random states match z80emu (seed {seed:#X})");
}
