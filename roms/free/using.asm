; using.asm - PRINT USING (Level II BASIC Reference Manual, "PRINT USING"),
; entered from PRINT at the USING token.
;
; The format is printed as it is, except for its fields; each field takes the
; next value, and the format starts again while values remain. A format with no
; field gives ?FC. Fields:
;   !        the first character of a string   % n spaces %   n+2 characters
;   # digit places, . the point, , (before the point) commas every 3 digits,
;   + first or last: the sign, - last: a minus after negative numbers,
;   ** fill with *, $$ a $ before the digits, **$ both, ^^^^ (4 up arrows)
;   the E+nn form. A number wider than its field gets % in front of it.
; A number is spelled out with FOUT (6 digits for single precision, 16 for
; double), then rounded to the places the field has.

USFMT   EQU     40E1H           ; 2: the format's first character
USLEN   EQU     40E3H           ; its length
USF     EQU     40E4H           ; bit 0 + first, 1 + last, 2 - last, 3 **, 4 $,
                                ; 5 commas, 6 ^^^^, 7 a point
USI     EQU     40E5H           ; places before the point (** $$ , + count)
USD     EQU     40D8H           ; places after the point
USB     EQU     40D9H           ; the value is 0.ddd x 10^USB,
USN     EQU     40E8H           ; with USN digits ddd at FBUFFR
USNEG   EQU     40E9H           ; the value's sign (bit 7)
T_USING EQU     0BFH

USING:  RST     10H
        CALL    EVAL            ; the format
        RST     20H
        JP      NZ, TMERR
        RST     08H
        DB      ';'
        PUSH    HL              ; the statement, from here on at (SP)
        LD      HL, (FAC + 1)
        LD      (USFMT), HL
        LD      A, (FAC)
        LD      (USLEN), A
        LD      E, 0            ; E: fields seen in this pass over the format
.pass:  LD      HL, (USFMT)
        LD      A, (USLEN)
        LD      C, A            ; HL = format, C = characters left in it
.scan:  LD      A, C
        OR      A
        JR      NZ, .ch
        EX      (SP), HL        ; the end of the format: the end of the
        CALL    USEND           ; statement too?
        JR      Z, .done
        EX      (SP), HL
        LD      A, E            ; else again, if the format had a field
        OR      A
        JP      Z, FCERR
        LD      E, 0
        JR      .pass
.ch:    LD      A, (HL)
        CALL    USFIELD         ; NZ: not a field here
        JR      Z, .field
        CALL    OUTCH           ; text is printed as it is
        INC     HL
        DEC     C
        JR      .scan
.field: EX      (SP), HL        ; another value?
        CALL    USEND
        JR      Z, .done
        PUSH    BC
        PUSH    DE
        CALL    EVAL
        POP     DE
        POP     BC
        EX      (SP), HL
        INC     E
        CALL    USFMTV          ; the value through the field: HL, C move on
        EX      (SP), HL
        LD      A, (HL)
        CP      ';'
        JR      Z, .sep
        CP      ','
        JR      NZ, .more
.sep:   RST     10H             ; ; or , at the end: no new line
        CALL    USEND
        JR      Z, .nonl
.more:  EX      (SP), HL
        JR      .scan
.done:  POP     DE              ; the statement ended after a value: new line
        JP      PRNL
.nonl:  POP     DE
        RET

; Z if the statement ends at HL (00H, ':' or ELSE).
USEND:  LD      A, (HL)
        OR      A
        RET     Z
        CP      ':'
        RET     Z
        CP      T_ELSE
        RET

; Z if a field starts at HL (its character in A, C characters left).
USFIELD: CP     '!'
        RET     Z
        CP      '#'
        RET     Z
        CP      '%'
        JR      Z, .pct
        LD      B, '#'
        CP      '.'
        JR      Z, .next
        LD      B, A
        CP      '*'
        JR      Z, .next
        CP      '$'
        JR      Z, .next
        CP      '+'
        RET     NZ
        LD      B, '#'          ; + before # . * or $
        CALL    .next
        RET     Z
        LD      B, '.'
        CALL    .next
        RET     Z
        LD      B, '*'
        CALL    .next
        RET     Z
        LD      B, '$'
.next:  LD      A, C            ; Z if the next character is B
        DEC     A
        JR      Z, .no
        INC     HL
        LD      A, (HL)
        DEC     HL
        CP      B
        RET
