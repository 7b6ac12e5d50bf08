; interp_chkstk.asm - a small piece of GOSUB and FOR (a gap filler).

; The stack must keep 60 bytes above the arrays.
CHKSTK: PUSH    HL
        LD      HL, (STREND)
        CALL    CHKMEM
        POP     HL
        RET
