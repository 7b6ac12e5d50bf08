; interp_upcase.asm - upper case for the tokenizer (a gap filler).

; A lower-case letter to upper case.
UPCASE: CP      'a'
        RET     C
        CP      'z' + 1
        RET     NC
        SUB     20H
        RET
