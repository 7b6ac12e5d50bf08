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

; HL := base - FPLEN (the low mantissa byte of FAC or ARG, base = its exponent)
LOWFAC: LD      HL,FACEXP
LOWOF:  LD      A,(FPLEN)
        NEG
        LD      C,A
        LD      B,0FFH
        ADD     HL,BC
        RET

; C := FPLEN, B := 0
LENBC:  LD      A,(FPLEN)
        LD      C,A
        LD      B,0
        RET

; (DE) += (HL), B bytes from the low end; carry out in CY.
ADDN:   OR      A
.L:     LD      A,(DE)
        ADC     A,(HL)
        LD      (DE),A
        INC     HL
        INC     DE
        DJNZ    .L
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

; Copy the mantissa of the number whose exponent byte is at HL into DE+1..,
; hidden bit set, with 0 guard at DE and 0 overflow after it; A := sign.
UNPACK: PUSH    DE
        CALL    LOWOF           ; HL -> low mantissa byte
        POP     DE
        XOR     A
        LD      (DE),A          ; guard
        INC     DE
        CALL    LENBC
        LDIR
        DEC     DE
        LD      A,(DE)
        LD      B,A
        OR      80H
        LD      (DE),A
        INC     DE
        XOR     A
        LD      (DE),A          ; overflow byte
        LD      A,B
        AND     80H
        RET

; FAC := 0 (FPLEN+1 bytes).
ZEROF:  CALL    LOWFAC
        LD      A,(FPLEN)
        INC     A
        LD      B,A
        JR      CLRN

; Copy ARG to FAC (FPLEN+1 bytes).
ARG2FAC: LD     HL,ARGEXP
        CALL    LOWOF
        PUSH    HL
        CALL    LOWFAC
        EX      DE,HL
        POP     HL
        CALL    LENBC
        INC     C
        LDIR
        RET

; --- the common end: normalise, round, store ----------------------------------
; In: WX = guard, mantissa, overflow; FPEXP; FPSGN; FPLEN.
FINISH: CALL    LENBC
        LD      HL,WX+1
        ADD     HL,BC           ; HL -> overflow byte
.OVF:   LD      A,(HL)
        OR      A
        JR      Z,.NOOV
        PUSH    HL
        LD      B,C
        INC     B
        INC     B
        OR      A
        CALL    SHRN
        LD      HL,(FPEXP)
        INC     HL
        LD      (FPEXP),HL
        POP     HL
        JR      .OVF
.NOOV:  DEC     HL              ; HL -> top mantissa byte
        ; all zero?
        PUSH    HL
        LD      B,C
        INC     B
        XOR     A
.Z:     OR      (HL)
        DEC     HL
        DJNZ    .Z
        POP     HL
        JR      Z,ZEROF
.BYTE:  LD      A,(HL)
        OR      A
        JR      NZ,.BITS
        ; move the bytes up one place
        PUSH    HL
        LD      D,H
        LD      E,L
        DEC     HL
        LD      B,0
        LDDR
        XOR     A
        LD      (WX),A
        LD      HL,(FPEXP)
        LD      DE,-8
        ADD     HL,DE
        LD      (FPEXP),HL
        POP     HL
        CALL    LENBC
        JR      .BYTE
.BITS:  OR      A
        JP      M,.NORM
        LD      B,C
        INC     B
        LD      HL,WX
        CALL    SHLN            ; CY is clear from OR A
        LD      HL,(FPEXP)
        DEC     HL
        LD      (FPEXP),HL
        CALL    LENBC
        LD      HL,WX
        ADD     HL,BC
        LD      A,(HL)
        JR      .BITS
.NORM:  LD      HL,(FPEXP)
        LD      A,H
        OR      A
        JP      M,ZEROF
        OR      L
        JP      Z,ZEROF
        LD      A,(WX)
        RLA
        JR      NC,.STORE
        LD      HL,WX+1
        LD      B,C
.INC:   INC     (HL)
        JR      NZ,.STORE
        INC     HL
        DJNZ    .INC
        DEC     HL
        LD      (HL),80H
        LD      HL,(FPEXP)
        INC     HL
        LD      (FPEXP),HL
.STORE: LD      HL,(FPEXP)
        LD      A,H
        OR      A
        JP      NZ,OVERR
        CALL    LOWFAC
        EX      DE,HL
        LD      HL,WX+1
        CALL    LENBC
        LDIR
        DEC     DE
        LD      A,(DE)
        AND     7FH
        LD      HL,FPSGN
        OR      (HL)
        LD      (DE),A
        INC     DE
        LD      A,(FPEXP)
        LD      (DE),A
        RET

; --- addition and subtraction --------------------------------------------------
SSUB:   CALL    NEGARG
SADD:   LD      A,3
        JR      ADDL
