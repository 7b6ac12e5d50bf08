; interp_list.asm - LIST and LLIST's core: lines shown with their keywords
; spelled out; the output to the screen or the printer. No Level II code was
; read.

; LIST [a][-[b]]: the lines from a to b as Level II shows them.
LISTST: CALL    GETRNG
        PUSH    HL
        PUSH    BC
        CALL    FNDLIN
        LD      H, B
        LD      L, C
        POP     BC
.line:  LD      A, (HL)         ; HL = a line
        INC     HL
        OR      (HL)
        JR      Z, .end
        INC     HL
        LD      E, (HL)
        INC     HL
        LD      D, (HL)
        INC     HL
        LD      A, C            ; past the last line asked for?
        SUB     E
        LD      A, B
        SBC     A, D
        JR      C, .end
        LD      (DOTLN), DE     ; '.' is the last line listed
        PUSH    BC
        PUSH    HL
        EX      DE, HL
        CALL    PRTDEC
        CALL    PRSPC
        POP     HL
        CALL    LISTLN
        CALL    PRNL
        CALL    BRKKEY          ; BREAK stops, SHIFT-@ pauses (keeps HL)
        POP     BC
        JR      .line
.end:   POP     HL
        RET

; A range of lines at HL (A = its first character, Z at the end): DE = the
; first (0), BC = the last (FFFFH): a, a-, -b, a-b; '.' is the current line.
GETRNG: LD      DE, 0
        LD      BC, 0FFFFH
        RET     Z
        CP      T_MINUS
        JR      Z, .to
        CALL    LINNUM          ; (keeps BC)
        CP      T_MINUS
        JR      Z, .to
        LD      B, D            ; a alone
        LD      C, E
        RET
.to:    RST     10H
        JR      C, .b
        CP      '.'
        RET     NZ
.b:     PUSH    DE
        CALL    LINNUM
        LD      B, D
        LD      C, E
        POP     DE
        RET

; Show the stored text at HL (to its 00H) with the keywords spelled out;
; HL ends after the 00H.
LISTLN: LD      C, 0            ; 1 inside quotes
.lp:    LD      A, (HL)
        INC     HL
        OR      A
        RET     Z
        CP      '"'
        JR      NZ, .nq
        INC     C
.nq:    BIT     0, C
        JR      NZ, .out
        CP      ':'
        JR      NZ, .ntok
        LD      A, (HL)
        CP      T_ELSE          ; :ELSE shows as ELSE
        JR      Z, .lp
        CP      T_REM           ; :REM' shows as '
        JR      NZ, .col
        INC     HL
        LD      A, (HL)
        INC     HL
        CP      T_APOS
        JR      Z, .ntok
        DEC     HL
        DEC     HL
.col:   LD      A, ':'
.ntok:  OR      A
        JP      P, .out
        CALL    PRTKW
        JR      .lp
.out:   CALL    OUTCH
        JR      .lp

; Show the keyword of token A.
PRTKW:  PUSH    HL
        LD      HL, KWTAB
        SUB     80H
        JR      Z, .at
        LD      B, A
.sk:    BIT     7, (HL)
        INC     HL
        JR      Z, .sk
        DJNZ    .sk
.at:    LD      A, (HL)
        AND     7FH
        CALL    OUTCH
        BIT     7, (HL)         ; (the last letter)
        INC     HL
        JR      Z, .at
        POP     HL
        RET

; Output A to the device chosen by 409CH (video or printer). Keeps BC DE HL.
OUTCH:  PUSH    DE
        LD      E, A
        LD      A, (OUTDEV)
        OR      A
        LD      A, E
        JR      NZ, .prt
        CALL    DSP
        POP     DE
        RET
.prt:   CALL    PRT
        POP     DE
        RET
