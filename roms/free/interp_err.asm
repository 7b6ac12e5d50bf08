; interp_err.asm - ON ERROR GOTO, RESUME [NEXT|line] and STRING$, as Level II
; is seen to do them: an error in the handler (or ON ERROR GOTO 0 there)
; stops the program with the message of the error being handled. No Level II
; code was read.

SAVSTK  EQU     40E8H           ; the stack when the statement began
ERRTXT  EQU     40EEH           ; 2 bytes: where the failed statement began
ERRFLG  EQU     40F2H           ; not 0 inside the error handler
T_NEXT  EQU     87H

; ERROR's first step: with ON ERROR GOTO set (and outside the handler) go to
; the handler, with the stack as it was when the failed statement began.
TRAP:   LD      HL, ERRFLG
        LD      A, (HL)
        LD      (HL), 0         ; (a message ends the handler)
        OR      A
        RET     NZ
        LD      BC, (ONERR)         ; (E, the error, is kept for the message)
        LD      A, B
        OR      C
        RET     Z
        DEC     (HL)
        LD      HL, (SAVTXT)
        LD      (ERRTXT), HL
        LD      SP, (SAVSTK)
        LD      D, B
        LD      E, C
        CALL    GOTOL
        JP      NEWSTT

; ON ERROR GOTO line (0: none; inside the handler the error then stops the
; program). Reached from ONST.
ONERRST: RST    10H
        RST     08H
        DB      T_GOTO
        CALL    LINGET
        LD      (ONERR), DE
        LD      A, D
        OR      E
        JR      Z, .off
        PUSH    HL              ; the line must exist (?UL)
        CALL    FNDLIN
        POP     HL
        RET     C
        JP      ULERR
.off:
        LD      A, (ERRFLG)
        OR      A
        RET     Z
        CALL    RESUMST.back    ; (the line of the error)
        LD      A, (ERRCODE)
        LD      E, A
        JP      ERROR

; RESUME: the failed statement again; RESUME NEXT: the one after it;
; RESUME line. ?RW outside the handler.
RESUMST: LD     B, A
        LD      A, (ERRFLG)
        OR      A
        LD      E, 36           ; ?RW
        JP      Z, ERROR
        XOR     A
        LD      (ERRFLG), A
        LD      A, B
        CP      T_NEXT
        JR      Z, .next
        CALL    LINGET
        LD      A, D
        OR      E
        JP      NZ, GOTOL
.back:  LD      HL, (ERRLIN)
        LD      (CURLIN), HL
        LD      HL, (ERRTXT)
        RET
.next:  CALL    .back
        LD      A, (HL)         ; at a line's end: past the next line's
        OR      A               ; link and number
        JR      NZ, .sk
        INC     HL
        INC     HL
        INC     HL
        INC     HL
.sk:    INC     HL
        JP      DATAST

