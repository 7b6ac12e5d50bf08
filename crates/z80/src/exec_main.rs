//! The unprefixed opcodes, and their DD/FD (IX/IY) forms.
//!
//! Decoding follows the x/y/z/p/q split of the opcode (`xx yyy zzz`,
//! `y = pp q`; C. Young, "Decoding Z80 opcodes", z80.info). The dispatcher is one
//! flat `match` on the opcode whose arms call one handler per instruction family
//! with constant field values, so every arm compiles to straight-line code.
//!
//! The same dispatcher runs DD/FD-prefixed instructions with `XY = true`: `HL`
//! becomes the index register (held in `Cpu::xy`), `H`/`L` become `IXH`/`IXL`
//! (or `IYH`/`IYL`, undocumented), and `(HL)` becomes `(IX+d)`: a displacement read
//! (MR 3) plus 5 internal T-states, with MEMPTR = IX+d. In instructions that
//! use `(IX+d)` the other register operand is the real `H`/`L`. Prefixes in a
//! chain (`DD DD`, `DD FD`) each cost one 4-T M1 and the last one wins; `ED`
//! after DD/FD drops the index prefix.
//!
//! T-states are listed per M-cycle as in the Zilog *Z80 CPU User Manual*
//! (UM0080); `M1` = opcode fetch 4, `MR`/`MW` = memory read/write 3, `IO` = 4,
//! `+n` = n internal T-states appended to the cycle before. An index prefix adds
//! one M1 (4 T) in front. Flags: see [`crate::alu`].

use crate::alu;
use crate::flags::*;
use crate::{Bus, Cpu, Hot, P_EI, P_HALTED};

/// Register codes in the z/y opcode fields.
pub(crate) const B: u8 = 0;
pub(crate) const C: u8 = 1;
pub(crate) const D: u8 = 2;
pub(crate) const E: u8 = 3;
pub(crate) const H: u8 = 4;
pub(crate) const L: u8 = 5;
pub(crate) const A: u8 = 7;

impl Cpu {
    // ---- operand selectors ------------------------------------------------

    /// HL, or the index register for a DD/FD instruction.
    #[inline(always)]
    pub(crate) fn hlx<const XY: bool>(&self) -> u16 {
        if XY {
            self.rf.xy.get()
        } else {
            self.rf.hl.get()
        }
    }
    #[inline(always)]
    pub(crate) fn set_hlx<const XY: bool>(&mut self, v: u16) {
        if XY {
            self.rf.xy.set(v)
        } else {
            self.rf.hl.set(v)
        }
    }

    /// 8-bit register by code (B C D E H L - A); with `XY`, H/L are the index halves.
    #[inline(always)]
    pub(crate) fn reg<const XY: bool>(&self, r: u8) -> u8 {
        match r {
            B => (self.rf.bc.get() >> 8) as u8,
            C => self.rf.bc.get() as u8,
            D => (self.rf.de.get() >> 8) as u8,
            E => self.rf.de.get() as u8,
            H => (self.hlx::<XY>() >> 8) as u8,
            L => self.hlx::<XY>() as u8,
            _ => self.a(),
        }
    }

    /// Write an 8-bit register by code (see [`Cpu::reg`]).
    #[inline(always)]
    pub(crate) fn set_reg<const XY: bool>(&mut self, r: u8, v: u8) {
        match r {
            B => self.rf.bc.set_hi(v),
            C => self.rf.bc.set_lo(v),
            D => self.rf.de.set_hi(v),
            E => self.rf.de.set_lo(v),
            H if XY => self.rf.xy.set_hi(v),
            H => self.rf.hl.set_hi(v),
            L if XY => self.rf.xy.set_lo(v),
            L => self.rf.hl.set_lo(v),
            _ => self.rf.a.set(v as u16),
        }
    }

    /// Register pair by the p field: BC DE HL(IX/IY) SP.
    #[inline(always)]
    pub(crate) fn rp<const XY: bool>(&self, p: u8) -> u16 {
        match p {
            0 => self.rf.bc.get(),
            1 => self.rf.de.get(),
            2 => self.hlx::<XY>(),
            _ => self.rf.sp.get(),
        }
    }
    #[inline(always)]
    pub(crate) fn set_rp<const XY: bool>(&mut self, p: u8, v: u16) {
        match p {
            0 => self.rf.bc.set(v),
            1 => self.rf.de.set(v),
            2 => self.set_hlx::<XY>(v),
            _ => self.rf.sp.set(v),
        }
    }

    /// The address of the `(HL)` operand: HL, or IX+d (MR 3 for d, +5).
    #[inline(always)]
    fn ea<B: Bus, const XY: bool>(&mut self, bus: &mut Hot<'_, B>) -> u16 {
        if XY {
            let d = self.imm8(bus) as i8;
            self.internal(bus, 5);
            let a = self.rf.xy.get().wrapping_add(d as u16);
            self.rf.wz.set(a);
            a
        } else {
            self.rf.hl.get()
        }
    }

    /// Condition by the y field: NZ Z NC C PO PE P M.
    #[inline(always)]
    pub(crate) fn cond(&self, cc: u8) -> bool {
        let f = self.f();
        match cc {
            0 => f & ZF == 0,
            1 => f & ZF != 0,
            2 => f & CF == 0,
            3 => f & CF != 0,
            4 => f & PF == 0,
            5 => f & PF != 0,
            6 => f & SF == 0,
            _ => f & SF != 0,
        }
    }

