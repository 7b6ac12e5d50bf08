; interp_stmt.asm - statements and functions: FOR/NEXT (Level II's rule: the
; body runs at least once, the test is at NEXT), IF/THEN/ELSE, POKE, OUT,
; DEFINT/SNG/DBL/STR, ERROR, ON GOTO/GOSUB, CLEAR, RANDOM and the functions.
; No Level II code was read.

; IF e THEN stmts|line [ELSE stmts|line]; IF e GOTO line.
IFST:   CALL    EVAL
        LD      A, (HL)
        CP      T_GOTO
        JR      Z, .ok
        RST     08H
        DB      T_THEN
        DEC     HL
.ok:    PUSH    HL
        CALL    TRUTH
        POP     HL
        JR      Z, .else
.do:    RST     10H
        JP      C, GOTOST
        JP      EXECST
.else:  LD      A, (HL)         ; skip to ELSE or the end of the line
        OR      A
        RET     Z
        INC     HL
        CP      T_ELSE
        JR      Z, .els
        CP      '"'
        JR      NZ, .else
.q:     LD      A, (HL)
        OR      A
        RET     Z
        INC     HL
        CP      '"'
        JR      NZ, .q
        JR      .else
.els:   DEC     HL
        JR      .do

; Z if the accumulator is zero (false).
TRUTH:  RST     20H
        JP      Z, TMERR
        CP      2 - 3
        JR      NZ, .f
        LD      HL, (FACSNG)
        LD      A, H
        OR      L
        RET
.f:     LD      A, (FACEXP)
        OR      A
        RET

; POKE a, v
POKEST: CALL    GETNUM
        EX      (SP), HL
        RST     08H
        DB      ','
        CALL    GETBYTE0
        POP     DE
        LD      (DE), A
        RET

; OUT p, v
OUTST:  CALL    GETNUM
        EX      (SP), HL
        RST     08H
        DB      ','
        CALL    GETBYTE0
        POP     DE
        LD      D, A
        LD      A, E
        LD      (OUTPORT + 1), A
        LD      A, D
        JP      OUTPORT

; DEFINT/DEFSNG/DEFDBL/DEFSTR a[-b][,...]
DEFSTR: LD      E, 3
        DB      01H             ; (LD BC, n: skips the next LD E)
DEFINT: LD      E, 2
        DB      01H
DEFSNG: LD      E, 4
        DB      01H
DEFDBL: LD      E, 8
DEFT:   CALL    ISLET
        JP      NC, SNERR
        LD      B, A
        LD      C, A
        RST     10H
        CP      T_MINUS
        JR      NZ, .one
        RST     10H
        CALL    ISLET
        JP      NC, SNERR
        LD      C, A
        RST     10H
.one:   PUSH    HL
        LD      HL, DEFTBL - 'A'
        LD      A, B
        ADD     A, L
        LD      L, A
        JR      NC, .f
        INC     H
.f:     LD      A, C
        SUB     B
        JP      C, SNERR
        INC     A
        LD      B, A
.set:   LD      (HL), E
        INC     HL
        DJNZ    .set
        POP     HL
        LD      A, (HL)
        CP      ','
        RET     NZ
        RST     10H
        JR      DEFT

; ERROR n
ERRORST: CALL   GETBYTE0
        OR      A
        JP      Z, FCERR
        DEC     A
        ADD     A, A
        LD      E, A
        JP      ERROR

; ON n GOTO|GOSUB l1, l2 ...: the n-th line; none if n is 0 or too big.
ONST:   CALL    GETBYTE0
        LD      B, A
        LD      A, (HL)
        CP      T_GOTO
        JR      Z, .ok
        CP      T_GOSUB
        JP      NZ, SNERR
.ok:    LD      C, A
        INC     B
        DEC     B
        JP      Z, DATAST       ; n = 0
.lp:    RST     10H
        DEC     B
        JR      Z, .go
        CALL    LINGET
        CP      ','
        RET     NZ
        JR      .lp
.go:    LD      A, C
        CP      T_GOSUB
        JP      Z, .sub
        JP      GOTOST
.sub:   CALL    LINGET          ; GOSUB returns after the whole statement
        PUSH    DE
        CALL    DATAST
        POP     DE
        JP      GOSUBL

; CLEAR [n]: variables cleared; n bytes of string space.
CLEARST: JR     Z, .keep
        CALL    GETNUM
        EX      DE, HL
        LD      HL, (MEMSIZ)
        OR      A
        SBC     HL, DE
        JP      C, OMERR
        LD      (STKTOP), HL
        POP     HL
.keep:  CALL    CLEARV
        JP      NEWSTK


; SET(x,y), RESET(x,y) and POINT(x,y): the graphics block at x 0-127, y 0-47.
SETST:  LD      C, 1
        JR      GRAPH
RESETST: LD     C, 0
GRAPH:  LD      A, C
        PUSH    AF              ; 1 set, 0 reset, 2 point
        RST     08H
        DB      '('
        CALL    GETBYTE0
        CP      128
        JP      NC, FCERR
        PUSH    AF
        RST     08H
        DB      ','
        CALL    GETBYTE0
        CP      48
        JP      NC, FCERR
        LD      B, A            ; y
        RST     08H
        DB      ')'
        POP     AF
        LD      C, A            ; x
        PUSH    HL
        LD      D, 0            ; row = y / 3, bit = (y mod 3) * 2 + (x and 1)
        LD      A, B
.div:   SUB     3
        JR      C, .r
        INC     D
        JR      .div
.r:     ADD     A, 3
        ADD     A, A
        BIT     0, C
        JR      Z, .e
        INC     A
.e:     LD      B, A
        LD      A, 1
        INC     B
.m:     DEC     B
        JR      Z, .m0
        ADD     A, A
        JR      .m
.m0:    LD      B, A            ; B = the bit
        LD      L, D            ; HL = 3C00H + row * 64 + x / 2
        LD      H, 0
        ADD     HL, HL
        ADD     HL, HL
        ADD     HL, HL
        ADD     HL, HL
        ADD     HL, HL
        ADD     HL, HL
        SRL     C
        LD      A, C
        ADD     A, L
        LD      L, A
        LD      A, H
        ADC     A, 3CH
        LD      H, A
        POP     DE              ; (text pointer)
        POP     AF
        LD      C, A
        LD      A, (HL)
        BIT     7, A
        JR      NZ, .g
        LD      A, 80H          ; a text character becomes an empty block
.g:     DEC     C
        JR      Z, .set
        DEC     C
        JR      Z, .pt
        LD      C, A
        LD      A, B
        CPL
        AND     C
        JR      .w
.set:   OR      B
.w:     LD      (HL), A
        EX      DE, HL
        RET
.pt:    AND     B
        LD      HL, 0
        JR      Z, .p0
        DEC     HL
.p0:    PUSH    DE
        CALL    MAKINT
        POP     HL
        RET

