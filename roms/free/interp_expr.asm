; interp_expr.asm - expressions and variables: the evaluator (Level II's
; precedence: ^, unary minus, * /, + -, relations, NOT, AND, OR), operands
; (numbers, strings, variables, parentheses, functions), the variables in
; Level II's layout (type, second letter, first letter, value) between VARTAB
; and ARYTAB, strings in the string space below MEMSIZ, LET and PRINT.
; Numbers are computed by the numeric core (fp_*.asm). A string value in the
; accumulator is its descriptor (length, address) at 411DH, and 4121H points
; at it. No Level II code was read.

; Evaluate the expression at HL (A = its first character, as RST 10H gave
; it) into the accumulator; HL ends at the first character after it.
EVAL:   LD      B, 0
; The same, but stop before an operator whose precedence is not above B.
EVALP:  PUSH    BC
        CALL    OPND
.op:    POP     BC
.op2:   LD      A, (HL)
        SUB     T_PLUS
        RET     C
        CP      10
        RET     NC
        LD      C, A            ; C = operator 0-9: + - * / ^ AND OR > = <
        ADD     A, LOW(PRECTB)
        LD      E, A
        LD      D, HIGH(PRECTB)
        LD      A, (DE)
        LD      E, C            ; E = the operator
        CP      B
        RET     C
        RET     Z
        LD      D, A            ; D = its precedence
        LD      A, E
        CP      7
        JR      C, .one
        LD      E, 0            ; relations: a mask, < 1, = 2, > 4
.rel:   LD      A, (HL)         ; > 4, = 2, < 1: D4H-D6H to 3 2 1, then
        XOR     0D7H            ; 3 to 4
        CP      3
        SBC     A, 0FFH
        OR      E
        LD      E, A
        RST     10H
        CP      0D4H
        JR      C, .relx
        CP      0D7H
        JR      C, .rel
.relx:  DEC     HL              ; (RST 10H below reads it again)
        SET     7, E            ; bit 7: a relation
.one:   PUSH    BC
        PUSH    DE
        CALL    PUSHF
        RST     10H
        LD      B, D
        CALL    EVALP
        CALL    POPARG          ; ARG = right, FAC = left
        POP     DE
        POP     BC
        PUSH    BC
        PUSH    HL
        CALL    DOOP
        POP     HL
        JR      .op

; Precedence of + - * / ^ AND OR > = <.
PRECTB: DB      79H, 79H, 7CH, 7CH, 7FH, 50H, 46H, 64H, 64H, 64H
        ASSERT  HIGH(PRECTB) = HIGH($ - 1), "PRECTB must not cross a page"

