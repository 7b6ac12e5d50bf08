; interp_print.asm - PRINT and LPRINT: items, ; and , zones, TAB(, PRINT @;
; the column, strings by descriptor, GETNUM. No Level II code was read.

; PRINT [@n,] items: ; nothing, , the next 16-column zone, TAB(n).
; A space, a new line (on the screen or the printer).
PRSPC:  LD      A, ' '
        JR      PRNL + 2
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
        LD      A, H
        CP      4
        JP      NC, FCERR
        ADD     A, HIGH(VIDEO)
        LD      H, A
        LD      (CURSOR), HL
        POP     HL
        LD      A, (HL)
        CP      ';'
        JR      Z, .sep
        RST     08H
        DB      ','
        JR      PRLOOP
.sep:   RST     10H
PRLOOP: DEC     HL
        RST     10H
        JR      Z, PRNL
        CP      T_ELSE
        JR      Z, PRNL
.item:  CP      0BFH            ; USING: PRINT USING (using.asm)
        JP      Z, USING
        CP      ';'
        JR      Z, .semi
        CP      ','
        JR      Z, .comma
        CP      T_TAB
        JR      Z, .tab
        CALL    EVAL
        PUSH    HL
        RST     20H
        JR      Z, .str
        CALL    FOUTS           ; a number that does not fit the line
        CALL    GETCOL          ; (with its space) starts the next one
        ADD     A, B
        CP      64
        CALL    NC, PRNL
        CALL    PRTSD
        CALL    PRSPC
        JR      .nx
.str:   CALL    PRTSD
.nx:    POP     HL
        JR      PRLOOP
.tab:   RST     10H
        CALL    GETNUM          ; (HL pushed)
        LD      A, L
        AND     63              ; TAB(n) beyond the line wraps
        LD      B, A
        POP     HL
        RST     08H
        DB      ')'
        DEC     HL              ; (as after a ';': no new line at the end)
        CALL    GETCOL
        SUB     B
        JR      NC, .after
        NEG
        LD      B, A
.sp:    CALL    PRSPC
        DJNZ    .sp
        JR      .after
.comma: CALL    TCOMMA          ; (the column; a ',' on the tape)
        CP      48
        JR      C, .zone
        CALL    PRNL
        JR      .after
.zone:  CALL    PRSPC
        CALL    GETCOL
        AND     0FH
        JR      NZ, .zone
.semi:
.after: RST     10H             ; past ; , or )
        RET     Z               ; no new line after ; , TAB( at the end
        CP      T_ELSE
        RET     Z
        JR      PRLOOP

; The column the next character goes to.
GETCOL: LD      A, (OUTDEV)
        OR      A
        LD      A, (PRTCOL)
        RET     NZ
        LD      A, (CURSOR)
        AND     3FH
        RET

; Show the string in the accumulator.
PRTSD:  LD      A, (FAC)
        LD      B, A
        LD      HL, (FAC + 1)
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
FAC2ADR: CALL   CHKNUM
        JP      M, CINT         ; (an integer: CINT just takes it)
        CALL    CSNG            ; 32768-65535 are allowed as addresses
        LD      A, (FACEXP)
        CP      90H
        JR      C, .ci
        JP      NZ, FCERR
        LD      A, (FAC + 6)
        RLA
        JR      C, .ci
        LD      DE, SSUB        ; n - 65536
        CALL    ARG64K
.ci:    JP      CINT
