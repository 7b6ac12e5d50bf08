; interp_ary.asm - arrays in Level II's layout between ARYTAB and STREND:
; type, second letter, first letter, offset to the next array (counted from
; the byte after it), number of dimensions, the dimension sizes (last
; dimension first), then the elements, the first subscript varying fastest.
; An array used before DIM gets 11 elements (0-10) in each dimension. No
; Level II code was read.

DIMFLG  EQU     40CFH           ; not 0 while DIM creates arrays
NDIMS   EQU     40D0H
ARYPTR  EQU     40D1H           ; 2 bytes
ATXT    EQU     40D3H           ; 2 bytes

; PTRGET met '(' after a name (B first letter, C second, VARTYP the type):
; DE = the element's address.
ARRAY:  PUSH    BC
        LD      A, (VARTYP)
        LD      C, A
        LD      B, 0
.sub:   PUSH    BC
        RST     10H
        CALL    GETNUM          ; a subscript (text pointer pushed)
        BIT     7, H            ; negative: ?FC
        JP      NZ, FCERR
        POP     DE
        POP     BC
        PUSH    HL
        INC     B
        EX      DE, HL
        LD      A, (HL)
        CP      ','
        JR      Z, .sub
        RST     08H
        DB      ')'
        LD      (ATXT), HL
        LD      A, B
        LD      (NDIMS), A
        LD      A, C
        LD      (VARTYP), A
        LD      L, B            ; the names, under the subscripts
        LD      H, 0
        ADD     HL, HL
        ADD     HL, SP
        LD      C, (HL)
        INC     HL
        LD      B, (HL)
        LD      HL, (ARYTAB)
.lp:    LD      DE, (STREND)
        RST     18H
        JR      Z, .new
        CALL    NAMEQ
        LD      E, (HL)         ; the offset to the next one
        INC     HL
        LD      D, (HL)
        INC     HL
        JR      Z, .found
        ADD     HL, DE
        JR      .lp
.found: LD      A, (DIMFLG)
        OR      A
        LD      E, 18           ; ?DD
        JP      NZ, ERROR
        LD      A, (NDIMS)      ; HL = the number of dimensions
        CP      (HL)
        JP      NZ, BSERR
        INC     HL
        JR      .index
.new:   LD      (ARYPTR), SP    ; -> the last subscript
        PUSH    BC              ; the names
        PUSH    HL              ; the new entry (at STREND)
        LD      HL, 1           ; the elements: the product of the sizes
        LD      A, (NDIMS)
.prod:  PUSH    AF
        CALL    DIMSZ
        LD      B, D
        LD      C, E
        EX      DE, HL
        CALL    MULDEBC
        POP     AF
        DEC     A
        JR      NZ, .prod
        CALL    TIMESTY         ; x the element size
        LD      A, (NDIMS)      ; + the sizes and their count
        LD      C, A
        LD      B, 0
        ADD     HL, BC
        ADD     HL, BC
        INC     HL
        POP     DE              ; the entry
        PUSH    HL              ; the offset
        LD      C, 5
        ADD     HL, BC
        ADD     HL, DE          ; the new end
        CALL    CHKMEM
        LD      (STREND), HL
.zero:  DEC     HL
        LD      (HL), 0
        RST     18H
        JR      NZ, .zero
        LD      A, (VARTYP)
        LD      (HL), A
        INC     HL
        POP     BC              ; the offset
        POP     DE              ; the names
        LD      (HL), E
        INC     HL
        LD      (HL), D
        INC     HL
        LD      (HL), C
        INC     HL
        LD      (HL), B
        INC     HL
        LD      A, (NDIMS)
        LD      (HL), A
        INC     HL
        LD      (ARYPTR), SP
        LD      B, A
        PUSH    HL              ; the sizes
.dims:  CALL    DIMSZ           ; (keeps BC)
        LD      (HL), E
        INC     HL
        LD      (HL), D
        INC     HL
        DJNZ    .dims
        POP     HL              ; (DIM too: the last element is found)
.index: LD      (ARYPTR), HL    ; HL = the sizes: the element's offset
        LD      HL, 0
        LD      A, (NDIMS)
.il:    EX      DE, HL
        LD      HL, (ARYPTR)
        LD      C, (HL)
        INC     HL
        LD      B, (HL)
        INC     HL
        LD      (ARYPTR), HL
        POP     HL              ; the subscript
        PUSH    AF
        PUSH    HL
        OR      A
        SBC     HL, BC
        JP      NC, BSERR
        CALL    MULDEBC
        POP     DE
        ADD     HL, DE
        POP     AF
        DEC     A
        JR      NZ, .il
        CALL    TIMESTY
        LD      DE, (ARYPTR)
        ADD     HL, DE
        EX      DE, HL
        POP     BC              ; the names
        LD      HL, (ATXT)
        RET

; The size of the next dimension for a new array: the subscript + 1 under
; DIM, else 11. ARYPTR walks the subscripts on the stack. -> DE
DIMSZ:  PUSH    HL
        LD      HL, (ARYPTR)
        LD      E, (HL)
        INC     HL
        LD      D, (HL)
        INC     HL
        LD      (ARYPTR), HL
        POP     HL
        INC     DE
        LD      A, (DIMFLG)
        OR      A
        RET     NZ
        LD      DE, 11
        RET

; HL x the size of a VARTYP element (= the type).
TIMESTY: LD     A, (VARTYP)
        LD      E, A
        LD      D, 0
        LD      B, H
        LD      C, L
; HL := DE x BC (16 bits), one step per bit of DE (fast for a small DE).
; DE and A end 0, BC changes.
MULDEBC: LD     HL, 0
.m:     LD      A, D
        OR      E
        RET     Z
        SRL     D
        RR      E
        JR      NC, .n
        ADD     HL, BC
.n:     SLA     C
        RL      B
        JR      .m

; DIM a(n[,m...])[, ...]
DIMST:  LD      (DIMFLG), A     ; (a letter: not 0)
.v:     CALL    PTRGET
        LD      A, (HL)
        CP      ','
        JR      NZ, .e
        RST     10H
        JR      .v
.e:     XOR     A
        LD      (DIMFLG), A
        RET
