; tape.asm - BASIC programs on tape: CSAVE, CLOAD and CLOAD? (Level II BASIC
; Reference Manual, "CSAVE" and "CLOAD").
;
; A program tape is the leader and sync byte, D3H three times, the name (one
; character), then the program's bytes as they lie in memory from the start of
; the program (40A4H) to the end of its 00 00 marker (40F9H). Reading stops
; after three zero bytes in a row: the last line's end and the end marker.
; The line links on tape are not trusted: they are rebuilt after loading, so a
; program saved at another address loads as well.
;
; main.asm includes this file once per piece (TAPEPART), each in a gap:
; 1 CSAVE, 2 CLOAD, 4-6 small routines.

        IF      TAPEPART == 1
; CSAVE "name": the program to tape.
CSAVEST: CALL   TAPENAME
; Write the program with the name in A. Keeps HL.
CSAVEP: PUSH    HL
        PUSH    AF
        CALL    CWRTONE         ; motor on, leader, sync
        LD      B, 3
.hdr:   LD      A, 0D3H
        CALL    CASOUT
        DJNZ    .hdr
        POP     AF
        CALL    CASOUT          ; the name
        LD      HL, (TXTTAB)
        LD      DE, (VARTAB)
.byte:  RST     18H             ; up to the end of the program
        JR      NC, .end
        LD      A, (HL)
        CALL    CASOUT
        INC     HL
        JR      .byte
.end:   POP     HL
        JP      CASOFF
        ENDIF

        IF      TAPEPART == 2
; CLOAD ["name"] loads a program; CLOAD? ["name"] compares it with the one in
; memory and shows BAD if they differ. ('?' is stored as PRINT's token.)
CLOADST: LD     C, 0            ; C = the name (0: the first program)
        LD      B, C            ; B = 0 load, FFH compare
        JR      Z, .go          ; (the flags as RST 10H left them)
        CP      0B2H
        JR      NZ, .name
        DEC     B
        RST     10H
        JR      Z, .go
.name:  PUSH    BC
        CALL    TAPENAME
        POP     BC
        LD      C, A
; Read the program. C = the name wanted (0: the first one); B = FFH: compare
; with memory instead of loading (CLOAD?), 0: load. A file of another name is
; skipped, its name shown at the top right. A program loaded has no variables
; yet.
.go:    LD      A, B
        OR      A
        CALL    Z, NEWPGM       ; loading: the old program goes first
.find:  CALL    CSRDONE         ; motor, sync, "**"
        LD      E, 3
.hdr:   CALL    CASIN
        CP      0D3H
        JR      NZ, .find
        DEC     E
        JR      NZ, .hdr
        CALL    CASIN           ; the name
        INC     C
        DEC     C
        JR      Z, .load        ; any name will do
        CP      C
        JR      Z, .load
        LD      (3C3EH), A      ; another program: show its name, go on
        JR      .find
.load:  LD      HL, (TXTTAB)
        LD      DE, 3           ; D: not 0 once a byte differs; E: zeros to go
.byte:  CALL    CASIN
        INC     B
        DEC     B
        JR      NZ, .cmp
        LD      (HL), A
.cmp:   CP      (HL)
        JR      Z, .same
        LD      D, H
.same:  INC     HL
        OR      A
        JR      Z, .zero
        LD      E, 4
.zero:  DEC     E
        JR      NZ, .byte
        CALL    CASOFF
        LD      A, D
        INC     B
        CALL    NZ, FIXPGM      ; loaded: links, end, no variables (A = 0)
        OR      A               ; CLOAD?: D is not 0 if something differed
        LD      HL, BADMSG
        CALL    NZ, PRTSTR
        JP      READY
        ENDIF

        IF      TAPEPART == 4
; Rebuild the line links from the lines themselves. Returns A = 0, Z.
RELINK: LD      HL, (TXTTAB)
.line:  LD      A, (HL)         ; a link of 0000H ends the program
        INC     HL
        OR      (HL)
        RET     Z
        LD      D, H            ; DE = the link's second byte
        LD      E, L
        INC     HL              ; skip the line number
        INC     HL
.text:  INC     HL
        LD      A, (HL)
        OR      A
        JR      NZ, .text
        INC     HL              ; HL = the next line
        EX      DE, HL
        LD      (HL), D
        DEC     HL
        LD      (HL), E
        EX      DE, HL
        JR      .line
        ENDIF

        IF      TAPEPART == 5
; The string expression at HL -> A = its first character (0 if it is empty).
TAPENAME: CALL  EVAL
        CALL    CHKSTR
        LD      A, (FAC)
        OR      A
        RET     Z
        LD      DE, (FAC + 1)
        LD      A, (DE)
        RET
        ENDIF

        IF      TAPEPART == 6
BADMSG: DB      "BAD", 0       ; (READY starts the next line)
        ENDIF

; Data files: PRINT #-1 writes one record (leader, sync, what PRINT would
; show but with a ',' for each comma, 0DH); INPUT #-1 reads one into the
; variables as if it were typed (Level II BASIC Reference Manual, "PRINT #-1"
; and "INPUT #-1"). STMTAB's PRINT and INPUT words point at PRINTW and
; INPUTW; PRINT's comma asks TCOMMA for the column; the printer driver passes
; what it gets with OUTDEV 80H on to the tape.

        IF      TAPEPART == 7
; PRINT: PRINT #-1 or the screen's PRINT.
PRINTW: CP      '#'
        JP      NZ, PRINTST
        CALL    TAPEARG
        CALL    CWRTONE         ; motor on, leader, sync
        LD      A, 80H          ; PRINT with OUTDEV 80H: the printer driver
        CALL    LPRINTST + 2    ; passes it on to the tape, a comma is ','
        JP      CASOFF
        ENDIF

        IF      TAPEPART == 8
; INPUT: INPUT #-1 or the keyboard's INPUT.
INPUTW: CP      '#'
        JP      NZ, INPUTST
        CALL    TAPEARG
        LD      (INPTXT), HL    ; (the variables)
        CALL    CSRDONE         ; motor on, sync, "**"
        LD      HL, BUF         ; the record into the input buffer
        PUSH    HL
        LD      B, BUFLEN - 1   ; (the record's first 239 characters at most)
.rd:    CALL    CASIN
        CP      0DH
        JR      Z, .end
        LD      (HL), A
        INC     HL
        DJNZ    .rd
.end:   LD      (HL), 0
        CALL    CASOFF
        POP     DE
        LD      HL, (INPTXT)
        JP      INPUTST.var     ; as if it were typed
        ENDIF

        IF      TAPEPART == 9
; "#-1," at HL (the '#' already seen).
TAPEARG: RST    10H
        RST     08H
        DB      T_MINUS
        RST     08H
        DB      '1'
        RST     08H
        DB      ','
        RET
        ENDIF

        IF      TAPEPART == 10
; PRINT's comma (interp_print.asm calls this for the column): on the tape a
; ','; elsewhere the column, as GETCOL gives it.
TCOMMA: LD      A, (OUTDEV)
        ADD     A, A
        JP      NC, GETCOL
        POP     AF              ; (not back into the zones)
        LD      A, ','
        CALL    OUTCH
        JP      PRLOOP.after
        ENDIF
