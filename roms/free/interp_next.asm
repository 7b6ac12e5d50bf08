; interp_next.asm - NEXT: the step added, the limit compared (Level II's
; rule: the test is at NEXT). No Level II code was read.

; NEXT [v[,v...]]
NEXTST: LD      DE, 0
        JR      Z, .any
.var:   CALL    PTRGET
.any:   LD      (TMPHL), HL
        CALL    FINDFR
        LD      E, 0            ; ?NF
        JP      NZ, ERROR
        LD      SP, HL          ; inner loops end; the frame is on top
        INC     HL
        LD      E, (HL)         ; the variable
        INC     HL
        LD      D, (HL)
        INC     HL
        LD      A, (HL)
        LD      (VARTYP), A
        LD      (ARGTYP), A
        PUSH    DE
        CALL    MOVFM           ; FAC = v
        LD      HL, 9           ; the step (SP + 2 + 2 + 5)
        CALL    ARGSP
        LD      E, 0
        CALL    DOOP            ; + (the types agree)
        POP     DE
        CALL    ASSIGN          ; v = v + step (FAC keeps it)
        LD      HL, 11          ; compare with the limit (SP + 2 + 9)
        CALL    ARGSP
        CALL    XCMP            ; done when v - limit has the step's sign
        OR      A
        JR      Z, .again
        LD      HL, 4
        ADD     HL, SP
        CP      (HL)
        JR      Z, .done
.again: LD      HL, 13
        ADD     HL, SP
        LD      E, (HL)
        INC     HL
        LD      D, (HL)
        INC     HL
        LD      (CURLIN), DE
        LD      A, (HL)
        INC     HL
        LD      H, (HL)
        LD      L, A
        JP      NEWSTT
.done:  LD      HL, FORSZ
        ADD     HL, SP
        LD      SP, HL
        LD      HL, NEWSTT
        PUSH    HL
        LD      HL, (TMPHL)
        LD      A, (HL)
        CP      ','
        RET     NZ
        RST     10H
        JR      .var

; ARG := the 4 bytes at HL + SP (SP of the caller, + 2).
ARGSP:  ADD     HL, SP
        JP      LDARG           ; (the numeric core's: 4 bytes from HL)
