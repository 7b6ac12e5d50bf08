; fp_single.asm - single precision + - * in registers (fast paths with the
; same results as the generic code in fp_arith.asm: the rules are Level II's
; as observed, see tests/fp_model_level2.rs).
;
; SADD SSUB SMUL SDIV: FAC(4121H-4124H) := FAC op ARG(412BH-412EH). All
; registers change, IX and IY too; ARG is changed (SSUB flips its sign).
; Inside: a mantissa is C D E (top to bottom, hidden bit set) with a guard
; byte in A; the exponent is in B; FPSGN holds the result's sign in bit 7.

; Single precision subtraction: x - y = x + (-y).
SSUB:   LD      HL,ARGEXP-1
        LD      A,(HL)
        XOR     80H
        LD      (HL),A
; Single precision addition.
SADD:   LD      A,(ARGEXP)
        OR      A
        RET     Z               ; x + 0 = x
        LD      B,A
        LD      A,(FACEXP)
        OR      A
        LD      HL,ARGEXP
        JP      Z,SCOPY         ; 0 + y = y
        LD      HL,FACEXP
        LD      DE,ARGEXP
        SUB     B               ; ex - ey
        JR      NC,.XBIG
        NEG
        EX      DE,HL           ; ARG has the larger exponent: it is x
.XBIG:  CP      25
        JP      NC,SCOPY        ; y is too small to matter: the result is x
        LD      IXL,A           ; bits to shift y right
        PUSH    DE
        LD      A,(HL)
        LD      (FPEXP),A
        DEC     HL
        LD      A,(HL)
        LD      (FPSGN),A
        LD      C,A
        LD      B,A             ; (the sign again, below)
        SET     7,C
        DEC     HL
        LD      D,(HL)
        DEC     HL
        LD      E,(HL)          ; x = C D E
        POP     HL
        DEC     HL
        LD      A,B
        XOR     (HL)
        LD      (FPTMP),A       ; bit 7: the signs differ
        LD      A,(HL)
        OR      80H
        DEC     HL
        LD      B,(HL)
        DEC     HL
        LD      L,(HL)
        LD      H,A             ; y = H B L
        LD      IXH,0           ; y's guard
.BYTES: LD      A,IXL
        SUB     8
        JR      C,.BITS
        LD      IXL,A
        LD      A,L
        LD      IXH,A
        LD      L,B
        LD      B,H
        LD      H,0
        JR      .BYTES
.BITS:  ADD     A,8
        LD      IXL,A
        LD      A,IXH
        JR      Z,.ALIGN
.BIT:   SRL     H
        RR      B
        RR      L
        RRA
        DEC     IXL
        JR      NZ,.BIT
.ALIGN: LD      IXH,A
        LD      A,(FPTMP)
        OR      A
        JP      M,.DIFF
        LD      A,E
        ADD     A,L
        LD      E,A
        LD      A,D
        ADC     A,B
        LD      D,A
        LD      A,C
        ADC     A,H
        LD      C,A
        LD      A,(FPEXP)
        LD      B,A
        LD      A,IXH
        JR      NC,SROUND       ; the sum of two normalised: top bit set
        RR      C               ; carry out: one place right
        RR      D
        RR      E
        RRA
        INC     B
        JP      Z,OVERR
        JR      SROUND
.DIFF:  LD      A,IXH
        NEG                     ; the guard: 0 - y's
        LD      IXH,A
        LD      A,E
        SBC     A,L
        LD      E,A
        LD      A,D
        SBC     A,B
        LD      D,A
        LD      A,C
        SBC     A,H
        LD      C,A
        JR      NC,.POS
        XOR     A               ; |y| > |x| (same exponent, no guard):
        SUB     E               ; negate, and the sign is y's
        LD      E,A
        LD      A,0
        SBC     A,D
        LD      D,A
        LD      A,0
        SBC     A,C
        LD      C,A
        LD      A,(FPSGN)
        XOR     80H
        LD      (FPSGN),A
.POS:   LD      A,(FPEXP)
        LD      B,A
        LD      A,IXH
        ; fall through

; Normalise C D E A (A = guard) with exponent B, round, store in FAC.
SNORM:  BIT     7,C
        JR      NZ,SROUND
        LD      H,A
        OR      C
        OR      D
        OR      E
        JR      Z,SZERO
        LD      A,H
.BYTE:  INC     C
        DEC     C
        JR      NZ,.BIT
        LD      C,D
        LD      D,E
        LD      E,A
        LD      A,B
        SUB     8
        JR      C,SZERO
        JR      Z,SZERO
        LD      B,A
        XOR     A
        JR      .BYTE
.BIT:   BIT     7,C
        JR      NZ,SROUND
        ADD     A,A
        RL      E
        RL      D
        RL      C
        DJNZ    .BIT
SZERO:  LD      HL,0
        LD      (FACSNG),HL
        LD      (FACSNG+2),HL
        RET
SROUND: ADD     A,A             ; guard bit 7: round up
        JR      NC,SSTORE
        INC     E
        JR      NZ,SSTORE
        INC     D
        JR      NZ,SSTORE
        INC     C
        JR      NZ,SSTORE
        LD      C,80H
        INC     B
        JP      Z,OVERR
SSTORE: LD      A,(FPSGN)
        OR      7FH
        AND     C
        LD      (FACSNG),DE
        LD      L,A
        LD      H,B
        LD      (FACSNG+2),HL
        RET

