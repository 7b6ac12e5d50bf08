; interp_sp.asm - string space: room for new strings, joining, comparing.
; No Level II code was read.

; Copy the string in the accumulator into string space.
STRCOPY: LD     A, (FAC)
        CALL    GETSPA
        LD      HL, (FAC + 1)
        LD      (FAC + 1), DE
        LD      A, (FAC)
        OR      A
        RET     Z
        LD      C, A
        LD      B, 0
        LDIR
        RET

; A bytes of string space -> DE (?OS if there are not that many).
GETSPA: PUSH    HL
        LD      HL, (FRETOP)
        LD      E, A
        LD      D, 0
        OR      A
        SBC     HL, DE
        JP      C, OSERR
        EX      DE, HL
        LD      HL, (STKTOP)
        RST     18H             ; STKTOP - new FRETOP
        JR      Z, .ok
        JP      NC, OSERR
.ok:    LD      (FRETOP), DE
        INC     DE
        POP     HL
        RET

; Join ARG's string to FAC's (?LS beyond 255 characters).
CONCAT: LD      A, (FAC)
        LD      C, A
        LD      A, (ARG)
        ADD     A, C
        LD      E, 28
        JP      C, ERROR
        CALL    GETSPA
        PUSH    DE
        LD      A, (FAC)
        LD      HL, (FAC + 1)
        CALL    .cp
        LD      A, (ARG)
        LD      HL, (ARG + 1)
        CALL    .cp
        POP     DE
        LD      A, (FAC)
        LD      C, A
        LD      A, (ARG)
        ADD     A, C
        LD      B, A
        JP      SETSTR
.cp:    OR      A
        RET     Z
        LD      C, A
        LD      B, 0
        LDIR
        RET

; Compare FAC's string with ARG's: A = -1, 0, 1.
STRCMP: LD      HL, (FAC + 1)
        LD      DE, (ARG + 1)
        LD      A, (FAC)
        LD      B, A
        LD      A, (ARG)
        LD      C, A
.lp:    LD      A, B
        OR      A
        JR      Z, .aend
        LD      A, C
        OR      A
        JR      Z, .gt
        LD      A, (DE)
        CP      (HL)
        JR      C, .gt
        JR      NZ, .lt
        INC     HL
        INC     DE
        DEC     B
        DEC     C
        JR      .lp
.aend:  LD      A, C
        OR      A
        RET     Z
.lt:    LD      A, -1
        RET
.gt:    LD      A, 1
        RET