    // ---- 8-bit loads ------------------------------------------------------
    //
    // | instruction   | encoding      | T (per M-cycle)       | flags |
    // |---------------|---------------|-----------------------|-------|
    // | LD r,r'       | 01 rrr r'r'r' | M1 4                  | -     |
    // | LD r,n        | 00 rrr 110 n  | M1 4, MR 3            | -     |
    // | LD r,(HL)     | 01 rrr 110    | M1 4, MR 3            | -     |
    // | LD r,(IX+d)   | DD 01rrr110 d | 4, M1 4, MR 3+5, MR 3 | -     |
    // | LD (HL),r     | 01 110 rrr    | M1 4, MW 3            | -     |
    // | LD (HL),n     | 36 n          | M1 4, MR 3, MW 3      | -     |
    // | LD (IX+d),n   | DD 36 d n     | 4, 4, MR 3, MR 3+2, MW 3 | -  |
    // | LD r,IXH*…    | DD 01rrrrrr   | 4, M1 4               | -     |

    #[inline(always)]
    fn ld_r_r<const XY: bool>(&mut self, dst: u8, src: u8) {
        let v = self.reg::<XY>(src);
        self.set_reg::<XY>(dst, v);
    }
    #[inline(always)]
    fn ld_r_n<B: Bus, const XY: bool>(&mut self, bus: &mut Hot<'_, B>, dst: u8) {
        let v = self.imm8(bus);
        self.set_reg::<XY>(dst, v);
    }
    #[inline(always)]
    fn ld_r_m<B: Bus, const XY: bool>(&mut self, bus: &mut Hot<'_, B>, dst: u8) {
        let a = self.ea::<B, XY>(bus);
        let v = self.read(bus, a);
        if !XY && dst == L {
            // LD L,(HL): rustc 1.95 (LLVM) at opt-level >= 1 drops H here for
            // some buses (a 16-bit store of the zero-extended byte); the
            // optimisation barrier keeps the read-modify-write of HL intact.
            let h = core::hint::black_box(a & 0xFF00);
            self.rf.hl.set(h | v as u16);
        } else {
            self.set_reg::<false>(dst, v);
        }
    }
    #[inline(always)]
    fn ld_m_r<B: Bus, const XY: bool>(&mut self, bus: &mut Hot<'_, B>, src: u8) {
        let a = self.ea::<B, XY>(bus);
        let v = self.reg::<false>(src);
        self.write(bus, a, v);
    }
    #[inline(always)]
    fn ld_m_n<B: Bus, const XY: bool>(&mut self, bus: &mut Hot<'_, B>) {
        if XY {
            let d = self.imm8(bus) as i8;
            let n = self.imm8(bus);
            self.internal(bus, 2);
            let a = self.rf.xy.get().wrapping_add(d as u16);
            self.rf.wz.set(a);
            self.write(bus, a, n);
        } else {
            let n = self.imm8(bus);
            self.write(bus, self.rf.hl.get(), n);
        }
    }

    // ---- 8-bit arithmetic ------------------------------------------------
    //
    // | instruction | encoding      | T                       | flags   |
    // |-------------|---------------|-------------------------|---------|
    // | ALU r       | 10 ooo rrr    | M1 4                    | alu.rs  |
    // | ALU n       | 11 ooo 110 n  | M1 4, MR 3              | alu.rs  |
    // | ALU (HL)    | 10 ooo 110    | M1 4, MR 3              | alu.rs  |
    // | ALU (IX+d)  | DD 10ooo110 d | 4, 4, MR 3+5, MR 3      | alu.rs  |
    // | INC/DEC r   | 00 rrr 10x    | M1 4                    | alu.rs  |
    // | INC/DEC (HL)| 00 110 10x    | M1 4, MR 3+1, MW 3      | alu.rs  |
    // | INC (IX+d)  | DD 3x d       | 4, 4, MR 3+5, MR 3+1, MW 3 | alu.rs |
    // (ALU ooo = ADD ADC SUB SBC AND XOR OR CP; IXH/IXL/IYH/IYL forms*)

    #[inline(always)]
    fn alu_v(&mut self, op: u8, v: u8) {
        let (a, f) = alu::alu8(op, self.a(), self.f(), v);
        self.set_af(a, f);
    }
    #[inline(always)]
    fn alu_r<const XY: bool>(&mut self, op: u8, r: u8) {
        let v = self.reg::<XY>(r);
        self.alu_v(op, v);
    }
    #[inline(always)]
    fn alu_m<B: Bus, const XY: bool>(&mut self, bus: &mut Hot<'_, B>, op: u8) {
        let a = self.ea::<B, XY>(bus);
        let v = self.read(bus, a);
        self.alu_v(op, v);
    }
    #[inline(always)]
    fn alu_n<B: Bus>(&mut self, bus: &mut Hot<'_, B>, op: u8) {
        let v = self.imm8(bus);
        self.alu_v(op, v);
    }
    #[inline(always)]
    fn inc_r<const XY: bool>(&mut self, r: u8) {
        let (v, f) = alu::inc8(self.reg::<XY>(r), self.f());
        self.set_reg::<XY>(r, v);
        self.set_f(f);
    }
    #[inline(always)]
    fn dec_r<const XY: bool>(&mut self, r: u8) {
        let (v, f) = alu::dec8(self.reg::<XY>(r), self.f());
        self.set_reg::<XY>(r, v);
        self.set_f(f);
    }
    #[inline(always)]
    fn incdec_m<B: Bus, const XY: bool>(&mut self, bus: &mut Hot<'_, B>, dec: bool) {
        let a = self.ea::<B, XY>(bus);
        let v = self.read(bus, a);
        self.internal(bus, 1);
        let (v, f) = if dec {
            alu::dec8(v, self.f())
        } else {
            alu::inc8(v, self.f())
        };
        self.write(bus, a, v);
        self.set_f(f);
    }

