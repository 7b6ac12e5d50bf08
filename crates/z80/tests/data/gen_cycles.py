#!/usr/bin/env python3
"""Writes cycles.txt: the bus-cycle sequence of every Z80 opcode.

The timings are our transcription of the "M Cycles / T States" lines of the
Zilog Z80 CPU User Manual (UM0080), one instruction family at a time, with the
internal T-states placed where the manual's per-M-cycle breakdown puts them
(an M-cycle longer than its bus cycle = bus cycle + internal states after it).
Run `python3 gen_cycles.py > cycles.txt` after editing; both files are checked in.
"""

R = ["B", "C", "D", "E", "H", "L", "(HL)", "A"]
RP = ["BC", "DE", "HL", "SP"]
RP2 = ["BC", "DE", "HL", "AF"]
CC = ["NZ", "Z", "NC", "C", "PO", "PE", "P", "M"]
ALU = ["ADD A,", "ADC A,", "SUB ", "SBC A,", "AND ", "XOR ", "OR ", "CP "]
ROT = ["RLC", "RRC", "RL", "RR", "SLA", "SRA", "SLL", "SRL"]

M1 = ("M1", 4)
MR = ("MR", 3)
MW = ("MW", 3)
IOR = ("IOR", 4)
IOW = ("IOW", 4)


def IN(n):
    return ("IN", n)


def fmt(seq):
    out = []
    for kind, n in seq:
        # consecutive internal cycles are one idle stretch
        if kind == "IN" and out and out[-1][0] == "IN":
            out[-1] = ("IN", out[-1][1] + n)
        else:
            out.append((kind, n))
    return ", ".join(f"{k} {n}" for k, n in out)


def unprefixed(op, ix=None):
    """(mnemonic, {variant: sequence-after-the-first-M1}) for opcode `op`,
    with HL replaced by IX/IY when `ix` is given (DD/FD)."""
    x, y, z = op >> 6, (op >> 3) & 7, op & 7
    p, q = y >> 1, y & 1
    hl = ix or "HL"
    mem = "(HL)" if ix is None else f"({ix}+d)"
    # address of (HL)/(IX+d): the displacement read and the 5 internal T-states
    addr = [] if ix is None else [MR, IN(5)]

    def r(i, other_is_mem=False):
        if i == 6:
            return mem
        if ix is not None and not other_is_mem and i in (4, 5):
            return ix + ("H" if i == 4 else "L")
        return R[i]

    def rp(i):
        return hl if i == 2 else RP[i]

    def rp2(i):
        return hl if i == 2 else RP2[i]

    one = lambda m, s: (m, {"-": s})
    if x == 0:
        if z == 0:
            if y == 0:
                return one("NOP", [])
            if y == 1:
                return one("EX AF,AF'", [])
            if y == 2:
                return ("DJNZ e", {"taken": [IN(1), MR, IN(5)], "not": [IN(1), MR]})
            if y == 3:
                return one("JR e", [MR, IN(5)])
            return (f"JR {CC[y - 4]},e", {"taken": [MR, IN(5)], "not": [MR]})
        if z == 1:
            if q == 0:
                return one(f"LD {rp(p)},nn", [MR, MR])
            return one(f"ADD {hl},{rp(p)}", [IN(7)])
        if z == 2:
            if q == 0:
                return [one("LD (BC),A", [MW]), one("LD (DE),A", [MW]),
                        one(f"LD (nn),{hl}", [MR, MR, MW, MW]),
                        one("LD (nn),A", [MR, MR, MW])][p]
            return [one("LD A,(BC)", [MR]), one("LD A,(DE)", [MR]),
                    one(f"LD {hl},(nn)", [MR, MR, MR, MR]),
                    one("LD A,(nn)", [MR, MR, MR])][p]
        if z == 3:
            return one(f"{'INC' if q == 0 else 'DEC'} {rp(p)}", [IN(2)])
        if z in (4, 5):
            m = f"{'INC' if z == 4 else 'DEC'} {r(y)}"
            return one(m, addr + [MR, IN(1), MW] if y == 6 else [])
        if z == 6:
            if y == 6:
                # LD (IX+d),n: the 5 internal states overlap the read of n
                s = [MR, MW] if ix is None else [MR, MR, IN(2), MW]
                return one(f"LD {mem},n", s)
            return one(f"LD {r(y)},n", [MR])
        return one(["RLCA", "RRCA", "RLA", "RRA", "DAA", "CPL", "SCF", "CCF"][y], [])
    if x == 1:
        if y == 6 and z == 6:
            return one("HALT", [])
        if z == 6:
            return one(f"LD {r(y, True)},{mem}", addr + [MR])
        if y == 6:
            return one(f"LD {mem},{r(z, True)}", addr + [MW])
        return one(f"LD {r(y)},{r(z)}", [])
    if x == 2:
        return one(f"{ALU[y]}{r(z)}", addr + [MR] if z == 6 else [])
    # x == 3
    if z == 0:
        return (f"RET {CC[y]}", {"taken": [IN(1), MR, MR], "not": [IN(1)]})
    if z == 1:
        if q == 0:
            return one(f"POP {rp2(p)}", [MR, MR])
        return [one("RET", [MR, MR]), one("EXX", []), one(f"JP ({hl})", []),
                one(f"LD SP,{hl}", [IN(2)])][p]
    if z == 2:
        return (f"JP {CC[y]},nn", {"taken": [MR, MR], "not": [MR, MR]})
    if z == 3:
        return [one("JP nn", [MR, MR]), None, one("OUT (n),A", [MR, IOW]),
                one("IN A,(n)", [MR, IOR]),
                one(f"EX (SP),{hl}", [MR, MR, IN(1), MW, MW, IN(2)]),
                one("EX DE,HL", []), one("DI", []), one("EI", [])][y]
    if z == 4:
        return (f"CALL {CC[y]},nn", {"taken": [MR, MR, IN(1), MW, MW], "not": [MR, MR]})
    if z == 5:
        if q == 0:
            return one(f"PUSH {rp2(p)}", [IN(1), MW, MW])
        return [one("CALL nn", [MR, MR, IN(1), MW, MW]), None, None, None][p]
    if z == 6:
        return one(f"{ALU[y]}n", [MR])
    return one(f"RST {y * 8:02X}H", [IN(1), MW, MW])


