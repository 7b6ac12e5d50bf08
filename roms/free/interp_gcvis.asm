; interp_gcvis.asm - the garbage collector's look at one string descriptor.
; No Level II code was read.

; One descriptor at HL (kept, as AF): the string moved last moves here too
; (same address); else it is the highest one below the last moved (and
; above FRETOP) so far, or not.
GCVIS:  PUSH    AF
        PUSH    HL
        LD      A, (HL)
        OR      A
        JR      Z, .x           ; "" has no bytes
        INC     HL
        LD      E, (HL)
        INC     HL
        LD      D, (HL)         ; DE = its address
        DEC     DE              ; (GCLIM is one below the last moved)
        PUSH    HL
        LD      HL, (GCLIM)
        RST     18H
        POP     HL
        INC     DE
        JR      C, .x           ; above the limit: moved already
        JR      NZ, .cmp
        LD      DE, (GCTOP)     ; the string just moved: its new address
        INC     DE
        LD      (HL), D
        DEC     HL
        LD      (HL), E
        JR      .x
.cmp:   LD      HL, (GCBEST)
        INC     HL
        LD      A, (HL)
        INC     HL
        LD      H, (HL)
        LD      L, A
        RST     18H
        JR      NC, .x          ; not above the best so far
        POP     HL
        LD      (GCBEST), HL
        PUSH    HL
.x:     POP     HL
        POP     AF
        RET
