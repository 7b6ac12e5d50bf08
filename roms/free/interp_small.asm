; interp_small.asm - small pieces of the interpreter, placed in the gaps
; between Level II's pinned addresses. No Level II code was read.

; Is A a letter? Carry if so.
ISLET:  CP      'A'
        CCF
        RET     NC
        CP      'Z' + 1
        RET

; TRON / TROFF.
TRONST: LD      A, 1
        DB      0FEH            ; (CP n: skips the XOR)
TROFFST: XOR    A
        LD      (TRONFLG), A
        RET



