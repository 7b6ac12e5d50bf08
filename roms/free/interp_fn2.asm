; interp_fn2.asm - more functions (MEM, FRE, POS, ERR, ERL, INP, POINT, USR,
; INKEY$, LEN, ASC, CHR$, STR$, LEFT$, RIGHT$, MID$). No Level II code was
; read.

; MEM (= FRE of a number): free bytes between the arrays and the stack.
MEMFN:  PUSH    HL
MEMHL:  LD      HL, -2              ; (Level II's count at this depth)
        ADD     HL, SP
        LD      DE, (STREND)
        OR      A
        SBC     HL, DE
RETU:   CALL    MAKINT          ; HL unsigned as the result
        BIT     7, H            ; (32768-65535: made single, + 65536)
        CALL    NZ, CSNGU
        POP     HL
        RET

; FRE(x): MEM for a number, free string space for a string.
FREFN:  CALL    PAREN
        PUSH    HL
        RST     20H
        JR      NZ, MEMHL
        CALL    GARBAGE         ; (as Level II: the garbage goes first;
        LD      DE, (STKTOP)    ; it leaves HL = FRETOP)
        OR      A
        SBC     HL, DE
        JP      RETINT

; POS(x)
POSFN:  CALL    PAREN
        PUSH    HL
        CALL    GETCOL
        JP      RETA

; ERR, ERL
ERRFN:  PUSH    HL
        LD      A, (ERRCODE)
        JP      RETA
ERLFN:  PUSH    HL
        LD      HL, (ERRLIN)
        JR      RETU
; The integer in FAC (negative) as the single 65536 higher.
CSNGU:  CALL    CSNG
        LD      DE, SADD        ; + 65536
; ARG := 65536 (single), then to the routine DE.
ARG64K: LD      HL, 0
        LD      (ARG + 4), HL
        LD      HL, 9100H
        LD      (ARG + 6), HL
        EX      DE, HL
        JP      (HL)

; INP(p)
INPFN:  CALL    PAREN
        PUSH    HL
        CALL    FAC2ADR
        LD      A, L
        LD      (INPORT + 1), A
        CALL    INPORT
        JP      RETA

; USR(n): the routine at 408EH with n in the accumulator.
USRFN:  LD      DE, (USRVEC)
        JP      NUMFN

; INKEY$: the key seen between statements, else a scan; "" if none.
INKEYFN: PUSH   HL
        LD      HL, LASTKEY
        LD      A, (HL)
        LD      (HL), 0
        OR      A
        CALL    Z, KBD
        LD      B, 0            ; = STRING$(1, key), or "" without one
        OR      A
        JR      Z, .none
        INC     B
.none:  PUSH    BC
        JP      STRGO
