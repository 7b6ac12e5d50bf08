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
.ok:    CALL    CHKNUM          ; false if zero (SGN makes it an integer)
        PUSH    HL
        CALL    XSGN
        POP     HL
        LD      A, (FACSNG)
        OR      A
        JR      Z, .else
.do:    RST     10H
        JP      C, GOTOST
        JP      EXECST
.else:  LD      D, 0            ; to this IF's ELSE (an IF passed on the
.nx:    LD      BC, T_IF * 256 + T_ELSE ; way needs an ELSE of its own)
        CALL    SKIPTO
        OR      A
        RET     Z               ; none: the end of the line
        INC     HL
        CP      T_ELSE
        JR      Z, .els
        INC     D
        JR      .nx
.els:   DEC     D
        JP      P, .nx
        DEC     HL
        JR      .do


; OUT p, v
OUTST:  CALL    ADRBYTE
        LD      D, A
        LD      A, E
        LD      (OUTPORT + 1), A
        LD      A, D
        JP      OUTPORT

; a, v -> DE = a (an address), A = v (a byte).
ADRBYTE: CALL   GETNUM
        EX      (SP), HL
        CALL    COMBYTE
        POP     DE
        RET

; DEFINT/DEFSNG/DEFDBL/DEFSTR a[-b][,...]
DEFSTR: LD      E, 3
        DB      01H             ; (LD BC, n: skips the next LD E)
DEFINT: LD      E, 2
        DB      01H
DEFSNG: LD      E, 4
        DB      01H
DEFDBL: LD      E, 8
DEFT:   CALL    LETTER
        LD      B, A
        LD      C, A
        RST     10H
        CP      T_MINUS
        JR      NZ, .one
        RST     10H
        CALL    LETTER
        LD      C, A
        RST     10H
.one:   PUSH    HL
        LD      H, HIGH(DEFTBL)
        LD      A, B
        ADD     A, LOW(DEFTBL) - 'A'
        LD      L, A
        LD      A, C
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
ONST:   CP      9EH             ; ON ERROR GOTO
        JP      Z, ONERRST
        CALL    GETBYTE0
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
.go:    CALL    LINGET
        LD      A, C
        CP      T_GOSUB
        JP      NZ, GOTOL
        CALL    DATAST          ; GOSUB returns after the whole statement
        JP      GOSUBL          ; (DATAST keeps DE)

; CLEAR [n]: variables cleared; n bytes of string space.
CLEARST: JR     Z, .keep
        CALL    EVAL            ; an integer (?OV beyond 32767), not negative
        PUSH    HL
        CALL    CINT
        BIT     7, H
        JP      NZ, FCERR
        EX      DE, HL
        LD      HL, (MEMSIZ)
        OR      A
        SBC     HL, DE
        JP      C, OMERR
        LD      (STKTOP), HL
        POP     HL
.keep:  CALL    CLEARV
        JP      NEWSTK


