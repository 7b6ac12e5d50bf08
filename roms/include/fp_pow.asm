; fp_pow.asm - SQR and ^ (a piece of fp_math.asm, see there).

; SQR(x) = x ^ 1/2.
XSQR:   CALL    XCSNG
        CALL    FPSEQ
        DB      S_ARG, LDFK+K_HALF, 0
        JR      POW2

; FAC ^ ARG: 1 when the power is 0; 0 ^ y is 0 (?/0 for y < 0); a negative
; x needs an integer y (?FC), odd y gives a negative result;
; otherwise EXP(y * LOG(x)).
XPOW:   CALL    XCSNG
        CALL    FPUSH
        CALL    ARG2FAC
        LD      A,(ARGTYP)
        LD      (VALTYP),A
        CALL    XCSNG
        CALL    FPOPA           ; FAC = y, ARG = x
POW2:   LD      A,(FACEXP)
        OR      A
        JR      NZ,.Y
        LD      HL,CPOOL+4*K_ONE
        JP      LDFAC
.Y:     LD      A,(ARGEXP)
        OR      A
        JR      NZ,.X
        LD      A,(FACEXP-1)
        RLA
        JR      NC,ZEROS
        JP      DZERR           ; ?/0
.X:     LD      C,0
        LD      A,(ARGEXP-1)
        RLA
        JR      NC,.P
        LD      HL,(FACSNG)     ; y's mantissa shifted left by its
        LD      A,(FACSNG+2)    ; integer bits: nothing may remain
        OR      80H
        LD      D,A
        LD      A,(FACEXP)
        SUB     81H
        JP      C,FCERR
        INC     A
        CP      25
        JR      NC,.E
        LD      B,A
.S:     ADD     HL,HL
        RL      D
        DJNZ    .S
        SBC     A,A
        LD      C,A             ; FFH: y odd
        LD      A,D
        OR      H
        OR      L
        JP      NZ,FCERR
.E:     LD      HL,ARGEXP-1
        RES     7,(HL)
.P:     PUSH    BC
        CALL    FPUSH
        LD      HL,ARG+4
        CALL    LDFAC
        CALL    XLOG
        CALL    FPSEQ
        DB      S_POPA, S_MUL, 0
        CALL    XEXP
        POP     BC
        INC     C
        RET     NZ
        JP      XNEG
ZEROS:  XOR     A
        LD      (FACEXP),A
        RET