.pct:   PUSH    HL              ; % spaces %
        PUSH    BC
.sp:    INC     HL
        DEC     C
        JR      Z, .nopct
        LD      A, (HL)
        CP      ' '
        JR      Z, .sp
        CP      '%'
        DB      06H             ; (LD B, n: skips the INC)
.nopct: INC     C               ; NZ
        POP     BC
        POP     HL
        RET
.no:    INC     A               ; NZ
        RET

; Print the value in the accumulator through the field at HL (C characters
; left in the format); HL and C end past the field.
USFMTV: PUSH    DE
        LD      A, (HL)
        CP      '!'
        LD      B, 1
        JR      Z, .str
        CP      '%'
        JR      NZ, USNUM
        LD      B, 2            ; % n spaces %: n + 2 characters
.pct:   INC     HL
        DEC     C
        LD      A, (HL)
        CP      '%'
        JR      Z, .str
        INC     B
        JR      .pct
.str:   INC     HL
        DEC     C
        RST     20H
        JP      NZ, TMERR
        PUSH    HL
        LD      HL, (FAC + 1)
        LD      A, (FAC)
        LD      D, A            ; D = characters of the string
.sc:    LD      A, ' '          ; past its end: spaces
        INC     D
        DEC     D
        JR      Z, .sp
        LD      A, (HL)
        INC     HL
        DEC     D
.sp:    CALL    OUTCH
        DJNZ    .sc
        POP     HL
        POP     DE
        RET

; A number field: read it, then print the number.
USNUM:  RST     20H
        JP      Z, TMERR
        XOR     A
        LD      (USF), A
        LD      (USI), A
        LD      (USD), A
        LD      DE, USF
        LD      A, (HL)
        CP      '+'
        JR      NZ, .stars
        EX      DE, HL
        SET     0, (HL)         ; (the + takes a place of its own)
        EX      DE, HL
        CALL    .skip
.stars: LD      A, (HL)
        CP      '*'
        JR      NZ, .dollar
        CALL    .two
        EX      DE, HL
        SET     3, (HL)
        EX      DE, HL
        LD      A, (HL)
        CP      '$'
        JR      NZ, .digits
        CALL    .place
        JR      .dol
.dollar: CP     '$'
        JR      NZ, .digits
        CALL    .two
.dol:   EX      DE, HL
        SET     4, (HL)
        EX      DE, HL
.digits: LD     A, C
        OR      A
        JR      Z, .end
        LD      A, (HL)
        CP      '#'
        JR      Z, .d1
        CP      ','
        JR      NZ, .point
        EX      DE, HL
        SET     5, (HL)
        EX      DE, HL
.d1:    CALL    .place
        JR      .digits
.point: CP      '.'
        JR      NZ, .exp
        EX      DE, HL
        SET     7, (HL)
        EX      DE, HL
.frac:  CALL    .skip
        JR      Z, .end
        LD      A, (HL)
        CP      '#'
        JR      NZ, .exp
        PUSH    HL
        LD      HL, USD
        INC     (HL)
        POP     HL
        JR      .frac
.exp:   LD      B, 4            ; ^^^^
        PUSH    HL
        PUSH    BC
.e1:    LD      A, C
        OR      A
        JR      Z, .noexp
        LD      A, (HL)
        CP      5BH
        JR      NZ, .noexp
        INC     HL
        DEC     C
        DJNZ    .e1
        POP     AF              ; (drop the saved place)
        POP     AF
        EX      DE, HL
        SET     6, (HL)
        EX      DE, HL
        JR      .sign
.noexp: POP     BC
        POP     HL
.sign:  LD      A, C            ; + or - last
        OR      A
        JR      Z, .end
        LD      A, (HL)
        LD      B, 2
        CP      '+'
        JR      Z, .s1
        LD      B, 4
        CP      '-'
        JR      NZ, .end
.s1:    LD      A, (USF)
        OR      B
        LD      (USF), A
        CALL    .skip
.end:   PUSH    HL              ; the field is read: now the number
        PUSH    BC
        CALL    USPRINT
        POP     BC
        POP     HL
        POP     DE
        RET
.two:   CALL    .place          ; ** or $$: two places
.place: PUSH    HL
        LD      HL, USI
        INC     (HL)
        POP     HL
