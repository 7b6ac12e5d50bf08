; entry/printer.asm - the printer's own driver through 003BH: characters,
; carriage returns counted in the printer DCB (4028H lines a page, 4029H the
; count), and a form feed, which ends the page.

        ORG     7000H
START:  CALL    01C9H
        LD      IX, RESULT
        LD      HL, TEXT
.next:  LD      A, (HL)
        OR      A
        JR      Z, .done
        CALL    003BH
        LD      (IX+0), A               ; what the call returned
        LD      A, (4029H)              ; the line count after it
        LD      (IX+1), A
        INC     IX
        INC     IX
        INC     HL
        JR      .next
.done:  LD      A, (4028H)
        LD      (IX+0), A
        DI
        HALT

TEXT:   DB      "AB", 0DH, "C", 0DH, 0DH, 0CH, "D", 0DH, 0
RESULT: DS      20, 0
RESULT_END:
        END     START
