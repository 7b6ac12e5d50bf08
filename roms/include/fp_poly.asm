; fp_poly.asm - polynomials for the byte code of fp_math.asm (see there).

; FAC := P(FAC) by Horner's rule; HL -> the coefficients (highest power
; first), the byte code's next byte = the degree.
PBC:    LD      DE,(FPIP)
        LD      A,(DE)
        INC     DE
        LD      (FPIP),DE
        PUSH    HL
        PUSH    AF
        LD      HL,FACSNG
        LD      DE,POLYX
        CALL    LD4
        POP     BC
        POP     HL
        PUSH    BC
        CALL    LDFAC
        POP     BC
.L:     PUSH    BC
        PUSH    HL
        LD      HL,POLYX
        CALL    CMUL
        POP     HL
        CALL    LDARG
        PUSH    HL
        CALL    SADD
        POP     HL
        POP     BC
        DJNZ    .L
        RET
