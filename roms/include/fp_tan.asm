; fp_tan.asm - TAN (a piece of fp_math.asm, see there).

; TAN(x) = SIN(x) / COS(x).
XTAN:   CALL    XCSNG
        CALL    FPUSH
        CALL    XSIN
        CALL    FPOPA
        CALL    FPUSH
        LD      HL,ARG+4
        CALL    LDFAC
        CALL    XCOS
        CALL    FPSEQ
        DB      S_ARG, S_POPF, S_DIV, 0
        RET
