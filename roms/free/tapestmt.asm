; tapestmt.asm - the statements CSAVE, CLOAD and CLOAD? (Level II BASIC
; Reference Manual, "CSAVE", "CLOAD"): they read the name and call tape.asm.

; CSAVE "name": the program to tape.
CSAVEST: CALL   TAPENAME
        PUSH    HL
        CALL    CSAVEP
        POP     HL
        RET

; CLOAD ["name"] loads a program; CLOAD? ["name"] compares it with the one in
; memory and shows BAD if they differ. ('?' is stored as PRINT's token.)
CLOADST: LD     B, 0            ; B = 0 load, FFH compare
        CP      0B2H
        JR      NZ, .arg
        DEC     B
        RST     10H
.arg:   LD      C, 0            ; no name: the first program
        OR      A
        JR      Z, .go
        CP      ':'
        JR      Z, .go
        PUSH    BC
        CALL    TAPENAME
        POP     BC
        LD      C, A
.go:    PUSH    BC
        LD      A, B
        RLA                     ; carry: compare only
        LD      A, C
        CALL    CLOADP
        POP     BC
        JR      Z, .ok
        LD      HL, BADMSG
        CALL    PRTSTR
        JR      .ready
.ok:    INC     B
        CALL    NZ, CLEARV      ; loaded: no variables yet
.ready: JP      READY
BADMSG: DB      "BAD", 0DH, 0

; The string expression at HL -> A = its first character (0 if it is empty).
TAPENAME: CALL  EVAL
        RST     20H
        JP      NZ, TMERR
        LD      A, (FAC)
        OR      A
        RET     Z
        LD      DE, (FAC + 1)
        LD      A, (DE)
        RET
