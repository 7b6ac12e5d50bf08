; basic0.asm - what BASIC's own code offers machine code before the interpreter
; exists: READY, the error messages, the restart bodies (syntax check, next
; character, compare, type test), line numbers and text output. The interpreter
; (part 3) takes over EXECLN; everything here keeps its published address.

; 1A19H: READY. Machine code jumps here to give control back to BASIC.
READY:  LD      HL, (STKTOP)
        LD      SP, HL
        CALL    FRESHLN
        LD      HL, READYMSG
        CALL    PRTSTR
MAINLP: LD      HL, 0FFFFH      ; direct mode
        LD      (CURLIN), HL
        LD      A, '>'
        CALL    DSP
        CALL    INLIN
        JR      C, MAINLP       ; BREAK: a new prompt
        CALL    EXECLN
        JR      MAINLP

; Run a typed line. The interpreter is not in this ROM yet: nothing happens.
EXECLN: RET

; Start a new line on the screen unless the cursor is already at its start.
FRESHLN: LD     A, (CURSOR)
        AND     3FH
        RET     Z
        LD      A, 0DH
        JP      DSP

; 1B49H: forget the program and its variables.
NEWPGM: XOR     A
        LD      HL, PROGRAM - 1
        LD      (HL), A
        INC     HL
        LD      (HL), A
        INC     HL
        LD      (HL), A
        INC     HL
        LD      (VARTAB), HL
        LD      (ARYTAB), HL
        LD      (STREND), HL
        LD      HL, PROGRAM - 1
        LD      (DATPTR), HL
        RET

; Errors. E = error number x 2 - 2 (the value ERR gives); the entries below
; are the ones machine code jumps to.
SNERR:  LD      E, 2            ; 1997H: ?SN
        JR      ERROR
OMERR:  LD      E, 12           ; 197AH: ?OM
        JR      ERROR
FCERR:  LD      E, 8            ; 1E4AH: ?FC (also the USR vector at power-on)
        JR      ERROR
L3ERR:  LD      E, 44           ; 012DH: ?L3 (Disk BASIC keywords)
; 19A2H: print ?xx ERROR (and IN line when a program runs), then READY.
ERROR:  LD      A, E
        CP      ERRCODES_END - ERRCODES
        JR      C, .known
        LD      E, 38           ; ?UE
.known: LD      A, E
        LD      (ERRCODE), A
        PUSH    DE
        CALL    FRESHLN
        LD      A, '?'
        CALL    DSP
        POP     DE
        LD      D, 0
        LD      HL, ERRCODES
        ADD     HL, DE
        LD      A, (HL)
        CALL    DSP
        INC     HL
        LD      A, (HL)
        CALL    DSP
        LD      HL, ERRMSG
        CALL    PRTSTR
        LD      HL, (CURLIN)
        LD      A, H
        AND     L
        INC     A
        JR      Z, .direct
        PUSH    HL
        LD      HL, INMSG
        CALL    PRTSTR
        POP     HL
        CALL    PRTDEC
.direct: LD     A, 0DH
        CALL    DSP
        JP      READY

; The two-letter error codes, in error-number order.
ERRCODES: DB    "NFSNRGODFCOVOMULBSDD/0IDTMOSLSSTCNNRRWUEMOFDL3"
ERRCODES_END:
ERRMSG: DB      " Error", 0
INMSG:  DB      " in ", 0
READYMSG: DB    "READY", 0DH, 0

; Print HL as an unsigned decimal number, no spaces.
PRTDEC: LD      B, 0
        LD      DE, -10000
        CALL    .digit
        LD      DE, -1000
        CALL    .digit
        LD      DE, -100
        CALL    .digit
        LD      DE, -10
        CALL    .digit
        LD      A, L
        ADD     A, '0'
        JP      DSP
.digit: LD      A, '0' - 1
.sub:   INC     A
        ADD     HL, DE
        JR      C, .sub
        SBC     HL, DE          ; one too many (carry is clear)
        CP      '0'
        JR      NZ, .show
        BIT     7, B            ; leading zeros are not shown
        RET     Z
.show:  SET     7, B
        JP      DSP

; Restart bodies (RAM vectors 4000H-4009H point here).
; 1C96H RST 08H: the byte after the RST must be the character at HL, else ?SN;
; then the next character as RST 10H gives it.
SYNCHK: LD      A, (HL)
        EX      (SP), HL
        CP      (HL)
        INC     HL
        EX      (SP), HL
        JP      NZ, SNERR
; 1D78H RST 10H: A = next non-blank character after HL (HL moves to it).
; Z at the end of a statement (00H or ':'), carry for a digit.
CHRGET: INC     HL
        LD      A, (HL)
        CP      ' '
        JR      Z, CHRGET
        CP      ':'
        RET     NC              ; ':' Z; letters and keywords NZ; no carry
        OR      A
        RET     Z               ; end of line
        CP      '0'
        JR      C, .other
        OR      A               ; a digit: NZ, carry
        SCF
        RET
.other: OR      A               ; NZ, no carry
        RET
; 1C90H RST 18H: compare HL with DE, unsigned, flags as CP. Changes only A.
CPDEHL: LD      A, H
        SUB     D
        RET     NZ
        LD      A, L
        SUB     E
        RET
; 25D9H RST 20H: A = type - 3; Z string, M integer, no carry for double.
GETYPE: LD      A, (VALTYP)
        CP      8
        JR      NC, .dbl
        SUB     3
        OR      A
        SCF
        RET
.dbl:   SUB     3
        OR      A
        RET

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
        LD      H, D            ; DE x 10 + digit
        LD      L, E
        ADD     HL, HL
        JR      C, .ovf
        ADD     HL, HL
        JR      C, .ovf
        ADD     HL, DE
        JR      C, .ovf
        ADD     HL, HL
        JR      C, .ovf
        LD      E, A
        LD      D, 0
        ADD     HL, DE
        JR      C, .ovf
        EX      DE, HL
        LD      HL, 65529
        OR      A
        SBC     HL, DE
        POP     HL
        RET     C
.next:  INC     HL
        JR      .dig
.end:   LD      A, (HL)
        OR      A               ; no carry
        RET
.ovf:   POP     HL
        SCF
        RET

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

