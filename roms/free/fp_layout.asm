; fp_layout.asm - the numeric core's region, 0700H-17FFH (owner: the numeric
; core). Placeholder until the numeric core lands: every published entry point
; of this region is present and answers ?L3 ERROR, so machine code that calls
; one before the arithmetic exists stops with a message instead of running wild.

NOTYET: JP      L3ERR
        PLACE   07B2H
OVERR:  LD      E, 10           ; 07B2H: ?OV
        JP      ERROR
        PLACE   0A7FH
CINT:   JP      NOTYET          ; 0A7FH accumulator -> integer in HL
        PLACE   0A9AH
MAKINT: JP      NOTYET          ; 0A9AH HL -> accumulator as an integer
        PLACE   0AB1H
CSNG:   JP      NOTYET
        PLACE   0ADBH
CDBL:   JP      NOTYET
        PLACE   0B26H
FIX:    JP      NOTYET
        PLACE   0B37H
INT:    JP      NOTYET
        PLACE   0E6CH
FIN:    JP      NOTYET
        PLACE   0FAFH
LINPRT: JP      NOTYET
        PLACE   0FBDH
FOUT:   JP      NOTYET
