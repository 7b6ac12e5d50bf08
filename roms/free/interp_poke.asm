; interp_poke.asm - POKE (a gap filler).

; POKE a, v
POKEST: CALL    ADRBYTE
        LD      (DE), A
        RET
