; fp_lenbc.asm - a helper of fp_arith.asm, placed by fp_layout.asm in a gap
; of its own.

; C := FPLEN, B := 0
LENBC:  LD      A,(FPLEN)
        LD      C,A
        LD      B,0
        RET
