; interp_fn.asm - the functions (PEEK, USR, MEM, FRE, POS, INKEY$, LEN, ASC,
; CHR$, STR$, LEFT$, RIGHT$, MID$, POINT and the numeric core's ones) and
; the statements not written yet. No Level II code was read.

; Functions C0H-FAH.
; Functions C0H-C9H, then D7H-FAH (CAH-D6H are operators). An address below
; 1800H is a routine of the numeric core, called on the (argument) by NUMFN.
FNTAB:  DW      VARPTRFN, USRFN, ERLFN, ERRFN, STRNGFN, L3ERR, POINTFN, L3ERR ; C0
        DW      MEMFN, INKEYFN                                          ; C8
        DW      XSGN                                                    ; D7
        DW      INT, XABS, FREFN, INPFN, POSFN, XSQR, XRND, XLOG        ; D8
        DW      XEXP, XCOS, XSIN, XTAN, XATN, PEEKFN                    ; E0
        DW      CINT                                                    ; EF (E6H-EEH: ?L3)
        DW      CSNG, CDBL, FIX, LENFN, STRFN, VALFN, ASCFN, CHRFN      ; F0
        DW      LEFTFN, RIGHTFN, MIDFN                                  ; F8

; (numeric expression) -> accumulator; HL after the ')'.
NUMARG: CALL    PAREN
; The accumulator must hold a number (?TM); A, flags as RST 20H gives them.
CHKNUM: RST     20H
        JP      Z, TMERR
        RET
; (string expression)
STRARG: CALL    PAREN
; The accumulator must hold a string (?TM).
CHKSTR: RST     20H
        JP      NZ, TMERR
        RET

; A function of the numeric core (routine DE) on the (argument); keeps HL.
NUMFN:  PUSH    DE
        CALL    NUMARG
        POP     DE
CALLDE: PUSH    HL
        LD      HL, .ret
        PUSH    HL
        PUSH    DE
        RET
.ret:   POP     HL
        RET

; VARPTR(v): the address of the variable's value.
VARPTRFN: RST   08H
        DB      '('
        CALL    PTRGET
        RST     08H
        DB      ')'
        PUSH    HL
        EX      DE, HL
        JR      RETINT

; PEEK(a)
PEEKFN: CALL    PAREN
        PUSH    HL
        CALL    FAC2ADR
        LD      A, (HL)
; A (0-255) as the result; the text pointer is on the stack.
RETA:   LD      L, A
        LD      H, 0
; An integer HL as the result; the text pointer is on the stack.
RETINT: CALL    MAKINT
        POP     HL
        RET
; A (not 0: true) as the result -1 or 0; the text pointer is on the stack.
BOOLR:  ADD     A, 0FFH
        SBC     A, A
        LD      L, A
        LD      H, A
        JR      RETINT

