; interp_io.asm - INPUT (prompt, "? ", "?? " for more values, ?REDO,
; ?EXTRA IGNORED) and READ/DATA as Level II is seen to do them. No Level II
; code was read.
;
; NOT YET IN THE ROM: main.asm does not include this module because the
; 1800H-2FFFH gaps have no room left for it (it needs about 330 bytes). It
; assembles but has not run; interp_fn.asm still answers INPUT and READ with ?SN
; (arrays with ?BS). Placing it needs room made elsewhere first.

INPTXT  EQU     40DCH           ; 2 bytes: INPUT's variable list
DATLIN  EQU     40DAH           ; line of the last DATA read

; One item of INPUT or DATA text at HL into the variable DE (type VARTYP).
; HL ends at the ',' or end after it; carry if a number was wanted and the
; text is not one.
GETITEM: PUSH   DE
.bl:    LD      A, (HL)
        CP      ' '
        JR      NZ, .go
        INC     HL
        JR      .bl
.go:    LD      A, (VARTYP)
        CP      3
        JR      Z, .str
        LD      A, (HL)
        LD      C, 0
        CP      '+'
        JR      Z, .sg
        CP      '-'
        JR      NZ, .ns
        DEC     C
.sg:    INC     HL
.ns:    DEC     HL
        RST     10H
        JR      C, .num
        CP      '.'
        JR      NZ, .bad
.num:   PUSH    BC
        CALL    NUMLIT
        POP     BC
        INC     C
        JR      NZ, .chk
        PUSH    HL
        CALL    XNEG
        POP     HL
        JR      .chk
.str:   CP      '"'
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

; INPUT ["prompt";] v[,v...]
INPUTST: LD     DE, (CURLIN)
        LD      A, D
        AND     E
        INC     A
        LD      E, 22           ; ?ID in direct mode
        JP      Z, ERROR
        LD      A, (HL)
        CP      '"'
        JR      NZ, .np
        CALL    STRLIT
        RST     08H
        DB      ';'
        PUSH    HL
        LD      HL, FAC
        CALL    PRTSD
        POP     HL
.np:    LD      (INPTXT), HL
        LD      A, '?'
.ask:   CALL    OUTCH
        LD      A, ' '
        CALL    OUTCH
        CALL    INLIN
        JP      C, BREAKP
        INC     HL
        EX      DE, HL          ; DE = the typed text
        LD      HL, (INPTXT)
.var:   PUSH    DE
        LD      A, (HL)
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
        EX      DE, HL
        POP     HL
        JR      .var
.more:  POP     HL              ; the typed text ran out: ask with ??
        LD      (INPTXT), HL
        LD      A, '?'
        CALL    OUTCH
        JR      .ask
.done:  POP     DE
        LD      A, (DE)
        OR      A
        RET     Z
        PUSH    HL
        LD      HL, EXTRAMSG
        JR      .msg
.redo:  POP     HL
        LD      HL, REDOMSG
        CALL    PRTSTR
        LD      HL, (INPTXT)
        LD      A, '?'
        JR      .ask
.msg:   CALL    PRTSTR
        POP     HL
        RET
REDOMSG: DB     "?Redo", 0DH, 0
EXTRAMSG: DB    "?Extra ignored", 0DH, 0

; READ v[,v...]: the next DATA items.
READST: LD      A, (HL)
        CALL    PTRGET
        PUSH    HL
        LD      HL, (DATPTR)
        LD      A, (HL)
        CP      ','
        CALL    NZ, NXTDATA
        INC     HL
        CALL    GETITEM
        JR      NC, .ok
        LD      HL, (DATLIN)    ; a bad item: ?SN in the DATA line
        LD      (CURLIN), HL
        JP      SNERR
.ok:    LD      (DATPTR), HL
        POP     HL
        LD      A, (HL)
        CP      ','
        RET     NZ
        RST     10H
        JR      READST

; From the end of a statement at HL, the next DATA statement: HL at its
; token. ?OD at the end of the program.
NXTDATA: LD     A, (HL)
        OR      A
        JR      NZ, .st
        INC     HL
        LD      A, (HL)
        INC     HL
        OR      (HL)
        LD      E, 6
        JP      Z, ERROR
        INC     HL
        LD      E, (HL)
        INC     HL
        LD      D, (HL)
        LD      (DATLIN), DE
.st:    RST     10H
        CP      T_DATA
        RET     Z
        CP      T_REM
        PUSH    AF
        CALL    Z, REMST
        POP     AF
        CALL    NZ, DATAST
        JR      NXTDATA
