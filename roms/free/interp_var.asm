; interp_var.asm - variables in Level II's layout (type, second letter, first
; letter, value) between VARTAB and ARYTAB; LET and PRINT. No Level II code
; was read.

; The variable named at HL (A = its first letter): DE = its value's address,
; VARTYP = its type; a new one is made (zero, or an empty string).
PTRGET: LD      B, A
        LD      C, 0
        RST     10H
        JR      C, .two
        CALL    ISLET
        JR      NC, .type
.two:   LD      C, A
.more:  RST     10H
        JR      C, .more
        CALL    ISLET
        JR      C, .more
.type:  LD      E, 2
        CP      '%'
        JR      Z, .suf
        INC     E
        CP      '$'
        JR      Z, .suf
        INC     E
        CP      '!'
        JR      Z, .suf
        LD      E, 8
        CP      '#'
        JR      Z, .suf
        PUSH    HL
        LD      HL, DEFTBL - 'A'
        LD      E, B
        LD      D, 0
        ADD     HL, DE
        LD      E, (HL)
        POP     HL
        JR      .find
.suf:   RST     10H
.find:  LD      A, E
        LD      (VARTYP), A
        LD      A, (HL)
        CP      '('
        JP      Z, ARRAY
        PUSH    HL
        LD      HL, (VARTAB)
.lp:    LD      DE, (ARYTAB)
        RST     18H
        JR      Z, .new
        CALL    NAMEQ
        JR      Z, .got
        LD      D, 0            ; E = its type = its value's length
        ADD     HL, DE
        JR      .lp
.got:   EX      DE, HL
        POP     HL
        RET
.new:   LD      A, (VARTYP)     ; make room: 3 + type bytes at ARYTAB
        LD      E, A
        ADD     A, 3
        PUSH    BC
        CALL    MKROOM
        POP     BC
        LD      (HL), E         ; HL = the new entry
        INC     HL
        LD      (HL), C
        INC     HL
        LD      (HL), B
        INC     HL
        PUSH    HL
        LD      B, E
.z:     LD      (HL), 0
        INC     HL
        DJNZ    .z
        POP     DE
        POP     HL
        RET

; Z if the entry at HL (a variable's or an array's) is of type VARTYP and
; named C B; HL ends after its name, E holds its type.
NAMEQ:  LD      A, (VARTYP)
        LD      E, (HL)
        XOR     E
        LD      D, A
        INC     HL
        LD      A, (HL)
        XOR     C
        OR      D
        LD      D, A
        INC     HL
        LD      A, (HL)
        XOR     B
        OR      D
        INC     HL
        RET

; Open A bytes at ARYTAB (the arrays move up): HL = their address. Keeps E.
MKROOM: PUSH    DE
        LD      C, A
        LD      B, 0
        LD      HL, (STREND)
        PUSH    HL
        ADD     HL, BC
        CALL    CHKMEM
        LD      (STREND), HL
        EX      DE, HL          ; DE = new end
        LD      HL, (ARYTAB)
        PUSH    HL
        ADD     HL, BC
        LD      (ARYTAB), HL
        POP     BC              ; BC = old ARYTAB
        POP     HL              ; HL = old end
        PUSH    BC
        PUSH    HL
        OR      A
        SBC     HL, BC
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
        POP     DE
        RET

; LET v = expression (also a statement starting with a letter).
LETST:
LET:    CALL    ISLET
        JP      NC, SNERR
LETV:   CALL    PTRGET
        PUSH    DE
        LD      A, (VARTYP)
        PUSH    AF
        RST     08H
        DB      T_EQ
        CALL    EVAL
        POP     AF
        LD      (VARTYP), A
        POP     DE
        PUSH    DE
        CALL    ASSIGN
        POP     DE
        RET

; PRINT [@n,] items: ; nothing, , the next 16-column zone, TAB(n).
PRNL:   LD      A, 0DH
        JP      OUTCH
LPRINTST: LD    A, 1
        LD      (OUTDEV), A
        CALL    PRINTST
        XOR     A
        LD      (OUTDEV), A
        RET
