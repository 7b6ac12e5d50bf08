; fp_fout.asm - FOUT (0FBDH): the accumulator as text, the way Level II
; prints numbers (PRINT, STR$): a sign place (space or -), up to 6 significant
; digits for single precision and 16 for double, fixed notation from .01 up
; to the digit count, otherwise d.dddE+xx (D for double precision).
;
; How the digits come about follows what the real ROM was seen to print
; (tests/data/fp_print_table.txt, tests/fpsupport/fout.rs): |x| is scaled by
; ten (rounded multiplications or divisions) into [10^(n-1)-.05, 10^n-.5),
; .5 is added, and the integer part gives the n digits; a double below 65536
; is multiplied by 1D10 first, while it stays below (one rounding instead of
; ten, as Level II's printed digits show). No Level II code was read.
;
; Out: text at FBUFFR (4130H), 00-terminated; HL = FBUFFR. FAC is changed.

FOSGN   EQU     4088H           ; the number's sign byte
FOK     EQU     4089H           ; power of ten of the first digit
FOTAB   EQU     408AH           ; 2 bytes: the constants for this precision
FON     EQU     408CH           ; digits: 6 or 16
FODIG   EQU     FBUFFR+9        ; the digits are made here, then moved
FONUM   EQU     ARG             ; 8 bytes: the integer the digits come from

XFOUT:  RST     20H
        LD      HL,(FACSNG)
        JP      M,.INT
        LD      A,(FACEXP)
        OR      A
        LD      HL,0            ; zero prints as the integer 0
        JP      Z,.INT
        LD      HL,FACEXP-1
        LD      A,(HL)
        LD      (FOSGN),A
        RES     7,(HL)          ; |x|
        RST     20H
        DEC     A
        LD      HL,FOCSNG-1
        LD      A,6
        JR      Z,.T
        LD      HL,FOCDBL-1
        LD      A,16
.T:     LD      (FOK),A
        LD      (FON),A
        LD      (FOTAB),HL      ; (Z still from DEC A: single)
        JR      Z,.UP
.TEN:   LD      A,(FACEXP)      ; a double below 65536: times 1D10 first
        CP      91H
        JR      NC,.UP
        LD      HL,FO1D10
        LD      DE,ARG
        CALL    CPY8
        CALL    DMUL
        LD      HL,FOK
        LD      A,(HL)
        SUB     10
        LD      (HL),A
        JR      .TEN
.UP:    XOR     A               ; below 10^(n-1)-.05: times ten
        CALL    FOCMP
        JR      NC,.DOWN
        CALL    TIMES10         ; (x*4 + x)*2: the same as a product by ten
        LD      HL,FOK
        DEC     (HL)
        JR      .UP
.DOWN:  LD      A,1             ; from 10^n-.5 up: divided by ten
        CALL    FOCMP
        JR      C,.HALF
        LD      A,10
        CALL    ARGA
        CALL    FODIV
        LD      HL,FOK
        INC     (HL)
        JR      .DOWN
.HALF:  LD      A,1             ; + .5
        CALL    ARGA
        LD      HL,ARGEXP
        DEC     (HL)
        CALL    FOADD
        ; the integer part: the mantissa, shifted right (bits - (exp-128))
        CALL    LENOF           ; FPLEN = 3 or 7
        CALL    LOWFAC
        LD      DE,FONUM
        CALL    LENBC
        LDIR                    ; (HL = FACEXP now)
        LD      A,(FPLEN)
        ADD     A,A
        ADD     A,A
        ADD     A,A
        ADD     A,128
        SUB     (HL)            ; bits to shift (< 8)
        EX      DE,HL
        DEC     HL
        SET     7,(HL)          ; hidden bit
        JR      Z,.DIGITS
        LD      D,A
.SHR:   PUSH    HL              ; FONUM one place right
        LD      A,(FPLEN)
        LD      B,A
        OR      A
        CALL    SHRN
        POP     HL
        DEC     D
        JR      NZ,.SHR
.DIGITS: LD     A,(FON)
        LD      B,A
        LD      HL,FODIG-1
        LD      E,A
        LD      D,0
        ADD     HL,DE           ; the last digit's place
        PUSH    HL
.DG:    PUSH    BC              ; B digits of FONUM (FPLEN bytes, LSB
        PUSH    HL              ; first, divided by ten for each), the
        CALL    LENBC           ; last at HL, backwards
        LD      HL,FONUM-1
        ADD     HL,BC           ; the top byte
        XOR     A               ; the remainder
.BYTE:  LD      D,(HL)
        LD      B,8
.BIT:   SLA     D
        RLA
        CP      10
        JR      C,.NO
        SUB     10
        INC     D               ; a quotient bit
.NO:    DJNZ    .BIT
        LD      (HL),D
        DEC     HL
        DEC     C
        JR      NZ,.BYTE
        POP     HL
        ADD     A,'0'
        LD      (HL),A
        DEC     HL
        POP     BC
        DJNZ    .DG
        ; the first digit is 1-9 (the value was at least 10^(n-1)), or 0
        ; when the digits were 10^n: then "1" one place up
        LD      A,(FODIG)
        CP      '0'
        JR      NZ,.TRIM
        INC     A
        LD      (FODIG),A
        LD      HL,FOK
        INC     (HL)
        ; (the other digits are all 0 already)
.TRIM:  POP     HL              ; the last digit
        LD      A,(FON)         ; C := digits without the trailing zeros
        LD      C,A             ; (the first is not 0)
.TZ:    LD      A,(HL)
        CP      '0'
        JR      NZ,.FMT
        DEC     HL
        DEC     C
        JR      .TZ
.INT:   LD      A,H             ; an integer HL: its digits, as k = their
        LD      (FOSGN),A       ; count places before the point
        OR      A
        CALL    M,NEGHL
        LD      B,60            ; (as long as Level II takes)
        DJNZ    $
        CALL    IDIGS
        LD      C,B
        LD      A,B
        LD      (FOK),A
        LD      (FON),A
        JR      .FMT2
.FMT:   LD      HL,FODIG        ; HL reads the digits, DE writes
.FMT2:  LD      DE,FBUFFR
        LD      A,(FOSGN)       ; ' ' or '-'
        RLA
        SBC     A,A
        AND     '-' - ' '
        ADD     A,' '
        LD      (DE),A
        INC     DE
        LD      A,(FOK)
        LD      B,A             ; B = k
        INC     A
        JP      M,.EXPO         ; k < -1
        DEC     A
        JR      Z,.POINT        ; k = 0
        JP      M,.POINT        ; k = -1
        LD      A,(FON)
        CP      B
        JR      C,.EXPO         ; k > n
.INTP:  LDI                     ; k > 0: k places before the point
        INC     C               ; (C was 1 or more: B is kept)
        DEC     C
        JR      Z,.ZEROS
        DJNZ    .INTP           ; (then the point and the rest: B = 0)
.POINT: LD      A,'.'           ; k <= 0: point, -k zeros, the digits
        LD      (DE),A
        INC     DE
        LD      A,B
        OR      A
        JR      Z,.COPY
        LD      A,'0'
        LD      (DE),A
        INC     DE
.COPY:  LD      B,0             ; C digits (1 or more)
        LDIR
.END:   XOR     A
        LD      (DE),A
        LD      HL,FBUFFR
        RET
.ZEROS: DEC     B               ; digits ran out: zeros up to the point
        JR      Z,.END
        LD      A,'0'
.Z0:    LD      (DE),A
        INC     DE
        DJNZ    .Z0
        JR      .END
.EXPO:  LDI                     ; d.ddddE+xx
        INC     C
        DEC     C
        JR      Z,.E
        LD      A,'.'
        LD      (DE),A
        INC     DE
        LD      B,0             ; the other C digits
        LDIR
.E:     LD      A,(FON)         ; E for 6 digits, D for 16
        ADD     A,-7
        LD      A,'E'
        SBC     A,0
.E1:    LD      (DE),A
        INC     DE
        LD      A,(FOK)
        DEC     A               ; the exponent is k-1
        LD      C,'+'
        JP      P,.E2
        NEG
        LD      C,'-'
.E2:    LD      L,A
        LD      H,0
        LD      A,C
        LD      (DE),A
        INC     DE
        LD      BC,-10          ; two digits
        CALL    IDIGS.D
        LD      C,B
        CALL    IDIGS.D
        JR      .END
; HL (unsigned) -> its decimal digits: HL at the first, B = their count
; (leading zeros skipped, one digit kept). Each digit counts how often its
; power of ten can be taken away.
IDIGS:  LD      DE,FODIG
        LD      BC,-10000
        CALL    .D
        LD      BC,-1000
        CALL    .D
        LD      BC,-100
        CALL    .D
        LD      C,-10           ; (B is FFH)
        CALL    .D
        LD      C,B             ; the units: BC = -1
        CALL    .D
        LD      HL,FODIG
        LD      B,4
.LZ:    LD      A,(HL)
        CP      '0'
        JR      NZ,.N
        INC     HL
        DJNZ    .LZ
.N:     INC     B
        RET
; One digit at DE (DE advanced): how often -BC goes into HL; HL keeps the
; rest.
.D:     LD      A,'0'-1
.L:     INC     A
        ADD     HL,BC
        JR      C,.L
        SBC     HL,BC           ; (no carry here) the last one back
        LD      (DE),A
        INC     DE
        RET

; Compare |FAC| with bound A (0 lo, 1 hi) of this precision: CY when below
; (FOTAB: the table of the bounds less one, VALTYP bytes each).
FOCMP:  LD      HL,(FOTAB)
        LD      B,A
        INC     B
        LD      A,(VALTYP)
        LD      E,A
        LD      D,0
.N:     ADD     HL,DE           ; its last byte (the exponent)
        DJNZ    .N
        LD      B,E
        LD      DE,FACEXP
.L:     LD      A,(DE)
        CP      (HL)
        RET     NZ
        DEC     HL
        DEC     DE
        DJNZ    .L
        RET                     ; equal: not below

; FAC := FAC / ARG; a double takes as long as Level II's division by ten in
; FIN and FOUT (its T-states, measured in tests/fp_speed.rs: about twice a
; DDIV).
FODIV:  RST     20H
        JP      C,SDIV
        LD      HL,1600
.P:     DEC     HL
        LD      A,H
        OR      L
        JR      NZ,.P
        JP      DDIV

; The bounds 99999.95, 999999.5 in single precision, then in double precision
; 999999999999999.95, 9999999999999999.5 (each the nearest value, but for the
; first: one unit below it, 99999.9453125, as Level II was seen to print
; .99999946 as 1); then 1D10.
FOCSNG: DB      0F9H,4FH,43H,91H, 0F8H,23H,74H,94H
FOCDBL: DB      00H,00H,0A0H,31H,0A9H,5FH,63H,0B2H
        DB      00H,00H,04H,0BFH,0C9H,1BH,0EH,0B6H
FO1D10: DB      00H,00H,00H,00H,0F9H,02H,15H,0A2H

; LINPRT (0FAFH): print HL as an unsigned decimal number (no spaces around
; it), as Level II was seen to do, through the video display entry 0033H.
XLINPRT: CALL   IDIGS
.P:     LD      A,(HL)
        CALL    DSPCHRE         ; (keeps BC and HL)
        INC     HL
        DJNZ    .P
        RET
