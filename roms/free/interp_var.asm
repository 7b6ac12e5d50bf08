; interp_var.asm - variables in Level II's layout (type, second letter, first
; letter, value) between VARTAB and ARYTAB; LET and PRINT. No Level II code
; was read.

; The variable named at HL (A = its first letter): DE = its value's address,
; VARTYP = its type; a new one is made (zero, or an empty string).
PTRGET: LD      B, A
        LD      C, 0
        RST     10H
        JR      C, .two
        CALL    ISLET
        JR      NC, .type
.two:   LD      C, A
.more:  RST     10H
        JR      C, .more
        CALL    ISLET
        JR      C, .more
.type:  LD      E, 2
        CP      '%'
        JR      Z, .suf
        INC     E
        CP      '$'
        JR      Z, .suf
        INC     E
        CP      '!'
        JR      Z, .suf
        LD      E, 8
        CP      '#'
        JR      Z, .suf
        LD      A, B            ; the DEF type of its first letter
        ADD     A, LOW(DEFTBL) - 'A'
        LD      E, A
        LD      D, HIGH(DEFTBL)
        LD      A, (DE)
        JR      .typ
.suf:   RST     10H
.find:  LD      A, E
.typ:   LD      (VARTYP), A
        LD      A, (HL)
        CP      '('
        JP      Z, ARRAY
        PUSH    HL
        LD      HL, (VARTAB)
.lp:    LD      DE, (ARYTAB)
        RST     18H
        JR      Z, .new
        CALL    NAMEQ
        JR      Z, .got
        LD      D, 0            ; E = its type = its value's length
        ADD     HL, DE
        JR      .lp
.got:   EX      DE, HL
        POP     HL
        RET
.new:   LD      A, (VARTYP)     ; make room: 3 + type bytes at ARYTAB
        LD      E, A
        ADD     A, 3
        PUSH    BC
        PUSH    DE              ; open A bytes at ARYTAB (the arrays move up)
        LD      C, A
        LD      B, 0
        LD      HL, (STREND)
        PUSH    HL
        ADD     HL, BC
        CALL    CHKMEM
        LD      (STREND), HL
        EX      DE, HL          ; DE = new end
        LD      HL, (ARYTAB)
        PUSH    HL
        ADD     HL, BC
        LD      (ARYTAB), HL
        POP     BC              ; BC = old ARYTAB
        POP     HL              ; HL = old end
        CALL    MOVEUP          ; HL = the new entry
        POP     DE
        POP     BC
        LD      (HL), E         ; HL = the new entry
        INC     HL
        LD      (HL), C
        INC     HL
        LD      (HL), B
        INC     HL
        PUSH    HL
        LD      B, E
.z:     LD      (HL), 0
        INC     HL
        DJNZ    .z
        POP     DE
        POP     HL
        RET

; Z if the entry at HL (a variable's or an array's) is of type VARTYP and
; named C B; HL ends after its name, E holds its type.
NAMEQ:  LD      A, (VARTYP)
        LD      E, (HL)
        XOR     E
        LD      D, A
        INC     HL
        LD      A, (HL)
        XOR     C
        OR      D
        LD      D, A
        INC     HL
        LD      A, (HL)
        XOR     B
        OR      D
        INC     HL
        RET


; A must be a letter, else ?SN.
LETTER: CALL    ISLET
        RET     C
        JP      SNERR

; LET v = expression (also a statement starting with a letter).
LETA:   LD      A, (HL)         ; (a statement starting with a letter)
LETST:
LET:    CALL    LETTER
LETV:   CALL    PTRGET
        PUSH    DE
        LD      A, (VARTYP)
        PUSH    AF
        RST     08H
        DB      T_EQ
        CALL    EVAL
        POP     AF
        LD      (VARTYP), A
        POP     DE
        PUSH    DE
        CALL    ASSIGN
        POP     DE
        RET

