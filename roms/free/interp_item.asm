; interp_item.asm - one item of INPUT or DATA text into a variable, as Level
; II is seen to read them: blanks skipped, quoted strings may hold commas, a
; number where one is wanted. No Level II code was read.

; One item of INPUT or DATA text at HL into the variable DE (type VARTYP).
; HL ends at the ',' or end after it; carry if a number was wanted and the
; text is not one.
GETITEM: PUSH   DE
        DEC     HL              ; (past the blanks)
        RST     10H
        LD      A, (VARTYP)
        CP      3
        JR      Z, .str
        CALL    ITEMNUM         ; (not a number: HL stays, and .chk fails)
        JR      .chk
.str:   LD      A, (HL)
        CP      '"'
        JR      NZ, .unq
        CALL    STRLIT
        JR      .chk
.unq:   LD      D, H
        LD      E, L
        LD      B, 0
.u:     LD      A, (HL)
        OR      A
        JR      Z, .ue
        CP      ','
        JR      Z, .ue
        CP      ':'
        JR      Z, .ue
        INC     HL
        INC     B
        JR      .u
.ue:    CALL    SETSTR
.chk:   LD      A, (HL)
        OR      A
        JR      Z, .ok
        CP      ','
        JR      Z, .ok
        CP      ':'
        JR      NZ, .bad
.ok:    POP     DE
        CALL    ASSIGN
        OR      A
        RET
.bad:   POP     DE
        SCF
        RET

