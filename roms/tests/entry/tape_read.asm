; entry/tape_read.asm - reading a tape through the ROM: 0293H (motor on, find
; the sync byte, "**" at the top right), 0235H (bytes), 0314H (two bytes into
; HL), 01F8H (motor off). Results: the bytes read and the registers 0235H
; must keep.

        ORG     7000H
START:  CALL    01C9H
        CALL    0293H                   ; motor on, leader, sync
        LD      BC, 1234H
        LD      DE, 5678H
        LD      HL, RESULT
.next:  CALL    0235H
        LD      (HL), A
        INC     HL
        LD      A, (COUNT)
        DEC     A
        LD      (COUNT), A
        JR      NZ, .next
        LD      (HL), C                 ; BC and DE as they came back
        INC     HL
        LD      (HL), B
        INC     HL
        LD      (HL), E
        INC     HL
        LD      (HL), D
        INC     HL
        PUSH    HL
        CALL    0314H                   ; two bytes into HL
        EX      DE, HL
        POP     HL
        LD      (HL), E
        INC     HL
        LD      (HL), D
        CALL    01F8H                   ; motor off
        DI
        HALT

COUNT:  DB      6
RESULT: DS      12, 0
RESULT_END:
        END     START