    // ---- accumulator and flag operations --------------------------------
    //
    // | instruction | encoding | T    | S Z Y  H X  P/V N C                    |
    // |-------------|----------|------|----------------------------------------|
    // | RLCA…RRA    | 00 0yy 111 | 4  | - - a5 0 a3 - 0 *                      |
    // | DAA         | 27       | 4    | * * a5 * a3 P - *                      |
    // | CPL         | 2F       | 4    | - - a5 1 a3 - 1 -                      |
    // | SCF         | 37       | 4    | - - ** 0 ** - 0 1  (** = ((Q^F)|A))    |
    // | CCF         | 3F       | 4    | - - ** C ** - 0 !C                     |

    #[inline(always)]
    fn misc_a(&mut self, y: u8, q: u8) {
        let a = self.a();
        let f = self.f();
        match y {
            0..=3 => {
                let (a, f) = alu::rot_a(y, a, f);
                self.set_af(a, f);
            }
            4 => {
                let (a, f) = alu::daa(a, f);
                self.set_af(a, f);
            }
            5 => {
                let a = !a;
                self.set_af(a, (f & (SF | ZF | PF | CF)) | HF | NF | (a & YXF));
            }
            6 => self.set_f((f & (SF | ZF | PF)) | CF | (((q ^ f) | a) & YXF)),
            _ => {
                let c = f & CF;
                self.set_f((f & (SF | ZF | PF)) | (c << 4) | (c ^ CF) | (((q ^ f) | a) & YXF));
            }
        }
    }

    // ---- 16-bit loads and arithmetic -------------------------------------
    //
    // | instruction  | encoding     | T                               | flags |
    // |--------------|--------------|---------------------------------|-------|
    // | LD rr,nn     | 00 pp0 001   | M1 4, MR 3, MR 3                | -     |
    // | ADD HL,rr    | 00 pp1 001   | M1 4+7 (Zilog: 4,4,3)           | alu.rs; WZ=HL+1 |
    // | INC/DEC rr   | 00 ppx 011   | M1 4+2                          | -     |
    // | LD (nn),HL   | 22 nn        | M1 4, MR 3, MR 3, MW 3, MW 3    | WZ=nn+1 |
    // | LD HL,(nn)   | 2A nn        | M1 4, MR 3, MR 3, MR 3, MR 3    | WZ=nn+1 |
    // | LD SP,HL     | F9           | M1 4+2                          | -     |
    // | PUSH qq      | 11 qq0 101   | M1 4+1, MW 3, MW 3              | -     |
    // | POP qq       | 11 qq0 001   | M1 4, MR 3, MR 3                | -     |
    // | EX (SP),HL   | E3           | M1 4, MR 3, MR 3+1, MW 3, MW 3+2 | WZ=new HL |
    // | EX DE,HL / EX AF,AF' / EXX | EB 08 D9 | M1 4 (never indexed)  | -     |

    #[inline(always)]
    fn ld_rp_nn<B: Bus, const XY: bool>(&mut self, bus: &mut Hot<'_, B>, p: u8) {
        let nn = self.imm16(bus);
        self.set_rp::<XY>(p, nn);
    }
    /// LD (BC),A / LD (DE),A: MEMPTR = A:(addr + 1).
    #[inline(always)]
    fn ld_ind_a<B: Bus>(&mut self, bus: &mut Hot<'_, B>, addr: u16) {
        let a = self.a();
        self.write(bus, addr, a);
        self.rf
            .wz
            .set(((a as u16) << 8) | (addr.wrapping_add(1) & 0xFF));
    }
    /// LD A,(BC) / LD A,(DE): MEMPTR = addr + 1.
    #[inline(always)]
    fn ld_a_ind<B: Bus>(&mut self, bus: &mut Hot<'_, B>, addr: u16) {
        let v = self.read(bus, addr);
        self.set_a(v);
        self.rf.wz.set(addr.wrapping_add(1));
    }
    #[inline(always)]
    fn add_hl<B: Bus, const XY: bool>(&mut self, bus: &mut Hot<'_, B>, p: u8) {
        self.internal(bus, 7);
        let hl = self.hlx::<XY>();
        self.rf.wz.set(hl.wrapping_add(1));
        let (r, f) = alu::add16(hl, self.rp::<XY>(p), self.f());
        self.set_hlx::<XY>(r);
        self.set_f(f);
    }
    #[inline(always)]
    fn incdec_rp<B: Bus, const XY: bool>(&mut self, bus: &mut Hot<'_, B>, p: u8, dec: bool) {
        self.internal(bus, 2);
        let v = self.rp::<XY>(p);
        let v = if dec {
            v.wrapping_sub(1)
        } else {
            v.wrapping_add(1)
        };
        self.set_rp::<XY>(p, v);
    }
    #[inline(always)]
    fn push_qq<B: Bus, const XY: bool>(&mut self, bus: &mut Hot<'_, B>, p: u8) {
        self.internal(bus, 1);
        let v = if p == 3 { self.af() } else { self.rp::<XY>(p) };
        self.push(bus, v);
    }
    #[inline(always)]
    fn pop_qq<B: Bus, const XY: bool>(&mut self, bus: &mut Hot<'_, B>, p: u8) {
        let v = self.pop(bus);
        if p == 3 {
            self.set_af16(v);
        } else {
            self.set_rp::<XY>(p, v);
        }
    }
    #[inline(always)]
    fn ex_sp_hl<B: Bus, const XY: bool>(&mut self, bus: &mut Hot<'_, B>) {
        let sp = self.rf.sp.get();
        let lo = self.read(bus, sp) as u16;
        let hi = self.read(bus, sp.wrapping_add(1)) as u16;
        self.internal(bus, 1);
        let old = self.hlx::<XY>();
        self.write(bus, sp.wrapping_add(1), (old >> 8) as u8);
        self.write(bus, sp, old as u8);
        self.internal(bus, 2);
        let v = (hi << 8) | lo;
        self.set_hlx::<XY>(v);
        self.rf.wz.set(v);
    }

