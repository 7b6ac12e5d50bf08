; interp_getbyte.asm - byte arguments (a gap filler).

; ',' and a byte expression -> A, HL after it.
COMBYTE: RST    08H
        DB      ','
; A byte expression -> A, HL after it.
GETBYTE0: CALL  GETNUM
        LD      A, H
        OR      A
        JP      NZ, FCERR
        LD      A, L
        POP     HL
        RET
