; fp_mstk.asm - a single on the Z80 stack (helpers of fp_math.asm).

; Push the single in FAC under the return address; pop it into FAC or ARG.
FPUSH:  POP     DE
        LD      HL,(FACSNG+2)
        PUSH    HL
        LD      HL,(FACSNG)
        PUSH    HL
        PUSH    DE
        RET
FPOPF:  POP     DE
        POP     HL
        LD      (FACSNG),HL
        POP     HL
        LD      (FACSNG+2),HL
        PUSH    DE
        RET
