; using.asm - PRINT USING (Level II BASIC Reference Manual, "PRINT USING"),
; entered from PRINT at the USING token.
;
; The format is printed as it is, except for its fields; each field takes the
; next value, and the format starts again while values remain (a format with
; no field gives ?FC). Fields: ! the first character of a string, % n spaces %
; n+2 characters; for numbers # digit places, . the point, , (before the
; point) commas every 3 digits, + first or last: the sign, - last: a minus
; after negative numbers, ** fill with *, $$ a $ before the digits, **$ both,
; ^^^^ (4 up arrows) the E+nn form. A number wider than its field gets % in
; front. A number is spelled out by FOUT (6 digits single, 16 double), then
; rounded to the places the field shows; FOUT's power of ten (FOK) and its
; E+nn writer are used as they are.
;
; It comes in pieces (USINGPART n, each a routine or two of at most 60
; bytes) that main.asm includes one by one wherever the ROM has room. PRINT
; (and LPRINT, PRINT @ n,) goes to USING at the USING token (interp_print.asm);
; all 47 tests/compat_using programs give Level II's screens
; (tests/compat_keys.rs).
;
; Its work cells (UF, UFMT, ULEN) and UDIGS are in ram.asm, so that each
; piece assembles wherever it is placed.

        IF      USINGPART == 8
USING:  RST     10H
        CALL    TAPENAME        ; the format (a string, else ?TM)
        RST     08H
        DB      ';'
        PUSH    HL              ; the statement, from here on at (SP)
        LD      (UFMT), DE      ; (TAPENAME's DE: an empty format's is
        LD      A, (FAC)        ; never read)
        LD      (ULEN), A
        LD      B, 0FFH         ; B = FFH until a field is read
        JP      UPASS
        ENDIF

        IF      USINGPART == 24
UPASS:  LD      HL, (UFMT)
        LD      A, (ULEN)
        LD      C, A            ; HL = format, C = characters left
USCAN:  LD      A, C
        OR      A
        JP      Z, UFEND
        CALL    UFIELD          ; NC: a field, read
        JP      NC, UFLD
        LD      A, (HL)         ; text is printed as it is
        CALL    OUTCH
        INC     HL
        DEC     C
        JR      USCAN
        ENDIF

        IF      USINGPART == 22
; The end of the format: again while values remain, if it has a field.
UFEND:  EX      (SP), HL
        CALL    USEND
        JP      Z, UDONE
        EX      (SP), HL
        INC     B
        JP      Z, FCERR
        JP      UPASS
        ENDIF

        IF      USINGPART == 9
; A field: print the next value through it, if there is one.
UFLD:   LD      (UF), DE        ; a number field's flags and places
        EX      (SP), HL
        CALL    USEND
        JR      Z, UDONE
        PUSH    BC
        CALL    EVAL
        POP     BC
        PUSH    BC
        PUSH    HL
        CALL    UVALUE
        POP     HL
        POP     BC
        LD      B, C            ; (not FFH: a field was read)
        JP      USEP
UDONE:  CALL    PRNL            ; the statement ended after a value
UNONL:  POP     DE
        RET
        ENDIF

        IF      USINGPART == 25
; After a value: ; or , ending the statement means no new line.
USEP:   LD      A, (HL)
        CP      ';'
        JR      Z, .sep
        CP      ','
        JR      NZ, .more
.sep:   RST     10H
        CALL    USEND
        JP      Z, UNONL
.more:  EX      (SP), HL
        JP      USCAN
        ENDIF

        IF      USINGPART == 7
; Z if the statement ends at HL (spaces skipped).
USEND:  DEC     HL
        RST     10H
        RET     Z
        CP      T_ELSE
        RET
        ENDIF

        IF      USINGPART == 10
; Print the accumulator through the field (B: string characters, 0 a number).
UVALUE: RST     20H
        LD      A, B
        JR      Z, .str
        OR      A
        JP      Z, UNUM
