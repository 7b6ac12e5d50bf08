; fp_atn.asm - ATN (a piece of fp_math.asm, see there).

; ATN: odd; beyond 1, pi/2 - ATN(1/x).
XATN:   CALL    XCSNG
        LD      HL,FACEXP-1
        LD      A,(HL)
        PUSH    AF
        RES     7,(HL)
        LD      HL,CPOOL+4*K_ONE
        CALL    LDARG
        CALL    XCMP            ; above 1?
        DEC     A
        JR      NZ,.S
     CALL    FPSEQ
        DB      S_ARG, LDFK+K_ONE, S_DIV, S_PUSH, S_ARG, S_MUL
        DB      POLYK+K_ATN, 8, S_POPA, S_MUL, S_NEG, ADDK+K_HP, 0
        JR      .G
.S:     CALL    FPSEQ
        DB      S_PUSH, S_ARG, S_MUL, POLYK+K_ATN, 8, S_POPA, S_MUL, 0
.G:     POP     AF
        RLA
        RET     NC
        JP      XNEG
