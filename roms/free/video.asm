; video.asm - the video driver (the video DCB's default driver) and CLS.
;
; Video RAM is 3C00H-3FFFH, 16 lines of 64 characters (Model I Technical
; Reference Manual, video section); port FFH bit 3 selects 32 wide characters,
; which shows only the even addresses, so the driver steps the cursor by 2 in
; that mode. The cursor address is kept at 4020H; 4022H is 0 when the cursor is
; off, otherwise it holds the character the cursor ('_') covers.
;
; Codes (as Level II BASIC's manual and its users rely on them):
;   08H back space and erase        0AH-0DH new line (cleared)
;   0EH cursor on                   0FH cursor off
;   17H 32-character mode           18H/19H/1AH/1BH cursor left/right/down/up
;                                   (wrapping around the line or the screen)
;   1CH home, 64-character mode     1DH start of the line
;   1EH erase to end of line        1FH erase to end of screen
;   20H-3FH stored as they are      40H-7FH stored as 00H-1FH (folded to capitals,
;   80H-BFH graphics blocks                  as Level II stores them)
;   C0H-FFH that many less C0H spaces
; Other codes below 20H do nothing. Reaching the end of the screen scrolls it up.

CURSORCH EQU    5FH

; In: C = character. Out: A = character. Changes BC, DE, HL (the DCB dispatcher
; restores them for its callers).
VIDDRV: LD      HL, (CURSOR)
        CALL    VSWAP           ; give back what the cursor covered (A = C)
        CP      20H
        JR      C, .ctrl
        CP      0C0H
        JR      C, .char
        SUB     0C0H            ; C0H-FFH: spaces
        JR      Z, .done
        LD      B, A
.sp1:   LD      A, ' '
        CALL    VPUT
        DJNZ    .sp1
        JR      .done
.ctrl:  LD      DE, .done       ; each control routine returns to .done
        PUSH    DE
        CP      08H
        JR      Z, VBACK
        CP      0AH
        RET     C
        CP      0EH
        JR      C, VNEWLN
        CP      10H
        JR      NC, .hi
        SUB     0FH             ; 0EH: the cursor (on), 0FH: 0 (off)
        AND     CURSORCH
        LD      (CURFLG), A
        RET
.hi:    CP      17H
        JR      Z, VWIDE
        RET     C
        LD      E, A
        LD      D, 0
        PUSH    HL
        LD      HL, VCTAB - 18H
        ADD     HL, DE
        LD      E, (HL)         ; the routine: its entry + its offset
        ADD     HL, DE
        EX      (SP), HL        ; HL = cursor again, routine on the stack
        RET
.char:  BIT     6, A            ; 40H-7FH
        JR      Z, .put
        AND     1FH
.put:   CALL    VPUT
.done:  LD      (CURSOR), HL
; With the cursor on, swap the character at HL with the one kept at 4022H
; (the cursor's own while the driver works): on the way in the covered
; character goes back, on the way out the cursor is drawn and what it covers
; kept. Returns A = C; changes B.
VSWAP:  LD      A, (CURFLG)
        OR      A
        JR      Z, .ret
        LD      B, (HL)
        LD      (HL), A
        LD      A, B
        LD      (CURFLG), A
.ret:   LD      A, C
        RET

; Routines for 18H-1FH (each entry the offset from itself), entered with HL =
; cursor; they leave the new cursor in HL.
VCTAB:  DB      VLEFT - $
        DB      VRIGHT - $
        DB      VDOWN - $
        DB      VUP - $
        DB      VHOME - $
        DB      VSOL - $
        DB      VEOL - $
        DB      VEOS - $

; 08H: back one place (to the line above from a line's first place, to the
; screen's last place from its first), erased.
VBACK:  CALL    VSTEP           ; (carry clear)
        SBC     HL, DE
        CALL    VWRAP
        LD      (HL), ' '
        RET
VNEWLN: LD      A, L            ; the next line, cleared
        OR      3FH
        LD      L, A
        INC     HL
        CALL    VFIX
        JR      VEOL
VSOL:   LD      A, L
        AND     0C0H
        LD      L, A
        RET
VHOME:  LD      HL, VIDEO
        LD      A, (PORTFF)
        AND     0F7H
        JP      CASPORT         ; (port FFH and its copy at 403DH)
VWIDE:  INC     HL              ; wide characters sit at even addresses
        RES     0, L
        CALL    VFIX
        LD      A, (PORTFF)
        OR      08H
        JP      CASPORT

; The step between characters: 1, or 2 in 32-character mode. Changes A, DE.
VSTEP:  LD      DE, 1
        LD      A, (PORTFF)
        AND     08H
        RET     Z
        INC     E
        RET

; Store A at the cursor and advance it, scrolling at the end of the screen.
VPUT:   LD      (HL), A
        CALL    VSTEP
        ADD     HL, DE
; Scroll if HL has run past the screen; HL moves up with the text.
VFIX:   LD      A, H
        CP      HIGH(VIDEND)
        RET     C
        PUSH    BC
        PUSH    HL
        LD      HL, VIDEO + 64
        LD      DE, VIDEO
        LD      BC, 1024 - 64
        LDIR
        EX      DE, HL          ; the last line blank
        CALL    VEOL
        POP     HL
        LD      DE, -64
        ADD     HL, DE
        POP     BC
        RET

; The cursor moves as Level II was seen to move it: left and right wrap
; around within the line (from its first place to its last and back; right
; moves one place even in 32-character mode), up and down around the screen
; (from the top line to the bottom one and back).
VLEFT:  CALL    VSTEP
        LD      A, L
        SUB     E
        JR      VCOL
VRIGHT: LD      A, L
        INC     A
VCOL:   XOR     L               ; the new column, the same line
        AND     3FH
        XOR     L
        LD      L, A
        RET
VDOWN:  LD      DE, 64
        JR      VMOVE
VUP:    LD      DE, -64
VMOVE:  ADD     HL, DE
VWRAP:  LD      A, H            ; back into 3C00H-3FFFH
        AND     03H
        OR      HIGH(VIDEO)
        LD      H, A
        RET
VEOL:   LD      DE, 003FH       ; to the end of the line
        JR      VFILL
VEOS:   LD      DE, 03FFH       ; to the end of the screen
; Spaces from HL up to the next address whose bits in DE are all 0. Keeps HL.
VFILL:  PUSH    HL
.f:     LD      (HL), ' '
        INC     HL
        LD      A, L
        AND     E
        JR      NZ, .f
        LD      A, H
        AND     D
        JR      NZ, .f
        POP     HL
        RET
