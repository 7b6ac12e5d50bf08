; entry/keys.asm - waiting for keys (0049H), scanning (002BH), and typing lines
; through 0040H and BASIC's 0361H, with ENTER and with BREAK. The test types:
; "A", SHIFT+"A", "1", "!", ENTER, then "HELLO" ENTER, "XY" BREAK,
; "QRS" (left arrow) ENTER, "BASIC LINE" ENTER.

        ORG     7000H
START:  CALL    01C9H
        LD      IX, RESULT
        LD      B, 4                    ; four keys through 0049H
.wait:  PUSH    BC
        CALL    0049H
        POP     BC
        LD      (IX+0), A
        INC     IX
        DJNZ    .wait
.scan:  CALL    002BH                   ; ENTER through 002BH
        OR      A
        JR      Z, .scan
        LD      (IX+0), A
        INC     IX
        CALL    LINE                    ; HELLO
        CALL    LINE                    ; XY + BREAK
        CALL    LINE                    ; QRS, back space
        CALL    0361H                   ; BASIC's line input
        PUSH    AF
        POP     DE
        LD      A, E
        AND     01H
        LD      (IX+0), A
        LD      (IX+1), L
        LD      (IX+2), H
        LD      DE, 3
        ADD     IX, DE
        INC     HL
        LD      B, 12
.copy:  LD      A, (HL)
        LD      (IX+0), A
        INC     HL
        INC     IX
        DJNZ    .copy
        DI
        HALT

; One line through 0040H into BUF (max 10): carry, B, HL, and BUF's 8 bytes.
LINE:   LD      HL, BUF
        LD      B, 8
.clr:   LD      (HL), 0EEH
        INC     HL
        DJNZ    .clr
        LD      HL, BUF
        LD      B, 10
        CALL    0040H
        PUSH    AF
        POP     DE
        LD      A, E
        AND     01H
        LD      (IX+0), A
        LD      (IX+1), B
        LD      (IX+2), L
        LD      (IX+3), H
        LD      DE, 4
        ADD     IX, DE
        LD      HL, BUF
        LD      B, 8
.out:   LD      A, (HL)
        LD      (IX+0), A
        INC     HL
        INC     IX
        DJNZ    .out
        RET

BUF:    DS      16, 0
RESULT: DS      96, 0
RESULT_END:
        END     START
