; entry/messages.asm - 28A7H shows a message; then, by the byte the test puts
; at WHICH, one of the error entries or READY: 0 READY (1A19H), 1 ?SN (1997H),
; 2 ?FC (1E4AH), 3 ?OM (197AH), 4 ?OV (07B2H), 5 ?L3 (012DH), 6 error E = 0EH
; through 19A2H (?OS).

        ORG     7000H
START:  CALL    01C9H
        LD      HL, MSG
        CALL    28A7H
        LD      A, (WHICH)
        ADD     A, A
        LD      E, A
        LD      D, 0
        LD      HL, TARGETS
        ADD     HL, DE
        LD      A, (HL)
        INC     HL
        LD      H, (HL)
        LD      L, A
        LD      E, 0EH
        JP      (HL)

WHICH:  DB      0
TARGETS: DW     1A19H, 1997H, 1E4AH, 197AH, 07B2H, 012DH, 19A2H
MSG:    DB      "MESSAGE FROM 28A7H", 0DH, "SECOND LINE", 0
RESULT:
RESULT_END:
        END     START
