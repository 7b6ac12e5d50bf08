; interp_opnd.asm - operands of expressions: numbers, string literals, unary
; minus and NOT, parentheses, variables, functions; string space. No Level II
; code was read.

; An operand at HL (A = it) -> accumulator; HL ends after it.
OPND:   DEC     HL              ; (flags as RST 10H gives them)
.rd:    RST     10H
        JP      Z, MOERR        ; nothing there
        JP      C, NUMLIT
        CP      '.'
        JP      Z, NUMLIT
        CP      '"'
        JR      Z, STRLIT
        CP      T_MINUS
        JR      Z, .neg
        CP      T_PLUS
        JR      Z, .rd          ; unary plus: the next character
        CP      T_NOT
        JR      Z, .not
        CP      '('
        JR      Z, PAREN
        CALL    ISLET
        JP      C, VARVAL       ; (others below C0H: ?SN just below)
        SUB     0C0H            ; functions C0H-C9H and D7H-FAH
        JR      C, .sn
        CP      0CAH - 0C0H
        JR      C, .fn
        SUB     0D7H - 0CAH
        CP      0CAH - 0C0H
        JR      C, .sn
        CP      0FBH - 0D7H + 0CAH - 0C0H
        JR      NC, .sn
        CP      0E6H - 0D7H + 0CAH - 0C0H
        JR      C, .fn
        CP      0EFH - 0D7H + 0CAH - 0C0H
        JP      C, L3ERR        ; E6H-EEH: Disk BASIC's
        SUB     0EFH - 0E6H
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

.neg:   RST     10H
        LD      B, 7DH
        CALL    EVALP
        PUSH    HL
        CALL    CHKNUM
        CALL    XNEG
        POP     HL
        RET
.not:   RST     10H
        LD      B, 5AH
        CALL    EVALP
        PUSH    HL
        CALL    CINT
        CALL    NEGHL           ; NOT n = -n - 1
        DEC     HL
        JP      RETINT

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

