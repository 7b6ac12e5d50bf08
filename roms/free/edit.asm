; edit.asm - EDIT, the line editor (Level II BASIC Reference Manual, "EDIT"),
; and the EDIT that follows ?SN in a program line.
;
; The line is spelled out (as LIST shows it) into the input buffer at 41E8H and
; edited there; HL is the cursor in it, B the repeat count typed before a
; command (none or 0 is 1); the line number is kept at 40ECH. Commands, in either case:
;   n SPACE  show n characters    n <-  go back n (erased on the screen)
;   n D      delete n, shown between '!'s
;   n C      the next n characters become the keys typed (any key, as typed)
;   n S c    show up to the n-th c after the cursor (the end if none)
;   n K c    delete up to the n-th c, shown between '!'s
;   I        insert (ESC, i.e. SHIFT up arrow, ends it; <- deletes backwards)
;   X        show the rest and insert at the end   H  delete the rest, insert
;   L        show the rest, then start again at the beginning on a new line
;   A        forget the changes and start again   Q  leave the line as it was
;   E        keep the line                        ENTER  show the rest, keep it
; Keeping the line enters it as if it were typed; then the `>` prompt follows.
; Other keys are ignored.

;
; main.asm includes this file once per piece (EDITPART), each in a gap of the
; ROM: 1 the line spelled out, 11 the command loop, its key table and the
; commands, 13 the EDIT after ?SN, 12 and 14-16 small routines. Token 9DH of STMTAB (interp_kw.asm) is EDITST and
; STOPM (interp_run.asm) ends with JP SNEDIT.

        IF      EDITPART == 1
DOTLIN  EQU     40ECH           ; the line EDIT works on ('.')
; EDIT l, EDIT . : edit a program line (?UL if there is none).
EDITST: SUB     '.'
        JR      Z, EDAGN
        CALL    LINGET
EDLINE: LD      (DOTLIN), DE
        ; spell the line out into the buffer: the video driver is pointed at
        ; EDSTOR meanwhile, which stores at IY
EDAGN:  LD      DE, (DOTLIN)
        CALL    FNDLIN
        JP      NC, ULERR
        LD      A, 0EH          ; the cursor shows while editing
        CALL    DSP
        LD      HL, (VIDDCB + 1)
        PUSH    HL
        LD      HL, EDSTOR
        LD      (VIDDCB + 1), HL
        LD      IY, BUF
        LD      HL, 4
        ADD     HL, BC
        CALL    LISTLN
        LD      (IY + 0), 0
        POP     HL
        LD      (VIDDCB + 1), HL
EDNUM:  LD      HL, (DOTLIN)    ; "nn " and the cursor at the start
        CALL    PRTDEC
        CALL    PRSPC
        LD      HL, BUF
        JP      EDCMD
        ENDIF

        IF      EDITPART == 11
EDCMD:  LD      SP, (STKTOP)    ; each command returns here
        LD      DE, EDCMD
        PUSH    DE
        LD      B, 0
.key:   CALL    KEY
        CALL    UPCASE
        LD      C, A
        SUB     '0'
        CP      10
        JR      NC, .cmd
        LD      C, A            ; a digit of the count: B = B x 10 + digit
        LD      A, B
        ADD     A, A
        ADD     A, A
        ADD     A, B
        ADD     A, A
        ADD     A, C
        LD      B, A
        JR      .key
.cmd:   INC     B
        DEC     B
        JR      NZ, .n
        INC     B
.n:     LD      A, C            ; the key picks the routine, entered with
        CALL    SWITCH          ; HL = the cursor, B = the count
        SWKEY   08H, EDLEFT
        SWKEY   0DH, EDENTER
        SWKEY   ' ', EDRIGHT
        SWKEY   'A', EDAGAIN
        SWKEY   'C', EDCHG
        SWKEY   'D', EDDELN
        SWKEY   'E', EDSAVE
        SWKEY   'H', EDHINS
        SWKEY   'I', EDINS
        SWKEY   'K', EDKILL
        SWKEY   'L', EDLIST
        SWKEY   'Q', RESETR     ; (JP READY, at 06CCH after this piece)
        SWKEY   'S', EDSRCH
        SWKEY   'X', EDXINS
        DB      0FFH

EDLEFT: CALL    EDBACK          ; <-
        RET     Z
        DJNZ    EDLEFT
        RET

EDRIGHT: CALL   EDNEXT          ; SPACE
        RET     Z
        DJNZ    EDRIGHT
        RET

