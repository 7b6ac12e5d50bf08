; interp_endchk.asm - a small piece of AUTO and DELETE (a gap filler).

; The end of the statement must follow, else ?SN.
ENDCHK: DEC     HL
        RST     10H
        RET     Z
        JP      SNERR
