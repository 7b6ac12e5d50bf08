; interp_sp.asm - string space: room for new strings, joining, comparing.
; No Level II code was read.

; Copy the string in the accumulator into string space. Keeps HL.
STRCOPY: LD     A, (FAC)
        LD      B, A
        LD      C, 0
; The accumulator's string from position C (0 = first), at most B long, as a
; new string in string space (Level II copies LEFT$, MID$ and RIGHT$ too).
; Keeps HL.
SUBSTR: PUSH    HL
        LD      A, (FAC)
        SUB     C
        JR      NC, .in
        XOR     A
.in:    CP      B
        JR      NC, .b
        LD      B, A
.b:     LD      A, B            ; the room first: the string may move
        CALL    GETSPA
        PUSH    DE
        LD      HL, (FAC + 1)
        PUSH    BC
        LD      A, B
        LD      B, 0
        ADD     HL, BC
        CALL    COPYA
        POP     BC
        POP     DE
        CALL    SETSTR
        POP     HL
        RET

; A bytes of string space -> DE (?OS if there are not that many, even after
; the garbage is collected). Keeps BC.
GETSPA: PUSH    HL
        PUSH    BC
        LD      C, A
        CALL    .fit
        JR      NC, .ok
        PUSH    BC
        CALL    GARBAGE
        POP     BC
        CALL    .fit
        JP      C, OSERR
.ok:    LD      (FRETOP), DE
        INC     DE
        POP     BC
        POP     HL
        RET
.fit:   LD      HL, (FRETOP)    ; DE = FRETOP - C; carry if below STKTOP
        LD      B, 0
        OR      A
        SBC     HL, BC
        RET     C
        LD      DE, (STKTOP)
        PUSH    HL
        SBC     HL, DE
        POP     DE
        RET

; Join ARG's string to FAC's (?LS beyond 255 characters).
CONCAT: LD      A, (FAC)
        LD      HL, ARG
        ADD     A, (HL)
        LD      B, A
        LD      E, 28
        JP      C, ERROR
        CALL    GETSPA          ; (keeps BC)
        PUSH    DE
        PUSH    BC
        LD      A, (FAC)
        LD      HL, (FAC + 1)
        CALL    COPYA
        LD      A, (ARG)
        LD      HL, (ARG + 1)
        CALL    COPYA
        POP     BC
        POP     DE
        JP      SETSTR

; Compare FAC's string with ARG's: A = -1, 0, 1.
STRCMP: LD      HL, (FAC + 1)
        LD      DE, (ARG + 1)
        LD      A, (FAC)
        LD      B, A
        LD      A, (ARG)
        LD      C, A
.lp:    LD      A, B
        OR      A
        JR      Z, .aend        ; FAC's ended
        LD      A, C
        OR      A
        SCF                     ; ARG's ended: 1
        JR      Z, .ne
        LD      A, (DE)
        CP      (HL)            ; carry: ARG's character is lower, 1
        JR      NZ, .ne
        INC     HL
        INC     DE
        DEC     B
        DEC     C
        JR      .lp
.aend:  LD      A, C            ; both ended: 0; else -1 (no carry)
        OR      A
        RET     Z
.ne:    CCF                     ; carry: 1, no carry: -1
        SBC     A, A
        OR      1
        RET
