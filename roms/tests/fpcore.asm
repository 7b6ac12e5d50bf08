; fpcore.asm - the numeric core on its own, for tests that call its routines
; by symbol (tests/fp_rom.rs) until it joins the free ROM.
VALTYP  EQU     40AFH
FAC     EQU     411DH
FACSNG  EQU     4121H
FACEXP  EQU     4124H
ARG     EQU     4127H
FBUFFR  EQU     4130H
        ORG     0
        DI
        HALT
OVERR:  LD      E,10
ERROR:  HALT                    ; tests stop here with a breakpoint
        INCLUDE "include/fp_arith.asm"
        INCLUDE "include/fp_conv.asm"
CINT:   JP      XCINT
MAKINT: JP      XMAKINT
CSNG:   JP      XCSNG
CDBL:   JP      XCDBL
FIX:    JP      XFIX
INT:    JP      XINT
