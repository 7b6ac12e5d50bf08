; fp_rndn.asm - RND(n) on the accumulator (the rules: see fp_rnd.asm).

; XRND: the argument in the accumulator (VALTYP), the result there. n is
; made single into ARG first, then r * n, its integer part, plus one.
XRND:   CALL    XCINT           ; HL = n (?OV beyond 32767)
        LD      A,H
        OR      A
        JP      M,FCERR
        OR      L
        JP      Z,RND0          ; RND(0)
        CALL    I2SNG
        CALL    F2ARG4          ; ARG = n
        CALL    RND0
        CALL    SMUL
        CALL    XINT            ; below 32767: an integer
        LD      HL,(FACSNG)
        INC     HL
        CALL    XMAKINT
        JP      I2SNG