    // ---- jumps, calls, returns -------------------------------------------
    //
    // | instruction | encoding   | T                                  | WZ    |
    // |-------------|------------|------------------------------------|-------|
    // | JP nn / JP cc,nn | C3 / 11ccc010 | M1 4, MR 3, MR 3            | nn    |
    // | JR e        | 18 e       | M1 4, MR 3+5                       | dest  |
    // | JR cc,e     | 001cc000 e | M1 4, MR 3 (+5 taken)              | dest if taken |
    // | DJNZ e      | 10 e       | M1 4+1, MR 3 (+5 taken)            | dest if taken |
    // | JP (HL)     | E9         | M1 4                               | -     |
    // | CALL nn     | CD nn      | M1 4, MR 3, MR 3+1, MW 3, MW 3     | nn    |
    // | CALL cc,nn  | 11ccc100   | M1 4, MR 3, MR 3 (+1, MW 3, MW 3 taken) | nn |
    // | RET         | C9         | M1 4, MR 3, MR 3                   | ret   |
    // | RET cc      | 11ccc000   | M1 4+1 (MR 3, MR 3 taken)          | ret if taken |
    // | RST p       | 11ppp111   | M1 4+1, MW 3, MW 3                 | p     |

    #[inline(always)]
    fn jr<B: Bus>(&mut self, bus: &mut Hot<'_, B>, taken: bool) {
        let d = self.imm8(bus) as i8;
        if taken {
            self.internal(bus, 5);
            let pc = bus.pc.wrapping_add(d as u16);
            bus.pc = pc;
            self.rf.wz.set(pc);
        }
    }
    #[inline(always)]
    fn djnz<B: Bus>(&mut self, bus: &mut Hot<'_, B>) {
        self.internal(bus, 1);
        let b = (self.rf.bc.get() >> 8) as u8;
        let b = b.wrapping_sub(1);
        self.rf
            .bc
            .set((self.rf.bc.get() & 0xFF) | ((b as u16) << 8));
        self.jr(bus, b != 0);
    }
    #[inline(always)]
    fn jp<B: Bus>(&mut self, bus: &mut Hot<'_, B>, taken: bool) {
        let nn = self.imm16(bus);
        self.rf.wz.set(nn);
        if taken {
            bus.pc = nn;
        }
    }
    #[inline(always)]
    fn call<B: Bus>(&mut self, bus: &mut Hot<'_, B>, taken: bool) {
        let nn = self.imm16(bus);
        self.rf.wz.set(nn);
        if taken {
            self.internal(bus, 1);
            self.push(bus, bus.pc);
            bus.pc = nn;
        }
    }
    #[inline(always)]
    fn ret<B: Bus>(&mut self, bus: &mut Hot<'_, B>) {
        let pc = self.pop(bus);
        bus.pc = pc;
        self.rf.wz.set(pc);
    }
    #[inline(always)]
    fn ret_cc<B: Bus>(&mut self, bus: &mut Hot<'_, B>, cc: u8) {
        self.internal(bus, 1);
        if self.cond(cc) {
            self.ret(bus);
        }
    }
    #[inline(always)]
    pub(crate) fn rst<B: Bus>(&mut self, bus: &mut Hot<'_, B>, p: u16) {
        self.internal(bus, 1);
        self.push(bus, bus.pc);
        bus.pc = p;
        self.rf.wz.set(p);
    }

    // ---- I/O and CPU control --------------------------------------------
    //
    // | instruction | encoding | T                 | notes                     |
    // |-------------|----------|-------------------|---------------------------|
    // | OUT (n),A   | D3 n     | M1 4, MR 3, IO 4  | port A:n; WZ = A:(n+1)    |
    // | IN A,(n)    | DB n     | M1 4, MR 3, IO 4  | port A:n; WZ = A:n + 1; no flags |
    // | DI / EI     | F3 / FB  | M1 4              | EI: no INT before the next instruction ends |
    // | HALT        | 76       | M1 4              | then 4-T NOP M1s at PC until INT/NMI |

    #[inline(always)]
    fn out_n<B: Bus>(&mut self, bus: &mut Hot<'_, B>) {
        let n = self.imm8(bus);
        let a = self.a();
        let port = ((a as u16) << 8) | n as u16;
        self.io_out(bus, port, a);
        self.rf.wz.set(((a as u16) << 8) | n.wrapping_add(1) as u16);
    }
    #[inline(always)]
    fn in_n<B: Bus>(&mut self, bus: &mut Hot<'_, B>) {
        let n = self.imm8(bus);
        let port = ((self.a() as u16) << 8) | n as u16;
        let v = self.io_in(bus, port);
        self.set_a(v);
        self.rf.wz.set(port.wrapping_add(1));
    }
    #[inline(always)]
    fn halt(&mut self) {
        self.halted = true;
        self.pending |= P_HALTED;
        self.halt_exit = true;
        self.limit = 0;
    }

