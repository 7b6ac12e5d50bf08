; fp_fin.asm - FIN (0E6CH): the number in the text at HL -> accumulator, as
; Level II was seen to read numbers (the rules are written out in
; tests/fpsupport/fin.rs, checked on thousands of strings recorded from the
; real ROM). No Level II code was read.
;
; In: HL at the number (a leading '-' or '+' must be right there). Out: the
; value and VALTYP; HL at the first character after the number (blanks
; before it skipped, except after a suffix ! # %). ?OV when too large, ?SN
; for % on a number that is not an integer.
; XFIND (VAL) reads the same way but starts in double precision.
; Work cells (FOUT's, free while FIN runs): FINSGN, FINPT, FINDIG, FINEXP.

FINSGN  EQU     4088H           ; nonzero: a leading '-'
FINPT   EQU     4089H           ; 0 no point yet, else 1 + digits after it
FINDIG  EQU     408AH           ; significant digits so far
FINEXP  EQU     408BH           ; the E/D exponent, signed

XFIN:   LD      A,2
        DB      1               ; (LD BC,nn: skips the next instruction)
XFIND:  LD      A,8
        LD      (VALTYP),A
        PUSH    HL
        LD      HL,FAC          ; double: FAC := 0; else only 4121H-4124H
        LD      B,8             ; (411DH-4120H may hold a string's
        CP      B               ; descriptor the caller still needs)
        JR      Z,.CLR
        LD      L,FACSNG & 0FFH
        LD      B,4
.CLR:   CALL    CLRN
        LD      HL,FINSGN
        LD      B,4
        CALL    CLRN
        POP     HL
        LD      A,(HL)
        CP      '-'
        JR      NZ,.NM
        LD      (FINSGN),A
        JR      .NEXT
.NM:    CP      '+'
        JR      Z,.NEXT
        DEC     HL
.NEXT:  RST     10H
        JR      NC,.ND
        SUB     '0'
        CALL    FDIGIT
        LD      A,(FINPT)
        OR      A
        JR      Z,.NEXT
        INC     A
.PT:    LD      (FINPT),A
        JR      .NEXT
.ND:    CP      '.'
        JR      NZ,.NP
        LD      A,(FINPT)
        OR      A
        JR      NZ,.END         ; a second point ends the number
        CALL    TOFLT
        LD      A,1
        JR      .PT
.NP:    CP      '%'
        JR      Z,.PCT
        LD      DE,XCDBL
        CP      '#'
        JR      Z,.SUF
        CP      'D'
        JR      Z,.EXP
        LD      DE,XCSNG
        CP      '!'
        JR      Z,.SUF
        CP      'E'
        JR      NZ,.END
.EXP:   CALL    CALLDE         ; E: single, D: double
        RST     10H
        LD      C,0
        CP      0CEH            ; '-' or its token
        JR      Z,.EN
        CP      '-'
        JR      NZ,.EP
.EN:    DEC     C
        JR      .EL
.EP:    CP      0CDH
        JR      Z,.EL
        CP      '+'
        JR      NZ,.ED
.EL:    RST     10H
.ED:    SUB     '0'
        CP      10
        JR      NC,.EE
        LD      B,A
        LD      A,(FINEXP)
        CP      12              ; (stays below 128: 1E200 is ?OV anyway)
        JR      C,.E10
        LD      A,11
.E10:   LD      E,A
        ADD     A,A
        ADD     A,A
        ADD     A,E
        ADD     A,A
        ADD     A,B
        LD      (FINEXP),A
        JR      .EL
.EE:    INC     C
        JR      NZ,.END
        LD      A,(FINEXP)
        NEG
        LD      (FINEXP),A
        JR      .END
.PCT:   RST     20H
        JP      P,SNERR
        JR      .SUF1
.SUF:   CALL    CALLDE
.SUF1:  INC     HL
.END:   PUSH    HL
        RST     20H
        JP      M,.SIGN
        LD      A,(FINPT)       ; the power of ten: exponent - digits after '.'
        OR      A
        JR      Z,.NOPT
        DEC     A
.NOPT:  LD      B,A
        LD      A,(FINEXP)
        SUB     B
        JR      Z,.SIGN
        JP      P,.MUL
.DIV:   PUSH    AF
        LD      A,10
        CALL    ARGA
        CALL    FODIV
        POP     AF
        INC     A
        JR      NZ,.DIV
        JR      .SIGN
.MUL:   PUSH    AF
        CALL    TIMES10
        POP     AF
        DEC     A
        JR      NZ,.MUL
.SIGN:  POP     HL
        JP      FINSIGN
