; interp_for.asm - FOR/NEXT (Level II's rule: the body runs at least once,
; the test is at NEXT). No Level II code was read.

; FOR v = a TO b [STEP c]: a frame on the stack (low to high): marker 81H,
; variable address, type, the sign of the step (-1, 0, 1), step (4 bytes),
; limit (4 bytes), line, text after
; the FOR statement.
FORST:  CALL    LET
        LD      A, (VARTYP)
        LD      (FORF + 3), A
        LD      (FORF + 1), DE
        AND     9               ; a string (3) or double (8): ?TM
        JP      NZ, TMERR
        RST     08H
        DB      T_TO
        CALL    FORVAL
        LD      DE, FORF + 9
        CALL    .put
        LD      A, (HL)
        CP      T_STEP
        JR      Z, .step
        PUSH    HL
        LD      HL, 1
        CALL    MAKINT
        POP     HL
        CALL    FORCNV
        JR      .st
.step:  RST     10H
        CALL    FORVAL
.st:    LD      DE, FORF + 5
        CALL    .put
        LD      (FORF + 15), HL
        CALL    XSGN            ; the step's sign: -1, 0, 1
        LD      A, (FACSNG)
        LD      (FORF + 4), A
        LD      HL, (CURLIN)
        LD      (FORF + 13), HL
        LD      A, T_FOR
        LD      (FORF), A
        LD      DE, (FORF + 1)  ; a loop on the same variable ends here
        CALL    FINDFR
        POP     BC              ; (the return to NEWSTT)
        JR      Z, .old         ; the new frame goes over the old one
        LD      HL, -FORSZ
        ADD     HL, SP
.old:   LD      SP, HL
        CALL    CHKSTK
        EX      DE, HL
        LD      HL, FORF
        LD      BC, FORSZ
        LDIR
        LD      HL, (FORF + 15)
        JP      NEWSTT
.put:   PUSH    HL              ; FAC's 4 bytes to DE
        LD      HL, FAC + 4
        CALL    LD4             ; (the numeric core's)
        POP     HL
        RET

; A numeric expression converted to the FOR variable's type.
FORVAL: CALL    EVAL
FORCNV: PUSH    HL
        CALL    CHKNUM
        LD      A, (FORF + 3)
        CALL    CONVTO
        POP     HL
        RET

