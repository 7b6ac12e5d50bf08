; restarts.asm - 0000H-0068H: the restarts and the entry points Level II
; programs call in the first page, each at its published address (see
; entry_points.asm). Short jobs are done in place; the rest jump to the modules.

        ; 0000H: power-on, Z80 reset, `JP 0` from a program.
RESET:  DI
        LD      SP, 4380H       ; a stack in the first 1 KB of RAM
        JP      COLD
        PLACE   0008H
RST08:  JP      RST08V          ; syntax check (the interpreter's, via RAM)
WHERE:  POP     HL              ; 000BH: "where am I": jump back to the caller
        JP      (HL)
DISKBT: JP      DISKBOOT        ; 000DH: boot from disk drive 0
RST10:  JP      RST10V          ; next character of the statement
GETDEV: PUSH    BC              ; 0013H: input a byte from the DCB at DE
        LD      B, 1
        JR      DCBGO
RST18:  JP      RST18V          ; compare HL with DE
PUTDEV: PUSH    BC              ; 001BH: output A to the DCB at DE
        LD      B, 2
        JR      DCBGO
RST20:  JP      RST20V          ; type of the accumulator
CTLDEV: PUSH    BC              ; 0023H: control request to the DCB at DE
        LD      B, 4
        JR      DCBGO
RST28:  JP      RST28V          ; BREAK / DOS hook
KBD:    LD      DE, KBDCB       ; 002BH: scan the keyboard once -> A (0 = none)
        JR      GETDEV
RST30:  JP      RST30V
DSP:    LD      DE, VIDDCB      ; 0033H: display A
        JR      PUTDEV
RST38:  JP      RST38V          ; IM 1 interrupt
PRT:    LD      DE, PRTDCB      ; 003BH: print A
        JR      PUTDEV
KEYINE: JP      KEYIN           ; 0040H: input a line (HL buffer, B max)
DCBGO:  PUSH    HL              ; 0043H-0048H: the DCB dispatcher (dcb.asm)
        PUSH    IX
        JP      DCBDISP
        PLACE   0049H
KEY:    CALL    KBD             ; 0049H: wait for a key -> A
        OR      A
        RET     NZ
        JR      KEY
        ; 0050H: the codes of the special keys, unshifted then shifted:
        ; ENTER, CLEAR, BREAK, up, down, left, right, space.
KEYTAB: DB      0DH, 0DH, 1FH, 1FH, 01H, 01H, 5BH, 1BH
        DB      0AH, 1AH, 08H, 18H, 09H, 19H, 20H, 20H
        ; 0060H: wait BC x 26 T-states (14.66 us at 1.774 MHz); BC = 0 is 65536.
DELAY:  DEC     BC
        LD      A, B
        OR      C
        JR      NZ, DELAY
        RET
NMIE:   JP      NMI             ; 0066H: the RESET button
