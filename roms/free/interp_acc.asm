; interp_acc.asm - the accumulator and its second operand: making their
; types agree, exchanging them, saving them on the stack.

; Make FAC and ARG the same type (the higher one). Z if both are strings;
; ?TM if only one is.
UNIFY:  LD      A, (ARGTYP)
        LD      C, A
        LD      A, (VALTYP)
        CP      C
        JR      Z, .same
        LD      B, A
        CP      3
        JR      Z, .tm
        LD      A, C
        CP      3
.tm:    JP      Z, TMERR
        CP      B               ; A = ARGTYP
        JR      C, .hi          ; FAC is the higher type
        CALL    CONVTO          ; FAC to ARG's type
        LD      A, (VALTYP)
.same:  CP      3
        RET
.hi:    CALL    SWAP            ; ARG to FAC's type (SWAP ends NZ)
        CALL    UNIFY
                                ; (on into SWAP)

; Exchange FAC and ARG with their types.
SWAP:   PUSH    HL
        CALL    SWAPFA          ; (the numeric core's: the 8 bytes)
        LD      HL, VALTYP
        LD      A, (ARGTYP)
        LD      C, (HL)
        LD      (HL), A
        LD      A, C
        LD      (ARGTYP), A
        POP     HL

; A string in FAC: 4121H points at its descriptor at 411DH.
FIXSTR: LD      A, (VALTYP)
        CP      3
        RET     NZ
.set:   PUSH    HL
        LD      HL, FAC
        LD      (FACSNG), HL
        POP     HL
        RET

; Push the accumulator (8 bytes and its type) on the stack. Keeps HL, DE
; (changes BC and IX).
PUSHF:  POP     IX
        LD      A, (VALTYP)
        PUSH    AF
        LD      BC, (FAC + 6)
        PUSH    BC
        LD      BC, (FAC + 4)
        PUSH    BC
        LD      BC, (FAC + 2)
        PUSH    BC
        LD      BC, (FAC)
        PUSH    BC
        JP      (IX)

; Pop what PUSHF pushed into FAC; the accumulator goes to ARG first.
; Keeps HL.
POPARG: CALL    SWAP            ; (keeps HL)
        POP     BC
        EX      DE, HL
        POP     HL
        LD      (FAC), HL
        POP     HL
        LD      (FAC + 2), HL
        POP     HL
        LD      (FAC + 4), HL
        POP     HL
        LD      (FAC + 6), HL
        POP     AF
        LD      (VALTYP), A
        PUSH    BC
        EX      DE, HL
        JR      FIXSTR

