; fp_foadd.asm - FAC := FAC + ARG in the accumulator's precision (FOUT,
; FIN, TIMES10), placed by fp_layout.asm in a gap of its own.

FOADD:  RST     20H
        JP      C,SADD
        JP      DADD