    /// Execute `op` (already fetched after `pre` T-states of prefixes).
    #[inline(always)]
    pub(crate) fn exec_main<B: Bus, const XY: bool>(
        &mut self,
        bus: &mut Hot<'_, B>,
        op: u8,
        pre: u64,
    ) {
        match op {
            // x=0 z=0: NOP, EX AF,AF', DJNZ, JR, JR cc
            0x00 => {}
            0x08 => {
                let af = self.af();
                self.set_af16(self.regs.af_);
                self.regs.af_ = af;
            }
            0x10 => self.djnz(bus),
            0x18 => self.jr(bus, true),
            0x20 => self.jr(bus, self.cond(0)),
            0x28 => self.jr(bus, self.cond(1)),
            0x30 => self.jr(bus, self.cond(2)),
            0x38 => self.jr(bus, self.cond(3)),
            // x=0 z=1: LD rr,nn / ADD HL,rr
            0x01 => self.ld_rp_nn::<B, XY>(bus, 0),
            0x11 => self.ld_rp_nn::<B, XY>(bus, 1),
            0x21 => self.ld_rp_nn::<B, XY>(bus, 2),
            0x31 => self.ld_rp_nn::<B, XY>(bus, 3),
            0x09 => self.add_hl::<B, XY>(bus, 0),
            0x19 => self.add_hl::<B, XY>(bus, 1),
            0x29 => self.add_hl::<B, XY>(bus, 2),
            0x39 => self.add_hl::<B, XY>(bus, 3),
            // x=0 z=2: indirect loads
            0x02 => self.ld_ind_a(bus, self.rf.bc.get()),
            0x12 => self.ld_ind_a(bus, self.rf.de.get()),
            0x0A => self.ld_a_ind(bus, self.rf.bc.get()),
            0x1A => self.ld_a_ind(bus, self.rf.de.get()),
            0x22 => {
                let nn = self.imm16(bus);
                self.write16(bus, nn, self.hlx::<XY>());
                self.rf.wz.set(nn.wrapping_add(1));
            }
            0x2A => {
                let nn = self.imm16(bus);
                let v = self.read16(bus, nn);
                self.set_hlx::<XY>(v);
                self.rf.wz.set(nn.wrapping_add(1));
            }
            0x32 => {
                let nn = self.imm16(bus);
                let a = self.a();
                self.write(bus, nn, a);
                self.rf
                    .wz
                    .set(((a as u16) << 8) | (nn.wrapping_add(1) & 0xFF));
            }
            0x3A => {
                let nn = self.imm16(bus);
                let v = self.read(bus, nn);
                self.set_a(v);
                self.rf.wz.set(nn.wrapping_add(1));
            }
            // x=0 z=3: INC rr / DEC rr
            0x03 => self.incdec_rp::<B, XY>(bus, 0, false),
            0x13 => self.incdec_rp::<B, XY>(bus, 1, false),
            0x23 => self.incdec_rp::<B, XY>(bus, 2, false),
            0x33 => self.incdec_rp::<B, XY>(bus, 3, false),
            0x0B => self.incdec_rp::<B, XY>(bus, 0, true),
            0x1B => self.incdec_rp::<B, XY>(bus, 1, true),
            0x2B => self.incdec_rp::<B, XY>(bus, 2, true),
            0x3B => self.incdec_rp::<B, XY>(bus, 3, true),
            // x=0 z=4,5: INC r / DEC r
            0x04 => self.inc_r::<XY>(B),
            0x0C => self.inc_r::<XY>(C),
            0x14 => self.inc_r::<XY>(D),
            0x1C => self.inc_r::<XY>(E),
            0x24 => self.inc_r::<XY>(H),
            0x2C => self.inc_r::<XY>(L),
            0x34 => self.incdec_m::<B, XY>(bus, false),
            0x3C => self.inc_r::<XY>(A),
            0x05 => self.dec_r::<XY>(B),
            0x0D => self.dec_r::<XY>(C),
            0x15 => self.dec_r::<XY>(D),
            0x1D => self.dec_r::<XY>(E),
            0x25 => self.dec_r::<XY>(H),
            0x2D => self.dec_r::<XY>(L),
            0x35 => self.incdec_m::<B, XY>(bus, true),
            0x3D => self.dec_r::<XY>(A),
            // x=0 z=6: LD r,n
            0x06 => self.ld_r_n::<B, XY>(bus, B),
            0x0E => self.ld_r_n::<B, XY>(bus, C),
            0x16 => self.ld_r_n::<B, XY>(bus, D),
            0x1E => self.ld_r_n::<B, XY>(bus, E),
            0x26 => self.ld_r_n::<B, XY>(bus, H),
            0x2E => self.ld_r_n::<B, XY>(bus, L),
            0x36 => self.ld_m_n::<B, XY>(bus),
            0x3E => self.ld_r_n::<B, XY>(bus, A),
            // x=0 z=7: RLCA RRCA RLA RRA DAA CPL SCF CCF
            0x07 => self.misc_a(0, 0),
            0x0F => self.misc_a(1, 0),
            0x17 => self.misc_a(2, 0),
            0x1F => self.misc_a(3, 0),
            0x27 => self.misc_a(4, 0),
            0x2F => self.misc_a(5, 0),
            0x37 => self.misc_a(6, self.q_prev(pre)),
            0x3F => self.misc_a(7, self.q_prev(pre)),

            // x=1: LD r,r' (with (HL) forms) and HALT
            0x40 => self.ld_r_r::<XY>(B, B),
            0x41 => self.ld_r_r::<XY>(B, C),
            0x42 => self.ld_r_r::<XY>(B, D),
            0x43 => self.ld_r_r::<XY>(B, E),
            0x44 => self.ld_r_r::<XY>(B, H),
            0x45 => self.ld_r_r::<XY>(B, L),
            0x46 => self.ld_r_m::<B, XY>(bus, B),
            0x47 => self.ld_r_r::<XY>(B, A),
            0x48 => self.ld_r_r::<XY>(C, B),
            0x49 => self.ld_r_r::<XY>(C, C),
            0x4A => self.ld_r_r::<XY>(C, D),
            0x4B => self.ld_r_r::<XY>(C, E),
            0x4C => self.ld_r_r::<XY>(C, H),
            0x4D => self.ld_r_r::<XY>(C, L),
            0x4E => self.ld_r_m::<B, XY>(bus, C),
            0x4F => self.ld_r_r::<XY>(C, A),
            0x50 => self.ld_r_r::<XY>(D, B),
            0x51 => self.ld_r_r::<XY>(D, C),
            0x52 => self.ld_r_r::<XY>(D, D),
            0x53 => self.ld_r_r::<XY>(D, E),
            0x54 => self.ld_r_r::<XY>(D, H),
            0x55 => self.ld_r_r::<XY>(D, L),
            0x56 => self.ld_r_m::<B, XY>(bus, D),
            0x57 => self.ld_r_r::<XY>(D, A),
            0x58 => self.ld_r_r::<XY>(E, B),
            0x59 => self.ld_r_r::<XY>(E, C),
            0x5A => self.ld_r_r::<XY>(E, D),
            0x5B => self.ld_r_r::<XY>(E, E),
            0x5C => self.ld_r_r::<XY>(E, H),
            0x5D => self.ld_r_r::<XY>(E, L),
            0x5E => self.ld_r_m::<B, XY>(bus, E),
            0x5F => self.ld_r_r::<XY>(E, A),
            0x60 => self.ld_r_r::<XY>(H, B),
            0x61 => self.ld_r_r::<XY>(H, C),
            0x62 => self.ld_r_r::<XY>(H, D),
            0x63 => self.ld_r_r::<XY>(H, E),
            0x64 => self.ld_r_r::<XY>(H, H),
            0x65 => self.ld_r_r::<XY>(H, L),
            0x66 => self.ld_r_m::<B, XY>(bus, H),
            0x67 => self.ld_r_r::<XY>(H, A),
            0x68 => self.ld_r_r::<XY>(L, B),
            0x69 => self.ld_r_r::<XY>(L, C),
            0x6A => self.ld_r_r::<XY>(L, D),
            0x6B => self.ld_r_r::<XY>(L, E),
            0x6C => self.ld_r_r::<XY>(L, H),
            0x6D => self.ld_r_r::<XY>(L, L),
            0x6E => self.ld_r_m::<B, XY>(bus, L),
            0x6F => self.ld_r_r::<XY>(L, A),
            0x70 => self.ld_m_r::<B, XY>(bus, B),
            0x71 => self.ld_m_r::<B, XY>(bus, C),
            0x72 => self.ld_m_r::<B, XY>(bus, D),
            0x73 => self.ld_m_r::<B, XY>(bus, E),
            0x74 => self.ld_m_r::<B, XY>(bus, H),
            0x75 => self.ld_m_r::<B, XY>(bus, L),
            0x76 => self.halt(),
            0x77 => self.ld_m_r::<B, XY>(bus, A),
            0x78 => self.ld_r_r::<XY>(A, B),
            0x79 => self.ld_r_r::<XY>(A, C),
            0x7A => self.ld_r_r::<XY>(A, D),
            0x7B => self.ld_r_r::<XY>(A, E),
            0x7C => self.ld_r_r::<XY>(A, H),
            0x7D => self.ld_r_r::<XY>(A, L),
            0x7E => self.ld_r_m::<B, XY>(bus, A),
            0x7F => self.ld_r_r::<XY>(A, A),

            // x=2: ALU[y] r (y = ADD ADC SUB SBC AND XOR OR CP)
            0x80 => self.alu_r::<XY>(0, B),
            0x81 => self.alu_r::<XY>(0, C),
            0x82 => self.alu_r::<XY>(0, D),
            0x83 => self.alu_r::<XY>(0, E),
            0x84 => self.alu_r::<XY>(0, H),
            0x85 => self.alu_r::<XY>(0, L),
            0x86 => self.alu_m::<B, XY>(bus, 0),
            0x87 => self.alu_r::<XY>(0, A),
            0x88 => self.alu_r::<XY>(1, B),
            0x89 => self.alu_r::<XY>(1, C),
            0x8A => self.alu_r::<XY>(1, D),
            0x8B => self.alu_r::<XY>(1, E),
            0x8C => self.alu_r::<XY>(1, H),
            0x8D => self.alu_r::<XY>(1, L),
            0x8E => self.alu_m::<B, XY>(bus, 1),
            0x8F => self.alu_r::<XY>(1, A),
            0x90 => self.alu_r::<XY>(2, B),
            0x91 => self.alu_r::<XY>(2, C),
            0x92 => self.alu_r::<XY>(2, D),
            0x93 => self.alu_r::<XY>(2, E),
            0x94 => self.alu_r::<XY>(2, H),
            0x95 => self.alu_r::<XY>(2, L),
            0x96 => self.alu_m::<B, XY>(bus, 2),
            0x97 => self.alu_r::<XY>(2, A),
            0x98 => self.alu_r::<XY>(3, B),
            0x99 => self.alu_r::<XY>(3, C),
            0x9A => self.alu_r::<XY>(3, D),
            0x9B => self.alu_r::<XY>(3, E),
            0x9C => self.alu_r::<XY>(3, H),
            0x9D => self.alu_r::<XY>(3, L),
            0x9E => self.alu_m::<B, XY>(bus, 3),
            0x9F => self.alu_r::<XY>(3, A),
            0xA0 => self.alu_r::<XY>(4, B),
            0xA1 => self.alu_r::<XY>(4, C),
            0xA2 => self.alu_r::<XY>(4, D),
            0xA3 => self.alu_r::<XY>(4, E),
            0xA4 => self.alu_r::<XY>(4, H),
            0xA5 => self.alu_r::<XY>(4, L),
            0xA6 => self.alu_m::<B, XY>(bus, 4),
            0xA7 => self.alu_r::<XY>(4, A),
            0xA8 => self.alu_r::<XY>(5, B),
            0xA9 => self.alu_r::<XY>(5, C),
            0xAA => self.alu_r::<XY>(5, D),
            0xAB => self.alu_r::<XY>(5, E),
            0xAC => self.alu_r::<XY>(5, H),
            0xAD => self.alu_r::<XY>(5, L),
            0xAE => self.alu_m::<B, XY>(bus, 5),
            0xAF => self.alu_r::<XY>(5, A),
            0xB0 => self.alu_r::<XY>(6, B),
            0xB1 => self.alu_r::<XY>(6, C),
            0xB2 => self.alu_r::<XY>(6, D),
            0xB3 => self.alu_r::<XY>(6, E),
            0xB4 => self.alu_r::<XY>(6, H),
            0xB5 => self.alu_r::<XY>(6, L),
            0xB6 => self.alu_m::<B, XY>(bus, 6),
            0xB7 => self.alu_r::<XY>(6, A),
            0xB8 => self.alu_r::<XY>(7, B),
            0xB9 => self.alu_r::<XY>(7, C),
            0xBA => self.alu_r::<XY>(7, D),
            0xBB => self.alu_r::<XY>(7, E),
            0xBC => self.alu_r::<XY>(7, H),
            0xBD => self.alu_r::<XY>(7, L),
            0xBE => self.alu_m::<B, XY>(bus, 7),
            0xBF => self.alu_r::<XY>(7, A),

            // x=3 z=0: RET cc
            0xC0 => self.ret_cc(bus, 0),
            0xC8 => self.ret_cc(bus, 1),
            0xD0 => self.ret_cc(bus, 2),
            0xD8 => self.ret_cc(bus, 3),
            0xE0 => self.ret_cc(bus, 4),
            0xE8 => self.ret_cc(bus, 5),
            0xF0 => self.ret_cc(bus, 6),
            0xF8 => self.ret_cc(bus, 7),
            // x=3 z=1: POP qq, RET, EXX, JP (HL), LD SP,HL
            0xC1 => self.pop_qq::<B, XY>(bus, 0),
            0xD1 => self.pop_qq::<B, XY>(bus, 1),
            0xE1 => self.pop_qq::<B, XY>(bus, 2),
            0xF1 => self.pop_qq::<B, XY>(bus, 3),
            0xC9 => self.ret(bus),
            0xD9 => {
                self.regs.bc_ = self.rf.bc.replace(self.regs.bc_);
                self.regs.de_ = self.rf.de.replace(self.regs.de_);
                self.regs.hl_ = self.rf.hl.replace(self.regs.hl_);
            }
            0xE9 => bus.pc = self.hlx::<XY>(),
            0xF9 => {
                self.internal(bus, 2);
                self.rf.sp.set(self.hlx::<XY>());
            }
            // x=3 z=2: JP cc,nn
            0xC2 => self.jp(bus, self.cond(0)),
            0xCA => self.jp(bus, self.cond(1)),
            0xD2 => self.jp(bus, self.cond(2)),
            0xDA => self.jp(bus, self.cond(3)),
            0xE2 => self.jp(bus, self.cond(4)),
            0xEA => self.jp(bus, self.cond(5)),
            0xF2 => self.jp(bus, self.cond(6)),
            0xFA => self.jp(bus, self.cond(7)),
            // x=3 z=3: JP nn, CB, OUT (n),A, IN A,(n), EX (SP),HL, EX DE,HL, DI, EI
            0xC3 => self.jp(bus, true),
            0xCB => {
                if !XY {
                    let (pc, r) = self.far_cb(bus.bus, bus.pc, bus.r);
                    (bus.pc, bus.r) = (pc, r);
                }
            }
            0xD3 => self.out_n(bus),
            0xDB => self.in_n(bus),
            0xE3 => self.ex_sp_hl::<B, XY>(bus),
            0xEB => {
                let de = self.rf.de.get();
                self.rf.de.set(self.rf.hl.replace(de));
            }
            0xF3 => {
                self.regs.iff1 = false;
                self.regs.iff2 = false;
                self.update_sig_mask();
            }
            0xFB => {
                self.regs.iff1 = true;
                self.regs.iff2 = true;
                self.update_sig_mask();
                self.pending |= P_EI;
                self.limit = 0;
            }
            // x=3 z=4: CALL cc,nn
            0xC4 => self.call(bus, self.cond(0)),
            0xCC => self.call(bus, self.cond(1)),
            0xD4 => self.call(bus, self.cond(2)),
            0xDC => self.call(bus, self.cond(3)),
            0xE4 => self.call(bus, self.cond(4)),
            0xEC => self.call(bus, self.cond(5)),
            0xF4 => self.call(bus, self.cond(6)),
            0xFC => self.call(bus, self.cond(7)),
            // x=3 z=5: PUSH qq, CALL nn, prefixes DD ED FD
            0xC5 => self.push_qq::<B, XY>(bus, 0),
            0xD5 => self.push_qq::<B, XY>(bus, 1),
            0xE5 => self.push_qq::<B, XY>(bus, 2),
            0xF5 => self.push_qq::<B, XY>(bus, 3),
            0xCD => self.call(bus, true),
            0xDD => {
                if !XY {
                    self.index_prefix::<B, false>(bus, pre);
                }
            }
            0xFD => {
                if !XY {
                    self.index_prefix::<B, true>(bus, pre);
                }
            }
            0xED => {
                if !XY {
                    let (pc, r) = self.far_ed(bus.bus, bus.pc, bus.r);
                    (bus.pc, bus.r) = (pc, r);
                }
            }
            // x=3 z=6: ALU[y] n
            0xC6 => self.alu_n(bus, 0),
            0xCE => self.alu_n(bus, 1),
            0xD6 => self.alu_n(bus, 2),
            0xDE => self.alu_n(bus, 3),
            0xE6 => self.alu_n(bus, 4),
            0xEE => self.alu_n(bus, 5),
            0xF6 => self.alu_n(bus, 6),
            0xFE => self.alu_n(bus, 7),
            // x=3 z=7: RST y*8
            0xC7 => self.rst(bus, 0x00),
            0xCF => self.rst(bus, 0x08),
            0xD7 => self.rst(bus, 0x10),
            0xDF => self.rst(bus, 0x18),
            0xE7 => self.rst(bus, 0x20),
            0xEF => self.rst(bus, 0x28),
            0xF7 => self.rst(bus, 0x30),
            0xFF => self.rst(bus, 0x38),
        }
    }

