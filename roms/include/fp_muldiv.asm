; fp_muldiv.asm - single and double precision multiplication and division
; (conventions and work cells: see fp_arith.asm and fp_layout.asm).
;
; Written for this project from the published number formats and from what
; the real Level II ROM was observed to return (tests/fp_model_level2.rs); no
; Level II code was read.

; --- multiplication -----------------------------------------------------------
DMUL:   LD      A,(FACEXP)
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
        LD      A,H             ; ?OV when the sum passes 255 (before
        DEC     A               ; normalising, as Level II does)
        JP      Z,OVERR
        CALL    SGNXY
        SET     7,(HL)          ; the multiplier's hidden bit
        LD      HL,FAC
        LD      DE,WY-1
        CALL    UNPACK          ; multiplicand at WY (its "guard" lands at WY-1)
        LD      B,9
        LD      HL,WX
        CALL    CLRN            ; product window and overflow
        LD      HL,ARGEXP-7
        LD      (FPPTR),HL
        LD      A,7
        LD      (FPCNT),A       ; multiplier bytes to go
.BYTE:  LD      HL,(FPPTR)
        LD      A,(HL)
        INC     HL
        LD      (FPPTR),HL
        OR      A
        JR      NZ,.BITS
        ; a zero byte: the window moves down one byte
        LD      BC,7
        LD      HL,WX+1
        LD      DE,WX
        LDIR
        LD      (DE),A          ; (A = 0)
        JR      .NEXT
.BITS:  SCF
        RRA                     ; marker bit: A becomes 0 after 8 shifts... (below)
        LD      (FPTMP),A
        JR      C,.ADD
.SH:    LD      HL,WX+7         ; the window one place right, CY in
        LD      B,8             ; (clear when no add came before)
        CALL    SHRN
        LD      A,(FPTMP)
        SRL     A
        JR      Z,.NEXT         ; only the marker was left
        LD      (FPTMP),A
        JR      NC,.SH
.ADD:   LD      B,7
        LD      HL,WY
        LD      DE,WX+1
        CALL    ADDN            ; CY = carry out of the top
        JR      .SH
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
DDIV:   LD      A,(ARGEXP)
        OR      A
        JP      Z,DZERR         ; ?/0
        INC     A
        JP      Z,ZEROF         ; divisor exponent FFH
        LD      HL,FAC
        LD      B,8
        XOR     A
.Z:     OR      (HL)
        INC     HL
        DJNZ    .Z
        JP      Z,ZEROF
        CALL    SGNXY
        LD      HL,ARG
        LD      DE,WY-1
        CALL    UNPACK          ; divisor at WY
        LD      HL,FAC
        LD      DE,WR-1
        CALL    UNPACK          ; remainder at WR, with a 0 byte on top
        ; q >= 1 when the dividend's mantissa >= the divisor's
        CALL    CMPRY           ; CY clear when WR >= WY
        SBC     A,A             ; D = FFH when q < 1, 0 when q >= 1
        LD      D,A
        LD      HL,ARGEXP       ; v = E + 127
        LD      A,(FACEXP)
        CALL    QEXP
        JP      Z,ZEROF
        INC     D               ; D = 1 when q >= 1, 0 when q < 1
        JR      Z,.LT1
        ADD     A,2             ; q >= 1: E + 129; E = 128 wraps to 01
        JP      Z,ZEROF         ; E = 127 wraps to 00
        JR      .EXP
.LT1:   INC     A               ; q < 1: E + 128
        JP      Z,OVERR         ; E = 128
.EXP:   LD      L,A
        LD      H,0
        LD      (FPEXP),HL
        XOR     A
        LD      (WX+8),A        ; FINISH's overflow byte stays 0
        LD      IY,WX+7         ; the 64 quotient bits go here, top byte first
        LD      A,8
        LD      (FPCNT),A
        SUB     D
        LD      IXL,A           ; the bits still to find in the first byte
        LD      IXH,D           ; q >= 1: its first bit is 1
        DEC     D
        CALL    Z,SUBRY
.SHIFT: CALL    SHLR
.LOOP:  CALL    CMPRY           ; CY: below, quotient bit 0
        CALL    NC,SUBRY        ; (no borrow: CY clear)
        CCF
        LD      A,IXH
        RLA
        LD      IXH,A
        CALL    SHLR
        DEC     IXL
        JR      NZ,.LOOP
        LD      (IY+0),A
        DEC     IY
        LD      IXL,8           ; (IXH's old bits are shifted out)
        LD      HL,FPCNT
        DEC     (HL)
        JR      NZ,.LOOP
        JP      FINISH

; FPSGN := the sign of FAC times ARG's (bit 7); HL := ARGEXP-1.
SGNXY:  LD      A,(FACEXP-1)
        LD      HL,ARGEXP-1
        XOR     (HL)
        AND     80H
        LD      (FPSGN),A
        RET

; A := v = E + 127, E = A - (HL) (a quotient's exponents, DDIV and SDIV):
; ?OV when v > 255 (E > 128), Z when v <= 0 (E <= -127: the quotient is 0).
QEXP:   SUB     (HL)
        JR      C,.NEG
        CP      129
        JP      NC,OVERR
        ADD     A,127           ; (NZ)
        RET
.NEG:   SUB     129
        RET     NC              ; (Z when v = 0)
        XOR     A
        RET

; The remainder WR (8 bytes) less the divisor WY (7 bytes).
SUBRY:  LD      HL,WY
        LD      DE,WR
        LD      B,7
        CALL    SUBN
        LD      A,(DE)
        SBC     A,0
        LD      (DE),A
        RET

; The remainder WR (8 bytes) one place left; SHL8: the 8 bytes at HL (in
; one page), S from the new top byte.
SHLR:   LD      HL,WR
SHL8:   SLA     (HL)
        REPT    7
        INC     L
        RL      (HL)
        ENDR
        RET

; Compare the remainder WR (8 bytes) with the divisor WY (7 bytes): CY set
; when WR < WY. (Double precision: the only user.)
CMPRY:  LD      A,(WR+7)
        OR      A
        RET     NZ              ; top byte set: WR is larger (CY clear)
        LD      HL,WR+6
        LD      DE,WY+6
        LD      B,7
.L:     LD      A,(DE)
        CP      (HL)            ; WY - WR: CY when WR > WY
        JR      NZ,.NE
        DEC     L
        DEC     E
        DJNZ    .L
        OR      A               ; equal: WR >= WY
        RET
.NE:    CCF                     ; CY when WR < WY
        RET
