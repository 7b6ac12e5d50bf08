//! Interrupt acceptance as a running program sees it, against the Zilog *Z80
//! CPU User Manual* (UM0080): "Interrupt Response" (modes 0, 1, 2 and NMI),
//! the Interrupt Request/Acknowledge Cycle and Non-Maskable Interrupt Request
//! timing figures, "HALT Exit", and the `EI`, `LD A,I`, `LD A,R` and `RETN`
//! instruction pages. None of the public per-instruction suites raises an
//! interrupt, so these are ours.
//!
//! The CPU samples INT (a level) and NMI (an edge) at each instruction
//! boundary, at the end of the instruction's last T-state. Times below count
//! from the acceptance: the T-state at which the acknowledge (or the NMI's
//! M1) begins. The manual's figures, and what is checked:
//!
//! | event                | T to the handler's first opcode fetch | where        |
//! |----------------------|----------------------------------------|--------------|
//! | NMI                  | 11 (M1 5, push 3 + 3)                  | 0066H        |
//! | IM 0, RST p on bus   | 13 (RST's 11 + 2 wait states)          | p            |
//! | IM 0, CALL nn on bus | 19 (CALL's 17 + 2)                     | nn           |
//! | IM 1                 | 13 (INTA 7, push 3 + 3)                | 0038H        |
//! | IM 2                 | 19 (INTA 7, push 3 + 3, vector 3 + 3)  | (I:byte)     |

use z80::{Bus, Cpu, Exit, Model, Signals};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Fetch,
    Read,
    Write,
    Ack,
}

/// 64 KiB of RAM with INT and NMI lines driven by T-state, logging every
/// bus cycle as (kind, address, T1).
struct Host {
    mem: Vec<u8>,
    log: Vec<(Kind, u16, u64)>,
    /// INT is held low for T-states `int.0 ..int.1`.
    int: (u64, u64),
    /// NMI is held low for T-states `nmi.0 .. nmi.1`.
    nmi: (u64, u64),
    /// Bytes the interrupting device puts on the data bus, in order.
    ack: Vec<u8>,
}

impl Bus for Host {
    fn fetch_opcode(&mut self, addr: u16, t: u64) -> u8 {
        self.log.push((Kind::Fetch, addr, t));
        self.mem[addr as usize]
    }
    fn mem_read(&mut self, addr: u16, t: u64) -> u8 {
        self.log.push((Kind::Read, addr, t));
        self.mem[addr as usize]
    }
    fn mem_write(&mut self, addr: u16, value: u8, t: u64) {
        self.log.push((Kind::Write, addr, t));
        self.mem[addr as usize] = value;
    }
    fn io_read(&mut self, _port: u16, _t: u64) -> u8 {
        0xFF
    }
    fn io_write(&mut self, _port: u16, _value: u8, _t: u64) {}
    fn int_ack(&mut self, t: u64) -> u8 {
        self.log.push((Kind::Ack, 0, t));
        if self.ack.is_empty() {
            0xFF
        } else {
            self.ack.remove(0)
        }
    }
    fn poll(&mut self, t: u64, _pc: u16) -> Signals {
        let mut s = Signals::NONE;
        if (self.int.0..self.int.1).contains(&t) {
            s = s | Signals::INT;
        }
        if (self.nmi.0..self.nmi.1).contains(&t) {
            s = s | Signals::NMI;
        }
        s
    }
    fn peek(&self, addr: u16) -> u8 {
        self.mem[addr as usize]
    }
}

const NEVER: (u64, u64) = (u64::MAX, u64::MAX);
const CODE: u16 = 0x0100;
const SP: u16 = 0x8000;

/// `code` at 0100H (the rest NOPs), SP = 8000H, IM 1, interrupts enabled,
/// no line asserted.
fn machine(code: &[u8]) -> (Cpu, Host) {
    let mut mem = vec![0u8; 0x10000];
    mem[CODE as usize..CODE as usize + code.len()].copy_from_slice(code);
    let mut cpu = Cpu::new(Model::Nmos);
    cpu.regs.pc = CODE;
    cpu.regs.sp = SP;
    cpu.regs.im = 1;
    cpu.regs.iff1 = true;
    cpu.regs.iff2 = true;
    let host = Host {
        mem,
        log: Vec::new(),
        int: NEVER,
        nmi: NEVER,
        ack: Vec::new(),
    };
    (cpu, host)
}