DSUB:   CALL    NEGARG
DADD:   LD      A,7
ADDL:   LD      (FPLEN),A
        LD      A,(ARGEXP)
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
.XBIG:  LD      (FPCNT),A       ; exponent difference
        LD      D,A
        LD      A,(FPLEN)
        ADD     A,A
        ADD     A,A
        ADD     A,A
        CP      D
        RET     C               ; y too small to matter
        LD      HL,FACEXP
        LD      DE,WX
        CALL    UNPACK
        LD      (FPSGN),A
        LD      HL,ARGEXP
        LD      DE,WY
        CALL    UNPACK
        LD      HL,FPSGN
        XOR     (HL)
        LD      (FPTMP),A       ; 80H if the signs differ
        LD      A,(FACEXP)
        LD      L,A
        LD      H,0
        LD      (FPEXP),HL
        ; align y: whole bytes, then bits
.BYTES: LD      A,(FPCNT)
        CP      8
        JR      C,.BITS
        SUB     8
        LD      (FPCNT),A
        CALL    LENBC
        LD      HL,WY+1
        LD      DE,WY
        LDIR
        XOR     A
        LD      (DE),A
        JR      .BYTES
.BITS:  OR      A
        JR      Z,.ALIGNED
        LD      D,A
.BIT:   CALL    LENBC
        LD      HL,WY
        ADD     HL,BC
        LD      B,C
        INC     B
        OR      A
        CALL    SHRN
        DEC     D
        JR      NZ,.BIT
.ALIGNED:
        CALL    LENBC
        INC     C
        LD      B,C
        LD      HL,WY
        LD      DE,WX
        LD      A,(FPTMP)
        OR      A
        JR      NZ,.DIFF
        CALL    ADDN
        JR      NC,.DONE
        LD      A,1
        LD      (DE),A          ; carry into the overflow byte
.DONE:  JP      FINISH
.DIFF:  CALL    SUBN
        JR      NC,.DONE
        ; x < y (equal exponents): negate, flip the sign
        CALL    LENBC
        INC     C
        LD      B,C
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
        JP      FINISH

; Flip the sign of ARG (its top mantissa byte is at 412DH in both precisions).
NEGARG: LD      HL,ARGEXP-1
        LD      A,(HL)
        XOR     80H
        LD      (HL),A
        RET

; Exchange FAC and ARG (FPLEN+1 bytes).
SWAPFA: CALL    LOWFAC
        PUSH    HL
        LD      HL,ARGEXP
        CALL    LOWOF
        POP     DE
        LD      B,C             ; C = -FPLEN from LOWOF
        LD      A,B
        NEG
        INC     A
        LD      B,A
.L:     LD      A,(DE)
        LD      C,(HL)
        LD      (HL),A
        LD      A,C
        LD      (DE),A
        INC     HL
        INC     DE
        DJNZ    .L
        RET

; --- multiplication -----------------------------------------------------------
SMUL:   LD      A,3
        JR      MULL
DMUL:   LD      A,7
MULL:   LD      (FPLEN),A
        LD      A,(FACEXP)
        OR      A
        JP      Z,ZEROF
        LD      E,A
        LD      A,(ARGEXP)
        OR      A
        JP      Z,ZEROF
        LD      L,A
        LD      H,0
        LD      D,H
        ADD     HL,DE
        LD      DE,-128
        ADD     HL,DE
        LD      (FPEXP),HL
        LD      A,(FPLEN)
        CP      7
        JR      NZ,.SGN
        LD      A,H             ; double: ?OV when the sum passes 255
        DEC     A
        JP      Z,OVERR
.SGN:   LD      A,(FACEXP-1)
        LD      HL,ARGEXP-1
        XOR     (HL)
        AND     80H
        LD      (FPSGN),A
        SET     7,(HL)          ; the multiplier's hidden bit
        LD      HL,FACEXP
        LD      DE,WY-1
        CALL    UNPACK          ; multiplicand at WY (its "guard" lands at WY-1)
        CALL    LENBC
        LD      B,C
        INC     B
        INC     B
        LD      HL,WX
        CALL    CLRN            ; product window and overflow
        LD      HL,ARGEXP
        CALL    LOWOF
        LD      (FPPTR),HL
        LD      A,C
        NEG
        LD      (FPCNT),A       ; multiplier bytes to go
.BYTE:  LD      HL,(FPPTR)
        LD      A,(HL)
        INC     HL
        LD      (FPPTR),HL
        OR      A
        JR      NZ,.BITS
        ; a zero byte: the window moves down one byte
        CALL    LENBC
        LD      HL,WX+1
        LD      DE,WX
        LDIR
        XOR     A
        LD      (DE),A
        JR      .NEXT
.BITS:  SCF
        RRA                     ; marker bit: A becomes 0 after 8 shifts... (below)
        LD      (FPTMP),A
        JR      C,.ADD
.SHIFT0: CALL   LENBC
        LD      HL,WX
        ADD     HL,BC
        LD      B,C
        INC     B
        OR      A
        CALL    SHRN
        JR      .MORE
.ADD:   CALL    LENBC
        LD      B,C
        LD      HL,WY
        LD      DE,WX+1
        CALL    ADDN            ; CY = carry out of the top
        PUSH    AF
        CALL    LENBC
        LD      HL,WX
        ADD     HL,BC
        LD      B,C
        INC     B
        POP     AF
        CALL    SHRN
.MORE:  LD      A,(FPTMP)
        SRL     A
        JR      Z,.NEXT         ; only the marker was left
        LD      (FPTMP),A
        JR      C,.ADD
        JR      .SHIFT0
