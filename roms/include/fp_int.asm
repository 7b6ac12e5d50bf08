; fp_int.asm - integer + - * /, comparisons, unary minus, ABS and SGN, as
; Level II was seen to do them (tests/fp_model_level2.rs): + - * give an
; integer while the result fits -32768..32767 and single precision beyond
; (a product beyond it is the single-precision product); / is always single
; precision. No Level II code was read.
;
; IADD ISUB IMUL IDIV: FAC := FAC op ARG, integers at 4121H and 412BH; the
;   result type goes to VALTYP.
; XCMP: A := -1, 0 or 1 as FAC is below, equal to or above ARG (both of
;   type VALTYP; a zero is any value with exponent 00).
; XNEG XABS XSGN: on the accumulator (VALTYP); SGN gives an integer.

IADD:   LD      HL,(FACSNG)
        LD      DE,(ARG+4)
        OR      A
        ADC     HL,DE
        LD      BC,SADD
        JR      ITAIL
ISUB:   LD      HL,(FACSNG)
        LD      DE,(ARG+4)
        OR      A
        SBC     HL,DE
        LD      BC,SSUB
ITAIL:  JP      PO,XMAKINT
        PUSH    BC              ; beyond the range: exact in single, both
        JP      I2ARG           ; made single, then SADD or SSUB
IDIV:   CALL    I2ARG
        JP      SDIV
IMUL:   LD      HL,(FACSNG)
        LD      DE,(ARG+4)
        LD      A,H
        XOR     D
        LD      (FPSGN),A       ; the product's sign
        CALL    .ABSHL
        EX      DE,HL
        CALL    .ABSHL          ; HL = |y|, DE = |x|
        LD      B,H
        LD      C,L
        LD      HL,0            ; BC * DE -> HL (high) : IX (low)
        LD      IX,0
        LD      A,16
.BIT:   ADD     IX,IX
        ADC     HL,HL
        EX      DE,HL
        ADD     HL,HL
        EX      DE,HL
        JR      NC,.NEXT
        ADD     IX,BC
        JR      NC,.NEXT
        INC     HL
.NEXT:  DEC     A
        JR      NZ,.BIT
        LD      A,H             ; fits when below 32768 (32768 if negative)
        OR      L
        JR      NZ,.BIG
        PUSH    IX
        POP     HL
        LD      A,(FPSGN)
        OR      A
        JP      M,.NEG
        BIT     7,H
        JR      NZ,.BIG
        JP      XMAKINT
.NEG:   LD      A,H
        CP      80H
        JR      C,.NEGOK
        JR      NZ,.BIG
        LD      A,L
        OR      A
        JR      NZ,.BIG
.NEGOK: CALL    NEGHL
        JP      XMAKINT
.BIG:   CALL    I2ARG           ; the single-precision product
        JP      SMUL
.ABSHL: BIT     7,H
        RET     Z
; HL := -HL.
NEGHL:  XOR     A
        SUB     L
        LD      L,A
        SBC     A,A
        SUB     H
        LD      H,A
        RET

; Make both integer operands single: FAC (4121H) and ARG (412BH).
I2ARG:  LD      HL,(FACSNG)
        PUSH    HL
        LD      HL,(ARG+4)
        LD      (FACSNG),HL
        CALL    I2SNG
        CALL    F2ARG4
        POP     HL
        LD      (FACSNG),HL
        JP      I2SNG