EDLIST: CALL    EDNEXT          ; L
        JR      NZ, EDLIST
        CALL    NEWLN
        JP      EDNUM
EDAGAIN: CALL   PRNL            ; A
        JP      EDAGN

EDENTER: CALL   EDNEXT          ; ENTER: the rest is shown, then the line kept
        JR      NZ, EDENTER
EDSAVE: CALL    NEWLN            ; E
        LD      HL, BUF
        CALL    CRUNCH
        LD      DE, (DOTLIN)
        JP      EDITLN

EDCHG:  LD      A, (HL)         ; C
        OR      A
        RET     Z
        CALL    KEY
        LD      (HL), A
        CALL    EDNEXT
        DJNZ    EDCHG
        RET

EDDELN: CALL    EXCL            ; D
.d1:    CALL    EDDEL
        JR      Z, EXCL
        DJNZ    .d1
; Show '!' (EXCL) or a new line (NEWLN). Change A, DE.
EXCL:   LD      A, '!'
        DB      11H             ; (LD DE, nn: skips the next load)
NEWLN:  LD      A, 0DH
        JP      DSP

EDKILL: LD      IX, EDDEL       ; K
        CALL    EXCL
        CALL    EDFIND
        JR      EXCL

EDSRCH: LD      IX, EDNEXT      ; S
; Repeat the routine at IX (EDNEXT or EDDEL) B times up to the next key typed:
; the character under the cursor, then up to that key's character.
EDFIND: CALL    KEY
        LD      C, A
.n:     CALL    .act
        RET     Z
.m:     LD      A, (HL)
        CP      C
        JR      Z, .hit
        CALL    .act
        RET     Z
        JR      .m
.hit:   DJNZ    .n
        RET
.act:   JP      (IX)

EDHINS: LD      (HL), 0         ; H: the rest goes
        JR      EDINS
EDXINS: CALL    EDNEXT          ; X: to the end
        JR      NZ, EDXINS
EDINS:  CALL    KEY             ; I
        CP      1BH
        RET     Z
        CP      0DH
        JR      Z, EDENTER
        CP      08H
        JR      Z, .bs
        LD      C, A
        PUSH    HL              ; each character moves up one place
.up:    LD      A, (HL)
        LD      (HL), C
        INC     HL
        LD      C, A
        OR      A
        JR      NZ, .up
        LD      (HL), A
        LD      DE, BUF + BUFLEN + 1
        RST     18H             ; carry: the line still fits
        POP     HL
        CALL    NC, DELC        ; (it does not: taken out again, no carry)
        CALL    C, EDNEXT       ; shown, the cursor after it
        JR      EDINS
.bs:    CALL    EDBACK
        CALL    NZ, DELC
        JR      EDINS
        ENDIF

        IF      EDITPART == 12
; Step back one character, erasing it on the screen; Z at the start.
EDBACK: LD      DE, BUF
        RST     18H
        RET     Z
        DEC     HL
        LD      A, 08H
        JP      EDSHOW
        ENDIF

        IF      EDITPART == 13
; After an error message (or BREAK or STOP, which CONT may follow): ?SN in a
; program line goes on to EDIT that line, READY first.
SNEDIT: LD      A, (ERRCODE)
        SUB     2
        LD      HL, (CONTTX)
        OR      H
        OR      L
        JP      NZ, READY
        CALL    DIRECT          ; DE = the line; Z in direct mode
        JP      Z, READY
        PUSH    DE
        LD      HL, READYMSG
        CALL    PRTSTR
        POP     DE
        JP      EDLINE
        ENDIF

        IF      EDITPART == 14
; Show the character at HL and step past it; Z (nothing done) at the end.
EDNEXT: LD      A, (HL)
        OR      A
        RET     Z
        INC     HL
EDSHOW: CALL    DSP             ; (NZ: H is not 0)
        OR      H
        RET
        ENDIF

        IF      EDITPART == 15
; The video driver while the line is spelled out: C into the buffer.
EDSTOR: LD      (IY + 0), C
        INC     IY
        RET
        ENDIF

        IF      EDITPART == 16
; Show the character at HL and delete it; Z (nothing done) at the end.
EDDEL:  LD      A, (HL)
        OR      A
        RET     Z
        CALL    DSP
; Delete the character at HL (NZ).
DELC:   PUSH    HL
.l:     INC     HL
        LD      A, (HL)
        DEC     HL
        LD      (HL), A
        INC     HL
        OR      A
        JR      NZ, .l
        POP     HL
        OR      H
        RET
        ENDIF
