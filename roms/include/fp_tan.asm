; fp_tan.asm - TAN (a piece of fp_math.asm, see there).

; TAN(x) = SIN(x) / COS(x).
XTAN:   CALL    XCSNG
        CALL    FPUSH
        CALL    XCOS
        CALL    FPOPA
        CALL    FPUSH
        LD      HL,ARG+4
        CALL    LDFAC
        CALL    XSIN
        CALL    FPSEQ
        DB      S_POPA, S_DIV, 0
        RET
