; interp_data.asm - finding the next DATA statement for READ. No Level II
; code was read.

; From the end of a statement at HL, the next DATA statement: HL at its
; token. ?OD at the end of the program.
NXTDATA: LD     A, (HL)
        OR      A
        JR      NZ, .st
        INC     HL
        LD      A, (HL)
        INC     HL
        OR      (HL)
        LD      E, 6
        JP      Z, ERROR
        INC     HL
        LD      E, (HL)
        INC     HL
        LD      D, (HL)
        LD      (DATLIN), DE
.st:    RST     10H
        CP      T_DATA
        RET     Z
        CALL    DATAST          ; (a REM's text has no tokens to mistake)
        JR      NXTDATA
