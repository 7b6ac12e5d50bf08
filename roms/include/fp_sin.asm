; fp_sin.asm - SIN and COS (a piece of fp_math.asm, see there).

; COS(x) = SIN(x + pi/2); SIN: u = x / 2 pi, its fraction f, t = f - 1/4
; (rounded: Level II's results for small x keep only the bits that t
; keeps), folded to v in [-1/4, 1/4] (t + 1/4, 1/4 - t or t - 1/4 - 1/2),
; then v * P(v*v).
XCOS:   CALL    XCSNG
        CALL    FPSEQ
        DB      ADDK+K_HP, 0
        JR      SIN1
XSIN:   CALL    XCSNG
SIN1:   CALL    FPSEQ
        DB      DIVK+K_2PI, S_PUSH, S_FLOOR, S_ARG, S_POPF, S_SUB
        DB      SUBK+K_QTR, 0
        LD      A,(FACEXP-1)
        RLA
        JR      C,.A            ; t < 0 (f < 1/4): t + 1/4
        LD      A,(FACEXP)
        CP      80H
        JR      NC,.C           ; t >= 1/2 (f >= 3/4): t - 1/4 - 1/2
        CALL    XNEG            ; 1/4 - t
.A:     CALL    FPSEQ
        DB      ADDK+K_QTR, 0
        JR      .P
.C:     CALL    FPSEQ
        DB      SUBK+K_QTR, SUBK+K_HALF, 0
.P:     CALL    FPSEQ
        DB      S_PUSH, S_ARG, S_MUL, POLYK+K_SIN, 5, S_POPA, S_MUL, 0
        RET
