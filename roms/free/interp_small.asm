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

; The number in the accumulator as FOUT writes it, as a string (B = its
; length) in the accumulator. Keeps C.
FOUTS:  CALL    FOUT
        LD      D, H
        LD      E, L
        LD      B, -1
.len:   INC     B
        LD      A, (HL)
        INC     HL
        OR      A
        JR      NZ, .len
        JR      SETSTR
