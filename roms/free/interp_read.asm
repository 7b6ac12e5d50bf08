; interp_read.asm - READ and the search for DATA statements (Level II's
; DATA pointer at 40FFH; the line of the last DATA at 40DAH). No Level II
; code was read.

DATLIN  EQU     40DAH           ; line of the last DATA read

; READ v[,v...]: the next DATA items.
READST: CALL    PTRGET          ; (A = the variable's first letter)
        PUSH    HL
        LD      HL, (DATPTR)
        LD      A, (HL)
        CP      ','
        PUSH    DE
        CALL    NZ, NXTDATA
        POP     DE
        INC     HL
        CALL    GETITEM
        JR      NC, .ok
        LD      HL, (DATLIN)    ; a bad item: ?SN in the DATA line
        LD      (CURLIN), HL
        JP      SNERR
.ok:    LD      (DATPTR), HL
        POP     HL
        LD      A, (HL)
        CP      ','
        RET     NZ
        RST     10H
        JR      READST

