; entry/tape_write.asm - writing a tape through the ROM: 0212H (motor on),
; 0287H (leader and sync byte), 0264H (bytes), 01F8H (motor off). The test
; records what reaches the deck. Results: the registers 0264H must keep.

        ORG     7000H
START:  CALL    01C9H
        XOR     A
        CALL    0212H                   ; cassette #1, motor on
        CALL    0287H                   ; leader, sync
        LD      BC, 1234H
        LD      DE, 5678H
        LD      HL, DATA
.next:  LD      A, (HL)
        CALL    0264H
        INC     HL
        LD      A, L
        CP      LOW(DATA_END)
        JR      NZ, .next
        LD      (RESULT), BC
        LD      (RESULT + 2), DE
        CALL    01F8H                   ; motor off
        DI
        HALT

DATA:   DB      55H, "TAPE  ", 3CH, 2, 0, 70H, 0AAH, 0FFH, 0A9H, 78H, 0, 70H, 0, 80H, 7FH, 01H
DATA_END:
RESULT: DS      4, 0
RESULT_END:
        END     START
