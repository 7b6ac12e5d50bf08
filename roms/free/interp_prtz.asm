; interp_prtz.asm - a small piece of PRINT (a gap filler).

; Output the text at HL up to 00H.
PRTZ:   LD      A, (HL)
        OR      A
        RET     Z
        CALL    OUTCH
        INC     HL
        JR      PRTZ