.tm:    JP      TMERR
.str:   OR      A
        JR      Z, .tm
        LD      HL, (FAC + 1)
        LD      A, (FAC)
        LD      C, A
.sc:    LD      A, ' '          ; past its end: spaces
        INC     C
        DEC     C
        JR      Z, .sp
        LD      A, (HL)
        INC     HL
        DEC     C
.sp:    CALL    OUTCH
        DJNZ    .sc
        RET
        ENDIF

        IF      USINGPART == 11
; A field at HL (C characters left)? Carry if not (HL, BC kept); else NC, HL
; and C past it, B = the characters of a string field or 0 for a number
; field (read into UF). DE is changed.
UFIELD: PUSH    HL
        PUSH    BC
        LD      A, (HL)
        LD      B, 1
        CP      '!'
        JR      Z, .take
        CP      '%'
        JP      NZ, UFNUM
.pct:   CALL    UADV            ; % spaces %
        JR      Z, UFNO
        INC     B
        LD      A, (HL)
        CP      ' '
        JR      Z, .pct
        CP      '%'
        JR      NZ, UFNO
.take:  CALL    UADV
UFYES:  POP     AF              ; (the place saved: not needed)
        POP     AF
        OR      A               ; NC
        RET
UFNO:   POP     BC
        POP     HL
        SCF
        RET
        ENDIF

        IF      USINGPART == 12
; The format's characters for UFIELD. A = the one at HL, 0 past the end.
UNGET:  INC     HL              ; the next character
        DEC     C
UGET:   LD      A, C
        OR      A
        RET     Z
        LD      A, (HL)
        RET
UDADV:  INC     D               ; one more place
UADV:   INC     HL              ; Z when the format is used up
        DEC     C
        RET
; Z if the next two characters are A (taken, 2 places).
UPAIR:  CP      (HL)
        RET     NZ
        INC     HL
        CP      (HL)
        DEC     HL
        RET     NZ
        LD      A, C
        CP      2
        RET     C               ; (NZ)
        CALL    UDADV
        CALL    UDADV
        XOR     A
        RET
        ENDIF

        IF      USINGPART == 13
; A number field (A = its first character): E = flags, D = places before
; the point, B = places after it.
UFNUM:  LD      DE, 0
        DEC     B
        CP      '+'
        JR      NZ, .st
        INC     E
        CALL    UADV
.st:    LD      A, '*'
        CALL    UPAIR
        JR      NZ, .dl
        SET     3, E
        CALL    UGET
        CP      '$'
        JR      NZ, .dg
        CALL    UDADV
        JR      .dol
.dl:    LD      A, '$'
        CALL    UPAIR
        JR      NZ, .dg
.dol:   SET     4, E
.dg:    JP      UFDIG
        ENDIF

        IF      USINGPART == 14
UFDIG:  CALL    UGET            ; # and , before the point
        CP      '#'
        JR      Z, .d1
        CP      ','
        JP      NZ, UFPT
        SET     5, E
.d1:    CALL    UDADV
        JR      UFDIG
        ENDIF

        IF      USINGPART == 27
UFPT:   CP      '.'
        JP      NZ, UFEX
        SET     7, E
.fr:    CALL    UNGET           ; # after it
        CP      '#'
        JP      NZ, UFEX
        INC     B
        JR      .fr
        ENDIF

        IF      USINGPART == 28
UFEX:   LD      A, B            ; no places at all: not a field
        LD      (UF + 2), A
        OR      D
        JP      Z, UFNO
        LD      B, 0            ; (B = 0: a number field)
        JP      UFEXP
        ENDIF

        IF      USINGPART == 15
UFEXP:  PUSH    HL              ; ^^^^
        PUSH    BC
        LD      B, 4
.e4:    CALL    UGET
        CP      5BH
        JR      NZ, .ne
        CALL    UADV
        DJNZ    .e4
        SET     6, E
        POP     AF
        POP     AF
        JR      .tr
