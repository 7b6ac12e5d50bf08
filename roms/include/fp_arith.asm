; fp_arith.asm - single and double precision + - * / in Level II's formats.
;
; Written for this project from the published number formats (Level II
; reference manual: 4-byte single and 8-byte double precision, exponent bias
; 128, sign in the top mantissa bit) and from what the real ROM was observed to
; return for random operands (tests/fp_model_level2.rs); no Level II code was
; read.
;
; Calling convention (ours): FAC := FAC op ARG, same precision.
;   single: FAC 4121H-4124H, ARG 412BH-412EH (the top four bytes of each)
;   double: FAC 411DH-4124H, ARG 4127H-412EH
; All registers are changed; ARG is destroyed. ?OV jumps to OVERR, ?/0 to
; ERROR with E = 20. VALTYP is left alone.
; Work cells: FPLEN..FPPTR (4080H-4087H) and the number text buffer 4130H-4149H.

FPLEN   EQU     4080H           ; mantissa bytes: 3 single, 7 double
FPSGN   EQU     4081H           ; sign of the result (bit 7)
FPEXP   EQU     4082H           ; result exponent, 16-bit signed, biased
FPCNT   EQU     4084H           ; loop counter
FPTMP   EQU     4085H           ; multiplier byte being used
FPPTR   EQU     4086H           ; 2 bytes: next multiplier byte
ARGEXP  EQU     412EH
WX      EQU     4130H           ; guard, mantissa (FPLEN bytes), overflow
WY      EQU     4139H           ; second mantissa (aligned, multiplicand, divisor)
WR      EQU     4142H           ; division remainder (FPLEN+1 bytes)

; --- small helpers -----------------------------------------------------------

; HL := the low mantissa byte of FAC (FPLEN bytes below its exponent)
LOWFAC: LD      HL,FACEXP
        LD      A,(FPLEN)
        NEG
        LD      C,A
        LD      B,0FFH
        ADD     HL,BC
        RET

; (DE) -= (HL), B bytes; borrow out in CY.
SUBN:   OR      A
.L:     LD      A,(DE)
        SBC     A,(HL)
        LD      (DE),A
        INC     HL
        INC     DE
        DJNZ    .L
        RET

; Shift B bytes right, HL at the top byte, CY shifted in at the top.
SHRN:   RR      (HL)
        DEC     HL
        DJNZ    SHRN
        RET

; Shift B bytes left, HL at the low byte, CY shifted in at the bottom.
SHLN:   RL      (HL)
        INC     HL
        DJNZ    SHLN
        RET

; Clear B bytes at HL.
CLRN:   XOR     A
.L:     LD      (HL),A
        INC     HL
        DJNZ    .L
        RET

; Copy the double whose low byte is at HL into DE+1..DE+7, hidden bit set,
; with 0 guard at DE and 0 overflow at DE+8; A := its sign (bit 7).
UNPACK: XOR     A
        LD      (DE),A          ; guard
        INC     DE
        LD      BC,7
        LDIR
        LD      (DE),A          ; overflow byte
        DEC     DE
        EX      DE,HL
        LD      A,(HL)
        SET     7,(HL)
        AND     80H
        RET

; FAC := 0 (double precision: all 8 bytes).
ZEROF:  LD      HL,FAC
        LD      B,8
        JR      CLRN

; Copy ARG to FAC (double precision).
ARG2FAC: LD     HL,ARG
        LD      DE,FAC
; Copy 8 bytes from HL to DE.
CPY8:   LD      BC,8
        LDIR
        RET

; --- the common end: normalise, round, store ----------------------------------
; In: WX = guard, 7 mantissa bytes, overflow; FPEXP; FPSGN (double precision).
FINISH: LD      HL,WX+8         ; the overflow byte: one place right while set
        LD      A,(HL)
        OR      A
        JR      Z,.NOOV
        LD      B,9
        CALL    SHRN            ; (CY clear)
        LD      HL,(FPEXP)
        INC     HL
        LD      (FPEXP),HL
        JR      FINISH
.NOOV:  LD      B,9             ; all zero? (A = 0, and so is the overflow)
.Z:     OR      (HL)
        DEC     L
        DJNZ    .Z
        JR      Z,ZEROF