def cb(op):
    x, y, z = op >> 6, (op >> 3) & 7, op & 7
    m = [f"{ROT[y]} {R[z]}", f"BIT {y},{R[z]}", f"RES {y},{R[z]}", f"SET {y},{R[z]}"][x]
    if z != 6:
        return m, []
    return m, [MR, IN(1)] if x == 1 else [MR, IN(1), MW]


def xycb(op, ix):
    x, y, z = op >> 6, (op >> 3) & 7, op & 7
    mem = f"({ix}+d)"
    if x == 1:
        m = f"BIT {y},{mem}"
    else:
        base = [f"{ROT[y]} {mem}", None, f"RES {y},{mem}", f"SET {y},{mem}"][x]
        # undocumented: the result is also copied to register z
        m = base if z == 6 else f"{base},{R[z]}"
    # d and the opcode byte are memory reads (no M1, no refresh); 2 internal
    # states address IX+d, the operand read is stretched by 1 for the ALU
    s = [MR, MR, IN(2), MR, IN(1)]
    return m, s if x == 1 else s + [MW]


def ed(op):
    x, y, z = op >> 6, (op >> 3) & 7, op & 7
    p, q = y >> 1, y & 1
    if x == 1:
        if z == 0:
            return (f"IN {R[y]},(C)" if y != 6 else "IN F,(C)"), {"-": [IOR]}
        if z == 1:
            return (f"OUT (C),{R[y]}" if y != 6 else "OUT (C),0"), {"-": [IOW]}
        if z == 2:
            return f"{'SBC' if q == 0 else 'ADC'} HL,{RP[p]}", {"-": [IN(7)]}
        if z == 3:
            if q == 0:
                return f"LD (nn),{RP[p]}", {"-": [MR, MR, MW, MW]}
            return f"LD {RP[p]},(nn)", {"-": [MR, MR, MR, MR]}
        if z == 4:
            return "NEG", {"-": []}
        if z == 5:
            return ("RETI" if y == 1 else "RETN"), {"-": [MR, MR]}
        if z == 6:
            return f"IM {['0', '0', '1', '2', '0', '0', '1', '2'][y]}", {"-": []}
        if y < 4:
            return ["LD I,A", "LD R,A", "LD A,I", "LD A,R"][y], {"-": [IN(1)]}
        if y == 4:
            return "RRD", {"-": [MR, IN(4), MW]}
        if y == 5:
            return "RLD", {"-": [MR, IN(4), MW]}
        return "NOP (ED)", {"-": []}
    if x == 2 and z <= 3 and y >= 4:
        name = [["LDI", "CPI", "INI", "OUTI"], ["LDD", "CPD", "IND", "OUTD"],
                ["LDIR", "CPIR", "INIR", "OTIR"], ["LDDR", "CPDR", "INDR", "OTDR"]][y - 4][z]
        base = [[MR, MW, IN(2)], [MR, IN(5)], [IN(1), IOR, MW], [IN(1), MR, IOW]][z]
        if y >= 6:
            return name, {"repeat": base + [IN(5)], "last": base}
        return name, {"-": base}
    return "NOP (ED)", {"-": []}


def line(prefix, op, variant, mnem, seq):
    text = "-" if seq is None else fmt(seq)
    return f"{prefix:<4} {op:02X} {variant:<6} | {mnem:<22} | {text}"