.ne:    POP     BC
        POP     HL
.tr:    JP      UFTR
        ENDIF

        IF      USINGPART == 26
UFTR:   CALL    UGET            ; + or - last: flag 2 or 4 ('+' is 2BH,
        CP      '+'             ; '-' 2DH)
        JR      Z, .ts
        CP      '-'
        JR      NZ, .ok
.ts:    SUB     29H
        OR      E
        LD      E, A
        INC     HL
        DEC     C
.ok:    JP      UFYES           ; (UFLD keeps E and D in UF)
        ENDIF

        IF      USINGPART == 16
; A number: its digits and point from FOUT, rounded, printed.
UNUM:   CALL    FOUT
        LD      IX, UF
        LD      A, (IX + 0)     ; the sign: '-', else '+' if the field
        AND     03H             ; shows + first or last, else ' '
        LD      A, (HL)
        JR      Z, .s
        CP      '-'
        JR      Z, .s
        LD      A, '+'
.s:     LD      (IX + 7), A
        LD      DE, FBUFFR      ; the digits, leading zeros left out, go
        LD      C, 0            ; over the text read (C: their count)
.i:     INC     HL
        LD      A, (HL)
        CP      '.'
        JR      Z, .i
        SUB     '0'
        CP      10
        JP      NC, UNUM2
        OR      C
        JR      Z, .i
        LD      A, (HL)
        LD      (DE), A
        INC     DE
        INC     C
        JR      .i
        ENDIF

        IF      USINGPART == 17
UNUM2:  LD      A, C            ; FOUT's power of ten (0 for zero)
        OR      A
        JR      Z, .got
        LD      A, (FOK)
.got:   LD      (IX + 3), A
        EX      DE, HL          ; '0' after the digits
        CALL    UFILL
        BIT     6, (IX + 0)
        JP      NZ, UEFORM
        LD      A, (IX + 3)     ; fixed: round to the decimals shown
        ADD     A, (IX + 2)
        CALL    UROUND
        CALL    ULEFT
        JP      UTRAIL
        ENDIF

        IF      USINGPART == 23
; The sign after the number, if the field asks for it.
UTRAIL: LD      A, (IX + 0)
        AND     06H
        RET     Z
        LD      A, (IX + 7)
        JP      OUTCH
        ENDIF

        IF      USINGPART == 18
; The E form: round, the places before the point, E+nn.
UEFORM: LD      A, (IX + 0)     ; digits before the point: the places, less
        AND     07H             ; one for the sign unless the field places it
        LD      A, (IX + 1)
        JR      NZ, .ii
        OR      A
        JR      Z, .ii
        DEC     A
.ii:    LD      B, A            ; B = digits before the point
        ADD     A, (IX + 2)
        CALL    UROUND
        LD      A, (FBUFFR)
        SUB     '0'
        JR      Z, .ex          ; zero: E+00
        LD      A, (IX + 3)
        SUB     B               ; the exponent
.ex:    INC     A
        LD      (FOK), A
        LD      (IX + 3), B
        CALL    ULEFT
        LD      DE, FBUFFR      ; E+nn through FOUT's own exponent
        LD      A, 'E'
        CALL    XFOUT.E1
        CALL    PRTZ
        JP      UTRAIL
        ENDIF

        IF      USINGPART == 4
; '0' from HL to the end of the digits.
UFILL:  LD      (HL), '0'
        INC     L
        LD      A, L
        CP      LOW(FBUFFR + UDIGS)
        JR      C, UFILL
        RET

; Keep A digits (A < 0: none), rounding half up.
UROUND: LD      HL, FBUFFR
        OR      A
        JP      M, UFILL        ; none: all '0'
        CP      UDIGS
        RET     NC
        ADD     A, L
        LD      L, A
        LD      A, (HL)
        PUSH    AF
        PUSH    HL
        CALL    UFILL
        POP     HL
        POP     AF
        CP      '5'
        RET     C
