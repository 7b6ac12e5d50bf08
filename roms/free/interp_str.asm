; interp_str.asm - string functions: LEN, ASC, CHR$, STR$, LEFT$, RIGHT$,
; MID$. No Level II code was read.

; LEN(s$), ASC(s$)
LENFN:  CALL    STRARG
        PUSH    HL
        LD      A, (FAC)
        JP      RETA
ASCFN:  CALL    STRARG
        PUSH    HL
        CALL    FIRSTC
        JP      RETA

; CHR$(n)
CHRFN:  CALL    PAREN           ; = STRING$(1, n)
        PUSH    HL
        LD      B, 1
        PUSH    BC
        JR      STRNUM

; STR$(n): the number as PRINT shows it, without the trailing space.
STRFN:  CALL    NUMARG
        PUSH    HL
        CALL    FOUTS
        CALL    STRCOPY
        POP     HL
        RET

; LEFT$(s$,n), RIGHT$(s$,n), MID$(s$,p[,n]).
LEFTFN: CALL    STRN
        XOR     A
        JR      SUBAT
RIGHTFN: CALL   STRN
        LD      A, (FAC)
        SUB     B
        JR      NC, SUBAT
        XOR     A
SUBAT:  LD      C, A            ; from position A
        JP      SUBSTR
MIDFN:  CALL    STRN1
        DEC     B               ; C = p - 1 (p = 0: ?FC)
        LD      C, B
        INC     B
        JP      Z, FCERR
        LD      B, 255
        LD      A, (HL)
        CP      ','
        JR      NZ, .all
        PUSH    BC
        CALL    COMBYTE         ; (the ',' is there)
        POP     BC
        LD      B, A
.all:   RST     08H
        DB      ')'
        JP      SUBSTR
; ( s$ , n ) -> string in FAC, B = n
STRN:   CALL    STRN1
        RST     08H
        DB      ')'
        RET
; ( s$ , n -> string in FAC, B = n; HL after n
STRN1:  RST     08H
        DB      '('
        CALL    EVAL
        CALL    CHKSTR
        CALL    PUSHF
        CALL    COMBYTE
        LD      (NEXP), A
        CALL    POPARG
        LD      A, (NEXP)
        LD      B, A
        RET