.skip:  INC     HL              ; Z when the format is used up
        DEC     C
        RET

; Print the accumulator as the field in USF, USI, USD says.
USPRINT: CALL   FOUT            ; the digits and the point's place
        LD      A, (HL)
        LD      (USNEG), A      ; ' ' or '-'
        LD      DE, FBUFFR      ; (the digits go over the text read)
        LD      BC, 0           ; B = the point's place, C = digits
.i:     INC     HL              ; before the point
        LD      A, (HL)
        CALL    .dg
        JR      C, .ipt
        JR      Z, .i
        INC     B
        JR      .i
.ipt:   CP      '.'
        JR      NZ, .x
.f:     INC     HL              ; after it: a 0 before any digit moves the
        LD      A, (HL)         ; point
        CALL    .dg
        JR      C, .x
        JR      NZ, .f
        DEC     B
        JR      .f
.dg:    CP      '0'             ; a digit: stored (NZ), or a leading 0 (Z);
        RET     C               ; carry: not a digit
        CP      '9' + 1
        CCF
        RET     C
        CP      '0'
        JR      NZ, .st
        INC     C
        DEC     C
        RET     Z
.st:    LD      (DE), A
        INC     DE
        INC     C
        OR      A
        RET
.x:     OR      A               ; E+nn or D+nn
        JR      Z, .got
        INC     HL
        LD      A, (HL)
        PUSH    AF
        INC     HL
        LD      A, (HL)
        SUB     '0'
        LD      E, A
        ADD     A, A
        ADD     A, A
        ADD     A, E
        ADD     A, A
        INC     HL
        ADD     A, (HL)
        SUB     '0'
        LD      E, A
        POP     AF
        CP      '-'
        LD      A, E
        JR      NZ, .ep
        NEG
.ep:    ADD     A, B
        LD      B, A
.got:   LD      A, C
        LD      (USN), A
        LD      A, B
        LD      (USB), A
        ; round to the digits the field shows
        LD      HL, USD
        LD      A, (USF)
        BIT     6, A
        JR      Z, .fixed
        CALL    USINT           ; E form: USINT digits before the point
        ADD     A, (HL)
        JR      .round
.fixed: LD      A, (USB)
        ADD     A, (HL)
.round: CALL    USROUND
        LD      A, (USF)
        BIT     6, A
        JR      Z, .left
        CALL    USINT           ; E form: the exponent shown
        LD      B, A
        LD      A, (USN)
        OR      A
        LD      A, (USB)
        JR      NZ, .ex
        LD      A, B            ; zero: E+00
.ex:    SUB     B
        PUSH    AF              ; the exponent
        LD      A, B
        LD      (USB), A        ; digits before the point: USINT
        CALL    USLEFT
        POP     AF
        LD      C, '+'
        OR      A
        JP      P, .ep2
        NEG
        LD      C, '-'
.ep2:   PUSH    AF
        LD      A, 'E'
        CALL    OUTCH
        LD      A, C
        CALL    OUTCH
        POP     AF
        LD      B, '0' - 1
.ten:   INC     B
        SUB     10
        JR      NC, .ten
        ADD     A, '0' + 10
        PUSH    AF
        LD      A, B
        CALL    OUTCH
        POP     AF
        CALL    OUTCH
        JR      USTRAIL
.left:  CALL    USLEFT
; The sign after the number, if the field asks for it.
USTRAIL: LD     A, (USF)
        AND     06H
        RET     Z
        LD      B, A
        LD      A, (USNEG)
        CP      '-'
        LD      A, '-'
        JR      Z, .out
        LD      A, '+'
        BIT     1, B
        JR      NZ, .out
        LD      A, ' '
.out:   JP      OUTCH

; Digits before the point in the E form -> A: the places, less one for the
; sign unless the field places the sign itself.
USINT:  LD      A, (USF)
        AND     07H
        LD      A, (USI)
        RET     NZ
        DEC     A
        RET     P
        XOR     A
        RET

; Keep A digits of the value (A < 0: none), rounding half up.
USROUND: LD     HL, USN
        CP      (HL)
        RET     P               ; no more digits than it has
        LD      (HL), A         ; (cut, perhaps to 0 or fewer)
        OR      A
        JP      M, .zero
        LD      E, A
        LD      D, 0
        LD      HL, FBUFFR
        ADD     HL, DE
        LD      A, (HL)
        CP      '5'
        RET     C               ; rounded down
