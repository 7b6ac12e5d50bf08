; entry/tape_prog.asm - the program on the test's SYSTEM tape: it writes a
; line into video RAM and halts.

        ORG     7200H
START:  LD      HL, MSG
        LD      DE, 3C00H + 5 * 64
        LD      BC, MSG_END - MSG
        LDIR
        DI
        HALT
MSG:    DB      "LOADED FROM TAPE AND RUNNING"
MSG_END:
        END     START
