; fp_poly.asm - polynomials for the byte code of fp_math.asm (see there).

; FAC := P(FAC) by Horner's rule; HL -> the coefficients (highest power
; first), the byte code's next byte = the degree.
PBC:    PUSH    HL
        LD      HL,FACSNG       ; POLYX := x
        LD      DE,POLYX
        CALL    LD4
        POP     HL
        CALL    LDFAC           ; FAC := the first coefficient
        LD      DE,(FPIP)
        LD      A,(DE)          ; B := the degree
        INC     DE
        LD      (FPIP),DE
        LD      B,A
.L:     PUSH    BC
        PUSH    HL
        LD      HL,POLYX
        CALL    LDARG
        CALL    SMUL
        POP     HL
        CALL    LDARG
        PUSH    HL
        CALL    SADD
        POP     HL
        POP     BC
        DJNZ    .L
        RET
