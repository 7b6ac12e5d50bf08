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
; The module is in pieces, to fill gaps once it is placed: fp_math.asm (LOG
; EXP TAN SQR ^ and the constants; the function entries must stay below the
; address where the interpreter stops handing routines their argument),
; fp_trig.asm (SIN COS ATN), fp_seq.asm (the byte code, polynomials), and
; small helpers (fp_mops, fp_mstk, fp_mld, fp_mcop). Not placed yet.

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
K_SIN   EQU     8
K_LOG   EQU     14
K_EXP   EQU     18
K_ATN   EQU     26

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

; TAN(x) = SIN(x) / COS(x).
XTAN:   CALL    XCSNG
        CALL    FPUSH
        CALL    XSIN
        CALL    FPOPA
        CALL    FPUSH
        LD      HL,ARG+4
        CALL    LDFAC
        CALL    XCOS
        CALL    FPSEQ
        DB      S_ARG, S_POPF, S_DIV, 0
        RET

FCERR0: JP      FCERR

; SQR(x) = x ^ 1/2.
XSQR:   CALL    XCSNG
        CALL    FPSEQ
        DB      S_ARG, LDFK+K_HALF, 0
        JR      POW2

; FAC ^ ARG: 1 when the power is 0; 0 ^ y is 0 (?/0 for y < 0); a negative
; x needs an integer y (?FC), odd y gives a negative result;
; otherwise EXP(y * LOG(x)).
XPOW:   CALL    XCSNG
        CALL    FPUSH
        CALL    ARG2FAC
        LD      A,(ARGTYP)
        LD      (VALTYP),A
        CALL    XCSNG
        CALL    FPOPA           ; FAC = y, ARG = x
POW2:   LD      A,(FACEXP)
        OR      A
        JR      NZ,.Y
        LD      HL,CPOOL+4*K_ONE
        JP      LDFAC
.Y:     LD      A,(ARGEXP)
        OR      A
        JR      NZ,.X
        LD      A,(FACEXP-1)
        RLA
        JR      NC,ZEROS
        LD      E,20            ; ?/0
        JP      ERROR
.X:     LD      C,0
        LD      A,(ARGEXP-1)
        RLA
        JR      NC,.P
        LD      HL,(FACSNG)     ; y's mantissa shifted left by its
        LD      A,(FACSNG+2)    ; integer bits: nothing may remain
        OR      80H
        LD      D,A
        LD      A,(FACEXP)
        SUB     81H
        JR      C,FCERR0
        INC     A
        CP      25
        JR      NC,.E
        LD      B,A
.S:     ADD     HL,HL
        RL      D
        DJNZ    .S
        SBC     A,A
        LD      C,A             ; FFH: y odd
        LD      A,D
        OR      H
        OR      L
        JR      NZ,FCERR0
.E:     LD      HL,ARGEXP-1
        RES     7,(HL)
.P:     PUSH    BC
        CALL    FPUSH
        LD      HL,ARG+4
        CALL    LDFAC
        CALL    XLOG
        CALL    FPSEQ
        DB      S_POPA, S_MUL, 0
        CALL    XEXP
        POP     BC
        INC     C
        RET     NZ
        JP      XNEG
ZEROS:  XOR     A
        LD      (FACEXP),A
        RET

; The constants (each the nearest single) and the polynomials.
CPOOL:  DB      0DBH,0FH,49H,81H        ; pi/2
        DB      0DBH,0FH,49H,83H        ; 2 pi
        DB      00H,00H,00H,80H         ; 1/2
        DB      00H,00H,00H,81H         ; 1
        DB      0F3H,04H,35H,80H        ; sqr(1/2)
        DB      0F3H,04H,35H,81H        ; sqr(2)
        DB      18H,72H,31H,80H         ; ln 2
        DB      3BH,0AAH,38H,81H        ; 1 / ln 2
; sin(2 pi v) = v * P(v*v), |v| <= 1/4
TSIN:   DB      60H,76H,80H,84H
        DB      0D8H,0DH,24H,86H
        DB      0C6H,4CH,99H,87H
        DB      44H,35H,23H,87H
        DB      0E4H,5DH,0A5H,86H
        DB      0DAH,0FH,49H,83H
; log2((1+z)/(1-z)) = z * P(z*z)
TLOG:   DB      0BBH,0E5H,3CH,7CH
        DB      0B9H,0E0H,18H,80H
        DB      0F6H,23H,76H,80H
        DB      45H,0AAH,38H,82H
; e^r = P(r), -ln 2 <= r <= 0
TEXP:   DB      1EH,5BH,68H,73H
        DB      41H,64H,23H,77H
        DB      0D1H,87H,06H,7AH
        DB      79H,6DH,2AH,7CH
        DB      0AEH,0A6H,2AH,7EH
        DB      0BEH,0FFH,7FH,7FH
        DB      0FEH,0FFH,7FH,80H
        DB      00H,00H,00H,81H
; atan(v) = v * P(v*v), 0 <= v <= 1
TATN:   DB      0DCH,5DH,3BH,78H
        DB      17H,7EH,84H,7BH
        DB      3AH,0CH,30H,7CH
        DB      0A7H,68H,9AH,7DH
        DB      0EEH,5FH,5AH,7DH
        DB      69H,84H,91H,7EH
        DB      37H,0BCH,4CH,7EH
        DB      67H,0AAH,0AAH,7FH
        DB      00H,00H,00H,81H
