; fp_cmp.asm - comparison, unary minus, ABS and SGN on the accumulator, as
; Level II was seen to do them (tests/fp_model_level2.rs). Conventions: see
; fp_int.asm. No Level II code was read.

; Compare FAC with ARG (type VALTYP): A = -1, 0, 1.
XCMP:   RST     20H
        JP      P,.FLT
        LD      HL,(FACSNG)     ; integers: x - y, below when its sign
        LD      DE,(ARG+4)      ; differs from the overflow flag
        OR      A
        SBC     HL,DE
        LD      A,0
        RET     Z
        LD      A,H
        JP      PO,.SGN
        CPL
        JR      .SGN
.FLT:   LD      HL,ARGEXP
        CALL    .SIGN
        LD      C,A             ; sign of y: -1, 0, 1
        LD      HL,FACEXP
        CALL    .SIGN
        SUB     C
        JR      NZ,.SGN         ; the signs differ: by sign x - sign y
        OR      C
        RET     Z               ; both zero
        LD      A,(VALTYP)      ; same sign: the magnitudes from the
        LD      B,A             ; exponent down
        LD      HL,FACEXP
        LD      DE,ARGEXP
.M:     LD      A,(DE)
        CP      (HL)            ; CY: |x| > |y|
        JR      NZ,.NE
        DEC     HL
        DEC     DE
        DJNZ    .M
        XOR     A
        RET
.NE:    CCF                     ; |x| > |y|: the sign, else its opposite
        SBC     A,A
        AND     0FEH
        XOR     C
        RET
; A := the sign (-1, 0, 1) of the number whose exponent is at HL.
.SIGN:  LD      A,(HL)
        OR      A
        RET     Z
        DEC     HL
        LD      A,(HL)
; A := -1 or 1 by A's bit 7.
.SGN:   RLA
        SBC     A,A
        OR      1
        RET
