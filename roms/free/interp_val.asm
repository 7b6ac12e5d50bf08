; interp_val.asm - values into and out of the accumulator: strings by
; descriptor, variables' values, assignment with conversion. No Level II code
; was read.

VARSTR  EQU     40CCH           ; not 0: the accumulator holds a variable's value

; The accumulator := the string of length B at DE. Keeps HL.
SETSTR: XOR     A
        LD      (VARSTR), A     ; a new value, not a variable's
        LD      A, B
        LD      (FAC), A
        LD      (FAC + 1), DE
        CALL    STROUT.end      ; (the type: string)
        JP      FIXSTR.set

; The value of the variable at HL.
VARVAL: CALL    PTRGET
; The accumulator := the value of type VARTYP at DE.
MOVFM:  PUSH    HL
        LD      A, (VARTYP)
        LD      (VALTYP), A
        LD      (VARSTR), A     ; (not 0: a variable's value)
        CALL    FACADR
        EX      DE, HL
        LDIR
        CALL    FIXSTR
        POP     HL
        RET

; HL := where a value of type A sits in the accumulator (FAC for a double or
; a string's descriptor, else FAC + 4); BC := its length.
FACADR: LD      C, A
        LD      B, 0
        LD      HL, FAC
        CP      3
        RET     Z
        CP      8
        RET     Z
        LD      L, LOW(FAC + 4)
        RET

; The accumulator into the variable of type VARTYP at DE (converted to it).
; Keeps HL.
ASSIGN: PUSH    HL
        PUSH    DE
        LD      A, (VARTYP)
        LD      C, A
        CP      3
        JR      Z, .str
        RST     20H
        JP      Z, TMERR
        LD      A, C
        CALL    CONVTO
        JR      .mv
.str:   CALL    CHKSTR
        LD      HL, (FAC + 1)   ; typed in direct mode: into string space
        LD      DE, PROGRAM
        RST     18H
        JR      C, .cp
        LD      A, (VARSTR)     ; another variable's string in string space:
        OR      A               ; a copy of its own (as on Level II)
        JR      Z, .mv
        LD      DE, (FRETOP)
        RST     18H
        JR      C, .mv
.cp:    CALL    STRCOPY
.mv:    LD      A, (VARTYP)
        CALL    FACADR
        POP     DE
        LDIR
        POP     HL
        RET

; The accumulator converted to the numeric type A.
CONVTO: CP      2
        JP      Z, CINT
        CP      4
        JP      Z, CSNG
        JP      CDBL
