; dcb.asm - device control blocks: the request dispatcher behind 0013H, 001BH
; and 0023H.
;
; A DCB starts with a type byte whose bits say which requests the device takes
; (1 input, 2 output, 4 control) and the address of its driver. Programs re-point
; the driver address to hook a device (a serial printer driver at 4026H/4027H).
; A driver is entered with C = the character (output), IX = the DCB, and returns
; its result in A; BC, DE, HL and IX are the caller's again afterwards.

; In: B = request bit, A = character, DE = DCB, the caller's BC, HL and IX on
; the stack (DCBGO in restarts.asm).
DCBDISP: PUSH   DE
        PUSH    DE
        POP     IX
        LD      C, A
        LD      A, (DE)
        AND     B
        JR      Z, .done        ; the device does not take this request: A = 0
        LD      L, (IX+1)
        LD      H, (IX+2)
        LD      A, C
        CALL    WHERE + 1       ; (JP (HL): the driver)
.done:  POP     DE
        POP     IX
        POP     HL
        POP     BC
        RET
