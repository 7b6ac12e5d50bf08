; interp_run.asm - the statement loop (BREAK and SHIFT-@ between statements,
; TRON), the statement dispatch, BREAK, STOP, END and CONT. No Level II
; code was read.

; The statement loop. HL is at the end of the statement just done (':' or
; the line's 00H). Between statements the BREAK key is looked at.
NEWSTT: LD      (SAVTXT), HL
        LD      (SAVSTK), SP
        CALL    KEYCHK          ; BREAK or SHIFT-@ held down?
        LD      A, (HL)
        CP      ':'
        JR      Z, .stmt
        OR      A
        JP      NZ, SNERR
        CALL    DIRECT          ; the end of a line: in direct mode READY
        JP      Z, READY
        INC     HL
        LD      A, (HL)
        INC     HL
        OR      (HL)
        JP      Z, ENDPGM       ; the end of the program
        INC     HL
        LD      E, (HL)
        INC     HL
        LD      D, (HL)
        LD      (CURLIN), DE
        LD      A, (TRONFLG)
        OR      A
        JR      Z, .stmt
        LD      A, '<'          ; TRON: <line> before each line
        CALL    OUTCH
        PUSH    HL
        EX      DE, HL
        CALL    PRTDEC
        POP     HL
        LD      A, '>'
        CALL    OUTCH
.stmt:  RST     10H
        JR      Z, NEWSTT       ; an empty statement
        LD      DE, NEWSTT
        PUSH    DE
; Run the statement whose first character is A (HL at it); returns to NEWSTT.
EXECST: SUB     80H
        JP      C, LETA
        CP      0BCH - 80H
        JP      NC, SNERR
        CP      0A2H - 80H      ; OPEN to SAVE (A2H-ADH) are Disk BASIC's
        JR      C, .tb
        CP      0AEH - 80H
        JP      C, L3ERR
        SUB     0AEH - 0A2H
.tb:    ADD     A, A
        LD      DE, STMTAB
        CALL    TBLGET          ; the routine, with HL (the text) moved on
        PUSH    DE              ; to the next character as RST 10H does
        RST     10H
        RET

; DE := the word at table DE + A. Keeps HL.
TBLGET: EX      DE, HL
        LD      C, A
        LD      B, 0
        ADD     HL, BC
        LD      A, (HL)
        INC     HL
        LD      H, (HL)
        LD      L, A
        EX      DE, HL
        RET

; BREAK is down between statements: the driver reads it (through the RST 28H
; hook, which may turn it off).
; The keys looked at between statements: BREAK or SHIFT-@ held down lets the
; keyboard driver read the key (BREAK stops the program, SHIFT-@ waits for
; another key).
KEYCHK: LD      A, (KBROW6)     ; BREAK
        AND     4
        JR      NZ, BRKKEY
        LD      A, (KBROW0)     ; @ with SHIFT
        RRCA
        RET     NC
        LD      A, (KBROW7)
        RRCA
        RET     NC
BRKKEY: CALL    KBD
        OR      A
        RET     Z
GOTKEY: CP      1
        JR      Z, BREAKP
        CP      60H             ; SHIFT-@: wait for another key
        JP      Z, KEY
        LD      (LASTKEY), A
        RET

; BREAK: "BREAK IN line" (just BREAK in direct mode), then READY.
BREAKP: LD      HL, (SAVTXT)
STOPST: CALL    CONTAT          ; (STOP: CONT goes on after it)
        LD      HL, BRKMSG
; STOP: the message at HL, the line, READY.
STOPP:  CALL    FRESHLN
STOPM:  CALL    PRTSTR
        CALL    DIRECT
        JR      Z, .nl
        PUSH    DE
        LD      HL, INMSG
        CALL    PRTSTR
        POP     HL
        CALL    PRTDEC
.nl:    CALL    NEWLN           ; (the line editor's)
        JP      SNEDIT          ; READY, or EDIT after ?SN in a program
BRKMSG: DB      "Break", 0

ENDPGM: LD      A, (ERRFLG)     ; the end inside the error handler: ?NR
        OR      A
        LD      E, 34
        JP      NZ, ERROR
        DEC     HL              ; the end of the program: CONT may go on
        DEC     HL              ; from the last line's end (and stops again)
; END: READY (CONT can go on after it).
ENDST:  CALL    CONTAT
        JP      READY

; A program stopped at HL: CONT goes on from there (not in direct mode).
CONTAT: CALL    DIRECT
        RET     Z
        LD      (CONTTX), HL
        LD      (CONTLN), DE
        RET

; CONT: go on where BREAK, STOP or END left the program.
CONTST: LD      HL, (CONTTX)
        LD      A, H
        OR      L
        LD      E, 32           ; ?CN
        JP      Z, ERROR
        LD      DE, (CONTLN)
        LD      (CURLIN), DE
        RET
