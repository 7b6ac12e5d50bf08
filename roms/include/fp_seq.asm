; fp_seq.asm - the byte code of fp_math.asm (see there).

FPSEQ:  POP     HL
FPNXT:  LD      A,(HL)
        INC     HL
        OR      A
        JR      NZ,.OP
        JP      (HL)
.OP:    LD      (FPIP),HL
        LD      C,A
        AND     1FH
        LD      E,A
        ADD     A,A
        ADD     A,A
        LD      L,A
        LD      H,0
        LD      A,C
        LD      BC,CPOOL
        ADD     HL,BC           ; constant k
        RLCA
        RLCA
        RLCA
        AND     7
        JR      Z,.PLAIN
        SUB     5
        JR      NC,.K           ; constant, ARG := constant, polynomial
        CALL    LDARG           ; + - * / constant k: ARG := it, then the
        ADD     A,11            ; plain steps 5-8 (SADD SSUB SMUL SDIV)
        JR      .K
.PLAIN: LD      A,E
        ADD     A,2             ; plain steps after the 3 operations
.K:     INC     A
        ADD     A,A
        LD      E,A
        LD      D,0
        PUSH    HL
        LD      HL,FPOPS-2
        ADD     HL,DE
        LD      E,(HL)
        INC     HL
        LD      D,(HL)
        POP     HL
        LD      BC,.BACK
        PUSH    BC
        PUSH    DE
        RET
.BACK:  LD      HL,(FPIP)
        JR      FPNXT
