; interp_gcv3.asm - a small piece of the garbage collector (a gap filler).

; GCVIS for a value of type A (only a string's).
GCV3:   CP      3
        RET     NZ
        JR      GCVIS