/// Step until an opcode fetch at `addr` has happened; its T1.
fn run_to_fetch(cpu: &mut Cpu, host: &mut Host, addr: u16) -> u64 {
    for _ in 0..1000 {
        let seen = host.log.len();
        cpu.step(host);
        if let Some(&(_, _, t)) = host.log[seen..]
            .iter()
            .find(|&&(k, a, _)| k == Kind::Fetch && a == addr)
        {
            return t;
        }
    }
    panic!("no fetch at {addr:04X}; log {:?}", host.log);
}

/// T1 of the first acknowledge cycle (IM 0/1/2).
fn ack_time(host: &Host) -> u64 {
    host.log
        .iter()
        .find(|e| e.0 == Kind::Ack)
        .expect("an acknowledge cycle")
        .2
}

/// The word pushed at SP − 2 (the return address).
fn pushed(host: &Host) -> u16 {
    u16::from_le_bytes([host.mem[SP as usize - 2], host.mem[SP as usize - 1]])
}

#[test]
fn im1_accepted_at_the_next_boundary_handler_13_t_later() {
    // NOPs at 0, 4, 8, 12, …: INT goes low at T 10, inside the third NOP,
    // so the boundary at T 12 takes it.
    let (mut cpu, mut host) = machine(&[]);
    host.int = (10, u64::MAX);
    let t = run_to_fetch(&mut cpu, &mut host, 0x0038);
    assert_eq!(ack_time(&host), 12);
    assert_eq!(t, 12 + 13);
    assert_eq!(pushed(&host), CODE + 3);
    // PCH then PCL, after the 7-T acknowledge.
    let writes: Vec<_> = host.log.iter().filter(|e| e.0 == Kind::Write).collect();
    assert_eq!(
        writes,
        [&(Kind::Write, SP - 1, 19), &(Kind::Write, SP - 2, 22)]
    );
    assert!(!cpu.regs.iff1 && !cpu.regs.iff2);
}

#[test]
fn im2_fetches_the_vector_handler_19_t_later() {
    let (mut cpu, mut host) = machine(&[]);
    cpu.regs.im = 2;
    cpu.regs.i = 0x3F;
    host.ack = vec![0x10];
    host.mem[0x3F10] = 0x34;
    host.mem[0x3F11] = 0x12;
    host.int = (0, u64::MAX);
    let t = run_to_fetch(&mut cpu, &mut host, 0x1234);
    assert_eq!((ack_time(&host), t), (0, 19));
    let reads: Vec<_> = host.log.iter().filter(|e| e.0 == Kind::Read).collect();
    assert_eq!(
        reads,
        [&(Kind::Read, 0x3F10, 13), &(Kind::Read, 0x3F11, 16)]
    );
    assert_eq!(pushed(&host), CODE);
    assert_eq!(cpu.regs.wz, 0x1234);
}

#[test]
fn im0_runs_the_instruction_on_the_bus_two_t_slower() {
    // RST 28H on the bus: RST's 11 T + 2.
    let (mut cpu, mut host) = machine(&[]);
    cpu.regs.im = 0;
    host.ack = vec![0xEF];
    host.int = (0, u64::MAX);
    assert_eq!(run_to_fetch(&mut cpu, &mut host, 0x0028), 13);
    assert_eq!(pushed(&host), CODE);

    // CALL 4321H on the bus: CALL's 17 T + 2; three bytes from the device.
    let (mut cpu, mut host) = machine(&[]);
    cpu.regs.im = 0;
    host.ack = vec![0xCD, 0x21, 0x43];
    host.int = (0, u64::MAX);
    assert_eq!(run_to_fetch(&mut cpu, &mut host, 0x4321), 19);
    assert_eq!(host.log.iter().filter(|e| e.0 == Kind::Ack).count(), 3);
    assert_eq!(pushed(&host), CODE);
}

