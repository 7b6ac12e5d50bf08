; fp_mcop.asm - FAC op a constant (helpers of fp_math.asm).

; FAC := FAC op the constant at HL.
CADD:   CALL    LDARG
        JP      SADD
CSUB:   CALL    LDARG
        JP      SSUB
CMUL:   CALL    LDARG
        JP      SMUL
CDIV:   CALL    LDARG
        JP      SDIV

