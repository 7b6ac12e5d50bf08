; interp_gc.asm - garbage collection of string space: when a new string does
; not fit, the strings still in use are moved up against MEMSIZ, the highest
; first, and the room the others held is free again. Strings in use are the
; ones of the variables and arrays, of the accumulator and its second
; operand, and of string values saved on the stack in the middle of an
; expression (recognised by PUSHF's frame: the pointer FIXSTR keeps at
; FAC + 4, and type 3). Strings never overlap in string space: LEFT$, MID$
; and RIGHT$ copy, and two descriptors with the same address describe the
; same string. No Level II code was read.

GCTOP   EQU     40E1H           ; 2 bytes: the next string moved ends here
GCLIM   EQU     40E3H           ; 2 bytes: the old address of the last moved - 1
GCBEST  EQU     40B3H           ; 2 bytes: the descriptor to move next (its
                                ; length byte; FRETOP - 1 means none)

GARBAGE: LD     HL, (MEMSIZ)
        LD      (GCTOP), HL
        LD      (GCLIM), HL
.pass:  LD      HL, FRETOP - 1  ; a "descriptor" whose address is FRETOP
        LD      (GCBEST), HL
        LD      HL, (VARTAB)    ; the simple variables
.var:   LD      DE, (ARYTAB)
        RST     18H
        JR      Z, .ary
        LD      A, (HL)
        INC     HL
        INC     HL
        INC     HL
        CALL    GCV3
        LD      E, A
        LD      D, 0
        ADD     HL, DE
        JR      .var
.ary:   LD      DE, (STREND)    ; HL = ARYTAB: the arrays
        RST     18H
        JR      Z, .acc
        LD      A, (HL)         ; the type
        INC     HL
        INC     HL
        INC     HL
        LD      E, (HL)
        INC     HL
        LD      D, (HL)
        INC     HL
        PUSH    HL
        ADD     HL, DE
        EX      (SP), HL        ; (the next array)
        CP      3
        JR      NZ, .anx
        LD      A, (HL)         ; past the sizes to the elements
        ADD     A, A
        INC     A
        LD      E, A
        LD      D, 0
        ADD     HL, DE
.el:    POP     DE
        PUSH    DE
        RST     18H
        JR      Z, .anx
        CALL    GCVIS
        INC     HL
        INC     HL
        INC     HL
        JR      .el
.anx:   POP     HL
        JR      .ary
.acc:   LD      HL, FAC         ; the accumulator, its second operand
        LD      A, (VALTYP)
        CALL    GCV3
        LD      HL, ARG
        LD      A, (ARGTYP)
        CALL    GCV3
        LD      HL, 0           ; strings saved on the stack by PUSHF
        ADD     HL, SP
.stk:   LD      DE, (STKTOP)
        RST     18H
        JR      NC, .move
        PUSH    HL
        LD      DE, 4
        ADD     HL, DE
        LD      E, (HL)
        INC     HL
        LD      D, (HL)         ; DE = the word at +4 (FAC for a string)
        LD      BC, 4
        ADD     HL, BC
        LD      A, (HL)         ; A = the byte at +9 (its type)
        LD      HL, FAC
        SBC     HL, DE          ; (no carry after the ADD)
        POP     HL
        CALL    Z, GCV3
.snx:   INC     HL
        JR      .stk
.move:  LD      HL, (GCBEST)    ; the highest string left: up to GCTOP
        LD      DE, FRETOP - 1
        RST     18H
        JR      Z, .done
        LD      C, (HL)
        LD      B, 0
        INC     HL
        LD      E, (HL)
        INC     HL
        LD      D, (HL)         ; DE = its address
        PUSH    HL
        EX      DE, HL
        DEC     HL
        LD      (GCLIM), HL
        ADD     HL, BC          ; HL = its last byte
        LD      DE, (GCTOP)
        LDDR                    ; (upwards: from the end)
        LD      (GCTOP), DE
        INC     DE              ; DE = its new address
        POP     HL
        LD      (HL), D
        DEC     HL
        LD      (HL), E
        JP      .pass
.done:  LD      HL, (GCTOP)         ; (HL = FRETOP on return: FRE uses it)
        LD      (FRETOP), HL
        RET
