; interp_io.asm - INPUT (prompt, "? ", "?? " for more values, ?REDO,
; ?EXTRA IGNORED) and READ/DATA as Level II is seen to do them. No Level II
; code was read.

INPTXT  EQU     40DCH           ; 2 bytes: INPUT's variable list

; INPUT ["prompt";] v[,v...]
INPUTST: CALL   DIRECT
        LD      E, 22           ; ?ID in direct mode
        JP      Z, ERROR
        LD      A, (HL)
        CP      '"'
        JR      NZ, .np
        CALL    STRLIT
        RST     08H
        DB      ';'
        PUSH    HL
        CALL    PRTSD
        POP     HL
.np:    LD      (INPTXT), HL
.q:     LD      A, '?'
.ask:   CALL    OUTCH
        CALL    PRSPC
        CALL    INLIN
        JP      C, BREAKP
        INC     HL
        EX      DE, HL          ; DE = the typed text
        LD      HL, (INPTXT)
        LD      A, (DE)         ; nothing typed: the variables keep
        OR      A               ; their values
        JP      Z, DATAST
.var:   PUSH    DE
.var2:  LD      A, (HL)
        CALL    PTRGET
        EX      (SP), HL        ; HL = the typed text
        CALL    GETITEM
        JR      C, .redo
        EX      (SP), HL        ; HL = the variables
        LD      A, (HL)
        CP      ','
        JR      NZ, .done
        RST     10H
        EX      (SP), HL
        LD      A, (HL)
        CP      ','
        JR      NZ, .more
        INC     HL
        EX      (SP), HL
        JR      .var2
.more:  POP     HL              ; the typed text ran out: ask with ??
        LD      A, '?'
        CALL    OUTCH
        JR      .np
.done:  POP     DE
        LD      A, (DE)
        OR      A
        RET     Z
        PUSH    HL
        LD      HL, EXTRAMSG
        CALL    PRTSTR
        POP     HL
        RET
.redo:  POP     HL
        LD      HL, REDOMSG
        CALL    PRTSTR
        LD      HL, (INPTXT)
        JR      .q
REDOMSG: DB     "?Redo", 0DH, 0
EXTRAMSG: DB    "?Extra ignored", 0DH, 0

