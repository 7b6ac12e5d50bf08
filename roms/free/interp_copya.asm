; interp_copya.asm - a small piece of string space (a gap filler).
; Copy A bytes from HL to DE.
COPYA:  OR      A
        RET     Z
        LD      C, A
        LD      B, 0
        LDIR
        RET
