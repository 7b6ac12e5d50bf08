; printer.asm - the parallel printer driver (the printer DCB's default driver).
;
; The printer port at 37E8H (Model I Technical Reference Manual, printer
; interface): reading gives the status, bit 7 BUSY, bit 6 PAPER OUT, bit 5
; SELECTED, bit 4 NO FAULT; writing latches a byte and strobes it out. The
; driver waits until the printer is selected, has paper, shows no fault and is
; not busy (upper nibble 30H); BREAK gives up the wait. Each carriage return or
; line feed counts a line in 4029H; when it reaches the page length at 4028H the
; count starts again. A form feed (0CH) sends line feeds to the end of the page.

; In: C = character. Out: A = character. Changes HL (the DCB dispatcher
; restores it).
PRTDRV: LD      A, (OUTDEV)     ; PRINT #-1 (OUTDEV 80H): to the tape
        ADD     A, A
        LD      A, C
        JP      C, CASOUT
        CP      0CH
        JR      NZ, PRTOUT
        LD      C, 0AH
.ff:    LD      A, (PRTLINE)    ; line feeds to the end of the page
        OR      A
        LD      A, C
        RET     Z
        CALL    PRTOUT
        JR      .ff
; Send C, counting lines.
PRTOUT: LD      A, (KBROW6)
        AND     04H             ; BREAK held: give up
        JR      NZ, .done
        LD      A, (PRTPORT)
        AND     0F0H
        CP      30H
        JR      NZ, PRTOUT
        LD      A, C
        LD      (PRTPORT), A
        CP      0DH
        JR      Z, .line
        CP      0AH
        JR      NZ, .done
.line:  LD      HL, PRTLPP
        LD      A, (HL)
        INC     HL              ; (PRTLINE)
        INC     (HL)
        CP      (HL)
        JR      NZ, .done
        LD      (HL), 0
.done:  LD      A, C
        RET