#[test]
fn nmi_11_t_even_with_interrupts_disabled_and_iff2_keeps_iff1() {
    for iff1 in [false, true] {
        let (mut cpu, mut host) = machine(&[]);
        cpu.regs.iff1 = iff1;
        cpu.regs.iff2 = iff1;
        host.nmi = (5, u64::MAX);
        let t = run_to_fetch(&mut cpu, &mut host, 0x0066);
        // Boundary at 8: an M1 at PC (byte ignored, 4 + 1 T), then the push.
        let m1 = host.log.iter().filter(|e| e.0 == Kind::Fetch).nth(2);
        assert_eq!(m1, Some(&(Kind::Fetch, CODE + 2, 8)));
        assert_eq!(t, 8 + 11, "IFF1 {iff1}");
        assert_eq!(pushed(&host), CODE + 2);
        assert!(!cpu.regs.iff1);
        assert_eq!(cpu.regs.iff2, iff1, "IFF2 holds IFF1 from before the NMI");
        // The line stays low: no second NMI without a new falling edge.
        let fetches = host.log.len();
        for _ in 0..5 {
            cpu.step(&mut host);
        }
        assert_eq!(cpu.regs.pc, 0x0066 + 6);
        assert!(host.log[fetches..].iter().all(|e| e.0 == Kind::Fetch));
    }
}

#[test]
fn nmi_again_after_the_line_goes_high_and_low() {
    let (mut cpu, mut host) = machine(&[]);
    host.nmi = (0, 20);
    run_to_fetch(&mut cpu, &mut host, 0x0066);
    host.nmi = (30, u64::MAX);
    // The NOPs at 0066H… run until T 30; the next boundary takes the edge.
    let t = run_to_fetch(&mut cpu, &mut host, 0x0066);
    let m1 = host
        .log
        .iter()
        .rev()
        .find(|e| e.1 != 0x0066 && e.0 == Kind::Fetch);
    let accepted = m1.expect("the NMI's M1").2;
    assert!((30..34).contains(&accepted), "accepted at {accepted}");
    assert_eq!(t, accepted + 11);
}

#[test]
fn ei_delays_acceptance_by_one_instruction_and_chained_ei_keep_delaying() {
    // DI; EI; NOP with INT low all along: taken after the NOP, not after EI.
    let (mut cpu, mut host) = machine(&[0xF3, 0xFB, 0x00]);
    host.int = (0, u64::MAX);
    cpu.regs.iff1 = false;
    cpu.regs.iff2 = false;
    run_to_fetch(&mut cpu, &mut host, 0x0038);
    assert_eq!(ack_time(&host), 12);
    assert_eq!(pushed(&host), CODE + 3);

    // EI; EI; EI; NOP: no boundary between the EIs takes it.
    let (mut cpu, mut host) = machine(&[0xFB, 0xFB, 0xFB, 0x00]);
    host.int = (0, u64::MAX);
    cpu.regs.iff1 = false;
    run_to_fetch(&mut cpu, &mut host, 0x0038);
    assert_eq!(ack_time(&host), 16);
    assert_eq!(pushed(&host), CODE + 4);
}

#[test]
fn ei_delay_is_visible_to_a_debugger() {
    let (mut cpu, mut host) = machine(&[0xFB, 0x00]);
    cpu.step(&mut host);
    assert!(cpu.ei_delay(), "right after EI");
    cpu.step(&mut host);
    assert!(!cpu.ei_delay(), "one instruction later");
}

#[test]
fn halt_exits_at_the_next_nop_boundary_and_returns_past_the_halt() {
    // HALT at 0100H (T 0–4), then 4-T NOP cycles at 0101H: 4, 8, …, 20, 24.
    let (mut cpu, mut host) = machine(&[0x76]);
    assert_eq!(cpu.run(&mut host, 1000), Exit::Halted);
    assert_eq!(cpu.run(&mut host, 22), Exit::Budget);
    assert!(cpu.halted);
    host.int = (21, u64::MAX);
    let t = run_to_fetch(&mut cpu, &mut host, 0x0038);
    assert_eq!(ack_time(&host), 24);
    assert_eq!(t, 24 + 13);
    assert!(!cpu.halted);
    assert_eq!(pushed(&host), CODE + 1, "the instruction after HALT");
    let halted: Vec<_> = host
        .log
        .iter()
        .filter(|e| e.0 == Kind::Fetch && e.2 < 24)
        .map(|e| (e.1, e.2))
        .collect();
    let want: Vec<_> = std::iter::once((CODE, 0))
        .chain((1..6).map(|k| (CODE + 1, 4 * k)))
        .collect();
    assert_eq!(halted, want, "HALT, then NOP M1 cycles after it");

    // NMI leaves HALT the same way, even with interrupts disabled.
    let (mut cpu, mut host) = machine(&[0xF3, 0x76]);
    host.nmi = (30, u64::MAX);
    let t = run_to_fetch(&mut cpu, &mut host, 0x0066);
    assert_eq!(t, 32 + 11);
    assert_eq!(pushed(&host), CODE + 2);
}

