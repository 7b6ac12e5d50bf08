; basic1.asm - the restart bodies of BASIC (syntax check, next character,
; compare, type test), line numbers and message output. Each part sits at its
; published address (main.asm includes it with B1PART set); the RAM vectors
; 4000H-4009H point there.

        IF      B1PART == 1
; 1C90H RST 18H: compare HL with DE, unsigned, flags as CP. Changes only A.
CPDEHL: LD      A, H
        SUB     D
        RET     NZ
        LD      A, L
        SUB     E
        RET
        ENDIF

        IF      B1PART == 2
; 1C96H RST 08H: the byte after the RST must be the character at HL, else ?SN;
; then the next character as RST 10H gives it.
SYNCHK: LD      A, (HL)
        EX      (SP), HL
        CP      (HL)
        INC     HL
        EX      (SP), HL
        JP      NZ, SNERR
        JP      CHRGET
        ENDIF

        IF      B1PART == 3
; 1D78H RST 10H: A = next non-blank character after HL (HL moves to it;
; spaces, tabs and line feeds are blanks). Z at the end of a statement (00H
; or ':'), carry for a digit.
CHRGET: INC     HL
        LD      A, (HL)
        CP      ' '
        JR      Z, CHRGET
        CP      ':'
        RET     NC              ; ':' Z; letters and keywords NZ; no carry
        JP      CHRLOW          ; (chrlow.asm)
        ENDIF

        IF      B1PART == 4
; 1E5AH: the decimal number at HL -> DE (?SN above 65529). HL is left on the
; first character after it, A holds that character.
LINGET: CALL    DECNUM
        JP      C, SNERR
        RET

; The decimal digits at HL (blanks between them are skipped) -> DE; carry if
; the number is above 65529. HL, A: the first other character.
DECNUM: LD      DE, 0
.dig:   LD      A, (HL)
        CP      ' '
        JR      Z, .next
        SUB     '0'
        CP      10
        JR      NC, .end
        PUSH    HL
        LD      HL, -6553       ; DE x 10 + digit stays within 65529 if
        ADD     HL, DE          ; DE < 6553
        JR      C, .ovf
        LD      H, D
        LD      L, E
        ADD     HL, HL
        ADD     HL, HL
        ADD     HL, DE
        ADD     HL, HL
        LD      E, A
        LD      D, 0
        ADD     HL, DE
        EX      DE, HL
        POP     HL
.next:  INC     HL
        JR      .dig
.end:   LD      A, (HL)
        OR      A               ; no carry
        RET
.ovf:   POP     HL
        SCF
        RET
        ENDIF

        IF      B1PART == 5
; 25D9H RST 20H: A = type - 3; Z string, M integer, no carry for double.
GETYPE: LD      A, (VALTYP)
        CP      8               ; (DEC keeps the carry)
        DEC     A
        DEC     A
        DEC     A
        RET
        ENDIF

        IF      B1PART == 6
; 28A7H: show the text at HL up to 00H or '"'. Leaves the value type string.
STROUT: LD      A, (HL)
        OR      A
        JR      Z, .end
        CP      '"'
        JR      Z, .end
        CALL    DSP
        INC     HL
        JR      STROUT
.end:   LD      A, 3
        LD      (VALTYP), A
        RET
        ENDIF
