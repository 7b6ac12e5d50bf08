; fp_ten.asm - helpers of FIN (fp_fin.asm): one more digit, times ten, a
; small constant into ARG. No Level II code was read.

; FIN's end: the leading '-' (a single -32768 becomes an integer).
FINSIGN: LD      A,(FINSGN)
        OR      A
        RET     Z
        PUSH    HL
        CALL    XNEG
        LD      A,(VALTYP)
        CP      4
        JR      NZ,.X
        LD      HL,(FACSNG+2)
        LD      DE,9080H
        SBC     HL,DE           ; (CY clear after CP 4)
        LD      DE,(FACSNG)
        LD      A,H
        OR      L
        OR      D
        OR      E
        LD      HL,8000H
        CALL    Z,XMAKINT
.X:     POP     HL
        RET

; An integer becomes single.
TOFLT:  RST     20H
        RET     P
        PUSH    HL
        CALL    XCSNG
        POP     HL
        RET

; One more digit A (0-9): FAC := FAC * 10 + A, an integer while it fits in
; 0..32767, the eighth significant digit makes it double. HL kept.
FDIGIT: PUSH    HL
        LD      C,A
        LD      B,0
        RST     20H
        LD      HL,(FACSNG)
        JP      M,.INT
        LD      A,(FACEXP)
        LD      H,A
        LD      L,A
.INT:   LD      A,H
        OR      L
        OR      C
        JR      Z,.NC           ; leading zeros do not count
        LD      HL,FINDIG
        INC     (HL)
.NC:    RST     20H
        JP      P,.FLT
        LD      HL,(FACSNG)
        LD      D,H
        LD      E,L
        ADD     HL,HL
        JR      C,.BIG
        ADD     HL,HL
        JR      C,.BIG
        ADD     HL,DE
        JR      C,.BIG
        ADD     HL,HL
        JR      C,.BIG
        ADD     HL,BC
        JR      C,.BIG
        BIT     7,H
        JR      NZ,.BIG
        LD      (FACSNG),HL
        POP     HL
        RET
.BIG:   PUSH    BC
        CALL    XCSNG
        POP     BC
.FLT:   LD      A,(FINDIG)
        CP      8
        JR      C,.SNG
        PUSH    BC
        CALL    XCDBL
        POP     BC
.SNG:   LD      A,C
        PUSH    AF
        CALL    TIMES10
        POP     AF
        POP     HL
        OR      A
        RET     Z
        PUSH    HL
        CALL    ARGA
        CALL    FOADD
        POP     HL
        RET

; FAC := FAC * 10 (single or double, VALTYP), as x*4 + x, then doubled; ?OV
; only when the result is too large.
TIMES10: LD     A,(FACEXP)
        OR      A
        RET     Z
        CP      0FDH
        JP      NC,OVERR
        LD      HL,FAC
        LD      DE,ARG
        CALL    CPY8
        ADD     A,2
        LD      (FACEXP),A
        CALL    FOADD
        LD      HL,FACEXP
        INC     (HL)
        RET     NZ
        JP      OVERR

; ARG := A (1-10), in either precision.
ARGA:   PUSH    AF
        LD      HL,ARG
        LD      B,8
        CALL    CLRN
        POP     AF
        LD      B,89H
.S:     DEC     B
        ADD     A,A
        JR      NC,.S
        SRL     A
        LD      L,A
        LD      H,B
        LD      (ARGEXP-1),HL
        RET