.NEXT:  LD      HL,FPCNT
        DEC     (HL)
        JR      NZ,.BYTE
        JP      FINISH

; --- division -------------------------------------------------------------------
; Exponent rules as Level II was seen to apply them (E = ex - ey, q = the
; quotient of the mantissas): E <= -127 gives 0; E >= 129 gives ?OV; E = 128
; gives exponent 01 when q >= 1 and ?OV when q < 1; E = 127 with q >= 1 gives
; 0. In double precision a divisor with exponent FFH gives 0, and only an
; all-zero dividend counts as zero.
SDIV:   LD      A,3
        JR      DIVL
DDIV:   LD      A,7
DIVL:   LD      (FPLEN),A
        LD      A,(ARGEXP)
        OR      A
        JR      NZ,.NZ
        LD      E,20            ; ?/0
        JP      ERROR
.NZ:    LD      B,A
        LD      A,(FPLEN)
        CP      7
        JR      Z,.DBL
        LD      A,(FACEXP)
        OR      A
        JP      Z,ZEROF
        JR      .GO
.DBL:   LD      A,B
        INC     A
        JP      Z,ZEROF         ; divisor exponent FFH
        LD      HL,FAC
        LD      B,8
        XOR     A
.Z:     OR      (HL)
        INC     HL
        DJNZ    .Z
        JP      Z,ZEROF
.GO:    LD      A,(FACEXP-1)
        LD      HL,ARGEXP-1
        XOR     (HL)
        AND     80H
        LD      (FPSGN),A
        LD      HL,ARGEXP
        LD      DE,WY-1
        CALL    UNPACK          ; divisor at WY
        LD      HL,FACEXP
        LD      DE,WR-1
        CALL    UNPACK          ; remainder at WR, with a 0 byte on top
        ; q >= 1 when the dividend's mantissa >= the divisor's
        CALL    CMPRY           ; CY clear when WR >= WY
        SBC     A,A             ; A = 0 when q >= 1, FFH when q < 1
        LD      D,A
        LD      A,(FACEXP)
        LD      L,A
        LD      H,0
        LD      A,(ARGEXP)
        LD      C,A
        LD      B,H
        OR      A
        SBC     HL,BC           ; HL = E
        LD      BC,127
        ADD     HL,BC           ; HL = E + 127
        LD      A,H
        OR      A
        JP      M,ZEROF         ; E < -127
        OR      L
        JP      Z,ZEROF         ; E = -127
        LD      A,H
        OR      A
        JR      Z,.OK           ; E + 127 <= 255: E <= 128
        JP      OVERR
.OK:    LD      A,L
        CP      0FFH            ; E = 128?
        JR      NZ,.N128
        LD      A,D
        OR      A
        JP      NZ,OVERR        ; q < 1
        LD      HL,0            ; exponent wraps to 01 after q >= 1
        JR      .EXP
.N128:  CP      0FEH            ; E = 127?
        JR      NZ,.NORMAL
        LD      A,D
        OR      A
        JP      Z,ZEROF         ; q >= 1 wraps to 00
.NORMAL: INC    HL              ; E + 128
.EXP:   LD      (FPEXP),HL
        CALL    LENBC
        LD      B,C
        INC     B
        INC     B
        LD      HL,WX
        CALL    CLRN
        LD      A,(FPLEN)
        ADD     A,A
        ADD     A,A
        ADD     A,A
        ADD     A,9
        LD      (FPCNT),A       ; 8L+9 quotient bits
.LOOP:  CALL    CMPRY
        JR      C,.ZERO
        CALL    LENBC
        LD      B,C
        LD      HL,WY
        LD      DE,WR
        CALL    SUBN
        LD      A,(DE)
        SBC     A,0
        LD      (DE),A
        SCF                     ; quotient bit 1
        JR      .QBIT
.ZERO:  OR      A               ; quotient bit 0
.QBIT:  CALL    LENBC
        LD      B,C
        INC     B
        INC     B
        LD      HL,WX
        CALL    SHLN
        CALL    LENBC
        LD      B,C
        INC     B
        LD      HL,WR
        OR      A
        CALL    SHLN
        LD      HL,FPCNT
        DEC     (HL)
        JR      NZ,.LOOP
        JP      FINISH

; Compare the remainder WR (FPLEN+1 bytes) with the divisor WY (FPLEN bytes):
; CY set when WR < WY.
CMPRY:  CALL    LENBC
        LD      HL,WR
        ADD     HL,BC
        LD      A,(HL)
        OR      A
        RET     NZ              ; top byte set: WR is larger (CY clear)
        LD      DE,WY
        EX      DE,HL
        ADD     HL,BC
        EX      DE,HL           ; DE -> past WY's top byte
        LD      B,C
.L:     DEC     HL
        DEC     DE
        LD      A,(DE)
        CP      (HL)            ; WY - WR: CY when WR > WY
        JR      NZ,.NE
        DJNZ    .L
        OR      A               ; equal: WR >= WY
        RET
.NE:    CCF                     ; CY when WR < WY
        RET
