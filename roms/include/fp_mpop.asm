; fp_mpop.asm - a single from the Z80 stack into ARG (see fp_mstk.asm).

FPOPA:  POP     DE
        POP     HL
        LD      (ARG+4),HL
        POP     HL
        LD      (ARG+6),HL
        PUSH    DE
        RET