    // ---- out of line: CB, ED and DD/FD instructions -----------------------
    //
    // These get the bus, PC and R by value and hand PC and R back, so that the
    // hot loop's `Hot` never has its address taken and stays in host registers.

    #[inline(never)]
    fn far_cb<B: Bus>(&mut self, bus: &mut B, pc: u16, r: u8) -> (u16, u8) {
        let mut h = Hot { bus, pc, r };
        self.exec_cb(&mut h);
        (h.pc, h.r)
    }
    #[inline(never)]
    pub(crate) fn far_ed<B: Bus>(&mut self, bus: &mut B, pc: u16, r: u8) -> (u16, u8) {
        let mut h = Hot { bus, pc, r };
        self.exec_ed(&mut h);
        (h.pc, h.r)
    }
    #[inline(never)]
    fn far_index<B: Bus>(
        &mut self,
        bus: &mut B,
        (pc, r): (u16, u8),
        iy: bool,
        pre: u64,
        op: u8,
    ) -> (u16, u8) {
        let mut h = Hot { bus, pc, r };
        self.exec_index(&mut h, iy, pre, op);
        (h.pc, h.r)
    }

    /// DD (`IY = false`) or FD prefix, already fetched: the common case, a
    /// plain indexed instruction, runs inline; prefix chains, DDCB/FDCB and
    /// DD ED run out of line.
    #[inline(always)]
    fn index_prefix<B: Bus, const IY: bool>(&mut self, bus: &mut Hot<'_, B>, pre: u64) {
        let pre = pre + 4;
        let op = self.fetch_op(bus);
        match op {
            0xDD | 0xFD | 0xED | 0xCB => {
                let (pc, r) = self.far_index(bus.bus, (bus.pc, bus.r), IY, pre, op);
                (bus.pc, bus.r) = (pc, r);
            }
            _ => {
                let (x, xy) = if IY {
                    (&self.rf.iy, &self.rf.xy)
                } else {
                    (&self.rf.ix, &self.rf.xy)
                };
                xy.set(x.get());
                self.exec_main::<B, true>(bus, op, pre);
                let v = self.rf.xy.get();
                if IY {
                    self.rf.iy.set(v);
                } else {
                    self.rf.ix.set(v);
                }
            }
        }
    }

