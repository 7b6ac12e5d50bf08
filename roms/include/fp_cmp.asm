; fp_cmp.asm - comparison, unary minus, ABS and SGN on the accumulator, as
; Level II was seen to do them (tests/fp_model_level2.rs). Conventions: see
; fp_int.asm. No Level II code was read.

; Compare FAC with ARG (type VALTYP): A = -1, 0, 1.
XCMP:   LD      A,(VALTYP)
        CP      2
        JR      NZ,.FLT
        LD      HL,(FACSNG)
        LD      DE,(ARG+4)
        LD      A,H
        XOR     D
        JP      M,.SIGNS        ; signs differ: the negative one is below
        OR      A
        SBC     HL,DE
        JR      Z,.EQ
        JR      C,.LT
        JR      .GT
.SIGNS: BIT     7,H
        JR      NZ,.LT
        JR      .GT
.FLT:   CALL    LENOF
        LD      HL,FACEXP
        CALL    .SIGN
        LD      B,A             ; sign of x: -1, 0, 1
        LD      HL,ARGEXP
        CALL    .SIGN
        LD      C,A
        LD      A,B
        CP      C
        JR      Z,.SAME
        ; different signs: compare the signs themselves (signed)
        SUB     C               ; -2..2, not 0
        JP      M,.LT
        JR      .GT
.SAME:  OR      A
        RET     Z               ; both zero
        ; same sign: compare the magnitudes from the exponent down
        PUSH    BC
        LD      A,(FPLEN)
        INC     A
        LD      B,A
        LD      HL,FACEXP
        LD      DE,ARGEXP
        LD      A,(HL)
        EX      DE,HL
        CP      (HL)            ; x - y on the exponents
        EX      DE,HL
        JR      NZ,.DIFF
        DEC     HL
        DEC     DE
        DEC     B
        LD      A,(DE)
        AND     7FH
        LD      C,A
        LD      A,(HL)
        AND     7FH
        CP      C
        JR      NZ,.DIFF
.M:     DEC     HL
        DEC     DE
        DEC     B
        JR      Z,.EQUAL
        LD      A,(DE)
        LD      C,A
        LD      A,(HL)
        CP      C
        JR      Z,.M
.DIFF:  POP     BC              ; CY: |x| < |y|
        LD      A,B
        JR      C,.SMALL
        RET                     ; |x| > |y|: the sign of x
.SMALL: NEG
        RET
.EQUAL: POP     BC
.EQ:    XOR     A
        RET
.LT:    LD      A,-1
        RET
.GT:    LD      A,1
        RET
; A := the sign (-1, 0, 1) of the number whose exponent is at HL.
.SIGN:  LD      A,(HL)
        OR      A
        RET     Z
        DEC     HL
        LD      A,(HL)
        RLA
        LD      A,1
        RET     NC
        LD      A,-1
        RET

