; tape_demo.asm — a small machine-language program for the cassette and /CMD loader tests.
;
; Loaded from a SYSTEM tape (by the ROM's SYSTEM command or the fast path) or from a /CMD file,
; it adds up its 300-byte data table (more than one 256-byte tape block, so the loaders must
; join blocks), then writes "TAPE DEMO OK" (or "TAPE DEMO BAD" if the table did not arrive
; intact) on screen row 8 and stays in a loop. Uses no ROM routine, so it runs under any ROM.

VIDEO   EQU     3C00H
ROW8    EQU     VIDEO+8*64
TABLEN  EQU     300
FILL    EQU     0A5H
EXPECT  EQU     (TABLEN*FILL) & 0FFFFH

        ORG     7000H
START:  DI
        LD      HL,TABLE
        LD      BC,TABLEN
        LD      DE,0
SUM:    LD      A,(HL)          ; DE += table byte
        ADD     A,E
        LD      E,A
        LD      A,D
        ADC     A,0
        LD      D,A
        INC     HL
        DEC     BC
        LD      A,B
        OR      C
        JR      NZ,SUM
        LD      HL,EXPECT
        OR      A
        SBC     HL,DE
        LD      HL,MSGOK
        JR      Z,SHOW
        LD      HL,MSGBAD
SHOW:   LD      DE,ROW8
COPY:   LD      A,(HL)
        OR      A
        JR      Z,DONE
        LD      (DE),A
        INC     HL
        INC     DE
        JR      COPY
DONE:   JR      DONE

MSGOK:  DB      "TAPE DEMO OK",0
MSGBAD: DB      "TAPE DEMO BAD",0
TABLE:  DS      TABLEN,FILL

        END     START
