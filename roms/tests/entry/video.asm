; entry/video.asm - the display entry points: 01C9H (CLS) and 0033H with every
; control code, graphics, space compression, 32-character mode and scrolling.
; Results: the cursor address, cursor flag and port FFH copy after each step.
; Runs under any ROM with Level II's entry points; ends with HALT.

CLS     EQU     01C9H
DSP     EQU     0033H

        ORG     7000H
START:  LD      IX, RESULT
        CALL    CLS
        CALL    STATE
        LD      HL, TEXT1               ; letters, back space, new lines
        CALL    SHOW
        CALL    STATE
        LD      HL, TEXT2               ; cursor movement and erasing
        CALL    SHOW
        CALL    STATE
        LD      HL, TEXT3               ; graphics and space compression
        CALL    SHOW
        CALL    STATE
        LD      A, 17H                  ; 32 characters a line
        CALL    DSP
        CALL    STATE
        LD      HL, TEXT4
        CALL    SHOW
        CALL    STATE
        LD      A, 1CH                  ; home: 64 characters again
        CALL    DSP
        CALL    STATE
        LD      A, 0FH                  ; cursor off, then move it
        CALL    DSP
        LD      A, 1AH
        CALL    DSP
        CALL    STATE
        LD      A, 0EH                  ; cursor on
        CALL    DSP
        CALL    STATE
        LD      B, 20                   ; scroll: twenty numbered lines
        LD      C, 'A'
.lines: LD      A, 0DH
        CALL    DSP
        LD      A, C
        CALL    DSP
        INC     C
        DJNZ    .lines
        CALL    STATE
        DI
        HALT

; Show the text at HL up to 00H through 0033H.
SHOW:   LD      A, (HL)
        OR      A
        RET     Z
        CALL    DSP
        INC     HL
        JR      SHOW

; Append the cursor address, the cursor flag and 403DH to the results.
STATE:  LD      HL, (4020H)
        LD      (IX+0), L
        LD      (IX+1), H
        LD      A, (4022H)
        LD      (IX+2), A
        LD      A, (403DH)
        LD      (IX+3), A
        LD      DE, 4
        ADD     IX, DE
        RET

TEXT1:  DB      "HELLO", 08H, 08H, "P!", 0DH, "LINE TWO", 0AH, "THREE", 0DH, 0
TEXT2:  DB      "ABCDEFGH", 18H, 18H, 18H, 1EH, 0DH, "XYZ", 1BH, "1", 19H, 19H, "2"
        DB      1AH, 1AH, "3", 1DH, "4", 0DH, "LOWER abc", 0DH, 0
TEXT3:  DB      80H, 81H, 0BFH, 0AAH, 0C3H, "*", 0C0H, "+", 0FFH, "#", 0DH, 0
TEXT4:  DB      "WIDE", 08H, "E", 0
RESULT: DS      64, 0
RESULT_END:
        END     START
