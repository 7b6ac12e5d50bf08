; tapestmt.asm - the statements CSAVE, CLOAD and CLOAD? (Level II BASIC
; Reference Manual, "CSAVE", "CLOAD"): they read the name and call tape.asm.

; CSAVE "name": the program to tape.
CSAVEST: CALL   EVAL
        CALL    TAPENAME
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
        CALL    EVAL
        CALL    TAPENAME
        POP     BC
        LD      C, A
.go:    PUSH    BC
        LD      A, B
        RLA                     ; carry: compare only
        LD      A, C
        CALL    CLOADP
        POP     BC
        JR      NZ, .bad
        INC     B
        CALL    NZ, CLEARV      ; loaded: no variables yet
        JP      READY
.bad:   LD      HL, BADMSG
        CALL    PRTSTR
        JP      READY
BADMSG: DB      "BAD", 0DH, 0

; A = the first character of the string in the accumulator (0 if it is empty).
TAPENAME: RST   20H
        JP      NZ, TMERR
        LD      A, (FAC)
        OR      A
        RET     Z
        PUSH    HL
        LD      HL, (FAC + 1)
        LD      A, (HL)
        POP     HL
        RET
