; fp_math.asm - SQR, EXP, LOG, SIN, COS, TAN, ATN and ^, in single precision
; as Level II computes them. Written from what the real ROM was observed to
; return (tests/fpsupport/math.rs has the model and how it was found: Level
; II's outputs for thousands of arguments, the reductions inferred from how
; its errors behave, the polynomial coefficients fitted to its bit-exact
; results). No Level II code or constant was read.
;
; Entries take the accumulator of any numeric type (made single first) and
; leave a single. XPOW: FAC ^ ARG (ARG's type in ARGTYP), as the interpreter
; calls operators. ?FC, ?OV and ?/0 as on Level II.
;
; To save room most steps are written as a byte code run by FPSEQ: CALL
; FPSEQ, then bytes up to a 00H, after which the Z80 code goes on. A byte is
; an operation (bits 7-5) and k (bits 4-0): 0 a plain step k (S_...), then
; FAC := FAC + - * / constant k, FAC := constant k, ARG := constant k,
; FAC := the polynomial at constant k (the next byte: its degree, Horner).
; Constant k is the 4 bytes at CPOOL + 4k. The plain steps keep values on
; the Z80 stack (S_PUSH, S_POPF into FAC, S_POPA into ARG).
; Work cells: POLYX (4 bytes), FPIP (2) - FOUT's and FIN's, free meanwhile.
; The module is in pieces, each placed by fp_layout.asm into a gap between
; the pinned entry points: fp_math.asm (LOG, EXP), fp_pow.asm (SQR, ^),
; fp_sin.asm (SIN, COS), fp_atn.asm (ATN), fp_tan.asm (TAN), fp_mtab.asm
; (the constants and polynomials), fp_seq.asm (the byte code), fp_poly.asm
; (polynomials), fp_mops.asm (the byte code's operations), fp_mstk.asm,
; fp_mpop.asm and fp_mld.asm (small helpers). The entries are
; below 1800H, where the interpreter hands routines their (argument).

POLYX   EQU     4088H
FPIP    EQU     408CH

S_PUSH  EQU     1
S_POPF  EQU     2
S_POPA  EQU     3
S_NEG   EQU     4
S_ADD   EQU     5
S_SUB   EQU     6
S_MUL   EQU     7
S_DIV   EQU     8
S_ARG   EQU     9               ; ARG := FAC
S_FLOOR EQU     10              ; FAC := INT(FAC), single
S_SNG   EQU     11              ; CSNG
ADDK    EQU     20H
SUBK    EQU     40H
MULK    EQU     60H
DIVK    EQU     80H
LDFK    EQU     0A0H
LDAK    EQU     0C0H
POLYK   EQU     0E0H
K_HP    EQU     0               ; pi/2
K_2PI   EQU     1
K_HALF  EQU     2
K_ONE   EQU     3
K_SQH   EQU     4               ; sqr(1/2)
K_SQ2   EQU     5
K_LN2   EQU     6
K_L2E   EQU     7               ; 1 / ln 2
K_QTR   EQU     8               ; 1/4
K_SIN   EQU     9
K_LOG   EQU     15
K_EXP   EQU     19
K_ATN   EQU     27

; LOG: x = m * 2^e (1/2 <= m < 1), z = 1 - sqr(2)/(m + sqr(1/2)),
; (z * P(z*z) - 1/2 + e) * ln 2.
XLOG:   CALL    XCSNG
        LD      HL,FACEXP
        LD      A,(HL)
        OR      A
        JP      Z,FCERR
        DEC     HL
        BIT     7,(HL)
        JP      NZ,FCERR
        INC     HL
        SUB     80H
        LD      (HL),80H
        LD      L,A
        ADD     A,A
        SBC     A,A
        LD      H,A
        PUSH    HL              ; e
        CALL    FPSEQ
        DB      ADDK+K_SQH, S_ARG, LDFK+K_SQ2, S_DIV, S_NEG, ADDK+K_ONE
        DB      S_PUSH, S_ARG, S_MUL, POLYK+K_LOG, 3, S_POPA, S_MUL
        DB      SUBK+K_HALF, 0
        POP     BC
        CALL    FPUSH
        LD      H,B
        LD      L,C
        CALL    XMAKINT
        CALL    FPSEQ
        DB      S_SNG, S_POPA, S_ADD, MULK+K_LN2, 0
        RET

; EXP: t = x / ln 2, n = INT(t) + 1, r = x - n * ln 2 (rounded), P(r) * 2^n.
XEXP:   CALL    XCSNG
        CALL    FPSEQ
        DB      S_PUSH, MULK+K_L2E, 0
        LD      A,(FACEXP)
        CP      88H
        JR      C,.OK
        LD      A,(FACEXP-1)    ; |t| >= 128: ?OV, or 0 below
        RLA
        JP      NC,OVERR
        POP     BC
        POP     BC
        JP      ZEROS
.OK:    CALL    XINT
        LD      HL,(FACSNG)
        INC     HL
        POP     BC
        POP     DE
        PUSH    HL
        PUSH    DE
        PUSH    BC
        CALL    XMAKINT
        CALL    FPSEQ
        DB      S_SNG, MULK+K_LN2, S_ARG, S_POPF, S_SUB, POLYK+K_EXP, 7, 0
        POP     HL
        LD      DE,127
        OR      A
        SBC     HL,DE
        JP      P,OVERR         ; 2^n beyond the range: n >= 127
        LD      A,L             ; n + 81H, the exponent of 2^n
        LD      (ARGEXP),A
        XOR     A
        LD      H,A
        LD      L,A
        LD      (ARG+4),HL
        LD      (ARGEXP-1),A
        JP      SMUL

