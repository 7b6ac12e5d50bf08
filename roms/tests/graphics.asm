; graphics.asm - draws every 2x3 block-graphics character for front-end tests.
;
; Row 8 of the screen gets the 64 graphics codes 80H-BFH in order, row 9 the same
; codes plus 40H (C0H-FFH, which the Model I shows as 80H-BFH), and row 10 the text
; "GRAPHICS OK". Then it waits in a loop. Loads as a /CMD program at 6000H.

VIDEO   EQU     3C00H
ROW8    EQU     VIDEO + 8 * 64

        ORG     6000H
START:  LD      HL, ROW8
        LD      A, 80H
.row8:  LD      (HL), A
        INC     HL
        INC     A
        CP      0C0H
        JR      NZ, .row8
.row9:  LD      (HL), A         ; C0H-FFH
        INC     HL
        INC     A
        JR      NZ, .row9
        LD      DE, MSG
.msg:   LD      A, (DE)
        OR      A
        JR      Z, DONE
        LD      (HL), A
        INC     HL
        INC     DE
        JR      .msg
DONE:   JR      DONE

MSG:    DB      "GRAPHICS OK", 0
        END     START
