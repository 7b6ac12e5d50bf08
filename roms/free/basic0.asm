; basic0.asm - what BASIC's own code offers machine code before the interpreter
; exists: READY, NEW, the error entries and messages. Each part sits at its
; published address (main.asm includes it with B0PART set), so no jump is
; needed there.

        IF      B0PART == 1
; Errors. E = error number x 2 - 2 (the value ERR gives); the entries below
; are the ones machine code jumps to.
; (DB 01H is LD BC, n: it skips the next entry's LD E.)
OMERR:  LD      E, 12           ; 197AH: ?OM
        DB      01H
OSERR:  LD      E, 26           ; ?OS
        DB      01H
BSERR:  LD      E, 16           ; ?BS
        JR      ERROR
        ENDIF

        IF      B0PART == 2
SNERR:  LD      E, 2            ; 1997H: ?SN
        DB      01H
TMERR:  LD      E, 24           ; ?TM
        DB      01H
MOERR:  LD      E, 40           ; ?MO
        DB      01H
L3ERR:  LD      E, 44           ; 012DH: ?L3 (Disk BASIC keywords)
        ENDIF                   ; (on into ERROR at 19A2H)

        IF      B0PART == 3
; 19A2H: print ?xx ERROR (and IN line when a program runs), then READY.
        ASSERT  $ = L3ERR + 2
ERROR:  LD      A, E
        CP      ERRCODES_END - ERRCODES
        JR      C, .known
        LD      E, 38           ; ?UE
.known: LD      A, E
        LD      (ERRCODE), A
        LD      HL, (CURLIN)
        LD      (ERRLIN), HL
        LD      A, H            ; '.' is the line of the error
        AND     L
        INC     A
        JR      Z, .dir
        LD      (DOTLN), HL
.dir:   LD      HL, 0
        LD      (CONTTX), HL
        LD      (DIMFLG), HL    ; (an error inside DIM ends it)
        CALL    TRAP            ; ON ERROR GOTO
        PUSH    DE
        CALL    FRESHLN
        LD      A, '?'
        CALL    DSP
        POP     DE
        LD      D, 0
        LD      HL, ERRCODES
        ADD     HL, DE
        LD      A, (HL)
        CALL    DSP
        INC     HL
        LD      A, (HL)
        CALL    DSP
        LD      HL, ERRMSG
        JP      STOPM           ; " Error", " in line", READY
        ENDIF

        IF      B0PART == 4
; 1A19H: READY. Machine code jumps here to give control back to BASIC.
READY:  LD      HL, (STKTOP)
        LD      SP, HL
        CALL    FRESHLN
        LD      HL, READYMSG
        CALL    PRTSTR
        LD      HL, 0           ; AUTO ends
        LD      (AUTOINC), HL
MAINLP: LD      HL, 0FFFFH      ; direct mode
        LD      (CURLIN), HL
        LD      HL, (AUTOINC)
        LD      A, H
        OR      L
        JP      NZ, AUTOIN
        LD      A, '>'
        CALL    DSP
        CALL    INLIN
        JR      C, MAINLP       ; BREAK: a new prompt
        CALL    EXECLN
        JR      MAINLP

; Start a new line on the screen unless the cursor is already at its start.
FRESHLN: XOR    A               ; messages go to the screen again
        LD      (OUTDEV), A
        CALL    GETCOL          ; (the screen's, Z at 0)
        RET     Z
        JP      NEWLN           ; (the line editor's: 0DH to the screen)

; Print HL as an unsigned decimal number, no spaces (the numeric core's
; IDIGS makes the digits, as for LINPRT).
PRTDEC: CALL    IDIGS           ; HL = the digits, B = how many
.p:     LD      A, (HL)
        CALL    OUTCH
        INC     HL
        DJNZ    .p
        RET
        ENDIF

        IF      B0PART == 5
; 1B49H: forget the program and its variables.
NEWPGM: XOR     A
        LD      HL, PROGRAM - 1
        LD      (HL), A
        INC     HL
        LD      (HL), A
        INC     HL
        LD      (HL), A
        JP      FIXPGM          ; (the end link: VARTAB after it)
        ENDIF

        IF      B0PART == 6
FCERR:  LD      E, 8            ; 1E4AH: ?FC (also the USR vector at power-on)
        JP      ERROR
        ENDIF