.BYTE:  LD      HL,WX+7
        LD      A,(HL)
        OR      A
        JR      NZ,.NZ
        LD      D,H             ; a zero top byte: the bytes up one place
        LD      E,L
        DEC     HL
        LD      BC,7
        LDDR
        LD      (DE),A          ; (A = 0) into WX
        LD      HL,(FPEXP)
        LD      DE,-8
        ADD     HL,DE
        LD      (FPEXP),HL
        JR      .BYTE
.NZ:    LD      DE,(FPEXP)      ; DE = the exponent from here on
        JP      M,.NORM         ; (S from the top byte)
.BIT:   LD      HL,WX
        CALL    SHL8            ; (S: the new top bit)
        DEC     DE
        JP      P,.BIT
.NORM:  LD      A,D
        OR      A
        JP      M,ZEROF
        OR      E
        JP      Z,ZEROF
        LD      A,(WX)
        RLA
        JR      NC,.STORE
        LD      HL,WX+1
        LD      B,7
.INC:   INC     (HL)
        JR      NZ,.STORE
        INC     HL
        DJNZ    .INC
        DEC     HL
        LD      (HL),80H
        INC     DE
.STORE: LD      A,D
        OR      A
        JP      NZ,OVERR
        LD      A,E
        LD      (FACEXP),A
        LD      HL,WX+1
        LD      DE,FAC
        LD      BC,7
        LDIR
        DEC     DE
        LD      A,(DE)
        AND     7FH
        LD      HL,FPSGN
        OR      (HL)
        LD      (DE),A
        RET

; --- addition and subtraction --------------------------------------------------
DSUB:   LD      HL,ARGEXP-1     ; x - y = x + (-y)
        LD      A,(HL)
        XOR     80H
        LD      (HL),A
DADD:   LD      A,(ARGEXP)      ; (double precision only; singles: fp_single)
        OR      A
        RET     Z               ; x + 0 = x
        LD      B,A
        LD      A,(FACEXP)
        OR      A
        JP      Z,ARG2FAC       ; 0 + y = y
        SUB     B
        JR      NC,.XBIG
        PUSH    AF
        CALL    SWAPFA          ; the larger exponent goes to FAC
        POP     AF
        NEG
.XBIG:  CP      57
        RET     NC              ; y too small to matter
        PUSH    AF              ; the exponent difference
        LD      HL,FAC
        LD      DE,WX
        CALL    UNPACK
        LD      (FPSGN),A
        LD      HL,ARG
        LD      DE,WY
        CALL    UNPACK
        LD      HL,FPSGN
        XOR     (HL)
        LD      (FPTMP),A       ; 80H if the signs differ
        LD      HL,(FACEXP)
        LD      H,0
        LD      (FPEXP),HL
        POP     AF              ; align y: whole bytes (the overflow byte
.BYTES: SUB     8               ; above it is 0), then bits
        JR      C,.BITS
        LD      HL,WY+1
        LD      DE,WY
        LD      BC,8
        LDIR
        JR      .BYTES
.BITS:  ADD     A,8
        JR      Z,.ALIGNED
        LD      D,A
.BIT:   LD      HL,WY+7
        LD      B,8
        OR      A
        CALL    SHRN
        DEC     D
        JR      NZ,.BIT
.ALIGNED:
        LD      HL,WY
        LD      DE,WX
        LD      A,(FPTMP)
        OR      A
        JR      NZ,.DIFF
        LD      B,9             ; (the overflow bytes too: 0 + 0 + carry)
        CALL    ADDN
.DONE:  JP      FINISH
.DIFF:  ; double precision: the guard byte of y is added, not subtracted (as
        ; Level II does); only the mantissa bytes are subtracted
        LD      A,(HL)
        LD      (DE),A
        INC     HL
        INC     DE
        LD      B,7
        CALL    SUBN
        JR      NC,.DONE
        ; x < y (equal exponents): negate, flip the sign
        LD      B,8
        LD      HL,WX
        OR      A
.NEG:   LD      A,0
        SBC     A,(HL)
        LD      (HL),A
        INC     HL
        DJNZ    .NEG
        LD      A,(FPSGN)
        XOR     80H
        LD      (FPSGN),A
        JR      .DONE

; Exchange FAC and ARG (double precision).
SWAPFA: LD      HL,FAC
        LD      DE,ARG
        LD      B,8
.L:     LD      A,(DE)
        LD      C,(HL)
        LD      (HL),A
        LD      A,C
        LD      (DE),A
        INC     HL
        INC     DE
        DJNZ    .L
        RET
