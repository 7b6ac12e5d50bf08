; fp_sin.asm - SIN and COS (a piece of fp_math.asm, see there).

; COS(x) = SIN(x + pi/2); SIN: u = x / 2 pi, its fraction f folded to
; v in [-1/4, 1/4] (f, 1/2 - f or f - 1), then v * P(v*v).
XCOS:   CALL    XCSNG
        CALL    FPSEQ
        DB      ADDK+K_HP, 0
        JR      SIN1
XSIN:   CALL    XCSNG
SIN1:   CALL    FPSEQ
        DB      DIVK+K_2PI, S_PUSH, S_FLOOR, S_ARG, S_POPF, S_SUB, 0
        LD      A,(FACEXP)
        CP      7FH
        JR      C,.P            ; f < 1/4
        CP      80H
        JR      C,.H            ; 1/4 <= f < 1/2
        JR      NZ,.M           ; f rounded up to 1
        LD      A,(FACEXP-1)
        CP      40H
        JR      NC,.M           ; f >= 3/4
.H:     CALL    FPSEQ
        DB      S_NEG, ADDK+K_HALF, 0
        JR      .P
.M:     CALL    FPSEQ
        DB      SUBK+K_ONE, 0
.P:     CALL    FPSEQ
        DB      S_PUSH, S_ARG, S_MUL, POLYK+K_SIN, 5, S_POPA, S_MUL, 0
        RET
