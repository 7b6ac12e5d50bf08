; fp_rndn.asm - RND(n) on the accumulator (the rules: see fp_rnd.asm).

; XRND: the argument in the accumulator (VALTYP), the result there.
XRND:   CALL    XCINT           ; HL = n (?OV beyond 32767)
        BIT     7,H
        JR      Z,.OK
        LD      E,8             ; ?FC
        JP      ERROR
.OK:    PUSH    HL
        CALL    RND0
        POP     HL
        LD      A,H
        OR      L
        RET     Z               ; RND(0)
        ; r * n, its integer part, plus one
        LD      DE,(FACSNG)
        PUSH    DE
        LD      DE,(FACSNG+2)
        PUSH    DE
        CALL    XMAKINT
        CALL    I2SNG
        LD      HL,FACSNG
        LD      DE,ARG+4
        LD      BC,4
        LDIR                    ; ARG = n
        POP     HL
        LD      (FACSNG+2),HL
        POP     HL
        LD      (FACSNG),HL     ; FAC = r
        CALL    SMUL
        CALL    XINT            ; below 32767: an integer
        LD      HL,(FACSNG)
        INC     HL
        CALL    XMAKINT
        JP      I2SNG

