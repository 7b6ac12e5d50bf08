; interp_linnum.asm - a small piece of LIST and DELETE (a gap filler).

; A line number at HL -> DE, '.' the current line; A the character after it.
LINNUM: CP      '.'
        JR      NZ, LINGET
        LD      DE, (DOTLN)
        RST     10H
        RET
