; fp_addn.asm - a helper of fp_arith.asm, placed by fp_layout.asm in a gap
; of its own.

; (DE) += (HL), B bytes from the low end; carry out in CY.
ADDN:   OR      A
.L:     LD      A,(DE)
        ADC     A,(HL)
        LD      (DE),A
        INC     HL
        INC     DE
        DJNZ    .L
        RET
