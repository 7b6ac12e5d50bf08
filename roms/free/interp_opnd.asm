; interp_opnd.asm - operands of expressions: numbers, string literals, unary
; minus and NOT, parentheses, variables, functions; string space. No Level II
; code was read.

; An operand at HL (A = it) -> accumulator; HL ends after it.
OPND:   DEC     HL              ; (flags as RST 10H gives them)
        RST     10H
        JP      Z, MOERR        ; nothing there
        JP      C, NUMLIT
        CP      '.'
        JP      Z, NUMLIT
        CP      '"'
        JR      Z, STRLIT
        CP      T_MINUS
        JR      Z, .neg
        CP      T_PLUS
        JR      Z, .plus
        CP      T_NOT
        JR      Z, .not
        CP      '('
        JR      Z, PAREN
        CP      'A'
        JR      C, .sn
        CP      'Z' + 1
        JP      C, VARVAL
        SUB     0C0H            ; functions C0H-C9H and D7H-FAH
        JR      C, .sn
        CP      0CAH - 0C0H
        JR      C, .fn
        SUB     0D7H - 0CAH
        CP      0CAH - 0C0H
        JR      C, .sn
        CP      0FBH - 0D7H + 0CAH - 0C0H
        JR      NC, .sn
.fn:    ADD     A, A
        LD      DE, FNTAB
        CALL    TBLGET
        RST     10H             ; (the functions do not look at A)
        LD      A, D            ; a routine of the numeric core (below
        CP      18H             ; 1800H) gets its (argument) from NUMFN
        JP      C, NUMFN
        PUSH    DE
        RET
.sn:    JP      SNERR
.plus:  RST     10H
        JR      OPND
.neg:   RST     10H
        LD      B, 7DH
        CALL    EVALP
        PUSH    HL
        RST     20H
        JP      Z, TMERR
        CALL    XNEG
        POP     HL
        RET
.not:   RST     10H
        LD      B, 5AH
        CALL    EVALP
        PUSH    HL
        CALL    CINT
        LD      A, H
        CPL
        LD      H, A
        LD      A, L
        CPL
        LD      L, A
        CALL    MAKINT
        POP     HL
        RET

; ( expression )
PAREN:  RST     10H
        CALL    EVAL
        RST     08H
        DB      ')'
        RET

; "text": a string whose characters stay where they are.
STRLIT: INC     HL
        LD      D, H
        LD      E, L
        LD      B, 0
.lp:    LD      A, (HL)
        OR      A
        JR      Z, .end
        INC     HL
        CP      '"'
        JR      Z, .end
        INC     B
        JR      .lp
.end:   CALL    SETSTR          ; (keeps HL)
        DEC     HL
        RST     10H
        RET

; The accumulator := the string of length B at DE. Keeps HL.
SETSTR: LD      A, B
        LD      (FAC), A
        LD      (FAC + 1), DE
        LD      A, 3
        LD      (VALTYP), A
        JP      FIXSTR

; The value of the variable at HL.
VARVAL: CALL    PTRGET
; The accumulator := the value of type VARTYP at DE.
MOVFM:  PUSH    HL
        LD      A, (VARTYP)
        LD      (VALTYP), A
        LD      C, A
        LD      B, 0
        LD      HL, FAC + 4
        CP      8
        JR      Z, .d
        CP      3
        JR      NZ, .cp
.d:     LD      HL, FAC
.cp:    EX      DE, HL
        LDIR
        CALL    FIXSTR
        POP     HL
        RET

; The accumulator into the variable of type VARTYP at DE (converted to it).
; Keeps HL.
ASSIGN: PUSH    HL
        PUSH    DE
        LD      A, (VARTYP)
        CP      3
        JR      Z, .str
        RST     20H
        JP      Z, TMERR
        LD      A, (VARTYP)
        CP      2
        JR      NZ, .ns
        CALL    CINT
        JR      .st
.ns:    CP      4
        JR      NZ, .nd
        CALL    CSNG
        JR      .st
.nd:    CALL    CDBL
.st:    POP     DE
        LD      A, (VARTYP)
        LD      C, A
        LD      B, 0
        LD      HL, FAC + 4
        CP      8
        JR      NZ, .mv
        LD      HL, FAC
.mv:    LDIR
        POP     HL
        RET
.str:   RST     20H
        JP      NZ, TMERR
        LD      HL, (FAC + 1)   ; typed in direct mode: into string space
        LD      DE, PROGRAM
        RST     18H
        CALL    C, STRCOPY
        POP     DE
        LD      HL, FAC
        LD      BC, 3
        LDIR
        POP     HL
        RET

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

