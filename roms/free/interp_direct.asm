; interp_direct.asm - a small piece of the statement loop (a gap filler).

; DE := the current line; Z in direct mode (line FFFFH).
DIRECT: LD      DE, (CURLIN)
        LD      A, D
        AND     E
        INC     A
        RET