.up:    LD      A, L            ; one more in the last digit kept
        CP      LOW(FBUFFR)
        JR      Z, .carry
        DEC     L
        INC     (HL)
        LD      A, (HL)
        CP      '9' + 1
        RET     C
        LD      (HL), '0'
        JR      .up
.carry: LD      (HL), '1'       ; 999 became 1000: one place up
        INC     (IX + 3)
        RET
        ENDIF

        IF      USINGPART == 19
; Print the part before the point (fill, sign, $, digits with commas), then
; the point and the decimals.
ULEFT:  LD      D, (IX + 0)     ; D = the flags
        LD      B, (IX + 3)     ; B = digits before the point (none if < 1)
        BIT     7, B
        JR      Z, .pos
        LD      B, 0
.pos:   LD      C, B            ; C = characters before the point
        BIT     5, D
        JR      Z, .nc
        LD      A, B            ; commas: one for every 3 digits after the first
.c3:    CP      4
        JR      C, .nc
        INC     C
        SUB     3
        JR      .c3
.nc:    BIT     4, D
        JR      Z, .nd
        INC     C               ; the $
.nd:    CALL    USIGN
        JR      Z, .ns
        INC     C               ; the sign in front
.ns:    LD      A, D            ; spare places: + 1 for a + in front
        AND     01H
        ADD     A, (IX + 1)
        SUB     C               ; (carry: too wide)
        JR      C, .go
        JR      Z, .go
        INC     B               ; no digits before the point: a 0 there,
        DJNZ    .go             ; if there is room (a digit of index < 0)
        INC     B
        DEC     A
.go:    JP      ULFILL
        ENDIF

        IF      USINGPART == 20
ULFILL: JR      C, ULWIDE
        LD      E, A            ; E spare places
        LD      A, ' '
        BIT     3, D
        JR      Z, .f1
        LD      A, '*'
.f1:    INC     E
.f2:    DEC     E
        JR      Z, ULSGN
        CALL    OUTCH
        JR      .f2
ULWIDE: LD      A, '%'
        CALL    OUTCH
ULSGN:  CALL    USIGN
        CALL    NZ, OUTCH
        BIT     4, D
        LD      A, '$'
        CALL    NZ, OUTCH
        LD      A, (IX + 3)     ; C = the first digit's index, E = the
        SUB     B               ; digits to go
        LD      C, A
        LD      E, B
        JP      ULINT
        ENDIF

        IF      USINGPART == 21
ULINT:  LD      A, E
        OR      A
        JR      Z, .pt
        CP      B               ; a comma where 3, 6, ... digits remain
        JR      Z, .noc
        BIT     5, D
        JR      Z, .noc
.m3:    SUB     3
        JR      C, .noc
        JR      NZ, .m3
        LD      A, ','
        CALL    OUTCH
.noc:   CALL    UDIGIT
        INC     C
        DEC     E
        JR      ULINT
.pt:    BIT     7, D            ; the point, then the decimals through
        RET     Z               ; the same loop (C: the first decimal's
        LD      D, 0            ; index; no commas, no second point)
        LD      A, '.'
        CALL    OUTCH
        LD      E, (IX + 2)
        JR      ULINT
        ENDIF

        IF      USINGPART == 6
; The sign to print in front -> A, NZ; Z if none.
USIGN:  LD      A, (IX + 0)
        AND     06H             ; a sign after the number: none in front
        JR      NZ, .none
        LD      A, (IX + 7)
        CP      ' '
        RET
.none:  XOR     A
        RET

; Print digit C (an index, may be negative or past the digits: 0 then).
; Changes HL.
UDIGIT: LD      A, C
        CP      UDIGS
        LD      A, '0'
        JR      NC, .out
        LD      A, C
        ADD     A, LOW(FBUFFR)
        LD      L, A
        LD      H, HIGH(FBUFFR)
        LD      A, (HL)
.out:   JP      OUTCH
        ENDIF
