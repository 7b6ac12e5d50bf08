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
.u:     CALL    ISSEP
        JR      Z, .ue
        INC     HL
        INC     B
        JR      .u
.ue:    CALL    SETSTR
.chk:   CALL    ISSEP
        POP     DE
        SCF
        RET     NZ
        CALL    ASSIGN
        OR      A
        RET

; Z if the character at HL (-> A) ends an item: 00H, ',' or ':'.
ISSEP:  LD      A, (HL)
        OR      A
        RET     Z
        CP      ','
        RET     Z
        CP      ':'
        RET

