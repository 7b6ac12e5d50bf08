; interp_keychk.asm - the keys looked at between statements: BREAK or SHIFT-@
; held down lets the keyboard driver read the key (BREAK stops the program,
; SHIFT-@ waits for another key). No Level II code was read.

KEYCHK: LD      A, (KBROW6)     ; BREAK
        AND     4
        JP      NZ, BRKKEY
        LD      A, (KBROW0)     ; @ with SHIFT
        RRCA
        RET     NC
        LD      A, (KBROW7)
        RRCA
        RET     NC
        JP      BRKKEY
