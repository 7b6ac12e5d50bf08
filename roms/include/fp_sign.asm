; fp_sign.asm - unary minus, ABS and SGN on the accumulator, as Level II was
; seen to do them (tests/fp_model_level2.rs). Conventions: see fp_int.asm.
; No Level II code was read.

; Unary minus on the accumulator.
XNEG:   RST     20H
        JP      M,.INT
        LD      HL,FACEXP-1
        LD      A,(HL)
        XOR     80H             ; (a zero's sign flips too, as in Level II)
        LD      (HL),A
        RET
.INT:   LD      HL,(FACSNG)
        LD      A,H
        XOR     80H
        OR      L
        JR      Z,IBIG          ; -(-32768) = 32768, single
.I:     CALL    NEGHL
        JP      XMAKINT
IBIG:   CALL    I2SNG           ; -32768 as a single, made positive
        JR      XABS.F

; ABS on the accumulator.
XABS:   RST     20H
        JP      M,.INT
.F:     LD      HL,FACEXP-1
        RES     7,(HL)
        RET
.INT:   LD      HL,(FACSNG)
        BIT     7,H
        RET     Z
        JR      XNEG.INT

; SGN of the accumulator, an integer.
XSGN:   RST     20H
        JP      M,.INT
        LD      HL,FACEXP
        CALL    XCMP.SIGN
        JR      .MAKE
.INT:   LD      HL,(FACSNG)
        LD      A,H
        OR      L
        JR      Z,.MAKE
        LD      A,H
        CALL    XCMP.SGN
.MAKE:  LD      L,A
        RLA
        SBC     A,A
        LD      H,A
        JP      XMAKINT
