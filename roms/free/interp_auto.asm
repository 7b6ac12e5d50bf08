; interp_auto.asm - AUTO and DELETE, as Level II is seen to do them. No Level
; II code was read.

AUTOLN  EQU     40E2H           ; 2 bytes: AUTO's next line
AUTOINC EQU     40E4H           ; 2 bytes: AUTO's step (0: AUTO is off)
DOTLN   EQU     40ECH           ; '.': the line last typed, listed or failed

; AUTO [a][,s]: lines a, a + s, ... (10, 10) are numbered for the typist
; until BREAK; "*" instead of the blank when that line exists.
AUTOST: LD      DE, 10
        CALL    NZ, LINGET
        LD      (AUTOLN), DE
        LD      DE, 10
        CP      ','
        JR      NZ, .one
        RST     10H
        CALL    LINGET
        LD      A, D
        OR      E
        JP      Z, FCERR
.one:   LD      (AUTOINC), DE
        CALL    ENDCHK
        JP      EDITLN.sp
; The prompt while AUTO is on (from MAINLP): the line is stored as typed.
AUTOIN: LD      HL, (AUTOLN)
        PUSH    HL
        CALL    PRTDEC
        POP     DE
        PUSH    DE
        CALL    FNDLIN
        SBC     A, A        ; '*' when it exists, else ' '
        AND     '*' - ' '
        ADD     A, ' '
        CALL    DSP
        CALL    INLIN
        POP     DE
        JP      C, READY        ; BREAK ends AUTO
        LD      HL, (AUTOINC)
        ADD     HL, DE
        LD      (AUTOLN), HL
        LD      HL, BUF
        JP      EXLINE

; DELETE a, DELETE -b, DELETE a-b: the last line must exist (?FC).
DELST:  JP      Z, FCERR
        CALL    GETRNG
        CALL    ENDCHK
        PUSH    DE
        LD      D, B
        LD      E, C
        CALL    FNDLIN
        JP      NC, FCERR
        POP     DE
        PUSH    BC              ; the last line
        CALL    FNDLIN          ; BC = the first line
        POP     HL
        LD      D, B
        LD      E, C
        RST     18H
        JP      C, FCERR        ; the first after the last
        CALL    DELLNS          ; (up to the line after the last)
        CALL    FIXPGM
        JP      READY