; FAC := the single whose exponent byte is at HL.
SCOPY:  LD      DE,FACEXP
        LD      BC,4
        LDDR
        RET

; Single precision multiplication.
SMUL:   LD      A,(FACEXP)
        OR      A
        JR      Z,SZERO
        LD      E,A
        LD      A,(ARGEXP)
        OR      A
        JR      Z,SZERO
        LD      L,A
        LD      H,0
        LD      D,H
        ADD     HL,DE
        LD      DE,-128
        ADD     HL,DE           ; ex + ey - 128
        LD      A,H
        OR      A
        JP      M,SZERO         ; below 1: zero
        JP      NZ,OVERR        ; ?OV from the sum alone, as in Level II
        OR      L
        JR      Z,SZERO
        LD      A,L
        LD      (FPEXP),A
        LD      A,(FACEXP-1)
        LD      C,A
        SET     7,C
        LD      HL,ARGEXP-1
        XOR     (HL)
        LD      (FPSGN),A
        LD      DE,(FACSNG)     ; multiplicand C D E
        LD      HL,0            ; product window H L B, guard IXL
        LD      B,L
        LD      IXL,0
        LD      A,(ARG+4)
        CALL    .BYTE
        LD      A,(ARG+5)
        CALL    .BYTE
        LD      A,(ARG+6)
        OR      80H
        CALL    .BYTE
        LD      C,H
        LD      D,L
        LD      E,B
        LD      A,(FPEXP)
        LD      B,A
        LD      A,IXL
        JP      SNORM
; One multiplier byte, bit 0 first: for a 1, add C D E to the window's top;
; then the window (carry, H L B, IXL) moves one place right.
.BYTE:  OR      A
        JR      NZ,.BITS
        LD      A,B             ; a zero byte: the window moves 8 places
        LD      IXL,A
        LD      B,L
        LD      L,H
        LD      H,0
        RET
.BITS:  SCF
        RRA                     ; a marker bit follows the multiplier's bits
.LOOP:  LD      IXH,A
        JR      NC,.SHIFT
        CALL    SADD3
.SHIFT: RR      H
        RR      L
        RR      B
        LD      A,IXL
        RRA
        LD      IXL,A
        LD      A,IXH
        SRL     A
        JR      NZ,.LOOP
        RET

; Single precision division: restoring, one quotient bit a step. The
; exponent rules are Level II's (see DDIV in fp_muldiv.asm).
SDIV:   LD      A,(ARGEXP)
        OR      A
        JR      NZ,DZERR.NZ
DZERR:  LD      E,20            ; ?/0 (also for DDIV and ^)
        JP      ERROR
.NZ:    LD      HL,ARGEXP
        LD      A,(FACEXP)
        OR      A
        JP      Z,SZERO
        CALL    QEXP            ; v = E + 127, E = ex - ey
        JP      Z,SZERO
        LD      (FPEXP),A
        CALL    SGNXY
        LD      A,(HL)
        OR      80H
        LD      C,A
        LD      DE,(ARG+4)      ; divisor C D E
        LD      HL,(FACSNG)
        LD      B,L
        LD      L,H
        LD      A,(FACEXP-1)
        OR      80H
        LD      H,A             ; remainder H L B
        LD      IY,WX           ; quotient, 4 bytes from the bottom (what
                                ; they held is shifted out: 32 bits in all)
        LD      A,H
        CP      C
        JR      NZ,.CMP
        LD      A,L
        CP      D
        JR      NZ,.CMP
        LD      A,B
        CP      E
.CMP:   LD      A,(FPEXP)
        JR      C,.LT1
        ADD     A,2             ; q >= 1: exponent E + 129; E = 128 wraps
        JP      Z,SZERO         ; to 01, E = 127 to 00 (zero), as in Level II
        LD      (FPEXP),A
        CALL    SSUB3
        LD      (IY+0),1        ; the first quotient bit, 31 to go
        LD      IXH,31
        JR      .LOOP
.LT1:   INC     A               ; q < 1: exponent E + 128
        JP      Z,OVERR         ; E = 128
        LD      (FPEXP),A
        LD      (IY+0),0
        LD      IXH,32
.LOOP:  SLA     B
        RL      L
        RL      H
        JR      C,.SUB          ; 25 bits: surely not below the divisor
        CALL    SSUB3
        JR      NC,.ONE
        CALL    SADD3           ; below: add back, quotient bit 0
        OR      A
        JR      .Q
.SUB:   CALL    SSUB3           ; (the borrow is the 25th bit's)
.ONE:   SCF
.Q:     RL      (IY+0)
        RL      (IY+1)
        RL      (IY+2)
        RL      (IY+3)
        DEC     IXH
        JR      NZ,.LOOP
        LD      C,(IY+3)
        LD      D,(IY+2)
        LD      E,(IY+1)
        LD      A,(FPEXP)
        LD      B,A
        LD      A,(IY+0)
        JP      SROUND

; H L B := H L B - C D E, CY = borrow.
SSUB3:  LD      A,B
        SUB     E
        LD      B,A
        LD      A,L
        SBC     A,D
        LD      L,A
        LD      A,H
        SBC     A,C
        LD      H,A
        RET

; H L B := H L B + C D E, CY = carry.
SADD3:  LD      A,B
        ADD     A,E
        LD      B,A
        LD      A,L
        ADC     A,D
        LD      L,A
        LD      A,H
        ADC     A,C
        LD      H,A
        RET
