; interp_num.asm - STOP-GAP number reader for the interpreter, until the
; numeric core's FIN (0E6CH) exists: digits (blanks between them skipped),
; '.', an E or D exponent, and the suffixes % ! #. A whole number below 32760
; is an integer; anything else is computed in single precision (a # or D
; suffix converts that single value to double, so long constants lose digits).
; To be replaced by a call of FIN.

NUMLIT: XOR     A
        LD      (NDEC), A       ; bit 7: a point seen; bits 0-6: digits after it
        LD      (NEXP), A
        PUSH    HL
        LD      HL, 0
        CALL    MAKINT
        POP     HL
        LD      A, (HL)
.dig:   CP      '.'
        JR      Z, .pt
        SUB     '0'
        CP      10
        JR      NC, .ndig
        PUSH    HL
        CALL    M10A
        POP     HL
        LD      A, (NDEC)
        OR      A
        JP      P, .nx
        INC     A
        LD      (NDEC), A
.nx:    RST     10H
        JR      .dig
.pt:    LD      A, (NDEC)
        OR      A
        JP      M, .ndig
        LD      A, 80H
        LD      (NDEC), A
        PUSH    HL
        CALL    CSNG
        POP     HL
        JR      .nx
.ndig:  LD      A, (HL)
        CALL    UPCASE
        CP      'E'
        JR      Z, .exp
        CP      'D'
        JR      NZ, .scale
.exp:   PUSH    HL
        CALL    CSNG
        POP     HL
        LD      C, 0            ; C = 0 positive, else negative
        RST     10H
        CP      T_MINUS
        JR      Z, .neg
        CP      '-'
        JR      Z, .neg
        CP      T_PLUS
        JR      Z, .pos
        CP      '+'
        JR      NZ, .ed
.pos:   RST     10H
        JR      .ed
.neg:   DEC     C
        RST     10H
.ed:    LD      B, 0
.el:    LD      A, (HL)
        SUB     '0'
        CP      10
        JR      NC, .ee
        LD      D, A
        LD      A, B
        ADD     A, A
        ADD     A, A
        ADD     A, B
        ADD     A, A
        ADD     A, D
        LD      B, A
        RST     10H
        JR      .el
.ee:    LD      A, B
        INC     C
        JR      NZ, .ep
        NEG
.ep:    LD      (NEXP), A
.scale: LD      A, (NDEC)
        AND     7FH
        LD      B, A
        LD      A, (NEXP)
        SUB     B               ; the power of ten to apply
        PUSH    HL
        CALL    NZ, SCALE
        POP     HL
        LD      A, (HL)         ; suffixes
        CP      '#'
        LD      DE, CDBL
        JR      Z, .suf
        CP      '!'
        LD      DE, CSNG
        JR      Z, .suf
        CP      '%'
        LD      DE, CINT
        RET     NZ
.suf:   CALL    CALLDE
        RST     10H
        RET

; FAC := FAC x 10 + A.
M10A:   LD      E, A
        LD      A, (VALTYP)
        CP      2
        JR      NZ, .sng
        LD      HL, (FACSNG)
        LD      BC, -3276
        ADD     HL, BC
        JR      C, .big
        LD      HL, (FACSNG)
        ADD     HL, HL
        LD      B, H
        LD      C, L
        ADD     HL, HL
        ADD     HL, HL
        ADD     HL, BC
        LD      D, 0
        ADD     HL, DE
        JP      MAKINT
.big:   PUSH    DE
        CALL    CSNG
        POP     DE
.sng:   PUSH    DE
        CALL    TEN
        CALL    SMUL
        CALL    F2A
        POP     DE
        LD      L, E
        LD      H, 0
        CALL    MAKINT
        CALL    CSNG
        JP      SADD

; ARG := 10 (single).
TEN:    LD      HL, 0
        LD      (ARG + 4), HL
        LD      HL, 8420H
        LD      (ARG + 6), HL
        RET

; ARG := FAC (8 bytes).
F2A:    LD      HL, FAC
        LD      DE, ARG
        LD      BC, 8
        LDIR
        RET

; FAC := FAC x 10^A (A signed, not 0), single precision.
SCALE:  PUSH    AF
        CALL    CSNG
        POP     AF
        OR      A
        JP      M, .div
.mul:   PUSH    AF
        CALL    TEN
        CALL    SMUL
        POP     AF
        DEC     A
        JR      NZ, .mul
        RET
.div:   NEG
        LD      (NDEC), A
        CALL    PUSHF
        LD      HL, 1
        CALL    MAKINT
        CALL    CSNG
.p:     CALL    TEN
        CALL    SMUL
        LD      HL, NDEC
        DEC     (HL)
        JR      NZ, .p
        CALL    POPARG          ; ARG = 10^n, FAC = the number
        LD      A, 4
        LD      (ARGTYP), A
        JP      SDIV
