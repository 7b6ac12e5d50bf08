; interp_graph.asm - SET, RESET and POINT on the 128 x 48 block screen.
; No Level II code was read.

; SET(x,y), RESET(x,y) and POINT(x,y): the graphics block at x 0-127, y 0-47.
POINTFN: LD     A, 2            ; POINT(x,y)
        DB      01H             ; (LD BC, n: skips the next LD A)
SETST:  LD      A, 1
        DB      0FEH            ; (CP n: skips the XOR)
RESETST: XOR    A
GRAPH:  PUSH    AF              ; 1 set, 0 reset, 2 point
        RST     08H
        DB      '('
        CALL    GETBYTE0
        OR      A               ; (128-255: ?FC)
        JP      M, FCERR
        PUSH    AF
        CALL    COMBYTE
        CP      48
        JP      NC, FCERR
        LD      B, A            ; y
        RST     08H
        DB      ')'
        POP     AF
        LD      C, A            ; x
        PUSH    HL
        LD      D, -1           ; row = y / 3, bit = (y mod 3) * 2 + (x and 1)
        LD      A, B
.div:   INC     D
        SUB     3
        JR      NC, .div
        ADD     A, 3
        SRL     C               ; C = x / 2, carry = x and 1
        ADC     A, A
        LD      B, A
        INC     B
        LD      A, 80H
.m:     RLCA
        DJNZ    .m
        LD      B, A            ; B = the bit
        LD      A, D            ; HL = 3C00H + row * 64 + x / 2
        RRCA
        RRCA
        LD      H, A
        AND     0C0H
        OR      C
        LD      L, A
        LD      A, H
        AND     3
        OR      3CH
        LD      H, A
        POP     DE              ; (text pointer)
        POP     AF
        LD      C, A
        LD      A, (HL)
        OR      A
        JP      M, .g
        LD      A, 80H          ; a text character becomes an empty block
.g:     DEC     C
        JR      Z, .set
        JP      P, .pt
        OR      B               ; reset
        XOR     B
        DB      0FEH            ; (CP n: skips the OR)
.set:   OR      B
        LD      (HL), A
        EX      DE, HL
        RET
.pt:    AND     B               ; POINT: -1 if set, else 0
        PUSH    DE
        JP      BOOLR
