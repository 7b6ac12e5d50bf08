; interp_firstc.asm - a small piece of the string functions (a gap filler).

; The first character of the accumulator's string -> A (?FC for "").
FIRSTC: LD      A, (FAC)
        OR      A
        JP      Z, FCERR
        LD      HL, (FAC + 1)
        LD      A, (HL)
        RET
