; entry/rst.asm - the restarts BASIC's code offers machine code: RST 08H
; (syntax check), RST 10H (next character), RST 18H (compare HL, DE), RST 20H
; (type of the accumulator), 000BH (where am I), 1E5AH (decimal number -> DE),
; 0060H (delay), and the key table at 0050H. Flags are kept only where the
; entry point promises them (Z and carry; sign for RST 20H).

        ORG     7000H
START:  CALL    01C9H
        LD      IX, RESULT
        LD      HL, TEXT - 1            ; RST 10H through " 12 A:B" and its end
        LD      B, 7
.next:  RST     10H
        CALL    AFZC
        DJNZ    .next
        LD      HL, PAIRS               ; RST 18H on pairs of numbers
        LD      B, 6
.cmp:   LD      E, (HL)
        INC     HL
        LD      D, (HL)
        INC     HL
        PUSH    HL
        LD      A, (HL)
        INC     HL
        LD      H, (HL)
        LD      L, A
        RST     18H
        CALL    AFZC
        POP     HL
        INC     HL
        INC     HL
        DJNZ    .cmp
        LD      HL, TYPES               ; RST 20H for each type
        LD      B, 4
.type:  LD      A, (HL)
        LD      (40AFH), A
        INC     HL
        RST     20H
        PUSH    AF
        POP     DE
        LD      (IX+0), D
        LD      A, E
        AND     0C1H                    ; sign, zero, carry
        LD      (IX+1), A
        INC     IX
        INC     IX
        DJNZ    .type
        LD      HL, SYNTAX - 1          ; RST 08H: "=" expected and found
        RST     10H
        RST     08H
        DB      '='
        CALL    AFZC
        LD      A, L
        SUB     LOW(SYNTAX)
        LD      (IX+0), A
        INC     IX
        CALL    000BH                   ; HL = this address
HERE:   LD      DE, HERE
        OR      A
        SBC     HL, DE                  ; 0 if 000BH is "where am I"
        LD      (IX+0), L
        LD      (IX+1), H
        INC     IX
        INC     IX
        LD      HL, NUMBER              ; 1E5AH: "1234X" -> DE
        CALL    1E5AH
        LD      (IX+0), E
        LD      (IX+1), D
        LD      (IX+2), A
        LD      DE, NUMBER
        OR      A
        SBC     HL, DE
        LD      (IX+3), L
        INC     IX
        INC     IX
        INC     IX
        INC     IX
        LD      BC, 100                 ; 0060H: A, BC afterwards
        CALL    0060H
        LD      (IX+0), A
        LD      (IX+1), B
        LD      (IX+2), C
        INC     IX
        INC     IX
        INC     IX
        LD      HL, 0050H               ; the key table
        LD      B, 16
.keys:  LD      A, (HL)
        LD      (IX+0), A
        INC     HL
        INC     IX
        DJNZ    .keys
        DI
        HALT

; Append A and the Z and carry flags.
AFZC:   PUSH    AF
        POP     DE
        LD      (IX+0), D
        LD      A, E
        AND     41H
        LD      (IX+1), A
        INC     IX
        INC     IX
        RET

TEXT:   DB      " 12 A:B", 0
PAIRS:  DW      1000H, 1000H, 1000H, 0FFFH, 0FFFH, 1000H, 0, 0FFFFH, 8000H, 7FFFH, 1234H, 1235H
TYPES:  DB      2, 3, 4, 8
SYNTAX: DB      "= 5", 0
NUMBER: DB      "1234X", 0
RESULT: DS      80, 0
RESULT_END:
        END     START