.up:    LD      A, E            ; one more in the last digit kept
        OR      A
        JR      Z, .carry
        DEC     HL
        DEC     E
        INC     (HL)
        LD      A, (HL)
        CP      '9' + 1
        RET     C
        LD      (HL), '0'
        JR      .up
.carry: LD      A, '1'          ; 999 became 1000: the digit 1, one place up
        LD      (FBUFFR), A
        LD      HL, USB
        INC     (HL)
        LD      A, 1
        DB      0FEH            ; (CP n: skips the XOR)
.zero:  XOR     A
        LD      (USN), A
        RET

; Print the part before the point (sign, $, digits with commas, padded to the
; field), then the point and the decimals.
USLEFT: LD      A, (USB)        ; C = characters before the point
        LD      B, A            ; B = digits before the point (none if < 1)
        OR      A
        JP      P, .pos
        XOR     A
        LD      B, A
.pos:   LD      C, A
        LD      A, (USF)
        BIT     5, A            ; commas: one for every 3 digits after the first
        JR      Z, .nc
        LD      A, B
.c3:    SUB     3
        JR      C, .nc
        JR      Z, .nc
        INC     C
        JR      .c3
.nc:    LD      A, (USF)
        BIT     4, A
        JR      Z, .nd
        INC     C               ; the $
.nd:    CALL    USSIGN
        JR      Z, .ns
        INC     C               ; the sign in front
.ns:    LD      A, (USF)        ; the places: USI, + 1 for a + in front
        AND     01H
        LD      HL, USI
        ADD     A, (HL)
        SUB     C               ; spare places
        LD      D, 0            ; D = 1: a 0 before the point
        JR      C, .wide
        JR      Z, .fill
        INC     B
        DEC     B
        JR      NZ, .fill
        INC     D               ; room for the 0
        DEC     A
.fill:  LD      E, A
        LD      A, (USF)
        BIT     3, A
        LD      A, '*'
        JR      NZ, .f1
        LD      A, ' '
.f1:    INC     E
.f2:    DEC     E
        JR      Z, .sgn
        CALL    OUTCH
        JR      .f2
.wide:  LD      A, '%'
        CALL    OUTCH
.sgn:   CALL    USSIGN
        CALL    NZ, OUTCH
        LD      A, (USF)
        BIT     4, A
        LD      A, '$'
        CALL    NZ, OUTCH
        LD      A, '0'
        DEC     D
        CALL    Z, OUTCH
        LD      C, 0            ; the digits: C = index
.int:   LD      A, C
        CP      B
        JR      Z, .point
        OR      A
        JR      Z, .noc
        LD      A, (USF)
        BIT     5, A
        JR      Z, .noc
        LD      A, B            ; a comma where 3, 6, ... digits remain
        SUB     C
.m3:    SUB     3
        JR      Z, .comma
        JR      NC, .m3
        JR      .noc
.comma: LD      A, ','
        CALL    OUTCH
.noc:   CALL    USDIGIT
        INC     C
        JR      .int
.point: LD      A, (USF)
        BIT     7, A
        RET     Z
        LD      A, '.'
        CALL    OUTCH
        LD      A, (USD)
        LD      E, A
        LD      A, (USB)        ; the first decimal's index
        LD      C, A
.dec:   INC     E
        DEC     E
        RET     Z
        CALL    USDIGIT
        INC     C
        DEC     E
        JR      .dec

; The sign to print in front -> A, NZ; Z if none.
USSIGN: LD      A, (USF)
        AND     06H             ; a sign after the number: none in front
        JR      NZ, .none
        LD      A, (USNEG)
        CP      '-'
        JR      Z, .yes
        LD      A, (USF)
        RRCA
        LD      A, '+'
        JR      C, .yes
.none:  XOR     A
        RET
.yes:   OR      A
        RET

; Print digit C (an index, may be negative) of the value: 0 outside its digits.
USDIGIT: LD     A, C
        OR      A
        LD      A, '0'
        JP      M, OUTCH
        LD      A, (USN)
        DEC     A
        CP      C
        LD      A, '0'
        JP      M, OUTCH
        PUSH    HL
        LD      HL, FBUFFR
        LD      A, L
        ADD     A, C
        LD      L, A
        LD      A, (HL)
        POP     HL
        JP      OUTCH
