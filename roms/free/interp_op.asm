; interp_op.asm - applying a binary operator to the accumulator and ARG.
; No Level II code was read.

; FAC := FAC op ARG (op E as in EVALP; bit 7 = a relation with its mask).
DOOP:   LD      A, E
        OR      A
        JP      M, DOREL
        CP      5
        JP      NC, DOLOGIC
        PUSH    DE
        CALL    UNIFY
        POP     DE
        JR      Z, .str
        LD      A, E
        CP      4
        JP      Z, XPOW         ; ^ (the numeric core makes both single)
        LD      A, (VALTYP)     ; index: 2 4 8 to int 1, single 2, double 0
        RRCA
        AND     3
        LD      C, A
        LD      A, E
        ADD     A, A
        ADD     A, E
        ADD     A, C
        ADD     A, A
        LD      DE, OPTAB
        CALL    TBLGET
        EX      DE, HL
        JP      (HL)
.str:   LD      A, E            ; strings: only + joins them
        OR      A
        JP      NZ, TMERR
        JP      CONCAT
OPTAB:  DW      DADD, IADD, SADD
        DW      DSUB, ISUB, SSUB
        DW      DMUL, IMUL, SMUL
        DW      DDIV, IDIV, SDIV

