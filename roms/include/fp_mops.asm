; fp_mops.asm - the byte code's operations (fp_math.asm).

FPOPS:  DW      LDFAC, LDARG, PBC
        DW      FPUSH, FPOPF, FPOPA, XNEG, SADD, SSUB, SMUL, SDIV
        DW      F2ARG4, FLOOR, XCSNG

