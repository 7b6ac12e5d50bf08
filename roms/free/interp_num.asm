; interp_num.asm - numbers in program text, DATA and INPUT, and VAL: read by
; the numeric core's FIN (0E6CH). FIN leaves HL right after a suffix (! # %),
; even on a blank, which ends the expression there as on Level II
; (`PRINT 5# +1` prints 5 and 1).

NUMLIT  EQU     FIN

; A number item of DATA or INPUT for a variable of type VARTYP: read from
; double precision for a double variable, else as a program constant (as
; Level II was seen to: READ A# from DATA .1 gives .1 exactly).
ITEMNUM: CP     8               ; (A = VARTYP)
        JR      Z, XFIND
        JR      XFIN            ; (= FIN)

; VAL(s$): the number at the start of the string, read as FIN reads it but
; from double precision (as Level II was seen to); "" gives the integer 0.
VALFN:  CALL    STRARG
        PUSH    HL
        LD      HL, (FAC + 1)
        LD      A, (FAC)
        LD      E, A
        LD      D, 0
        OR      A
        JR      NZ, .go
        EX      DE, HL          ; "": HL = 0
        JP      RETINT
.go:    ADD     HL, DE
        LD      A, (HL)         ; the byte after the string becomes 00H
        PUSH    HL
        PUSH    AF
        LD      (HL), D
        SBC     HL, DE
        CALL    XFIND
        POP     AF
        POP     HL
        LD      (HL), A
        POP     HL
        RET

        INCLUDE "include/fp_fin.asm"    ; FIN's body (owner: the numeric core)
