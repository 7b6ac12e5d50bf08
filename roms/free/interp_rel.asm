; interp_rel.asm - AND, OR and the relations on the accumulator and ARG.
; No Level II code was read.

; AND, OR.
DOLOGIC: PUSH   DE              ; AND, OR on 16-bit integers
        CALL    CINT
        PUSH    HL
        CALL    SWAP
        CALL    CINT
        POP     DE
        POP     BC
        LD      A, C
        CP      5
        LD      A, H
        JR      NZ, .or
        AND     D
        LD      H, A
        LD      A, L
        AND     E
        JR      .lg
.or:    OR      D
        LD      H, A
        LD      A, L
        OR      E
.lg:    LD      L, A
        JP      MAKINT
; A relation (E = its mask, bit 7 set): -1 true, 0 false.
DOREL:  PUSH    DE
        CALL    UNIFY
        JR      NZ, .num
        CALL    STRCMP
        JR      .cmp
.num:   CALL    XCMP
.cmp:   POP     DE              ; A = -1, 0, 1 -> bit 1, 2, 4
        INC     A
        INC     A
        CP      3               ; (1 2 3 -> 1 2 4)
        SBC     A, 0FFH
        AND     E
        PUSH    HL              ; -1 if true, else 0
        JR      BOOLR

