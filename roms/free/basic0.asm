; basic0.asm - what BASIC's own code offers machine code before the interpreter
; exists: READY, the error messages, the restart bodies (syntax check, next
; character, compare, type test), line numbers and text output. The interpreter
; (part 3) takes over EXECLN; everything here keeps its published address.

; 1A19H: READY. Machine code jumps here to give control back to BASIC.
READY:  LD      HL, (STKTOP)
        LD      SP, HL
        CALL    FRESHLN
        LD      HL, READYMSG
        CALL    PRTSTR
MAINLP: LD      HL, 0FFFFH      ; direct mode
        LD      (CURLIN), HL
        LD      A, '>'
        CALL    DSP
        CALL    INLIN
        JR      C, MAINLP       ; BREAK: a new prompt
        CALL    EXECLN
        JR      MAINLP


; Start a new line on the screen unless the cursor is already at its start.
FRESHLN: XOR    A               ; messages go to the screen again
        LD      (OUTDEV), A
        LD      A, (CURSOR)
        AND     3FH
        RET     Z
        LD      A, 0DH
        JP      DSP

; 1B49H: forget the program and its variables.
NEWPGM: XOR     A
        LD      HL, PROGRAM - 1
        LD      (HL), A
        INC     HL
        LD      (HL), A
        INC     HL
        LD      (HL), A
        INC     HL
        LD      (VARTAB), HL
        JP      CLEARV

; Errors. E = error number x 2 - 2 (the value ERR gives); the entries below
; are the ones machine code jumps to.
; (DB 01H is LD BC, n: it skips the next entry's LD E.)
SNERR:  LD      E, 2            ; 1997H: ?SN
        DB      01H
OMERR:  LD      E, 12           ; 197AH: ?OM
        DB      01H
FCERR:  LD      E, 8            ; 1E4AH: ?FC (also the USR vector at power-on)
        DB      01H
TMERR:  LD      E, 24           ; ?TM
        DB      01H
MOERR:  LD      E, 40           ; ?MO
        DB      01H
OSERR:  LD      E, 26           ; ?OS
        DB      01H
BSERR:  LD      E, 16           ; ?BS
        DB      01H
L3ERR:  LD      E, 44           ; 012DH: ?L3 (Disk BASIC keywords)
; 19A2H: print ?xx ERROR (and IN line when a program runs), then READY.
ERROR:  LD      A, E
        CP      ERRCODES_END - ERRCODES
        JR      C, .known
        LD      E, 38           ; ?UE
.known: LD      A, E
        LD      (ERRCODE), A
        LD      HL, (CURLIN)
        LD      (ERRLIN), HL
        LD      HL, 0
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

; The two-letter error codes, in error-number order.
ERRCODES: DB    "NFSNRGODFCOVOMULBSDD/0IDTMOSLSSTCNNRRWUEMOFDL3"
ERRCODES_END:
ERRMSG: DB      " Error", 0
INMSG:  DB      " in ", 0
READYMSG: DB    "READY", 0DH, 0

; Print HL as an unsigned decimal number, no spaces (through the numeric
; core's FOUT; the accumulator changes).
PRTDEC: CALL    MAKINT
        CALL    CSNGU
        CALL    FOUT
        INC     HL              ; (the sign's place)
        JP      PRTZ