    /// After a DD (`iy = false`) or FD prefix and the byte `op` after it
    /// (fetched `pre` T-states into the instruction): follow the prefix chain,
    /// then run the indexed instruction, a DDCB/FDCB instruction, or (after ED)
    /// the ED instruction without index.
    #[inline(always)]
    fn exec_index<B: Bus>(&mut self, bus: &mut Hot<'_, B>, mut iy: bool, mut pre: u64, mut op: u8) {
        loop {
            match op {
                0xDD | 0xFD => {
                    iy = op == 0xFD;
                    if pre > 16 && self.t >= self.limit {
                        // A long prefix chain (memory full of prefixes) ran past
                        // the budget: end the instruction before this prefix so
                        // `run` returns; the prefix is fetched again next time.
                        self.t -= 4;
                        bus.pc = bus.pc.wrapping_sub(1);
                        bus.r = bus.r.wrapping_sub(1);
                        return;
                    }
                    pre += 4;
                    op = self.fetch_op(bus);
                }
                0xED => {
                    let (pc, r) = self.far_ed(bus.bus, bus.pc, bus.r);
                    (bus.pc, bus.r) = (pc, r);
                    return;
                }
                _ => {
                    self.rf.xy.set(if iy {
                        self.rf.iy.get()
                    } else {
                        self.rf.ix.get()
                    });
                    if op == 0xCB {
                        self.exec_xycb(bus);
                    } else {
                        self.exec_main::<B, true>(bus, op, pre);
                    }
                    if iy {
                        self.rf.iy.set(self.rf.xy.get());
                    } else {
                        self.rf.ix.set(self.rf.xy.get());
                    }
                    return;
                }
            }
        }
    }
}

#[cfg(test)]
#[path = "exec_main_tests.rs"]
mod tests;
