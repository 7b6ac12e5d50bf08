; keyin_log.asm - types lines through the ROM's line input (0040H) and keeps
; them all: each line's characters and its 0DH are appended at LOG, LOGPTR is
; the end so far. Runs for ever; the test reads the log. Works with any ROM
; that has Level II's 0040H.

KEYIN   EQU     0040H

        ORG     7000H
START:  LD      HL, LOG
        LD      (LOGPTR), HL
.line:  LD      HL, LINE
        LD      B, 240
        CALL    KEYIN
        LD      A, B            ; the characters typed, then the 0DH after them
        INC     A
        LD      C, A
        LD      B, 0
        LD      DE, (LOGPTR)
        LDIR
        LD      (LOGPTR), DE
        JR      .line

LOGPTR: DW      0
LINE:   DS      256
LOG:                            ; the log grows from here
        END     START
