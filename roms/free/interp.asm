; interp.asm - the BASIC interpreter's core: the keyword table, turning typed
; text into stored tokens (crunch), entering/replacing/deleting program lines
; in Level II's line format (next-line link, line number, text, 00H; the
; program starts at 42E9H and ends with a 00 00 link), LIST, and the loop that
; runs statements one after the other. Token values and the storage format are
; the published ones (the Level II reference manual's token list; the memory
; layout as Level II is seen to keep it). No Level II code was read.

; Work cells of the interpreter (inside Level II's temporary-string area,
; which this interpreter does not use for descriptors).
FORF    EQU     40B5H           ; 17 bytes: a FOR frame being built
TMPHL   EQU     40C8H           ; 2 bytes: a saved text pointer
ARGTYP  EQU     40CAH           ; type of the value in ARG
VARTYP  EQU     40CBH           ; type of the variable PTRGET found
NDEC    EQU     40CCH           ; number reader: digits after the point
NEXP    EQU     40CDH           ; number reader: exponent
NDBL    EQU     40CEH           ; number reader: 8 = double wanted
CONTLN  EQU     40F5H           ; CONT: line
CONTTX  EQU     40F7H           ; CONT: text pointer (0 = cannot continue)
SAVTXT  EQU     40E6H           ; the statement being run
FORSZ   EQU     17              ; bytes of a FOR frame on the stack (as
                                ; Level II's: MEM agrees inside loops)

; Tokens the interpreter looks for.
T_ELSE  EQU     95H
T_REM   EQU     93H
T_DATA  EQU     88H
T_GOTO  EQU     8DH
T_GOSUB EQU     91H
T_IF    EQU     8FH
T_FOR   EQU     81H
T_TAB   EQU     0BCH
T_TO    EQU     0BDH
T_THEN  EQU     0CAH
T_NOT   EQU     0CBH
T_STEP  EQU     0CCH
T_PLUS  EQU     0CDH
T_MINUS EQU     0CEH
T_EQ    EQU     0D5H
T_APOS  EQU     0FBH

; Run a typed line (HL = 41E7H, the text at 41E8H): a line number first means
; the line goes into the program, otherwise it is run at once.
EXECLN: RST     10H
        JR      C, .line
        OR      A
        RET     Z               ; an empty line
        CALL    CRUNCH
        LD      HL, BUF - 1
        LD      (HL), ':'
        CALL    NEWSTK          ; direct statements start with an empty stack
        RET
.line:  CALL    LINGET          ; DE = line number
EXLINE: PUSH    DE              ; (AUTO's lines come in here)
        CALL    CRUNCH
        POP     DE
        JP      EDITLN

; A fresh stack: the bottom of the FOR/GOSUB frames (0) and a return to
; NEWSTT under the caller's return. Keeps the flags and HL.
NEWSTK: POP     BC
        LD      SP, (STKTOP)
        LD      DE, 0
        PUSH    DE
        LD      DE, NEWSTT
        PUSH    DE
        PUSH    BC
        RET

; Crunch the text at HL (ended by 00H) into tokens, stored from BUF on. The
; text is first copied to free memory, so BUF can take the result.
CRUNCH: LD      DE, (STREND)
        PUSH    DE
        CALL    COPYZ
        POP     HL
        LD      DE, BUF
        LD      C, 0            ; 0 plain, +1 in quotes, 2 DATA
.next:  LD      A, (HL)
        LD      (DE), A
        OR      A
        RET     Z
        INC     HL
        LD      B, A
        CP      '"'
        JR      NZ, .noq
        LD      A, C
        XOR     1
        LD      C, A
        JR      .keep
.noq:   BIT     0, C
        JR      NZ, .keep       ; inside quotes
        BIT     1, C
        JR      Z, .plain
        CP      ':'             ; DATA runs to the end of the statement
        JR      NZ, .keep
        LD      C, 0
.keep:  INC     DE
        JR      .next
.plain: CP      '?'
        LD      A, 0B2H         ; ? is PRINT
        JR      Z, .tok
        LD      A, B            ; (the up arrow comes as '[': keyword D1H)
        CP      27H             ; ' is stored as :REM'
        JR      NZ, .kw
        LD      A, ':'
        LD      (DE), A
        INC     DE
        LD      A, T_REM
        LD      (DE), A
        INC     DE
        LD      A, T_APOS
        JR      .rem
.kw:    SUB     '0'             ; (B keeps the character)
        CP      10
        JR      C, .upper       ; digits never start a keyword
.try:   DEC     HL
        PUSH    BC
        PUSH    DE
        CALL    MATCHKW
        POP     DE
        POP     BC
        JR      NC, .noKW
        CP      T_ELSE
        JR      NZ, .nels
        LD      B, A
        LD      A, ':'          ; ELSE is stored with a colon in front
        LD      (DE), A
        INC     DE
        LD      A, B
.nels:  CP      T_REM
        JR      Z, .rem
        CP      T_DATA
        JR      NZ, .tok
        LD      C, 2
.tok:   LD      (DE), A
        JR      .keep
.noKW:  INC     HL
.upper: LD      A, B
        CALL    UPCASE
        JR      .tok
.rem:   LD      (DE), A         ; REM and ': the rest as typed
        INC     DE
; Copy the text at HL up to its 00H (copied too) to DE.
COPYZ:  LD      A, (HL)
        LD      (DE), A
        INC     HL
        INC     DE
        OR      A
        JR      NZ, COPYZ
        RET

; The keyword at HL, the first in token order: carry, A = token, HL after it;
; no carry and HL unchanged if none.
MATCHKW: LD     DE, KWTAB
        LD      B, 80H
.kw:    PUSH    HL
.ch:    LD      A, (DE)
        AND     7FH
        LD      C, A
        LD      A, (HL)
        CALL    UPCASE
        CP      C
        JR      NZ, .miss
        INC     HL
        LD      A, (DE)
        INC     DE
        RLA                     ; bit 7 marks the keyword's last character
        JR      NC, .ch
        POP     DE              ; (the caller keeps its DE)
        LD      A, B
        RET                     ; (carry)
.miss:  POP     HL
.skip:  LD      A, (DE)
        INC     DE
        RLA
        JR      NC, .skip
        INC     B
        LD      A, B
        CP      T_APOS          ; ' is handled by the caller
        JR      NZ, .kw
        RET                     ; (equal: no carry)

; Line DE: the first program line whose number is DE or more -> BC; carry
; if its number is DE.
FNDLIN: LD      HL, (TXTTAB)
.lp:    LD      B, H
        LD      C, L
        LD      A, (HL)
        INC     HL
        OR      (HL)
        RET     Z               ; the end (no carry)
        INC     HL
        LD      A, (HL)
        INC     HL
        LD      H, (HL)
        LD      L, A
        RST     18H
        JR      NC, .ge
        LD      H, B
        LD      L, C
        LD      A, (HL)
        INC     HL
        LD      H, (HL)
        LD      L, A
        JR      .lp
.ge:    RET     NZ
        SCF
        RET

; Put line DE (crunched text in BUF) into the program: an old line of that
; number goes, an empty text only deletes. Then variables are cleared.
EDITLN: LD      (DOTLN), DE     ; '.' is the line typed
        PUSH    DE
        CALL    FNDLIN
        JR      NC, .ins
        LD      H, B            ; delete the old line
        LD      L, C
        CALL    DELLNS
.ins:   LD      HL, BUF         ; room: text + 00 + link + number
        XOR     A
        CP      (HL)
        JR      Z, .done        ; no text: nothing to insert
        LD      DE, 4
.len:   INC     DE
        CP      (HL)
        INC     HL
        JR      NZ, .len
        LD      HL, (VARTAB)
        PUSH    HL
        ADD     HL, DE
        CALL    CHKMEM
        LD      (VARTAB), HL
        EX      DE, HL          ; DE = new end
        POP     HL              ; HL = old end
        CALL    MOVEUP          ; HL = the new line's place
        POP     DE              ; its number
        PUSH    DE
        LD      (HL), 1         ; a link that is not the end (relinked below)
        INC     HL
        INC     HL
        LD      (HL), E
        INC     HL
        LD      (HL), D
        INC     HL
        EX      DE, HL
        LD      HL, BUF
        CALL    COPYZ
.done:  POP     DE
        CALL    FIXPGM
.sp:    LD      SP, (STKTOP)
        JP      MAINLP

; Delete the program's bytes from BC up to the line that the link at HL
; points to (lines BC to HL). Keeps BC.
DELLNS: LD      E, (HL)
        INC     HL
        LD      D, (HL)
        PUSH    BC
        LD      HL, (VARTAB)
        OR      A
        SBC     HL, DE
        LD      B, H
        LD      C, L
        EX      DE, HL
        POP     DE
        PUSH    DE
        LDIR
        LD      (VARTAB), DE
        POP     BC
        RET

; Move the bytes from BC up to HL so that they end at DE; HL := BC.
MOVEUP: PUSH    BC
        PUSH    HL
        OR      A
        SBC     HL, BC          ; bytes to move up
        LD      B, H
        LD      C, L
        POP     HL
        LD      A, B
        OR      C
        JR      Z, .none
        DEC     HL
        DEC     DE
        LDDR
.none:  POP     HL
        RET

; ?OM unless HL is well below the stack.
CHKMEM: PUSH    HL
        PUSH    DE
        EX      DE, HL
        LD      HL, -60
        ADD     HL, SP
        RST     18H             ; (SP - 60) - HL
        POP     DE
        POP     HL
        RET     NC
        JP      OMERR

; The program changed: the links again, its end, no variables.
FIXPGM: CALL    RELINK
        INC     HL
        LD      (VARTAB), HL
                                ; (on into CLEARV)

; Forget the variables and arrays, the strings, the DATA pointer, the types.
; Keeps the flags.
CLEARV: PUSH    HL
        LD      HL, (VARTAB)
        LD      (ARYTAB), HL
        LD      (STREND), HL
        LD      HL, (MEMSIZ)
        LD      (FRETOP), HL
        LD      HL, DEFTBL
        LD      B, 26
.def:   LD      (HL), 4
        INC     HL
        DJNZ    .def
        LD      HL, 0
        LD      (ONERR), HL
        LD      (CONTTX), HL
        JR      RESTOR0.r       ; (and RESTORE)

; RESTORE: READ starts again with the first DATA.
RESTOR0: PUSH   HL
.r:     LD      HL, (TXTTAB)
        DEC     HL
        LD      (DATPTR), HL
        POP     HL
        RET

; REM, ELSE (reached after THEN's statements): skip the rest of the line.
REMST:  LD      C, 0
        DB      11H             ; (LD DE, n: skips the next LD C)
; DATA: skip to the end of the statement.
DATAST: LD      C, ':'
        LD      B, C
; Skip to the character C or B (HL at it, Z) or the line's end (A = 0), but
; not inside quotes.
SKIPTO: LD      A, (HL)
        OR      A
        RET     Z
        CP      C
        RET     Z
        CP      B
        RET     Z
        INC     HL
        CP      '"'
        JR      NZ, SKIPTO
.q:     LD      A, (HL)
        OR      A
        RET     Z
        INC     HL
        CP      '"'
        JR      NZ, .q
        JR      SKIPTO

; NEW: no program, no variables, a clear screen.
NEWST:  CALL    NEWPGM
        CALL    CLS
        JP      READY

; RUN [line]: variables cleared, from the first line or the given one.
RUNST:  CALL    CLEARV          ; (both keep the flags)
        CALL    NEWSTK
        JR      C, GOTOST       ; RUN line
        JP      NZ, SNERR
        LD      HL, (DATPTR)    ; = TXTTAB - 1 (CLEARV's RESTORE): the 00H
        JR      ULERR.cur       ; before the first line; CURLIN anything but
                                ; FFFFH

; GOTO line.
GOTOST: CALL    LINGET
; Go to line DE.
GOTOL:  CALL    FNDLIN          ; (keeps DE)
ULERR:  LD      E, 14           ; ?UL (when reached with no carry)
        JP      NC, ERROR
        LD      H, B            ; HL = the 00H in front of the line: NEWSTT
        LD      L, C            ; starts the line from there
        DEC     HL
        CALL    DIRECT          ; a program keeps its line until the new one
        RET     NZ              ; starts (BREAK on the way: BREAK IN this line)
.cur:   LD      (CURLIN), HL    ; direct mode: anything but FFFFH
        RET

; GOSUB line: a frame (marker 91H, line, text after GOSUB line).
GOSUBST: CALL   LINGET
; GOSUB line DE, coming back to HL.
GOSUBL: POP     BC
        PUSH    HL
        LD      HL, (CURLIN)
        PUSH    HL
        LD      A, T_GOSUB
        PUSH    AF
        INC     SP              ; (5 bytes, as Level II's: MEM agrees)
        PUSH    BC
        CALL    CHKSTK
        JR      GOTOL

; RETURN: back after the last GOSUB (FOR frames above it go).
RETST:  LD      DE, 0FFFFH
        CALL    FINDFR
        CP      T_GOSUB
        LD      E, 4            ; ?RG
        JP      NZ, ERROR
        LD      SP, HL
        INC     SP
        POP     HL
        LD      (CURLIN), HL
        POP     HL
        JP      NEWSTT

; The first FOR frame for the variable at DE (0: any) on the stack above the
; caller's caller -> HL, Z. NZ with A = the marker of the first frame that
; is not a FOR frame.
FINDFR: LD      HL, 4
        ADD     HL, SP
.lp:    LD      A, (HL)
        CP      T_FOR
        RET     NZ
        LD      A, D
        OR      E
        RET     Z
        PUSH    HL
        INC     HL
        LD      A, (HL)
        INC     HL
        LD      H, (HL)
        LD      L, A
        RST     18H
        POP     HL
        RET     Z
        LD      BC, FORSZ
        ADD     HL, BC
        JR      .lp



