; fp_mtab.asm - the constants of fp_math.asm (see there).

; The constants (each the nearest single) and the polynomials.
CPOOL:  DB      0DBH,0FH,49H,81H        ; pi/2
        DB      0DBH,0FH,49H,83H        ; 2 pi
        DB      00H,00H,00H,80H         ; 1/2
        DB      00H,00H,00H,81H         ; 1
        DB      0F3H,04H,35H,80H        ; sqr(1/2)
        DB      0F3H,04H,35H,81H        ; sqr(2)
        DB      18H,72H,31H,80H         ; ln 2
        DB      3BH,0AAH,38H,81H        ; 1 / ln 2
        DB      00H,00H,00H,7FH         ; 1/4
; sin(2 pi v) = v * P(v*v), |v| <= 1/4
TSIN:   DB      60H,76H,80H,84H
        DB      0D8H,0DH,24H,86H
        DB      0C6H,4CH,99H,87H
        DB      44H,35H,23H,87H
        DB      0E4H,5DH,0A5H,86H
        DB      0DAH,0FH,49H,83H
; log2((1+z)/(1-z)) = z * P(z*z)
TLOG:   DB      83H,0A2H,0D0H,79H
        DB      0B9H,69H,19H,80H
        DB      0BCH,22H,76H,80H
        DB      45H,0AAH,38H,82H
; e^r = P(r), -ln 2 <= r <= 0
TEXP:   DB      1EH,5BH,68H,73H
        DB      41H,64H,23H,77H
        DB      0D1H,87H,06H,7AH
        DB      79H,6DH,2AH,7CH
        DB      0AEH,0A6H,2AH,7EH
        DB      0BEH,0FFH,7FH,7FH
        DB      0FEH,0FFH,7FH,80H
        DB      00H,00H,00H,81H
; atan(v) = v * P(v*v), 0 <= v <= 1
TATN:   DB      0DCH,5DH,3BH,78H
        DB      17H,7EH,84H,7BH
        DB      3AH,0CH,30H,7CH
        DB      0A7H,68H,9AH,7DH
        DB      0EEH,5FH,5AH,7DH
        DB      69H,84H,91H,7EH
        DB      37H,0BCH,4CH,7EH
        DB      67H,0AAH,0AAH,7FH
        DB      00H,00H,00H,81H
