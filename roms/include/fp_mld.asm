; fp_mld.asm - singles into FAC and ARG (helpers of fp_math.asm).

; ARG := FAC; ARG := the 4 bytes at HL (HL moves past them); FAC := them.
F2ARG4: LD      HL,FACSNG
LDARG:  LD      DE,ARG+4
LD4:    LD      BC,4
        LDIR
        RET
LDFAC:  LD      DE,FACSNG
        JR      LD4

; FAC := INT(FAC), single.
FLOOR:  CALL    XINT
        JP      XCSNG
