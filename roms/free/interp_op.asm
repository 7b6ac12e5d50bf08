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
        LD      A, (VALTYP)     ; index: int 0, single 1, double 2
        SRL     A
        CP      4
        JR      NZ, .nd
        DEC     A
.nd:    DEC     A
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
OPTAB:  DW      IADD, SADD, DADD
        DW      ISUB, SSUB, DSUB
        DW      IMUL, SMUL, DMUL
        DW      IDIV, SDIV, DDIV