#[test]
fn int_waits_for_the_end_of_prefixed_and_taken_between_block_repeats() {
    // LD IX,1234H (DD 21 34 12, 14 T): no boundary after the DD prefix.
    let (mut cpu, mut host) = machine(&[0xDD, 0x21, 0x34, 0x12]);
    host.int = (1, u64::MAX);
    run_to_fetch(&mut cpu, &mut host, 0x0038);
    assert_eq!(ack_time(&host), 14);
    assert_eq!(cpu.regs.ix, 0x1234);

    // LDIR with BC = 3: each repeat (21 T) ends at a boundary; the pushed PC
    // is the LDIR itself, so RETI resumes the copy.
    let (mut cpu, mut host) = machine(&[0xED, 0xB0]);
    cpu.regs.bc = 3;
    cpu.regs.hl = 0x4000;
    cpu.regs.de = 0x5000;
    host.int = (1, 30);
    run_to_fetch(&mut cpu, &mut host, 0x0038);
    assert_eq!(ack_time(&host), 21);
    assert_eq!(pushed(&host), CODE);
    assert_eq!(cpu.regs.bc, 2);
}

#[test]
fn ld_a_i_and_ld_a_r_pv_after_an_interrupt() {
    // EI; LD A,I (or LD A,R) with INT low: the boundary after LD A,I takes
    // the interrupt. P/V should copy IFF2 (1), but the NMOS chip samples it
    // after the acknowledge has cleared IFF2: the handler sees 0. The CMOS
    // part does not have this fault.
    for (op, what) in [(0x57, "LD A,I"), (0x5F, "LD A,R")] {
        for (model, pv) in [(Model::Nmos, 0), (Model::Cmos, 4)] {
            let (mut cpu, mut host) = machine(&[0xFB, 0xED, op]);
            cpu.model = model;
            (cpu.regs.iff1, cpu.regs.iff2) = (false, false);
            host.int = (0, u64::MAX);
            run_to_fetch(&mut cpu, &mut host, 0x0038);
            assert_eq!(ack_time(&host), 13, "{what}");
            assert_eq!(cpu.regs.f() & 4, pv, "{what} on {model:?}");
        }
        // Without an interrupt after it, P/V is IFF2.
        let (mut cpu, mut host) = machine(&[0xED, op]);
        cpu.step(&mut host);
        assert!(cpu.after_ld_a_ir());
        assert_eq!(cpu.regs.f() & 4, 4, "{what}");
    }
}

#[test]
fn ld_a_i_in_an_nmi_handler_reads_the_interrupted_iff1_and_retn_restores_it() {
    for iff1 in [false, true] {
        // The NMI handler at 0066H: LD A,I; RETN.
        let (mut cpu, mut host) = machine(&[]);
        host.mem[0x66..0x6A].copy_from_slice(&[0xED, 0x57, 0xED, 0x45]);
        cpu.regs.iff1 = iff1;
        cpu.regs.iff2 = iff1;
        host.nmi = (0, u64::MAX);
        // The step that fetches 0066H runs the LD A,I there.
        run_to_fetch(&mut cpu, &mut host, 0x0066);
        assert_eq!(
            cpu.regs.f() & 4 != 0,
            iff1,
            "P/V = IFF2 = IFF1 before the NMI"
        );
        cpu.step(&mut host);
        assert_eq!(cpu.regs.pc, CODE);
        assert_eq!(cpu.regs.iff1, iff1, "RETN copies IFF2 back to IFF1");
    }
}
