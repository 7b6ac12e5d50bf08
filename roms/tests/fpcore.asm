; fpcore.asm - the numeric core placed as in the free ROM (fp_layout.asm at
; 0700H), with stand-ins for the kernel's ERROR and ?L3 entries, for tests
; that call its routines by symbol (tests/fp_rom.rs) until it joins the free
; ROM.
VALTYP  EQU     40AFH
FAC     EQU     411DH
FACSNG  EQU     4121H
FACEXP  EQU     4124H
ARG     EQU     4127H
FBUFFR  EQU     4130H
SEED    EQU     40AAH

PLACE   MACRO   addr
        ASSERT  $ <= (addr), "the code before this pin runs past it"
        DS      (addr) - $, 0FFH
        ENDM

        ORG     0
        DI
        HALT
ERROR:  HALT                    ; tests stop here with a breakpoint
L3ERR:  LD      E,2CH
        JP      ERROR
        PLACE   0033H
DSPCHRE: PUSH   HL              ; stand-in display: characters go to 7C00H on
        LD      HL,(7BFEH)      ; (the pointer at 7BFEH)
        LD      (HL),A
        INC     HL
        LD      (7BFEH),HL
        POP     HL
        RET
        PLACE   0700H
        INCLUDE "include/fp_layout.asm"
        PLACE   1800H