PRINTST: CP     '@'
        JR      NZ, PRLOOP
        RST     10H
        CALL    GETNUM
        LD      DE, 1024
        RST     18H
        JP      NC, FCERR
        LD      DE, VIDEO
        ADD     HL, DE
        LD      (CURSOR), HL
        POP     HL
        LD      A, (HL)
        CP      ';'
        JR      Z, .sep
        RST     08H
        DB      ','
        JR      PRLOOP
.sep:   RST     10H
PRLOOP: LD      A, (HL)
        OR      A
        JR      Z, PRNL
        CP      ':'
        JR      Z, PRNL
        CP      T_ELSE
        JR      Z, PRNL
.item:  CP      ';'
        JR      Z, .semi
        CP      ','
        JR      Z, .comma
        CP      T_TAB
        JR      Z, .tab
        CALL    EVAL
        PUSH    HL
        RST     20H
        JR      Z, .str
        CALL    FOUT            ; a number that does not fit the line
        PUSH    HL              ; (with its space) starts the next one
        LD      B, 0
.ln:    LD      A, (HL)
        INC     HL
        INC     B
        OR      A
        JR      NZ, .ln
        CALL    GETCOL
        ADD     A, B
        CP      65
        LD      A, 0DH
        CALL    NC, OUTCH
        POP     HL
        CALL    PRTZ
        LD      A, ' '
        CALL    OUTCH
        POP     HL
        JR      PRLOOP
.str:   LD      HL, FAC
        CALL    PRTSD
        POP     HL
        JR      PRLOOP
.tab:   RST     10H
        CALL    GETNUM          ; (HL pushed)
        LD      A, L
        POP     HL
        PUSH    AF
        RST     08H
        DB      ')'
        POP     AF
        SUB     64
        JR      NC, $ - 2       ; TAB(n) beyond the line wraps
        ADD     A, 64
        LD      B, A
        CALL    GETCOL
        SUB     B
        JR      NC, .after
        NEG
        LD      B, A
.sp:    LD      A, ' '
        CALL    OUTCH
        DJNZ    .sp
        JR      .after
.comma: CALL    GETCOL
        CP      48
        JR      C, .zone
        LD      A, 0DH
        CALL    OUTCH
        JR      .after
.zone:  LD      A, ' '
        CALL    OUTCH
        CALL    GETCOL
        AND     0FH
        JR      NZ, .zone
.semi:
.after: RST     10H             ; past ; , or )
        RET     Z               ; no new line after ; , TAB( at the end
        CP      T_ELSE
        RET     Z
        JP      PRLOOP

; Output the text at HL up to 00H.
PRTZ:   LD      A, (HL)
        OR      A
        RET     Z
        CALL    OUTCH
        INC     HL
        JR      PRTZ

; The column the next character goes to.
GETCOL: LD      A, (OUTDEV)
        OR      A
        LD      A, (PRTCOL)
        RET     NZ
        LD      A, (CURSOR)
        AND     3FH
        RET

; Show the string whose descriptor is at HL.
PRTSD:  LD      B, (HL)
        INC     HL
        LD      A, (HL)
        INC     HL
        LD      H, (HL)
        LD      L, A
        INC     B
.lp:    DEC     B
        RET     Z
        LD      A, (HL)
        CALL    OUTCH
        INC     HL
        JR      .lp

; A numeric expression at HL -> integer in HL; the text pointer is pushed
; (pop it after). ?FC unless 0-65535 (negative n means n + 65536).
GETNUM: CALL    EVAL
        POP     DE
        PUSH    HL
        PUSH    DE
; The accumulator -> address in HL (GETNUM's rules).
FAC2ADR: RST    20H
        JP      Z, TMERR
        CP      2 - 3
        JR      NZ, .flt
        LD      HL, (FACSNG)
        RET
.flt:   CALL    CSNG            ; 32768-65535 are allowed as addresses
        LD      A, (FACEXP)
        CP      90H
        JR      C, .ci
        JP      NZ, FCERR
        LD      A, (FAC + 6)
        OR      A
        JP      M, .ci
        LD      HL, 0           ; n - 65536
        LD      (ARG + 4), HL
        LD      HL, 9100H
        LD      (ARG + 6), HL
        CALL    SSUB
.ci:    JP      CINT
