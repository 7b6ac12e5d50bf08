; lineedit.asm - typing a line: 0040H (KEYIN) and BASIC's line input 0361H.
;
; Keys while typing (Level II BASIC Reference Manual, "Special keys"):
;   ENTER ends the line        BREAK abandons it (carry set on return)
;   left arrow erases the last character      SHIFT left arrow erases the line
;   right arrow types spaces up to the next tab stop (every 8 columns)
;   down arrow is kept in the line as a line feed (the cursor goes down a line)
;   SHIFT right arrow switches to 32 characters a line
;   CLEAR clears the screen and the line typed so far
; The cursor is shown while a line is typed.
; (main.asm includes this file once per piece: LEPART 1 is 0361H's routine,
; at its address; LEPART 2 the rest; LEPART 3 the key-table jump that line
; input, the video driver and EDIT share.)

        IF      LEPART == 1
; 0361H: BASIC's line input: up to 240 characters into the buffer at 41E8H,
; ended with 00H. Returns HL = 41E7H (one before the text, ready for RST 10H),
; C = the characters typed, carry set if BREAK ended the line.
INLIN:  LD      HL, BUF
        LD      B, BUFLEN
        CALL    KEYIN
        PUSH    AF
        LD      C, B
        LD      B, 0
        ADD     HL, BC
        LD      (HL), B
        LD      HL, BUF - 1
        POP     AF
        RET
        ENDIF

        IF      LEPART == 2
; 0040H: HL = buffer, B = most characters. Returns B = characters typed, the
; line in the buffer followed by 0DH, carry set if BREAK ended it. Keeps HL;
; changes DE.
KEYIN:  PUSH    HL
        LD      A, 0EH          ; cursor on
        CALL    DSP
        LD      C, B            ; C = room
        LD      B, 0            ; B = typed
.loop:  LD      DE, .loop       ; each key's routine returns here
        PUSH    DE
        CALL    KEY
        CP      20H
        JR      NC, .store
        CALL    SWITCH
        SWKEY   01H, .brk
        SWKEY   08H, .back
        SWKEY   09H, .tab
        SWKEY   0AH, .store
        SWKEY   0DH, .enter
        SWKEY   18H, .cancel
        SWKEY   19H, .wide
        SWKEY   1FH, .clear
        DB      0FFH
.clear: CALL    CLS             ; CLEAR: new screen, nothing typed
.cancel: CALL   .back           ; SHIFT left arrow: erase what was typed
        JR      NZ, .cancel
        RET
; Erase the last character typed; Z if there was none.
.back:  LD      A, B
        OR      A
        RET     Z
        DEC     HL
        DEC     B
        LD      A, 08H
        JR      .show
.wide:  LD      A, 17H
        JP      DSP
.tab:   LD      A, ' '          ; at least one space, up to a multiple of 8
        CALL    .store
        RET     Z
        LD      A, (CURSOR)
        AND     07H
        JR      NZ, .tab
        RET
; Put A in the buffer and show it, if there is room; Z set when full (the
; byte after the last goes where the line's end will go).
.store: LD      (HL), A
        LD      A, B
        CP      C
        RET     Z
        LD      A, (HL)
        INC     HL
        INC     B
.show:  CALL    DSP
        OR      A               ; NZ (A = the character, not 00H)
        RET
.brk:   SCF
.enter: POP     DE              ; (.loop's return address)
        PUSH    AF
        LD      A, 0DH
        LD      (HL), A
        CALL    DSP
        LD      A, 0FH          ; cursor off
        CALL    DSP
        POP     AF
        POP     HL
        RET
        ENDIF

        IF      LEPART == 3
; Jump by a key table. A = the key; the table follows the CALL: for each key
; (rising, 0FFH ends the table) its byte and the distance from the next byte
; forward to its routine (SWKEY in main.asm makes the pair). The routine is
; entered with A, BC and HL as they were (DE changes) and returns to the
; caller's caller; so does a key not in the table, at once.
SWITCH: EX      (SP), HL        ; HL = the table
.t:     CP      (HL)
        INC     HL
        JR      Z, .hit
        INC     HL
        JR      NC, .t          ; (keys below A)
        POP     HL
        RET
.hit:   LD      E, (HL)
        LD      D, 0
        ADD     HL, DE
        EX      (SP), HL        ; HL as it was, the routine on the stack
        RET
        ENDIF
