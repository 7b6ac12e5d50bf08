; llist.asm - LLIST (placed in a gap of the kernel region).

; LLIST: LIST to the printer.
LLISTST: PUSH   AF              ; (A and the flags as RST 10H gave them)
        LD      A, 1
        LD      (OUTDEV), A
        POP     AF
        CALL    LISTST
        XOR     A
        LD      (OUTDEV), A
        RET
