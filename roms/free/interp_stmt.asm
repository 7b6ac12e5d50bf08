; interp_stmt.asm - statements and functions: FOR/NEXT (Level II's rule: the
; body runs at least once, the test is at NEXT), IF/THEN/ELSE, POKE, OUT,
; DEFINT/SNG/DBL/STR, ERROR, ON GOTO/GOSUB, CLEAR, RANDOM and the functions.
; No Level II code was read.

; FOR v = a TO b [STEP c]: a frame on the stack (low to high): marker 81H,
; variable address, type, step (4 bytes), limit (4 bytes), line, text after
; the FOR statement.
FORST:  CALL    ISLET
        JP      NC, SNERR
        CALL    LETV
        LD      A, (VARTYP)
        LD      (FORF + 4), A
        LD      (FORF + 2), DE
        CP      3
        JP      Z, TMERR
        CP      8
        JP      Z, TMERR
        RST     08H
        DB      T_TO
        CALL    FORVAL
        LD      DE, FORF + 10
        CALL    .put
        LD      A, (HL)
        CP      T_STEP
        JR      Z, .step
        PUSH    HL
        LD      HL, 1
        CALL    MAKINT
        POP     HL
        CALL    FORCNV
        JR      .st
.step:  RST     10H
        CALL    FORVAL
.st:    LD      DE, FORF + 6
        CALL    .put
        LD      (FORF + 16), HL
        LD      DE, (CURLIN)
        LD      (FORF + 14), DE
        LD      A, T_FOR
        LD      (FORF + 1), A
        LD      DE, (FORF + 2)  ; a loop on the same variable ends here
        CALL    FINDFR
        POP     BC              ; (the return to NEWSTT)
        JR      NZ, .new
        LD      DE, FORSZ
        ADD     HL, DE
        LD      SP, HL
.new:   LD      HL, -FORSZ
        ADD     HL, SP
        LD      SP, HL
        CALL    CHKSTK
        EX      DE, HL
        LD      HL, FORF
        LD      BC, FORSZ
        LDIR
        LD      HL, (FORF + 16)
        JP      NEWSTT
.put:   PUSH    HL              ; FAC's 4 bytes to DE
        LD      HL, FAC + 4
        LD      BC, 4
        LDIR
        POP     HL
        RET

; A numeric expression converted to the FOR variable's type.
FORVAL: CALL    EVAL
FORCNV: PUSH    HL
        RST     20H
        JP      Z, TMERR
        LD      A, (FORF + 4)
        CP      2
        JR      Z, .i
        CALL    CSNG
        POP     HL
        RET
.i:     CALL    CINT
        POP     HL
        RET

; NEXT [v[,v...]]
NEXTST: LD      DE, 0
        JR      Z, .any
.var:   CALL    PTRGET
.any:   LD      (TMPHL), HL
        CALL    FINDFR
        LD      E, 0            ; ?NF
        JP      NZ, ERROR
        LD      SP, HL          ; inner loops end; the frame is on top
        INC     HL
        INC     HL
        LD      E, (HL)         ; the variable
        INC     HL
        LD      D, (HL)
        INC     HL
        LD      A, (HL)
        LD      (VARTYP), A
        PUSH    DE
        CALL    MOVFM           ; FAC = v
        LD      HL, 6
        ADD     HL, SP          ; the step (SP + 2 + 6)
        INC     HL
        INC     HL
        LD      DE, ARG + 4
        LD      BC, 4
        LDIR
        LD      A, (VALTYP)
        CP      2
        JR      NZ, .s
        CALL    IADD
        JR      .sum
.s:     CALL    SADD
.sum:   POP     DE
        PUSH    DE
        CALL    ASSIGN          ; v = v + step
        POP     DE
        CALL    MOVFM
        LD      HL, 10          ; compare with the limit
        ADD     HL, SP
        LD      DE, ARG + 4
        LD      BC, 4
        LDIR
        CALL    XCMP
        OR      A
        JR      Z, .again
        LD      B, A            ; the sign of the step
        LD      HL, 9
        ADD     HL, SP
        LD      A, (VARTYP)
        CP      2
        JR      NZ, .sng
        DEC     HL
        DEC     HL
        JR      .sg
.sng:   LD      A, (HL)         ; single: exponent 0 means 0
        OR      A
        JR      Z, .again
        DEC     HL
.sg:    LD      A, (HL)
        RLA
        SBC     A, A            ; -1 if negative, else 0
        OR      1
        CP      B
        JR      Z, .done
.again: LD      HL, 14
        ADD     HL, SP
        LD      E, (HL)
        INC     HL
        LD      D, (HL)
        INC     HL
        LD      (CURLIN), DE
        LD      A, (HL)
        INC     HL
        LD      H, (HL)
        LD      L, A
        JP      NEWSTT
.done:  LD      HL, FORSZ
        ADD     HL, SP
        LD      SP, HL
        LD      HL, NEWSTT
        PUSH    HL
        LD      HL, (TMPHL)
        LD      A, (HL)
        CP      ','
        RET     NZ
        RST     10H
        JP      .var

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
        JR      DEFT
DEFINT: LD      E, 2
        JR      DEFT
DEFSNG: LD      E, 4
        JR      DEFT
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

; RANDOM
RANDST: JP      RANDOM

; RESTORE
RESTST: JP      RESTOR0

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

