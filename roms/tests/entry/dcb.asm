; entry/dcb.asm - the device control blocks and 0013H/001BH/0023H, 002BH,
; 0033H and 003BH through them: a printer driver and a video driver of our own
; hooked into the DCBs (the way serial printer drivers are installed) receive
; C = the character; registers around the calls; the DCB bytes themselves.

        ORG     7000H
START:  CALL    01C9H
        LD      IX, RESULT
        LD      HL, 4015H               ; the three DCBs as the ROM set them up
        LD      BC, 24
        CALL    COPY
        LD      HL, PDRV                ; our printer driver
        LD      (4026H), HL
        LD      BC, 1234H
        LD      HL, 5678H
        LD      A, 'P'
        CALL    003BH                   ; print through the DCB
        CALL    REGS
        LD      A, 0DH
        CALL    003BH
        LD      A, 'Q'
        LD      DE, 4025H
        CALL    001BH                   ; output to the DCB at DE
        CALL    REGS
        LD      A, 'R'
        LD      DE, 4025H
        CALL    0023H                   ; control request: printers take it
        CALL    REGS
        LD      DE, 4025H               ; input request: printers do not
        LD      A, 'S'
        CALL    0013H
        CALL    REGS
        LD      HL, VDRV                ; our video driver
        LD      (401EH), HL
        LD      A, 'V'
        CALL    0033H
        CALL    REGS
        LD      HL, 0458H               ; give the video its own driver back
        LD      (401EH), HL
        LD      A, 'W'
        CALL    0033H
        LD      DE, 4015H               ; keyboard: nothing pressed
        CALL    0013H
        CALL    REGS
        CALL    002BH
        CALL    REGS
        LD      HL, LOG                 ; what the drivers received
        LD      BC, 8
        CALL    COPY
        LD      A, (LOGN)
        LD      (IX+0), A
        DI
        HALT

; The drivers note C (and the DCB address in IX) and return A = C + 1.
PDRV:   LD      A, C
        CALL    NOTE
        INC     A
        RET
VDRV:   LD      A, C
        OR      80H
        CALL    NOTE
        RET
NOTE:   PUSH    HL
        PUSH    DE
        LD      HL, LOG
        LD      DE, (LOGN)
        LD      D, 0
        ADD     HL, DE
        LD      (HL), A
        LD      HL, LOGN
        INC     (HL)
        POP     DE
        POP     HL
        RET

; Append BC bytes from HL to the results.
COPY:   LD      A, (HL)
        LD      (IX+0), A
        INC     HL
        INC     IX
        DEC     BC
        LD      A, B
        OR      C
        JR      NZ, COPY
        RET

; Append A, B, C, H, L to the results, then set BC and HL to known values.
REGS:   LD      (IX+0), A
        LD      (IX+1), B
        LD      (IX+2), C
        LD      (IX+3), H
        LD      (IX+4), L
        LD      DE, 5
        ADD     IX, DE
        LD      BC, 1234H
        LD      HL, 5678H
        RET

LOGN:   DB      0, 0
LOG:    DS      8, 0
RESULT: DS      96, 0
RESULT_END:
        END     START
