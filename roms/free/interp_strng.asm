; interp_strng.asm - STRING$ (and CHR$ through it). No Level II code was read.

; STRING$(n, c or s$): n times the character c (or s$'s first one).
STRNGFN: RST    08H
        DB      '('
        CALL    GETBYTE0
        PUSH    AF
        RST     08H
        DB      ','
        CALL    EVAL
        RST     08H
        DB      ')'
        POP     BC              ; B = n
        PUSH    HL
        PUSH    BC
        RST     20H
        JR      NZ, STRNUM
        CALL    FIRSTC
        JR      STRGO
STRNUM: CALL    FAC2ADR         ; (CHR$ comes in here)
        LD      A, H
        OR      A
        JP      NZ, FCERR
        LD      A, L
STRGO:  POP     BC
        LD      C, A
        LD      A, B
        CALL    GETSPA          ; (keeps BC)
        CALL    SETSTR
        INC     B
        JR      .f
.l:     LD      A, C
        LD      (DE), A
        INC     DE
.f:     DJNZ    .l
        POP     HL
        RET