HEADER = """\
# Bus-cycle sequence of every Z80 opcode, one line per opcode (and per variant).
#
# Source: Zilog, Z80 CPU User Manual (UM0080), the "M Cycles" and "T States"
# line of each instruction, e.g. "5 (4, 4, 3, 5, 3)" for LD r,(IX+d). Where an
# M-cycle there is longer than its bus cycle, the extra T-states are CPU-internal
# and are listed as IN right after that bus cycle; a whole internal M-cycle is an
# IN of its own. Undocumented opcodes take the timing of their documented
# equivalents (IXH/IXL like H/L, SLL like SLA, DDCB register copies like the
# plain form, ED holes and ED 77/7F are 8 T no-ops, DD/FD before an opcode that
# uses no HL is a 4 T prefix).
#
# Format:  PREFIX OP VARIANT | MNEMONIC | SEQUENCE
#   PREFIX  --, CB, ED, DD, FD, DDCB, FDCB (DDCB = DD CB d op), INT (interrupts)
#   VARIANT -          one behaviour
#           taken/not  conditional branches (condition true / false)
#           repeat/last block repeats (BC or B not yet exhausted / last round)
#   MNEMONIC operand placeholders: n = 1 byte, nn = 2 bytes, d/e = 1 byte.
#   SEQUENCE bus cycles in order, each KIND T-states:
#     M1  opcode fetch (4, incl. refresh)   MR  memory read (3)
#     MW  memory write (3)                  IOR I/O read (4, incl. TW)
#     IOW I/O write (4, incl. TW)           INTA interrupt acknowledge
#     IN  internal T-states (no bus cycle)
#
# A SEQUENCE of "-" marks a prefix byte whose opcodes are listed in its own table;
# DD DD, DD FD, DD ED (and FD ...) are a 4 T prefix followed by the next opcode,
# measured here with 00H after them.
#
# Generated by gen_cycles.py (the same transcription as code); edit that.
"""


def main():
    out = [HEADER]
    out.append("# ---- unprefixed ----")
    for op in range(256):
        if op in (0xCB, 0xDD, 0xED, 0xFD):
            t = {0xCB: "CB", 0xDD: "DD", 0xED: "ED", 0xFD: "FD"}[op]
            out.append(line("--", op, "-", f"prefix, see {t} table", None))
            continue
        m, vs = unprefixed(op)
        for v, s in vs.items():
            out.append(line("--", op, v, m, [M1] + s))
    out.append("# ---- CB ----")
    for op in range(256):
        m, s = cb(op)
        out.append(line("CB", op, "-", m, [M1, M1] + s))
    out.append("# ---- ED ----")
    for op in range(256):
        m, vs = ed(op)
        for v, s in vs.items():
            out.append(line("ED", op, v, m, [M1, M1] + s))
    for pre, ix in (("DD", "IX"), ("FD", "IY")):
        out.append(f"# ---- {pre} ----")
        for op in range(256):
            if op == 0xCB:
                out.append(line(pre, op, "-", f"prefix, see {pre}CB table", None))
                continue
            if op in (0xDD, 0xFD, 0xED):
                nxt = {0xDD: "DD 00 (NOP)", 0xFD: "FD 00 (NOP)", 0xED: "ED 00 (NOP)"}[op]
                out.append(line(pre, op, "-", f"prefix, then {nxt}", [M1, M1, M1]))
                continue
            m, vs = unprefixed(op, ix)
            for v, s in vs.items():
                out.append(line(pre, op, v, m, [M1, M1] + s))
    for pre, ix in (("DDCB", "IX"), ("FDCB", "IY")):
        out.append(f"# ---- {pre} (bytes {pre[:2]} CB d op) ----")
        for op in range(256):
            m, s = xycb(op, ix)
            out.append(line(pre, op, "-", m, [M1, M1] + s))
    out.append("# ---- interrupts (OP: 00 NMI, 01 IM 0 with RST 38H, 02 IM 0 with CALL nn,")
    out.append("#      03 IM 1, 04 IM 2); acknowledge M1 = 4 + 2 automatic wait states ----")
    out.append(line("INT", 0, "-", "NMI", [M1, IN(1), MW, MW]))
    out.append(line("INT", 1, "-", "IM 0, RST 38H", [("INTA", 6), IN(1), MW, MW]))
    out.append(line("INT", 2, "-", "IM 0, CALL nn", [("INTA", 6), ("INTA", 3), ("INTA", 3), IN(1), MW, MW]))
    out.append(line("INT", 3, "-", "IM 1", [("INTA", 6), IN(1), MW, MW]))
    out.append(line("INT", 4, "-", "IM 2", [("INTA", 6), IN(1), MW, MW, MR, MR]))
    print("\n".join(out))


main()
