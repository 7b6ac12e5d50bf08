; fp_focmp.asm - FOUT's comparison with its bounds (fp_fout.asm), placed
; by fp_layout.asm in a gap of its own.

; Compare |FAC| with constant A (0 lo, 1 hi) of this precision: CY when below.
FOCMP:  CALL    FOCON
        LD      DE,FACEXP
        LD      B,C
.L:     LD      A,(DE)
        CP      (HL)
        RET     NZ
        DEC     HL
        DEC     DE
        DJNZ    .L
        RET                     ; equal: not below
